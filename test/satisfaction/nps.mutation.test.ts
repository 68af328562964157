// Tests written for the surviving mutants of src/satisfaction/nps.ts and the score reader it shares
// (docs/testing.md): group boundaries, every result field against a computation in the test, exact errors.
import { describe, expect, it } from 'vitest';
import { nps } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

const Z95 = 1.959963984540054;

describe('nps: results', () => {
  it('every field, Wald and adjusted Wald, for 3 promoters, 2 passives, 2 detractors', () => {
    const scores = [10, 9, 8, 7, 6, 0, 10];
    const r = nps(scores);
    expect(r.n).toBe(7);
    expect(r.nps).toBe(100 / 7);
    expect(r.promoters).toEqual({ count: 3, share: 3 / 7 });
    expect(r.passives).toEqual({ count: 2, share: 2 / 7 });
    expect(r.detractors).toEqual({ count: 2, share: 2 / 7 });
    // variance (p + d) − (p − d)² = 5/7 − 1/49 = 34/49, SE = 100·√(34/49/7)
    const se = 100 * Math.sqrt(34 / 343);
    expect(r.standardError).toBeCloseTo(se, 12);
    expect(r.ci.lower).toBeCloseTo(100 / 7 - Z95 * se, 10);
    expect(r.ci.upper).toBeCloseTo(100 / 7 + Z95 * se, 10);
    expect(r.interval).toBe('wald');
    expect(r.confidenceLevel).toBe(0.95);
    // adjusted: n = 10, p̃ = 0.375, d̃ = 0.275 → centre 10, SE 100·√((0.65 − 0.01)/10) = 100·√0.064
    const a = nps(scores, { interval: 'adjusted-wald' });
    expect(a.nps).toBe(100 / 7);
    expect(a.standardError).toBeCloseTo(se, 12);
    const seAdjusted = 100 * Math.sqrt(0.064);
    expect(a.ci.lower).toBeCloseTo(10 - Z95 * seAdjusted, 10);
    expect(a.ci.upper).toBeCloseTo(10 + Z95 * seAdjusted, 10);
    expect(a.interval).toBe('adjusted-wald');
  });
  it('group boundaries: 6 detractor, 7 and 8 passive, 9 promoter', () => {
    const r = nps([6, 7, 8, 9]);
    expect([r.detractors.count, r.passives.count, r.promoters.count]).toEqual([1, 2, 1]);
    expect(r.nps).toBe(0);
  });
  it('all in one group: zero standard error, Wald interval a point', () => {
    for (const [score, value] of [
      [10, 100],
      [8, 0],
      [0, -100],
    ] as const) {
      const r = nps([score, score, score]);
      expect(r.nps).toBe(value);
      expect(r.standardError).toBe(0);
      expect(r.ci).toEqual({ lower: value, upper: value });
    }
  });
  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 60 })])(
    'counts, shares and standard error against a direct computation',
    (scores) => {
      const r = nps(scores);
      const n = scores.length;
      const P = scores.filter((s) => s >= 9).length;
      const D = scores.filter((s) => s <= 6).length;
      expect(r.promoters.count).toBe(P);
      expect(r.detractors.count).toBe(D);
      expect(r.passives.count).toBe(n - P - D);
      expect(r.nps).toBeCloseTo((100 * (P - D)) / n, 10);
      const p = P / n;
      const d = D / n;
      expect(r.standardError).toBeCloseTo(100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n), 10);
    },
  );
});

describe('nps: errors of the score reader', () => {
  it('no answers', () => {
    const e = thrown(() => nps([]));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('scores: expected at least 1 score, got none');
    expect(e.path).toEqual(['scores']);
  });
  it('an answer above 10, below 0, fractional or not a number', () => {
    const cases: [unknown, string][] = [
      [11, '11'],
      [-1, '-1'],
      [7.5, '7.5'],
      [Number.NaN, 'NaN'],
      ['9', 'the string "9"'],
      [undefined, 'undefined'],
    ];
    for (const [bad, shown] of cases) {
      const e = thrown(() => nps([7, bad as number]));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`scores[1]: expected a whole number from 0 to 10, got ${shown}`);
      expect(e.path).toEqual(['scores', 1]);
    }
  });
  it('a throwing getter on an answer', () => {
    const scores = [9, 9];
    Object.defineProperty(scores, 0, {
      get() {
        throw new Error('nope');
      },
    });
    const e = thrown(() => nps(scores));
    expect(e.message).toBe('scores[0]: reading the value threw (nope)');
    expect(e.path).toEqual(['scores', 0]);
  });
});
