// Issue 7 floors: probabilistic CLV models, on CDNOW (phase 1) and on 10k / 100k / 1M simulated customers (phase 2:
// every fit and prediction at three sizes, with growth ratios). Reference timings: Python lifetimes 0.11.3 measured on the same machine
// type (/work/shared/PEER-TIMINGS.md, median of 5) — references, not targets.
import { readFileSync } from 'node:fs';
import {
  BetaGeoModel,
  customerLifetimeValue,
  fitBetaGeo,
  fitGammaGamma,
  fitModifiedBetaGeo,
  fitParetoNbd,
  GammaGammaModel,
  ParetoNbdModel,
  simulateBetaGeo,
  simulateParetoNbd,
} from '../src/clv/index.js';
import { SeededRandom } from '../src/clv/models/simulate.js';
import { CUSTOMER_SIZES, isChildRun, runSizedSuite, runSuite } from './harness.js';

function csv(name: string): Record<string, number>[] {
  const [header, ...rows] = readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/);
  const keys = (header ?? '').split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, Number(cells[i])]));
  });
}

const cdnow = csv('cdnow_customers_summary.csv').map((r) => ({
  frequency: r.frequency as number,
  recency: r.recency as number,
  T: r.T as number,
}));
const spend = csv('cdnow_customers_summary_with_transactions.csv').map((r) => ({
  frequency: r.x as number,
  monetaryValue: r.zbar as number,
}));
const transactionModel = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
const spendModel = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } });

// Phase 1: the CDNOW cases, on a small heap (the harness runs a full GC before every iteration).
if (!isChildRun()) {
  await runSuite('models', [
    {
      name: 'fitBetaGeo CDNOW (2,357 customers)',
      fn: () => fitBetaGeo(cdnow, { timeUnit: 'week' }),
      targetMs: 10,
      reference: { label: 'lifetimes BetaGeoFitter.fit', ms: 111 },
    },
    {
      name: 'fitModifiedBetaGeo CDNOW',
      fn: () => fitModifiedBetaGeo(cdnow, { timeUnit: 'week' }),
      targetMs: 10,
      reference: { label: 'lifetimes ModifiedBetaGeoFitter.fit', ms: 105 },
    },
    {
      name: 'fitParetoNbd CDNOW',
      fn: () => fitParetoNbd(cdnow, { timeUnit: 'week' }),
      targetMs: 50,
      reference: { label: 'lifetimes ParetoNBDFitter.fit', ms: 604 },
    },
    {
      name: 'fitGammaGamma CDNOW (946 repeat buyers)',
      fn: () => fitGammaGamma(spend),
      targetMs: 5,
      reference: { label: 'lifetimes GammaGammaFitter.fit', ms: 56 },
    },
    {
      name: 'BG/NBD conditionalExpectedPurchases(39) CDNOW',
      fn: () => transactionModel.conditionalExpectedPurchases(39, cdnow),
      reference: { label: 'lifetimes conditional_expected_number_of_purchases_up_to_time', ms: 1.5 },
    },
    {
      name: 'BG/NBD probabilityAlive CDNOW',
      fn: () => transactionModel.probabilityAlive(cdnow),
      reference: { label: 'lifetimes conditional_probability_alive', ms: 0.11 },
    },
  ]);
}

// Phase 2: every fit and prediction at 10k / 100k / 1M simulated customers in cohorts with T = 26 … 78 weeks,
// generated per size (outside the timings) and kept as minimal records so that the heap stays small.
const cohortsT = (n: number): number[] => Array.from({ length: n }, (_, i) => 26 + (i % 53));
const gammaGammaTruth = { p: 6.25, q: 3.74, gamma: 15.44 };
const paretoModel = new ParetoNbdModel({
  params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
  timeUnit: 'week',
});

/**
 * BG/NBD customers with Gamma-Gamma spend (Fader, Hardie & Lee 2005): per repeat buyer ν ~ Gamma(q, γ) and the mean of
 * x transactions z̄ ~ Gamma(p·x, ν·x), rounded to cents; 0 for customers without repeat purchases.
 */
function betaGeoCustomers(n: number) {
  const random = new SeededRandom(3);
  return simulateBetaGeo(
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    { customers: n, T: cohortsT(n), seed: 2 },
  ).customers.map((c) => {
    const x = c.frequency;
    const nu = x > 0 ? random.gamma(gammaGammaTruth.q, gammaGammaTruth.gamma) : 0;
    const monetaryValue = x > 0 ? Math.round(random.gamma(gammaGammaTruth.p * x, nu * x) * 100) / 100 : 0;
    return { frequency: x, recency: c.recency, T: c.T, monetaryValue };
  });
}

