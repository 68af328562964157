import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { summarizeColumns } from '../../src/data/index.js';
import { summarizeParallel } from '../../src/node/index.js';
import { idleWorkerCount } from '../../src/node/summaryWorker.js';
import { fc, test } from '../support/property.js';

const DAY = 86_400_000;

// Workers are kept between calls here: starting one from the TypeScript sources (through tsx) takes a second.
const keep = { keepWorkers: true } as const;

function typedLog(
  n: number,
  customers: number,
  seed = 1,
): { customerIds: Int32Array; dates: Float64Array; amounts: Float64Array } {
  const customerIds = new Int32Array(n);
  const dates = new Float64Array(n);
  const amounts = new Float64Array(n);
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 4_294_967_296;
  };
  for (let i = 0; i < n; i++) {
    customerIds[i] = Math.floor(next() * customers) * 10;
    dates[i] = Math.floor(next() * 700) * DAY;
    amounts[i] = Math.round(next() * 10_000) / 100;
  }
  return { customerIds, dates, amounts };
}

describe('summarizeParallel', () => {
  test.prop(
    [
      fc.array(
        fc.record({
          id: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom('a', 'b', '__proto__')),
          day: fc.integer({ min: 0, max: 400 }),
          cents: fc.integer({ min: -500, max: 90_000 }),
        }),
        { maxLength: 80 },
      ),
      fc.integer({ min: 1, max: 3 }),
      fc.option(fc.integer({ min: 100, max: 500 }), { nil: undefined }),
    ],
    { numRuns: 12 },
  )('equals summarizeColumns for any number of workers', async (log, workers, endDay) => {
    const input = {
      customerIds: log.map((t) => t.id),
      dates: new Float64Array(log.map((t) => t.day * DAY)),
      amounts: new Float64Array(log.map((t) => t.cents / 100)),
    };
    const options = { timeUnit: 'week' as const, ...(endDay === undefined ? {} : { observationEnd: endDay * DAY }) };
    expect(await summarizeParallel(input, { ...options, workers, ...keep })).toEqual(summarizeColumns(input, options));
  });

  test.prop(
    [
      fc.array(
        fc.record({
          id: fc.integer({ min: -3, max: 40 }),
          day: fc.integer({ min: 0, max: 400 }),
          cents: fc.integer({ min: -500, max: 90_000 }),
          bad: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2),
        }),
        { maxLength: 120 },
      ),
      fc.integer({ min: 2, max: 4 }),
      fc.option(fc.integer({ min: 50, max: 450 }), { nil: undefined }),
      fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
    ],
    { numRuns: 12 },
  )(
    'splits typed columns into row ranges and customer partitions exactly (skipped rows included)',
    async (log, workers, endDay, period) => {
      // Typed columns take the path where every thread reads a range of rows: invalid rows land in any range.
      const input = {
        customerIds: new Float64Array(log.map((t) => (t.bad === 1 ? Number.NaN : t.id))),
        dates: new Float64Array(log.map((t) => t.day * DAY)),
        amounts: new Float64Array(log.map((t) => (t.bad === 2 ? Number.POSITIVE_INFINITY : t.cents / 100))),
      };
      const options = {
        period,
        onInvalid: 'skip' as const,
        ...(endDay === undefined ? {} : { observationEnd: endDay * DAY }),
      };
      expect(await summarizeParallel(input, { ...options, workers, ...keep })).toEqual(
        summarizeColumns(input, options),
      );
    },
  );

  it('matches on a larger typed input with two and three threads, shared or not', async () => {
    const input = typedLog(50_000, 5000);
    const expected = summarizeColumns(input);
    expect(await summarizeParallel(input, { workers: 2, ...keep })).toEqual(expected);
    expect(await summarizeParallel(input, { workers: 3, ...keep })).toEqual(expected);
    const shared = {
      customerIds: new Int32Array(new SharedArrayBuffer(4 * input.customerIds.length)),
      dates: new Float64Array(new SharedArrayBuffer(8 * input.dates.length)),
      amounts: new Float64Array(new SharedArrayBuffer(8 * input.amounts.length)),
    };
    shared.customerIds.set(input.customerIds);
    shared.dates.set(input.dates);
    shared.amounts.set(input.amounts);
    expect(await summarizeParallel(shared, { workers: 2, ...keep })).toEqual(expected);
  });

  it('handles empty partitions: one customer, more threads than customers, customers only after the end', async () => {
    const one = {
      customerIds: new Int32Array([7, 7, 7]),
      dates: new Float64Array([0, DAY, 9 * DAY]),
      amounts: new Float64Array([1, 2, 3]),
    };
    expect(await summarizeParallel(one, { workers: 4, ...keep })).toEqual(summarizeColumns(one));
    const two = { customerIds: ['x', 'y'], dates: [0, DAY], amounts: [1, 2] };
    expect(await summarizeParallel(two, { workers: 8, ...keep })).toEqual(summarizeColumns(two));
    // Customer 3 has only rows after the observation end: left out, as by summarizeColumns.
    const later = {
      customerIds: new Int32Array([1, 3, 2, 3]),
      dates: new Float64Array([0, 9 * DAY, DAY, 8 * DAY]),
      amounts: new Float64Array([1, 1, 1, 1]),
    };
    const result = await summarizeParallel(later, { workers: 3, observationEnd: 2 * DAY, ...keep });
    expect(result).toEqual(summarizeColumns(later, { observationEnd: 2 * DAY }));
    expect(result.customers.customerIds).toEqual([1, 2]);
    expect(result.counts).toEqual({ read: 4, used: 2, afterObservationEnd: 2, skipped: 0 });
    // No valid row at all: no customers and no observation end, as serially.
    const none = {
      customerIds: new Int32Array(4),
      dates: new Float64Array(4).fill(Number.NaN),
      amounts: new Float64Array(4),
    };
    expect(await summarizeParallel(none, { workers: 2, onInvalid: 'skip', ...keep })).toEqual(
      summarizeColumns(none, { onInvalid: 'skip' }),
    );
  });

  it('reads bigint columns (Arrow int64 ids and timestamps) as summarizeColumns does', async () => {
    const input = {
      customerIds: new BigInt64Array([5n, 6n, 5n, 7n]),
      dates: new BigInt64Array([0n, 1n, 3n, 2n]),
      amounts: new Float64Array([1, 2, 3, 4]),
    };
    expect(await summarizeParallel(input, { workers: 2, dateUnit: 'day', ...keep })).toEqual(
      summarizeColumns(input, { dateUnit: 'day' }),
    );
  });

  it('reports the first invalid row, as the serial version does, and validates its options', async () => {
    const input = { customerIds: [1, 2, 3, 4], dates: [0, 0, Number.NaN, 0], amounts: [1, Number.NaN, 1, 1] };
    await expect(summarizeParallel(input, { workers: 2 })).rejects.toThrow(
      'amounts[1]: expected a finite number, got NaN',
    );
    const skipped = await summarizeParallel(input, { workers: 2, onInvalid: 'skip' });
    expect(skipped).toEqual(summarizeColumns(input, { onInvalid: 'skip' }));
    await expect(summarizeParallel(input, { workers: 0 })).rejects.toBeInstanceOf(CrmAnalyticsError);
    await expect(summarizeParallel(input, { keepWorkers: 'yes' as never })).rejects.toThrow(/options\.keepWorkers/);
    await expect(summarizeParallel(input, { period: 'year' as 'day' })).rejects.toThrow(/options\.period/);
  });

  it('reports the first invalid row when it is in a worker’s row range, with its index and value', async () => {
    const input = typedLog(1000, 50);
    input.amounts[900] = Number.NaN;
    input.dates[700] = Number.POSITIVE_INFINITY;
    const error = await summarizeParallel(input, { workers: 2, ...keep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmAnalyticsError);
    expect((error as CrmAnalyticsError).message).toBe(
      'dates[700]: expected a date (epoch milliseconds, a valid Date or an ISO 8601 string), got Infinity',
    );
    expect((error as CrmAnalyticsError).index).toBe(700);
    expect((error as CrmAnalyticsError).path).toEqual(['dates', 700]);
    // An error in the calling thread's range comes first even though a worker's range also fails.
    input.amounts[3] = Number.NaN;
    await expect(summarizeParallel(input, { workers: 2, ...keep })).rejects.toThrow(/^amounts\[3\]/);
  });

  it('keeps workers for the next call with keepWorkers, and ends them otherwise', async () => {
    const input = typedLog(2000, 100);
    await summarizeParallel(input, { workers: 3, keepWorkers: true });
    const idle = idleWorkerCount();
    expect(idle).toBeGreaterThanOrEqual(2);
    await summarizeParallel(input, { workers: 3, keepWorkers: true });
    expect(idleWorkerCount()).toBe(idle);
    // Without keepWorkers, pooled workers are used and then ended.
    await summarizeParallel(input, { workers: 3 });
    expect(idleWorkerCount()).toBe(idle - 2);
  });
});
