import { describe, expect, it } from 'vitest';
import { lifetimeValue, marginMultiple } from '../../../src/clv/index.js';
import type { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';

describe('marginMultiple: Gupta & Lehmann (2003) margin-multiple grid', () => {
  // Gupta & Lehmann (2003), "Customers as assets", J. Interactive Marketing 17(1): the margin multiple r/(1+i−r)
  // for retention 60–90% and discount rates 10–16%, two decimals (each value can be checked by hand).
  const grid: Array<[number, number, number]> = [
    [0.6, 0.1, 1.2],
    [0.6, 0.12, 1.15],
    [0.6, 0.14, 1.11],
    [0.6, 0.16, 1.07],
    [0.7, 0.1, 1.75],
    [0.7, 0.12, 1.67],
    [0.7, 0.14, 1.59],
    [0.7, 0.16, 1.52],
    [0.8, 0.1, 2.67],
    [0.8, 0.12, 2.5],
    [0.8, 0.14, 2.35],
    [0.8, 0.16, 2.22],
    [0.9, 0.1, 4.5],
    [0.9, 0.12, 4.09],
    [0.9, 0.14, 3.75],
    [0.9, 0.16, 3.46],
  ];
  it.each(grid)('r = %s, i = %s → %s', (r, i, expected) => {
    expect(Math.abs(marginMultiple(r, i) - expected)).toBeLessThanOrEqual(0.005 + 1e-12);
  });

  it('the grid spans roughly 1 to 4.5, as the paper summarizes', () => {
    const values = grid.map(([r, i]) => marginMultiple(r, i));
    expect(Math.min(...values)).toBeCloseTo(0.6 / 0.56, 12);
    expect(Math.max(...values)).toBeCloseTo(4.5, 12);
  });

  it('with growth: r/(1 + i − r(1+g)); start timing: (1+i)/(1+i−r)', () => {
    expect(marginMultiple(0.8, 0.1, { marginGrowth: 0.05 })).toBeCloseTo(0.8 / 0.26, 12);
    expect(marginMultiple(0.8, 0.1, { timing: 'start' })).toBeCloseTo(1.1 / 0.3, 12);
  });
});

describe('marginMultiple: edge cases and errors', () => {
  it('r = 0 → 0; r = 1, d > 0 → 1/d', () => {
    expect(marginMultiple(0, 0.1)).toBe(0);
    expect(marginMultiple(1, 0.25)).toBeCloseTo(4, 12);
  });

  it('diverges when r(1+g) ≥ 1 + d, saying why', () => {
    const codeAndMessage = (run: () => unknown): [string, string] => {
      try {
        run();
      } catch (error) {
        return [(error as CrmAnalyticsError).code, (error as CrmAnalyticsError).message];
      }
      return ['none', ''];
    };
    expect(codeAndMessage(() => marginMultiple(1, 0))).toEqual([
      'DIVERGENT',
      'retentionRate: the margin multiple is infinite: retentionRate·(1 + marginGrowth) = 1 is not below 1 + discountRate = 1',
    ]);
    expect(codeAndMessage(() => marginMultiple(0.9, 0.1, { marginGrowth: 0.25 }))[0]).toBe('DIVERGENT');
    expect(codeAndMessage(() => marginMultiple(0.5, 0, { marginGrowth: 1 }))[0]).toBe('DIVERGENT');
  });

  it.each([
    [-0.1, 0.1, /retentionRate: expected a finite number in \[0, 1\], got -0\.1/],
    [1.1, 0.1, /retentionRate/],
    [Number.NaN, 0.1, /retentionRate: .*NaN/],
    [0.5, -0.1, /discountRate: expected a finite number ≥ 0, got -0\.1/],
    [0.5, Number.NaN, /discountRate: .*NaN/],
  ])('marginMultiple(%s, %s) throws INVALID_INPUT', (r, d, message) => {
    expect(() => marginMultiple(r, d)).toThrow(message);
  });

  it('bad options', () => {
    expect(() => marginMultiple(0.5, 0.1, { marginGrowth: -2 })).toThrow(/options\.marginGrowth/);
  });
});

describe('marginMultiple: properties', () => {
  const r = fc.double({ min: 0, max: 0.99, noNaN: true });
  const d = fc.double({ min: 0, max: 1, noNaN: true });
  test.prop([r, d, fc.double({ min: -1e6, max: 1e6, noNaN: true })])(
    'margin × multiple = lifetimeValue (infinite horizon)',
    (retention, discount, margin) => {
      const clv = lifetimeValue({ margin, retentionRate: retention, discountRate: discount }).value;
      expect(Math.abs(margin * marginMultiple(retention, discount) - clv)).toBeLessThanOrEqual(
        1e-9 * (1 + Math.abs(clv)),
      );
    },
  );
  test.prop([r, d])('start-timing multiple = 1 + end-timing multiple', (retention, discount) => {
    const end = marginMultiple(retention, discount);
    expect(marginMultiple(retention, discount, { timing: 'start' })).toBeCloseTo(1 + end, 9);
  });
  test.prop([r, r, d])('increases with retention', (a, b, discount) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(marginMultiple(hi, discount)).toBeGreaterThanOrEqual(marginMultiple(lo, discount));
  });
  test.prop([r, d, d])('decreases with the discount rate', (retention, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(marginMultiple(retention, hi)).toBeLessThanOrEqual(marginMultiple(retention, lo));
  });
});
