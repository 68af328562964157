// Tests added for mutation testing (docs/testing.md): the wording of the tier-rule errors, and the tier assignment
// and per-tier summaries against a brute-force reference, which the behavioural tests left open.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CustomerPyramidTier, customerPyramid } from '../../src/pareto/index.js';
import { expectCode } from './arbitraries.js';

describe('customerPyramid tier rules name the tier and the rule', () => {
  const cases: Array<[string, CustomerPyramidTier[], string, Array<string | number>]> = [
    [
      'distinct names',
      [{ name: 'a', topFraction: 0.2 }, { name: 'a' }],
      'options.tiers[1].name: expected distinct tier names, got the string "a"',
      ['options', 'tiers', 1, 'name'],
    ],
    [
      'no bound on the last tier',
      [
        { name: 'a', topFraction: 0.2 },
        { name: 'b', topFraction: 0.5 },
      ],
      'options.tiers[1]: expected the last tier to have no bound (it takes everyone else), got an object',
      ['options', 'tiers', 1],
    ],
    [
      'one bound of the first tier’s kind',
      [{ name: 'a', topFraction: 0.2 }, { name: 'b', minValue: 3 }, { name: 'c' }],
      'options.tiers[1]: expected exactly one bound, topFraction like the first tier, got an object',
      ['options', 'tiers', 1],
    ],
    [
      'minValue kind, then a topFraction',
      [{ name: 'a', minValue: 5 }, { name: 'b', topFraction: 0.5 }, { name: 'c' }],
      'options.tiers[1]: expected exactly one bound, minValue like the first tier, got an object',
      ['options', 'tiers', 1],
    ],
    [
      'increasing topFraction',
      [{ name: 'a', topFraction: 0.5 }, { name: 'b', topFraction: 0.2 }, { name: 'c' }],
      'options.tiers[1].topFraction: expected topFraction to increase from tier to tier, got 0.2',
      ['options', 'tiers', 1, 'topFraction'],
    ],
    [
      'equal topFraction',
      [{ name: 'a', topFraction: 0.5 }, { name: 'b', topFraction: 0.5 }, { name: 'c' }],
      'options.tiers[1].topFraction: expected topFraction to increase from tier to tier, got 0.5',
      ['options', 'tiers', 1, 'topFraction'],
    ],
    [
      'decreasing minValue',
      [{ name: 'a', minValue: 5 }, { name: 'b', minValue: 7 }, { name: 'c' }],
      'options.tiers[1].minValue: expected minValue to decrease from tier to tier, got 7',
      ['options', 'tiers', 1, 'minValue'],
    ],
    [
      'equal minValue',
      [{ name: 'a', minValue: 5 }, { name: 'b', minValue: 5 }, { name: 'c' }],
      'options.tiers[1].minValue: expected minValue to decrease from tier to tier, got 5',
      ['options', 'tiers', 1, 'minValue'],
    ],
  ];
  it.each(cases)('%s', (_label, tiers, message, path) => {
    const error = expectCode(() => customerPyramid([1, 2, 3], { tiers }), 'INVALID_OPTION');
    expect(error.message).toBe(message);
    expect(error.path).toEqual(path);
  });

  it('accepts strictly monotone bounds of either kind', () => {
    expect(
      customerPyramid([1, 2, 3], {
        tiers: [{ name: 'a', topFraction: 0.2 }, { name: 'b', topFraction: 0.5 }, { name: 'c' }],
      }).tiers.map((t) => t.name),
    ).toEqual(['a', 'b', 'c']);
    expect(
      customerPyramid([1, 2, 3], { tiers: [{ name: 'a', minValue: 5 }, { name: 'b', minValue: 2 }, { name: 'c' }] })
        .tiers[1]?.count,
    ).toBe(2);
  });
});

/** The documented rule, customer by customer: with r = the number of customers with a strictly larger value, the
 * customer goes to the first tier t < k − 1 with r < topFraction_t · n (ties share the better tier), else the last. */
function referenceTiers(values: number[], tiers: readonly CustomerPyramidTier[]): number[] {
  const n = values.length;
  const k = tiers.length;
  return values.map((v) => {
    const r = values.filter((w) => w > v).length;
    for (let t = 0; t < k - 1; t++) {
      const limit = (tiers[t]?.topFraction as number) * n;
      if (r < limit - limit * 1e-12) return t;
    }
    return k - 1;
  });
}

