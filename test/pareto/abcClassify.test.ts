import { describe, expect, it } from 'vitest';
import { abcClassify } from '../../src/pareto/index.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, shuffled, tiedValues } from './arbitraries.js';

const classes = (values: number[], options = {}): string[] =>
  abcClassify(values, options).customers.map((c) => c.class);

describe('abcClassify: the boundary customer', () => {
  it('cumulative shares landing exactly on 80% and 95%: [50, 30, 15, 5] → A A B C under both conventions', () => {
    expect(classes([50, 30, 15, 5])).toEqual(['A', 'A', 'B', 'C']);
    expect(classes([50, 30, 15, 5], { boundary: 'exclude' })).toEqual(['A', 'A', 'B', 'C']);
  });
  it("'include' (default): the customer crossing 80% (60 → 90%) is A, so A brings ≥ 80%", () => {
    const result = abcClassify([60, 30, 10]);
    expect(result.customers.map((c) => c.class)).toEqual(['A', 'A', 'B']);
    expect(result.classes.map((c) => c.valueShare)).toEqual([0.9, 0.1, 0]);
    expect(result.classes[2]).toEqual({
      label: 'C',
      count: 0,
      customerShare: 0,
      value: 0,
      valueShare: 0,
      minValue: null,
      maxValue: null,
    });
  });
  it("'exclude': the crossing customer goes down a class, so A brings ≤ 80%", () => {
    expect(classes([60, 30, 10], { boundary: 'exclude' })).toEqual(['A', 'B', 'C']);
  });
  it('a share equal to a threshold up to rounding counts as reaching it', () => {
    // total 0.75; the top two bring 0.6 = exactly 80%, but in doubles 0.6 < 0.8 × 0.75 = 0.6000000000000001.
    // The third customer has 80% above it, so it is B (a naive comparison would make it A).
    expect(classes([0.3, 0.3, 0.1, 0.05])).toEqual(['A', 'A', 'B', 'B']);
  });
  it('a single customer is A under include, C under exclude (its share 100% exceeds every threshold)', () => {
    expect(classes([5])).toEqual(['A']);
    expect(classes([5], { boundary: 'exclude' })).toEqual(['C']);
  });
});

