import { describe, expect, expectTypeOf, it } from 'vitest';
import { gini } from '../../src/pareto/index.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, giniByMeanDifference, scale, shuffled } from './arbitraries.js';

// R ineq documentation vector: ineq::Gini(x) = 0.4620911, and 0.5134346 with the n/(n−1) correction
// (ineq::Gini(x, corr = TRUE); DescTools::Gini(x, unbiased = TRUE)).
const INEQ_X = [541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261];

describe('gini: published values', () => {
  it('reproduces R ineq::Gini on its documentation vector (0.4620911)', () => {
    expect(gini(INEQ_X)).toBeCloseTo(0.4620911, 7);
  });
  it("reproduces the bias-corrected value 0.5134346 with correction: 'sample'", () => {
    expect(gini(INEQ_X, { correction: 'sample' })).toBeCloseTo(0.5134346, 7);
  });
});

describe('gini: hand-computed cases', () => {
  it('[1, 2, 3, 4] → Σ(2i−5)x/(4·10) = 10/40 = 0.25', () => {
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 15);
  });
  it('[0, 0, 0, 10]: one customer with everything → (n−1)/n = 0.75, corrected 1', () => {
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75, 15);
    expect(gini([0, 0, 0, 10], { correction: 'sample' })).toBeCloseTo(1, 15);
  });
  it('[1, 3] → 2/8 = 0.25; corrected × 2 = 0.5', () => {
    expect(gini([1, 3])).toBeCloseTo(0.25, 15);
    expect(gini([1, 3], { correction: 'sample' })).toBeCloseTo(0.5, 15);
  });
});

describe('gini: edge cases', () => {
  it('a single customer gives exactly 0 (also with the sample correction)', () => {
    expect(gini([42])).toBe(0);
    expect(gini([42], { correction: 'sample' })).toBe(0);
  });
  it('all-equal values give exactly 0', () => {
    expect(gini([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(0);
    expect(gini(new Float64Array(10_000).fill(3.7))).toBe(0);
  });
  it('empty input → EMPTY_INPUT', () => {
    expectCode(() => gini([]), 'EMPTY_INPUT');
    expectCode(() => gini(new Float64Array(0)), 'EMPTY_INPUT');
    expectCode(() => gini([], { value: 'x' }), 'EMPTY_INPUT');
  });
  it('all zeros → DOMAIN_ERROR (shares undefined)', () => {
    expectCode(() => gini([0, 0, 0]), 'DOMAIN_ERROR');
  });
  it('NaN, Infinity and non-numbers → INVALID_INPUT naming the position', () => {
    const error = expectCode(() => gini([1, Number.NaN]), 'INVALID_INPUT');
    expect(error.message).toBe('values[1]: expected a finite number, got NaN');
    expectCode(() => gini([1, Number.POSITIVE_INFINITY]), 'INVALID_INPUT');
    expectCode(() => gini(new Float64Array([1, Number.NaN])), 'INVALID_INPUT');
    expectCode(() => gini(['3' as unknown as number]), 'INVALID_INPUT');
  });
  it("negative values: 'error' by default, naming the record and field; 'clamp' counts them as 0", () => {
    const error = expectCode(() => gini([{ spend: 5 }, { spend: -2 }], { value: 'spend' }), 'INVALID_INPUT');
    expect(error.message).toMatch(/^customers\[1\]\.spend: expected a finite number ≥ 0/);
    expect(error.index).toBe(1);
    expect(gini([5, -2], { negative: 'clamp' })).toBeCloseTo(gini([5, 0]), 15);
  });
  it('-0 is read as 0', () => {
    expect(gini([-0, 1])).toBeCloseTo(0.5, 15);
    expect(gini(new Float64Array([-0, 0, 2]))).toBeCloseTo(gini([0, 0, 2]), 15);
  });
  it('bad options → INVALID_OPTION', () => {
    expectCode(() => gini([1, 2], { correction: 'unbiased' as 'sample' }), 'INVALID_OPTION');
    expectCode(() => gini([1, 2], { unknown: 1 } as object), 'INVALID_OPTION');
    expectCode(() => gini([1, 2], { value: 3 as unknown as string }), 'INVALID_OPTION');
  });
  it('an accessor that throws → INVALID_INPUT naming the record', () => {
    const error = expectCode(
      () =>
        gini([1, 2], {
          value: () => {
            throw new Error('boom');
          },
        }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('boom');
  });
  it('accepts typed arrays, iterables and accessor functions', () => {
    const expected = gini([1, 2, 3, 4]);
    expect(gini(new Int32Array([4, 3, 2, 1]))).toBeCloseTo(expected, 15);
    expect(gini(new Set([1, 2, 3, 4]))).toBeCloseTo(expected, 15);
    expect(gini([{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }], { value: (r) => r.v })).toBeCloseTo(expected, 15);
  });
  it('large inputs (radix-sort path) agree with the mean-difference definition on a sample', () => {
    const values = Array.from({ length: 6000 }, (_, i) => ((i * 7919) % 1000) + (i % 3 === 0 ? 0 : 0.25));
    // For values on a grid, the mean difference can be computed from counts exactly enough; compare with a direct sort.
    const sorted = [...values].sort((a, b) => a - b);
    const n = sorted.length;
    let weighted = 0;
    let total = 0;
    sorted.forEach((x, i) => {
      weighted += (2 * (i + 1) - n - 1) * x;
      total += x;
    });
    expect(gini(values)).toBeCloseTo(weighted / (n * total), 12);
  });
  it('does not mutate its input', () => {
    const values = [3, 1, 2];
    const typed = new Float64Array([3, 1, 2, -0]);
    gini(values);
    gini(typed);
    expect(values).toEqual([3, 1, 2]);
    expect([...typed]).toEqual([3, 1, 2, -0]);
  });
  it('types: records need options.value', () => {
    expectTypeOf(gini([1, 2])).toEqualTypeOf<number>();
    // @ts-expect-error records without a value accessor do not compile
    expect(() => gini([{ spend: 1 }])).toThrow();
    // @ts-expect-error the accessor must return a number
    expect(() => gini([{ spend: 1 }], { value: (r: { spend: number }) => String(r.spend) })).toThrow(/finite number/);
  });
});

describe('gini: properties', () => {
  test.prop([customerValues])('is in [0, 1 − 1/n] uncorrected, and in [0, 1] corrected', (values) => {
    const g = gini(values);
    expect(g).toBeGreaterThanOrEqual(0);
    expect(g).toBeLessThan(1);
    expect(g).toBeLessThanOrEqual(1 - 1 / values.length + 1e-12);
    const corrected = gini(values, { correction: 'sample' });
    expect(corrected).toBeGreaterThanOrEqual(0);
    expect(corrected).toBeLessThanOrEqual(1);
  });
  test.prop([customerValues])('equals the mean-absolute-difference definition', (values) => {
    expect(gini(values)).toBeCloseTo(giniByMeanDifference(values), 9);
  });
  test.prop([customerValues, fc.integer()])('is invariant to the order of the customers', (values, seed) => {
    expect(gini(shuffled(values, seed))).toBeCloseTo(gini(values), 12);
  });
  test.prop([customerValues, scale])('is invariant to positive scaling (currency)', (values, k) => {
    expect(gini(values.map((v) => v * k))).toBeCloseTo(gini(values), 9);
  });
  test.prop([customerValues])('adding a zero-value customer never lowers it', (values) => {
    expect(gini([...values, 0])).toBeGreaterThanOrEqual(gini(values) - 1e-12);
  });
});
