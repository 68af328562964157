// Tests written for the surviving mutants of src/satisfaction/validation.ts (docs/testing.md): the shared readers
// and weight normalization called directly, with exact codes, paths and messages.
import { describe, expect, it } from 'vitest';
import {
  confidenceLevelSchema,
  integerScaleSchema,
  normalizeWeights,
  ratingScaleSchema,
  readAttributeValues,
  readScaleScores,
  weightListSchema,
} from '../../src/satisfaction/validation.js';
import { thrown } from '../support/thrown.js';

const positive = (v: number) => v > 0;
const any = () => true;

function throwingAt<T>(values: T[], index: number, message: string): T[] {
  Object.defineProperty(values, index, {
    get() {
      throw new Error(message);
    },
  });
  return values;
}

describe('validation: schemas', () => {
  it('scales need min < max', () => {
    expect(integerScaleSchema.safeParse([1, 2]).success).toBe(true);
    expect(integerScaleSchema.safeParse([2, 2]).success).toBe(false);
    expect(integerScaleSchema.safeParse([3, 2]).success).toBe(false);
    expect(integerScaleSchema.safeParse([1.5, 2]).success).toBe(false);
    expect(ratingScaleSchema.safeParse([1.5, 2]).success).toBe(true);
    expect(ratingScaleSchema.safeParse([2, 2]).success).toBe(false);
  });
  it('confidence levels and weights', () => {
    expect(confidenceLevelSchema.safeParse(0).success).toBe(false);
    expect(confidenceLevelSchema.safeParse(1).success).toBe(false);
    expect(confidenceLevelSchema.safeParse(0.5).success).toBe(true);
    expect(weightListSchema.safeParse([0, 1]).success).toBe(true);
    expect(weightListSchema.safeParse([-1]).success).toBe(false);
  });
});

describe('validation: readScaleScores', () => {
  it('reads valid scores into a Float64Array, ends included', () => {
    const out = readScaleScores([1, 3, 5], 'answers', [1, 5], true);
    expect(out).toBeInstanceOf(Float64Array);
    expect([...out]).toEqual([1, 3, 5]);
    expect([...readScaleScores(new Set([0.5, 2.5]), 'answers', [0.5, 2.5], false)]).toEqual([0.5, 2.5]);
  });
  it('too few scores', () => {
    const none = thrown(() => readScaleScores([], 'answers', [1, 5], true));
    expect(none.code).toBe('EMPTY_INPUT');
    expect(none.message).toBe('answers: expected at least 1 score, got none');
    const few = thrown(() => readScaleScores([1, 2], 'answers', [1, 5], false, 3));
    expect(few.code).toBe('INVALID_INPUT');
    expect(few.message).toBe('answers: expected at least 3 scores, got 2');
  });
  it('a bad score names the position and the scale', () => {
    const cases: [unknown, boolean, string][] = [
      [6, true, 'a whole number from 1 to 5, got 6'],
      [0, false, 'a number from 1 to 5, got 0'],
      [2.5, true, 'a whole number from 1 to 5, got 2.5'],
      [Number.NaN, false, 'a number from 1 to 5, got NaN'],
      [Number.NaN, true, 'a whole number from 1 to 5, got NaN'],
      [Number.NEGATIVE_INFINITY, false, 'a number from 1 to 5, got -Infinity'],
      ['3', false, 'a number from 1 to 5, got the string "3"'],
      [null, false, 'a number from 1 to 5, got null'],
    ];
    for (const [bad, integer, text] of cases) {
      const e = thrown(() => readScaleScores([3, bad as number], 'answers', [1, 5], integer));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`answers[1]: expected ${text}`);
      expect(e.path).toEqual(['answers', 1]);
      expect(e.index).toBe(1);
    }
  });
  it('a throwing getter names the position', () => {
    const e = thrown(() => readScaleScores(throwingAt([3, 3, 3], 2, 'boom'), 'answers', [1, 5], true));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('answers[2]: reading the value threw (boom)');
    expect(e.path).toEqual(['answers', 2]);
  });
});

