// Written for the mutants of src/core/hypergeometric.ts that survived Stryker (see docs/testing.md): every branch of
// ₂F₁ (terminating series, Pfaff with each parameter choice, Euler, A&S 15.3.6 with its cancellation fallback, the
// logarithmic integer case for m = 0…10, the near-integer interpolation, Gauss's theorem with poles, the 100 000-term
// cap) against exact fixed-point sums of the power series, closed forms (A&S 15.1.3–15.1.8, Gauss, Chu–Vandermonde)
// and integrals that have elementary antiderivatives.
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from '../../src/core/hypergeometric.js';

const relErr = (value: number, exact: number): number => Math.abs(value - exact) / Math.abs(exact);

/** Fraction bits of the fixed-point sums below. */
const BITS = 240;

/** A double as an exact fixed-point BigInt with {@link BITS} fraction bits. */
function fixed(x: number): bigint {
  let mantissa = x;
  let shift = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    shift++;
  }
  return BigInt(mantissa) << BigInt(BITS - shift);
}

/**
 * Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for |z| < 1 (or terminating), with every double argument taken exactly and every term kept
 * to 2⁻²⁴⁰: summed until the term ratio is below 1 and the term is 2⁻¹³⁰ of the sum, so the result is the true value
 * of the series rounded once to a double (alternating series included).
 */
function exactSeries(a: number, b: number, c: number, z: number): number {
  const one = 1n << BigInt(BITS);
  const [A, B, C, Z] = [fixed(a), fixed(b), fixed(c), fixed(z)];
  let term = one;
  let sum = one;
  for (let n = 0; n < 1_000_000; n++) {
    const N = BigInt(n) * one;
    term = (term * (A + N) * (B + N) * Z) / ((C + N) * BigInt(n + 1) * one * one);
    sum += term;
    const ratio = Math.abs(((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2)));
    const size = term < 0n ? -term : term;
    if (term === 0n || (ratio < 1 && size << 130n < (sum < 0n ? -sum : sum))) return Number(sum) / 2 ** BITS;
  }
  throw new Error('exactSeries did not converge');
}

/** Γ(x) for real non-integer x, by reflection Γ(x) = π/(sin(πx)Γ(1−x)) below 1/2. */
function gamma(x: number): number {
  return x < 0.5 ? Math.PI / (Math.sin(Math.PI * x) * Math.exp(gammaln(1 - x))) : Math.exp(gammaln(x));
}

/** The same series in doubles (Neumaier-compensated) for all-positive terms, when millions of terms are needed. */
function positiveSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let compensation = 0;
  for (let n = 0; n < 20_000_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    const next = sum + term;
    compensation += sum >= term ? sum - next + term : term - next + sum;
    sum = next;
    if (term <= 1e-20 * sum) return sum + compensation;
  }
  throw new Error('positiveSeries did not converge');
}

describe('hyp2f1: argument checks', () => {
  it('is NaN for a non-finite parameter or argument, even where a shortcut would give 1', () => {
    expect(hyp2f1(Number.POSITIVE_INFINITY, 1, 2, 0)).toBeNaN();
    expect(hyp2f1(1, Number.POSITIVE_INFINITY, 2, 0)).toBeNaN();
    expect(hyp2f1(1, 1, Number.POSITIVE_INFINITY, 0)).toBeNaN();
    expect(hyp2f1(0, 1, 2, Number.NEGATIVE_INFINITY)).toBeNaN();
    expect(hyp2f1(1, 0, 2, Number.NaN)).toBeNaN();
  });
  it('is NaN for z > 1 even for a = 0 or a polynomial, and for c = 0', () => {
    expect(hyp2f1(0, 1, 2, 1.5)).toBeNaN();
    expect(hyp2f1(-1, 2, 1, 2)).toBeNaN();
    expect(hyp2f1(0.5, 0.5, 0, 0.5)).toBeNaN();
    expect(hyp2f1(0.5, 0.5, -3, -0.5)).toBeNaN();
  });
  it('is exactly 1 when a, b or z is 0', () => {
    expect(hyp2f1(0, 2.5, 1.5, 0.99)).toBe(1);
    expect(hyp2f1(2.5, 0, 1.5, -7)).toBe(1);
    expect(hyp2f1(2.5, 3.5, 1.5, 0)).toBe(1);
  });
});

