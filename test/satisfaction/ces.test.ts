import { describe, expect, it } from 'vitest';
import { ces } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('ces: reference values (scipy.stats.t.interval)', () => {
  // y = [2, 3, 1, 2, 4, 2, 3, 1, 2, 2] on the 1–5 effort scale: mean 2.2, s = 0.9189365834726815,
  // SE = 0.29059326290271154; 95% t interval (9 df): [1.5426323688637293, 2.8573676311362712];
  // 90%: [1.6673097316302656, 2.7326902683697347].
  const y = [2, 3, 1, 2, 4, 2, 3, 1, 2, 2];
  it('mean, standard deviation, standard error and the 95% t interval', () => {
    const r = ces(y, { scale: [1, 5], direction: 'lower-is-better' });
    expect(r.mean).toBeCloseTo(2.2, 14);
    expect(r.standardDeviation).toBeCloseTo(0.9189365834726815, 13);
    expect(r.standardError).toBeCloseTo(0.29059326290271154, 13);
    expect(r.ci.lower).toBeCloseTo(1.5426323688637293, 11);
    expect(r.ci.upper).toBeCloseTo(2.8573676311362712, 11);
    expect(r.direction).toBe('lower-is-better');
    // ease on 0–100: (5 − 2.2)/4·100 = 70
    expect(r.easeScore).toBeCloseTo(70, 12);
  });
  it('the 90% interval', () => {
    const r = ces(y, { scale: [1, 5], direction: 'lower-is-better', confidenceLevel: 0.9 });
    expect(r.ci.lower).toBeCloseTo(1.6673097316302656, 11);
    expect(r.ci.upper).toBeCloseTo(2.7326902683697347, 11);
  });
});

describe('ces: directions and edge cases', () => {
  it('defaults to CES 2.0 (1–7, higher is easier)', () => {
    const r = ces([7, 7, 6, 5]);
    expect(r.scale).toEqual([1, 7]);
    expect(r.direction).toBe('higher-is-better');
    expect(r.easeScore).toBeCloseTo(((6.25 - 1) / 6) * 100, 12);
  });
  it('identical answers: zero-width interval', () => {
    const r = ces([3, 3, 3], { scale: [1, 5] });
    expect(r.standardError).toBe(0);
    expect(r.ci).toEqual({ lower: 3, upper: 3 });
  });
  it('the interval is clamped to the scale', () => {
    const r = ces([1, 1, 2], { scale: [1, 5] });
    expect(r.ci.lower).toBe(1);
  });
  it('does not mutate its input', () => {
    const scores = [3, 1, 2];
    ces(scores, { scale: [1, 5] });
    expect(scores).toEqual([3, 1, 2]);
  });
});

describe('ces: bad input', () => {
  it('an answer off the scale names its index', () => {
    const error = thrown(() => ces([3, 6], { scale: [1, 5] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('scores[1]');
  });
  it('fewer than 2 answers', () => {
    expect(thrown(() => ces([3])).code).toBe('INVALID_INPUT');
    expect(thrown(() => ces([])).code).toBe('EMPTY_INPUT');
  });
  it('an unknown direction', () => {
    expect(thrown(() => ces([3, 4], { direction: 'up' as 'higher-is-better' })).message).toContain('options.direction');
  });
});

describe('ces: properties', () => {
  const scores = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 200 });
  test.prop([scores])('mean and ease score within range; the interval contains the mean', (s) => {
    const r = ces(s);
    expect(r.mean).toBeGreaterThanOrEqual(1);
    expect(r.mean).toBeLessThanOrEqual(7);
    expect(r.easeScore).toBeGreaterThanOrEqual(-1e-9);
    expect(r.easeScore).toBeLessThanOrEqual(100 + 1e-9);
    expect(r.ci.lower).toBeLessThanOrEqual(r.mean + 1e-9);
    expect(r.ci.upper).toBeGreaterThanOrEqual(r.mean - 1e-9);
  });
  test.prop([scores])('the two directions give complementary ease scores', (s) => {
    const up = ces(s, { direction: 'higher-is-better' });
    const down = ces(s, { direction: 'lower-is-better' });
    expect(up.easeScore + down.easeScore).toBeCloseTo(100, 9);
  });
  test.prop([scores])('the interval narrows as n grows (answers repeated)', (s) => {
    const a = ces(s);
    const b = ces([...s, ...s]);
    expect(b.ci.upper - b.ci.lower).toBeLessThanOrEqual(a.ci.upper - a.ci.lower + 1e-9);
  });
});
