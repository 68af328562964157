// Issue 7 floors: probabilistic CLV models. Reference timings: Python lifetimes 0.11.3 measured on the same machine
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
  simulateBetaGeo,
  simulateParetoNbd,
} from '../src/clv/index.js';
import { runSuite } from './harness.js';

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

// Phase 2: synthetic customers in cohorts with T = 26 … 78 weeks, generated once (outside the timings) and kept as
// minimal records so that the heap stays small.
const cohortsT = (n: number): number[] => Array.from({ length: n }, (_, i) => 26 + (i % 53));
const pareto100k = simulateParetoNbd(
  { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
  { customers: 100_000, T: cohortsT(100_000), seed: 1 },
).customers.map((c) => ({ frequency: c.frequency, recency: c.recency, T: c.T }));
const bg1M = simulateBetaGeo(
  { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  { customers: 1_000_000, T: cohortsT(1_000_000), seed: 2 },
).customers.map((c, i) => ({
  frequency: c.frequency,
  recency: c.recency,
  T: c.T,
  monetaryValue: c.frequency > 0 ? 10 + (i % 50) : 0,
}));

await runSuite(
  'models-large',
  [
    {
      name: 'fitParetoNbd 100,000 simulated customers',
      fn: () => fitParetoNbd(pareto100k, { timeUnit: 'week' }),
      targetMs: 3000,
      reference: { label: 'lifetimes ParetoNBDFitter.fit (single runs 65–86 s)', ms: 65_000 },
    },
    {
      name: 'fitBetaGeo 1,000,000 simulated customers',
      fn: () => fitBetaGeo(bg1M, { timeUnit: 'week' }),
      targetMs: 2000,
    },
    {
      name: 'BG/NBD conditionalExpectedPurchases + probabilityAlive, 1,000,000 customers',
      fn: () => [transactionModel.conditionalExpectedPurchases(52, bg1M), transactionModel.probabilityAlive(bg1M)],
      targetMs: 500,
    },
    {
      name: 'customerLifetimeValue 12 months, 1,000,000 customers',
      fn: () =>
        customerLifetimeValue({
          transactionModel,
          spendModel,
          customers: bg1M,
          horizon: { months: 12 },
          discountRate: { rate: 0.01, per: 'month' },
        }),
      targetMs: 500,
    },
  ],
  { time: 0 },
);
