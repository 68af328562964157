import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeCustomers } from '../../src/data/index.js';
import type { CustomerSummary, CustomerSummaryTable } from '../../src/data/types.js';
import { summarizeWithDuckDB } from '../../src/duckdb/index.js';
import { quoteSqlIdentifier, summarySql } from '../../src/sql/index.js';
import { loadCdnowSample } from '../support/fixtures.js';
import { fc, test } from '../support/property.js';

/** Same customers with the same values (money to 1e-9 relative: engines sum in their own order). */
function expectSameSummaries(actual: CustomerSummaryTable, expected: CustomerSummaryTable): void {
  expect(actual.customers).toHaveLength(expected.customers.length);
  const byId = new Map(expected.customers.map((c) => [String(c.customerId), c]));
  for (const c of actual.customers) {
    const e = byId.get(String(c.customerId)) as CustomerSummary;
    expect(e, `customer ${String(c.customerId)}`).toBeDefined();
    expect(c.frequency).toBe(e.frequency);
    expect(c.transactionCount).toBe(e.transactionCount);
    expect(c.recency).toBeCloseTo(e.recency, 9);
    expect(c.T).toBeCloseTo(e.T, 9);
    expect(Math.abs(c.monetaryValue - e.monetaryValue)).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(e.monetaryValue)),
    );
    expect(Math.abs(c.totalRevenue - e.totalRevenue)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e.totalRevenue)));
    expect(c.firstPurchase.getTime()).toBe(e.firstPurchase.getTime());
    expect(c.lastPurchase.getTime()).toBe(e.lastPurchase.getTime());
  }
}

const cdnow = loadCdnowSample();
const iso = (s: string): string => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE TABLE cdnow (customer_id INTEGER, "order date" DATE, amount DOUBLE)');
  const appender = await connection.createAppender('cdnow');
  for (const r of cdnow) {
    appender.appendInteger(r.customerId);
    appender.appendVarchar(iso(r.date));
    appender.appendDouble(r.amount);
    appender.endRow();
  }
  appender.closeSync();
});

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
});

