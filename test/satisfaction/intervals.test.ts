// The internal interval kernels, against SciPy 1.17 (scipy.stats.norm.ppf, scipy.stats.t.ppf) and Newcombe (1998).

import { describe, expect, it } from 'vitest';
import {
  normalQuantile,
  regularizedIncompleteBeta,
  studentTQuantile,
  symmetricInterval,
  wilsonInterval,
} from '../../src/satisfaction/intervals.js';
import { fc, test } from '../support/property.js';

describe('normalQuantile (AS 241)', () => {
  // scipy.stats.norm.ppf
  const cases: Array<[number, number]> = [
    [1e-12, -7.034483825301131],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.975, 1.959963984540054],
    [0.9995, 3.2905267314919255],
  ];
  for (const [p, expected] of cases) {
    it(`Φ⁻¹(${p}) = ${expected}`, () => {
      expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(expected)));
    });
  }

  test.prop([fc.double({ min: 1e-10, max: 1 - 1e-10, noNaN: true })])('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)', (p) => {
    expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 6);
  });

  test.prop([
    fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
    fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
  ])('is increasing', (a, b) => {
    fc.pre(a < b);
    expect(normalQuantile(a)).toBeLessThanOrEqual(normalQuantile(b));
  });
});

describe('studentTQuantile', () => {
  // scipy.stats.t.ppf(p, df)
  const cases: Array<[number, number, number]> = [
    [1, 0.975, 12.706204736174694],
    [2, 0.95, 2.9199855803537242],
    [4, 0.975, 2.7764451051977934],
    [9, 0.995, 3.249835541592126],
    [30, 0.975, 2.0422724563012378],
    [0.5, 0.9, 10.27032441023451],
    [200, 0.99, 2.345137082259468],
  ];
  for (const [df, p, expected] of cases) {
    it(`t(${p}, ${df}) = ${expected}`, () => {
      expect(Math.abs(studentTQuantile(p, df) - expected) / expected).toBeLessThan(1e-12);
    });
  }

  it('approaches the normal quantile for large ν', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(normalQuantile(0.975), 5);
  });

  it('is 0 at the median', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_½(a, a) = ½', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.7, 2.5, 1)).toBeCloseTo(0.7 ** 2.5, 14);
    expect(regularizedIncompleteBeta(0.5, 3.3, 3.3)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0, 2, 2)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 2)).toBe(1);
  });
});

describe('wilsonInterval: Newcombe (1998), Table I, method 3 (95%)', () => {
  // Published to 4 decimals; SciPy's binomtest(x, n).proportion_ci(method='wilson') agrees.
  const z = 1.959963984540054;
  const cases: Array<[number, number, number, number]> = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [x, n, lower, upper] of cases) {
    it(`${x}/${n} → ${lower}–${upper}`, () => {
      const ci = wilsonInterval(x, n, z);
      expect(Math.abs(ci.lower - lower)).toBeLessThanOrEqual(0.00005);
      expect(Math.abs(ci.upper - upper)).toBeLessThanOrEqual(0.00005);
    });
  }

  it('81/263 to full precision (scipy.stats.binomtest … proportion_ci(method="wilson"))', () => {
    const ci = wilsonInterval(81, 263, z);
    expect(ci.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(ci.upper).toBeCloseTo(0.36620957698280004, 12);
  });

  test.prop([fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'contains p̂, stays in [0, 1], and narrows when n doubles at the same p̂',
    (n, fraction) => {
      const x = Math.round(fraction * n);
      const ci = wilsonInterval(x, n, z);
      expect(ci.lower).toBeGreaterThanOrEqual(0);
      expect(ci.upper).toBeLessThanOrEqual(1);
      expect(ci.lower).toBeLessThanOrEqual(x / n + 1e-12);
      expect(ci.upper).toBeGreaterThanOrEqual(x / n - 1e-12);
      const wider = wilsonInterval(2 * x, 2 * n, z);
      expect(wider.upper - wider.lower).toBeLessThanOrEqual(ci.upper - ci.lower + 1e-12);
    },
  );
});

describe('symmetricInterval', () => {
  it('clamps to the bounds', () => {
    expect(symmetricInterval(95, 5, 2, 0, 100)).toEqual({ lower: 85, upper: 100 });
  });
});
