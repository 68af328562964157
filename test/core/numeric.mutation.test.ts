// Written for the mutants of src/core/numeric.ts that survived Stryker (see docs/testing.md): compensated sums whose
// exact value (terms exactly representable, totals in BigInt) plain summation loses, in both orders of magnitude
// so that each branch of Neumaier's correction matters; overflow to ±Infinity; sub-ranges; maxOf/minOf on array-likes
// with an element at index `length` and on ±0; logAddExp at −Infinity; every bound of isClose.
import { describe, expect, it } from 'vitest';
import { CompensatedAccumulator, compensatedSum, isClose, logAddExp, maxOf, minOf } from '../../src/core/numeric.js';
import { fc, test } from '../support/property.js';

function accumulate(values: readonly number[]): number {
  const acc = new CompensatedAccumulator();
  for (const v of values) acc.add(v);
  return acc.value;
}

/** Both entry points: the array sum and the running accumulator. */
const sums: [string, (values: readonly number[]) => number][] = [
  ['compensatedSum', (values) => compensatedSum(values)],
  ['CompensatedAccumulator', accumulate],
];

describe.each(sums)('%s', (_name, sum) => {
  it('keeps a small term added before a huge one that later cancels (the |x| > |sum| branch)', () => {
    // Exact value 1: plain left-to-right summation gives 0.
    expect(sum([1, 1e100, -1e100])).toBe(1);
    expect(sum([-3, 1e100, -1e100])).toBe(-3);
    expect(sum([0.5, 2 ** 60, -(2 ** 60)])).toBe(0.5);
  });

  it('keeps a small term added after a huge one (the |sum| ≥ |x| branch)', () => {
    expect(sum([1e100, 1, -1e100])).toBe(1);
    expect(sum([1e100, -7, -1e100])).toBe(-7);
    expect(sum([2 ** 60, 0.25, -(2 ** 60)])).toBe(0.25);
  });

  it('sums many small terms exactly where plain summation drifts', () => {
    // 1 + 10⁴ · 2⁻⁵³: each term alone vanishes against 1; the exact total is a double.
    const values = [1, ...Array.from({ length: 10_000 }, () => 2 ** -53)];
    expect(sum(values)).toBe(1 + 10_000 * 2 ** -53);
    // 0.1 ten times: the compensated total is the double nearest to 1.
    expect(sum(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    let plain = 0;
    for (let i = 0; i < 10; i++) plain += 0.1;
    expect(plain).not.toBe(1);
  });

  it('returns ±Infinity (not NaN) once the total overflows', () => {
    expect(sum([1e308, 1e308])).toBe(Number.POSITIVE_INFINITY);
    expect(sum([-1e308, -1e308])).toBe(Number.NEGATIVE_INFINITY);
    expect(sum([1e308, 1e308, 1])).toBe(Number.POSITIVE_INFINITY);
    expect(sum([1, 1e308, 1e308, -1])).toBe(Number.POSITIVE_INFINITY);
    expect(sum([Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(Number.POSITIVE_INFINITY);
  });

  it('is 0 for no values and the value itself for one', () => {
    expect(sum([])).toBe(0);
    expect(sum([42.5])).toBe(42.5);
    expect(sum([-1e-300])).toBe(-1e-300);
  });

  test.prop([
    fc.array(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), { maxLength: 30 }),
    fc.integer({ min: -30, max: 60 }),
  ])(
    'equals the exact sum of terms of mixed magnitude (integers scaled by powers of two, summed in BigInt)',
    (ints, shift) => {
      // Terms k · 2^e with e alternating between shift and shift − 70: exact as doubles, their sum exact in BigInt.
      const values = ints.map((k, i) => k * 2 ** (i % 2 === 0 ? shift : shift - 70));
      const low = shift - 70;
      let exact = 0n;
      for (let i = 0; i < ints.length; i++) exact += BigInt(ints[i] as number) << BigInt(i % 2 === 0 ? 70 : 0);
      // The exact total is exact · 2^low; Number(bigint) rounds once, and scaling by a power of two is exact.
      const expected = Number(exact) * 2 ** low;
      expect(sum(values)).toBe(expected);
    },
  );
});

describe('compensatedSum over a sub-range', () => {
  it('sums values[start] … values[end − 1] only', () => {
    const values = [1e100, 1, 1e100, -1e100, 5, 1000];
    expect(compensatedSum(values, 1, 4)).toBe(1);
    expect(compensatedSum(values, 1, 5)).toBe(6);
    expect(compensatedSum(values, 4)).toBe(1005);
    expect(compensatedSum(values, 2, 2)).toBe(0);
    expect(compensatedSum(new Float64Array([7, 1, 1e100, -1e100, 9]), 1, 4)).toBe(1);
  });
});

describe('maxOf / minOf', () => {
  it('read only indices below length (an array-like may hold more)', () => {
    expect(maxOf({ length: 2, 0: 1, 1: 2, 2: 99 })).toBe(2);
    expect(minOf({ length: 2, 0: 1, 1: 2, 2: -99 })).toBe(1);
    expect(maxOf({ length: 0, 0: 5 })).toBe(Number.NEGATIVE_INFINITY);
    expect(minOf({ length: 0, 0: 5 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('order +0 above −0 like Math.max / Math.min', () => {
    expect(maxOf([0, -0])).toBe(Math.max(0, -0));
    expect(maxOf([0, -0])).toBe(0);
    expect(minOf([-0, 0])).toBe(Math.min(-0, 0));
    expect(minOf([-0, 0])).toBe(-0);
  });

  test.prop([fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 40 })])(
    'equal Math.max / Math.min of the values, at their first occurrence',
    (values) => {
      const max = Math.max(...values);
      const min = Math.min(...values);
      expect(maxOf(values)).toBe(max);
      expect(minOf(values)).toBe(min);
      expect(maxOf(Float64Array.from(values))).toBe(max);
      expect(minOf(Float64Array.from(values))).toBe(min);
    },
  );
});

describe('logAddExp', () => {
  it('returns the other argument unchanged when one is −Infinity (sign of zero included)', () => {
    expect(logAddExp(Number.NEGATIVE_INFINITY, -0)).toBe(-0);
    expect(logAddExp(-0, Number.NEGATIVE_INFINITY)).toBe(-0);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3.5)).toBe(3.5);
    expect(logAddExp(-2.25, Number.NEGATIVE_INFINITY)).toBe(-2.25);
  });

  it('is log(eᵃ + eᵇ) without overflow', () => {
    expect(logAddExp(0, 0)).toBeCloseTo(Math.LN2, 15);
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
  });
});

describe('isClose', () => {
  it('accepts |a − b| equal to the bound (≤) and rejects just above', () => {
    expect(isClose(1, 1, 0, 0)).toBe(true);
    expect(isClose(-3, -3)).toBe(true);
    expect(isClose(1, 1.5, 0, 0.5)).toBe(true);
    expect(isClose(1, 1.5, 0, 0.4999)).toBe(false);
    // rel · max(|a|, |b|) = 0.5 · 2 = 1 = |a − b|.
    expect(isClose(1, 2, 0.5)).toBe(true);
    expect(isClose(1, 2, 0.49)).toBe(false);
  });

  it('measures |a − b| (not a + b) and scales rel by the larger magnitude', () => {
    expect(isClose(1, -1, 0, 1.5)).toBe(false);
    expect(isClose(1e6, 1e6 + 1, 1e-6)).toBe(true);
    expect(isClose(1, 100, 0.99)).toBe(true);
    expect(isClose(100, 1, 0.99)).toBe(true);
    expect(isClose(1, 100, 0.5)).toBe(false);
    // rel · max = 0.02 · 101 = 2.02 ≥ 1 (rel / max would be 2e-4).
    expect(isClose(100, 101, 0.02)).toBe(true);
  });

  it('takes the larger of the absolute and relative tolerances', () => {
    // abs 1 wins over rel·max = 1.5e-9.
    expect(isClose(1, 1.5, 1e-9, 1)).toBe(true);
    // rel·max = 0.25 · 1.3 = 0.325 wins over abs 1e-3.
    expect(isClose(1, 1.3, 0.25, 1e-3)).toBe(true);
    expect(isClose(1, 1.3, 0.2, 1e-3)).toBe(false);
  });

  it('defaults to rel = 1e-9, abs = 0', () => {
    expect(isClose(1, 1 + 5e-10)).toBe(true);
    expect(isClose(1, 1 + 2e-9)).toBe(false);
    expect(isClose(0, 1e-300)).toBe(false);
    expect(isClose(0, 0)).toBe(true);
  });
});
