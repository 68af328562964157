// Numeric extremes for the probabilistic CLV models (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, CLV): parameters
// 1e-6 … 1e6, frequency up to 10^4, recency and T up to 10^4 weeks. Each log-likelihood, prediction and CLV is finite
// (and within its mathematical bounds: probabilities in [0, 1], expectations ≥ 0), or the call throws a documented
// CrmAnalyticsError (DIVERGENT for an infinite mean spend, DOMAIN_ERROR where the special functions lose all
// precision). Also: 10^6-element inputs to the prediction functions and charts (no stack overflow, finite results).

import { clvDistributionChart, rfmHeatmapChart } from 'crm-analytics/charts';
import {
  BetaGeoModel,
  customerLifetimeValue,
  fitBetaGeo,
  fitGammaGamma,
  fitParetoNbd,
  GammaGammaModel,
  ModifiedBetaGeoModel,
  ParetoNbdModel,
} from 'crm-analytics/clv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaGeoObjective } from '../../src/clv/models/betaGeo.js';
import { gammaGammaObjective } from '../../src/clv/models/gammaGamma.js';
import { modifiedBetaGeoObjective } from '../../src/clv/models/modifiedBetaGeo.js';
import { paretoNbdObjective } from '../../src/clv/models/paretoNbd.js';
import { compressRows, readSummaryColumns } from '../../src/clv/models/shared.js';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { nonFiniteNumbers } from './hostile.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261122);
const parameter = fc.constantFrom(1e-6, 1e-3, 0.5, 1, 3.8, 1e3, 1e6);
const frequency = fc.constantFrom(0, 1, 2, 10, 100, 1_000, 10_000);
const age = fc.constantFrom(1e-3, 1, 39, 1_000, 10_000);
const share = fc.constantFrom(0, 0.01, 0.5, 1);
const horizon = fc.constantFrom(0, 1, 52, 10_000);
const ALLOWED = new Set(['DIVERGENT', 'DOMAIN_ERROR']);

interface Outcome {
  value?: unknown;
  code?: string;
}

/** Finite numbers everywhere (probabilities in [0, 1], expectations ≥ 0 when `kind` says so), or a documented error. */
function finiteOrDocumented(run: () => unknown, kind: 'probability' | 'nonNegative' | 'any' = 'any'): Outcome {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    if (!(error instanceof CrmAnalyticsError)) throw error;
    expect(ALLOWED.has(error.code), `${error.code}: ${error.message}`).toBe(true);
    return { code: error.code };
  }
  expect(nonFiniteNumbers(value, new Set())).toEqual([]);
  const numbers =
    typeof value === 'number' ? [value] : ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : [];
  for (const v of numbers) {
    if (kind !== 'any') expect(v).toBeGreaterThanOrEqual(0);
    if (kind === 'probability') expect(v).toBeLessThanOrEqual(1);
  }
  return { value };
}

function customers(
  x: number,
  T: number,
  recencyShare: number,
): Array<{ frequency: number; recency: number; T: number }> {
  return [
    { frequency: x, recency: x === 0 ? 0 : recencyShare * T, T },
    { frequency: 0, recency: 0, T },
    { frequency: Math.min(x, 1), recency: Math.min(x, 1) * T, T },
  ];
}

const residual = { discountRate: { rate: 0.1, per: 'year' as const } };

