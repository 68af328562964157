import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CrmAnalyticsError, isCrmAnalyticsError } from '../../src/core/errors.js';
import { describeValue, emptyInput, formatPath, invalidValue } from '../../src/core/messages.js';
import { CompensatedAccumulator, compensatedSum, logAddExp, maxOf, minOf } from '../../src/core/numeric.js';
import {
  accessorSchema,
  parseOptions,
  parseWithSchema,
  toAccessorFunction,
  toRecordArray,
} from '../../src/core/validate.js';
import { fc, test } from '../support/property.js';

describe('CrmAnalyticsError', () => {
  it('carries code, path, index, received and zod issues', () => {
    const e = invalidValue(['transactions', 12, 'amount'], 'a finite number', Number.NaN);
    expect(e).toBeInstanceOf(CrmAnalyticsError);
    expect(e.message).toBe('transactions[12].amount: expected a finite number, got NaN');
    expect(e).toMatchObject({ code: 'INVALID_INPUT', index: 12, path: ['transactions', 12, 'amount'] });
    expect(Number.isNaN(e.received)).toBe(true);
    expect(isCrmAnalyticsError(e)).toBe(true);
    expect(isCrmAnalyticsError(new TypeError('x'))).toBe(false);
  });

  it('words empty inputs', () => {
    expect(emptyInput('values').message).toBe('values: expected at least 1 record, got none');
    expect(emptyInput('values').code).toBe('EMPTY_INPUT');
    expect(emptyInput('values', 2, 'value', 1).message).toBe('values: expected at least 2 values, got 1');
    expect(emptyInput('values', 2, 'value', 1).code).toBe('INVALID_INPUT');
  });

  it('formats paths and values for people', () => {
    expect(formatPath(['a', 0, 'b c', 'd'])).toBe('a[0]["b c"].d');
    expect(formatPath([])).toBe('input');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue('x'.repeat(50))).toMatch(/…"$/);
    expect(describeValue(new Date(Number.NaN))).toBe('an invalid Date');
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(10n)).toBe('10n');
  });
});

