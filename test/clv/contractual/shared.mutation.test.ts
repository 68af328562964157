// Written for the mutants of src/clv/contractual/shared.ts that survived Stryker (see docs/testing.md): the
// maximum-likelihood driver on hand-made log-likelihoods whose optimum and standard errors are known, the log-scale
// intervals by their formula, ₂F₁(1, b; c; z) against an exact 60-digit BigInt summation of the series (and closed
// forms), the ratio-recurrence log-sum on sequences built to expose its anchoring and rescaling, and the chi-square
// tail against the closed form of even degrees of freedom.
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail,
  fitPositiveParameters,
  hypergeometricOneSeries,
  logScaleIntervals,
  logSumByRatios,
} from '../../../src/clv/contractual/shared.js';
import { thrown } from '../../support/thrown.js';

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** The exact rational num/den of a finite double x ≥ 0 (doubling is exact until x is an integer). */
function rational(x: number): [bigint, bigint] {
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return [BigInt(v), den];
}

const DIGITS = 10n ** 60n;

/** A 60-digit fixed-point BigInt as the nearest double (to within one rounding). */
function fixedToNumber(v: bigint): number {
  return Number((v << 200n) / DIGITS) / 2 ** 200;
}

/**
 * Independent reference: Σ_k (b)_k/(c)_k z^k and Σ_k k·(b)_k/(c)_k z^k for the exact rationals of the doubles b, c, z,
 * in 60-digit fixed point (each term truncated, so the sums are exact to ~1e-50), summed until the terms are 0.
 */
function exactOneSeries(b: number, c: number, z: number): { value: number; zDerivative: number } {
  const [bn, bd] = rational(b);
  const [cn, cd] = rational(c);
  const [zn, zd] = rational(z);
  let term = DIGITS;
  let sum = DIGITS;
  let weighted = 0n;
  let k = 0n;
  while (term > 0n) {
    term = (term * (bn + k * bd) * cd * zn) / (bd * zd * (cn + k * cd));
    k += 1n;
    sum += term;
    weighted += k * term;
  }
  return { value: fixedToNumber(sum), zDerivative: fixedToNumber(weighted) };
}

/** Compensated (Kahan) double sum of the same two series, for cases too long for the BigInt reference. */
function kahanOneSeries(b: number, c: number, z: number): { value: number; zDerivative: number } {
  let term = 1;
  let sum = 1;
  let sumC = 0;
  let weighted = 0;
  let weightedC = 0;
  for (let k = 0; k < 5_000_000 && term > 1e-22 * sum; k++) {
    term *= ((b + k) / (c + k)) * z;
    const y = term - sumC;
    const t = sum + y;
    sumC = t - sum - y;
    sum = t;
    const wy = (k + 1) * term - weightedC;
    const wt = weighted + wy;
    weightedC = wt - weighted - wy;
    weighted = wt;
  }
  return { value: sum, zDerivative: weighted };
}

/** −(LL) is a quadratic in log θ: optimum θᵢ = e^{μᵢ}, observed information in log space diag(1/σᵢ²). */
function quadraticLogLikelihood(mu: readonly number[], sigma: readonly number[], top: number) {
  return (params: Float64Array): number => {
    let ll = top;
    for (let i = 0; i < mu.length; i++) {
      const dev = Math.log(params[i] as number) - (mu[i] as number);
      ll -= (dev * dev) / (2 * (sigma[i] as number) ** 2);
    }
    return ll;
  };
}