describe('validation: normalizeWeights', () => {
  it('equal weights when none are given', () => {
    expect(normalizeWeights(undefined, 4, 'weights')).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(normalizeWeights(undefined, 1, 'weights')).toEqual([1]);
  });
  it('normalizes to sum 1, zero weights kept', () => {
    expect(normalizeWeights([1, 3, 0], 3, 'weights')).toEqual([0.25, 0.75, 0]);
  });
  it('the wrong number of weights, one expected', () => {
    const e = thrown(() => normalizeWeights([1, 2], 1, 'importance'));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.importance: expected 1 weight (one per item), got 2');
    expect(e.path).toEqual(['options', 'importance']);
  });
  it('the wrong number of weights, several expected', () => {
    const e = thrown(() => normalizeWeights([1], 3, 'weights'));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights: expected 3 weights (one per item), got 1');
    expect(thrown(() => normalizeWeights([], 2, 'weights')).message).toBe(
      'options.weights: expected 2 weights (one per item), got 0',
    );
  });
  it('no positive weight', () => {
    const e = thrown(() => normalizeWeights([0, 0], 2, 'weights'));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights: expected at least one positive weight');
    expect(e.path).toEqual(['options', 'weights']);
  });
});

describe('validation: readAttributeValues', () => {
  it('one number', () => {
    expect(readAttributeValues(2, 'expected', positive, 'a positive number')).toEqual({ values: [2], single: true });
  });
  it('one bad number names the option itself', () => {
    for (const [bad, shown] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [-1, '-1'],
      [0, '0'],
    ] as const) {
      const e = thrown(() => readAttributeValues(bad, 'expected', positive, 'a positive number'));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`expected: expected a positive number, got ${shown}`);
      expect(e.path).toEqual(['expected']);
    }
  });
  it('a list, an array-like and a typed array', () => {
    expect(readAttributeValues([1, 2], 'p', positive, 'x')).toEqual({ values: [1, 2], single: false });
    expect(readAttributeValues({ length: 2, 0: 3, 1: 4 }, 'p', positive, 'x')).toEqual({
      values: [3, 4],
      single: false,
    });
    expect(readAttributeValues(new Float64Array([5]), 'p', positive, 'x')).toEqual({ values: [5], single: false });
  });
  it('neither a number nor an array', () => {
    const cases: [unknown, string][] = [
      [null, 'null'],
      [undefined, 'undefined'],
      ['12', 'the string "12"'],
      [true, 'true'],
      [{}, 'an object'],
      [{ length: '2' }, 'an object'],
    ];
    for (const [bad, shown] of cases) {
      const e = thrown(() => readAttributeValues(bad as number[], 'perceived', any, 'a number'));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`perceived: expected a number or an array of numbers, got ${shown}`);
      expect(e.path).toEqual(['perceived']);
    }
  });
  it('an empty list', () => {
    const e = thrown(() => readAttributeValues([], 'perceived', any, 'a number'));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('perceived: expected at least 1 value, got none');
  });
  it('a bad element names its position', () => {
    const cases: [unknown, string][] = [
      ['3', 'the string "3"'],
      [Number.NaN, 'NaN'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      [null, 'null'],
    ];
    for (const [bad, shown] of cases) {
      const e = thrown(() => readAttributeValues([1, bad as number], 'perceived', any, 'a score'));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`perceived[1]: expected a score, got ${shown}`);
      expect(e.path).toEqual(['perceived', 1]);
      expect(e.index).toBe(1);
    }
    expect(thrown(() => readAttributeValues([1, -2], 'perceived', positive, 'a positive score')).message).toBe(
      'perceived[1]: expected a positive score, got -2',
    );
  });
  it('a throwing element getter names its position', () => {
    const e = thrown(() => readAttributeValues(throwingAt([1, 2, 3], 1, 'boom'), 'perceived', any, 'a score'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('perceived[1]: reading the value threw (boom)');
    expect(e.path).toEqual(['perceived', 1]);
  });
  it('a throwing length getter names the option', () => {
    const values = {
      get length(): number {
        throw new Error('no length');
      },
    } as ArrayLike<number>;
    const e = thrown(() => readAttributeValues(values, 'perceived', any, 'a score'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('perceived: reading the value threw (no length)');
    expect(e.path).toEqual(['perceived']);
  });
});
