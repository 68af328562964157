import { describe, expect, it } from 'vitest';
import { csat } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('csat: published values', () => {
  // Newcombe (1998), Table I: 81/263, 95% Wilson interval 0.2553–0.3662
  // (full precision from scipy.stats.binomtest(81, 263).proportion_ci(method='wilson')).
  it('81 satisfied of 263 reproduces Newcombe (1998)', () => {
    const scores = [...Array(40).fill(5), ...Array(41).fill(4), ...Array(100).fill(3), ...Array(82).fill(1)];
    const r = csat(scores);
    expect(r.satisfied).toBe(81);
    expect(r.n).toBe(263);
    expect(r.share).toBeCloseTo(81 / 263, 15);
    expect(r.ci.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(r.ci.upper).toBeCloseTo(0.36620957698280004, 12);
    expect(r.threshold).toBe(4);
  });

  // Newcombe (1998), Table I: 0/20 → 0.0000–0.1611.
  it('0 satisfied of 20', () => {
    const r = csat(Array(20).fill(2));
    expect(r.share).toBe(0);
    expect(r.ci.lower).toBe(0);
    expect(Math.abs(r.ci.upper - 0.1611)).toBeLessThan(0.00005);
  });
});

describe('csat: options and edge cases', () => {
  it('top-1 box and a 1–7 scale', () => {
    expect(csat([7, 6, 5, 7], { scale: [1, 7], topBox: 1 }).share).toBe(0.5);
    expect(csat([7, 6, 5, 7], { scale: [1, 7], topBox: 3 }).share).toBe(1);
    expect(csat([7, 6, 5, 7], { scale: [1, 7], topBox: 3 }).threshold).toBe(5);
  });

  it('all satisfied: upper bound exactly 1', () => {
    expect(csat([5, 5, 4]).ci.upper).toBe(1);
  });

  it('a single answer', () => {
    const r = csat([5]);
    expect(r.share).toBe(1);
    expect(r.ci.lower).toBeGreaterThan(0);
  });

  it('does not mutate its input', () => {
    const scores = [5, 1, 4];
    csat(scores);
    expect(scores).toEqual([5, 1, 4]);
  });
});

describe('csat: bad input', () => {
  it('an answer off the scale names its index', () => {
    const error = thrown(() => csat([5, 4, 6]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('scores[2]');
  });
  it('a fractional answer', () => {
    expect(thrown(() => csat([4.5])).message).toContain('scores[0]');
  });
  it('empty input', () => {
    expect(thrown(() => csat([])).code).toBe('EMPTY_INPUT');
  });
  it('topBox as large as the scale', () => {
    expect(thrown(() => csat([5], { topBox: 5 })).message).toContain('options.topBox');
  });
  it('a reversed scale', () => {
    expect(thrown(() => csat([5], { scale: [5, 1] })).code).toBe('INVALID_OPTION');
  });
});

describe('csat: properties', () => {
  test.prop([
    fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 200 }),
    fc.integer({ min: 1, max: 4 }),
  ])('the share is a fraction in [0, 1] inside its Wilson interval', (scores, topBox) => {
    const r = csat(scores, { topBox });
    expect(r.share).toBeGreaterThanOrEqual(0);
    expect(r.share).toBeLessThanOrEqual(1);
    expect(r.share).toBe(scores.filter((s) => s > 5 - topBox).length / scores.length);
    expect(r.ci.lower).toBeLessThanOrEqual(r.share + 1e-12);
    expect(r.ci.upper).toBeGreaterThanOrEqual(r.share - 1e-12);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 100 })])(
    'more answers with the same share give a narrower interval',
    (scores) => {
      const a = csat(scores);
      const b = csat([...scores, ...scores, ...scores]);
      expect(b.ci.upper - b.ci.lower).toBeLessThanOrEqual(a.ci.upper - a.ci.lower + 1e-12);
    },
  );
});
