/**
 * Lifecycle benchmarks at 100k / 1M / 10M transactions (10 a customer): the monthly and weekly cohort matrices
 * (target at 1M: monthly median under 1 s), the churn table and lifecycle stages on the same log.
 * Run: `node --import tsx --expose-gc bench/lifecycle.bench.ts` (or `npm run bench lifecycle`).
 */
import { churnRate, cohortRetention, lifecycleStage } from '../src/lifecycle/index.js';
import { formatCount, runSizedSuite, seededRandom, TRANSACTION_SIZES } from './harness.js';

interface Tx {
  customerId: number;
  date: string;
  amount: number;
}

const FIRST_DAY = Date.UTC(2021, 0, 1) / 86_400_000;
const DAYS = 3 * 365;

function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Customers join uniformly over three years; each buys on random later days (seeded, identical on every run). */
function generate(transactions: number, customers: number): Tx[] {
  const random = seededRandom(20240301);
  const joined = new Int32Array(customers);
  for (let k = 0; k < customers; k++) joined[k] = Math.floor(random() * DAYS);
  const dates: string[] = [];
  for (let d = 0; d < DAYS; d++) dates.push(isoDate(FIRST_DAY + d));
  const out: Tx[] = new Array(transactions);
  for (let i = 0; i < transactions; i++) {
    const k = Math.floor(random() * customers);
    const start = joined[k] as number;
    const d = start + Math.floor(random() * (DAYS - start));
    out[i] = { customerId: k, date: dates[d] as string, amount: Math.round(random() * 10000) / 100 };
  }
  return out;
}

await runSizedSuite(
  'lifecycle',
  TRANSACTION_SIZES,
  (size) => {
    const transactions = generate(size.n, size.n / 10);
    const label = `${size.label} tx / ${formatCount(size.n / 10)} customers`;
    const gc = size.n >= 1_000_000;
    // Multi-second cases (10M rows): 3 timed runs, no warm-up.
    const few = size.n >= 10_000_000 ? { iterations: 3, warmup: 0 } : {};
    return [
      {
        name: `cohortRetention monthly, ${label}`,
        op: 'cohortRetention (monthly)',
        size,
        gc,
        ...few,
        fn: () => cohortRetention(transactions, { period: 'month' }),
        ...(size.n === 1_000_000 ? { targetMs: 1000 } : {}),
      },
      {
        name: `cohortRetention weekly, ${label}`,
        op: 'cohortRetention (weekly)',
        size,
        gc,
        ...few,
        fn: () => cohortRetention(transactions, { period: 'week' }),
      },
      {
        name: `churnRate monthly (threshold 3), ${label}`,
        op: 'churnRate (monthly, threshold 3)',
        size,
        gc,
        ...few,
        fn: () => churnRate(transactions, { period: 'month', inactivityThreshold: 3 }),
      },
      {
        name: `lifecycleStage, ${label}`,
        op: 'lifecycleStage',
        size,
        gc,
        ...few,
        fn: () => lifecycleStage(transactions, {}),
      },
    ];
  },
  { iterations: 5, time: 300 },
);
