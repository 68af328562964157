// Tests written for the surviving mutants of src/satisfaction/ces.ts (docs/testing.md): fractional answers are
// accepted (the scale is not a whole-number one), and the exact errors of the score reader.
import { describe, expect, it } from 'vitest';
import { ces } from '../../src/satisfaction/index.js';
import { thrown } from '../support/thrown.js';

describe('ces: fractional and invalid answers', () => {
  it('fractional answers (averaged multi-question scores) are accepted', () => {
    // mean 6; s = √((0.25 + 0.25)/1) = √0.5; SE = s/√2 = 0.5; t(0.975, 1) = 12.7062 → 6 ± 6.35, clamped to [1, 7].
    const r = ces([5.5, 6.5]);
    expect(r.mean).toBe(6);
    expect(r.standardDeviation).toBeCloseTo(Math.SQRT1_2, 15);
    expect(r.standardError).toBeCloseTo(0.5, 15);
    expect(r.ci).toEqual({ lower: 1, upper: 7 });
    expect(r.n).toBe(2);
    expect(r.easeScore).toBeCloseTo(500 / 6, 12);
    expect(r.direction).toBe('higher-is-better');
    expect(r.scale).toEqual([1, 7]);
    expect(r.confidenceLevel).toBe(0.95);
  });
  it('fractional answers and a fractional scale, lower is better', () => {
    const r = ces([1.25, 2.75, 2], { scale: [0.5, 4.5], direction: 'lower-is-better' });
    expect(r.mean).toBe(2);
    // (4.5 − 2)/(4.5 − 0.5)·100 = 62.5
    expect(r.easeScore).toBeCloseTo(62.5, 12);
  });
  it('NaN is rejected with a message naming the non-integer scale', () => {
    const e = thrown(() => ces([5, Number.NaN]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('scores[1]: expected a number from 1 to 7, got NaN');
    expect(e.path).toEqual(['scores', 1]);
    expect(e.index).toBe(1);
  });
  it('a numeric string is rejected', () => {
    const e = thrown(() => ces([5, '6' as unknown as number]));
    expect(e.message).toBe('scores[1]: expected a number from 1 to 7, got the string "6"');
  });
  it('infinite and off-scale answers', () => {
    expect(thrown(() => ces([Number.POSITIVE_INFINITY, 5])).message).toBe(
      'scores[0]: expected a number from 1 to 7, got Infinity',
    );
    expect(thrown(() => ces([5, 0.5])).message).toBe('scores[1]: expected a number from 1 to 7, got 0.5');
    expect(thrown(() => ces([5, 7.5])).message).toBe('scores[1]: expected a number from 1 to 7, got 7.5');
    expect(thrown(() => ces([2, 3], { scale: [-1.5, 2.5] })).message).toBe(
      'scores[1]: expected a number from -1.5 to 2.5, got 3',
    );
  });
  it('one answer: INVALID_INPUT asking for 2 scores', () => {
    const e = thrown(() => ces([5]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('scores: expected at least 2 scores, got 1');
    expect(e.path).toEqual(['scores']);
  });
  it('no answers: EMPTY_INPUT', () => {
    const e = thrown(() => ces([]));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('scores: expected at least 2 scores, got none');
  });
  it('a throwing getter on an answer names its index', () => {
    const scores = [5, 5, 5];
    Object.defineProperty(scores, 2, {
      get() {
        throw new Error('boom');
      },
    });
    const e = thrown(() => ces(scores));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('scores[2]: reading the value threw (boom)');
    expect(e.path).toEqual(['scores', 2]);
    expect((e.cause as Error).message).toBe('boom');
  });
  it('a scale with equal ends', () => {
    const e = thrown(() => ces([3, 3], { scale: [3, 3] }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.scale: expected a scale [min, max] with min < max, got an array of length 2');
  });
});
