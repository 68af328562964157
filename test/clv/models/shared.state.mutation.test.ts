// Written for the mutants of src/clv/models/shared.ts that survived Stryker (see docs/testing.md): the tail of the
// file, i.e. the named-interval record, parameter and model-state validation (exact codes, messages and paths),
// the Pochhammer tables against hand sums, distinct values, the systematic warm-start subsample worked out by hand,
// the `at` and DERT discount options, and the result checks at and around their clamping slack.
import { describe, expect, it } from 'vitest';
import {
  type CompressedRows,
  checkResult,
  checkResults,
  distinctValues,
  namedIntervals,
  PochhammerTables,
  readAtOption,
  readDertDiscount,
  readModelState,
  readPositiveParams,
  subsampleRows,
  warmStartFor,
} from '../../../src/clv/models/shared.js';
import { thrown } from '../../support/thrown.js';

/** A getter that throws a plain Error, to reach the "reading the value threw" paths. */
function throwing(key: string): Record<string, unknown> {
  return Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
}

/** Compressed rows with frequency i, recency i + 0.5, T 100 + i and the given weights. */
function rowsWithWeights(weights: number[]): CompressedRows {
  const n = weights.length;
  return {
    frequency: Float64Array.from({ length: n }, (_, i) => i),
    recency: Float64Array.from({ length: n }, (_, i) => i + 0.5),
    T: Float64Array.from({ length: n }, (_, i) => 100 + i),
    weight: Float64Array.from(weights),
    count: n,
    totalWeight: weights.reduce((a, b) => a + b, 0),
  };
}

/** The end of checkResults' DOMAIN_ERROR message. */
function tail(got: string, hi: number): string {
  return `cannot be computed accurately at these parameters (got ${got}, expected a finite number in [0, ${hi}]); the model's special functions lose all precision this far out`;
}

describe('namedIntervals', () => {
  it('pairs the bounds by name when both are given', () => {
    expect(namedIntervals(['a', 'b'], [1, 2], [3, 4])).toEqual({
      a: { lower: 1, upper: 3 },
      b: { lower: 2, upper: 4 },
    });
  });

  it('is null when either bound is missing', () => {
    expect(namedIntervals(['a'], undefined, [3])).toBeNull();
    expect(namedIntervals(['a'], [1], undefined)).toBeNull();
    expect(namedIntervals(['a'], undefined, undefined)).toBeNull();
  });
});

