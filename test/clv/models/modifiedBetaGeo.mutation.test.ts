// Written for the mutants of src/clv/models/modifiedBetaGeo.ts that survived Stryker (see docs/testing.md): E[X(t)],
// E[Y(t) | …] and P(alive at T + t) against integrals over the dropout probability p ~ Beta (with the gamma mixing of λ
// done in closed form), at a = 1 exactly and inside the 1 ± 1e-5 interpolation band, with a ≥ r + x + 1 (the direct
// (1−z)^A ₂F₁ form) and with x = 2000 (the Euler form, where the direct one overflows), for moderate and huge t;
// P(alive) and the objective against the MBG/NBD likelihood of Batislam, Denizel & Filiztekin (2007) written out;
// the gradient against central differences of that hand objective, with a penalizer; the objective's cache (a change
// of any one coordinate, a repeated point, and no stale value after a point whose log-likelihood is not finite) and
// its rejection of parameters that are 0 or whose sum overflows; exact error texts, paths and bounds; the fit
// statistics and toJSON's copies; and the fit's start points through fits that must coincide. (Loop bounds over typed
// arrays, the at = 0 and t = 0 fast paths, the skip of empty frequency classes and the d = 0 tie of the log-sum only
// save time or pick between equal values, so no test can see them; the second and third built-in starts only matter
// when the first does not converge, and are not pinned here.)
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import type { BetaGeoParams } from '../../../src/clv/models/betaGeo.js';
import {
  fitModifiedBetaGeo,
  ModifiedBetaGeoModel,
  modifiedBetaGeoObjective,
} from '../../../src/clv/models/modifiedBetaGeo.js';
import { type CompressedRows, prepareFitRows } from '../../../src/clv/models/shared.js';
import { simulateBetaGeo } from '../../../src/clv/models/simulate.js';
import { thrown } from '../../support/thrown.js';
import { expectError, expectRelClose, SMALL } from './helpers.js';

const PUBLISHED = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } as const;

const GL_X = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_W = [0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891];

/** Composite 5-point Gauss–Legendre rule with n panels. */
function gaussLegendre(f: (x: number) => number, lo: number, hi: number, n: number): number {
  const h = (hi - lo) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const mid = lo + (i + 0.5) * h;
    for (let k = 0; k < 5; k++) sum += (GL_W[k] as number) * f(mid + ((GL_X[k] as number) * h) / 2);
  }
  return (sum * h) / 2;
}

/**
 * E[h(p)] for p ~ Beta(a, b): the density split at p = ½, with p = e^(−y) below and 1 − p = e^(−y) above, so that
 * both pieces are smooth and decay like e^(−ay), e^(−by) (integrated up to where that is below e^(−45)).
 */
function betaExpectation(a: number, b: number, h: (p: number) => number, panels = 400): number {
  const low = gaussLegendre(
    (y) => h(Math.exp(-y)) * Math.exp(-a * y) * (-Math.expm1(-y)) ** (b - 1),
    Math.LN2,
    Math.LN2 + 45 / a,
    panels,
  );
  const high = gaussLegendre(
    (y) => h(-Math.expm1(-y)) * Math.exp(-b * y) * (-Math.expm1(-y)) ** (a - 1),
    Math.LN2,
    Math.LN2 + 45 / b,
    panels,
  );
  return (low + high) / Math.exp(betaln(a, b));
}

/**
 * E[X(t)] of a new customer: given λ and p, the customer is gone at once with probability p, and otherwise buys at
 * rate λ until a dropout that follows each purchase with probability p, so E[X(t) | λ, p] = (1 − p)(1 − e^(−λpt))/p;
 * over λ ~ Gamma(r, α) that is (1 − p)(1 − (α/(α+pt))^r)/p, averaged here over p ~ Beta(a, b).
 */
function expectedNewByIntegral(p: BetaGeoParams, t: number): number {
  const { r, alpha, a, b } = p;
  return betaExpectation(a, b, (q) => ((1 - q) * -Math.expm1(-r * Math.log1p((q * t) / alpha))) / q);
}

