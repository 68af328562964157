// Written for the mutants of src/clv/retention/closedForm.ts that survived Stryker (see docs/testing.md): exact
// values of the internal geometric-sum kernels against explicit period-by-period sums, edge ratios and error texts.
import { describe, expect, it } from 'vitest';
import {
  assertConvergent,
  geometricPower,
  geometricSeries,
  geometricSum,
  presentValueOfPeriods,
  type RetentionClvParams,
  retentionClvKernel,
  retentionClvParts,
  retentionClvValue,
  scaledGeometricSum,
} from '../../../src/clv/retention/closedForm.js';
import { fc, test } from '../../support/property.js';
import { thrown } from '../../support/thrown.js';

/** The largest double below x (x > 0). */
function nextDown(x: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = (bits[0] as bigint) - 1n;
  return new Float64Array(bits.buffer)[0] as number;
}

function params(overrides: Partial<RetentionClvParams>): RetentionClvParams {
  return {
    margin: 100,
    retentionRate: 0.8,
    discountRate: 0.1,
    periods: Number.POSITIVE_INFINITY,
    marginGrowth: 0,
    retentionCost: 0,
    acquisitionCost: 0,
    referralValue: 0,
    timing: 'end',
    ...overrides,
  };
}

/**
 * Cash flow of period t (1-based) discounted to now: margin m(1+g)^(t−1) plus v − c, survival r^t and discount
 * (1+d)^t at the end of the period; r^(t−1) and (1+d)^(t−1) at its start.
 */
function periodValue(p: RetentionClvParams, t: number): number {
  const k = p.timing === 'end' ? t : t - 1;
  const cash = p.margin * (1 + p.marginGrowth) ** (t - 1) + p.referralValue - p.retentionCost;
  return (cash * p.retentionRate ** k) / (1 + p.discountRate) ** k;
}

