/**
 * crm-analytics/pareto: full 80/20 analysis of 10 million customer values (issue 5 target: median < 2 s).
 * Values are log-normal-like spend (heavy right tail), generated with a seeded PRNG so every run is identical.
 */

import { loadavg } from 'node:os';
import { concentrationSummary, gini, paretoAnalysis } from '../src/pareto/index.js';
import { runSuite, seededRandom } from './harness.js';

const N = 10_000_000;
const random = seededRandom(5);
const values = new Float64Array(N);
for (let i = 0; i < N; i++) {
  // exp of a sum of uniforms: a skewed, continuous spend distribution; rounded to cents like real money
  const z = random() + random() + random() - 1.5;
  values[i] = Math.round(Math.exp(2 * z) * 5000) / 100;
}

await runSuite(
  'pareto',
  [
    {
      name: 'concentrationSummary 10M values (validate + sort + cumulative + Gini + HHI + a/b + ABC)',
      fn: () => concentrationSummary(values),
      targetMs: 2000,
    },
    {
      name: 'paretoAnalysis 10M values (sort + cumulative + Gini + a/b), topShare(0.2), customersForShare(0.8)',
      fn: () => {
        const result = paretoAnalysis(values);
        return result.topShare(0.2) + result.customersForShare(0.8);
      },
      targetMs: 2000,
    },
    { name: 'gini 10M values', fn: () => gini(values), targetMs: 2000 },
  ],
  { iterations: 5, time: 0, warmup: 1 },
);

// Wall time depends on what else runs on the machine; CPU time of one run shows the work itself.
const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const start = cpuMs();
const wallStart = performance.now();
concentrationSummary(values);
console.log(
  `concentrationSummary 10M, one run: CPU ${(cpuMs() - start).toFixed(0)} ms, wall ${(performance.now() - wallStart).toFixed(0)} ms, load average ${loadavg()[0]?.toFixed(1)}`,
);
