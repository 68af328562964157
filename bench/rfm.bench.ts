/**
 * crm-analytics/rfm: scores and segments for 1,000,000 customer summaries (issue 3 targets: scores + segments median
 * < 1 s; scoring alone within 3× the time of sorting the three value columns as Float64Arrays).
 * Summaries are synthetic, generated with a seeded PRNG so every run is identical: a year of observation, geometric
 * purchase counts (many one-time buyers, as in real logs), whole-day recency and spend in cents, so ties are common.
 */
import type { CustomerSummary } from '../src/data/types.js';
import { rfmScores, rfmSegments } from '../src/rfm/index.js';
import { runSuite, seededRandom } from './harness.js';

const N = 1_000_000;
const random = seededRandom(3);
const customers: CustomerSummary[] = new Array(N);
const epoch = new Date(0);
for (let i = 0; i < N; i++) {
  const T = 1 + Math.floor(random() * 365);
  const transactionCount = 1 + Math.floor(-Math.log(1 - random()) * 2);
  const recency = transactionCount === 1 ? 0 : Math.floor(random() * T);
  const totalRevenue = Math.round(transactionCount * (5 + 95 * random() ** 2) * 100) / 100;
  customers[i] = {
    customerId: i,
    frequency: transactionCount - 1,
    recency,
    T,
    monetaryValue: totalRevenue / transactionCount,
    totalRevenue,
    transactionCount,
    firstPurchase: epoch,
    lastPurchase: epoch,
  };
}

// The three value columns, extracted once: the baseline sorts copies of them.
const columns = [new Float64Array(N), new Float64Array(N), new Float64Array(N)] as const;
for (let i = 0; i < N; i++) {
  const c = customers[i] as CustomerSummary;
  columns[0][i] = c.T - c.recency;
  columns[1][i] = c.transactionCount;
  columns[2][i] = c.totalRevenue;
}

const options = { iterations: 7, time: 0, warmup: 2 };
const [baseline] = await runSuite(
  'rfm-baseline',
  [
    {
      name: 'baseline: copy + sort the 3 value columns (Float64Array) 1M',
      fn: () => columns.map((column) => Float64Array.from(column).sort()),
    },
  ],
  options,
);
const sortMs = baseline?.medianMs ?? Number.NaN;

await runSuite(
  'rfm',
  [
    {
      name: `rfmScores 1M summaries (target 3 × sorting = ${(3 * sortMs).toFixed(0)} ms)`,
      fn: () => rfmScores(customers),
      targetMs: 3 * sortMs,
    },
    {
      name: 'rfmScores + rfmSegments (R rfm table) 1M summaries',
      fn: () => rfmSegments(rfmScores(customers)),
      targetMs: 1000,
    },
    {
      name: "rfmScores 1M summaries, monetary: 'average'",
      fn: () => rfmScores(customers, { monetary: 'average' }),
    },
  ],
  options,
);

// CPU time (user + system of this process) next to the wall-clock medians above: on a shared machine the wall clock
// also counts time spent waiting for a core, CPU time does not.
function medianCpuMs(fn: () => unknown, runs = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)] as number;
}
const cpuSort = medianCpuMs(() => columns.map((column) => Float64Array.from(column).sort()));
const cpuScores = medianCpuMs(() => rfmScores(customers));
const cpuBoth = medianCpuMs(() => rfmSegments(rfmScores(customers)));
console.log(
  `CPU time medians: sort 3 columns ${cpuSort.toFixed(0)} ms; rfmScores ${cpuScores.toFixed(0)} ms (×${(cpuScores / cpuSort).toFixed(2)}); rfmScores + rfmSegments ${cpuBoth.toFixed(0)} ms`,
);
