// Written for the mutants of src/clv/retention/retentionImpact.ts that survived a Stryker run (see docs/testing.md):
// exact error codes, messages and paths, the snapping of r + Δ onto [0, 1], and every field of the result.
import { describe, expect, it } from 'vitest';
import { retentionImpact } from '../../../src/clv/index.js';
import { thrown } from '../../support/thrown.js';

/** Infinite-horizon CLV with margins at the end of each period, g = 0: m·r/(1 + d − r). */
function endClv(m: number, r: number, d: number): number {
  return (m * r) / (1 + d - r);
}

/** Infinite-horizon CLV with margins at the start of each period, g = 0: m·(1 + d)/(1 + d − r). */
function startClv(m: number, r: number, d: number): number {
  return (m * (1 + d)) / (1 + d - r);
}

describe('retentionImpact: every field of the result', () => {
  it('r 0.8 → 0.85, d 0.1, margin 100', () => {
    const impact = retentionImpact({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }, { retentionDelta: 0.05 });
    const before = endClv(100, 0.8, 0.1);
    const after = endClv(100, 0.85, 0.1);
    expect(impact.retentionBefore).toBe(0.8);
    expect(impact.retentionAfter).toBeCloseTo(0.85, 15);
    expect(impact.before).toBeCloseTo(before, 10);
    expect(impact.after).toBeCloseTo(after, 10);
    expect(impact.change).toBeCloseTo(after - before, 10);
    expect(impact.change).toBe(impact.after - impact.before);
    expect(impact.percentChange).toBeCloseTo((100 * (after - before)) / before, 10);
  });

  it('a negative value before the change: the percent is taken of |before|', () => {
    // margin 10, r 0.5 → 0.6, d 0, acquisition cost 30: before 10 − 30 = −20, after 15 − 30 = −15 → +25%.
    const impact = retentionImpact(
      { margin: 10, retentionRate: 0.5, discountRate: 0, acquisitionCost: 30 },
      { retentionDelta: 0.1 },
    );
    expect(impact.before).toBeCloseTo(-20, 12);
    expect(impact.after).toBeCloseTo(-15, 12);
    expect(impact.change).toBeCloseTo(5, 12);
    expect(impact.percentChange).toBeCloseTo(25, 10);
  });
});

describe('retentionImpact: r + Δ on the bounds of [0, 1]', () => {
  it('r + Δ that rounds 1 ulp above 1 is snapped to 1', () => {
    const delta = 0.5000000000000002;
    expect(0.5 + delta).toBeGreaterThan(1);
    // Finite horizon, so that r = 1 does not diverge: 3 periods at d = 0, margin 10.
    const impact = retentionImpact(
      { margin: 10, retentionRate: 0.5, discountRate: 0, periods: 3 },
      { retentionDelta: delta },
    );
    expect(impact.retentionAfter).toBe(1);
    // end timing: before 10·(0.5 + 0.25 + 0.125) = 8.75, after 10·3 = 30.
    expect(impact.before).toBeCloseTo(8.75, 12);
    expect(impact.after).toBeCloseTo(30, 12);
    expect(impact.percentChange).toBeCloseTo((100 * (30 - 8.75)) / 8.75, 10);
  });

  it('r + Δ that rounds below 0 is snapped to +0', () => {
    const delta = -0.5000000000000002;
    expect(0.5 + delta).toBeLessThan(0);
    const impact = retentionImpact(
      { margin: 10, retentionRate: 0.5, discountRate: 0.25, timing: 'start' },
      { retentionDelta: delta },
    );
    expect(Object.is(impact.retentionAfter, 0)).toBe(true);
    const before = startClv(10, 0.5, 0.25); // 10·1.25/0.75 = 16.667
    expect(impact.before).toBeCloseTo(before, 10);
    // r = 0 with start timing: only the first, certain margin.
    expect(impact.after).toBe(10);
    expect(impact.percentChange).toBeCloseTo((100 * (10 - before)) / before, 10);
  });

  it('r + Δ exactly −1e-12 is still snapped to 0', () => {
    expect(0 + -1e-12).toBe(-1e-12);
    const impact = retentionImpact(
      { margin: 10, retentionRate: 0, discountRate: 0.1, timing: 'start' },
      { retentionDelta: -1e-12 },
    );
    expect(impact.retentionAfter).toBe(0);
    expect(impact.before).toBe(10);
    expect(impact.after).toBe(10);
    expect(impact.change).toBe(0);
    expect(impact.percentChange).toBe(0);
  });

  it('r + Δ exactly 0 is allowed', () => {
    const impact = retentionImpact(
      { margin: 10, retentionRate: 0.25, discountRate: 0, timing: 'start' },
      { retentionDelta: -0.25 },
    );
    expect(impact.retentionAfter).toBe(0);
    expect(impact.before).toBeCloseTo(startClv(10, 0.25, 0), 12);
    expect(impact.after).toBe(10);
  });

  it('r + Δ further below 0 or above 1 is INVALID_OPTION naming options.retentionDelta', () => {
    const low = thrown(() =>
      retentionImpact({ margin: 10, retentionRate: 0, discountRate: 0.1 }, { retentionDelta: -1e-11 }),
    );
    expect(low.code).toBe('INVALID_OPTION');
    expect(low.path).toEqual(['options', 'retentionDelta']);
    expect(low.message).toBe('options.retentionDelta: moves the retention rate from 0 to -1e-11, outside [0, 1]');
    expect(low.received).toBe(-1e-11);
    const high = thrown(() =>
      retentionImpact({ margin: 10, retentionRate: 0.75, discountRate: 0.1 }, { retentionDelta: 0.5 }),
    );
    expect(high.code).toBe('INVALID_OPTION');
    expect(high.message).toBe('options.retentionDelta: moves the retention rate from 0.75 to 1.25, outside [0, 1]');
  });
});