describe('summarySql on DuckDB', () => {
  it.each([
    ['day', 'week', 'repeat-mean'],
    ['week', 'day', 'mean'],
    ['month', 'month', 'total'],
  ] as const)(
    'equals summarizeCustomers on CDNOW (period %s, timeUnit %s, monetary %s)',
    async (period, timeUnit, monetary) => {
      const options = { observationEnd: '1997-09-30', period, timeUnit, monetary } as const;
      const table = await summarizeWithDuckDB({
        connection,
        table: 'cdnow',
        customer: 'customer_id',
        date: 'order date',
        ...options,
      });
      expectSameSummaries(table, summarizeCustomers(cdnow, options));
      expect(table.observationEnd?.toISOString().slice(0, 10)).toBe('1997-09-30');
    },
  );

  it('defaults the observation end to the last purchase day', async () => {
    const table = await summarizeWithDuckDB({
      connection,
      table: 'cdnow',
      customer: 'customer_id',
      date: 'order date',
    });
    expectSameSummaries(table, summarizeCustomers(cdnow));
  });

  it('reads CSV files directly', async () => {
    const table = await summarizeWithDuckDB({
      csvPath: 'test/fixtures/orders.csv',
      customer: 'customer_id',
      timeUnit: 'week',
    });
    const rows = [
      ['a', '2024-01-03', 20],
      ['a', '2024-01-03', 5.5],
      ['b', '2024-01-10', 15],
      ['a', '2024-02-14', 40],
      ['c', '2024-02-20', 99.9],
      ['b', '2024-03-01', 12.25],
      ['a', '2024-03-30', -10],
      ['c', '2024-03-31', 30],
    ].map(([customerId, date, amount]) => ({ customerId, date, amount }));
    expectSameSummaries(table, summarizeCustomers(rows, { timeUnit: 'week' }));
  });

  test.prop(
    [
      fc.array(
        fc.record({
          customer: fc.integer({ min: 1, max: 8 }),
          day: fc.integer({ min: 0, max: 200 }),
          cents: fc.integer({ min: -1000, max: 100_000 }),
        }),
        { minLength: 1, maxLength: 50 },
      ),
      fc.constantFrom('day', 'week', 'month' as const),
    ],
    { numRuns: 25 },
  )('equals summarizeCustomers on random logs', async (log, period) => {
    await connection.run('CREATE OR REPLACE TABLE random_log (c INTEGER, d DATE, a DOUBLE)');
    const values = log.map((t) => `(${t.customer}, DATE '2023-01-01' + ${t.day}, ${t.cents / 100})`).join(', ');
    await connection.run(`INSERT INTO random_log VALUES ${values}`);
    const table = await summarizeWithDuckDB({
      connection,
      table: 'random_log',
      customer: 'c',
      date: 'd',
      amount: 'a',
      period,
    });
    const records = log.map((t) => ({
      customerId: t.customer,
      date: Date.UTC(2023, 0, 1) + t.day * 86_400_000,
      amount: t.cents / 100,
    }));
    expectSameSummaries(table, summarizeCustomers(records, { period }));
  });

  it('quotes hostile table and column names safely', async () => {
    const table = 'orders"; DROP TABLE cdnow; --';
    const column = "it's `odd`";
    await connection.run(
      `CREATE TABLE ${quoteSqlIdentifier(table, 'duckdb')} (${quoteSqlIdentifier(column, 'duckdb')} VARCHAR, d DATE, a DOUBLE)`,
    );
    await connection.run(
      `INSERT INTO ${quoteSqlIdentifier(table, 'duckdb')} VALUES ('x', DATE '2024-01-01', 2), ('x', DATE '2024-01-05', 3)`,
    );
    const result = await summarizeWithDuckDB({ connection, table, customer: column, date: 'd', amount: 'a' });
    expect(result.customers).toMatchObject([{ customerId: 'x', frequency: 1, recency: 4, monetaryValue: 3 }]);
    const still = (await connection.runAndReadAll('SELECT COUNT(*) AS n FROM cdnow')).getRowObjectsJS();
    expect(Number(still[0]?.n)).toBe(6919);
  });

  it('rejects a missing or double source and reports engine errors as CrmAnalyticsError', async () => {
    await expect(summarizeWithDuckDB({ connection })).rejects.toThrow(
      /exactly one of `table`, `csvPath` or `parquetPath`/,
    );
    await expect(summarizeWithDuckDB({ connection, table: 'nope' })).rejects.toThrow(
      /^summarizeWithDuckDB: DuckDB reported:/,
    );
    expect(() => summarySql({})).toThrow(/exactly one of `table` or `from`/);
    expect(() => summarySql({ table: 't', observationEnd: 'soon' })).toThrow(/options\.observationEnd/);
  });
});

describe('summarySql text', () => {
  it('writes the Spark dialect with backtick quoting and datediff (syntax checked by snapshot; not run here)', () => {
    expect(
      summarySql({
        table: ['sales', 'or`ders'],
        customer: 'cust',
        date: 'd',
        amount: 'amt',
        observationEnd: '2024-06-30',
        timeUnit: 'week',
        period: 'week',
        dialect: 'spark',
      }),
    ).toMatchSnapshot();
  });

  it('writes only validated date literals as values', () => {
    const sql = summarySql({ table: 't', observationEnd: new Date(Date.UTC(2024, 1, 29, 13)), dialect: 'postgres' });
    expect(sql).toContain("DATE '2024-02-29'");
    // The only quoted literals: the observation end and the epoch.
    expect(new Set(sql.match(/'[^']*'/g))).toEqual(new Set(["'2024-02-29'", "'1970-01-01'"]));
  });
});
