import { describe, expect, expectTypeOf, it } from 'vitest';
import { gini, type ParetoAnalysisResult, paretoAnalysis } from '../../src/pareto/index.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, scale, shuffled } from './arbitraries.js';

describe('paretoAnalysis: hand-computed case [15, 50, 5, 30]', () => {
  const result = paretoAnalysis([15, 50, 5, 30]);
  it('rows sorted by value with rank, index, share and cumulative shares', () => {
    expect(result.rows.map((r) => [r.rank, r.index, r.value])).toEqual([
      [1, 1, 50],
      [2, 3, 30],
      [3, 0, 15],
      [4, 2, 5],
    ]);
    expect(result.rows.map((r) => r.share)).toEqual([0.5, 0.3, 0.15, 0.05]);
    expect(result.rows.map((r) => r.cumulativeCustomerShare)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(result.rows.map((r) => r.cumulativeValueShare)).toEqual([0.5, 0.8, 0.95, 1]);
    expect(result.rows[0]?.customer).toBe(50);
  });
  it('topShare interpolates linearly between customers', () => {
    expect(result.topShare(0)).toBe(0);
    expect(result.topShare(0.25)).toBeCloseTo(0.5, 15);
    expect(result.topShare(0.2)).toBeCloseTo(0.4, 15); // 0.8 of the top customer's 50%
    expect(result.topShare(0.375)).toBeCloseTo(0.65, 15); // top 1 + half of the second (30%)
    expect(result.topShare(1)).toBe(1);
  });
  it('customersForShare is the inverse', () => {
    expect(result.customersForShare(0)).toBe(0);
    expect(result.customersForShare(0.8)).toBeCloseTo(0.5, 15);
    expect(result.customersForShare(0.65)).toBeCloseTo(0.375, 15);
    expect(result.customersForShare(1)).toBe(1);
  });
  it('a/b rule: f = (1 − 0.5 + 0.3)/(1 + 4·0.3) = 0.3636… → "36/64"', () => {
    expect(result.abRule.customerShare).toBeCloseTo(0.8 / 2.2, 14);
    expect(result.abRule.valueShare).toBeCloseTo(1 - 0.8 / 2.2, 14);
    expect(result.abRule.label).toBe('36/64');
  });
  it('count, total and Gini', () => {
    expect(result.count).toBe(4);
    expect(result.total).toBe(100);
    expect(result.gini).toBeCloseTo(0.375, 15);
    expect(paretoAnalysis([15, 50, 5, 30], { correction: 'sample' }).gini).toBeCloseTo(0.5, 15);
  });
});

describe('paretoAnalysis: a textbook 80/20 base', () => {
  it('20 customers with 80 each and 80 customers with 5 each → "20/80"', () => {
    const values = [...Array.from({ length: 20 }, () => 80), ...Array.from({ length: 80 }, () => 5)];
    const result = paretoAnalysis(values);
    expect(result.topShare(0.2)).toBeCloseTo(0.8, 14);
    expect(result.customersForShare(0.8)).toBeCloseTo(0.2, 14);
    expect(result.abRule.label).toBe('20/80');
    expect(result.abRule.customerShare).toBeCloseTo(0.2, 14);
  });
});

describe('paretoAnalysis: edges and API', () => {
  it('all-equal values → "50/50", Gini 0; a single customer → topShare(f) = f', () => {
    const equal = paretoAnalysis([3, 3, 3]);
    expect(equal.abRule.label).toBe('50/50');
    expect(equal.abRule.customerShare).toBeCloseTo(0.5, 14);
    expect(equal.gini).toBe(0);
    const one = paretoAnalysis([9]);
    expect(one.topShare(0.3)).toBeCloseTo(0.3, 15);
    expect(one.customersForShare(0.3)).toBeCloseTo(0.3, 15);
    expect(one.rows).toEqual([
      { rank: 1, index: 0, customer: 9, value: 9, share: 1, cumulativeCustomerShare: 1, cumulativeValueShare: 1 },
    ]);
  });
  it('zero-value customers: customersForShare(1) stops at the last positive customer', () => {
    const result = paretoAnalysis([10, 0, 0, 10]);
    expect(result.customersForShare(1)).toBeCloseTo(0.5, 15);
    expect(result.topShare(0.75)).toBe(1);
  });
  it('ties are ranked in input order', () => {
    expect(paretoAnalysis([2, 5, 2, 5]).rows.map((r) => r.index)).toEqual([1, 3, 0, 2]);
  });
  it('records keep the customer object; negative values clamp on request', () => {
    const customers = [
      { id: 'a', profit: 40 },
      { id: 'b', profit: -10 },
      { id: 'c', profit: 60 },
    ];
    const result = paretoAnalysis(customers, { value: 'profit', negative: 'clamp' });
    expect(result.rows.map((r) => r.customer.id)).toEqual(['c', 'a', 'b']);
    expect(result.rows[2]?.value).toBe(0);
    expectCode(() => paretoAnalysis(customers, { value: 'profit' }), 'INVALID_INPUT');
  });
  it('errors: empty, zero total, bad method arguments, bad options', () => {
    expectCode(() => paretoAnalysis([]), 'EMPTY_INPUT');
    expectCode(() => paretoAnalysis([0, 0]), 'DOMAIN_ERROR');
    const result = paretoAnalysis([1, 2]);
    expectCode(() => result.topShare(1.5), 'INVALID_INPUT');
    expectCode(() => result.topShare(Number.NaN), 'INVALID_INPUT');
    expectCode(() => result.customersForShare(-0.1), 'INVALID_INPUT');
    expectCode(() => paretoAnalysis([1], { negative: 'drop' as 'clamp' }), 'INVALID_OPTION');
  });
  it('methods work when destructured; JSON holds the data, not the methods', () => {
    const result = paretoAnalysis([15, 50, 5, 30]);
    const { topShare, customersForShare } = result;
    expect(topShare(0.5)).toBeCloseTo(0.8, 15);
    expect(customersForShare(0.5)).toBeCloseTo(0.25, 15);
    const json = JSON.parse(JSON.stringify(result));
    expect(Object.keys(json).sort()).toEqual(['abRule', 'count', 'gini', 'rows', 'total']);
    expect(json.abRule.label).toBe('36/64');
    expect(json.rows).toHaveLength(4);
    expect(json.topShare).toBeUndefined();
  });
  it('does not mutate its input', () => {
    const values = [3, 1, 2];
    const typed = new Float64Array([3, 1, 2]);
    void paretoAnalysis(values).rows;
    void paretoAnalysis(typed).rows;
    expect(values).toEqual([3, 1, 2]);
    expect([...typed]).toEqual([3, 1, 2]);
  });
  it('large input (radix path): rows agree with a direct sort', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 997);
    const rows = paretoAnalysis(values).rows;
    const expected = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    expect(rows.map((r) => r.index)).toEqual(expected.map((e) => e[1]));
    expect(rows[rows.length - 1]?.cumulativeValueShare).toBe(1);
  });
  it('types', () => {
    expectTypeOf(paretoAnalysis([1, 2])).toEqualTypeOf<ParetoAnalysisResult<number>>();
    expectTypeOf(paretoAnalysis([{ v: 1 }], { value: 'v' })).toEqualTypeOf<ParetoAnalysisResult<{ v: number }>>();
    // @ts-expect-error records need options.value
    expect(() => paretoAnalysis([{ v: 1 }])).toThrow();
  });
});