/**
 * E[Y(t) | alive at T, x]: given alive at T the posterior is λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+1) (x + 1 survived
 * dropout chances), and E[Y(t) | λ, p, alive] = (1 − e^(−λpt))/p.
 */
function expectedIfAliveByIntegral(p: BetaGeoParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  return betaExpectation(a, b + x + 1, (q) => -Math.expm1(-(r + x) * Math.log1p((q * t) / (alpha + T))) / q);
}

/** P(alive at T + s | alive at T, x) = E[e^(−λps)] under the same posterior. */
function survivalByIntegral(p: BetaGeoParams, s: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  return betaExpectation(a, b + x + 1, (q) => Math.exp(-(r + x) * Math.log1p((q * s) / (alpha + T))));
}

/**
 * The two terms of the MBG/NBD likelihood (Batislam et al. 2007), in logs: alive at T after x + 1 survived dropout
 * chances, B(a, b+x+1)/B(a, b) · Γ(r+x)/Γ(r) · α^r (α+T)^(−(r+x)); gone right after the last purchase (at tₓ, or right
 * after the first one when x = 0), B(a+1, b+x)/B(a, b) · Γ(r+x)/Γ(r) · α^r (α+tₓ)^(−(r+x)).
 */
function likelihoodTerms(p: BetaGeoParams, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, a, b } = p;
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) - betaln(a, b);
  return [
    common + betaln(a, b + x + 1) - (r + x) * Math.log(alpha + T),
    common + betaln(a + 1, b + x) - (r + x) * Math.log(alpha + tx),
  ];
}

function logLikelihoodOne(p: BetaGeoParams, x: number, tx: number, T: number): number {
  const [alive, gone] = likelihoodTerms(p, x, tx, T);
  const top = Math.max(alive, gone);
  return top + Math.log(Math.exp(alive - top) + Math.exp(gone - top));
}

function aliveByLikelihood(p: BetaGeoParams, x: number, tx: number, T: number): number {
  const [alive, gone] = likelihoodTerms(p, x, tx, T);
  return 1 / (1 + Math.exp(gone - alive));
}

function smallRows(data = SMALL): CompressedRows {
  return prepareFitRows(data, { timeUnit: 'week' }).rows;
}

function handObjective(phi: readonly number[], penalizer: number, data = SMALL): number {
  const [r, alpha, a, b] = phi.map((v) => Math.exp(v)) as [number, number, number, number];
  let sum = 0;
  for (const c of data) sum += logLikelihoodOne({ r, alpha, a, b }, c.frequency, c.recency, c.T);
  return -sum / data.length + penalizer * (r * r + alpha * alpha + a * a + b * b);
}

const BASE_PHI = [Math.log(0.5), Math.log(3), Math.log(0.7), Math.log(2.5)];

describe('E[X(t)] of a new customer against the integral over p', () => {
  it('at a = 1 exactly (0/0 in the formula) and inside the interpolation band a = 1 ± 1e-5', () => {
    for (const a of [1, 1 + 6e-6, 1 - 3e-6, 1 + 2e-5]) {
      const p = { r: 0.7, alpha: 2.5, a, b: 3 };
      const model = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
      for (const t of [6, 40]) expectRelClose(model.expectedPurchases(t), expectedNewByIntegral(p, t), 1e-9);
    }
  });

  it('a < 1, a ≥ r + 1 (the direct (1−z)^A ₂F₁ form: a = 50) for moderate and huge t', () => {
    for (const p of [
      { r: 0.6, alpha: 3, a: 50, b: 2 },
      { r: 0.6, alpha: 3, a: 1.6, b: 2 }, // c − a − b = 0 exactly
      { r: 2.5, alpha: 3, a: 0.4, b: 1.3 },
      PUBLISHED,
    ]) {
      const model = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
      expectRelClose(model.expectedPurchases(5), expectedNewByIntegral(p, 5), 1e-9);
      // ₂F₁ at z = 1 − 1e-10 keeps about 8 digits for a < 1 (the integral is stable to 1e-13 from 400 to 4000 panels).
      expectRelClose(model.expectedPurchases(3e10), expectedNewByIntegral(p, 3e10), 1e-7);
    }
  });

  it('E[X(0)] is exactly +0, also for a < 1 where the leading factor is negative', () => {
    const model = new ModifiedBetaGeoModel({ params: { r: 0.5, alpha: 2, a: 0.5, b: 2 }, timeUnit: 'week' });
    expect(model.expectedPurchases(0)).toBe(0);
    const kernel = model.transactionKernel();
    expect(kernel.expectedIfAlive(0, 0, 0)).toBe(0);
    expect(kernel.expectedIfAlive(0, 3, 10)).toBe(0);
  });
});

