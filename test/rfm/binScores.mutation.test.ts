// Tests added for mutation testing (docs/testing.md): surviving mutants of src/rfm/binScores.ts (exact error codes,
// paths and messages of the checks, reads that stay below `length`, and a brute-force reference of the scoring rules).
import { describe, expect, it } from 'vitest';
import { rfmBreakScores, rfmQuantileScores } from '../../src/rfm/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

/**
 * The documented mid-rank rule, brute force: a value with `below` values on its bad side and `equal` equal values
 * (itself included; -0 equals 0) has p = (below + equal / 2) / n; its score is 1 + ⌊bins·p⌋, except that when bins·p
 * is a whole number k the run goes to bin k in the lower half of the scale (k < bins / 2) and to k + 1 otherwise.
 * Integer arithmetic: bins·p = bins·(2·below + equal) / (2n).
 */
function referenceQuantile(values: readonly number[], bins: number, direction: 'higher' | 'lower'): number[] {
  const n = values.length;
  return values.map((v) => {
    let below = 0;
    let equal = 0;
    for (const w of values) {
      if (w === v) equal++;
      else if (direction === 'higher' ? w < v : w > v) below++;
    }
    const numerator = bins * (2 * below + equal);
    const k = Math.floor(numerator / (2 * n));
    if (numerator === k * 2 * n) return 2 * k < bins ? k : k + 1;
    return k + 1;
  });
}

/** Left-closed bins (−∞, b₁), [b₁, b₂), …, [b_k, ∞) numbered 1..k+1, from the other end for 'lower'. */
function referenceBreaks(
  values: readonly number[],
  breaks: readonly number[],
  direction: 'higher' | 'lower',
): number[] {
  return values.map((v) => {
    const atOrBelow = breaks.filter((b) => b <= v).length;
    return direction === 'higher' ? atOrBelow + 1 : breaks.length + 1 - atOrBelow;
  });
}

/** An array-like of `values` whose element at index `length` throws: reading it is a read past the end. */
function guardedColumn(values: readonly number[]): ArrayLike<number> {
  const out: Record<number | string, unknown> = { length: values.length };
  values.forEach((v, i) => {
    out[i] = v;
  });
  Object.defineProperty(out, values.length, {
    get() {
      throw new Error('read past the end');
    },
  });
  return out as unknown as ArrayLike<number>;
}

/** An array-like whose element `index` throws when read. */
function throwingAt(values: readonly number[], index: number): ArrayLike<number> {
  const out: Record<number | string, unknown> = { length: values.length };
  values.forEach((v, i) => {
    if (i !== index) out[i] = v;
  });
  Object.defineProperty(out, index, {
    get() {
      throw new Error('boom');
    },
  });
  return out as unknown as ArrayLike<number>;
}

const throwingLength = {
  get length(): number {
    throw new Error('no length');
  },
} as unknown as ArrayLike<number>;