describe('fitPositiveParameters', () => {
  it('finds the optimum of a known log-likelihood, its value, and standard errors θ·σ by the delta method', () => {
    const fit = fitPositiveParameters(
      ['a', 'b'],
      quadraticLogLikelihood([Math.log(2), Math.log(0.5)], [0.5, 0.25], -3.5),
      [1, 1],
      {},
      42,
      'Test model',
    );
    expect(relErr(fit.params.a, 2)).toBeLessThan(1e-8);
    expect(relErr(fit.params.b, 0.5)).toBeLessThan(1e-8);
    expect(fit.logLikelihood).toBeCloseTo(-3.5, 12);
    expect(fit.converged).toBe(true);
    expect(fit.observations).toBe(42);
    expect(fit.standardErrors).not.toBeNull();
    // SE(θ) = θ·SE(log θ) = θ·σ: 2·0.5 and 0.5·0.25.
    expect(relErr(fit.standardErrors?.a as number, 1)).toBeLessThan(1e-6);
    expect(relErr(fit.standardErrors?.b as number, 0.125)).toBeLessThan(1e-6);
  });

  it('passes maxIterations to the optimizer (1 iteration is not enough here)', () => {
    const ll = quadraticLogLikelihood([Math.log(2), Math.log(0.5)], [0.5, 0.25], -3.5);
    const fit = fitPositiveParameters(['a', 'b'], ll, [1, 1], { maxIterations: 1 }, 10, 'Test model');
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBeLessThanOrEqual(3);
    expect(relErr(fit.params.a, 2)).toBeGreaterThan(1e-3);
  });

  it('passes tolerance to the optimizer: a loose one stops at the start point, with the log-likelihood there', () => {
    const ll = quadraticLogLikelihood([Math.log(2), Math.log(0.5)], [0.5, 0.25], -3.5);
    const fit = fitPositiveParameters(['a', 'b'], ll, [1.5, 0.6], { tolerance: 1 }, 10, 'Test model');
    expect(fit.iterations).toBe(0);
    expect(fit.converged).toBe(true);
    expect(fit.params).toEqual({ a: 1.5, b: 0.6 });
    const expected = -3.5 - Math.log(1.5 / 2) ** 2 / (2 * 0.25) - Math.log(0.6 / 0.5) ** 2 / (2 * 0.0625);
    expect(fit.logLikelihood).toBeCloseTo(expected, 12);
    // Standard errors are taken at the returned point: σ·θ there.
    expect(relErr(fit.standardErrors?.a as number, 1.5 * 0.5)).toBeLessThan(1e-6);
    expect(relErr(fit.standardErrors?.b as number, 0.6 * 0.25)).toBeLessThan(1e-6);
  });

  it('a flat log-likelihood has no positive-definite Hessian: standard errors null, the fit still returned', () => {
    const fit = fitPositiveParameters(['a', 'b'], () => 1.25, [1, 3], {}, 5, 'Test model');
    expect(fit.standardErrors).toBeNull();
    expect(fit.params.a).toBe(1);
    expect(relErr(fit.params.b, 3)).toBeLessThan(1e-15);
    expect(fit.logLikelihood).toBe(1.25);
    expect(fit.converged).toBe(true);
  });

  it('a maximum at the edge (below 1e-4 or above 1e6) is reported as not converged, naming the parameters', () => {
    const ll = quadraticLogLikelihood([Math.log(1e-5), Math.log(3), Math.log(2e7)], [1, 1, 1], 0);
    const fit = fitPositiveParameters(['a', 'b', 'c'], ll, [1, 1, 1], {}, 7, 'Test model');
    expect(fit.converged).toBe(false);
    expect(fit.reason).toBe(
      'the likelihood is maximized at the edge of the parameter space (a = 0.0000100, c = 2.00e+7): the data do not identify the model',
    );
    expect(relErr(fit.params.b, 3)).toBeLessThan(1e-8);
    const error = thrown(() =>
      fitPositiveParameters(['a', 'b', 'c'], ll, [1, 1, 1], { strict: true }, 7, 'Test model'),
    );
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message).toBe(
      'Test model: the fit did not converge (the likelihood is maximized at the edge of the parameter space (a = 0.0000100, c = 2.00e+7): the data do not identify the model)',
    );
  });

  it('parameters just inside [1e-4, 1e6] are interior', () => {
    // exp(log 1e-4) and exp(log 1e6) round to just inside the bounds; the optimum is the start point itself.
    const ll = quadraticLogLikelihood([Math.log(1e-4), Math.log(1e6)], [1, 1], 0);
    const fit = fitPositiveParameters(['a', 'b'], ll, [1e-4, 1e6], {}, 7, 'Test model');
    expect(fit.converged).toBe(true);
    expect(fit.reason).toBe('gradient below tolerance');
  });

  it('a log-likelihood that is never finite: NOT_CONVERGED with the optimizer reason', () => {
    const error = thrown(() => fitPositiveParameters(['a', 'b'], () => Number.NaN, [1, 1], {}, 5, 'Test model'));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message).toBe(
      'Test model: the log-likelihood could not be evaluated (the objective is not finite at the start point; then Nelder–Mead iteration limit reached)',
    );
  });
});

