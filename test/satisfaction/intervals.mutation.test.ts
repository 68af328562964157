// Tests added for mutation testing (docs/testing.md): surviving mutants of src/satisfaction/intervals.ts (AS 241 at its
// branch boundary and far tail, the incomplete beta's symmetry switch and ends, the t quantile at the median, Wilson ends).
import { describe, expect, it } from 'vitest';
import {
  normalQuantile,
  regularizedIncompleteBeta,
  studentTQuantile,
  wilsonInterval,
} from '../../src/satisfaction/intervals.js';
import { fc, test } from '../support/property.js';

/** Distance in units of the last place of `expected` (a double's spacing at that magnitude). */
function ulps(actual: number, expected: number): number {
  const exponent = Math.floor(Math.log2(Math.abs(expected)));
  return Math.abs(actual - expected) / 2 ** (exponent - 52);
}

describe('normalQuantile: reference values (mpmath 1.3, −√2·erfinv(1 − 2p) at 800 digits, nearest double)', () => {
  it('at the edge of the central region, |p − ½| = 0.425 exactly: within 1.5 ulp (the other branch is 2 ulp off)', () => {
    // 0.075 − 0.5 is exactly −0.425 in binary64, so AS 241 takes its central rational approximation here.
    expect(0.075 - 0.5).toBe(-0.425);
    expect(ulps(normalQuantile(0.075), -1.439531470938456)).toBeLessThan(1.5);
  });

  // p < exp(−25) (r = √(−ln p) > 5): the third region of AS 241, down to the smallest subnormal.
  const tail: Array<[number, number]> = [
    [1e-20, -9.262340089798407],
    [1e-30, -11.464024688443615],
    [1e-100, -21.273453560965326],
    [1e-300, -37.0470962993612],
    [2.2250738585072014e-308, -37.5193793471445],
    [5e-324, -38.467405617144344],
  ];
  for (const [p, expected] of tail) {
    it(`far tail: Φ⁻¹(${p}) = ${expected} to 1e-15 relative`, () => {
      expect(Math.sqrt(-Math.log(p))).toBeGreaterThan(5);
      expect(Math.abs(normalQuantile(p) - expected) / -expected).toBeLessThan(1e-15);
    });
  }

  it('the upper far tail mirrors the lower one: Φ⁻¹(1 − 2⁻⁵³) = 8.209536151601387', () => {
    expect(Math.abs(normalQuantile(1 - 2 ** -53) - 8.209536151601387) / 8.2095).toBeLessThan(1e-15);
    expect(normalQuantile(2 ** -53)).toBe(-normalQuantile(1 - 2 ** -53));
  });

  it('second region up to its end r = 5 (p = e^−25 as a double): Φ⁻¹ = −6.657904643501103583721', () => {
    const p = 1.3887943864964021e-11;
    expect(Math.sqrt(-Math.log(p))).toBe(5);
    expect(ulps(normalQuantile(p), -6.657904643501103)).toBeLessThan(2);
    expect(ulps(normalQuantile(1e-12), -7.034483825301132)).toBeLessThan(2);
  });
});