describe('BG/NBD and MBG/NBD at extreme parameters, frequency and T', () => {
  it('log-likelihood, E[X(t)], P(X(t)=n), P(alive), conditional purchases, DERT and CLV are finite or documented (150 runs)', () => {
    let computed = 0;
    fc.assert(
      fc.property(
        fc.tuple(parameter, parameter, parameter, parameter),
        frequency,
        age,
        share,
        horizon,
        ([r, alpha, a, b], x, T, recencyShare, t) => {
          const rows = customers(x, T, recencyShare);
          const params = { r, alpha, a, b };
          const compressed = compressRows(readSummaryColumns(rows, 'customers'), undefined);
          for (const objective of [betaGeoObjective, modifiedBetaGeoObjective]) {
            const ll = objective(compressed, 0).logLikelihood(params);
            // (A density in the purchase times: it may exceed 1, so ll > 0 is no error.)
            expect(Number.isFinite(ll), `log-likelihood ${ll}`).toBe(true);
          }
          for (const model of [
            new BetaGeoModel({ params, timeUnit: 'week' }),
            new ModifiedBetaGeoModel({ params, timeUnit: 'week' }),
          ]) {
            finiteOrDocumented(() => model.expectedPurchases(t), 'nonNegative');
            finiteOrDocumented(() => model.probabilityOfPurchases(Math.min(x, 100), t), 'probability');
            finiteOrDocumented(() => model.probabilityAlive(rows), 'probability');
            finiteOrDocumented(() => model.probabilityAlive(rows, { at: t }), 'probability');
            const conditional = finiteOrDocumented(() => model.conditionalExpectedPurchases(t, rows), 'nonNegative');
            if (conditional.code === undefined) computed++;
            if (model instanceof BetaGeoModel) {
              finiteOrDocumented(() => model.expectedResidualPurchases(rows, residual), 'nonNegative');
            }
            finiteOrDocumented(() =>
              customerLifetimeValue({
                transactionModel: model,
                customers: rows,
                spend: [10, 20, 1e6],
                horizon: { years: 1 },
                discountRate: { rate: 0.01, per: 'month' },
              }),
            );
          }
        },
      ),
      { numRuns: 150, seed },
    );
    // The guard must not be the whole story: most extreme inputs still give numbers.
    expect(computed).toBeGreaterThan(150);
  });
});

describe('Pareto/NBD at extreme parameters, frequency and T', () => {
  it('log-likelihood, E[X(t)], P(alive), conditional purchases, DERT and CLV are finite or documented (150 runs)', () => {
    fc.assert(
      fc.property(
        fc.tuple(parameter, parameter, parameter, parameter),
        frequency,
        age,
        share,
        horizon,
        ([r, alpha, s, beta], x, T, recencyShare, t) => {
          const rows = customers(x, T, recencyShare);
          const params = { r, alpha, s, beta };
          const compressed = compressRows(readSummaryColumns(rows, 'customers'), undefined);
          const ll = paretoNbdObjective(compressed, 0).logLikelihood(params);
          expect(Number.isFinite(ll), `log-likelihood ${ll}`).toBe(true);
          const model = new ParetoNbdModel({ params, timeUnit: 'week' });
          finiteOrDocumented(() => model.expectedPurchases(t), 'nonNegative');
          finiteOrDocumented(() => model.probabilityAlive(rows), 'probability');
          finiteOrDocumented(() => model.probabilityAlive(rows, { at: t }), 'probability');
          finiteOrDocumented(() => model.conditionalExpectedPurchases(t, rows), 'nonNegative');
          finiteOrDocumented(() => model.expectedResidualPurchases(rows, residual), 'nonNegative');
          finiteOrDocumented(() =>
            customerLifetimeValue({
              transactionModel: model,
              customers: rows,
              spend: [10, 20, 1e6],
              horizon: { years: 1 },
              discountRate: { rate: 0.01, per: 'month' },
            }),
          );
        },
      ),
      { numRuns: 150, seed },
    );
  });
});

describe('Gamma-Gamma at extreme parameters and spend', () => {
  it('log-likelihood and conditional expected spend are finite, or DIVERGENT for q ≤ 1 (300 runs)', () => {
    const money = fc.constantFrom(1e-6, 0.01, 1, 35, 1e3, 1e6);
    fc.assert(
      fc.property(parameter, parameter, parameter, frequency, money, (p, q, gamma, x, m) => {
        const xs = Float64Array.of(Math.max(x, 1), 1);
        const ms = Float64Array.of(m, 20);
        const ll = gammaGammaObjective(xs, ms, ms.map(Math.log), Float64Array.of(1, 1), 0).logLikelihood({
          p,
          q,
          gamma,
        });
        expect(Number.isFinite(ll), `log-likelihood ${ll}`).toBe(true);
        const model = new GammaGammaModel({ params: { p, q, gamma } });
        const outcome = finiteOrDocumented(() =>
          model.conditionalExpectedSpend([
            { frequency: x, monetaryValue: m },
            { frequency: 0, monetaryValue: 0 },
          ]),
        );
        if (q <= 1) expect(outcome.code).toBe('DIVERGENT');
      }),
      { numRuns: 300, seed },
    );
  });
});

