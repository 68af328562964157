// Issue 12: summarizeParallel with 2 workers vs summarizeColumns on one thread, 10,000,000 transactions / 1,000,000
// customers in typed arrays (the speed-up on this 2-core machine is the figure to report).
import { summarizeColumns } from '../src/data/index.js';
import { summarizeParallel } from '../src/node/index.js';
import { runSuite, seededRandom } from './harness.js';

const n = 10_000_000;
const random = seededRandom(7);
const customerIds = new Int32Array(new SharedArrayBuffer(4 * n));
const dates = new Float64Array(new SharedArrayBuffer(8 * n));
const amounts = new Float64Array(new SharedArrayBuffer(8 * n));
const start = Date.UTC(2020, 0, 1);
for (let i = 0; i < n; i++) {
  customerIds[i] = 1 + Math.floor(random() * 1_000_000);
  dates[i] = start + Math.floor(random() * 731) * 86_400_000;
  amounts[i] = Math.round(random() * 20_000) / 100;
}
const input = { customerIds, dates, amounts };
const options = { observationEnd: '2021-12-31' };

// tinybench times synchronous and asynchronous functions alike.
await runSuite(
  'parallel',
  [
    { name: 'summarizeColumns 10M tx, 1 thread', fn: () => summarizeColumns(input, options) },
    { name: 'summarizeParallel 10M tx, 2 workers', fn: () => summarizeParallel(input, { ...options, workers: 2 }) },
  ],
  { iterations: 3, time: 0 },
);
