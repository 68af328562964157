/**
 * Benchmarks of the contractual / discrete-time models (issue: sBG fit under 5 ms; BG/BB fit on the donations data
 * under 50 ms median), then the fits, predictions and model checks on 10k / 100k / 1M individual customers.
 */
import { readFileSync } from 'node:fs';
import {
  BetaGeoBetaBinomModel,
  discountedExpectedResidualLifetime,
  fitBetaGeoBetaBinom,
  fitShiftedBetaGeometric,
  repeatFrequencyFit,
} from '../src/clv/index.js';
import { SeededRandom } from '../src/clv/models/simulate.js';
import { CUSTOMER_SIZES, isChildRun, runSizedSuite, runSuite, seededRandom } from './harness.js';

const donations = readFileSync(new URL('../test/fixtures/donations.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [frequency, recency, periods, weights] = line.split(',').map(Number);
    return { frequency: frequency ?? 0, recency: recency ?? 0, periods: periods ?? 0, weights: weights ?? 0 };
  });

const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });

if (!isChildRun()) {
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
      reference: { label: 'lifetimes BetaGeoBetaBinomFitter.fit (published)', ms: 132 },
    },
    {
      name: 'discountedExpectedResidualLifetime, d = 0.01',
      fn: () => discountedExpectedResidualLifetime({ alpha: 0.704, beta: 1.182 }, { discountRate: 0.01, renewals: 3 }),
    },
  ]);
}

/** n customers with 20 opportunities each (random but valid histories), as individual rows. */
function bgbbCustomers(n: number) {
  const random = seededRandom(8);
  return Array.from({ length: n }, () => {
    const opportunities = 20;
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= opportunities; t++) {
      if (random() < 0.3) {
        x++;
        tx = t;
      }
    }
    return { frequency: x, recency: tx, periods: opportunities };
  });
}

/**
 * n subscribers from the sBG process (θ ~ Beta(0.704, 1.182), churn each period with probability θ), each observed for
 * 1–12 periods: churned ones carry their churn period, the others (censored) the periods completed.
 */
function sbgDurations(n: number) {
  const random = new SeededRandom(9);
  const durations = new Float64Array(n);
  const censored = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const theta = random.beta(0.704, 1.182);
    const age = 1 + Math.floor(random.uniform() * 12);
    let t = 1;
    while (t <= age && random.uniform() >= theta) t++;
    censored[i] = t > age;
    durations[i] = t > age ? age : t;
  }
  return { durations, censored };
}

await runSizedSuite(
  'contractual-sized',
  CUSTOMER_SIZES,
  (size) => {
    const customers = bgbbCustomers(size.n);
    const subscribers = sbgDurations(size.n);
    const gc = size.n >= 1_000_000;
    return [
      {
        name: `fitShiftedBetaGeometric, ${size.label} individual durations`,
        op: 'fitShiftedBetaGeometric (individual)',
        size,
        gc,
        fn: () => fitShiftedBetaGeometric(subscribers),
      },
      {
        name: `fitBetaGeoBetaBinom, ${size.label} individual rows (20 opportunities)`,
        op: 'fitBetaGeoBetaBinom (individual rows)',
        size,
        gc,
        fn: () => fitBetaGeoBetaBinom(customers),
      },
      {
        name: `BG/BB probabilityAlive + conditionalExpectedPurchases, ${size.label} customers`,
        op: 'BG/BB probabilityAlive + conditionalExpectedPurchases',
        size,
        fn: () => [model.probabilityAlive(customers), model.conditionalExpectedPurchases(10, customers)],
      },
      {
        name: `repeatFrequencyFit, BG/BB, ${size.label} customers`,
        op: 'repeatFrequencyFit (BG/BB)',
        size,
        fn: () => repeatFrequencyFit(model, customers),
      },
    ];
  },
  { iterations: 5, time: 300 },
);
