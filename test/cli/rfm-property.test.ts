// Property: the CLI's `rfm --format json` equals the library's rfmScores on the same transactions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import { summarizeCustomers } from '../../src/data/index.js';
import { rfmScores, rfmSegments } from '../../src/rfm/index.js';
import { fc, test } from '../support/property.js';
import { ensureCliBuilt, runCli } from './helpers.js';

beforeAll(async () => {
  await ensureCliBuilt();
}, 300_000);

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

const transaction = fc.record({
  customer: fc.integer({ min: 0, max: 24 }),
  day: fc.integer({ min: 0, max: 700 }),
  cents: fc.integer({ min: 0, max: 500_000 }),
});

describe('crm-analytics rfm', () => {
  test.prop([fc.array(transaction, { minLength: 1, maxLength: 120 }), fc.constantFrom('day', 'week', 'month')], {
    numRuns: 8,
  })('--format json equals rfmScores(summarizeCustomers(…)) and rfmSegments on the same data', (rows, timeUnit) => {
    const records = rows.map((r) => ({
      customerId: `cust-${r.customer}`,
      date: new Date(START + r.day * DAY).toISOString().slice(0, 10),
      amount: r.cents / 100,
    }));
    const csv = `customer,date,amount\n${records.map((r) => `${r.customerId},${r.date},${r.amount.toFixed(2)}`).join('\n')}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'crm-rfm-prop-'));
    const file = join(dir, 'tx.csv');
    writeFileSync(file, csv);
    const run = runCli(['rfm', file, '--format', 'json', '--quiet', '--time-unit', timeUnit]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const cli = JSON.parse(run.stdout) as { customers: Record<string, unknown>[]; bins: unknown };
    const scores = rfmScores(summarizeCustomers(records, { timeUnit }).customers);
    const segments = rfmSegments(scores).customers;
    expect(cli.bins).toEqual(scores.bins);
    expect(cli.customers).toEqual(scores.customers.map((s, i) => ({ ...s, segment: segments[i]?.segment })));
  });
});