const models = await runSizedSuite(
  'models-sized',
  CUSTOMER_SIZES,
  (size) => {
    const customers = betaGeoCustomers(size.n);
    const repeatBuyers = customers.filter((c) => c.frequency > 0);
    const paretoCustomers = simulateParetoNbd(
      { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
      { customers: size.n, T: cohortsT(size.n), seed: 1 },
    ).customers.map((c) => ({ frequency: c.frequency, recency: c.recency, T: c.T }));
    const label = `${size.label} simulated customers`;
    const large = size.n >= 1_000_000;
    // Multi-second fits at 1M: 3 timed runs, no warm-up.
    const few = large ? { iterations: 3, warmup: 0 } : {};
    return [
      {
        name: `fitBetaGeo ${label}`,
        op: 'fitBetaGeo',
        size,
        gc: large,
        ...few,
        fn: () => fitBetaGeo(customers, { timeUnit: 'week' }),
        ...(large ? { targetMs: 2000 } : {}),
      },
      {
        name: `fitModifiedBetaGeo ${label}`,
        op: 'fitModifiedBetaGeo',
        size,
        gc: large,
        ...few,
        fn: () => fitModifiedBetaGeo(customers, { timeUnit: 'week' }),
      },
      {
        name: `fitParetoNbd ${label}`,
        op: 'fitParetoNbd',
        size,
        gc: large,
        ...few,
        fn: () => fitParetoNbd(paretoCustomers, { timeUnit: 'week' }),
        ...(size.n === 100_000
          ? {
              targetMs: 3000,
              reference: { label: 'lifetimes ParetoNBDFitter.fit (published, single runs 65–86 s)', ms: 65_000 },
            }
          : {}),
      },
      {
        name: `fitGammaGamma ${label} (${repeatBuyers.length.toLocaleString('en-US')} repeat buyers)`,
        op: 'fitGammaGamma',
        size,
        gc: large,
        ...few,
        fn: () => fitGammaGamma(repeatBuyers),
      },
      {
        name: `BG/NBD conditionalExpectedPurchases(52) ${label}`,
        op: 'BG/NBD conditionalExpectedPurchases',
        size,
        fn: () => transactionModel.conditionalExpectedPurchases(52, customers),
      },
      {
        name: `BG/NBD probabilityAlive ${label}`,
        op: 'BG/NBD probabilityAlive',
        size,
        fn: () => transactionModel.probabilityAlive(customers),
      },
      {
        name: `Pareto/NBD conditionalExpectedPurchases(52) ${label}`,
        op: 'Pareto/NBD conditionalExpectedPurchases',
        size,
        fn: () => paretoModel.conditionalExpectedPurchases(52, paretoCustomers),
      },
      {
        name: `Pareto/NBD probabilityAlive ${label}`,
        op: 'Pareto/NBD probabilityAlive',
        size,
        fn: () => paretoModel.probabilityAlive(paretoCustomers),
      },
      {
        name: `customerLifetimeValue (BG/NBD + Gamma-Gamma) 12 months, ${label}`,
        op: 'customerLifetimeValue (12 months)',
        size,
        fn: () =>
          customerLifetimeValue({
            transactionModel,
            spendModel,
            customers,
            horizon: { months: 12 },
            discountRate: { rate: 0.01, per: 'month' },
          }),
        ...(large ? { targetMs: 500 } : {}),
      },
    ];
  },
  { iterations: 5, time: 300 },
);
// Issue 7 floor: expected purchases + P(alive) for 1M customers under 500 ms (the sum of the two medians).
const at1M = (op: string): number | undefined => models.find((r) => r.op === op && r.size === '1M')?.medianMs;
const expected = at1M('BG/NBD conditionalExpectedPurchases');
const alive = at1M('BG/NBD probabilityAlive');
if (expected !== undefined && alive !== undefined && !isChildRun()) {
  const ok = expected + alive < 500;
  console.log(
    `BG/NBD expected purchases + P(alive), 1M: ${(expected + alive).toFixed(0)} ms — target < 500 ms ${ok ? 'ok' : 'MISS'}`,
  );
  if (!ok) process.exitCode = 1;
}
