import { describe, expect, it } from 'vitest';
import { customerPyramid, DEFAULT_CUSTOMER_PYRAMID_TIERS } from '../../src/pareto/index.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, tiedValues } from './arbitraries.js';

const tiersOf = (values: number[], options = {}): string[] =>
  customerPyramid(values, options).customers.map((c) => c.tier);

describe('customerPyramid: default platinum / gold / iron / lead (20/30/30/20 by rank)', () => {
  it('10 distinct values → 2 / 3 / 3 / 2', () => {
    const result = customerPyramid([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.tiers.map((t) => [t.name, t.count])).toEqual([
      ['platinum', 2],
      ['gold', 3],
      ['iron', 3],
      ['lead', 2],
    ]);
    expect(result.customers.map((c) => c.tier)).toEqual([
      'lead',
      'lead',
      'iron',
      'iron',
      'iron',
      'gold',
      'gold',
      'gold',
      'platinum',
      'platinum',
    ]);
    expect(result.tiers[0]).toMatchObject({ value: 19, minValue: 9, maxValue: 10, customerShare: 0.2 });
    expect(result.tiers.reduce((s, t) => s + t.valueShare, 0)).toBeCloseTo(1, 14);
  });
  it('the customer straddling a cut-off goes to the better tier: top 20% of 7 is 2 customers', () => {
    expect(tiersOf([7, 6, 5, 4, 3, 2, 1])).toEqual(['platinum', 'platinum', 'gold', 'gold', 'iron', 'iron', 'lead']);
  });
  it('ties share a tier: a group starting inside platinum stays whole', () => {
    // three 9s start at rank 1 (inside the top 20% of 10) → all platinum; the seven 1s start at rank 4 → all gold
    expect(tiersOf([9, 1, 9, 1, 1, 9, 1, 1, 1, 1])).toEqual([
      'platinum',
      'gold',
      'platinum',
      'gold',
      'gold',
      'platinum',
      'gold',
      'gold',
      'gold',
      'gold',
    ]);
    expect(tiersOf([9, 5, 5, 5, 1])).toEqual(['platinum', 'gold', 'gold', 'gold', 'lead']);
  });
  it('a single customer is platinum; zeros are fine (value shares 0 when the total is 0)', () => {
    expect(tiersOf([3])).toEqual(['platinum']);
    const zeros = customerPyramid([0, 0, 0, 0, 0]);
    expect(zeros.tiers.map((t) => t.valueShare)).toEqual([0, 0, 0, 0]);
    expect(zeros.customers.every((c) => c.tier === 'platinum')).toBe(true);
  });
  it('exports the default tiers', () => {
    expect(DEFAULT_CUSTOMER_PYRAMID_TIERS.map((t) => t.name)).toEqual(['platinum', 'gold', 'iron', 'lead']);
  });
});

describe('customerPyramid: custom tiers', () => {
  it('by value threshold (minValue)', () => {
    const tiers = [{ name: 'gold', minValue: 100 }, { name: 'silver', minValue: 10 }, { name: 'bronze' }];
    expect(tiersOf([5, 100, 99.99, 10, 1000], { tiers })).toEqual(['bronze', 'gold', 'silver', 'silver', 'gold']);
  });
  it('by top fraction, with records and clamped negatives', () => {
    const customers = [
      { id: 1, profit: 500 },
      { id: 2, profit: -20 },
      { id: 3, profit: 40 },
      { id: 4, profit: 90 },
    ];
    const result = customerPyramid(customers, {
      value: 'profit',
      negative: 'clamp',
      tiers: [{ name: 'top', topFraction: 0.25 }, { name: 'rest' }],
    });
    expect(result.customers.map((c) => [c.customer.id, c.tier, c.value])).toEqual([
      [1, 'top', 500],
      [2, 'rest', 0],
      [3, 'rest', 40],
      [4, 'rest', 90],
    ]);
  });
  it('a single catch-all tier takes everyone', () => {
    expect(tiersOf([1, 2], { tiers: [{ name: 'all' }] })).toEqual(['all', 'all']);
  });
  it('empty tiers report null min/max', () => {
    const result = customerPyramid([1, 2], { tiers: [{ name: 'vip', minValue: 10 }, { name: 'rest' }] });
    expect(result.tiers[0]).toEqual({
      name: 'vip',
      count: 0,
      customerShare: 0,
      value: 0,
      valueShare: 0,
      minValue: null,
      maxValue: null,
    });
  });
});

describe('customerPyramid: validation', () => {
  const bad: Array<[string, unknown]> = [
    [
      'a bound on the last tier',
      [
        { name: 'a', topFraction: 0.5 },
        { name: 'b', topFraction: 1 },
      ],
    ],
    ['a missing bound', [{ name: 'a', topFraction: 0.5 }, { name: 'b' }, { name: 'c' }]],
    ['mixed kinds', [{ name: 'a', topFraction: 0.5 }, { name: 'b', minValue: 3 }, { name: 'c' }]],
    ['both bounds on one tier', [{ name: 'a', topFraction: 0.5, minValue: 3 }, { name: 'b' }]],
    ['decreasing topFraction', [{ name: 'a', topFraction: 0.5 }, { name: 'b', topFraction: 0.2 }, { name: 'c' }]],
    ['increasing minValue', [{ name: 'a', minValue: 1 }, { name: 'b', minValue: 5 }, { name: 'c' }]],
    ['duplicate names', [{ name: 'a', minValue: 5 }, { name: 'a' }]],
    ['topFraction 0', [{ name: 'a', topFraction: 0 }, { name: 'b' }]],
    ['topFraction above 1', [{ name: 'a', topFraction: 1.2 }, { name: 'b' }]],
    ['no tiers', []],
    ['an empty name', [{ name: '' }]],
    ['an unknown key', [{ name: 'a', share: 0.2 }, { name: 'b' }]],
  ];
  for (const [what, tiers] of bad) {
    it(`rejects ${what} with INVALID_OPTION`, () => {
      const error = expectCode(() => customerPyramid([1, 2, 3], { tiers: tiers as [] }), 'INVALID_OPTION');
      expect(error.message).toMatch(/^options\.tiers/);
    });
  }
  it('empty input → EMPTY_INPUT; negative → INVALID_INPUT', () => {
    expectCode(() => customerPyramid([]), 'EMPTY_INPUT');
    expectCode(() => customerPyramid([-1]), 'INVALID_INPUT');
  });
  it('does not mutate its input or the default tiers', () => {
    const values = [3, 1, 2];
    customerPyramid(values);
    expect(values).toEqual([3, 1, 2]);
    expect(Object.isFrozen(DEFAULT_CUSTOMER_PYRAMID_TIERS)).toBe(true);
  });
});

describe('customerPyramid: properties', () => {
  test.prop([tiedValues])('tiers are monotone in value and ties share a tier', (values) => {
    const customers = customerPyramid(values).customers;
    for (const a of customers) {
      for (const b of customers) {
        if (a.value > b.value) expect(a.tierIndex).toBeLessThanOrEqual(b.tierIndex);
        if (a.value === b.value) expect(a.tierIndex).toBe(b.tierIndex);
      }
    }
  });
  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 200 })])(
    'with distinct values, the top tiers hold ceil(fraction × n) customers cumulatively',
    (values) => {
      const counts = customerPyramid(values).tiers.map((t) => t.count);
      const n = values.length;
      const cumulative = (k: number): number => counts.slice(0, k).reduce((s, c) => s + c, 0);
      expect(cumulative(1)).toBe(Math.ceil(0.2 * n - 1e-9));
      expect(cumulative(2)).toBe(Math.ceil(0.5 * n - 1e-9));
      expect(cumulative(3)).toBe(Math.ceil(0.8 * n - 1e-9));
      expect(cumulative(4)).toBe(n);
    },
  );
  test.prop([customerValues])('counts add up to n', (values) => {
    expect(customerPyramid(values).tiers.reduce((s, t) => s + t.count, 0)).toBe(values.length);
  });
});