describe('E[Y(t) | x, tₓ, T] and P(alive) against the likelihood and integrals over p', () => {
  const CASES: Array<[BetaGeoParams, number, number, number]> = [
    [PUBLISHED, 2, 30.43, 38.86],
    [PUBLISHED, 0, 0, 38.86],
    [{ r: 0.6, alpha: 3, a: 50, b: 2 }, 1, 5, 12], // a ≥ r + x + 1: direct form
    [{ r: 0.5, alpha: 4, a: 0.8, b: 2 }, 2000, 39, 40], // r + x huge: Euler form (the direct one overflows)
    [{ r: 0.7, alpha: 2.5, a: 1 + 4e-6, b: 3 }, 3, 6, 9], // interpolation band
  ];

  it('P(alive) at T is the share of the alive term of the likelihood, also through the transaction kernel', () => {
    for (const [p, x, tx, T] of CASES) {
      const model = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
      const expected = aliveByLikelihood(p, x, tx, T);
      expectRelClose(model.probabilityAlive([{ frequency: x, recency: tx, T }])[0] as number, expected, 1e-12);
      expectRelClose(
        model.probabilityAlive([{ frequency: x, recency: tx, T }], { at: 0 })[0] as number,
        expected,
        1e-12,
      );
      const kernel = model
        .transactionKernel()
        .probabilityAlive(Float64Array.of(x), Float64Array.of(tx), Float64Array.of(T));
      expectRelClose(kernel[0] as number, expected, 1e-12);
    }
  });

  it('P(alive) at T + at is P(alive at T) · E[e^(−λp·at)] over the posterior', () => {
    for (const [p, x, tx, T] of CASES) {
      const model = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
      for (const at of [3, 50]) {
        const got = model.probabilityAlive(
          [
            { frequency: x, recency: tx, T },
            { frequency: 1, recency: 2, T: 7 },
          ],
          { at },
        );
        expectRelClose(got[0] as number, aliveByLikelihood(p, x, tx, T) * survivalByIntegral(p, at, x, T), 1e-9);
        expectRelClose(got[1] as number, aliveByLikelihood(p, 1, 2, 7) * survivalByIntegral(p, at, 1, 7), 1e-9);
      }
      const inDays = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' }).probabilityAlive(
        [{ frequency: x, recency: tx, T }],
        { at: { days: 21 } },
      )[0] as number;
      expectRelClose(inDays, aliveByLikelihood(p, x, tx, T) * survivalByIntegral(p, 3, x, T), 1e-9);
    }
  });

  it('E[Y(t) | …] is P(alive) · E[(1 − e^(−λpt))/p] over the posterior, for moderate and huge t', () => {
    for (const [p, x, tx, T] of CASES) {
      const model = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
      for (const t of [4, 39, 3e10]) {
        const got = model.conditionalExpectedPurchases(t, [{ frequency: x, recency: tx, T }])[0] as number;
        const expected = aliveByLikelihood(p, x, tx, T) * expectedIfAliveByIntegral(p, t, x, T);
        expectRelClose(got, expected, t > 1e6 ? 1e-8 : 1e-9);
      }
    }
  });
});

