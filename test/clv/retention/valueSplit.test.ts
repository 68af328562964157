import { describe, expect, it } from 'vitest';
import { lifetimeValue, valueSplit } from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';

describe('valueSplit: worked examples', () => {
  it('two past and two future periods at 10%', () => {
    // realized: 100·1.1 + 100 = 210; potential: 100/1.1 + 100/1.21 = 173.5537
    const split = valueSplit({ history: [100, 100], forecast: [100, 100], discountRate: 0.1 });
    expect(split.realized).toBeCloseTo(210, 10);
    expect(split.potential).toBeCloseTo(173.553719, 6);
    expect(split.total).toBeCloseTo(383.553719, 6);
  });

  it('compounding a level history is the future value of an annuity: h·((1+d)^n − 1)/d', () => {
    const split = valueSplit({ history: Array(12).fill(50), forecast: [], discountRate: 0.01 });
    expect(split.realized).toBeCloseTo((50 * (1.01 ** 12 - 1)) / 0.01, 9);
  });

  it('discounting a level forecast is the present value of an annuity: h·(1 − (1+d)^−K)/d', () => {
    const split = valueSplit({ history: [], forecast: Array(10).fill(80), discountRate: 0.08 });
    expect(split.potential).toBeCloseTo((80 * (1 - 1.08 ** -10)) / 0.08, 9);
  });

  it('with d = 0 the split is two plain sums, negatives included', () => {
    expect(valueSplit({ history: [10, -5, 20], forecast: [7, 3], discountRate: 0 })).toEqual({
      realized: 25,
      potential: 10,
      total: 35,
    });
  });

  it('the forecast can be the expected cash flows of a lifetimeValue table', () => {
    const table = lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 5 }).periods.slice(1);
    const forecast = table.map((row) => row.survival * (row.margin + row.referral - row.cost));
    const split = valueSplit({ history: [], forecast, discountRate: 0.1 });
    expect(split.potential).toBeCloseTo(
      lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 5 }).value,
      10,
    );
  });
});

describe('valueSplit: edge cases and errors', () => {
  it('empty history (a new customer) and empty forecast (a lost customer)', () => {
    expect(valueSplit({ history: [], forecast: [5], discountRate: 0 }).realized).toBe(0);
    expect(valueSplit({ history: [5], forecast: [], discountRate: 0.2 }).potential).toBe(0);
    expect(valueSplit({ history: [], forecast: [], discountRate: 0 }).total).toBe(0);
  });

  it('accepts typed arrays and iterables', () => {
    const split = valueSplit({ history: new Float64Array([1, 2]), forecast: new Set([3]), discountRate: 0 });
    expect(split.total).toBe(6);
  });

  it.each([
    [
      { history: [1, Number.NaN], forecast: [], discountRate: 0 },
      /input\.history\[1\]: expected a finite number, got NaN/,
    ],
    [
      { history: [], forecast: [Number.POSITIVE_INFINITY], discountRate: 0 },
      /input\.forecast\[0\]: expected a finite number, got Infinity/,
    ],
    [{ history: [], forecast: [], discountRate: -0.1 }, /input\.discountRate: expected a finite number ≥ 0, got -0\.1/],
    [{ history: [], forecast: [], discountRate: Number.NaN }, /input\.discountRate: .*NaN/],
    [{ history: 3, forecast: [], discountRate: 0 }, /input\.history: expected an array or iterable/],
  ])('rejects %o', (input, message) => {
    let thrown: unknown;
    try {
      valueSplit(input as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CrmAnalyticsError);
    expect((thrown as CrmAnalyticsError).code).toBe('INVALID_INPUT');
    expect((thrown as CrmAnalyticsError).message).toMatch(message);
  });

  it('compounding that overflows → DOMAIN_ERROR', () => {
    expect(() => valueSplit({ history: Array(2000).fill(1), forecast: [], discountRate: 1 })).toThrow(/overflows/);
  });

  it('does not mutate its input', () => {
    const history = Object.freeze([1, 2, 3]);
    const forecast = Object.freeze([4]);
    valueSplit({ history, forecast, discountRate: 0.1 });
    expect(history).toEqual([1, 2, 3]);
    expect(forecast).toEqual([4]);
  });
});

describe('valueSplit: properties', () => {
  const profits = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { maxLength: 40 });
  const d = fc.double({ min: 0, max: 0.5, noNaN: true });
  const close = (a: number, b: number, scale: number) =>
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * (1 + scale));

  test.prop([profits, profits, d])('total = realized + potential', (history, forecast, discountRate) => {
    const s = valueSplit({ history, forecast, discountRate });
    expect(s.total).toBe(s.realized + s.potential);
  });

  test.prop([profits, fc.double({ min: -1e4, max: 1e4, noNaN: true }), d])(
    'one more period of history: realized(h ++ [x]) = realized(h)·(1+d) + x',
    (history, x, discountRate) => {
      const before = valueSplit({ history, forecast: [], discountRate }).realized;
      const after = valueSplit({ history: [...history, x], forecast: [], discountRate }).realized;
      const magnitude = valueSplit({ history: [...history, x].map(Math.abs), forecast: [], discountRate }).realized;
      close(after, before * (1 + discountRate) + x, magnitude);
    },
  );

  test.prop([profits, d])(
    'moving today forward: a forecast period becomes history at face value × (1+d)',
    (forecast, discountRate) => {
      if (forecast.length === 0) return;
      const [first, ...rest] = forecast as [number, ...number[]];
      const now = valueSplit({ history: [], forecast, discountRate }).total;
      const next = valueSplit({ history: [first], forecast: rest, discountRate }).total;
      close(next, now * (1 + discountRate), forecast.reduce((acc, x) => acc + Math.abs(x), 0) * 2);
    },
  );

  test.prop([profits, profits, d, d])(
    'potential falls and realized rises with the rate for non-negative profits',
    (h, f, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const history = h.map(Math.abs);
      const forecast = f.map(Math.abs);
      const low = valueSplit({ history, forecast, discountRate: lo });
      const high = valueSplit({ history, forecast, discountRate: hi });
      expect(high.potential).toBeLessThanOrEqual(low.potential * (1 + 1e-12) + 1e-9);
      expect(high.realized).toBeGreaterThanOrEqual(low.realized * (1 - 1e-12) - 1e-9);
    },
  );
});
