// Numeric extremes for the contractual models and retention CLV: parameters 1e-6 … 1e6, frequency / periods up to
// 10^4. Each call returns finite numbers or throws a documented CrmAnalyticsError (DIVERGENT for a series that does
// not converge, DOMAIN_ERROR for an undefined quantity, INVALID_INPUT for out-of-domain values).
import {
  BetaGeoBetaBinomModel,
  customerEquity,
  fitBetaGeoBetaBinom,
  fitShiftedBetaGeometric,
  lifetimeValue,
  marginMultiple,
  retentionImpact,
  ShiftedBetaGeometricModel,
} from 'crm-analytics/clv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { nonFiniteNumbers } from './hostile.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261122);
const parameter = fc.constantFrom(1e-6, 1e-3, 0.5, 1, 3.8, 1e3, 1e6);
const period = fc.constantFrom(1, 2, 10, 100, 1_000, 10_000);
const ALLOWED = new Set(['DIVERGENT', 'DOMAIN_ERROR']);

/** Finite numbers everywhere, or a documented error. */
function finiteOrDocumented(run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    if (!(error instanceof CrmAnalyticsError)) throw error;
    expect(ALLOWED.has(error.code), `${error.code}: ${error.message}`).toBe(true);
    return;
  }
  expect(nonFiniteNumbers(result, new Set())).toEqual([]);
}

describe('shifted-beta-geometric at extreme parameters', () => {
  it('survival, retention, churn, DERL and elasticity are finite for alpha, beta in 1e-6 … 1e6 (300 runs)', () => {
    fc.assert(
      fc.property(parameter, parameter, period, fc.constantFrom(0, 1e-6, 0.1, 10), (alpha, beta, t, d) => {
        const model = new ShiftedBetaGeometricModel({ alpha, beta });
        finiteOrDocumented(() => [model.survival(t), model.retentionRate(t), model.churnProbability(t)]);
        finiteOrDocumented(() => model.survivalCurve(Math.min(t, 1000)));
        finiteOrDocumented(() => model.derl({ discountRate: d, renewals: Math.min(t, 100) }));
        finiteOrDocumented(() => model.retentionElasticity({ discountRate: d }));
      }),
      { numRuns: 300, seed },
    );
  });

  it('DERL and elasticity at rates down to 1e-300 and renewals up to 10^4 are finite or DIVERGENT (300 runs)', () => {
    fc.assert(
      fc.property(
        parameter,
        parameter,
        period,
        fc.constantFrom(1e-300, 1e-16, 1e-12, 1e-4, 1e6),
        (alpha, beta, n, d) => {
          const model = new ShiftedBetaGeometricModel({ alpha, beta });
          finiteOrDocumented(() => model.derl({ discountRate: d, renewals: n }));
          finiteOrDocumented(() => model.retentionElasticity({ discountRate: d, renewals: n }));
        },
      ),
      { numRuns: 300, seed },
    );
  });

  it('a fit on 10^4 periods of survivors is finite (5 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(0.9, 0.99, 0.9999), (keep) => {
        let n = 1e9;
        const survivors = Array.from({ length: 10_000 }, () => {
          const current = n;
          n = Math.max(1, Math.floor(n * keep));
          return current;
        });
        finiteOrDocumented(() => fitShiftedBetaGeometric(survivors).params);
      }),
      { numRuns: 5, seed },
    );
  });
});

describe('BG/BB at extreme parameters and frequency 10^4', () => {
  it('expected purchases, P(alive), conditional and residual purchases are finite (150 runs)', () => {
    fc.assert(
      fc.property(parameter, parameter, parameter, parameter, period, (alpha, beta, gamma, delta, n) => {
        const model = new BetaGeoBetaBinomModel({ alpha, beta, gamma, delta });
        const rows = [
          { frequency: n, recency: n, periods: n },
          { frequency: 0, recency: 0, periods: n },
          { frequency: 1, recency: 1, periods: n },
        ];
        finiteOrDocumented(() => [model.expectedPurchases(n), model.probabilityOfPurchases(Math.min(n, 10), n)]);
        finiteOrDocumented(() => model.probabilityAlive(rows, { periodsAhead: 1 }));
        finiteOrDocumented(() => model.conditionalExpectedPurchases(n, rows));
        finiteOrDocumented(() => model.expectedResidualPurchases(rows, { discountRate: 0.1 }));
        finiteOrDocumented(() => model.expectedResidualPurchases(rows, { discountRate: 1e-4 }));
        finiteOrDocumented(() => [model.probabilityOfPurchases(n, n), model.probabilityOfPurchases(1, 10 * n)]);
      }),
      { numRuns: 150, seed },
    );
  });

  it('a fit with frequencies up to 10^4 is finite (3 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(100, 1_000, 10_000), (n) => {
        const rows = [
          { frequency: 0, recency: 0, periods: n, weights: 50 },
          { frequency: Math.floor(n / 2), recency: n - 1, periods: n, weights: 20 },
          { frequency: n, recency: n, periods: n, weights: 30 },
        ];
        finiteOrDocumented(() => fitBetaGeoBetaBinom(rows).params);
      }),
      { numRuns: 3, seed },
    );
  });
});

describe('retention CLV at extreme inputs', () => {
  const rate = fc.constantFrom(0, 1e-6, 0.5, 0.9, 1 - 1e-6, 1);
  const money = fc.constantFrom(-1e6, 0, 1e-6, 1, 1e6, 1e12);
  const discount = fc.constantFrom(0, 1e-6, 0.1, 1, 1e6);
  it('lifetimeValue, marginMultiple, retentionImpact and customerEquity are finite or DIVERGENT (400 runs)', () => {
    fc.assert(
      fc.property(
        money,
        rate,
        discount,
        fc.constantFrom(undefined, 1, 100, 10_000),
        fc.constantFrom(0, 1e-6, 0.05),
        (margin, retentionRate, discountRate, periods, growth) => {
          const input = { margin, retentionRate, discountRate, marginGrowth: growth, ...(periods ? { periods } : {}) };
          finiteOrDocumented(() => {
            const r = lifetimeValue(input);
            return { value: r.value, periods: r.periods };
          });
          finiteOrDocumented(() => marginMultiple(retentionRate, discountRate));
          if (retentionRate <= 0.9) finiteOrDocumented(() => retentionImpact(input, { retentionDelta: 0.05 }));
          finiteOrDocumented(() => customerEquity([{ margin, retentionRate }], { discountRate, periods }).total);
        },
      ),
      { numRuns: 400, seed },
    );
  });
});
