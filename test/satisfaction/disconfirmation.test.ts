import { describe, expect, it } from 'vitest';
import { disconfirmation } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('disconfirmation: experience − expectation', () => {
  it('negative dissatisfied, zero satisfied, positive delighted', () => {
    expect(disconfirmation(3, 4)).toMatchObject({ gap: -1, state: 'dissatisfied' });
    expect(disconfirmation(4, 4)).toMatchObject({ gap: 0, state: 'satisfied' });
    expect(disconfirmation(5, 4)).toMatchObject({ gap: 1, state: 'delighted' });
  });
  it('works with zero and negative expectations (interval scales)', () => {
    expect(disconfirmation(0, 0).state).toBe('satisfied');
    expect(disconfirmation(-1, -3).gap).toBe(2);
  });
  // Hand computation: gaps [+1, −1, +2], weights 0.5/0.3/0.2 → 0.5 − 0.3 + 0.4 = 0.6.
  it('importance-weighted gap over attributes', () => {
    const r = disconfirmation([5, 3, 6], [4, 4, 4], { weights: [5, 3, 2] });
    expect(r.gap).toBeCloseTo(0.6, 14);
    expect(r.attributes.map((a) => a.state)).toEqual(['delighted', 'dissatisfied', 'delighted']);
  });
  it('a tolerance band', () => {
    expect(disconfirmation(4.2, 4, { tolerance: 0.25 }).state).toBe('satisfied');
  });
  it('does not mutate its inputs', () => {
    const x = [5, 3];
    const e = [4, 4];
    disconfirmation(x, e);
    expect([x, e]).toEqual([
      [5, 3],
      [4, 4],
    ]);
  });
});

describe('disconfirmation: bad input', () => {
  it('non-finite values name the attribute', () => {
    const error = thrown(() => disconfirmation([1, Number.POSITIVE_INFINITY], [1, 1]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('experience[1]');
  });
  it('length mismatch, empty lists, bad tolerance', () => {
    expect(thrown(() => disconfirmation([1], [1, 2])).code).toBe('INVALID_INPUT');
    expect(thrown(() => disconfirmation([], [])).code).toBe('EMPTY_INPUT');
    expect(thrown(() => disconfirmation(1, 1, { tolerance: -1 })).message).toContain('options.tolerance');
  });
});

const score = fc.double({ min: -100, max: 100, noNaN: true });
describe('disconfirmation: properties', () => {
  test.prop([score, score, score])('is invariant to a common shift of experience and expectation', (x, e, c) => {
    expect(disconfirmation(x + c, e + c).gap).toBeCloseTo(x - e, 9);
  });
  test.prop([fc.array(fc.tuple(score, score), { minLength: 1, maxLength: 20 })])(
    'equal weights give the mean gap',
    (rows) => {
      const r = disconfirmation(
        rows.map((x) => x[0]),
        rows.map((x) => x[1]),
      );
      const mean = rows.reduce((s, x) => s + (x[0] - x[1]), 0) / rows.length;
      expect(r.gap).toBeCloseTo(mean, 9);
    },
  );
});