const valuesArb = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 });
const fractionsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 })
  .map((xs) => [...xs].sort((a, b) => a - b).map((x) => x / 100));

describe('customerPyramid assignment against a brute-force reference', () => {
  it('topFraction tiers: every customer, and each tier’s count, value, min and max', () => {
    fc.assert(
      fc.property(valuesArb, fractionsArb, (values, fractions) => {
        const tiers: CustomerPyramidTier[] = [
          ...fractions.map((f, i) => ({ name: `t${i}`, topFraction: f })),
          { name: 'rest' },
        ];
        const result = customerPyramid(values, { tiers });
        const expected = referenceTiers(values, tiers);
        expect(result.customers.map((c) => c.tierIndex)).toEqual(expected);
        expect(result.customers.map((c) => c.tier)).toEqual(expected.map((t) => tiers[t]?.name));
        checkSummaries(values, expected, result.tiers);
      }),
      { numRuns: 300 },
    );
  });

  it('minValue tiers: a customer goes to the first tier whose minValue it reaches', () => {
    fc.assert(
      fc.property(
        valuesArb,
        fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }),
        (values, bounds) => {
          const sorted = [...bounds].sort((a, b) => b - a);
          const tiers: CustomerPyramidTier[] = [
            ...sorted.map((m, i) => ({ name: `t${i}`, minValue: m })),
            { name: 'rest' },
          ];
          const result = customerPyramid(values, { tiers });
          const expected = values.map((v) => {
            const t = sorted.findIndex((m) => v >= m);
            return t === -1 ? sorted.length : t;
          });
          expect(result.customers.map((c) => c.tierIndex)).toEqual(expected);
          checkSummaries(values, expected, result.tiers);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ties at a boundary go to the better tier, whole groups at once', () => {
    // 10 customers; the top 20% would be 2, but three share the top value: all three are platinum.
    const result = customerPyramid([9, 9, 9, 5, 5, 4, 3, 2, 1, 0]);
    expect(result.tiers.map((t) => t.count)).toEqual([3, 2, 3, 2]);
    expect(result.tiers.map((t) => [t.minValue, t.maxValue])).toEqual([
      [9, 9],
      [5, 5],
      [2, 4],
      [0, 1],
    ]);
    // One tier and the rest; a single tier takes everyone.
    expect(customerPyramid([3, 1], { tiers: [{ name: 'only' }] }).tiers[0]).toEqual({
      name: 'only',
      count: 2,
      customerShare: 1,
      value: 4,
      valueShare: 1,
      minValue: 1,
      maxValue: 3,
    });
  });

  it('an empty tier has count 0, value 0 and null bounds', () => {
    const result = customerPyramid([1, 1, 1, 1], {
      tiers: [{ name: 'top', topFraction: 0.5 }, { name: 'mid', topFraction: 0.9 }, { name: 'rest' }],
    });
    expect(result.tiers[1]).toEqual({
      name: 'mid',
      count: 0,
      customerShare: 0,
      value: 0,
      valueShare: 0,
      minValue: null,
      maxValue: null,
    });
    expect(result.tiers[0]?.count).toBe(4);
  });
});

function checkSummaries(
  values: number[],
  tierOf: number[],
  summaries: ReadonlyArray<{
    count: number;
    value: number;
    customerShare: number;
    valueShare: number;
    minValue: number | null;
    maxValue: number | null;
  }>,
): void {
  const total = values.reduce((s, v) => s + v, 0);
  summaries.forEach((s, t) => {
    const members = values.filter((_, i) => tierOf[i] === t);
    const sum = members.reduce((a, v) => a + v, 0);
    expect(s.count).toBe(members.length);
    expect(s.value).toBe(sum);
    expect(s.customerShare).toBe(members.length / values.length);
    expect(s.valueShare).toBe(total > 0 ? sum / total : 0);
    expect(s.minValue).toBe(members.length === 0 ? null : Math.min(...members));
    expect(s.maxValue).toBe(members.length === 0 ? null : Math.max(...members));
  });
}