describe("hyp2f1 at z = 1 (Gauss's theorem)", () => {
  it('is Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)): 16/(3π) for (1/2, 3/2; 3)', () => {
    expect(relErr(hyp2f1(0.5, 1.5, 3, 1), 16 / (3 * Math.PI))).toBeLessThan(1e-14);
  });
  it('has the sign of Γ at negative non-integer arguments: Γ(1/2)Γ(3/4)/Γ(−3/4) for (5/4, −3/2; 1/2)', () => {
    const gammaQuarter = 3.625609908221908;
    const gammaThreeQuarters = 1.225416702465178;
    const exact = (Math.sqrt(Math.PI) * gammaThreeQuarters) / (gammaQuarter / -0.75);
    expect(relErr(hyp2f1(1.25, -1.5, 0.5, 1), exact)).toBeLessThan(1e-13);
  });
  it('is +0 (not −0, not NaN) when c − a or c − b is a pole of Γ', () => {
    // F(a, b; a − k; 1) and F(a, b; b − k; 1) vanish: 1/Γ(pole) = 0 whatever the signs of the other factors.
    expect(hyp2f1(2.5, -1.5, 1.5, 1)).toBe(0); // c − a = −1, c − b = 3
    expect(hyp2f1(-1.5, 2.5, 1.5, 1)).toBe(0); // c − b = −1
    expect(hyp2f1(-0.5, -1.5, -0.5, 1)).toBe(0); // c − a = 0, Γ(c) < 0
    expect(hyp2f1(1e307, -0.5, 1e307, 1)).toBe(0); // ln Γ(c) overflows: the pole must decide first
  });
  it('diverges when c − a − b ≤ 0, but a polynomial stays finite (Chu–Vandermonde)', () => {
    expect(hyp2f1(1.5, 2.5, 2.25, 1)).toBe(Number.POSITIVE_INFINITY);
    // F(−2, b; c; 1) = (c−b)₂/(c)₂ although c − a − b = −1.
    const exact = ((2.5 - 5.5) * (3.5 - 5.5)) / (2.5 * 3.5);
    expect(relErr(hyp2f1(-2, 5.5, 2.5, 1), exact)).toBeLessThan(1e-14);
    expect(relErr(hyp2f1(5.5, -2, 2.5, 1), exact)).toBeLessThan(1e-14);
  });
});

describe('hyp2f1: the power series and its 100 000-term cap', () => {
  it('sums the plain series for 0 < z ≤ 0.9 and c − a − b ≥ 0', () => {
    expect(relErr(hyp2f1(1.5, 2.25, 4.75, 0.5), exactSeries(1.5, 2.25, 4.75, 0.5))).toBeLessThan(1e-14);
    expect(relErr(hyp2f1(1.5, 2.25, 4.75, 0.9), exactSeries(1.5, 2.25, 4.75, 0.9))).toBeLessThan(1e-14);
  });
  it('sums a terminating series at negative z', () => {
    // F(−3, b; c; z) = 1 − 3bz/c + 3b(b+1)z²/(c(c+1)) − b(b+1)(b+2)z³/(c(c+1)(c+2))
    const [b, c, z] = [1.5, 0.75, -4];
    const exact =
      1 -
      (3 * b * z) / c +
      (3 * b * (b + 1) * z * z) / (c * (c + 1)) -
      (b * (b + 1) * (b + 2) * z ** 3) / (c * (c + 1) * (c + 2));
    expect(relErr(hyp2f1(-3, b, c, z), exact)).toBeLessThan(1e-14);
  });
  it('returns +Infinity, not NaN, when the terms overflow', () => {
    expect(hyp2f1(-1000, 1000, 0.5, -1e10)).toBe(Number.POSITIVE_INFINITY);
  });
  it('sums a polynomial of 100 000 terms, but not one of 100 001 (Chu–Vandermonde: F(−N, 1; −N−½; 1) = (N+3/2)/(3/2))', () => {
    expect(relErr(hyp2f1(-99_999, 1, -99_999.5, 1), 100_000.5 / 1.5)).toBeLessThan(1e-10);
    expect(hyp2f1(-100_000, 1, -100_000.5, 1)).toBeNaN();
  });
});

