// Tests written for the surviving mutants of src/satisfaction/csat.ts (docs/testing.md): the exact topBox and scale
// errors, the boundary topBox, and every result field against a Wilson interval computed in the test.
import { describe, expect, it } from 'vitest';
import { csat } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { wilson } from '../support/reference.js';
import { thrown } from '../support/thrown.js';

const Z95 = 1.959963984540054;

describe('csat: option errors', () => {
  it('topBox equal to the number of categories: exact message', () => {
    const e = thrown(() => csat([3], { scale: [2, 4], topBox: 3 }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.topBox: expected fewer top boxes than the 3 categories of the scale, got 3');
    expect(e.path).toEqual(['options', 'topBox']);
    expect(e.received).toBe(3);
  });
  it('topBox beyond the default 1–5 scale', () => {
    const e = thrown(() => csat([3], { topBox: 7 }));
    expect(e.message).toBe('options.topBox: expected fewer top boxes than the 5 categories of the scale, got 7');
  });
  it('the largest allowed topBox counts all but the bottom category', () => {
    const r = csat([1, 2, 3, 4, 5], { topBox: 4 });
    expect(r.threshold).toBe(2);
    expect(r.satisfied).toBe(4);
    expect(r.share).toBe(0.8);
  });
  it('a scale with equal ends', () => {
    const e = thrown(() => csat([3], { scale: [3, 3] }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe(
      'options.scale: expected a scale [min, max] of whole numbers with min < max, got an array of length 2',
    );
    expect(e.path).toEqual(['options', 'scale']);
  });
  it('a two-category scale with topBox 1', () => {
    const r = csat([3, 4, 4], { scale: [3, 4], topBox: 1 });
    expect(r.threshold).toBe(4);
    expect(r.satisfied).toBe(2);
  });
});

describe('csat: scores', () => {
  it('no answers', () => {
    const e = thrown(() => csat([]));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('scores: expected at least 1 score, got none');
  });
  it('a fractional answer names the whole-number scale', () => {
    const e = thrown(() => csat([5, 4.5]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('scores[1]: expected a whole number from 1 to 5, got 4.5');
    expect(e.path).toEqual(['scores', 1]);
    expect(e.index).toBe(1);
  });
  it('answers off a custom scale', () => {
    expect(thrown(() => csat([0, 3], { scale: [0, 2] })).message).toBe(
      'scores[1]: expected a whole number from 0 to 2, got 3',
    );
    expect(thrown(() => csat([-1], { scale: [0, 2] })).message).toBe(
      'scores[0]: expected a whole number from 0 to 2, got -1',
    );
  });
});

describe('csat: results', () => {
  it('every field for 3 satisfied of 5', () => {
    const r = csat([5, 4, 3, 1, 5]);
    expect(r.share).toBe(0.6);
    expect(r.satisfied).toBe(3);
    expect(r.n).toBe(5);
    expect(r.threshold).toBe(4);
    expect(r.confidenceLevel).toBe(0.95);
    const w = wilson(3, 5, Z95);
    expect(r.ci.lower).toBeCloseTo(w.lower, 12);
    expect(r.ci.upper).toBeCloseTo(w.upper, 12);
  });
  it('a threshold exactly at an answer counts it', () => {
    const r = csat([3, 3, 2], { topBox: 3 });
    expect(r.threshold).toBe(3);
    expect(r.satisfied).toBe(2);
  });
  test.prop([
    fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }),
    fc.integer({ min: 1, max: 6 }),
  ])('counts and shares against a direct count on 1–7', (scores, topBox) => {
    const r = csat(scores, { scale: [1, 7], topBox, confidenceLevel: 0.95 });
    const satisfied = scores.filter((s) => s > 7 - topBox).length;
    expect(r.threshold).toBe(8 - topBox);
    expect(r.satisfied).toBe(satisfied);
    expect(r.n).toBe(scores.length);
    expect(r.share).toBe(satisfied / scores.length);
    const w = wilson(satisfied, scores.length, Z95);
    expect(r.ci.lower).toBeCloseTo(w.lower, 10);
    expect(r.ci.upper).toBeCloseTo(w.upper, 10);
  });
});