describe('retentionImpact: errors name the input', () => {
  it('a bad input field is INVALID_INPUT under input', () => {
    const error = thrown(() =>
      retentionImpact({ margin: Number.NaN, retentionRate: 0.5, discountRate: 0.1 }, { retentionDelta: 0.1 }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'margin']);
    expect(error.message.startsWith('input.margin: ')).toBe(true);
  });

  it('a CLV before the change that diverges is DIVERGENT naming input.marginGrowth', () => {
    const error = thrown(() =>
      retentionImpact(
        { margin: 100, retentionRate: 0.9, discountRate: 0.1, marginGrowth: 0.25 },
        { retentionDelta: -0.05 },
      ),
    );
    expect(error.code).toBe('DIVERGENT');
    expect(error.path).toEqual(['input', 'marginGrowth']);
    expect(error.message.startsWith('input.marginGrowth: the infinite-horizon series diverges: ')).toBe(true);
  });

  it('a CLV after the change that diverges is DIVERGENT naming input.marginGrowth', () => {
    // before: r(1+g) = 0.8·1.25 = 1 < 1.1 converges; after: 0.9·1.25 = 1.125 ≥ 1.1 diverges.
    const error = thrown(() =>
      retentionImpact(
        { margin: 100, retentionRate: 0.8, discountRate: 0.1, marginGrowth: 0.25 },
        { retentionDelta: 0.1 },
      ),
    );
    expect(error.code).toBe('DIVERGENT');
    expect(error.path).toEqual(['input', 'marginGrowth']);
    expect(error.message.startsWith('input.marginGrowth: the infinite-horizon series diverges: ')).toBe(true);
  });

  it('a CLV of 0 before the change is DOMAIN_ERROR', () => {
    const error = thrown(() =>
      retentionImpact({ margin: 0, retentionRate: 0.5, discountRate: 0.1 }, { retentionDelta: 0.1 }),
    );
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.path).toEqual(['input']);
    expect(error.message).toBe(
      'input: the lifetime value before the change is 0, so the percentage change is undefined',
    );
  });

  it('a CLV before the change so small that the percentage overflows is DOMAIN_ERROR', () => {
    // r = 5e-324, d = 0, end timing: before = 1·r/(1 − r) = 5e-324; after (r = 0.5) = 0.5/0.5 = 1.
    const error = thrown(() =>
      retentionImpact({ margin: 1, retentionRate: 5e-324, discountRate: 0 }, { retentionDelta: 0.5 }),
    );
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.path).toEqual(['input']);
    expect(error.message).toBe(
      'input: the lifetime value before the change (5e-324) is too small for a percentage change (got Infinity)',
    );
  });
});
