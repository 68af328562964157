import { describe, expect, it } from 'vitest';
import { lifetimeValue, retentionImpact } from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CrmAnalyticsError ? error.code : 'not a CrmAnalyticsError';
  }
  return undefined;
}

describe('retentionImpact: the "5 points of retention → +25% to +85%" claim (Reichheld & Sasser 1990, HBR)', () => {
  // Yearly periods, 10% discount rate, margin 100, infinite horizon, margins at year end (Gupta & Lehmann 2003).
  it('low end: r 0.80 → 0.85 raises CLV from 266.67 to 340.00 (+27.5%)', () => {
    const impact = retentionImpact({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }, { retentionDelta: 0.05 });
    expect(impact.before).toBeCloseTo(266.6667, 4);
    expect(impact.after).toBeCloseTo(340, 9);
    expect(impact.percentChange).toBeCloseTo(27.5, 9);
    expect(impact.retentionAfter).toBeCloseTo(0.85, 15);
  });

  it('loyal base: r 0.90 → 0.95 raises CLV from 450 to 633.33 (+40.7%)', () => {
    const impact = retentionImpact({ margin: 100, retentionRate: 0.9, discountRate: 0.1 }, { retentionDelta: 0.05 });
    expect(impact.percentChange).toBeCloseTo((100 * (0.95 / 0.15 - 4.5)) / 4.5, 9);
  });

  it('high end: a prospect with an acquisition cost of 230 gains +83.3% (220 → 403.33)', () => {
    const impact = retentionImpact(
      { margin: 100, retentionRate: 0.9, discountRate: 0.1, acquisitionCost: 230 },
      { retentionDelta: 0.05 },
    );
    expect(impact.before).toBeCloseTo(220, 9);
    expect(impact.after).toBeCloseTo(403.3333, 4);
    expect(impact.percentChange).toBeCloseTo(83.3333, 4);
  });

  it('every example lies within 25%–85%', () => {
    const cases = [
      { margin: 100, retentionRate: 0.8, discountRate: 0.1 },
      { margin: 100, retentionRate: 0.85, discountRate: 0.1 },
      { margin: 100, retentionRate: 0.9, discountRate: 0.1 },
      { margin: 100, retentionRate: 0.9, discountRate: 0.1, acquisitionCost: 230 },
    ];
    for (const input of cases) {
      const { percentChange } = retentionImpact(input, { retentionDelta: 0.05 });
      expect(percentChange).toBeGreaterThanOrEqual(25);
      expect(percentChange).toBeLessThanOrEqual(85);
    }
  });

  it('Gupta, Lehmann & Stuart (2004, JMR): a 1% better retention raises value by about 5% (r = 0.9, i = 12%)', () => {
    // elasticity of r/(1+i−r) in r is (1+i)/(1+i−r) = 1.12/0.22 ≈ 5.1
    const impact = retentionImpact({ margin: 1, retentionRate: 0.9, discountRate: 0.12 }, { retentionDelta: 0.009 });
    expect(impact.percentChange).toBeGreaterThan(4.5);
    expect(impact.percentChange).toBeLessThan(6);
  });
});

describe('retentionImpact: edge cases', () => {
  it('a negative delta lowers the value', () => {
    const impact = retentionImpact({ margin: 100, retentionRate: 0.85, discountRate: 0.1 }, { retentionDelta: -0.05 });
    expect(impact.after).toBeCloseTo(266.6667, 4);
    expect(impact.change).toBeLessThan(0);
  });

  it('0.95 + 0.05 reaches exactly 1 (rounding is snapped) and then needs d > 0', () => {
    const impact = retentionImpact({ margin: 1, retentionRate: 0.95, discountRate: 0.1 }, { retentionDelta: 0.05 });
    expect(impact.retentionAfter).toBe(1);
    expect(impact.after).toBeCloseTo(10, 9);
    expect(
      codeOf(() => retentionImpact({ margin: 1, retentionRate: 0.95, discountRate: 0 }, { retentionDelta: 0.05 })),
    ).toBe('DIVERGENT');
  });

  it('leaving [0, 1] is an option error naming retentionDelta', () => {
    expect(() =>
      retentionImpact({ margin: 1, retentionRate: 0.98, discountRate: 0.1 }, { retentionDelta: 0.05 }),
    ).toThrow(/options\.retentionDelta: moves the retention rate from 0\.98 to 1\.03/);
    expect(
      codeOf(() => retentionImpact({ margin: 1, retentionRate: 0.02, discountRate: 0.1 }, { retentionDelta: -0.05 })),
    ).toBe('INVALID_OPTION');
    expect(
      codeOf(() =>
        retentionImpact({ margin: 1, retentionRate: 0.5, discountRate: 0.1 }, { retentionDelta: Number.NaN }),
      ),
    ).toBe('INVALID_OPTION');
  });

  it('a zero value before the change has no percentage → DOMAIN_ERROR', () => {
    expect(
      codeOf(() => retentionImpact({ margin: 100, retentionRate: 0, discountRate: 0.1 }, { retentionDelta: 0.05 })),
    ).toBe('DOMAIN_ERROR');
  });

  it('bad economics are input errors', () => {
    expect(
      codeOf(() => retentionImpact({ margin: 1, retentionRate: 2, discountRate: 0.1 }, { retentionDelta: 0 })),
    ).toBe('INVALID_INPUT');
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ margin: 100, retentionRate: 0.8, discountRate: 0.1 });
    const options = Object.freeze({ retentionDelta: 0.05 });
    retentionImpact(input, options);
    expect(input).toEqual({ margin: 100, retentionRate: 0.8, discountRate: 0.1 });
  });
});

describe('retentionImpact: properties', () => {
  const input = fc.record({
    margin: fc.double({ min: 1, max: 1e4, noNaN: true }),
    retentionRate: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
    discountRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
    timing: fc.constantFrom<'end' | 'start'>('end', 'start'),
  });
  test.prop([input, fc.double({ min: 0, max: 0.09, noNaN: true })])(
    'agrees with two lifetimeValue calls, and more retention never lowers a profitable customer’s value',
    (x, delta) => {
      const impact = retentionImpact(x, { retentionDelta: delta });
      expect(impact.before).toBeCloseTo(lifetimeValue(x).value, 9);
      expect(impact.after).toBeCloseTo(lifetimeValue({ ...x, retentionRate: x.retentionRate + delta }).value, 9);
      expect(impact.percentChange).toBeGreaterThanOrEqual(-1e-9);
      expect(impact.change).toBeCloseTo(impact.after - impact.before, 9);
    },
  );
});