describe('readPositiveParams', () => {
  it('keeps exactly the named parameters', () => {
    expect(readPositiveParams({ a: 2, b: 0.5, extra: -1 }, ['a', 'b'], 'p')).toEqual({ a: 2, b: 0.5 });
  });

  it('rejects a non-object with the name as path', () => {
    for (const [value, got] of [
      [null, 'null'],
      [7, '7'],
      [undefined, 'undefined'],
    ] as const) {
      const error = thrown(() => readPositiveParams(value, ['a'], 'p'));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`p: expected an object of parameters, got ${got}`);
      expect(error.path).toEqual(['p']);
    }
  });

  it('rejects a parameter that is not a finite number > 0, naming it', () => {
    for (const [value, got] of [
      [0, '0'],
      [-1, '-1'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['2', 'the string "2"'],
      [undefined, 'undefined'],
    ] as const) {
      const error = thrown(() => readPositiveParams({ a: 1, b: value }, ['a', 'b'], 'p'));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`p.b: expected a finite number > 0, got ${got}`);
      expect(error.path).toEqual(['p', 'b']);
      expect(error.received).toBe(value);
    }
  });

  it('accepts the smallest positive number', () => {
    expect(readPositiveParams({ a: Number.MIN_VALUE }, ['a'], 'p')).toEqual({ a: Number.MIN_VALUE });
  });

  it('turns a throwing getter into INVALID_INPUT naming the record', () => {
    const error = thrown(() => readPositiveParams(throwing('a'), ['a'], 'p'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('p: reading the value threw (boom)');
    expect(error.path).toEqual(['p']);
  });
});

describe('PochhammerTables', () => {
  it('holds Σ_{k<x} ln(s+k) and Σ_{k<x} 1/(s+k)', () => {
    const tables = new PochhammerTables(3);
    const t = tables.fill(0, 2);
    expect(Array.from(t.log)).toEqual([
      0,
      Math.log(2),
      Math.log(2) + Math.log(3),
      Math.log(2) + Math.log(3) + Math.log(4),
    ]);
    expect(Array.from(t.inv)).toEqual([0, 1 / 2, 1 / 2 + 1 / 3, 1 / 2 + 1 / 3 + 1 / 4]);
  });

  it('reuses the buffers of a slot and keeps slots apart', () => {
    const tables = new PochhammerTables(2);
    const first = tables.fill(0, 1);
    const other = tables.fill(1, 5);
    const again = tables.fill(0, 3);
    expect(again).toBe(first);
    expect(again.log).toBe(first.log);
    expect(Array.from(first.log)).toEqual([0, Math.log(3), Math.log(3) + Math.log(4)]);
    expect(other).not.toBe(first);
    expect(Array.from(other.inv)).toEqual([0, 1 / 5, 1 / 5 + 1 / 6]);
  });
});

describe('distinctValues', () => {
  it('lists values in first-appearance order and indexes every row', () => {
    const { values, index } = distinctValues(Float64Array.of(3, 1, 3, 2, 1, 3));
    expect(Array.from(values)).toEqual([3, 1, 2]);
    expect(Array.from(index)).toEqual([0, 1, 0, 2, 1, 0]);
    expect(index).toBeInstanceOf(Int32Array);
  });

  it('is empty for an empty column', () => {
    const { values, index } = distinctValues(new Float64Array(0));
    expect(values.length).toBe(0);
    expect(index.length).toBe(0);
  });
});

describe('subsampleRows', () => {
  it('returns undefined up to 2·target rows', () => {
    expect(subsampleRows(rowsWithWeights([1, 1, 1, 1]), 2)).toBeUndefined();
    expect(subsampleRows(rowsWithWeights([1, 1, 1]), 2)).toBeUndefined();
    expect(subsampleRows(rowsWithWeights(new Array(40_000).fill(1)))).toBeUndefined();
  });

  it('keeps heavy rows whole and every k-th light row with weight ·k (worked by hand)', () => {
    // 7 rows, target 2: k = ceil(7/2) = 4. Row 0 light (0th light: kept, 2·4), row 1 w = k (whole), row 2 light
    // (1st: dropped), row 3 heavy (whole), rows 4, 5 light (2nd, 3rd: dropped), row 6 light (4th: kept, 3·4).
    const sub = subsampleRows(rowsWithWeights([2, 4, 1, 5, 1, 1, 3]), 2);
    expect(sub).toBeDefined();
    const s = sub as CompressedRows;
    expect(s.count).toBe(4);
    expect(Array.from(s.weight)).toEqual([8, 4, 5, 12]);
    expect(Array.from(s.frequency)).toEqual([0, 1, 3, 6]);
    expect(Array.from(s.recency)).toEqual([0.5, 1.5, 3.5, 6.5]);
    expect(Array.from(s.T)).toEqual([100, 101, 103, 106]);
    expect(s.totalWeight).toBe(29);
  });

  it('subsamples 5 rows with target 2 (k = 3)', () => {
    // Light rows 0, 1, 2, 4 (light counters 0, 1, 2, 3): counters 0 and 3 are kept; row 3 (w = 3 = k) is whole.
    const s = subsampleRows(rowsWithWeights([1, 1, 1, 3, 1]), 2) as CompressedRows;
    expect(Array.from(s.frequency)).toEqual([0, 3, 4]);
    expect(Array.from(s.weight)).toEqual([3, 3, 3]);
    expect(s.count).toBe(3);
    expect(s.totalWeight).toBe(9);
  });

  it('stops at the last row when the light counter ends on a multiple of k', () => {
    // 6 light rows, target 2: k = 3; light counters 0 … 5, so rows 0 and 3 are kept (and the counter ends at 6).
    const s = subsampleRows(rowsWithWeights([1, 1, 1, 1, 1, 1]), 2) as CompressedRows;
    expect(s.count).toBe(2);
    expect(Array.from(s.frequency)).toEqual([0, 3]);
    expect(Array.from(s.weight)).toEqual([3, 3]);
    expect(s.totalWeight).toBe(6);
  });

  it('subsamples above the default 40,000 rows', () => {
    const s = subsampleRows(rowsWithWeights(new Array(40_001).fill(1))) as CompressedRows;
    // k = ceil(40001 / 20000) = 3: rows 0, 3, …, 39999 are kept, each standing for 3.
    expect(s.count).toBe(13_334);
    expect(s.frequency[1]).toBe(3);
    expect(s.frequency[13_333]).toBe(39_999);
    expect(s.weight[0]).toBe(3);
    expect(s.totalWeight).toBe(40_002);
  });
});

describe('warmStartFor', () => {
  it('has no warm start for small inputs and does not build one', () => {
    let calls = 0;
    const result = warmStartFor(rowsWithWeights([1, 1, 1]), () => {
      calls++;
      return { objective: () => 0, gradient: () => undefined };
    });
    expect(result).toEqual({});
    expect('warmStart' in result).toBe(false);
    expect(calls).toBe(0);
  });

  it('builds the warm start on the subsample of large inputs', () => {
    const objective = (): number => 1;
    const gradient = (): void => undefined;
    let seen: CompressedRows | undefined;
    const result = warmStartFor(rowsWithWeights(new Array(40_001).fill(1)), (sub) => {
      seen = sub;
      return { objective, gradient };
    });
    expect(result.warmStart?.objective).toBe(objective);
    expect(result.warmStart?.gradient).toBe(gradient);
    expect(seen?.count).toBe(13_334);
    expect(seen?.totalWeight).toBe(40_002);
  });
});

describe('readModelState', () => {
  it('reads params, unit and optional parts', () => {
    const state = readModelState(
      {
        params: { a: 1, b: 2 },
        timeUnit: 'month',
        standardErrors: { a: 0.1, b: 0 },
        confidenceIntervals: { a: { lower: 0.5, upper: 1.5 }, b: { lower: 1, upper: 3 } },
      },
      ['a', 'b'],
      true,
    );
    expect(state.params).toEqual({ a: 1, b: 2 });
    expect(state.timeUnit).toBe('month');
    expect(state.fit).toBeNull();
    expect(state.standardErrors).toEqual({ a: 0.1, b: 0 });
    expect(state.confidenceIntervals).toEqual({ a: { lower: 0.5, upper: 1.5 }, b: { lower: 1, upper: 3 } });
  });

  it('rejects a state that is not an object', () => {
    for (const [value, got] of [
      [null, 'null'],
      [5, '5'],
      ['x', 'the string "x"'],
    ] as const) {
      const error = thrown(() => readModelState(value, ['a'], true));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`state: expected an object with params (and timeUnit), got ${got}`);
      expect(error.path).toEqual(['state']);
    }
  });

  it('names a bad parameter params.<name>', () => {
    const error = thrown(() => readModelState({ params: { a: -2 }, timeUnit: 'week' }, ['a'], true));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('params.a: expected a finite number > 0, got -2');
    expect(error.path).toEqual(['params', 'a']);
  });

  it('turns a throwing getter on the state into INVALID_INPUT naming the state', () => {
    const error = thrown(() => readModelState(throwing('params'), ['a'], true));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('state: reading the value threw (boom)');
    expect(error.path).toEqual(['state']);
  });
});