describe('hyp2f1: Euler and Pfaff transformations', () => {
  it('uses Euler for c − a − b < 0 on (0, 0.9]', () => {
    expect(relErr(hyp2f1(2.5, 1.75, 1.25, 0.75), exactSeries(2.5, 1.75, 1.25, 0.75))).toBeLessThan(1e-14);
  });
  it('uses Euler up to z → 1 when c − a − b < −10 (the direct series would need millions of terms)', () => {
    // A&S 15.3.3 evaluated exactly: (1 − z)^(c−a−b) F(c−a, c−b; c; z)
    const exact = (1 - 0.9999) ** -12.5 * exactSeries(1.25 - 3.5, 1.25 - 10.25, 1.25, 0.9999);
    expect(relErr(hyp2f1(3.5, 10.25, 1.25, 0.9999), exact)).toBeLessThan(1e-13);
  });
  it('uses Euler up to z = 1 − 1e-5 when c − a − b = −13 and no parameter is a non-positive integer', () => {
    const [a, b, c, z] = [3.5, 10.75, 1.25, 0.99999];
    const exact = (1 - z) ** (c - a - b) * exactSeries(c - a, c - b, c, z);
    expect(relErr(hyp2f1(a, b, c, z), exact)).toBeLessThan(2e-15);
  });
  it('leaves the exact polynomial (1 − z)^(−b) when c = a, however large (c − a = 0 after Euler)', () => {
    expect(relErr(hyp2f1(1e12, 3.5, 1e12, 0.95), 0.05 ** -3.5)).toBeLessThan(1e-13);
    expect(relErr(hyp2f1(3.5, 1e12, 1e12, 0.95), 0.05 ** -3.5)).toBeLessThan(1e-13);
  });
  it('uses Pfaff for −1 < z < 0 (exact alternating sums)', () => {
    for (const z of [-0.5, -0.9]) {
      expect(relErr(hyp2f1(1.5, 2.25, 3.75, z), exactSeries(1.5, 2.25, 3.75, z))).toBeLessThan(1e-14);
    }
  });
  it('uses Pfaff with the numerator that makes a polynomial (c − b or c − a a non-positive integer)', () => {
    expect(relErr(hyp2f1(2.5, 1.75, 1.5, -0.5), exactSeries(2.5, 1.75, 1.5, -0.5))).toBeLessThan(1e-14); // c − a = −1
    expect(relErr(hyp2f1(1.75, 2.5, 1.5, -0.5), exactSeries(1.75, 2.5, 1.5, -0.5))).toBeLessThan(1e-14); // c − b = −1
    // F(a, b; b; z) = (1 − z)^(−a) far out, where the transformed argument is 1 − 1e-4.
    expect(relErr(hyp2f1(1.5, 2.5, 2.5, -1e4), (1 + 1e4) ** -1.5)).toBeLessThan(1e-14);
    expect(relErr(hyp2f1(2.5, 1.5, 2.5, -1e4), (1 + 1e4) ** -1.5)).toBeLessThan(1e-14);
  });
  it('goes on to the 1 − z transformation for z ≪ 0 (A&S 15.1.3 and 15.1.7)', () => {
    const z = -1e4;
    expect(relErr(hyp2f1(1, 1, 2, z), Math.log1p(-z) / -z)).toBeLessThan(1e-13);
    // F(1/2, 1/2; 3/2; −x²) = asinh(x)/x
    expect(relErr(hyp2f1(0.5, 0.5, 1.5, z), Math.asinh(100) / 100)).toBeLessThan(1e-13);
  });
});