describe('zod translation', () => {
  const schema = z.strictObject({
    rate: z.number().min(0).max(1),
    mode: z.enum(['a', 'b']),
    rows: z.array(z.object({ x: z.number() })).optional(),
  });
  const message = (input: unknown): string => {
    try {
      parseOptions(schema, input);
    } catch (e) {
      if (e instanceof CrmAnalyticsError) return `${e.code} ${e.message}`;
    }
    return 'no error';
  };

  it('a union names its alternatives when every branch failed on the value itself', () => {
    const union = (input: unknown): string => {
      try {
        parseOptions(
          z.strictObject({ pick: z.union([z.literal('mean'), z.literal('median'), z.number(), z.string()]) }),
          input,
        );
      } catch (e) {
        if (e instanceof CrmAnalyticsError) return `${e.code} ${e.message}`;
      }
      return 'no error';
    };
    expect(union({ pick: true })).toBe(
      'INVALID_OPTION options.pick: expected "mean", "median", a finite number or a string, got true',
    );
    expect(union({})).toBe(
      'INVALID_OPTION options.pick: expected "mean", "median", a finite number or a string, got nothing (the field is missing)',
    );
    expect(union({ pick: 1 })).toBe('no error');
    // Two branches that want the same type name it once; a branch that failed deeper keeps zod's union message.
    const twice = z.strictObject({ v: z.union([z.number().int(), z.number()]) });
    expect(() => parseOptions(twice, { v: 'x' })).toThrow('options.v: expected a finite number, got the string "x"');
    const deep = z.strictObject({ v: z.union([z.object({ a: z.number() }), z.number()]) });
    expect(() => parseOptions(deep, { v: { a: 'x' } })).toThrow(
      'options.v: expected a value of one of the accepted forms, got an object',
    );
  });

  it('every accessor option takes a non-empty field name or a function, with one wording', () => {
    const schema = z.strictObject({ amount: accessorSchema().optional() });
    for (const ok of ['amount', 'x', (r: { a: number }) => r.a, undefined]) {
      expect(() => parseOptions(schema, { amount: ok })).not.toThrow();
    }
    for (const [bad, shown] of [
      [42, '42'],
      ['', 'the string ""'],
      [null, 'null'],
      [['amount'], 'an array of length 1'],
    ] as const) {
      expect(() => parseOptions(schema, { amount: bad })).toThrow(
        `options.amount: expected a field name or a function (record, index) => value, got ${shown}`,
      );
    }
  });

  it('names the option and what was wrong, never leaking zod wording', () => {
    expect(message({ rate: Number.NaN, mode: 'a' })).toBe(
      'INVALID_OPTION options.rate: expected a finite number, got NaN',
    );
    expect(message({ rate: 2, mode: 'a' })).toBe('INVALID_OPTION options.rate: expected a number ≤ 1, got 2');
    expect(message({ rate: -1, mode: 'a' })).toBe('INVALID_OPTION options.rate: expected a number ≥ 0, got -1');
    expect(message({ rate: 0.5, mode: 'c' })).toBe(
      'INVALID_OPTION options.mode: expected one of "a", "b", got the string "c"',
    );
    expect(message({ rate: 0.5, mode: 'a', typo: 1 })).toBe('INVALID_OPTION options: unknown option "typo"');
    expect(message({ mode: 'a' })).toBe(
      'INVALID_OPTION options.rate: expected a finite number, got nothing (the field is missing)',
    );
    expect(message({ rate: 0.5, mode: 'a', rows: [{ x: 1 }, { x: 'y' }] })).toBe(
      'INVALID_OPTION options.rows[1].x: expected a finite number, got the string "y"',
    );
    expect(message({ rate: 'x', mode: 'z' })).toMatch(/\(and 1 more problem\)$/);
  });

  it('keeps the zod issues and the index on the error', () => {
    try {
      parseWithSchema(z.array(z.number()), [1, Number.NaN], ['values']);
      expect.unreachable();
    } catch (e) {
      const err = e as CrmAnalyticsError;
      expect(err.issues).toHaveLength(1);
      expect(err.index).toBe(1);
      expect(err.message).toBe('values[1]: expected a finite number, got NaN');
    }
  });

  it('turns a throwing getter into our error', () => {
    const evil = Object.defineProperty({}, 'rate', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    expect(() => parseOptions(schema, evil)).toThrow(CrmAnalyticsError);
  });
});

describe('accessors', () => {
  it('reads fields (getters included) but never inherited Object.prototype members', () => {
    class Order {
      get amount(): number {
        return 3;
      }
    }
    expect(toAccessorFunction('amount')(new Order(), 0)).toBe(3);
    expect(toAccessorFunction('constructor')({}, 0)).toBeUndefined();
    expect(toAccessorFunction('toString')({ toString: 'own' }, 0)).toBe('own');
    expect(toAccessorFunction('x')(null, 0)).toBeUndefined();
    expect(toAccessorFunction((r: { y: number }) => r.y * 2)({ y: 2 }, 0)).toBe(4);
  });

  it('materializes iterables and rejects non-iterables', () => {
    expect(toRecordArray(new Set([1, 2]), 'v')).toEqual([1, 2]);
    expect(toRecordArray({ length: 2, 0: 'a', 1: 'b' }, 'v')).toEqual(['a', 'b']);
    expect(() => toRecordArray(5 as never, 'v')).toThrow('v: expected an array or iterable of records, got 5');
  });
});

describe('numeric kernels', () => {
  it('compensated sum is exact where naive summation is not', () => {
    const values = [1e16, 1, -1e16, 1];
    expect(values.reduce((a, b) => a + b, 0)).not.toBe(2);
    expect(compensatedSum(values)).toBe(2);
    expect(compensatedSum(Array(10).fill(0.1))).toBe(1);
  });

  it('a compensated sum that overflows is ±Infinity, not NaN (the compensation term holds ∞ − ∞)', () => {
    // Regression: compensatedSum([Infinity]) was NaN, which turned calibrationVsHoldout's overflow message into
    // "rmse NaN".
    const big = Number.MAX_VALUE;
    for (const [values, total] of [
      [[Number.POSITIVE_INFINITY], Number.POSITIVE_INFINITY],
      [[1, Number.NEGATIVE_INFINITY, 2], Number.NEGATIVE_INFINITY],
      [[big, big], Number.POSITIVE_INFINITY],
      [[-big, -big, 1], Number.NEGATIVE_INFINITY],
      [[big, -big, big], big],
    ] as const) {
      expect(compensatedSum(values)).toBe(total);
      const acc = new CompensatedAccumulator();
      for (const v of values) acc.add(v);
      expect(acc.value).toBe(total);
    }
    expect(compensatedSum([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBeNaN();
  });

  test.prop([fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 200 })])(
    'compensated sum of integers equals the exact integer sum; max/min agree with a sort',
    (ints) => {
      expect(compensatedSum(ints)).toBe(ints.reduce((a, b) => a + b, 0));
      const sorted = [...ints].sort((a, b) => a - b);
      expect(maxOf(ints)).toBe(sorted.length ? sorted[sorted.length - 1] : Number.NEGATIVE_INFINITY);
      expect(minOf(ints)).toBe(sorted.length ? sorted[0] : Number.POSITIVE_INFINITY);
    },
  );

  it('maxOf handles a million elements without spreading', () => {
    const big = new Float64Array(1_000_000).map((_, i) => i);
    expect(maxOf(big)).toBe(999_999);
  });

  test.prop([fc.double({ min: -700, max: 700, noNaN: true }), fc.double({ min: -700, max: 700, noNaN: true })])(
    'logAddExp agrees with the direct formula where it does not overflow',
    (a, b) => {
      expect(logAddExp(a, b)).toBeCloseTo(Math.log(Math.exp(a) + Math.exp(b)), 8);
    },
  );

  it('logAddExp survives huge arguments and -Infinity', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logAddExp(3, Number.NEGATIVE_INFINITY)).toBe(3);
  });
});
