/**
 * crm-analytics/pareto: 80/20 analysis of 10k / 100k / 1M customer values, and 10M for the issue 5 target (full
 * analysis of 10 million values, median < 2 s).
 * Values are log-normal-like spend (heavy right tail), generated with a seeded PRNG so every run is identical.
 */
import { concentrationSummary, gini, paretoAnalysis } from '../src/pareto/index.js';
import { type BenchSize, CUSTOMER_SIZES, runSizedSuite, seededRandom } from './harness.js';

const SIZES: readonly BenchSize[] = [...CUSTOMER_SIZES, { label: '10M', n: 10_000_000 }];

function spend(n: number): Float64Array {
  const random = seededRandom(5);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // exp of a sum of uniforms: a skewed, continuous spend distribution; rounded to cents like real money
    const z = random() + random() + random() - 1.5;
    values[i] = Math.round(Math.exp(2 * z) * 5000) / 100;
  }
  return values;
}

await runSizedSuite(
  'pareto',
  SIZES,
  (size) => {
    const values = spend(size.n);
    const target = size.n === 10_000_000 ? { targetMs: 2000 } : {};
    return [
      {
        name: `concentrationSummary ${size.label} values (validate + sort + cumulative + Gini + HHI + a/b + ABC)`,
        op: 'concentrationSummary',
        size,
        fn: () => concentrationSummary(values),
        ...target,
      },
      {
        name: `paretoAnalysis ${size.label} values (sort + cumulative + Gini + a/b), topShare(0.2), customersForShare(0.8)`,
        op: 'paretoAnalysis + topShare + customersForShare',
        size,
        fn: () => {
          const result = paretoAnalysis(values);
          return result.topShare(0.2) + result.customersForShare(0.8);
        },
        ...target,
      },
      { name: `gini ${size.label} values`, op: 'gini', size, fn: () => gini(values), ...target },
    ];
  },
  { iterations: 5, time: 300, warmup: 1 },
);
