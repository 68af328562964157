// Written for the mutants of src/core/validate.ts that survived Stryker (see docs/testing.md): exact messages, codes,
// paths and causes of every zod-issue translation (including hand-built issues zod itself never emits), the accessor
// reads of null / primitive / function records, the input-reading wrappers, the tight-loop checks (-0 normalization)
// and toRecordArray's iterable, array-like and throwing inputs.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import {
  accessorLabel,
  accessorSchema,
  expectFinite,
  expectNonNegative,
  expectNonNegativeInteger,
  inputReadError,
  needsOwnRead,
  parseOptions,
  parseWithSchema,
  readField,
  readingInput,
  recordAt,
  toAccessorFunction,
  toRecordArray,
  translateZodIssue,
} from '../../src/core/validate.js';
import { thrown } from '../support/thrown.js';

/** A hand-built zod issue (for shapes zod does not emit, or to control every field). */
function issue(fields: Record<string, unknown>): z.core.$ZodIssue {
  return { message: 'Invalid input', path: [], ...fields } as unknown as z.core.$ZodIssue;
}

/** `code message` of the error that parseOptions throws for `input`. */
function optionError(schema: z.ZodType, input: unknown): string {
  const error = thrown(() => parseOptions(schema, input));
  return `${error.code} ${error.message}`;
}

describe('accessorSchema', () => {
  it('accepts a non-empty field name or a function, rejects everything else with one wording', () => {
    const schema = accessorSchema();
    const fn = (r: { a: number }): number => r.a;
    expect(schema.safeParse('a').success).toBe(true);
    expect(schema.safeParse(fn).success).toBe(true);
    for (const bad of ['', 0, 1, true, null, undefined, {}, ['a'], Symbol('s')]) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
    const result = schema.safeParse(7);
    expect(result.success ? [] : result.error.issues.map((i) => [i.code, i.message])).toEqual([
      ['custom', 'expected a field name or a function (record, index) => value'],
    ]);
    expect(optionError(z.strictObject({ amount: accessorSchema() }), { amount: '' })).toBe(
      'INVALID_OPTION options.amount: expected a field name or a function (record, index) => value, got the string ""',
    );
  });
});

describe('toAccessorFunction / needsOwnRead / accessorLabel', () => {
  it('a field name on Object.prototype is read as an own property of objects only', () => {
    expect(needsOwnRead('toString')).toBe(true);
    expect(needsOwnRead('constructor')).toBe(true);
    expect(needsOwnRead('amount')).toBe(false);
    const read = toAccessorFunction<unknown, unknown>('toString');
    expect(read(null, 0)).toBeUndefined();
    expect(read(undefined, 0)).toBeUndefined();
    expect(read({}, 0)).toBeUndefined();
    expect(read({ toString: 5 }, 0)).toBe(5);
    // A function (or a primitive) is not a record even when it has the property as its own.
    const fn = Object.assign(() => 1, { toString: 'own' });
    expect(Object.hasOwn(fn, 'toString')).toBe(true);
    expect(read(fn, 0)).toBeUndefined();
    expect(read('text', 0)).toBeUndefined();
    expect(read(7, 0)).toBeUndefined();
  });

  it('an ordinary field name reads objects (getters included) and gives undefined for anything else', () => {
    const read = toAccessorFunction<unknown, unknown>('amount');
    expect(read(null, 0)).toBeUndefined();
    expect(read(undefined, 0)).toBeUndefined();
    expect(read({ amount: 3 }, 0)).toBe(3);
    expect(read(Object.create({ amount: 4 }), 0)).toBe(4);
    expect(
      read(
        Object.assign(() => 1, { amount: 5 }),
        0,
      ),
    ).toBeUndefined();
    expect(toAccessorFunction<unknown, unknown>('length')('abc', 0)).toBeUndefined();
    expect(toAccessorFunction<unknown, unknown>('length')([1, 2], 0)).toBe(2);
    const fn = (_r: unknown, i: number): number => i * 10;
    expect(toAccessorFunction(fn)).toBe(fn);
  });

  it('labels a field accessor by its name and a function by the logical name', () => {
    expect(accessorLabel('amount', 'monetary')).toBe('amount');
    expect(accessorLabel(() => 1, 'monetary')).toBe('monetary');
    expect(accessorLabel(undefined, 'monetary')).toBe('monetary');
  });
});