describe('abcClassify: ties, zeros, more classes, labels', () => {
  it('equal values share a class decided by the first of them', () => {
    // 40 40 10 10: the second 40 has 40% above it → A; the 10s have 80% above them → B (include)
    expect(classes([40, 10, 40, 10])).toEqual(['A', 'B', 'A', 'B']);
    // exclude: the 40s reach 80% together (≤ 80%) → A; the 10s reach 100% → C
    expect(classes([40, 10, 40, 10], { boundary: 'exclude' })).toEqual(['A', 'C', 'A', 'C']);
  });
  it('zero-value customers land in the last class', () => {
    expect(classes([100, 0, 0])).toEqual(['A', 'C', 'C']);
  });
  it('more thresholds give more classes (A–D) with per-class counts', () => {
    const result = abcClassify([40, 30, 20, 10], { thresholds: [0.3, 0.6, 0.9] });
    expect(result.customers.map((c) => c.class)).toEqual(['A', 'B', 'C', 'D']);
    expect(result.classes.map((c) => c.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(result.classes.map((c) => c.count)).toEqual([1, 1, 1, 1]);
  });
  it('custom labels and records', () => {
    const result = abcClassify(
      [
        { id: 'x', sales: 10 },
        { id: 'y', sales: 90 },
      ],
      { value: 'sales', thresholds: [0.5], labels: ['key', 'rest'] },
    );
    expect(result.customers.map((c) => [c.customer.id, c.class, c.classIndex])).toEqual([
      ['x', 'rest', 1],
      ['y', 'key', 0],
    ]);
  });
  it('class summaries carry min and max values', () => {
    const result = abcClassify([50, 30, 15, 5]);
    expect(result.classes[0]).toMatchObject({ count: 2, minValue: 30, maxValue: 50, value: 80 });
    expect(result.thresholds).toEqual([0.8, 0.95]);
    expect(result.boundary).toBe('include');
  });
});

describe('abcClassify: errors and purity', () => {
  it('rejects bad thresholds and labels with INVALID_OPTION', () => {
    expectCode(() => abcClassify([1], { thresholds: [0.95, 0.8] }), 'INVALID_OPTION');
    expectCode(() => abcClassify([1], { thresholds: [0] }), 'INVALID_OPTION');
    expectCode(() => abcClassify([1], { thresholds: [1] }), 'INVALID_OPTION');
    expectCode(() => abcClassify([1], { thresholds: [] }), 'INVALID_OPTION');
    expectCode(() => abcClassify([1], { labels: ['A', 'B'] }), 'INVALID_OPTION');
    expectCode(() => abcClassify([1], { thresholds: [0.5], labels: ['A', 'A'] }), 'INVALID_OPTION');
    const error = expectCode(() => abcClassify([1], { boundary: 'lower' as 'include' }), 'INVALID_OPTION');
    expect(error.message).toContain('options.boundary');
  });
  it('empty → EMPTY_INPUT, zero total → DOMAIN_ERROR, negative → INVALID_INPUT', () => {
    expectCode(() => abcClassify([]), 'EMPTY_INPUT');
    expectCode(() => abcClassify([0]), 'DOMAIN_ERROR');
    expectCode(() => abcClassify([1, -1]), 'INVALID_INPUT');
  });
  it('does not mutate its input', () => {
    const values = [3, 1, 2];
    abcClassify(values);
    expect(values).toEqual([3, 1, 2]);
  });
  it('large input (radix path) agrees with a direct computation', () => {
    const values = Array.from({ length: 6000 }, (_, i) => ((i * 7919) % 1009) + 1);
    const result = abcClassify(values);
    const sorted = [...values].sort((a, b) => b - a);
    const total = sorted.reduce((s, v) => s + v, 0);
    let above = 0;
    const byValue = new Map<number, string>();
    for (const v of sorted) {
      if (!byValue.has(v)) byValue.set(v, above >= 0.95 * total ? 'C' : above >= 0.8 * total ? 'B' : 'A');
      above += v;
    }
    for (const c of result.customers) expect(c.class).toBe(byValue.get(c.value));
  });
});

describe('abcClassify: properties', () => {
  for (const boundary of ['include', 'exclude'] as const) {
    test.prop([tiedValues])(`${boundary}: classes are monotone in value and ties share a class`, (values) => {
      const customers = abcClassify(values, { boundary }).customers;
      for (const a of customers) {
        for (const b of customers) {
          if (a.value > b.value) expect(a.classIndex).toBeLessThanOrEqual(b.classIndex);
          if (a.value === b.value) expect(a.classIndex).toBe(b.classIndex);
        }
      }
    });
  }
  test.prop([customerValues])('counts add up to n and value shares to 1; A brings ≥ 80% (include)', (values) => {
    const result = abcClassify(values);
    expect(result.classes.reduce((s, c) => s + c.count, 0)).toBe(values.length);
    expect(result.classes.reduce((s, c) => s + c.valueShare, 0)).toBeCloseTo(1, 9);
    expect(result.classes[0]?.valueShare).toBeGreaterThanOrEqual(0.8 - 1e-9);
  });
  test.prop([customerValues])("'exclude': A brings ≤ 80% and A+B ≤ 95%", (values) => {
    const shares = abcClassify(values, { boundary: 'exclude' }).classes.map((c) => c.valueShare);
    expect(shares[0]).toBeLessThanOrEqual(0.8 + 1e-9);
    expect((shares[0] as number) + (shares[1] as number)).toBeLessThanOrEqual(0.95 + 1e-9);
  });
  test.prop([customerValues, fc.integer()])('the class of a customer does not depend on the order', (values, seed) => {
    const order = shuffled(
      values.map((v, i) => ({ v, i })),
      seed,
    );
    const direct = abcClassify(values).customers;
    const permuted = abcClassify(order, { value: 'v' }).customers;
    for (const c of permuted) expect(c.class).toBe(direct[c.customer.i]?.class);
  });
});