describe('P(X(t) = n)', () => {
  it('P(X(0) = 0) is 1 and P(X(0) = n) is 0 for n > 0', () => {
    const model = new ModifiedBetaGeoModel({ params: PUBLISHED, timeUnit: 'week' });
    expect(model.probabilityOfPurchases(0, 0)).toBeCloseTo(1, 15);
    expect(model.probabilityOfPurchases(3, 0)).toBe(0);
  });

  it('matches the mixture of the per-(λ, p) probabilities at t > 0', () => {
    // P(X = n | λ, p) = (1−p)^(n+1) Poisson(n; λt) + p(1−p)^n P(Poisson(λt) ≥ n); over λ ~ Gamma(r, α) the Poisson
    // becomes the NBD with P(N = j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j, then over p in closed Beta moments.
    const p = { r: 1.5, alpha: 3, a: 2, b: 4 };
    const t = 5;
    const nbd = (j: number): number =>
      Math.exp(gammaln(p.r + j) - gammaln(p.r) - gammaln(j + 1) + p.r * Math.log(3 / 8) + j * Math.log(5 / 8));
    const model = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
    for (const n of [0, 1, 4]) {
      let head = 0;
      for (let j = 0; j < n; j++) head += nbd(j);
      const alive = Math.exp(betaln(p.a, p.b + n + 1) - betaln(p.a, p.b));
      const gone = Math.exp(betaln(p.a + 1, p.b + n) - betaln(p.a, p.b));
      expectRelClose(model.probabilityOfPurchases(n, t), alive * nbd(n) + gone * (1 - head), 1e-12);
    }
  });
});