describe('paretoAnalysis: properties', () => {
  test.prop([customerValues])('cumulative shares are non-decreasing and end at exactly 1', (values) => {
    const rows = paretoAnalysis(values).rows;
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.cumulativeValueShare).toBeGreaterThanOrEqual(
        (rows[i - 1]?.cumulativeValueShare as number) - 1e-15,
      );
      expect(rows[i]?.value).toBeLessThanOrEqual(rows[i - 1]?.value as number);
    }
    expect(rows[rows.length - 1]?.cumulativeValueShare).toBe(1);
    expect(rows[rows.length - 1]?.cumulativeCustomerShare).toBe(1);
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
  });
  test.prop([customerValues, fc.double({ min: 0, max: 1, noNaN: true })])(
    'topShare ≥ f (the top are worth at least their head count) and customersForShare inverts it',
    (values, f) => {
      const result = paretoAnalysis(values);
      const share = result.topShare(f);
      expect(share).toBeGreaterThanOrEqual(f - 1e-12);
      expect(share).toBeLessThanOrEqual(1);
      expect(result.customersForShare(share)).toBeLessThanOrEqual(f + 1e-9);
      expect(result.topShare(result.customersForShare(share))).toBeCloseTo(share, 9);
    },
  );
  test.prop([customerValues])('the a/b rule lies on the curve with a + b = 100%', (values) => {
    const result = paretoAnalysis(values);
    const { customerShare, valueShare, label } = result.abRule;
    expect(customerShare).toBeGreaterThanOrEqual(0);
    expect(customerShare).toBeLessThanOrEqual(0.5 + 1e-12);
    expect(result.topShare(customerShare)).toBeCloseTo(valueShare, 9);
    const [a, b] = label.split('/').map(Number);
    expect((a as number) + (b as number)).toBe(100);
  });
  test.prop([customerValues, fc.integer(), scale])('figures are invariant to order and scaling', (values, seed, k) => {
    const a = paretoAnalysis(values);
    const b = paretoAnalysis(shuffled(values, seed).map((v) => v * k));
    expect(b.abRule.customerShare).toBeCloseTo(a.abRule.customerShare, 9);
    expect(b.topShare(0.2)).toBeCloseTo(a.topShare(0.2), 9);
    expect(b.gini).toBeCloseTo(gini(values), 9);
  });
});
