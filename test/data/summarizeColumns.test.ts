import { DateDay, Float64, Int32, Table, TimestampMicrosecond, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { summarizeColumns, summarizeCustomers, summaryColumnsToTable } from '../../src/data/index.js';
import { loadCdnowSample } from '../support/fixtures.js';
import { fc, test } from '../support/property.js';

const DAY = 86_400_000;

const txArb = fc.record({
  customerId: fc.oneof(
    fc.integer({ min: 0, max: 6 }),
    fc.constantFrom('a', '__proto__', 'toString'),
    fc.constant(5_000_000),
  ),
  day: fc.integer({ min: 0, max: 300 }),
  hour: fc.integer({ min: 0, max: 23 }),
  amount: fc.integer({ min: -300, max: 50_000 }).map((c) => c / 100),
});

describe('summarizeColumns', () => {
  test.prop([
    fc.array(txArb, { maxLength: 60 }),
    fc.constantFrom('day', 'week', 'month' as const),
    fc.constantFrom('repeat-mean', 'mean', 'total' as const),
  ])('gives exactly the summaries of summarizeCustomers', (log, period, monetary) => {
    const base = Date.UTC(2023, 5, 1);
    const records = log.map((t) => ({
      customerId: t.customerId,
      date: base + t.day * DAY + t.hour * 3_600_000,
      amount: t.amount,
    }));
    const columns = summarizeColumns(
      {
        customerIds: records.map((r) => r.customerId),
        dates: new Float64Array(records.map((r) => r.date)),
        amounts: new Float64Array(records.map((r) => r.amount)),
      },
      { period, monetary, timeUnit: 'week' },
    );
    expect(summaryColumnsToTable(columns)).toEqual(summarizeCustomers(records, { period, monetary, timeUnit: 'week' }));
  });

  it('reproduces the CDNOW summary from typed columns', () => {
    const rows = loadCdnowSample();
    const parse = (s: string): number =>
      Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
    const result = summarizeColumns(
      {
        customerIds: new Int32Array(rows.map((r) => r.customerId)),
        dates: new Float64Array(rows.map((r) => parse(r.date))),
        amounts: new Float64Array(rows.map((r) => r.amount)),
      },
      { observationEnd: '1997-09-30', timeUnit: 'week' },
    );
    const records = summarizeCustomers(rows, { observationEnd: '1997-09-30', timeUnit: 'week' });
    expect(summaryColumnsToTable(result)).toEqual(records);
    expect(result.customers.length).toBe(2357);
  });

  it('reads epoch days, ISO strings, Dates and bigints', () => {
    const common = { customerIds: [1, 1], amounts: [1, 2] };
    const expected = [1];
    expect(Array.from(summarizeColumns({ ...common, dates: [0, 3] }, { dateUnit: 'day' }).customers.recency)).toEqual([
      3,
    ]);
    expect(
      Array.from(summarizeColumns({ ...common, dates: ['1970-01-01', '1970-01-04'] }).customers.frequency),
    ).toEqual(expected);
    expect(
      Array.from(summarizeColumns({ ...common, dates: [new Date(0), new Date(3 * DAY)] }).customers.recency),
    ).toEqual([3]);
    expect(
      Array.from(
        summarizeColumns({ customerIds: [1n, 1n], dates: [0n, BigInt(3 * DAY)], amounts: [1, 2] }).customers.recency,
      ),
    ).toEqual([3]);
  });

  it('reads an Apache Arrow table (date and timestamp columns in their own units)', () => {
    const table = new Table({
      cust: vectorFromArray(['a', 'a', 'b'], new Utf8()),
      day: vectorFromArray([new Date('2024-01-01'), new Date('2024-01-08'), new Date('2024-01-03')], new DateDay()),
      ts: vectorFromArray(
        [new Date('2024-01-01T10:00Z'), new Date('2024-01-08T23:00Z'), new Date('2024-01-03T00:00Z')],
        new TimestampMicrosecond(),
      ),
      amount: vectorFromArray([10, 20, 5], new Float64()),
      n: vectorFromArray([1, 2, 3], new Int32()),
    });
    for (const date of ['day', 'ts']) {
      const result = summarizeColumns(table, { columns: { customerId: 'cust', date }, observationEnd: '2024-01-10' });
      expect(result.customers.customerIds).toEqual(['a', 'b']);
      expect(Array.from(result.customers.recency)).toEqual([7, 0]);
      expect(Array.from(result.customers.T)).toEqual([9, 7]);
      expect(Array.from(result.customers.monetaryValue)).toEqual([20, 0]);
    }
    expect(() => summarizeColumns(table)).toThrow(
      'table: no column "customerId" for the customerId (set options.columns.customerId)',
    );
  });

  it('names the column and row of a bad value, or skips it with onInvalid: "skip"', () => {
    const input = {
      customerIds: [1, 2, 3],
      dates: [0, Number.NaN, 0],
      amounts: new Float64Array([1, 2, Number.POSITIVE_INFINITY]),
    };
    expect(() => summarizeColumns(input)).toThrow(
      'dates[1]: expected a date (epoch milliseconds, a valid Date or an ISO 8601 string), got NaN',
    );
    const skipped = summarizeColumns(input, { onInvalid: 'skip' });
    expect(skipped.customers.customerIds).toEqual([1]);
    expect(skipped.counts).toEqual({ read: 3, used: 1, afterObservationEnd: 0, skipped: 2 });
    expect(skipped.skipped.map((s) => s.reason)).toEqual([
      'dates[1]: expected a date (epoch milliseconds, a valid Date or an ISO 8601 string), got NaN',
      'amounts[2]: expected a finite number, got Infinity',
    ]);
    expect(() => summarizeColumns({ customerIds: [''], dates: [0], amounts: [1] })).toThrow(
      /^customerIds\[0\]: expected a customer id/,
    );
  });

  it('rejects columns of different lengths and non-columns', () => {
    expect(() => summarizeColumns({ customerIds: [1, 2], dates: [0], amounts: [1, 2] })).toThrow(
      'columns: expected columns of equal length, got customerIds 2, dates 1, amounts 2',
    );
    expect(() => summarizeColumns({ customerIds: 5, dates: [], amounts: [] } as never)).toThrow(CrmAnalyticsError);
    expect(() => summarizeColumns(null as never)).toThrow(CrmAnalyticsError);
    expect(() => summarizeColumns({ customerIds: [], dates: [], amounts: [] }, { dateUnit: 'hour' as 'ms' })).toThrow(
      /options\.dateUnit/,
    );
  });

  it('returns empty columns for empty input and does not mutate its input', () => {
    expect(summarizeColumns({ customerIds: [], dates: [], amounts: [] }).customers.length).toBe(0);
    const amounts = new Float64Array([3, -0, 2]);
    const input = { customerIds: Object.freeze([1, 1, 2]), dates: Object.freeze([0, DAY, 0]), amounts };
    summarizeColumns(input);
    expect(Array.from(amounts)).toEqual([3, -0, 2]);
    expect(Object.is(amounts[1], -0)).toBe(true);
  });
});
