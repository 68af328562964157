/**
 * Lifecycle benchmarks: the monthly cohort matrix for 1,000,000 transactions (target: median under 1 s), plus the
 * churn table and lifecycle stages on the same log for reference.
 * Run: `node --import tsx bench/lifecycle.bench.ts` (or `npm run bench lifecycle`).
 */
import { churnRate, cohortRetention, lifecycleStage } from '../src/lifecycle/index.js';
import { runSuite, seededRandom } from './harness.js';

interface Tx {
  customerId: number;
  date: string;
  amount: number;
}

const TRANSACTIONS = 1_000_000;
const CUSTOMERS = 100_000;
const FIRST_DAY = Date.UTC(2021, 0, 1) / 86_400_000;
const DAYS = 3 * 365;

function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Customers join uniformly over three years; each buys on random later days (seeded, identical on every run). */
function generate(): Tx[] {
  const random = seededRandom(20240301);
  const joined = new Int32Array(CUSTOMERS);
  for (let k = 0; k < CUSTOMERS; k++) joined[k] = Math.floor(random() * DAYS);
  const dates: string[] = [];
  for (let d = 0; d < DAYS; d++) dates.push(isoDate(FIRST_DAY + d));
  const out: Tx[] = new Array(TRANSACTIONS);
  for (let i = 0; i < TRANSACTIONS; i++) {
    const k = Math.floor(random() * CUSTOMERS);
    const start = joined[k] as number;
    const d = start + Math.floor(random() * (DAYS - start));
    out[i] = { customerId: k, date: dates[d] as string, amount: Math.round(random() * 10000) / 100 };
  }
  return out;
}

const transactions = generate();

await runSuite(
  'lifecycle',
  [
    {
      name: 'cohortRetention monthly, 1M tx / 100k customers',
      fn: () => cohortRetention(transactions, { period: 'month' }),
      targetMs: 1000,
    },
    {
      name: 'cohortRetention weekly, 1M tx / 100k customers',
      fn: () => cohortRetention(transactions, { period: 'week' }),
    },
    {
      name: 'churnRate monthly (threshold 3), 1M tx / 100k customers',
      fn: () => churnRate(transactions, { period: 'month', inactivityThreshold: 3 }),
    },
    {
      name: 'lifecycleStage, 1M tx / 100k customers',
      fn: () => lifecycleStage(transactions, {}),
    },
  ],
  { iterations: 7 },
);