describe('readField / inputReadError / readingInput / recordAt', () => {
  it('readField returns the value or names the record and keeps the cause', () => {
    expect(readField((r: { a: number }, i) => r.a + i, { a: 1 }, 2, ['customers', 2, 'a'])).toBe(3);
    const cause = new Error('boom');
    const error = thrown(() =>
      readField(
        () => {
          throw cause;
        },
        {},
        4,
        ['customers', 4, 'amount'],
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('customers[4].amount: reading the value threw (boom)');
    expect(error.path).toEqual(['customers', 4, 'amount']);
    expect(error.index).toBe(4);
    expect(error.cause).toBe(cause);
  });

  it('a thrown non-Error is described, not read for a message', () => {
    const run = (value: unknown): string =>
      thrown(() =>
        readField(
          () => {
            throw value;
          },
          {},
          0,
          ['x'],
        ),
      ).message;
    expect(run('boom')).toBe('x: reading the value threw (the string "boom")');
    expect(run(null)).toBe('x: reading the value threw (null)');
    expect(run({ message: 'not an Error' })).toBe('x: reading the value threw (an object)');
  });

  it('inputReadError passes our errors through and wraps anything else with the given code', () => {
    const ours = new CrmAnalyticsError('DOMAIN_ERROR', 'x: no');
    expect(inputReadError(ours, ['y'])).toBe(ours);
    const cause = new TypeError('trap');
    const wrapped = inputReadError(cause, ['rows', 2]);
    expect(wrapped.code).toBe('INVALID_INPUT');
    expect(wrapped.message).toBe('rows[2]: reading the value threw (trap)');
    expect(wrapped.path).toEqual(['rows', 2]);
    expect(wrapped.cause).toBe(cause);
    expect(inputReadError(cause, ['options'], 'INVALID_OPTION').code).toBe('INVALID_OPTION');
  });

  it('readingInput returns the result or throws the translated error', () => {
    expect(readingInput(['a'], () => 42)).toBe(42);
    const error = thrown(() =>
      readingInput(
        ['options', 'x'],
        () => {
          throw new Error('bad getter');
        },
        'INVALID_OPTION',
      ),
    );
    expect(`${error.code} ${error.message}`).toBe('INVALID_OPTION options.x: reading the value threw (bad getter)');
    const ours = new CrmAnalyticsError('EMPTY_INPUT', 'v: none');
    expect(
      thrown(() =>
        readingInput(['a'], () => {
          throw ours;
        }),
      ),
    ).toBe(ours);
  });

  it('recordAt reads an element, and a throwing element names customers[index] by default', () => {
    const cause = new Error('boom');
    const records = Object.defineProperty({ length: 3, 0: 'a' } as Record<number, string> & { length: number }, 1, {
      get() {
        throw cause;
      },
    });
    expect(recordAt(records, 0)).toBe('a');
    expect(recordAt(records, 2)).toBeUndefined();
    const error = thrown(() => recordAt(records, 1));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('customers[1]: reading the value threw (boom)');
    expect(error.path).toEqual(['customers', 1]);
    expect(error.cause).toBe(cause);
    const named = thrown(() => recordAt(records, 1, 'rows'));
    expect(named.message).toBe('rows[1]: reading the value threw (boom)');
    expect(named.path).toEqual(['rows', 1]);
  });
});

describe('translateZodIssue through zod', () => {
  it('words too_small and too_big for arrays, sets, strings, numbers and bigints', () => {
    const cases: Array<[z.ZodType, unknown, string]> = [
      [z.array(z.number()).min(2), [1], 'options.v: expected at least 2 items'],
      [z.set(z.number()).min(2), new Set([1]), 'options.v: expected at least 2 items'],
      [z.string().min(3), 'a', 'options.v: expected at least 3 characters'],
      [z.number().gt(0), 0, 'options.v: expected a number > 0, got 0'],
      [z.number().min(1), 0.5, 'options.v: expected a number ≥ 1, got 0.5'],
      [z.bigint().min(5n), 1n, 'options.v: expected a number ≥ 5, got 1n'],
      [z.array(z.number()).max(1), [1, 2], 'options.v: expected at most 1 items'],
      [z.set(z.number()).max(1), new Set([1, 2]), 'options.v: expected at most 1 items'],
      [z.string().max(2), 'abc', 'options.v: expected at most 2 characters'],
      [z.number().lt(0), 0, 'options.v: expected a number < 0, got 0'],
      [z.number().max(1), 2, 'options.v: expected a number ≤ 1, got 2'],
    ];
    for (const [schema, value, expected] of cases) {
      expect(optionError(z.strictObject({ v: schema }), { v: value })).toBe(`INVALID_OPTION ${expected}`);
    }
  });

  it('names one or several unknown options', () => {
    const schema = z.strictObject({ a: z.number().optional() });
    expect(optionError(schema, { b: 1 })).toBe('INVALID_OPTION options: unknown option "b"');
    expect(optionError(schema, { b: 1, c: 2 })).toBe('INVALID_OPTION options: unknown options "b", "c"');
    expect(optionError(schema, { b: 1, c: 2, d: 3 })).toBe('INVALID_OPTION options: unknown options "b", "c", "d"');
  });

  it('words not_multiple_of, invalid_format, invalid_key and invalid_element', () => {
    expect(optionError(z.strictObject({ v: z.number().multipleOf(5) }), { v: 7 })).toBe(
      'INVALID_OPTION options.v: expected a multiple of 5, got 7',
    );
    expect(optionError(z.strictObject({ v: z.email() }), { v: 'x' })).toBe(
      'INVALID_OPTION options.v: Invalid email address, got the string "x"',
    );
    expect(optionError(z.strictObject({ v: z.record(z.string().min(2), z.number()) }), { v: { a: 1 } })).toBe(
      'INVALID_OPTION options.v.a: Invalid key in record, got 1',
    );
    const map = new Map<object, unknown>([[{}, 'x']]);
    const element = thrown(() => parseOptions(z.strictObject({ v: z.map(z.object({}), z.number()) }), { v: map }));
    expect(element.issues[0]?.code).toBe('invalid_element');
    expect(`${element.code} ${element.message}`).toBe(
      `INVALID_OPTION options.v: ${element.issues[0]?.message}, got an object`,
    );
    expect(element.message).not.toBe('options.v: invalid value');
  });

  it('strips a leading "Invalid input: " from custom messages, only when leading', () => {
    const custom = (message: string, path: PropertyKey[]) =>
      z.any().superRefine((_v, ctx) => {
        ctx.addIssue({ code: 'custom', message, path });
      });
    expect(optionError(custom('Invalid input: need x', ['m']), { m: 2 })).toBe(
      'INVALID_OPTION options.m: need x, got 2',
    );
    expect(optionError(custom('see Invalid input: here', ['m']), { m: 2 })).toBe(
      'INVALID_OPTION options.m: see Invalid input: here, got 2',
    );
    // A missing field: no ", got …" at all.
    expect(optionError(custom('Invalid input: need x', ['m']), {})).toBe('INVALID_OPTION options.m: need x');
  });

  it('a symbol key in an issue path is named by its description (message and error path)', () => {
    const sym = Symbol('s');
    const schema = z.any().superRefine((_v, ctx) => {
      ctx.addIssue({ code: 'custom', message: 'bad', path: [sym] });
    });
    const error = thrown(() => parseWithSchema(schema, { [sym]: 3 }, ['input']));
    expect(error.message).toBe('input["Symbol(s)"]: bad, got 3');
    expect(error.path).toEqual(['input', 'Symbol(s)']);
    expect(error.index).toBeUndefined();
    expect(translateZodIssue(issue({ code: 'custom', message: 'bad', path: [sym] }), ['options'], { [sym]: 3 })).toBe(
      'options["Symbol(s)"]: bad, got 3',
    );
  });

  it('names alternatives of a union whose branches failed on the value itself', () => {
    expect(optionError(z.strictObject({ v: z.union([z.string(), z.number()]) }), { v: true })).toBe(
      'INVALID_OPTION options.v: expected a string or a finite number, got true',
    );
    expect(optionError(z.strictObject({ v: z.union([z.string(), z.number(), z.boolean()]) }), { v: null })).toBe(
      'INVALID_OPTION options.v: expected a string, a finite number or a boolean, got null',
    );
    expect(optionError(z.strictObject({ v: z.union([z.symbol(), z.enum(['a', 'b'])]) }), {})).toBe(
      'INVALID_OPTION options.v: expected symbol, "a" or "b", got nothing (the field is missing)',
    );
    expect(optionError(z.strictObject({ v: z.union([z.literal('a'), z.literal('a')]) }), { v: 'b' })).toBe(
      'INVALID_OPTION options.v: expected "a", got the string "b"',
    );
    expect(optionError(z.strictObject({ v: z.union([z.object({ a: z.number() }), z.number()]) }), {})).toBe(
      'INVALID_OPTION options.v: expected an object or a finite number, got nothing (the field is missing)',
    );
  });
});

describe('translateZodIssue on hand-built issues', () => {
  const typeIssue = (expected: string, path: PropertyKey[] = []) => issue({ code: 'invalid_type', expected, path });

  it('a union falls back to the generic wording unless every branch is one root type or value issue', () => {
    const union = (errors: unknown[][], input: unknown = { v: 1 }) =>
      translateZodIssue(issue({ code: 'invalid_union', errors, path: ['v'] }), ['options'], input);
    const generic = 'options.v: expected a value of one of the accepted forms, got 1';
    expect(union([[typeIssue('string')], [typeIssue('boolean')]])).toBe(
      'options.v: expected a string or a boolean, got 1',
    );
    expect(union([[typeIssue('string')], [typeIssue('string')]])).toBe('options.v: expected a string, got 1');
    expect(union([[typeIssue('string'), issue({ code: 'custom' })], [typeIssue('boolean')]])).toBe(generic);
    expect(union([[typeIssue('string')], []])).toBe(generic);
    expect(union([[typeIssue('string')], [undefined]])).toBe(generic);
    expect(union([[typeIssue('string')], [typeIssue('number', ['a'])]])).toBe(generic);
    expect(union([[typeIssue('string')], [issue({ code: 'too_small', origin: 'number', minimum: 2 })]])).toBe(generic);
    expect(union([])).toBe(generic);
    expect(union([], {})).toBe(
      'options.v: expected a value of one of the accepted forms, got nothing (the field is missing)',
    );
    expect(union([[issue({ code: 'invalid_value', values: [1, 'x'] })], [typeIssue('weird')]])).toBe(
      'options.v: expected 1, "x" or weird, got 1',
    );
  });

  it('an unknown issue code reads "invalid value"', () => {
    expect(translateZodIssue(issue({ code: 'something_new', path: ['a'] }), ['options'], { a: 1 })).toBe(
      'options.a: invalid value',
    );
    expect(translateZodIssue(issue({ code: 'something_new' }), [], 1)).toBe('input: invalid value');
  });

  it('looks the received value up through objects and functions only, and only as own properties', () => {
    const at = (input: unknown, path: PropertyKey[]) =>
      translateZodIssue(typeIssue('number', path), ['x'], input).replace(/^.*: expected a finite number, got /, '');
    const missing = 'nothing (the field is missing)';
    expect(at({ a: null }, ['a', 'b'])).toBe(missing);
    expect(at(null, ['a'])).toBe(missing);
    expect(at(undefined, ['a'])).toBe(missing);
    expect(at({ a: 'abc' }, ['a', 'length'])).toBe(missing);
    expect(at({ a: 5 }, ['a', 'b'])).toBe(missing);
    expect(at({ a: Object.assign(() => 1, { b: 'own' }) }, ['a', 'b'])).toBe('the string "own"');
    expect(at({ a: Object.create({ b: 1 }) }, ['a', 'b'])).toBe(missing);
    expect(at({ a: { b: undefined } }, ['a', 'b'])).toBe('undefined');
    expect(at({ a: [0, 7] }, ['a', 1])).toBe('7');
    expect(at(4, [])).toBe('4');
    const throwing = Object.defineProperty({}, 'g', {
      get() {
        throw new Error('getter');
      },
    });
    expect(at(throwing, ['g'])).toBe(missing);
    expect(at({ a: throwing }, ['a', 'g', 'h'])).toBe(missing);
  });

  it('a custom issue on a throwing getter reports no value', () => {
    const throwing = Object.defineProperty({}, 'g', {
      get() {
        throw new Error('getter');
      },
    });
    expect(translateZodIssue(issue({ code: 'custom', message: 'bad', path: ['g'] }), ['o'], throwing)).toBe('o.g: bad');
  });
});

describe('parseWithSchema', () => {
  it('returns the parsed output', () => {
    expect(
      parseWithSchema(
        z.number().transform((v) => v * 2),
        3,
        ['v'],
      ),
    ).toBe(6);
    expect(parseOptions(z.object({ a: z.number().default(1) }), undefined)).toEqual({ a: 1 });
  });

  it('a schema that throws while reading becomes "could not be read" with path and cause', () => {
    const cause = new Error('nope');
    const evil = Object.defineProperty({}, 'rate', {
      enumerable: true,
      get() {
        throw cause;
      },
    });
    const error = thrown(() => parseOptions(z.strictObject({ rate: z.number() }), evil));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('options: could not be read (nope)');
    expect(error.path).toEqual(['options']);
    expect(error.cause).toBe(cause);
    const other = thrown(() => parseWithSchema(z.strictObject({ rate: z.number() }), evil, ['cfg', 2]));
    expect(`${other.code} ${other.message}`).toBe('INVALID_INPUT cfg[2]: could not be read (nope)');
    expect(other.path).toEqual(['cfg', 2]);
  });

  it('a failure without issues still throws, naming the root', () => {
    const schema = { safeParse: () => ({ success: false, error: { issues: [] } }) } as unknown as z.ZodType;
    const error = thrown(() => parseWithSchema(schema, 1, ['values', 3], 'DOMAIN_ERROR'));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe('values[3]: invalid value');
    expect(error.path).toEqual(['values', 3]);
    expect(error.issues).toEqual([]);
  });

  it('counts the further problems, singular and plural', () => {
    const schema = z.strictObject({ a: z.number(), b: z.number(), c: z.number() });
    expect(optionError(schema, { a: 'x', b: 1, c: 1 })).toBe(
      'INVALID_OPTION options.a: expected a finite number, got the string "x"',
    );
    expect(optionError(schema, { a: 'x', b: 'y', c: 1 })).toBe(
      'INVALID_OPTION options.a: expected a finite number, got the string "x" (and 1 more problem)',
    );
    expect(optionError(schema, { a: 'x', b: 'y', c: 'z' })).toBe(
      'INVALID_OPTION options.a: expected a finite number, got the string "x" (and 2 more problems)',
    );
  });

  it('keeps path, index, received and issues of the first problem', () => {
    const error = thrown(() => parseWithSchema(z.array(z.object({ x: z.number() })), [{ x: 1 }, { x: 'y' }], ['rows']));
    expect(error.path).toEqual(['rows', 1, 'x']);
    expect(error.index).toBe(1);
    expect(error.received).toBe('y');
    expect(error.issues.map((i) => i.code)).toEqual(['invalid_type']);
    const noIndex = thrown(() => parseOptions(z.strictObject({ a: z.number() }), { a: null }));
    expect(noIndex.index).toBeUndefined();
    expect(noIndex.received).toBeNull();
  });
});

describe('tight-loop checks', () => {
  it('expectFinite accepts finite numbers only, with the exact message', () => {
    expect(expectFinite(-2.5, ['v'])).toBe(-2.5);
    for (const [bad, shown] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['5', 'the string "5"'],
      [null, 'null'],
    ] as const) {
      const error = thrown(() => expectFinite(bad, ['rows', 2, 'v']));
      expect(error.message).toBe(`rows[2].v: expected a finite number, got ${shown}`);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.index).toBe(2);
    }
  });

  it('expectNonNegative accepts finite numbers ≥ 0 and turns -0 into +0', () => {
    expect(expectNonNegative(3, ['v'])).toBe(3);
    expect(Object.is(expectNonNegative(-0, ['v']), 0)).toBe(true);
    expect(Object.is(expectNonNegative(0, ['v']), 0)).toBe(true);
    for (const [bad, shown] of [
      [-1e-300, '-1e-300'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['1', 'the string "1"'],
    ] as const) {
      expect(thrown(() => expectNonNegative(bad, ['v'])).message).toBe(`v: expected a finite number ≥ 0, got ${shown}`);
    }
  });

  it('expectNonNegativeInteger accepts whole numbers ≥ 0 and turns -0 into +0', () => {
    expect(expectNonNegativeInteger(4, ['n'])).toBe(4);
    expect(Object.is(expectNonNegativeInteger(-0, ['n']), 0)).toBe(true);
    for (const [bad, shown] of [
      [-1, '-1'],
      [1.5, '1.5'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['2', 'the string "2"'],
    ] as const) {
      expect(thrown(() => expectNonNegativeInteger(bad, ['n'])).message).toBe(
        `n: expected a whole number ≥ 0, got ${shown}`,
      );
    }
  });
});

describe('toRecordArray', () => {
  it('returns arrays as they are, materializes iterables and array-likes', () => {
    const array = [1, 2];
    expect(toRecordArray(array, 'v')).toBe(array);
    expect(toRecordArray(new Set(['a', 'b']), 'v')).toEqual(['a', 'b']);
    expect(toRecordArray({ length: 2, 0: 'a', 1: 'b' }, 'v')).toEqual(['a', 'b']);
    expect(toRecordArray({ length: 0 }, 'v')).toEqual([]);
  });

  it('rejects objects that are neither iterable nor array-like', () => {
    for (const [bad, shown] of [
      [{}, 'an object'],
      [{ length: '2', 0: 'a' }, 'an object'],
      [null, 'null'],
      [5, '5'],
      ['ab', 'the string "ab"'],
    ] as const) {
      const error = thrown(() => toRecordArray(bad as never, 'rows'));
      expect(error.message).toBe(`rows: expected an array or iterable of records, got ${shown}`);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.path).toEqual(['rows']);
    }
  });

  it('an iterator that throws becomes INVALID_INPUT naming the input, with the cause', () => {
    const cause = new Error('broken iterator');
    const iterable = {
      *[Symbol.iterator]() {
        yield 1;
        throw cause;
      },
      length: 5,
    };
    const error = thrown(() => toRecordArray(iterable, 'rows'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('rows: iterating the input threw (broken iterator)');
    expect(error.path).toEqual(['rows']);
    expect(error.cause).toBe(cause);
  });

  it('an array-like whose length or elements throw becomes INVALID_INPUT naming the input, with the cause', () => {
    const cause = new Error('bad length');
    const badLength = Object.defineProperty({} as ArrayLike<unknown>, 'length', {
      get() {
        throw cause;
      },
    });
    const error = thrown(() => toRecordArray(badLength, 'rows'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('rows: reading the input threw (bad length)');
    expect(error.path).toEqual(['rows']);
    expect(error.cause).toBe(cause);
    const badElement = Object.defineProperty({ length: 1 }, 0, {
      get() {
        throw 'oops';
      },
    });
    expect(thrown(() => toRecordArray(badElement, 'v')).message).toBe('v: reading the input threw (the string "oops")');
  });
});
