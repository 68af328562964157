// Issue 2 floor: 1,000,000 transactions over 100,000 customers summarized in < 300 ms median, peak memory < 400 MB.
// Same shape as the log behind the Python lifetimes timing in PEER-TIMINGS.md (ids 1–100,000, 'YYYY-MM-DD' dates in
// 2020–2021, amounts with 2 decimals, observation end 2021-12-31).
import { summarizeCustomers } from '../src/data/index.js';
import { runSuite, seededRandom } from './harness.js';

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
    const date = new Date(start + Math.floor(random() * span) * 86_400_000).toISOString().slice(0, 10);
    log[i] = { customerId: 1 + Math.floor(random() * customers), date, amount: Math.round(random() * 20_000) / 100 };
  }
  return log;
}

// The 1M case runs first, in a process holding only its own input, so its peak RSS is the floor's figure.
const log = generateLog(1_000_000, 100_000);
(globalThis as { gc?: () => void }).gc?.();
const baseline = process.memoryUsage().rss;

await runSuite('summarize', [
  {
    name: 'summarizeCustomers 1M tx / 100k customers',
    fn: () => summarizeCustomers(log, { observationEnd: '2021-12-31' }),
    targetMs: 300,
    gc: true,
    reference: { label: 'lifetimes summary_data_from_transaction_data (PEER-TIMINGS)', ms: 1511 },
  },
]);
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `input held in memory: ${(baseline / 2 ** 20).toFixed(0)} MB RSS before summarizing; peak RSS of the process ${peakMb.toFixed(0)} MB (target < 400 MB ${peakMb < 400 ? 'ok' : 'MISS'})`,
);
if (peakMb >= 400) process.exitCode = 1;

const small = generateLog(100_000, 10_000);
await runSuite('summarize-small', [
  {
    name: 'summarizeCustomers 100k tx / 10k customers',
    fn: () => summarizeCustomers(small, { observationEnd: '2021-12-31' }),
  },
]);