describe('fits on extreme but valid data', () => {
  it('BG/NBD, Pareto/NBD and Gamma-Gamma fits with frequency up to 10^4 and T up to 10^4 weeks are finite (4 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(100, 1_000, 10_000), fc.constantFrom(39, 10_000), (x, T) => {
        const rows = [
          { frequency: 0, recency: 0, T, monetaryValue: 0 },
          { frequency: 1, recency: T / 3, T, monetaryValue: 12 },
          { frequency: Math.floor(x / 2), recency: T / 2, T, monetaryValue: 30 },
          { frequency: x, recency: T, T, monetaryValue: 25 },
        ];
        const options = { timeUnit: 'week' as const, weights: [50, 20, 10, 5], maxIterations: 200 };
        for (const fitModel of [fitBetaGeo, fitParetoNbd]) {
          let model: BetaGeoModel | ParetoNbdModel | undefined;
          try {
            model = fitModel(rows, options);
          } catch (error) {
            expect((error as CrmAnalyticsError).code).toBe('NOT_CONVERGED');
          }
          if (model !== undefined) {
            expect(nonFiniteNumbers(model.toJSON(), new Set())).toEqual([]);
            finiteOrDocumented(() => model.probabilityAlive(rows), 'probability');
          }
        }
        expect(nonFiniteNumbers(fitGammaGamma(rows).toJSON(), new Set())).toEqual([]);
      }),
      { numRuns: 4, seed },
    );
  });
});

describe('10^6-element inputs to the prediction functions (no stack overflow, finite results)', () => {
  const MILLION = 1_000_000;
  const rows = Array.from({ length: MILLION }, (_, i) => {
    const x = i % 13;
    const T = 30 + (i % 97) / 10;
    return {
      frequency: x,
      recency: x === 0 ? 0 : (T * ((i * 7) % 10)) / 10,
      T,
      monetaryValue: x === 0 ? 0 : 5 + (i % 50),
    };
  });
  const bg = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
  const pnbd = new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' });
  const gg = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } });
  const cases: Array<[string, () => ArrayLike<number> | unknown]> = [
    ['BetaGeoModel.probabilityAlive', () => bg.probabilityAlive(rows)],
    ['BetaGeoModel.conditionalExpectedPurchases', () => bg.conditionalExpectedPurchases(39, rows)],
    ['ParetoNbdModel.expectedResidualPurchases', () => pnbd.expectedResidualPurchases(rows, residual)],
    ['GammaGammaModel.conditionalExpectedSpend', () => gg.conditionalExpectedSpend(rows)],
    [
      'customerLifetimeValue',
      () =>
        customerLifetimeValue({
          transactionModel: bg,
          spendModel: gg,
          customers: rows,
          horizon: { months: 12 },
          discountRate: { rate: 0.01, per: 'month' },
        }),
    ],
    ['clvDistributionChart', () => clvDistributionChart(Float64Array.from(rows, (r) => r.monetaryValue)).data],
    [
      'rfmHeatmapChart',
      () =>
        rfmHeatmapChart(
          rows.map((r, i) => ({ recencyScore: 1 + (i % 5), frequencyScore: 1 + (r.frequency % 5), monetary: r.T })),
        ).data,
    ],
  ];
  it.each(cases)('%s', (_, run) => {
    const result = run();
    expect(nonFiniteNumbers(result, new Set())).toEqual([]);
    if (ArrayBuffer.isView(result)) expect((result as Float64Array).length).toBe(MILLION);
  });
});
