// Customer summaries from records (objects) at 100k / 1M / 10M transactions (10 transactions a customer).
// Issue 2 floor: 1,000,000 transactions over 100,000 customers summarized in < 300 ms median, peak memory < 400 MB.
// Same shape as the log behind the Python lifetimes timing in PEER-TIMINGS.md (ids 1–100,000, 'YYYY-MM-DD' dates in
// 2020–2021, amounts with 2 decimals, observation end 2021-12-31).
import { createSummaryBuilder, summarizeCustomers } from '../src/data/index.js';
import { formatCount, isChildRun, runSizedSuite, seededRandom, TRANSACTION_SIZES } from './harness.js';

export function generateLog(
  rows: number,
  customers: number,
  seed = 42,
): { customerId: number; date: string; amount: number }[] {
  const random = seededRandom(seed);
  const start = Date.UTC(2020, 0, 1);
  const span = 731; // 2020-01-01 … 2021-12-31
  const log = new Array<{ customerId: number; date: string; amount: number }>(rows);
  for (let i = 0; i < rows; i++) {
    // A new string per row, as a CSV parser or JSON.parse produces them.
    const date = new Date(start + Math.floor(random() * span) * 86_400_000).toISOString().slice(0, 10);
    log[i] = { customerId: 1 + Math.floor(random() * customers), date, amount: Math.round(random() * 20_000) / 100 };
  }
  return log;
}

const options = { observationEnd: '2021-12-31' };
const results = await runSizedSuite(
  'summarize',
  TRANSACTION_SIZES,
  (size) => {
    const customers = size.n / 10;
    const log = generateLog(size.n, customers);
    const label = `${size.label} tx / ${formatCount(customers)} customers`;
    const large = size.n >= 1_000_000;
    return [
      {
        name: `summarizeCustomers ${label}`,
        op: 'summarizeCustomers',
        size,
        fn: () => summarizeCustomers(log, options),
        gc: large,
        ...(size.n === 1_000_000
          ? {
              targetMs: 300,
              reference: { label: 'lifetimes summary_data_from_transaction_data (published)', ms: 1511 },
            }
          : {}),
      },
      {
        name: `createSummaryBuilder, addMany in 10 chunks, ${label}`,
        op: 'createSummaryBuilder (10 chunks)',
        size,
        gc: large,
        fn: () => {
          const builder = createSummaryBuilder(options);
          const chunk = size.n / 10;
          for (let i = 0; i < size.n; i += chunk) builder.addMany(log.slice(i, i + chunk));
          return builder.build();
        },
      },
    ];
  },
  { iterations: 5 },
);
// The floor's memory half: the 1M case's peak RSS (input held + summarizing), in a process holding only that input.
const floorCase = results.find((r) => r.op === 'summarizeCustomers' && r.size === '1M');
// (A child process running one size leaves the check to its parent, which has every size's results.)
if (floorCase !== undefined && !isChildRun()) {
  const ok = floorCase.peakRssMb < 400;
  console.log(
    `summarizeCustomers 1M: peak RSS ${floorCase.peakRssMb.toFixed(0)} MB (input held: ${floorCase.baseRssMb.toFixed(0)} MB) — target < 400 MB ${ok ? 'ok' : 'MISS'}`,
  );
  if (!ok) process.exitCode = 1;
}