describe('rfmQuantileScores: option and input errors', () => {
  it.each([11, 1, 2.5, Number.NaN])('bins %s is INVALID_OPTION naming bins', (bins) => {
    const e = thrown(() => rfmQuantileScores([1, 2, 3], bins));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['bins']);
    expect(e.message).toBe(`bins: expected a whole number from 2 to 10, got ${String(bins)}`);
  });

  it('bins as a string is INVALID_OPTION', () => {
    const e = thrown(() => rfmQuantileScores([1, 2, 3], '3' as unknown as number));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('bins: expected a whole number from 2 to 10, got the string "3"');
  });

  it('bins 2 and 10 are accepted', () => {
    expect(Array.from(rfmQuantileScores([1, 2], 2))).toEqual([1, 2]);
    expect(Array.from(rfmQuantileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('an unknown direction is INVALID_OPTION naming direction', () => {
    const e = thrown(() => rfmQuantileScores([1, 2], 2, 'up' as never));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['direction']);
    expect(e.message).toBe(`direction: expected 'higher' or 'lower', got the string "up"`);
  });

  it('an empty column is EMPTY_INPUT naming values', () => {
    const e = thrown(() => rfmQuantileScores([], 3));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.path).toEqual(['values']);
    expect(e.message).toBe('values: expected at least 1 value, got none');
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    ['abc', 'the string "abc"'],
    [5, '5'],
    [{}, 'an object'],
    [{ length: '2' }, 'an object'],
  ])('a column %j that is not array-like is INVALID_INPUT naming values', (values, got) => {
    const e = thrown(() => rfmQuantileScores(values as unknown as number[], 3));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values']);
    expect(e.message).toBe(`values: expected an array of numbers, got ${got}`);
  });

  it('a throwing length getter is INVALID_INPUT naming values, with the cause kept', () => {
    const e = thrown(() => rfmQuantileScores(throwingLength, 3));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values']);
    expect(e.message).toBe('values: reading the value threw (no length)');
    expect((e.cause as Error).message).toBe('no length');
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('a non-finite value %s is INVALID_INPUT naming its index', (bad, got) => {
    const e = thrown(() => rfmQuantileScores([1, 2, bad, 4], 2));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values', 2]);
    expect(e.message).toBe(`values[2]: expected a finite number, got ${got}`);
  });

  it('a non-number value is INVALID_INPUT naming its index', () => {
    const e = thrown(() => rfmQuantileScores([1, '2'] as unknown as number[], 2));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values', 1]);
    expect(e.message).toBe('values[1]: expected a finite number, got the string "2"');
  });

  it('a throwing element getter is INVALID_INPUT naming its index', () => {
    const e = thrown(() => rfmQuantileScores(throwingAt([1, 2, 3], 1), 2));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values', 1]);
    expect(e.message).toBe('values[1]: reading the value threw (boom)');
  });
});

describe('rfmQuantileScores: reads only the indices below length', () => {
  it('whole numbers in a small range (counted)', () => {
    expect(Array.from(rfmQuantileScores(guardedColumn([3, 1, 2]), 3))).toEqual([3, 1, 2]);
    expect(Array.from(rfmQuantileScores(guardedColumn([3, 1, 2]), 3, 'lower'))).toEqual([1, 3, 2]);
  });
  it('fractions (sorted)', () => {
    expect(Array.from(rfmQuantileScores(guardedColumn([2.5, 0.5, 1.5]), 3))).toEqual([3, 1, 2]);
    expect(Array.from(rfmQuantileScores(guardedColumn([2.5, 0.5, 1.5, 0.5]), 2, 'lower'))).toEqual([1, 2, 1, 2]);
  });
  it('whole numbers over a wide range (sorted)', () => {
    expect(Array.from(rfmQuantileScores(guardedColumn([1e9, 0, 5e8]), 3))).toEqual([3, 1, 2]);
  });
});

describe('rfmQuantileScores: the documented rule, brute force', () => {
  it('hand-checked edges (n = 4, 4 bins: mid-ranks 0.5, 1.5, 2.5, 3.5)', () => {
    expect(Array.from(rfmQuantileScores([4, 3, 2, 1], 4))).toEqual([4, 3, 2, 1]);
    // a pair at the bottom of 4 values in 2 bins: bins·p = 2·1/4 = 0.5 → bin 1; the top pair 2·3/4 = 1.5 → bin 2.
    expect(Array.from(rfmQuantileScores([1, 1, 2, 2], 2))).toEqual([1, 1, 2, 2]);
    // a run of 2 among 4 in the middle of 2 bins: bins·p = 2·2/4 = 1, on the edge, k = 1 = bins / 2 → bin 2.
    expect(Array.from(rfmQuantileScores([0, 5, 5, 9], 2))).toEqual([1, 2, 2, 2]);
    expect(Array.from(rfmQuantileScores([0, 5, 5, 9], 2, 'lower'))).toEqual([2, 2, 2, 1]);
  });

  test.prop([
    fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }),
    fc.integer({ min: 2, max: 10 }),
    fc.constantFrom('higher' as const, 'lower' as const),
  ])('small whole numbers (counting pass)', (values, bins, direction) => {
    expect(Array.from(rfmQuantileScores(values, bins, direction))).toEqual(referenceQuantile(values, bins, direction));
  });

  test.prop([
    fc.array(
      fc.oneof(
        fc.integer({ min: -3, max: 3 }).map((k) => k / 2),
        fc.constantFrom(1e9, -1e9, 0, -0),
      ),
      { minLength: 1, maxLength: 40 },
    ),
    fc.integer({ min: 2, max: 10 }),
    fc.constantFrom('higher' as const, 'lower' as const),
  ])('fractions and wide ranges (sorted pass)', (values, bins, direction) => {
    expect(Array.from(rfmQuantileScores(values, bins, direction))).toEqual(referenceQuantile(values, bins, direction));
  });
});

describe('rfmBreakScores: option and input errors', () => {
  it.each([
    [null, 'null'],
    ['abc', 'the string "abc"'],
    [{}, 'an object'],
    [7, '7'],
  ])('breaks %j that are not array-like are INVALID_OPTION naming breaks', (breaks, got) => {
    const e = thrown(() => rfmBreakScores([1, 2], breaks as unknown as number[]));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['breaks']);
    expect(e.message).toBe(`breaks: expected an array of breakpoints, got ${got}`);
  });

  it('a throwing length getter on breaks is INVALID_OPTION naming breaks', () => {
    const e = thrown(() => rfmBreakScores([1, 2], throwingLength));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['breaks']);
    expect(e.message).toBe('breaks: reading the value threw (no length)');
  });

  it('a throwing breakpoint getter is INVALID_OPTION naming breaks', () => {
    const e = thrown(() => rfmBreakScores([1, 2], throwingAt([1, 2, 3], 1)));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['breaks']);
    expect(e.message).toBe('breaks: reading the value threw (boom)');
  });

  it.each([0, 10])('%i breakpoints are INVALID_OPTION with the allowed counts', (count) => {
    const breaks = Array.from({ length: count }, (_, i) => i);
    const e = thrown(() => rfmBreakScores([1, 2], breaks));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['breaks']);
    expect(e.message).toBe(`breaks: expected 1 to 9 breakpoints (2 to 10 bins), got ${count}`);
  });

  it('1 and 9 breakpoints are accepted', () => {
    expect(Array.from(rfmBreakScores([0, 1], [1]))).toEqual([1, 2]);
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(Array.from(rfmBreakScores([0, 9, 4.5], nine))).toEqual([1, 10, 5]);
  });

  it.each([
    [[Number.NaN], 0, 'NaN'],
    [[1, Number.POSITIVE_INFINITY], 1, 'Infinity'],
    [[Number.NEGATIVE_INFINITY, 1], 0, '-Infinity'],
    [[1, '2'], 1, 'the string "2"'],
  ])('breaks %j: a non-finite breakpoint is INVALID_OPTION naming its index', (breaks, index, got) => {
    const e = thrown(() => rfmBreakScores([1, 2], breaks as number[]));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['breaks', index]);
    expect(e.message).toBe(`breaks[${index}]: expected a finite number, got ${got}`);
  });

  it('breakpoints that do not increase are INVALID_OPTION naming the index', () => {
    const e = thrown(() => rfmBreakScores([1], [5, 5]));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['breaks', 1]);
    expect(e.message).toBe('breaks[1]: expected a number > 5 (breaks must be strictly increasing), got 5');
  });

  it('an unknown direction is INVALID_OPTION naming direction', () => {
    const e = thrown(() => rfmBreakScores([1, 2], [1], 'down' as never));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['direction']);
    expect(e.message).toBe(`direction: expected 'higher' or 'lower', got the string "down"`);
  });

  it('a value column that is not array-like is INVALID_INPUT naming values', () => {
    const e = thrown(() => rfmBreakScores(null as unknown as number[], [1]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values']);
    expect(e.message).toBe('values: expected an array of numbers, got null');
    expect(thrown(() => rfmBreakScores('12' as unknown as number[], [1])).message).toBe(
      'values: expected an array of numbers, got the string "12"',
    );
    expect(thrown(() => rfmBreakScores({} as unknown as number[], [1])).message).toBe(
      'values: expected an array of numbers, got an object',
    );
    expect(thrown(() => rfmBreakScores(throwingLength, [1])).message).toBe(
      'values: reading the value threw (no length)',
    );
  });

  it('a non-finite value is INVALID_INPUT naming its index', () => {
    const e = thrown(() => rfmBreakScores([1, Number.NaN], [1]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values', 1]);
    expect(e.message).toBe('values[1]: expected a finite number, got NaN');
  });

  it('an empty column gives no scores', () => {
    expect(Array.from(rfmBreakScores([], [1, 2]))).toEqual([]);
  });
});

describe('rfmBreakScores: bins', () => {
  it('a value equal to a break belongs to the bin above it', () => {
    expect(Array.from(rfmBreakScores([3.99, 4, 5.99, 6, 100], [4, 6]))).toEqual([1, 2, 2, 3, 3]);
    expect(Array.from(rfmBreakScores([3.99, 4, 5.99, 6, 100], [4, 6], 'lower'))).toEqual([3, 2, 2, 1, 1]);
  });

  it('uses only the first `length` breakpoints of an array-like', () => {
    // Element 1 lies beyond length 1: it is not a breakpoint, so 10 is in the top bin of two.
    const breaks = { length: 1, 0: 5, 1: 6 } as unknown as ArrayLike<number>;
    expect(Array.from(rfmBreakScores([10, 1], breaks))).toEqual([2, 1]);
    expect(Array.from(rfmBreakScores([10, 1], breaks, 'lower'))).toEqual([1, 2]);
  });

  it('reads only the values below length', () => {
    expect(Array.from(rfmBreakScores(guardedColumn([1, 7, 4]), [4, 6]))).toEqual([1, 3, 2]);
  });

  test.prop([
    fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 30 }),
    fc.uniqueArray(fc.integer({ min: -10, max: 10 }), { minLength: 1, maxLength: 9 }),
    fc.constantFrom('higher' as const, 'lower' as const),
  ])('matches the left-closed bins, brute force', (values, unsorted, direction) => {
    const breaks = [...unsorted].sort((a, b) => a - b);
    expect(Array.from(rfmBreakScores(values, breaks, direction))).toEqual(referenceBreaks(values, breaks, direction));
  });
});
