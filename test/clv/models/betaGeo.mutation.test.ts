// Written for the mutants of src/clv/models/betaGeo.ts that survived Stryker (see docs/testing.md): exact error texts
// and paths (n, t, the DOMAIN_ERROR of every prediction), the purchase-count cap, the head sum's stop at 1, the a = 1
// interpolation and the large-a branch of E[X(t)] against a direct integral over the dropout probability, the DERT
// quadrature's cut-off, P(X(0) = 0), toJSON's copies, the objective against a hand-written FHL (2005) eq. 6 (value,
// penalty, gradient, its cache and its rejection of parameters outside (0, ∞)), and the fit's start points through
// fits that must coincide. (The per-(x, T) caches and the at = 0 / t = 0 fast paths only save time, so no test can see
// them; the second and third built-in starts only matter when the first does not converge, and are not pinned here.)
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import {
  BetaGeoModel,
  type BetaGeoParams,
  betaGeoObjective,
  fitBetaGeo,
  negativeBinomialHeadSum,
  readPurchaseCount,
} from '../../../src/clv/models/betaGeo.js';
import { type CompressedRows, prepareFitRows } from '../../../src/clv/models/shared.js';
import { thrown } from '../../support/thrown.js';
import { expectError, expectRelClose, SMALL } from './helpers.js';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;

