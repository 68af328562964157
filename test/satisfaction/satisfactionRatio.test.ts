import { describe, expect, it } from 'vitest';
import { satisfactionRatio } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('satisfactionRatio: the textbook rule C = b/a', () => {
  it('above 1 delighted, 1 satisfied, below 1 dissatisfied', () => {
    expect(satisfactionRatio(10, 8)).toMatchObject({ ratio: 1.25, state: 'delighted' });
    expect(satisfactionRatio(8, 8)).toMatchObject({ ratio: 1, state: 'satisfied' });
    expect(satisfactionRatio(6, 8)).toMatchObject({ ratio: 0.75, state: 'dissatisfied' });
  });

  it('a tolerance band around 1', () => {
    expect(satisfactionRatio(8.3, 8, { tolerance: 0.05 }).state).toBe('satisfied');
    expect(satisfactionRatio(8.5, 8, { tolerance: 0.05 }).state).toBe('delighted');
    expect(satisfactionRatio(7.5, 8, { tolerance: 0.05 }).state).toBe('dissatisfied');
  });

  // Hand computation: ratios 6/8 = 0.75 and 9/9 = 1; weights 3:1 → 0.75·0.75 + 0.25·1 = 0.8125.
  it('weighted mean of attribute ratios', () => {
    const r = satisfactionRatio([6, 9], [8, 9], { weights: [3, 1] });
    expect(r.ratio).toBeCloseTo(0.8125, 15);
    expect(r.state).toBe('dissatisfied');
    expect(r.attributes).toEqual([
      { perceived: 6, expected: 8, ratio: 0.75, state: 'dissatisfied', weight: 0.75 },
      { perceived: 9, expected: 9, ratio: 1, state: 'satisfied', weight: 0.25 },
    ]);
  });

  it('equal weights by default; zero perceived performance is allowed', () => {
    expect(satisfactionRatio([0, 4], [2, 2]).ratio).toBe(1);
  });

  it('does not mutate its inputs', () => {
    const b = [6, 9];
    const a = [8, 9];
    const w = [3, 1];
    satisfactionRatio(b, a, { weights: w });
    expect([b, a, w]).toEqual([
      [6, 9],
      [8, 9],
      [3, 1],
    ]);
  });
});

describe('satisfactionRatio: bad input', () => {
  it('a zero expectation is a DOMAIN_ERROR naming the attribute', () => {
    const error = thrown(() => satisfactionRatio([5, 6], [4, 0]));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toMatch(/^expected\[1\]: /);
    expect(error.index).toBe(1);
    expect(thrown(() => satisfactionRatio(5, 0)).message).toMatch(/^expected: /);
  });
  it('negative or non-finite values', () => {
    expect(thrown(() => satisfactionRatio(5, -1)).code).toBe('INVALID_INPUT');
    expect(thrown(() => satisfactionRatio([-1], [1])).message).toContain('perceived[0]');
    expect(thrown(() => satisfactionRatio(Number.NaN, 1)).code).toBe('INVALID_INPUT');
  });
  it('length mismatch and empty lists', () => {
    expect(thrown(() => satisfactionRatio([1, 2], [1])).code).toBe('INVALID_INPUT');
    expect(thrown(() => satisfactionRatio([], [])).code).toBe('EMPTY_INPUT');
  });
  it('bad weights', () => {
    expect(thrown(() => satisfactionRatio([1, 2], [1, 2], { weights: [1] })).message).toContain('options.weights');
    expect(thrown(() => satisfactionRatio([1, 2], [1, 2], { weights: [0, 0] })).code).toBe('INVALID_OPTION');
    expect(thrown(() => satisfactionRatio([1, 2], [1, 2], { weights: [-1, 2] })).code).toBe('INVALID_OPTION');
  });
});

const positive = fc.double({ min: 0.01, max: 100, noNaN: true });

describe('satisfactionRatio: properties', () => {
  test.prop([fc.array(fc.tuple(positive, positive, positive), { minLength: 1, maxLength: 20 })])(
    'the weighted ratio lies between the smallest and largest attribute ratio',
    (rows) => {
      const r = satisfactionRatio(
        rows.map((x) => x[0]),
        rows.map((x) => x[1]),
        { weights: rows.map((x) => x[2]) },
      );
      const ratios = rows.map((x) => x[0] / x[1]);
      expect(r.ratio).toBeGreaterThanOrEqual(Math.min(...ratios) * (1 - 1e-12));
      expect(r.ratio).toBeLessThanOrEqual(Math.max(...ratios) * (1 + 1e-12));
    },
  );

  test.prop([positive, positive, fc.double({ min: 0.01, max: 100, noNaN: true })])(
    'is invariant to a common change of units of b and a',
    (b, a, k) => {
      expect(satisfactionRatio(b * k, a * k).ratio).toBeCloseTo(satisfactionRatio(b, a).ratio, 10);
    },
  );

  test.prop([positive, positive])('the state agrees with the sign of C − 1', (b, a) => {
    const r = satisfactionRatio(b, a);
    expect(r.state).toBe(b / a > 1 ? 'delighted' : b / a < 1 ? 'dissatisfied' : 'satisfied');
  });
});