describe('regularizedIncompleteBeta', () => {
  // mpmath.betainc(a, b, 0, x, regularized=True) at 50 digits; the first two are also closed forms:
  // I_x(1, b) = 1 − (1 − x)^b, and for integers I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a).
  const cases: Array<[number, number, number, number]> = [
    [0.9, 1, 200, 1],
    [0.8, 5, 3, 0.851968],
    [0.3, 5, 3, 0.028795499999999995],
    [0.99, 50, 50, 1],
    [0.6, 50, 50, 0.9780695578699148],
    [0.95, 10, 10, 0.999999994060661],
    [0.55, 500, 500, 0.9992363210604736],
    [0.52, 1000, 1000, 0.9632205167213604],
    [0.4, 3, 40, 0.9999998018937309],
    [0.9, 2.5, 0.5, 0.48958974456442755],
    [0.7, 30, 10, 0.22412974918083645],
    [0.2, 0.5, 0.5, 0.2951672353008666],
    [0.001, 1, 200, 0.1813511705213643],
    [0.999, 200, 1, 0.8186488294786356],
    [0.9999, 1e4, 0.5, 0.1572940177633515],
  ];
  for (const [x, a, b, expected] of cases) {
    it(`I_${x}(${a}, ${b}) = ${expected} to 1e-12 relative (both sides of the symmetry switch)`, () => {
      expect(Math.abs(regularizedIncompleteBeta(x, a, b) - expected) / expected).toBeLessThan(1e-12);
    });
  }

  it('binomial tail identity for integer a, b on a grid of x', () => {
    const binomialTail = (n: number, k: number, x: number): number => {
      let sum = 0;
      let coefficient = 1;
      for (let j = 0; j <= n; j++) {
        if (j >= k) sum += coefficient * x ** j * (1 - x) ** (n - j);
        coefficient = (coefficient * (n - j)) / (j + 1);
      }
      return sum;
    };
    for (const [a, b] of [
      [2, 9],
      [7, 4],
      [12, 12],
    ] as const) {
      for (let i = 1; i < 20; i++) {
        const x = i / 20;
        expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(binomialTail(a + b - 1, a, x), 13);
      }
    }
  });

  it('is 0 at and below x = 0 and 1 at and above x = 1, even for extreme shapes', () => {
    expect(regularizedIncompleteBeta(-0.5, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(0, 1e200, 1)).toBe(0);
    expect(regularizedIncompleteBeta(-0, 1e200, 1)).toBe(0);
    expect(regularizedIncompleteBeta(1, 1e20, 1)).toBe(1);
    expect(regularizedIncompleteBeta(1, 1e200, 1)).toBe(1);
    expect(regularizedIncompleteBeta(1.5, 2, 3)).toBe(1);
  });

  test.prop([
    fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    fc.double({ min: 0.5, max: 60, noNaN: true }),
    fc.double({ min: 0.5, max: 60, noNaN: true }),
  ])('satisfies I_x(a, b) + I_{1−x}(b, a) = 1', (x, a, b) => {
    expect(regularizedIncompleteBeta(x, a, b) + regularizedIncompleteBeta(1 - x, b, a)).toBeCloseTo(1, 12);
  });
});

describe('studentTQuantile', () => {
  it('is exactly 0 at and below the median, for any degrees of freedom (including very few)', () => {
    for (const nu of [1e-10, 1e-3, 1, 30, 1e6]) {
      expect(studentTQuantile(0.5, nu)).toBe(0);
      expect(studentTQuantile(0.2, nu)).toBe(0);
    }
  });

  it('closed forms: ν = 1 is tan(π(p − ½)), ν = 2 is (2p − 1)/√(2p(1 − p))', () => {
    for (const p of [0.6, 0.75, 0.9, 0.975, 0.999]) {
      expect(studentTQuantile(p, 1) / Math.tan(Math.PI * (p - 0.5))).toBeCloseTo(1, 12);
      expect(studentTQuantile(p, 2) / ((2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeCloseTo(1, 12);
    }
  });
});

describe('wilsonInterval at the ends', () => {
  it('x = n gives an upper bound of exactly 1 and x = 0 a lower bound of exactly 0', () => {
    // Evaluated directly, the formula's upper bound at x = n rounds to 1 − ulp for e.g. n = 1, z = 1.645.
    for (const z of [1, 1.6448536269514722, 1.959963984540054, 2.5758293035489004, 3.2905267314919255]) {
      for (let n = 1; n <= 60; n++) {
        expect(wilsonInterval(n, n, z).upper).toBe(1);
        expect(wilsonInterval(0, n, z).lower).toBe(0);
      }
    }
  });

  it('the other end at x = n is the closed form n/(n + z²), and at x = 0 it is z²/(n + z²)', () => {
    // At p̂ = 1: centre ± half = (1 + z²/2n) ± z²/2n, so the lower bound is 1/(1 + z²/n).
    const z = 1.959963984540054;
    for (const n of [1, 2, 10, 263]) {
      expect(wilsonInterval(n, n, z).lower).toBeCloseTo(n / (n + z * z), 14);
      expect(wilsonInterval(0, n, z).upper).toBeCloseTo((z * z) / (n + z * z), 14);
    }
  });
});