describe('readAtOption', () => {
  it('is 0 without options or without at', () => {
    expect(readAtOption(undefined, 'week')).toBe(0);
    expect(readAtOption({}, 'week')).toBe(0);
  });

  it('converts the duration to the model unit', () => {
    expect(readAtOption({ at: 3 }, 'week')).toBe(3);
    expect(readAtOption({ at: { days: 14 } }, 'week')).toBe(2);
  });

  it('rejects options that are not an object', () => {
    for (const [value, got] of [
      [null, 'null'],
      [3, '3'],
    ] as const) {
      const error = thrown(() => readAtOption(value, 'week'));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toBe(`options: expected an object such as { at: 4 }, got ${got}`);
      expect(error.path).toEqual(['options']);
    }
  });

  it('names options.at when reading it throws or it is invalid', () => {
    const error = thrown(() => readAtOption(throwing('at'), 'week'));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('options.at: reading the value threw (boom)');
    expect(error.path).toEqual(['options', 'at']);
    const bad = thrown(() => readAtOption({ at: -1 }, 'week'));
    expect(bad.code).toBe('INVALID_OPTION');
    expect(bad.message).toBe('options.at: expected a finite number ≥ 0, got -1');
    expect(bad.path).toEqual(['options', 'at']);
  });
});

const rateMessage = 'options.discountRate.rate: expected a finite number > 0 (DERT diverges without discounting)';