/** Σ of the period values over periods from+1 … to (to may be Infinity: summed until the terms vanish). */
function bruteForce(p: RetentionClvParams, from: number, to: number): number {
  let sum = 0;
  const last = Math.min(to, from + 100_000);
  for (let t = from + 1; t <= last; t++) {
    const term = periodValue(p, t);
    sum += term;
    if (to === Number.POSITIVE_INFINITY && t > from + 50 && Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

function expectRelClose(actual: number, expected: number, tolerance = 1e-10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('geometricSeries / geometricSum / scaledGeometricSum / geometricPower', () => {
  it('geometricSeries holds gap = (1−r)+d−r·g, ln q and 1 + d', () => {
    const s = geometricSeries(0.8, 0.05, 0.1);
    expect(s.onePlusD).toBe(1.1);
    expectRelClose(s.gap, 1.1 - 0.8 * 1.05, 1e-14);
    expectRelClose(s.logRatio, Math.log((0.8 * 1.05) / 1.1), 1e-14);
    expect(geometricSeries(0, 0.1, 0.3).logRatio).toBe(Number.NEGATIVE_INFINITY);
    expect(geometricSeries(0.5, -1, 0.3).logRatio).toBe(Number.NEGATIVE_INFINITY);
    expect(geometricSeries(0.5, -1, 0.3).onePlusD).toBe(1.3);
  });

  it('geometricSum is Σ_{k<T} q^k, scaledGeometricSum that sum divided by 1 + d', () => {
    const r = 0.8;
    const g = 0.05;
    const d = 0.1;
    const q = (r * (1 + g)) / (1 + d);
    const s = geometricSeries(r, g, d);
    for (const periods of [1, 2, 7, 40]) {
      let sum = 0;
      for (let k = 0; k < periods; k++) sum += q ** k;
      expectRelClose(geometricSum(s, periods), sum, 1e-12);
      expectRelClose(scaledGeometricSum(s, periods), sum / (1 + d), 1e-12);
    }
    expectRelClose(geometricSum(s, Number.POSITIVE_INFINITY), 1 / (1 - q), 1e-12);
    expectRelClose(scaledGeometricSum(s, Number.POSITIVE_INFINITY), 1 / ((1 + d) * (1 - q)), 1e-12);
    expectRelClose(geometricSum(s, 1), 1, 1e-15);
  });

  it('an empty sum (0 periods) is +0, also when q = 0', () => {
    expect(Object.is(scaledGeometricSum(geometricSeries(0.8, 0.05, 0.1), 0), 0)).toBe(true);
    expect(Object.is(scaledGeometricSum(geometricSeries(0, 0, 0.2), 0), 0)).toBe(true);
    expect(Object.is(scaledGeometricSum(geometricSeries(0.1, -1, 0.2), 0), 0)).toBe(true);
    expect(Object.is(geometricSum(geometricSeries(0.1, -1, 0.2), 0), 0)).toBe(true);
  });

  it('q = 0 (margin growth −1 or retention 0): only the first term, exactly 1/(1+d)', () => {
    for (const periods of [1, 5, Number.POSITIVE_INFINITY]) {
      expect(scaledGeometricSum(geometricSeries(0.1, -1, 0.2), periods)).toBe(1 / 1.2);
      expect(scaledGeometricSum(geometricSeries(0, 0.3, 0.2), periods)).toBe(1 / 1.2);
      expect(geometricSum(geometricSeries(0.1, -1, 0.2), periods)).toBe(1);
    }
  });

  it('q = 1 (gap 0): T terms of 1, divided by 1 + d', () => {
    // r(1+g) = 1+d: r = 1, g = d = 0.5
    expect(scaledGeometricSum(geometricSeries(1, 0.5, 0.5), 4)).toBe(4 / 1.5);
    expect(geometricSum(geometricSeries(1, 0.5, 0.5), 4)).toBe(4);
    expect(scaledGeometricSum(geometricSeries(1, 0, 0), 5)).toBe(5);
  });

  it('infinite sum when ln q rounds to 0 but the gap is positive: 1/gap', () => {
    const d = 0.2;
    const g = nextDown(d);
    const s = geometricSeries(1, g, d);
    expect(s.logRatio).toBe(0); // the case: ln q rounds to 0
    // Σ_{k≥0} q^k /(1+d) with 1 − q = (d − g)/(1+d): 1/(d − g)
    expect(scaledGeometricSum(s, Number.POSITIVE_INFINITY)).toBe(1 / (d - g));
    expect(Number.isFinite(scaledGeometricSum(s, Number.POSITIVE_INFINITY))).toBe(true);
  });

  it('geometricPower: q^0 = 1 also when q = 0, q^n otherwise', () => {
    expect(geometricPower(geometricSeries(0, 0.1, 0.1), 0)).toBe(1);
    expect(geometricPower(geometricSeries(0.5, -1, 0.1), 0)).toBe(1);
    expect(geometricPower(geometricSeries(0, 0.1, 0.1), 3)).toBe(0);
    expectRelClose(geometricPower(geometricSeries(0.8, 0.05, 0.1), 3), ((0.8 * 1.05) / 1.1) ** 3, 1e-14);
  });
});

describe('retentionClvParts', () => {
  it('start timing, no growth: factor 1, numerator 1 + d, margin merged into the flow m + v − c', () => {
    const parts = retentionClvParts(
      params({ timing: 'start', margin: 100, retentionCost: 5, referralValue: 12, discountRate: 0.1 }),
    );
    expect(parts.timingFactor).toBe(1);
    expect(parts.timingNumerator).toBe(1.1);
    expect(parts.marginCoefficient).toBe(0);
    expect(parts.flowCoefficient).toBe(107);
  });

  it('end timing with growth: factor r/(1+d), numerator r, margin kept apart, flow v − c', () => {
    const parts = retentionClvParts(
      params({ margin: 100, marginGrowth: 0.05, retentionCost: 5, referralValue: 12, retentionRate: 0.8 }),
    );
    expect(parts.timingFactor).toBe(0.8 / 1.1);
    expect(parts.timingNumerator).toBe(0.8);
    expect(parts.marginCoefficient).toBe(100);
    expect(parts.flowCoefficient).toBe(7);
    expect(parts.flowSeries.logRatio).toBe(Math.log(0.8) - Math.log1p(0.1));
    expect(parts.marginSeries.gap).toBe(1 - 0.8 + 0.1 - 0.8 * 0.05);
  });
});

describe('assertConvergent', () => {
  it('a zero flow coefficient may sit on a divergent flow series (r = 1, d = 0) without error', () => {
    for (const cost of [0, 3]) {
      const p = params({
        margin: 5,
        retentionRate: 1,
        discountRate: 0,
        marginGrowth: -0.1,
        retentionCost: cost,
        referralValue: cost,
      });
      expect(() => assertConvergent(p, retentionClvParts(p), ['x'])).not.toThrow();
      // Σ_{t≥1} 5·0.9^(t−1) = 50
      expectRelClose(retentionClvValue(p, ['x']), 50, 1e-12);
    }
  });

  it('a diverging referral − cost flow with growth names retentionRate and the flow without the margin', () => {
    const p = params({ margin: 5, retentionRate: 1, discountRate: 0, marginGrowth: -0.1, referralValue: 2 });
    for (const run of [() => assertConvergent(p, retentionClvParts(p), ['x']), () => retentionClvValue(p, ['x'])]) {
      const error = thrown(run);
      expect(error.code).toBe('DIVERGENT');
      expect(error.path).toEqual(['x', 'retentionRate']);
      expect(error.message).toBe(
        'x.retentionRate: the infinite-horizon series diverges: with retentionRate = 1 and discountRate = 0 the per-period referralValue − retentionCost (2) is never discounted nor lost; give a finite number of periods, a discount rate > 0 or a retention rate < 1',
      );
    }
  });

  it('without growth the diverging flow includes the margin', () => {
    const p = params({ margin: 5, retentionRate: 1, discountRate: 0, referralValue: 2 });
    const error = thrown(() => retentionClvValue(p, ['input']));
    expect(error.code).toBe('DIVERGENT');
    expect(error.message).toBe(
      'input.retentionRate: the infinite-horizon series diverges: with retentionRate = 1 and discountRate = 0 the per-period margin + referralValue − retentionCost (7) is never discounted nor lost; give a finite number of periods, a discount rate > 0 or a retention rate < 1',
    );
  });

  it('a diverging margin series names marginGrowth', () => {
    const p = params({ retentionRate: 1, discountRate: 0.05, marginGrowth: 0.1 });
    const error = thrown(() => assertConvergent(p, retentionClvParts(p), ['x']));
    expect(error.code).toBe('DIVERGENT');
    expect(error.message).toBe(
      `x.marginGrowth: the infinite-horizon series diverges: retentionRate·(1 + marginGrowth) = ${1 * 1.1} is not below 1 + discountRate = 1.05; give a finite number of periods or a discount rate above retentionRate·(1 + marginGrowth) − 1`,
    );
  });

  it('finite horizons and a zero timing factor never diverge', () => {
    const finite = params({ retentionRate: 1, discountRate: 0, marginGrowth: 0.1, periods: 10 });
    expect(() => assertConvergent(finite, retentionClvParts(finite), ['x'])).not.toThrow();
    const none = params({ retentionRate: 0, discountRate: 0, marginGrowth: 0.1 });
    expect(() => assertConvergent(none, retentionClvParts(none), ['x'])).not.toThrow();
  });
});

describe('presentValueOfPeriods', () => {
  it('q = 0 with start timing: exactly the first flow, nothing after it', () => {
    const parts = retentionClvParts(params({ timing: 'start', retentionRate: 0, margin: 7, discountRate: 0.1 }));
    expect(presentValueOfPeriods(parts, 0, 5)).toBe(7);
    expect(presentValueOfPeriods(parts, 0, 1)).toBe(7);
    expect(presentValueOfPeriods(parts, 0, Number.POSITIVE_INFINITY)).toBe(7);
    expect(presentValueOfPeriods(parts, 1, 5)).toBe(0);
    expect(presentValueOfPeriods(parts, 2, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('no periods (to ≤ from) are worth +0', () => {
    const q0 = retentionClvParts(params({ timing: 'start', retentionRate: 0, margin: 7 }));
    expect(Object.is(presentValueOfPeriods(q0, 0, 0), 0)).toBe(true);
    expect(Object.is(presentValueOfPeriods(q0, 3, 1), 0)).toBe(true);
    const parts = retentionClvParts(params({ marginGrowth: 0.05, referralValue: 3 }));
    expect(Object.is(presentValueOfPeriods(parts, 2, 2), 0)).toBe(true);
    expect(Object.is(presentValueOfPeriods(parts, 5, 2), 0)).toBe(true);
  });

  it('end timing with retention 0: the customer is gone before any flow, +0 even for negative flows', () => {
    const parts = retentionClvParts(
      params({ retentionRate: 0, margin: -5, marginGrowth: 0.1, retentionCost: 2, discountRate: 0.1 }),
    );
    expect(Object.is(presentValueOfPeriods(parts, 0, 3), 0)).toBe(true);
    expect(Object.is(presentValueOfPeriods(parts, 0, Number.POSITIVE_INFINITY), 0)).toBe(true);
  });

  it('margin growth −1 with end timing: only the first margin, m·r/(1+d)', () => {
    const p = params({ marginGrowth: -1, retentionRate: 0.5, discountRate: 0.1, margin: 100 });
    const parts = retentionClvParts(p);
    expectRelClose(presentValueOfPeriods(parts, 0, 4), (100 * 0.5) / 1.1, 1e-14);
    expect(presentValueOfPeriods(parts, 1, 4)).toBe(0);
    expectRelClose(retentionClvValue(p, ['x']), (100 * 0.5) / 1.1, 1e-14);
  });

  it('a zero-coefficient series on a divergent ratio adds nothing (never leaving, undiscounted, shrinking margin)', () => {
    const p = params({ margin: 5, retentionRate: 1, discountRate: 0, marginGrowth: -0.1 });
    const parts = retentionClvParts(p);
    expect(parts.flowCoefficient).toBe(0);
    expectRelClose(presentValueOfPeriods(parts, 0, Number.POSITIVE_INFINITY), 50, 1e-12);
    expectRelClose(presentValueOfPeriods(parts, 2, Number.POSITIVE_INFINITY), 5 * 0.9 ** 2 * 10, 1e-12);
    const zero = retentionClvParts(params({ margin: 0, retentionRate: 1, discountRate: 0 }));
    expect(presentValueOfPeriods(zero, 0, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('matches the explicit sum of periods from+1 … to', () => {
    const cases: RetentionClvParams[] = [
      params({ marginGrowth: 0.05, referralValue: 3, retentionCost: 8 }),
      params({ timing: 'start', marginGrowth: -0.2, referralValue: 10, retentionRate: 0.9, discountRate: 0.15 }),
      params({ timing: 'start', retentionRate: 0.6, discountRate: 0 }),
      params({ retentionRate: 1, discountRate: 0.5, marginGrowth: 0.5 }),
    ];
    for (const p of cases) {
      const parts = retentionClvParts(p);
      for (const [from, to] of [
        [0, 1],
        [0, 6],
        [3, 9],
        [1, 2],
      ] as const) {
        expectRelClose(presentValueOfPeriods(parts, from, to), bruteForce(p, from, to), 1e-11);
      }
    }
  });
});

describe('retentionClvKernel', () => {
  const inf = Number.POSITIVE_INFINITY;

  it('retention 0 with start timing is exactly the first flow', () => {
    for (const periods of [1, 3, inf]) {
      expect(retentionClvKernel(7, 0, 0.2, periods, 0, 0, 0, 0, false)).toBe(7);
      expect(retentionClvKernel(7, 0, 0.2, periods, 0.1, 0, 0, 0, false)).toBe(7);
      expect(retentionClvKernel(7, 0, 0.2, periods, 0.1, 2, 5, 1, false)).toBe(7 + 3 - 1);
      expect(retentionClvKernel(7, 0, 0.2, periods, 0, 0, 0, 0, true)).toBe(0);
    }
  });

  it('margin growth −1 with start timing is exactly the first margin', () => {
    expect(retentionClvKernel(3, 0.1, 0.2, inf, -1, 0, 0, 0, false)).toBe(3);
    expect(retentionClvKernel(3, 0.1, 0.2, 4, -1, 0, 0, 0, false)).toBe(3);
  });

  it('a divergent infinite series gives NaN (gap 0 and gap < 0)', () => {
    expect(retentionClvKernel(100, 1, 0, inf, 0, 0, 0, 0, true)).toBeNaN();
    expect(retentionClvKernel(100, 1, 0, inf, 0.1, 0, 0, 0, true)).toBeNaN();
    expect(retentionClvKernel(100, 1, 0.05, inf, 0.1, 0, 0, 0, false)).toBeNaN();
  });

  it('q = 1 over a finite horizon: T·m·r/(1+d)', () => {
    // r = 1, g = d = 0.5: each period is worth 100·1.5^(t−1)/1.5^t = 100/1.5
    expect(retentionClvKernel(100, 1, 0.5, 4, 0.5, 0, 0, 0, true)).toBe((1 * 100 * 4) / 1.5);
    expectRelClose(retentionClvKernel(100, 1, 0.5, 4, 0.5, 0, 0, 0, true), 400 / 1.5, 1e-14);
    expectRelClose(retentionClvKernel(100, 1, 0.5, 4, 0.5, 0, 0, 0, false), 400, 1e-14);
    expect(retentionClvKernel(100, 1, 0, 6, 0, 0, 0, 0, true)).toBe(600);
  });

  it('without growth the margin and the flow share one series (no cancellation when m ≈ c)', () => {
    const c = 1 - 2 ** -30;
    const expected = (2 ** -30 * 0.8) / (1.1 - 0.8);
    // relative error, not absolute: the value is about 2.5e-9
    expect(Math.abs(retentionClvKernel(1, 0.8, 0.1, inf, 0, c, 0, 0, true) / expected - 1)).toBeLessThan(1e-12);
    const finite = (2 ** -30 * 0.8 * (1 - (0.8 / 1.1) ** 5)) / (1.1 - 0.8);
    expect(Math.abs(retentionClvKernel(1, 0.8, 0.1, 5, 0, c, 0, 0, true) / finite - 1)).toBeLessThan(1e-12);
  });

  it('subtracts the acquisition cost', () => {
    expectRelClose(retentionClvKernel(100, 0.8, 0.1, inf, 0, 0, 0, 50, true), 800 / 3 - 50, 1e-13);
    expectRelClose(retentionClvKernel(100, 0.8, 0.1, inf, 0, 0, 0, 50, false), 100 * (1.1 / 0.3) - 50, 1e-13);
  });

  test.prop([
    fc.double({ min: -500, max: 500, noNaN: true }),
    fc.double({ min: 0, max: 0.95, noNaN: true }),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(inf)),
    fc.double({ min: -1, max: 0.04, noNaN: true }),
    fc.double({ min: 0, max: 50, noNaN: true }),
    fc.double({ min: 0, max: 50, noNaN: true }),
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.boolean(),
  ])('equals the explicit sum of discounted period values', (m, r, d, periods, g, c, v, a, end) => {
    const p = params({
      margin: m,
      retentionRate: r,
      discountRate: d,
      periods,
      marginGrowth: g,
      retentionCost: c,
      referralValue: v,
      acquisitionCost: a,
      timing: end ? 'end' : 'start',
    });
    const expected = bruteForce(p, 0, periods) - a;
    const scale = Math.abs(m) + c + v + a + 1;
    const got = retentionClvKernel(m, r, d, periods, g, c, v, a, end);
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * scale * 40);
    expect(retentionClvValue(p, ['x'])).toBe(got);
    expectRelClose(presentValueOfPeriods(retentionClvParts(p), 0, periods) - a, got, 1e-9 * scale);
  });
});

describe('retentionClvValue', () => {
  it('a finite horizon whose value overflows is DOMAIN_ERROR at the given path', () => {
    const p = params({ margin: 1e300, retentionRate: 1, discountRate: 0, marginGrowth: 1, periods: 2000 });
    const error = thrown(() => retentionClvValue(p, ['input']));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe('input: the lifetime value overflows a double (too many periods with too fast growth)');
  });
});