describe('logScaleIntervals', () => {
  it('is exp(log θ ± 1.96·SE/θ) per parameter, and null without standard errors', () => {
    const out = logScaleIntervals({ a: 2, b: 0.5 }, { a: 0.3, b: 0.1 });
    const z = 1.959963984540054;
    expect(out).not.toBeNull();
    expect(relErr(out?.a.lower as number, Math.exp(Math.log(2) - (z * 0.3) / 2))).toBeLessThan(1e-14);
    expect(relErr(out?.a.upper as number, Math.exp(Math.log(2) + (z * 0.3) / 2))).toBeLessThan(1e-14);
    expect(relErr(out?.b.lower as number, Math.exp(Math.log(0.5) - (z * 0.1) / 0.5))).toBeLessThan(1e-14);
    expect(relErr(out?.b.upper as number, Math.exp(Math.log(0.5) + (z * 0.1) / 0.5))).toBeLessThan(1e-14);
    // Symmetric on the log scale: lower·upper = θ².
    expect(relErr((out?.b.lower as number) * (out?.b.upper as number), 0.25)).toBeLessThan(1e-14);
    expect(logScaleIntervals({ a: 2 }, null)).toBeNull();
    expect(logScaleIntervals({}, {})).toEqual({});
  });
});

describe('hypergeometricOneSeries', () => {
  it('direct series (z ≤ 0.999) equals the exact series sum in value and z·d/dz', () => {
    // [b, c, z, tolerance of the value, of z·d/dz]: a few ulps at moderate z, up to ~1e-13 close to z = 0.999 (the
    // rounding of ~10⁴ terms). A remainder bound that stopped early would leave ~1e-14 … 1e-11 in z·d/dz.
    const cases: [number, number, number, number, number][] = [
      [1, 2, 0.001, 1e-15, 1e-15],
      [0.01, 5, 0.01, 1e-15, 1e-15],
      [0.01, 5, 0.5, 1e-15, 1e-15],
      [1, 3, 0.5, 1e-15, 2e-15],
      [0.01, 5, 0.9, 1e-15, 1e-15],
      [1, 3, 0.9, 5e-16, 5e-16],
      [3.7, 4.2, 0.9, 1e-15, 2e-15],
      [1, 2, 0.99, 1e-14, 5e-15],
      [0.5, 1.5, 0.99, 5e-15, 5e-15],
      [200, 200.7, 0.99, 1e-14, 2e-14],
      [1, 2, 0.999, 1e-13, 1e-13],
    ];
    for (const [b, c, z, valueTolerance, derivativeTolerance] of cases) {
      const got = hypergeometricOneSeries(b, c, z);
      const want = exactOneSeries(b, c, z);
      expect(relErr(got.value, want.value), `value ${b} ${c} ${z}`).toBeLessThan(valueTolerance);
      expect(relErr(got.zDerivative, want.zDerivative), `z·d/dz ${b} ${c} ${z}`).toBeLessThan(derivativeTolerance);
    }
  });

  it('the direct sum is used up to z = 0.999 even where the general ₂F₁ interpolates (c − a − b near 0)', () => {
    // ₂F₁(1, 1; 2.000001; z): the transformation interpolates in c here, ~1e-11 off; the series is exact.
    for (const z of [0.95, 0.999]) {
      const got = hypergeometricOneSeries(1, 2.000001, z);
      const want = exactOneSeries(1, 2.000001, z);
      expect(relErr(got.value, want.value)).toBeLessThan(1e-12);
      expect(relErr(got.zDerivative, want.zDerivative)).toBeLessThan(1e-12);
    }
  });

  it('closed forms: ₂F₁(1,1;2;z) = −ln(1−z)/z and ₂F₁(1,½;3/2;z) = atanh(√z)/√z, also beyond z = 0.999', () => {
    for (const z of [0.3, 0.9995, 0.99999]) {
      const f = -Math.log1p(-z) / z;
      const got = hypergeometricOneSeries(1, 2, z);
      expect(relErr(got.value, f)).toBeLessThan(1e-12);
      // z·f′ = Σ k z^k/(k+1) = 1/(1−z) − f
      expect(relErr(got.zDerivative, 1 / (1 - z) - f)).toBeLessThan(1e-12);
      const s = Math.sqrt(z);
      const g = Math.atanh(s) / s;
      const half = hypergeometricOneSeries(0.5, 1.5, z);
      expect(relErr(half.value, g)).toBeLessThan(1e-12);
      // z·g′ = Σ k z^k/(2k+1) = (1/(1−z) − g)/2
      expect(relErr(half.zDerivative, (1 / (1 - z) - g) / 2)).toBeLessThan(1e-12);
    }
    // ₂F₁(1,1;3;z) = 2((1−z)ln(1−z) + z)/z²; z·d/dz = 2(2·L2 − L1), L1 = −ln(1−z)/z, L2 = (−ln(1−z) − z)/z².
    const z = 0.9995;
    const l1 = -Math.log1p(-z) / z;
    const l2 = (-Math.log1p(-z) - z) / (z * z);
    const got = hypergeometricOneSeries(1, 3, z);
    expect(relErr(got.value, 2 * (l1 - l2))).toBeLessThan(1e-12);
    expect(relErr(got.zDerivative, 2 * (2 * l2 - l1))).toBeLessThan(1e-12);
  });

  it('a terminating or trivial series: b = 0 or z = 0 gives exactly {1, 0}', () => {
    expect(hypergeometricOneSeries(0, 1, 0.5)).toEqual({ value: 1, zDerivative: 0 });
    expect(hypergeometricOneSeries(2, 3, 0)).toEqual({ value: 1, zDerivative: 0 });
  });

  it('z > 0.999 with b in the hundred thousands: the general ₂F₁ fails (negative / NaN), the direct sum is used', () => {
    // ₂F₁(1, 1e5; 1e5 + 0.5; 0.9995) comes back negative from the transformation, and z·d/dz for
    // (5e4, 5e4 + 30, 0.99999) as NaN: both are summed directly instead.
    for (const [b, c, z] of [
      [1e5, 1e5 + 0.5, 0.9995],
      [5e4, 5e4 + 30, 0.99999],
    ] as const) {
      const got = hypergeometricOneSeries(b, c, z);
      const want = kahanOneSeries(b, c, z);
      expect(relErr(got.value, want.value)).toBeLessThan(1e-10);
      expect(relErr(got.zDerivative, want.zDerivative)).toBeLessThan(1e-10);
    }
  });

  it('z ≥ 1 where the series diverges: NOT_CONVERGED naming the series, under options.discountRate', () => {
    for (const z of [1, 1.5]) {
      const error = thrown(() => hypergeometricOneSeries(2, 2.5, z));
      expect(error.code).toBe('NOT_CONVERGED');
      expect(error.message).toBe(
        `options.discountRate: the series ₂F₁(1, 2; 2.5; ${z}) did not converge to full precision; use a larger discount rate`,
      );
      expect(error.path).toEqual(['options', 'discountRate']);
    }
    // Convergent at z = 1 (Gauss): (c−1)/(c−b−1).
    expect(relErr(hypergeometricOneSeries(1, 3.5, 1).value, 2.5 / 1.5)).toBeLessThan(1e-12);
  });
});