describe('readDertDiscount', () => {
  it('is ln(1 + rate) per `per`, in the model unit', () => {
    const delta = readDertDiscount({ discountRate: { rate: 0.1, per: 'year' } }, 'week');
    const expected = (Math.log(1.1) * 7) / 365.2425;
    expect(Math.abs(delta - expected) / expected).toBeLessThan(1e-14);
    expect(readDertDiscount({ discountRate: { rate: 1, per: 'week' } }, 'week')).toBe(Math.LN2);
  });

  it('rejects a missing or bad rate with the exact error', () => {
    for (const options of [
      undefined,
      null,
      {},
      { discountRate: null },
      { discountRate: 0.1 },
      { discountRate: { per: 'year' } },
      { discountRate: { rate: 0, per: 'year' } },
      { discountRate: { rate: -0.1, per: 'year' } },
      { discountRate: { rate: Number.NaN, per: 'year' } },
      { discountRate: { rate: Number.POSITIVE_INFINITY, per: 'year' } },
      { discountRate: { rate: '0.1', per: 'year' } },
    ]) {
      const error = thrown(() => readDertDiscount(options, 'week'));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toBe(rateMessage);
      expect(error.path).toEqual(['options', 'discountRate', 'rate']);
    }
    const error = thrown(() => readDertDiscount({ discountRate: { rate: -2, per: 'year' } }, 'week'));
    expect(error.received).toBe(-2);
  });

  it('does not read discountRate off a function or rate off a function', () => {
    const options = Object.assign(() => undefined, { discountRate: { rate: 0.1, per: 'year' } });
    expect(thrown(() => readDertDiscount(options, 'week')).message).toBe(rateMessage);
    const rate = Object.assign(() => undefined, { rate: 0.1, per: 'year' });
    expect(thrown(() => readDertDiscount({ discountRate: rate }, 'week')).message).toBe(rateMessage);
  });

  it('names the option whose getter throws', () => {
    for (const [options, path] of [
      [throwing('discountRate'), ['options', 'discountRate']],
      [{ discountRate: throwing('rate') }, ['options', 'discountRate', 'rate']],
      [{ discountRate: Object.assign(throwing('per'), { rate: 0.1 }) }, ['options', 'discountRate', 'per']],
    ] as const) {
      const error = thrown(() => readDertDiscount(options, 'week'));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toBe(`${path.join('.')}: reading the value threw (boom)`);
      expect(error.path).toEqual(path);
    }
  });

  it('rejects an unknown per', () => {
    const error = thrown(() => readDertDiscount({ discountRate: { rate: 0.1, per: 'fortnight' } }, 'week'));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe(
      `options.discountRate.per: expected 'day', 'week', 'month' or 'year', got the string "fortnight"`,
    );
    expect(error.path).toEqual(['options', 'discountRate', 'per']);
  });

  it('rejects a rate whose per-unit equivalent underflows to 0', () => {
    // ln(1 + 5e-324) = 5e-324 per year; per day that is 5e-324 / 365.2425, which rounds to 0.
    const error = thrown(() => readDertDiscount({ discountRate: { rate: Number.MIN_VALUE, per: 'year' } }, 'day'));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe(
      'options.discountRate.rate: expected a rate whose continuous equivalent per day is > 0, got 5e-324 per year',
    );
    expect(error.path).toEqual(['options', 'discountRate', 'rate']);
    expect(error.received).toBe(Number.MIN_VALUE);
  });
});