describe('hyp2f1 near z = 1 (A&S 15.3.6)', () => {
  it('c − a − b not an integer, of either sign', () => {
    expect(relErr(hyp2f1(1.25, 0.5, 2.5, 0.95), exactSeries(1.25, 0.5, 2.5, 0.95))).toBeLessThan(1e-14);
    expect(relErr(hyp2f1(1.25, 2.5, 2.25, 0.97), exactSeries(1.25, 2.5, 2.25, 0.97))).toBeLessThan(1e-14);
  });
  it('keeps the transformation where the direct series would not converge in 100 000 terms', () => {
    // F(1/2, 1/2; 3/2; x²) = arcsin(x)/x (A&S 15.1.6), c − a − b = 1/2 at 1 − 1e-10
    const x = Math.sqrt(1 - 1e-10);
    expect(relErr(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-12);
  });
  it('keeps a negative sum of the two terms (no cancellation), where the direct series would not converge', () => {
    // F(−3/2, 9/4; 1.6; z) < 0 near 1 (Γ(c − b) < 0); reference: A&S 15.3.6 with both series summed exactly.
    const [a, b, c, z] = [-1.5, 2.25, 1.6, 0.99999];
    const d = c - a - b;
    const y = 1 - z;
    const exact =
      ((gamma(c) * gamma(d)) / (gamma(c - a) * gamma(c - b))) * exactSeries(a, b, 1 - d, y) +
      ((gamma(c) * gamma(-d)) / (gamma(a) * gamma(b))) * y ** d * exactSeries(c - a, c - b, 1 + d, y);
    expect(exact).toBeLessThan(0);
    expect(relErr(hyp2f1(a, b, c, z), exact)).toBeLessThan(1e-13);
  });
  it('falls back to the direct series when the two terms cancel (c − a − b = ±1/2, ±11/2)', () => {
    for (const [a, b, c, z] of [
      [1, 1e5, 1e5 + 0.5, 0.9995],
      [1, 1e5, 1e5 + 1.5, 0.9995],
      [1, 1e5, 1e5 + 4.5, 0.9995],
      [1, 1e5, 1e5 + 1.5, 0.9996], // sum ≈ 2400: stops at terms ≈ 2e-14 (relative 1e-17), well before 100 000
    ] as const) {
      expect(relErr(hyp2f1(a, b, c, z), positiveSeries(a, b, c, z))).toBeLessThan(1e-12);
    }
    // c − a − b = −11/2: only the Euler-transformed series converges in time.
    expect(relErr(hyp2f1(1, 1e5, 1e5 - 4.5, 0.9999), positiveSeries(1, 1e5, 1e5 - 4.5, 0.9999))).toBeLessThan(1e-8);
  });
  it('falls back when a term overflows', () => {
    expect(relErr(hyp2f1(1, 1e6, 1e6 + 0.5, 0.999), positiveSeries(1, 1e6, 1e6 + 0.5, 0.999))).toBeLessThan(1e-12);
  });
});

describe('hyp2f1: integer c − a − b (logarithmic case, DLMF 15.8.10)', () => {
  it('matches the exact series for m = 0 … 10', () => {
    const [a, b] = [1.25, 0.75];
    for (const m of [0, 1, 2, 3, 4, 5, 7, 10]) {
      for (const z of [0.91, 0.95]) {
        expect(relErr(hyp2f1(a, b, a + b + m, z), exactSeries(a, b, a + b + m, z))).toBeLessThan(1e-14);
      }
    }
  });
  it('sums the digamma series past terms that vanish at k = 1 or k = 2 (their zero is not convergence)', () => {
    // At these z the bracket ln(1−z) − ψ(k+1) − ψ(k+m+1) + ψ(a+k+m) + ψ(b+k+m) of term k is exactly 0.0 in doubles.
    for (const [a, b, m, z, tolerance] of [
      [4.5, 5.5, 0, 0.9225742455409451, 1e-13], // k = 1
      [7, 7, 1, 0.902177745294644, 1e-12], // k = 2
      [7.5, 7.5, 0, 0.9219110785170793, 2e-12], // k = 2
    ] as const) {
      expect(relErr(hyp2f1(a, b, a + b + m, z), exactSeries(a, b, a + b + m, z))).toBeLessThan(tolerance);
    }
  });
  it('m = −10 goes through Euler and the integer case, not the alternating Euler series', () => {
    expect(relErr(hyp2f1(30.5, 0.5, 21, 0.95), exactSeries(30.5, 0.5, 21, 0.95))).toBeLessThan(1e-13);
  });
  it('with large a·b·(1 − z) bounded', () => {
    // F(1, b; b + 1; z) with b = 1e5 at 1 − 1e-5: a·b·(1 − z) = 1.
    expect(relErr(hyp2f1(1, 1e5, 1e5 + 1, 0.99999), positiveSeries(1, 1e5, 1e5 + 1, 0.99999))).toBeLessThan(1e-8);
  });
  it('negative integers go through Euler first', () => {
    expect(relErr(hyp2f1(1.5, 2.5, 2, 0.95), exactSeries(1.5, 2.5, 2, 0.95))).toBeLessThan(1e-14);
    expect(relErr(hyp2f1(2.5, 1.5, 1, 0.93), exactSeries(2.5, 1.5, 1, 0.93))).toBeLessThan(1e-14);
  });
});

describe('hyp2f1: c − a − b within 1e-5 of an integer (interpolation)', () => {
  it('on both sides of m = 0, 2 and −2', () => {
    for (const [a, b, c, z, tolerance] of [
      [1.5, 2.5, 2 + 3e-6, 0.95, 1e-11],
      [1.5, 2.5, 2 - 3e-6, 0.95, 1e-11],
      [1.25, 0.75, 2 + 9e-6, 0.95, 1e-10],
      [1.25, 0.75, 2 - 9e-6, 0.95, 1e-10],
      [1.25, 0.75, 4 + 9e-6, 0.93, 1e-11],
      [1.25, 0.75, 4 - 9e-6, 0.93, 1e-11],
    ] as const) {
      expect(relErr(hyp2f1(a, b, c, z), exactSeries(a, b, c, z))).toBeLessThan(tolerance);
    }
  });
  it('interpolates towards the side where c − a − b lies (the extrapolation would err by 1e-9 here)', () => {
    for (const [a, b, c, z, tolerance] of [
      [5, 3, 8 + 9e-6, 0.999, 1.5e-10],
      [5, 3, 8 - 9e-6, 0.999, 1.5e-10],
      [1.25, 0.75, 2 + 9e-6, 0.9999, 5e-10],
      [1.25, 0.75, 2 - 9e-6, 0.9999, 5e-10],
    ] as const) {
      expect(relErr(hyp2f1(a, b, c, z), positiveSeries(a, b, c, z))).toBeLessThan(tolerance);
    }
  });
  it('at z = 0.9 the plain series is still used (no interpolation error)', () => {
    expect(relErr(hyp2f1(2.25, 3.75, 6 + 5e-6, 0.9), exactSeries(2.25, 3.75, 6 + 5e-6, 0.9))).toBeLessThan(1e-13);
  });
});

describe('logHyp2f1', () => {
  it('is −a·ln(1 − z) exactly for F(a, b; b; z), where (1 − z)^(−a) underflows', () => {
    expect(relErr(logHyp2f1(30, 2.5, 2.5, -1e12), -30 * Math.log1p(1e12))).toBeLessThan(1e-15);
  });
  it('matches ln of closed forms through each inner branch', () => {
    // F(1/2, −3/2; 3/2; −x²) = ∫₀¹ (1 + x²s²)^(3/2) ds = [u(2u²+5)√(1+u²)/8 + 3 asinh(u)/8] / x at u = x
    const x = 100;
    const integral = ((x * (2 * x * x + 5) * Math.sqrt(1 + x * x)) / 8 + (3 / 8) * Math.asinh(x)) / x;
    expect(relErr(logHyp2f1(0.5, -1.5, 1.5, -x * x), Math.log(integral))).toBeLessThan(1e-13);
    expect(relErr(logHyp2f1(1, 1, 2, -1e4), Math.log(Math.log1p(1e4) / 1e4))).toBeLessThan(1e-13);
    expect(relErr(logHyp2f1(2.5, 1.5, 1.5, -3), -2.5 * Math.log(4))).toBeLessThan(1e-15);
    expect(relErr(logHyp2f1(1.5, 2.25, 3.75, -0.5), Math.log(exactSeries(1.5, 2.25, 3.75, -0.5)))).toBeLessThan(1e-14);
    expect(relErr(logHyp2f1(1.5, 2.25, 3.75, 0.5), Math.log(exactSeries(1.5, 2.25, 3.75, 0.5)))).toBeLessThan(1e-14);
  });
  it('is NaN, not −Infinity, where ₂F₁ is exactly 0, and NaN where it is negative or c = 0', () => {
    expect(logHyp2f1(2, 2, 1, -1)).toBeNaN(); // (1 − z)^(−2)·(1 − 2·½) = 0
    expect(logHyp2f1(-1, 2, 1, 0.5)).toBeNaN(); // 1 − 2·½ = 0
    expect(logHyp2f1(-1, 2, 1, 0.75)).toBeNaN();
    expect(logHyp2f1(2, 3, 1, -1)).toBeNaN(); // (1 − z)^(−2)·(1 − 2·½ − …) < 0
    expect(logHyp2f1(0.5, 0.5, 0, -0.5)).toBeNaN();
  });
});