describe('logSumByRatios', () => {
  const ones: [number, number, number] = [0, 0, 0];

  it('a constant sequence (ratio exactly 1) sums to exactly log(count)', () => {
    for (const n of [1, 10, 4000]) {
      expect(logSumByRatios(1, n, () => 0, ones, ones)).toBe(Math.log(n));
    }
    expect(logSumByRatios(5, 4, () => 0, ones, ones)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('a first term of −∞ gives −∞, also over more than one anchoring interval', () => {
    const logTerm = (i: number): number => (i === 0 ? Number.NEGATIVE_INFINITY : 0);
    expect(logSumByRatios(0, 5000, logTerm, ones, ones)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('re-reads the exact term every 4096 terms (seen with a logTermAt that disagrees with the ratios)', () => {
    // Ratios say 1; logTermAt says 2 after the first term. Terms 1…4095 come from the ratio (1 each), the term at
    // first + 4096 is re-read as 2, and the ratio carries 2 on: 1 + 4095 + 2·905.
    const logTerm = (i: number): number => (i === 0 ? 0 : Math.log(2));
    expect(relErr(logSumByRatios(0, 5000, logTerm, ones, ones), Math.log(1 + 4095 + 2 * 905))).toBeLessThan(1e-14);
  });

  it('an anchor more than e^600 above the running scale moves the scale there', () => {
    // logTermAt(first) = 5, then 800 at the anchor: the 4096 terms before it (e^5 each) vanish beside 905·e^800.
    const up = (i: number): number => (i === 0 ? 5 : 800);
    expect(relErr(logSumByRatios(0, 5000, up, ones, ones), 800 + Math.log(905))).toBeLessThan(1e-14);
    // 650 above: 4096·e^5 + 905·e^655, on the log scale 655 + log(905 + 4096·e^−650).
    const mid = (i: number): number => (i === 0 ? 5 : 655);
    expect(relErr(logSumByRatios(0, 5000, mid, ones, ones), 655 + Math.log(905))).toBeLessThan(1e-14);
    // 800 below: the later terms underflow to 0 and the sum is the first 4096 terms.
    const down = (i: number): number => (i === 0 ? 5 : -795);
    expect(relErr(logSumByRatios(0, 5000, down, ones, ones), 5 + Math.log(4096))).toBeLessThan(1e-14);
  });

  it('rescales past 1e280: Σ_{i=0}^{3000} C(i+1000, 1000) = C(4001, 1001) (hockey stick), far beyond 1e308', () => {
    const logChoose = (n: number, k: number): number => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
    const got = logSumByRatios(0, 3000, (i) => logChoose(i + 1000, 1000), [1000, 0, 0], [0, 0, 0]);
    const want = logChoose(4001, 1001);
    expect(want).toBeGreaterThan(1000);
    expect(relErr(got, want)).toBeLessThan(1e-12);
  });

  it('a ratio whose numerator product overflows is taken factor by factor (ratio 1e10)', () => {
    // (i+1e155)²(i+1) / ((i+1e150)²(i+1)) = 1e10: the numerator overflows, the denominator does not.
    const got = logSumByRatios(0, 1, () => 0, [1e155, 1e155, 1], [1e150, 1e150, 1]);
    expect(relErr(got, Math.log1p(1e10))).toBeLessThan(1e-14);
  });

  it('a ratio whose denominator product overflows is taken factor by factor (ratio 1e-10)', () => {
    // log(1 + 1e-10) as the sum holds it in double (log1p would be 1e-6 away from that).
    const got = logSumByRatios(0, 1, () => 0, [1e150, 1e150, 1], [1e155, 1e155, 1]);
    expect(relErr(got, Math.log(1 + 1e-10))).toBeLessThan(1e-5);
  });

  it('both products overflow: each factor matters, (1e200/4e200)·(2e200/1e200)·((i+3)/(i+5))', () => {
    const p: [number, number, number] = [1e200, 2e200, 3];
    const q: [number, number, number] = [4e200, 1e200, 5];
    let term = 1;
    let sum = 1;
    for (let i = 1; i <= 3; i++) {
      term *= 0.5 * ((i + 3) / (i + 5));
      sum += term;
    }
    expect(
      relErr(
        logSumByRatios(0, 3, () => 0, p, q),
        Math.log(sum),
      ),
    ).toBeLessThan(1e-14);
  });
});

describe('chiSquareUpperTail', () => {
  /** Q(k, y) = e^−y Σ_{j<k} y^j/j! for df = 2k. */
  function evenTail(x: number, df: number): number {
    const y = x / 2;
    let term = 1;
    let sum = 1;
    for (let j = 1; j < df / 2; j++) {
      term *= y / j;
      sum += term;
    }
    return Math.exp(-y) * sum;
  }

  it('is 1 at x ≤ 0 (also for the degenerate df = 0) and 0 at +∞', () => {
    expect(chiSquareUpperTail(-1, 3)).toBe(1);
    expect(chiSquareUpperTail(0, 0)).toBe(1);
    expect(chiSquareUpperTail(0, 4)).toBe(1);
    expect(chiSquareUpperTail(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  it('matches the closed form of even df in the series region (x/2 < df/2 + 1), to a few ulps', () => {
    // Points where the continued fraction alone would be off (df = 20, x = 2: 3e-8; df = 40, x = 1: returns 0)
    // or NaN (x/2 = df/2 − 1, where its first denominator is 0).
    for (const [x, df] of [
      [2, 20],
      [1, 40],
      [10, 40],
      [2, 4],
      [8, 10],
      [0.5, 10],
    ] as const) {
      expect(relErr(chiSquareUpperTail(x, df), evenTail(x, df)), `x=${x} df=${df}`).toBeLessThan(1e-15);
    }
  });

  it('at x/2 = df/2 + 1 (the switch) the continued fraction is used, to the last ulps', () => {
    expect(relErr(chiSquareUpperTail(8, 6), 13 * Math.exp(-4))).toBeLessThan(7e-16);
    expect(relErr(chiSquareUpperTail(6, 4), 4 * Math.exp(-3))).toBeLessThan(7e-16);
  });

  it('matches the closed form in the continued-fraction region', () => {
    for (const [x, df] of [
      [20, 2],
      [30, 10],
      [80, 40],
    ] as const) {
      expect(relErr(chiSquareUpperTail(x, df), evenTail(x, df))).toBeLessThan(1e-14);
    }
  });
});