describe('checkResults', () => {
  it('passes values in [0, upper] unchanged', () => {
    const out = Float64Array.of(0, 0.5, 1, 3);
    expect(Array.from(checkResults(out, 'm', (i) => (i === 3 ? 3 : 1)))).toEqual([0, 0.5, 1, 3]);
  });

  it('clamps excursions of rounding size, up to and including the slack', () => {
    // upper 1: slack 1e-9; upper 100: slack 1e-7.
    const out = Float64Array.of(-1e-12, -1e-9, 1 + 1e-12, 1 + 1e-9, -5e-8, 100 + 5e-8);
    const ok = checkResults(out, 'm', (i) => (i < 4 ? 1 : 100));
    expect(ok).toBe(out);
    expect(Array.from(ok)).toEqual([0, 0, 1, 1, 0, 100]);
  });

  it('throws DOMAIN_ERROR for anything else, naming the customer', () => {
    for (const [v, hi] of [
      [Number.NaN, 1],
      [-1, 1],
      [-2e-9, 1],
      [2, 1],
      [1 + 3e-9, 1],
      [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
      [Number.NEGATIVE_INFINITY, 1],
      [0, -1],
      [-1, -1],
    ] as const) {
      const out = Float64Array.of(0.5, v);
      const error = thrown(() => checkResults(out, 'm', (i) => (i === 0 ? 1 : hi)));
      expect(error.code).toBe('DOMAIN_ERROR');
      expect(error.message).toBe(`m: the result for customers[1] ${tail(String(v), hi)}`);
      expect(error.path).toEqual(['customers', 1]);
      expect(error.received).toBe(v);
    }
  });

  it('uses the given collection name, and no name for a single unnamed result', () => {
    const named = thrown(() => checkResults(Float64Array.of(Number.NaN), 'm', () => 1, 'rows'));
    expect(named.message).toBe(`m: the result for rows[0] ${tail('NaN', 1)}`);
    expect(named.path).toEqual(['rows', 0]);
    const several = thrown(() => checkResults(Float64Array.of(0, Number.NaN), 'm', () => 1, ''));
    expect(several.message).toBe(`m: the result for [1] ${tail('NaN', 1)}`);
    expect(several.path).toEqual([]);
  });
});

describe('checkResult', () => {
  it('returns the value, clamped within the slack', () => {
    expect(checkResult(0.25, 'm', 1)).toBe(0.25);
    expect(checkResult(-1e-12, 'm', 1)).toBe(0);
    expect(checkResult(2 + 1e-12, 'm', 2)).toBe(2);
  });

  it('throws DOMAIN_ERROR about "the result"', () => {
    const error = thrown(() => checkResult(Number.NaN, 'Model.method', 1));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe(`Model.method: the result ${tail('NaN', 1)}`);
    expect(error.path).toEqual([]);
    expect(error.received).toBeNaN();
  });
});
