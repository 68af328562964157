import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/harness.js';
import { cumulativeFromTop, orderByValueDescending, sortNonNegativeAscending } from '../../src/pareto/kernel.js';
import { fc, test } from '../support/property.js';

function builtinSorted(values: Float64Array): Float64Array {
  return new Float64Array(values).sort();
}

describe('sortNonNegativeAscending (radix sort on the bit patterns)', () => {
  it('sorts 50,000 continuous values exactly like Float64Array#sort', () => {
    const random = seededRandom(1);
    const values = Float64Array.from({ length: 50_000 }, () => Math.exp(10 * random()) - 1);
    expect(sortNonNegativeAscending(new Float64Array(values))).toEqual(builtinSorted(values));
  });
  it('handles zeros, subnormals, whole numbers, huge values and heavy ties', () => {
    const random = seededRandom(2);
    const specials = [0, 5e-324, 2.2250738585072014e-308, 1, 2, 3, 1e300, Number.MAX_VALUE, 0.1, 0.30000000000000004];
    const values = Float64Array.from({ length: 20_000 }, (_, i) =>
      i % 3 === 0 ? (specials[i % specials.length] as number) : Math.floor(random() * 50),
    );
    expect(sortNonNegativeAscending(new Float64Array(values))).toEqual(builtinSorted(values));
  });
  it('skips passes where every key has the same digit (all equal) and still returns the values', () => {
    const values = new Float64Array(5000).fill(12.5);
    expect(sortNonNegativeAscending(new Float64Array(values))).toEqual(values);
  });
  test.prop([fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 4096, maxLength: 4500 })], {
    numRuns: 20,
  })('agrees with the built-in sort on random large arrays', (list) => {
    const values = Float64Array.from(list, (v) => (v === 0 ? 0 : v));
    expect(sortNonNegativeAscending(new Float64Array(values))).toEqual(builtinSorted(values));
  });
});

describe('cumulativeFromTop', () => {
  it('accumulates from the largest value, compensated', () => {
    const top = cumulativeFromTop(new Float64Array([5, 15, 30, 50]));
    expect([...top]).toEqual([0, 50, 80, 95, 100]);
  });
  it('keeps tiny values next to a huge one (compensated sum)', () => {
    const values = new Float64Array(1001).fill(1);
    values[1000] = 1e16;
    const top = cumulativeFromTop(values);
    expect(top[1001]).toBe(1e16 + 1000);
  });
});

describe('orderByValueDescending (stable ranking)', () => {
  const reference = (values: Float64Array): number[] =>
    Array.from(values.keys()).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  it('ranks 30,000 values with heavy ties highest first, ties in input order (radix path)', () => {
    const random = seededRandom(3);
    const values = Float64Array.from({ length: 30_000 }, (_, i) =>
      i % 2 === 0 ? Math.floor(random() * 20) : random() * 1e6,
    );
    expect([...orderByValueDescending(values)]).toEqual(reference(values));
  });
  it('small inputs (comparator path) and extreme values', () => {
    const values = new Float64Array([0, 5e-324, 3, 3, Number.MAX_VALUE, 0, 1]);
    expect([...orderByValueDescending(values)]).toEqual([4, 2, 3, 6, 1, 0, 5]);
    const big = Float64Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? Number.MAX_VALUE : i % 5));
    expect([...orderByValueDescending(big)]).toEqual(reference(big));
  });
  it('does not modify the values', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => (i * 37) % 101);
    const copy = new Float64Array(values);
    orderByValueDescending(values);
    expect(values).toEqual(copy);
  });
});