describe('ModifiedBetaGeoModel errors, state and JSON form', () => {
  it('names t in the errors of every method taking a horizon', () => {
    const model = new ModifiedBetaGeoModel({ params: PUBLISHED, timeUnit: 'week' });
    const message = 't: expected a finite number ≥ 0, got -1';
    expectError(() => model.expectedPurchases(-1), 'INVALID_INPUT', message, ['t']);
    expectError(() => model.conditionalExpectedPurchases(-1, []), 'INVALID_INPUT', message, ['t']);
    expectError(() => model.probabilityOfPurchases(1, -1), 'INVALID_INPUT', message, ['t']);
    const weeks = 't.weeks: expected a finite number ≥ 0, got -2';
    expectError(() => model.expectedPurchases({ weeks: -2 }), 'INVALID_INPUT', weeks, ['t', 'weeks']);
    expectError(() => model.conditionalExpectedPurchases({ weeks: -2 }, []), 'INVALID_INPUT', weeks, ['t', 'weeks']);
    expectError(() => model.probabilityOfPurchases(0, { weeks: -2 }), 'INVALID_INPUT', weeks, ['t', 'weeks']);
  });

  it('DOMAIN_ERROR names the method and its bound', () => {
    const tail = "the model's special functions lose all precision this far out";
    const huge = new ModifiedBetaGeoModel({ params: { r: 1e308, alpha: 4, a: 0.8, b: 2 }, timeUnit: 'week' });
    expectError(
      () => huge.probabilityAlive([{ frequency: 1e308, recency: 5, T: 5 }]),
      'DOMAIN_ERROR',
      `ModifiedBetaGeoModel.probabilityAlive: the result for customers[0] cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, 1]); ${tail}`,
      ['customers', 0],
    );
    expectError(
      () => huge.expectedPurchases(3),
      'DOMAIN_ERROR',
      `ModifiedBetaGeoModel.expectedPurchases: the result cannot be computed accurately at these parameters (got -Infinity, expected a finite number in [0, 7.5e+307]); ${tail}`,
      [],
    );
    // (r + x)/(α + T)·t = 2.14e307 is finite here, (r + x)·(α + T)·t would not be.
    const model = new ModifiedBetaGeoModel({ params: { r: 1, alpha: 4, a: 0.8, b: 2 }, timeUnit: 'week' });
    expectError(
      () => model.conditionalExpectedPurchases(3, [{ frequency: 1e308, recency: 5, T: 10 }]),
      'DOMAIN_ERROR',
      `ModifiedBetaGeoModel.conditionalExpectedPurchases: the result for customers[0] cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, 2.1428571428571428e+307]); ${tail}`,
      ['customers', 0],
    );
    const flat = new ModifiedBetaGeoModel({ params: { r: 1, alpha: 4, a: 1e308, b: 1e308 }, timeUnit: 'week' });
    expectError(
      () => flat.probabilityOfPurchases(2, 3),
      'DOMAIN_ERROR',
      `ModifiedBetaGeoModel.probabilityOfPurchases: the result cannot be computed accurately at these parameters (got NaN, expected a finite number in [0, 1]); ${tail}`,
      [],
    );
  });

  it('is of kind modified-beta-geo, keeps its time unit, reads the fit statistics, and toJSON copies them', () => {
    const bare = new ModifiedBetaGeoModel({ params: PUBLISHED, timeUnit: 'day' });
    expect(bare.model).toBe('modified-beta-geo');
    expect(bare.timeUnit).toBe('day');
    expect(bare.logLikelihood).toBeNull();
    expect(bare.converged).toBeNull();
    expect(bare.iterations).toBe(0);
    expect(bare.penalizer).toBe(0);
    const plain = bare.toJSON();
    expect(plain.model).toBe('modified-beta-geo');
    expect(plain.timeUnit).toBe('day');
    expect(plain.fit).toBeNull();
    expect(plain.standardErrors).toBeNull();
    expect(plain.confidenceIntervals).toBeNull();
    expectError(
      () => new ModifiedBetaGeoModel({ params: PUBLISHED, timeUnit: 'fortnight' as 'week' }),
      'INVALID_INPUT',
      'timeUnit: expected one of "day", "week", "month", "year", got the string "fortnight"',
      ['timeUnit'],
    );

    const fit = { logLikelihood: -10, converged: true, iterations: 7, reason: 'ok', penalizer: 0.2, customerCount: 3 };
    const standardErrors = { r: 0.01, alpha: 0.2, a: 0.05, b: 0.3 };
    const confidenceIntervals = {
      r: { lower: 0.5, upper: 0.6 },
      alpha: { lower: 6, upper: 7 },
      a: { lower: 0.8, upper: 1 },
      b: { lower: 1.5, upper: 1.7 },
    };
    const full = new ModifiedBetaGeoModel({
      params: PUBLISHED,
      timeUnit: 'week',
      fit,
      standardErrors,
      confidenceIntervals,
    });
    expect(full.logLikelihood).toBe(-10);
    expect(full.converged).toBe(true);
    expect(full.iterations).toBe(7);
    expect(full.penalizer).toBe(0.2);
    const json = full.toJSON();
    expect(json.fit).toEqual(fit);
    expect(json.standardErrors).toEqual(standardErrors);
    expect(json.confidenceIntervals).toEqual(confidenceIntervals);
    expect(json.fit).not.toBe(full.fit);
    expect(json.standardErrors).not.toBe(full.standardErrors);
    expect(json.confidenceIntervals?.r).not.toBe(full.confidenceIntervals?.r);
  });
});

