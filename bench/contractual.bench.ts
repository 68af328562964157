/**
 * Benchmarks of the contractual / discrete-time models (issue: sBG fit under 5 ms; BG/BB fit on the donations data
 * under 50 ms median) and of the model checks on larger inputs.
 */
import { readFileSync } from 'node:fs';
import {
  BetaGeoBetaBinomModel,
  discountedExpectedResidualLifetime,
  fitBetaGeoBetaBinom,
  fitShiftedBetaGeometric,
  repeatFrequencyFit,
} from '../src/clv/index.js';
import { runSuite, seededRandom } from './harness.js';

const donations = readFileSync(new URL('../test/fixtures/donations.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [frequency, recency, periods, weights] = line.split(',').map(Number);
    return { frequency: frequency ?? 0, recency: recency ?? 0, periods: periods ?? 0, weights: weights ?? 0 };
  });

// 100,000 customers with 20 opportunities each (random but valid histories), as individual rows.
const random = seededRandom(8);
const manyCustomers = Array.from({ length: 100_000 }, () => {
  const n = 20;
  let x = 0;
  let tx = 0;
  for (let t = 1; t <= n; t++) {
    if (random() < 0.3) {
      x++;
      tx = t;
    }
  }
  return { frequency: x, recency: tx, periods: n };
});
const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });

await runSuite('contractual', [
  {
    name: 'fitShiftedBetaGeometric, Fader & Hardie (2007) regular segment, 8 periods',
    fn: () => fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]),
    targetMs: 5,
  },
  {
    name: 'fitBetaGeoBetaBinom, donations (11,104 donors in 22 rows)',
    fn: () => fitBetaGeoBetaBinom(donations),
    targetMs: 50,
  },
  {
    name: 'fitBetaGeoBetaBinom, 100,000 individual rows (20 opportunities)',
    fn: () => fitBetaGeoBetaBinom(manyCustomers),
  },
  {
    name: 'BG/BB probabilityAlive + conditionalExpectedPurchases, 100,000 customers',
    fn: () => [model.probabilityAlive(manyCustomers), model.conditionalExpectedPurchases(10, manyCustomers)],
  },
  {
    name: 'repeatFrequencyFit, BG/BB, 100,000 customers',
    fn: () => repeatFrequencyFit(model, manyCustomers),
  },
  {
    name: 'discountedExpectedResidualLifetime, d = 0.01',
    fn: () => discountedExpectedResidualLifetime({ alpha: 0.704, beta: 1.182 }, { discountRate: 0.01, renewals: 3 }),
  },
]);
