import gammaln from '@stdlib/math-base-special-gammaln';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from '../../src/core/hypergeometric.js';
import { test as propTest } from '../support/property.js';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('hyp2f1 against closed forms', () => {
  it('₂F₁(1, 1; 2; z) = −ln(1 − z)/z over (−50, 1) (A&S 15.1.3)', () => {
    for (const z of [-50, -9, -3, -0.9, -0.2, 1e-6, 0.1, 0.5, 0.85, 0.9, 0.91, 0.99, 0.999999]) {
      expect(relErr(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
    }
  });
  it('₂F₁(a, b; b; z) = (1 − z)^(−a) (A&S 15.1.8)', () => {
    for (const [a, b, z] of [
      [0.7, 2.3, 0.4],
      [1.5, 0.25, 0.95],
      [3.2, 1.1, -4],
      [0.35, 5.5, 0.9999],
    ] as const) {
      expect(relErr(hyp2f1(a, b, b, z), (1 - z) ** -a)).toBeLessThan(1e-12);
    }
  });
  it("Gauss's theorem at z = 1: Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) (A&S 15.1.20)", () => {
    const a = 0.3;
    const b = 0.4;
    const c = 1.9;
    const exact = Math.exp(gammaln(c) + gammaln(c - a - b) - gammaln(c - a) - gammaln(c - b));
    expect(relErr(hyp2f1(a, b, c, 1), exact)).toBeLessThan(1e-14);
    // and continuity approaching 1 from below
    expect(relErr(hyp2f1(a, b, c, 1 - 1e-12), exact)).toBeLessThan(1e-6);
  });
  it('₂F₁(1/2, 1/2; 3/2; z²) = arcsin(z)/z (A&S 15.1.6)', () => {
    for (const x of [0.1, 0.6, 0.95, 0.999])
      expect(relErr(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-12);
  });
  it('terminating series: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))', () => {
    const b = 1.7;
    const c = 2.9;
    for (const z of [-10, -0.5, 0.3, 0.97]) {
      const exact = 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
      expect(relErr(hyp2f1(-2, b, c, z), exact)).toBeLessThan(1e-13);
    }
  });
});

describe('hyp2f1 against mpmath 1.3.0 (mp.dps = 40) values', () => {
  // Computed with `mpmath.hyp2f1(a, b, c, z)` (https://mpmath.org), 20 significant digits shown.
  const table: Array<[number, number, number, number, string]> = [
    [0.5, 1.5, 2.5, 0.99, '2.087935852082992'],
    [2.3, 1.7, 3.1, 0.999, '1100.184367376020084'],
    [1.2, 0.8, 3, 0.97, '1.79679115597700327'],
    [1.5, 2.5, 4, 0.95, '7.8242263412350159656'], // c − a − b = 0: logarithmic case
    [1.5, 2.5, 4.000001, 0.95, '7.8242187827131833653'], // c − a − b within 1e-5 of an integer
    [1.5, 2.5, 3.99999, 0.995, '17.757107128562225714'],
    [4.159, 1.606, 5.159, 0.3, '1.5721011949383083622'], // Pareto/NBD argument shapes
    [4.159, 1.606, 5.159, 0.97, '38.040303110309552071'],
    [20, 1.6, 21, 0.9999, '7977.3685115933228121'],
    [2, 3, 1.5, -0.7, '0.099642819496981616187'],
    [3.5, 2.25, 1.75, -20, '-0.00010057683230469838169'],
    [1, 2.17, 3.87, 0.9, '2.5077896005537780315'], // sBG DERL shapes
    [1, 2.17, 3.87, 0.95, '2.9160581703588633506'],
    [1, 2.17, 3.87, -0.3, '0.85891225760252711704'],
    [10.5, 1.2, 11.5, 0.6, '2.6256922147387002487'],
    [0.7, 1.3, 2, 0.999999, '12.060694269040091871'], // integer c − a − b = 0 very near 1
  ];
  for (const [a, b, c, z, expected] of table) {
    it(`₂F₁(${a}, ${b}; ${c}; ${z})`, () => {
      expect(relErr(hyp2f1(a, b, c, z), Number(expected))).toBeLessThan(1e-10);
    });
  }
});

describe('hyp2f1 edge cases', () => {
  it('large b near z = 1: the 1 − z transformation cancels, so the direct series decides (regression)', () => {
    // The two terms of A&S 15.3.6 are ~e^50 and of opposite sign here; the sum came out as −2.1e16 and −1.2e60.
    // Reference: the power series itself, whose terms are all positive, summed until they stop mattering.
    const direct = (a: number, b: number, c: number, z: number): number => {
      let term = 1;
      let sum = 1;
      for (let n = 0; n < 2_000_000 && term > 1e-18 * sum; n++) {
        term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
        sum += term;
      }
      return sum;
    };
    for (const [a, b, c, z] of [
      [1, 1e5, 1e5 + 0.5, 0.9995],
      [1, 3e5, 3e5 + 0.5, 0.9995],
      [1, 1e4, 1e4 + 2.5, 0.999],
      [1, 10, 10.5, 0.95],
    ] as const) {
      const value = hyp2f1(a, b, c, z);
      expect(Math.abs(value / direct(a, b, c, z) - 1)).toBeLessThan(1e-12);
    }
    // The same with c − a − b an integer (the logarithmic form): ₂F₁(50, 50; 100; 0.95) came out as −1.2e24 and
    // ₂F₁(500, 500; 1000; 0.95) as −Infinity; ₂F₁(20, 20; 40; 0.95) lost 8 digits.
    for (const [a, b, c, z] of [
      [20, 20, 40, 0.95],
      [50, 50, 100, 0.95],
      [200, 200, 400, 0.95],
      [500, 500, 1000, 0.95],
      [10, 10, 20, 0.95],
      [5, 5, 10, 0.999],
    ] as const) {
      expect(Math.abs(hyp2f1(a, b, c, z) / direct(a, b, c, z) - 1)).toBeLessThan(1e-12);
    }
    // Where the direct series would need more than 100 000 terms, the answer is NaN, never a wrong number.
    expect(hyp2f1(2, 5e4 + 1, 5e4 + 31, 0.99999)).toBeNaN();
  });

  it('is 1 at z = 0 and when a or b is 0', () => {
    expect(hyp2f1(2.5, 3.5, 1.5, 0)).toBe(1);
    expect(hyp2f1(0, 3.5, 1.5, 0.7)).toBe(1);
  });
  it('diverges at z = 1 when c − a − b ≤ 0', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBe(Number.POSITIVE_INFINITY);
  });
  it('is NaN outside the domain (z > 1, c a non-positive integer, non-finite input)', () => {
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(Number.NaN, 1, 2, 0.5)).toBeNaN();
  });
  it('logHyp2f1 matches log(hyp2f1) and stays finite for very negative z', () => {
    expect(logHyp2f1(1, 1, 2, 0.5)).toBeCloseTo(Math.log(hyp2f1(1, 1, 2, 0.5)), 14);
    const z = -1e6;
    expect(relErr(logHyp2f1(1, 1, 2, z), Math.log(Math.log1p(-z) / -z))).toBeLessThan(1e-9);
  });
});

describe('hyp2f1 properties', () => {
  propTest.prop([
    fc.double({ min: 0.05, max: 20, noNaN: true }),
    fc.double({ min: 0.05, max: 20, noNaN: true }),
    fc.double({ min: -30, max: 0.9999, noNaN: true }),
  ])('symmetric in a and b', (a, b, z) => {
    const c = a + 1.3;
    expect(relErr(hyp2f1(a, b, c, z), hyp2f1(b, a, c, z))).toBeLessThan(1e-9);
  });
  propTest.prop([
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.double({ min: 0, max: 0.999, noNaN: true }),
  ])('is increasing in z on [0, 1) for positive parameters, and ≥ 1', (a, b, c, z) => {
    const f1 = hyp2f1(a, b, c, z);
    const f2 = hyp2f1(a, b, c, z + (1 - z) / 2);
    expect(f1).toBeGreaterThanOrEqual(1);
    expect(f2).toBeGreaterThanOrEqual(f1 * (1 - 1e-12));
  });
  propTest.prop([
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.double({ min: 0.05, max: 0.999, noNaN: true }),
  ])("Gauss's contiguous relation (c−a)F(a−1) + (2a−c+(b−a)z)F(a) + a(z−1)F(a+1) = 0 (A&S 15.2.10)", (a, b, c, z) => {
    const fm = hyp2f1(a - 1, b, c, z);
    const f0 = hyp2f1(a, b, c, z);
    const fp = hyp2f1(a + 1, b, c, z);
    const terms = [(c - a) * fm, (2 * a - c + (b - a) * z) * f0, a * (z - 1) * fp];
    const scale = Math.max(...terms.map(Math.abs));
    expect(Math.abs(terms[0]! + terms[1]! + terms[2]!)).toBeLessThan(1e-8 * scale);
  });
});
