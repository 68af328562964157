// Written for the mutants of src/satisfaction/disconfirmation.ts that survived a Stryker run (see docs/testing.md):
// exact error messages, the single-attribute gap and every field of a weighted result.
import { describe, expect, it } from 'vitest';
import { disconfirmation } from '../../src/satisfaction/index.js';
import { thrown } from '../support/thrown.js';

describe('disconfirmation: exact errors', () => {
  it('a length mismatch names expectation, with singular and plural wording', () => {
    const one = thrown(() => disconfirmation([1], [1, 2]));
    expect(one.code).toBe('INVALID_INPUT');
    expect(one.message).toBe('expectation: expected 1 expectation (one per experience value), got 2');
    expect(one.path).toEqual(['expectation']);
    const two = thrown(() => disconfirmation([1, 2], [1]));
    expect(two.code).toBe('INVALID_INPUT');
    expect(two.message).toBe('expectation: expected 2 expectations (one per experience value), got 1');
    expect(two.path).toEqual(['expectation']);
    expect(thrown(() => disconfirmation(3, [1, 2])).message).toBe(
      'expectation: expected 1 expectation (one per experience value), got 2',
    );
  });

  it('a non-finite value names its position and says what was expected', () => {
    const single = thrown(() => disconfirmation(Number.POSITIVE_INFINITY, 1));
    expect(single.code).toBe('INVALID_INPUT');
    expect(single.message).toBe('experience: expected a finite number, got Infinity');
    const listed = thrown(() => disconfirmation([1, 2], [1, Number.NaN]));
    expect(listed.code).toBe('INVALID_INPUT');
    expect(listed.message).toBe('expectation[1]: expected a finite number, got NaN');
    expect(listed.path).toEqual(['expectation', 1]);
    expect(listed.index).toBe(1);
    expect(thrown(() => disconfirmation(1, Number.NaN)).message).toBe('expectation: expected a finite number, got NaN');
  });

  it('a weight list of the wrong length names options.weights', () => {
    const error = thrown(() => disconfirmation([1, 2], [1, 2], { weights: [1] }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('options.weights: expected 2 weights (one per item), got 1');
  });
});

describe('disconfirmation: results', () => {
  // One attribute: the gap is experience − expectation itself, and in IEEE arithmetic −0 − 0 = −0.
  it('one attribute returns its own gap exactly (−0 − 0 = −0)', () => {
    const r = disconfirmation(-0, 0);
    expect(Object.is(r.gap, -0)).toBe(true);
    expect(Object.is(r.attributes[0]?.gap, -0)).toBe(true);
    expect(r.state).toBe('satisfied');
  });

  // Hand computation: gaps 2 − 4 = −2 and 7 − 3 = 4; weights 1:3 → 0.25, 0.75; 0.25·(−2) + 0.75·4 = 2.5.
  it('every field of a weighted result', () => {
    const r = disconfirmation([2, 7], [4, 3], { weights: [1, 3], tolerance: 1 });
    expect(r).toEqual({
      gap: 2.5,
      state: 'delighted',
      attributes: [
        { experience: 2, expectation: 4, gap: -2, state: 'dissatisfied', weight: 0.25 },
        { experience: 7, expectation: 3, gap: 4, state: 'delighted', weight: 0.75 },
      ],
    });
  });

  // Gaps exactly at ±tolerance are inside the band.
  it('gaps exactly at ±tolerance are satisfied', () => {
    expect(disconfirmation(5, 4, { tolerance: 1 }).state).toBe('satisfied');
    expect(disconfirmation(3, 4, { tolerance: 1 }).state).toBe('satisfied');
    expect(disconfirmation(2.5, 4, { tolerance: 1 }).state).toBe('dissatisfied');
  });
});

describe('disconfirmation: a gap beyond the largest double (regression)', () => {
  it('raises DOMAIN_ERROR naming the experience value instead of returning ±Infinity or NaN', () => {
    const one = thrown(() => disconfirmation(1e308, -1e308));
    expect([one.code, one.message]).toEqual([
      'DOMAIN_ERROR',
      'experience: the gap experience − expectation = 1e+308 − -1e+308 overflows',
    ]);
    const list = thrown(() => disconfirmation([1, -1e308], [1, 1e308]));
    expect(list.code).toBe('DOMAIN_ERROR');
    expect(list.message).toMatch(/^experience\[1\]: the gap/);
    // Large but representable gaps are fine.
    expect(disconfirmation([1.5e308, 1], [0, 1]).gap).toBe(7.5e307);
  });
});
