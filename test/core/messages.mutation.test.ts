// Written for the mutants of src/core/messages.ts that survived Stryker (see docs/testing.md): exact path formatting
// (leading and repeated indices, quoted keys), exact value descriptions (40-character cut, functions, Dates) and the
// code, path, index and received of invalidValue / invalidWithReason / emptyInput.
import { describe, expect, it } from 'vitest';
import { describeValue, emptyInput, formatPath, invalidValue, invalidWithReason } from '../../src/core/messages.js';

describe('formatPath', () => {
  it('writes indices in brackets, identifiers after dots and other keys quoted', () => {
    expect(formatPath([])).toBe('input');
    expect(formatPath(['transactions', 12, 'amount'])).toBe('transactions[12].amount');
    expect(formatPath([3])).toBe('[3]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath(['m', 1, 2])).toBe('m[1][2]');
    expect(formatPath(['a', 'b c', '$x_1', '1a', ''])).toBe('a["b c"].$x_1["1a"][""]');
    expect(formatPath(['first key', 'b'])).toBe('first key.b');
  });
});

describe('describeValue', () => {
  it('describes primitives exactly', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(0)).toBe('0');
    expect(describeValue(-1.5)).toBe('-1.5');
    expect(describeValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(describeValue(12n)).toBe('12n');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue('say "hi"')).toBe('the string "say \\"hi\\""');
  });

  it('cuts strings longer than 40 characters to their first 40 and an ellipsis', () => {
    const forty = 'abcdefghij'.repeat(4);
    expect(describeValue(forty)).toBe(`the string "${forty}"`);
    expect(describeValue(`${forty}X`)).toBe(`the string "${forty}…"`);
    expect(describeValue(`${forty}XYZ`)).toBe(`the string "${forty}…"`);
    expect(describeValue('')).toBe('the string ""');
  });

  it('describes functions, arrays, Dates and other objects without calling them', () => {
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(class {})).toBe('a function');
    expect(describeValue([])).toBe('an array of length 0');
    expect(describeValue(new Date(0))).toBe('the Date 1970-01-01T00:00:00.000Z');
    expect(describeValue(new Date(Date.UTC(2024, 1, 29, 12, 30)))).toBe('the Date 2024-02-29T12:30:00.000Z');
    expect(describeValue(new Date(Number.NaN))).toBe('an invalid Date');
    expect(
      describeValue({
        toString() {
          throw new Error('never called');
        },
      }),
    ).toBe('an object');
    expect(describeValue(new Map())).toBe('an object');
  });
});

describe('error builders', () => {
  it('invalidValue words the expectation and keeps path, received and the first index', () => {
    const error = invalidValue(['rows', 2, 'items', 5], 'a finite number', 'x', 'INVALID_OPTION');
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('rows[2].items[5]: expected a finite number, got the string "x"');
    expect(error.path).toEqual(['rows', 2, 'items', 5]);
    expect(error.index).toBe(2);
    expect(error.received).toBe('x');
    const noIndex = invalidValue(['options', 'rate'], 'a number', null);
    expect(noIndex.code).toBe('INVALID_INPUT');
    expect(noIndex.index).toBeUndefined();
    expect(noIndex.received).toBeNull();
    expect(Object.hasOwn(noIndex, 'index')).toBe(true);
  });

  it('invalidWithReason uses the reason as is and keeps received and index only when given', () => {
    const error = invalidWithReason(['orders', 0, 'date'], 'is before the first order', 'DOMAIN_ERROR', 7);
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe('orders[0].date: is before the first order');
    expect(error.path).toEqual(['orders', 0, 'date']);
    expect(error.index).toBe(0);
    expect(error.received).toBe(7);
    const bare = invalidWithReason(['options'], 'contradict each other');
    expect(bare.code).toBe('INVALID_INPUT');
    expect(bare.message).toBe('options: contradict each other');
    expect(bare.index).toBeUndefined();
    expect(bare.received).toBeUndefined();
  });

  it('emptyInput words none, one and several', () => {
    const none = emptyInput('values');
    expect(`${none.code} ${none.message}`).toBe('EMPTY_INPUT values: expected at least 1 record, got none');
    expect(none.path).toEqual(['values']);
    expect(emptyInput('pairs', 3, 'pair', 2).message).toBe('pairs: expected at least 3 pairs, got 2');
    expect(emptyInput('pairs', 3, 'pair', 2).code).toBe('INVALID_INPUT');
    expect(emptyInput('x', 1, 'value').message).toBe('x: expected at least 1 value, got none');
  });
});