describe('modifiedBetaGeoObjective against the MBG/NBD likelihood written out', () => {
  it('value without and with a penalizer, and the log-likelihood of given parameters', () => {
    const rows = smallRows();
    for (const phi of [BASE_PHI, [Math.log(1.7), Math.log(9), Math.log(3), Math.log(0.6)]]) {
      for (const penalizer of [0, 0.05]) {
        const { objective } = modifiedBetaGeoObjective(rows, penalizer);
        expectRelClose(objective(Float64Array.from(phi)), handObjective(phi, penalizer), 1e-12);
      }
    }
    const { logLikelihood } = modifiedBetaGeoObjective(rows, 0);
    const p = { r: 0.5, alpha: 3, a: 0.7, b: 2.5 };
    let total = 0;
    for (const c of SMALL) total += logLikelihoodOne(p, c.frequency, c.recency, c.T);
    expectRelClose(logLikelihood(p), total, 1e-12);
  });

  it('gradient in log parameters matches central differences of the hand objective, with a penalizer', () => {
    const penalizer = 0.1;
    const { gradient } = modifiedBetaGeoObjective(smallRows(), penalizer);
    for (const phi of [BASE_PHI, [Math.log(1.7), Math.log(9), Math.log(3), Math.log(0.6)]]) {
      const out = new Float64Array(5).fill(7);
      gradient(Float64Array.from(phi), out);
      expect(out[4]).toBe(7); // four entries only
      for (let j = 0; j < 4; j++) {
        const h = 1e-5;
        const up = [...phi];
        const down = [...phi];
        up[j] = (up[j] as number) + h;
        down[j] = (down[j] as number) - h;
        const fd = (handObjective(up, penalizer) - handObjective(down, penalizer)) / (2 * h);
        expect(Math.abs((out[j] as number) - fd)).toBeLessThan(1e-8 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('a change of any one log parameter is seen, and a repeated point gives the same value', () => {
    const { objective, gradient } = modifiedBetaGeoObjective(smallRows(), 0);
    for (let j = 0; j < 4; j++) {
      const base = Float64Array.from(BASE_PHI);
      expectRelClose(objective(base), handObjective(BASE_PHI, 0), 1e-12);
      expectRelClose(objective(Float64Array.from(BASE_PHI)), handObjective(BASE_PHI, 0), 1e-12);
      const moved = [...BASE_PHI];
      moved[j] = (moved[j] as number) + 0.3;
      expectRelClose(objective(Float64Array.from(moved)), handObjective(moved, 0), 1e-12);
      const g1 = new Float64Array(4);
      const g2 = new Float64Array(4);
      gradient(Float64Array.from(moved), g1);
      gradient(Float64Array.from(moved), g2);
      expect(Array.from(g2)).toEqual(Array.from(g1));
      expect(g1.some((v) => v !== 0)).toBe(true);
    }
  });

  it('rejects a = 0 and r = 0 where the likelihood is finite (objective +∞, gradient 0), also when asked again', () => {
    // a = 0: no dropout at all, the log-sum keeps only its first term. r = 0 with every x = 0: ln L = ln(1 + a/b)… finite.
    const zeros = smallRows([
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 0, recency: 0, T: 4 },
    ]);
    for (const [rows, phi] of [
      [smallRows(), [0, 0, -1000, 0]],
      [zeros, [-1000, 0, 0, 0]],
      [zeros, [-1000, 1, 0.5, 0.2]],
      [smallRows(), [0, -1000, 0, 0]],
      [smallRows(), [0, 0, 0, -1000]],
    ] as Array<[CompressedRows, number[]]>) {
      const { objective, gradient } = modifiedBetaGeoObjective(rows, 0.01);
      for (let round = 0; round < 2; round++) {
        objective(Float64Array.from(BASE_PHI));
        expect(objective(Float64Array.from(phi))).toBe(Number.POSITIVE_INFINITY);
        gradient(Float64Array.from(BASE_PHI), new Float64Array(4));
        const out = new Float64Array(4).fill(7);
        gradient(Float64Array.from(phi), out);
        expect(Array.from(out)).toEqual([0, 0, 0, 0]);
      }
    }
  });

  it('rejects parameter sums that overflow even where the likelihood is finite (every T = 0)', () => {
    const flat = smallRows([
      { frequency: 0, recency: 0, T: 0 },
      { frequency: 0, recency: 0, T: 0 },
    ]);
    const { objective } = modifiedBetaGeoObjective(flat, 0);
    const ln1e308 = Math.log(1e308);
    expect(objective(Float64Array.of(0, 0, 0, 0))).toBe(0);
    for (const phi of [
      [0, ln1e308, 0, ln1e308],
      [0, ln1e308, ln1e308, 0],
      [ln1e308, ln1e308, 0, 0],
    ]) {
      expect(objective(Float64Array.from(phi))).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('rejects valid parameters whose log-likelihood is not finite (r ≈ 8e307): objective +∞, gradient 0', () => {
    const { objective, gradient } = modifiedBetaGeoObjective(smallRows(), 0.01);
    gradient(Float64Array.from(BASE_PHI), new Float64Array(4));
    for (let round = 0; round < 2; round++) {
      const out = new Float64Array(4).fill(7);
      gradient(Float64Array.of(709, 0, 0, 0), out);
      expect(Array.from(out)).toEqual([0, 0, 0, 0]);
      expect(objective(Float64Array.of(709, 0, 0, 0))).toBe(Number.POSITIVE_INFINITY);
    }
  });

  // Regression: a point whose log-likelihood was not finite rewrote the cached value and gradient but not the cached
  // point, so asking again for the previous point returned that stale value (+∞) and gradient.
  it('the value and gradient at a point are unchanged after a point whose log-likelihood is not finite', () => {
    const { objective, gradient } = modifiedBetaGeoObjective(smallRows(), 0.01);
    const phi = Float64Array.from(BASE_PHI);
    const before = objective(phi);
    const gradientBefore = new Float64Array(4);
    gradient(phi, gradientBefore);
    expect(objective(Float64Array.of(709, 0, 0, 0))).toBe(Number.POSITIVE_INFINITY);
    expect(objective(phi)).toBe(before);
    const gradientAfter = new Float64Array(4);
    gradient(phi, gradientAfter);
    expect(Array.from(gradientAfter)).toEqual(Array.from(gradientBefore));
    expectRelClose(before, handObjective(BASE_PHI, 0.01), 1e-12);
  });
});

describe('fitModifiedBetaGeo start points and outcome', () => {
  const ZEROS = [
    { frequency: 0, recency: 0, T: 0 },
    { frequency: 0, recency: 0, T: 0 },
  ];

  it('a flat likelihood (every T = 0) stays at the start: all ones (α = 1 when max T = 0), no standard errors', () => {
    const model = fitModifiedBetaGeo(ZEROS, { timeUnit: 'week' });
    expect({ ...model.params }).toEqual({ r: 1, alpha: 1, a: 1, b: 1 });
    expect(model.standardErrors).toBeNull();
    expect(model.confidenceIntervals).toBeNull();
    expect(model.converged).toBe(true);
    expect(model.logLikelihood).toBe(0);
  });

  it('a flat likelihood stays at the given initialParams', () => {
    const init = { r: 3, alpha: 2, a: 0.5, b: 4 };
    const model = fitModifiedBetaGeo(ZEROS, { timeUnit: 'week', initialParams: init });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(model.params[k]).toBeCloseTo(init[k], 14);
  });

  /** 300 simulated customers with T from 20 to 40 (the last one 24): the default start is { r: 1, α: 4, a: 1, b: 1 }. */
  function simulated(): Array<{ frequency: number; recency: number; T: number }> {
    const T = Array.from({ length: 300 }, (_, i) => 20 + ((i * 5) % 21));
    return simulateBetaGeo({ r: 0.8, alpha: 4, a: 1.5, b: 3 }, { customers: 300, T, seed: 2 }).customers;
  }

  it('the default start is α = max T / 10: the same fit as from that start given explicitly, with standard errors', () => {
    const data = simulated();
    const byDefault = fitModifiedBetaGeo(data, { timeUnit: 'week' });
    const explicit = fitModifiedBetaGeo(data, { timeUnit: 'week', initialParams: { r: 1, alpha: 4, a: 1, b: 1 } });
    expect(byDefault.converged).toBe(true);
    expect({ ...byDefault.params }).toEqual({ ...explicit.params });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      const se = byDefault.standardErrors?.[k] as number;
      expect(se).toBeGreaterThan(0);
      expect(se).toBeLessThan(byDefault.params[k]);
      expect(byDefault.confidenceIntervals?.[k].lower).toBeLessThan(byDefault.params[k]);
    }
  });

  it('initialParams missing α and a take max T / 10 and 1', () => {
    const data = simulated();
    const partial = fitModifiedBetaGeo(data, { timeUnit: 'week', initialParams: { r: 1.5, b: 2 } });
    const explicit = fitModifiedBetaGeo(data, { timeUnit: 'week', initialParams: { r: 1.5, alpha: 4, a: 1, b: 2 } });
    expect({ ...partial.params }).toEqual({ ...explicit.params });
  });

  it('strict mode with maxIterations: 1 names fitModifiedBetaGeo in NOT_CONVERGED', () => {
    const error = thrown(() => fitModifiedBetaGeo(simulated(), { timeUnit: 'week', maxIterations: 1, strict: true }));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message).toMatch(
      /^fitModifiedBetaGeo: the maximum-likelihood fit did not converge \(.+\); try initialParams, a penalizer or more data$/,
    );
  });

  it('more than 40,000 distinct rows go through the subsample warm start', () => {
    const many = Array.from({ length: 40_002 }, (_, i) => ({ frequency: i % 3, recency: i % 3, T: 3 + i * 1e-4 }));
    const model = fitModifiedBetaGeo(many, { timeUnit: 'week', maxIterations: 1 });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Number.isFinite(model.params[k]) && model.params[k] > 0).toBe(true);
    }
  });
});

describe('the objective at large r and α (the Poisson limit)', () => {
  // Regression: ln L was evaluated as r·ln α − (r+x)·ln(α+T) (+ the same with α+tₓ), two terms of size r·ln α that
  // cancel. On these eight customers the fit followed the rounding noise to r = 3.9e129, α = 5.6e130 and reported
  // ln L = +1.89e117. Each customer's terms are now −r·log1p(T/α) − x·ln(α+T), which do not cancel.
  it('fitModifiedBetaGeo reports the log-likelihood of the parameters it returns', () => {
    const data = [
      { frequency: 2, recency: 15, T: 20 },
      { frequency: 0, recency: 0, T: 18 },
      { frequency: 1, recency: 3, T: 16 },
      { frequency: 4, recency: 17, T: 19 },
      { frequency: 0, recency: 0, T: 20 },
      { frequency: 1, recency: 10, T: 14 },
      { frequency: 3, recency: 6, T: 17 },
      { frequency: 0, recency: 0, T: 9 },
    ];
    const model = fitModifiedBetaGeo(data, { timeUnit: 'week' });
    const { r, alpha, a, b } = model.params;
    let stable = 0;
    for (const c of data) {
      const x = c.frequency;
      // ln Γ(r+x) − ln Γ(r) as Σ ln(r+j): gammaln(r) itself has no digits to spare at r ≈ 1e18.
      let lnRise = 0;
      for (let j = 0; j < x; j++) lnRise += Math.log(r + j);
      const common = lnRise - betaln(a, b) - x * Math.log(alpha + c.T);
      const alive = common + betaln(a, b + x + 1) - r * Math.log1p(c.T / alpha);
      const gone =
        common +
        betaln(a + 1, b + x) -
        r * Math.log1p(c.recency / alpha) +
        x * Math.log((alpha + c.T) / (alpha + c.recency));
      const top = Math.max(alive, gone);
      stable += top + Math.log(Math.exp(alive - top) + Math.exp(gone - top));
    }
    expect(model.logLikelihood).toBeLessThan(0);
    expectRelClose(model.logLikelihood as number, stable, 1e-6);
  });
});
