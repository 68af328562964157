// The PostgreSQL dialect of summarySql against a real server. CI starts one (.ci/postgres.sh) and sets
// CRM_ANALYTICS_PG_URL; there the test is mandatory. Elsewhere it runs when that variable is set
// (`source .ci/postgres.sh && npm test`), and is reported as skipped otherwise.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeCustomers } from '../../src/data/index.js';
import { summarySql, summarySqlRowsToTable } from '../../src/sql/index.js';
import { loadCdnowSample } from '../support/fixtures.js';

const url = process.env.CRM_ANALYTICS_PG_URL;

describe('PostgreSQL is available in CI', () => {
  it.runIf(process.env.CI === 'true')('CRM_ANALYTICS_PG_URL is set by .ci/run', () => {
    expect(url, 'CI must start PostgreSQL (.ci/postgres.sh)').toBeTruthy();
  });
});

describe.runIf(url !== undefined)('summarySql on PostgreSQL', () => {
  const client = new pg.Client({ connectionString: url });
  const schema = `crm_test_${process.pid}`;
  const cdnow = loadCdnowSample();

  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(
      `CREATE TABLE ${schema}."Orders ""2024""" (cust INTEGER, "order date" TIMESTAMPTZ, amount NUMERIC(10, 2))`,
    );
    const values: string[] = [];
    const params: unknown[] = [];
    cdnow.forEach((r, i) => {
      values.push(`($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`);
      params.push(
        r.customerId,
        `${r.date.slice(0, 4)}-${r.date.slice(4, 6)}-${r.date.slice(6, 8)}T12:00:00Z`,
        r.amount,
      );
    });
    await client.query(`INSERT INTO ${schema}."Orders ""2024""" VALUES ${values.join(', ')}`, params);
    await client.query("SET TIME ZONE 'UTC'");
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  });

  it.each([
    ['day', 'week', 'repeat-mean'],
    ['week', 'day', 'mean'],
    ['month', 'year', 'total'],
  ] as const)(
    'equals summarizeCustomers on CDNOW (period %s, timeUnit %s, monetary %s)',
    async (period, timeUnit, monetary) => {
      const options = { observationEnd: '1997-09-30', period, timeUnit, monetary } as const;
      const sql = summarySql({
        table: [schema, 'Orders "2024"'],
        customer: 'cust',
        date: 'order date',
        dialect: 'postgres',
        ...options,
      });
      const { rows } = await client.query(sql);
      const table = summarySqlRowsToTable(rows, options);
      const expected = summarizeCustomers(cdnow, options);
      expect(table.customers).toHaveLength(expected.customers.length);
      const byId = new Map(expected.customers.map((c) => [c.customerId, c]));
      for (const c of table.customers) {
        const e = byId.get(c.customerId);
        expect(e).toBeDefined();
        expect(c.frequency).toBe(e?.frequency);
        expect(c.recency).toBeCloseTo(e?.recency ?? Number.NaN, 9);
        expect(c.T).toBeCloseTo(e?.T ?? Number.NaN, 9);
        expect(c.monetaryValue).toBeCloseTo(e?.monetaryValue ?? Number.NaN, 9);
        expect(c.totalRevenue).toBeCloseTo(e?.totalRevenue ?? Number.NaN, 9);
        expect(c.transactionCount).toBe(e?.transactionCount);
        expect(c.firstPurchase.getTime()).toBe(e?.firstPurchase.getTime());
      }
      expect(table.observationEnd?.toISOString().slice(0, 10)).toBe('1997-09-30');
    },
  );
});