/** Composite Simpson rule with n (even) panels. */
function simpson(f: (x: number) => number, lo: number, hi: number, n: number): number {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/**
 * E[X(t)] of a new customer as an integral over the dropout probability: given λ and p, E[X(t)] = (1 − e^(−λpt))/p;
 * averaging over λ ~ Gamma(r, α) gives (1 − (α/(α+pt))^r)/p, then over p ~ Beta(a, b) with the given density.
 */
function expectedPurchasesByIntegral(
  r: number,
  alpha: number,
  t: number,
  density: (p: number) => number,
  panels = 200_000,
): number {
  return simpson(
    (p) => (p === 0 ? (r * t) / alpha : -Math.expm1(r * Math.log(alpha / (alpha + p * t))) / p) * density(p),
    0,
    1,
    panels,
  );
}

/** FHL (2005) eq. 6 for one customer, written out: ln L(r, α, a, b | x, tₓ, T). */
function logLikelihoodOne(p: BetaGeoParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = betaln(a, b + x) - betaln(a, b) + gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const alive = (alpha + T) ** -(r + x);
  const gone = x > 0 ? (a / (b + x - 1)) * (alpha + tx) ** -(r + x) : 0;
  return common + Math.log(alive + gone);
}

function handObjective(phi: readonly number[], penalizer: number): number {
  const [r, alpha, a, b] = phi.map((v) => Math.exp(v)) as [number, number, number, number];
  let sum = 0;
  for (const c of SMALL) sum += logLikelihoodOne({ r, alpha, a, b }, c.frequency, c.recency, c.T);
  return -sum / SMALL.length + penalizer * (r * r + alpha * alpha + a * a + b * b);
}

function smallRows(): CompressedRows {
  return prepareFitRows(SMALL, { timeUnit: 'week' }).rows;
}

const BASE_PHI = [Math.log(0.5), Math.log(3), Math.log(0.7), Math.log(2.5)];

describe('readPurchaseCount and the t of the predictions: exact errors', () => {
  it('names n in its errors, and accepts 10,000,000 but not 10,000,001', () => {
    expectError(() => readPurchaseCount(0.5), 'INVALID_INPUT', 'n: expected a whole number ≥ 0, got 0.5', ['n']);
    expectError(
      () => readPurchaseCount(10_000_001),
      'INVALID_INPUT',
      'n: expected a whole number from 0 to 10,000,000, got 10000001',
      ['n'],
    );
    expect(readPurchaseCount(10_000_000)).toBe(10_000_000);
    const model = new BetaGeoModel({ params: PUBLISHED, timeUnit: 'week' });
    expect(model.probabilityOfPurchases(10_000_000, 0)).toBe(0);
    expectError(
      () => model.probabilityOfPurchases(10_000_001, 0),
      'INVALID_INPUT',
      'n: expected a whole number from 0 to 10,000,000, got 10000001',
      ['n'],
    );
  });

  it('names t in the errors of every method taking a horizon', () => {
    const model = new BetaGeoModel({ params: PUBLISHED, timeUnit: 'week' });
    const message = 't: expected a finite number ≥ 0, got -1';
    expectError(() => model.expectedPurchases(-1), 'INVALID_INPUT', message, ['t']);
    expectError(() => model.conditionalExpectedPurchases(-1, []), 'INVALID_INPUT', message, ['t']);
    expectError(() => model.probabilityOfPurchases(1, -1), 'INVALID_INPUT', message, ['t']);
    expectError(
      () => model.expectedPurchases({ weeks: -2 }),
      'INVALID_INPUT',
      't.weeks: expected a finite number ≥ 0, got -2',
      ['t', 'weeks'],
    );
  });
});

describe('DOMAIN_ERROR names the method', () => {
  const tail = "the model's special functions lose all precision this far out";
  it('P(alive), E[Y(t) | …] and DERT when r + x overflows', () => {
    const model = new BetaGeoModel({ params: { r: 1e308, alpha: 4, a: 0.8, b: 2 }, timeUnit: 'week' });
    const rows = [{ frequency: 1e308, recency: 5, T: 5 }];
    expectError(
      () => model.probabilityAlive(rows),
      'DOMAIN_ERROR',
      `BetaGeoModel.probabilityAlive: the result for customers[0] cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, 1]); ${tail}`,
      ['customers', 0],
    );
    expectError(
      () => model.conditionalExpectedPurchases(3, rows),
      'DOMAIN_ERROR',
      `BetaGeoModel.conditionalExpectedPurchases: the result for customers[0] cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, Infinity]); ${tail}`,
      ['customers', 0],
    );
    expectError(
      () => model.expectedResidualPurchases(rows, { discountRate: { rate: 0.1, per: 'week' } }),
      'DOMAIN_ERROR',
      `BetaGeoModel.expectedResidualPurchases: the result for customers[0] cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, Infinity]); ${tail}`,
      ['customers', 0],
    );
    expectError(
      () => model.expectedPurchases(3),
      'DOMAIN_ERROR',
      `BetaGeoModel.expectedPurchases: the result cannot be computed accurately at these parameters (got -Infinity, expected a finite number in [0, 7.5e+307]); ${tail}`,
      [],
    );
  });

  it('P(X(t) = n) for n = 0 and n > 0 when B(a, b) underflows its logarithm', () => {
    const model = new BetaGeoModel({ params: { r: 1, alpha: 4, a: 1e308, b: 1e308 }, timeUnit: 'week' });
    const message = `BetaGeoModel.probabilityOfPurchases: the result cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, 1]); ${tail}`;
    expectError(() => model.probabilityOfPurchases(0, 3), 'DOMAIN_ERROR', message, []);
    expectError(() => model.probabilityOfPurchases(2, 3), 'DOMAIN_ERROR', message, []);
  });
});

describe('negativeBinomialHeadSum', () => {
  it('sums the NBD head exactly: r = 2, p = 0.6, n = 3 gives 0.36 · (1 + 2·0.4 + 3·0.16)', () => {
    expectRelClose(negativeBinomialHeadSum(2, Math.log(0.6), Math.log(0.4), 3), 0.36 * 2.28, 1e-14);
  });

  it('stops as soon as the sum reaches 1 (terms of 1 each: the sum is 1, not n)', () => {
    expect(negativeBinomialHeadSum(1, 0, 0, 5)).toBe(1);
  });
});

describe('BetaGeoModel basics', () => {
  it('is of kind beta-geo, and toJSON copies fit, standard errors and intervals (or writes null)', () => {
    const bare = new BetaGeoModel({ params: PUBLISHED, timeUnit: 'week' });
    expect(bare.model).toBe('beta-geo');
    const plain = bare.toJSON();
    expect(plain.model).toBe('beta-geo');
    expect(plain.fit).toBeNull();
    expect(plain.standardErrors).toBeNull();
    expect(plain.confidenceIntervals).toBeNull();

    const fit = { logLikelihood: -10, converged: true, iterations: 7, reason: 'ok', penalizer: 0, customerCount: 3 };
    const standardErrors = { r: 0.01, alpha: 0.2, a: 0.05, b: 0.3 };
    const confidenceIntervals = {
      r: { lower: 0.2, upper: 0.3 },
      alpha: { lower: 4, upper: 5 },
      a: { lower: 0.7, upper: 0.9 },
      b: { lower: 2, upper: 3 },
    };
    const full = new BetaGeoModel({ params: PUBLISHED, timeUnit: 'week', fit, standardErrors, confidenceIntervals });
    const json = full.toJSON();
    expect(json.fit).toEqual(fit);
    expect(json.standardErrors).toEqual(standardErrors);
    expect(json.confidenceIntervals).toEqual(confidenceIntervals);
    expect(json.fit).not.toBe(full.fit);
    expect(json.standardErrors).not.toBe(full.standardErrors);
  });

  it('P(X(0) = 0) is exactly 1 and P(X(0) = n) is 0 for n > 0', () => {
    const model = new BetaGeoModel({ params: PUBLISHED, timeUnit: 'week' });
    expect(model.probabilityOfPurchases(0, 0)).toBe(1);
    expect(model.probabilityOfPurchases(3, 0)).toBe(0);
  });

  it('G(0; x, T) is exactly +0, also for a < 1 where the leading factor is negative', () => {
    const kernel = new BetaGeoModel({
      params: { r: 0.5, alpha: 2, a: 0.5, b: 2 },
      timeUnit: 'week',
    }).transactionKernel();
    expect(kernel.expectedIfAlive(0, 0, 0)).toBe(0);
    expect(kernel.expectedIfAlive(0, 3, 10)).toBe(0);
  });
});

describe('E[X(t)] against the integral over the dropout probability', () => {
  it('at a = 1 exactly and within 1e-5 of it (interpolated branch), b = 3: density 3(1 − p)²', () => {
    const r = 0.7;
    const alpha = 2.5;
    const t = 6;
    const reference = expectedPurchasesByIntegral(r, alpha, t, (p) => 3 * (1 - p) ** 2);
    const model = new BetaGeoModel({ params: { r, alpha, a: 1, b: 3 }, timeUnit: 'week' });
    expectRelClose(model.expectedPurchases(t), reference, 1e-8);
    // Just inside the band on both sides (interpolated there), against the integral over p ~ Beta(a, 3) with s = pᵃ,
    // which takes the p^(a−1) of the density into ds: E = (a+1)(a+2)/2 · ∫₀¹ h(s^(1/a)) (1 − s^(1/a))² ds.
    for (const a of [1 + 6e-6, 1 - 3e-6]) {
      const near = new BetaGeoModel({ params: { r, alpha, a, b: 3 }, timeUnit: 'week' }).expectedPurchases(t);
      const h = (p: number): number =>
        p === 0 ? (r * t) / alpha : -Math.expm1(r * Math.log(alpha / (alpha + p * t))) / p;
      const exact = (((a + 1) * (a + 2)) / 2) * simpson((s) => h(s ** (1 / a)) * (1 - s ** (1 / a)) ** 2, 0, 1, 20_000);
      expectRelClose(near, exact, 1e-9);
    }
  });

  it('at a = 50 > 1 + r (the direct ₂F₁ branch), b = 2: density 2550 p⁴⁹ (1 − p), for t moderate and huge', () => {
    const r = 0.6;
    const alpha = 3;
    const model = new BetaGeoModel({ params: { r, alpha, a: 50, b: 2 }, timeUnit: 'week' });
    const density = (p: number): number => 2550 * p ** 49 * (1 - p);
    for (const t of [5, 3e10]) {
      expectRelClose(model.expectedPurchases(t), expectedPurchasesByIntegral(r, alpha, t, density), 1e-9);
    }
  });
});

describe('DERT quadrature cut-off', () => {
  it('stays finite and matches a 2-D integral when a is large (a = 6, r = 0.5, x = 0)', () => {
    const r = 0.5;
    const alpha = 2;
    const a = 6;
    const b = 2;
    const T = 4;
    const delta = Math.log(1.1);
    const model = new BetaGeoModel({ params: { r, alpha, a, b }, timeUnit: 'week' });
    const dert = model.expectedResidualPurchases([{ frequency: 0, recency: 0, T }], {
      discountRate: { rate: 0.1, per: 'week' },
    })[0] as number;
    // DERT = (k/β) ∫₀^∞ e^(−δu) E_p[(1 + pu/β)^(−(k+1))] du, k = r, β = α + T, p ~ Beta(6, 2) (density 42 p⁵ (1 − p)),
    // with u = e^y for the inner integral.
    const beta = alpha + T;
    const k = r;
    const inner = (p: number): number =>
      simpson(
        (y) => {
          const u = Math.exp(y);
          return Math.exp(-delta * u) * (1 + (p * u) / beta) ** -(k + 1) * u;
        },
        -40,
        6,
        4000,
      );
    const reference = (k / beta) * simpson((p) => 42 * p ** 5 * (1 - p) * inner(p), 0, 1, 200);
    expectRelClose(dert, reference, 1e-7);
  });
});

describe('betaGeoObjective against FHL (2005) eq. 6 written out', () => {
  it('value without and with a penalizer, and the log-likelihood of given parameters', () => {
    const rows = smallRows();
    for (const penalizer of [0, 0.05]) {
      const { objective } = betaGeoObjective(rows, penalizer);
      expectRelClose(objective(Float64Array.from(BASE_PHI)), handObjective(BASE_PHI, penalizer), 1e-12);
    }
    const { logLikelihood } = betaGeoObjective(rows, 0);
    const p = { r: 0.5, alpha: 3, a: 0.7, b: 2.5 };
    let total = 0;
    for (const c of SMALL) total += logLikelihoodOne(p, c.frequency, c.recency, c.T);
    expectRelClose(logLikelihood(p), total, 1e-12);
  });

  it('gradient in log parameters matches central differences of the hand objective, with a penalizer', () => {
    const penalizer = 0.1;
    const { gradient } = betaGeoObjective(smallRows(), penalizer);
    const out = new Float64Array(4);
    gradient(Float64Array.from(BASE_PHI), out);
    for (let j = 0; j < 4; j++) {
      const h = 1e-5;
      const up = [...BASE_PHI];
      const down = [...BASE_PHI];
      up[j] = (up[j] as number) + h;
      down[j] = (down[j] as number) - h;
      const fd = (handObjective(up, penalizer) - handObjective(down, penalizer)) / (2 * h);
      expect(Math.abs((out[j] as number) - fd)).toBeLessThan(1e-8 * Math.max(1, Math.abs(fd)));
    }
  });

  it('a change of any one log parameter is seen (no stale cached value)', () => {
    const { objective } = betaGeoObjective(smallRows(), 0);
    for (let j = 0; j < 4; j++) {
      expect(objective(Float64Array.from(BASE_PHI))).toBeCloseTo(handObjective(BASE_PHI, 0), 12);
      const moved = [...BASE_PHI];
      moved[j] = (moved[j] as number) + 0.3;
      expectRelClose(objective(Float64Array.from(moved)), handObjective(moved, 0), 1e-12);
    }
  });

  it('logLikelihood(params) leaves the cached gradient of the last evaluated point alone', () => {
    const { gradient, logLikelihood } = betaGeoObjective(smallRows(), 0);
    const phi = Float64Array.from(BASE_PHI);
    const before = new Float64Array(4);
    gradient(phi, before);
    logLikelihood({ r: 2, alpha: 7, a: 1.5, b: 0.4 });
    const after = new Float64Array(4);
    gradient(phi, after);
    expect(Array.from(after)).toEqual(Array.from(before));
  });

  it('rejects parameters that are 0 or overflow (objective +∞, gradient 0), also when asked again', () => {
    const { objective, gradient } = betaGeoObjective(smallRows(), 0.01);
    const bad = [
      [-1000, 0, 0, 0],
      [0, -1000, 0, 0],
      [0, 0, -1000, 0],
      [0, 0, 0, -1000],
      [1000, 0, 0, 0],
      [0, 709, 709, 709],
      [709, 709, 0, 709],
    ];
    for (const phi of bad) {
      for (let round = 0; round < 2; round++) {
        expect(objective(Float64Array.from(phi))).toBe(Number.POSITIVE_INFINITY);
        const out = new Float64Array(4).fill(7);
        gradient(Float64Array.from(phi), out);
        expect(Array.from(out)).toEqual([0, 0, 0, 0]);
      }
      // A valid point in between must still be evaluated afresh.
      expectRelClose(objective(Float64Array.from(BASE_PHI)), handObjective(BASE_PHI, 0.01), 1e-12);
    }
  });
});

describe('fitBetaGeo start points and outcome', () => {
  const ZEROS = [
    { frequency: 0, recency: 0, T: 0 },
    { frequency: 0, recency: 0, T: 0 },
  ];

  it('a flat likelihood (every T = 0) stays at the start: all ones (α = 1 when max T = 0), no standard errors', () => {
    const model = fitBetaGeo(ZEROS, { timeUnit: 'week' });
    expect({ ...model.params }).toEqual({ r: 1, alpha: 1, a: 1, b: 1 });
    expect(model.standardErrors).toBeNull();
    expect(model.confidenceIntervals).toBeNull();
    expect(model.converged).toBe(true);
  });

  it('a flat likelihood stays at the given initialParams', () => {
    const init = { r: 3, alpha: 2, a: 0.5, b: 4 };
    const model = fitBetaGeo(ZEROS, { timeUnit: 'week', initialParams: init });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(model.params[k]).toBeCloseTo(init[k], 14);
  });

  // Max T is 20 (not on the last row), so the default start is { r: 1, α: 2, a: 1, b: 1 }.
  const DATA = [
    { frequency: 2, recency: 15, T: 20 },
    { frequency: 0, recency: 0, T: 18 },
    { frequency: 1, recency: 3, T: 16 },
    { frequency: 4, recency: 17, T: 19 },
    { frequency: 0, recency: 0, T: 20 },
    { frequency: 1, recency: 10, T: 14 },
    { frequency: 3, recency: 6, T: 17 },
    { frequency: 0, recency: 0, T: 9 },
  ];

  it('the default start is α = max T / 10: the same fit as from that start given explicitly', () => {
    const byDefault = fitBetaGeo(DATA, { timeUnit: 'week' });
    const explicit = fitBetaGeo(DATA, { timeUnit: 'week', initialParams: { r: 1, alpha: 2, a: 1, b: 1 } });
    expect({ ...byDefault.params }).toEqual({ ...explicit.params });
  });

  it('initialParams missing α take α = max T / 10 (and 1 for the others)', () => {
    const partial = fitBetaGeo(DATA, { timeUnit: 'week', initialParams: { r: 1.5, b: 2 } });
    const explicit = fitBetaGeo(DATA, { timeUnit: 'week', initialParams: { r: 1.5, alpha: 2, a: 1, b: 2 } });
    expect({ ...partial.params }).toEqual({ ...explicit.params });
  });

  it('strict mode names fitBetaGeo in NOT_CONVERGED', () => {
    const error = thrown(() => fitBetaGeo(DATA, { timeUnit: 'week', maxIterations: 1, strict: true }));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message).toMatch(
      /^fitBetaGeo: the maximum-likelihood fit did not converge \(.+\); try initialParams, a penalizer or more data$/,
    );
  });
});

