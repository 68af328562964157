// Issue 12 floor: summarizeColumns on 10,000,000 transactions over 1,000,000 customers in < 3 s median,
// under 60 bytes of peak memory per transaction (input columns included: 20 bytes a row).
import { summarizeColumns } from '../src/data/index.js';
import { runSuite, seededRandom } from './harness.js';

const rssBefore = process.resourceUsage().maxRSS * 1024;
const n = 10_000_000;
const customers = 1_000_000;
const random = seededRandom(7);
const customerIds = new Int32Array(n);
const dates = new Float64Array(n);
const amounts = new Float64Array(n);
const start = Date.UTC(2020, 0, 1);
for (let i = 0; i < n; i++) {
  customerIds[i] = 1 + Math.floor(random() * customers);
  dates[i] = start + Math.floor(random() * 731) * 86_400_000;
  amounts[i] = Math.round(random() * 20_000) / 100;
}
const small = {
  customerIds: customerIds.subarray(0, 1_000_000),
  dates: dates.subarray(0, 1_000_000),
  amounts: amounts.subarray(0, 1_000_000),
};

const results = await runSuite(
  'columns',
  [
    {
      name: 'summarizeColumns 1M tx (typed arrays)',
      gc: true,
      fn: () => summarizeColumns(small, { observationEnd: '2021-12-31' }),
    },
    {
      name: 'summarizeColumns 10M tx / 1M customers (typed arrays)',
      gc: true,
      fn: () => summarizeColumns({ customerIds, dates, amounts }, { observationEnd: '2021-12-31' }),
      targetMs: 3000,
    },
  ],
  { iterations: 5, time: 0 },
);
const peak = process.resourceUsage().maxRSS * 1024;
const perTx = (peak - rssBefore) / n;
console.log(
  `peak memory above the empty process: ${(perTx).toFixed(1)} bytes per transaction (input columns: 20) — target < 60 ${perTx < 60 ? 'ok' : 'MISS'}`,
);
if (perTx >= 60 || results.some((r) => r.met === false)) process.exitCode = 1;