describe('the objective at large r and α (the Poisson limit)', () => {
  // Regression: ln L was evaluated as r·ln α − (r+x)·ln(α+T), two terms of size r·ln α that cancel; at r = 1e18 the
  // rounding error of each (about 2e3) was the whole result. Written here per customer without cancelling.
  it('matches −r·log1p(T/α) − x·ln(α+T) (and the same at tₓ) to 1e-12 at r = 1e18, α = 1e19', () => {
    const r = 1e18;
    const alpha = 1e19;
    const a = 0.7;
    const b = 2.5;
    let sum = 0;
    for (const c of SMALL) {
      const x = c.frequency;
      let lnRise = 0;
      for (let j = 0; j < x; j++) lnRise += Math.log(r + j);
      const common = betaln(a, b + x) - betaln(a, b) + lnRise;
      const alive = -r * Math.log1p(c.T / alpha) - x * Math.log(alpha + c.T);
      const gone =
        x > 0
          ? Math.log(a / (b + x - 1)) - r * Math.log1p(c.recency / alpha) - x * Math.log(alpha + c.recency)
          : Number.NEGATIVE_INFINITY;
      const top = Math.max(alive, gone);
      sum += common + top + Math.log(Math.exp(alive - top) + Math.exp(gone - top));
    }
    const { objective } = betaGeoObjective(smallRows(), 0);
    const phi = Float64Array.of(Math.log(r), Math.log(alpha), Math.log(a), Math.log(b));
    expectRelClose(objective(phi), -sum / SMALL.length, 1e-12);
  });
});
