// Written for the mutants of src/satisfaction/satisfactionRatio.ts that survived a Stryker run (see docs/testing.md):
// exact error messages, the zero and overflowing expectations, the single-attribute ratio.
import { describe, expect, it } from 'vitest';
import { satisfactionRatio } from '../../src/satisfaction/index.js';
import { thrown } from '../support/thrown.js';

const ZERO_REASON =
  'the expectation is 0, so the ratio perceived / expected is undefined (use disconfirmation for a difference)';

describe('satisfactionRatio: exact errors', () => {
  it('a length mismatch names expected, with singular and plural wording', () => {
    const one = thrown(() => satisfactionRatio([1], [1, 2]));
    expect(one.code).toBe('INVALID_INPUT');
    expect(one.message).toBe('expected: expected 1 expectation (one per perceived value), got 2');
    expect(one.path).toEqual(['expected']);
    const two = thrown(() => satisfactionRatio([1, 2], [1]));
    expect(two.code).toBe('INVALID_INPUT');
    expect(two.message).toBe('expected: expected 2 expectations (one per perceived value), got 1');
    expect(two.path).toEqual(['expected']);
  });

  it('negative values: what each argument expects', () => {
    expect(thrown(() => satisfactionRatio(-1, 1)).message).toBe('perceived: expected a finite number ≥ 0, got -1');
    const e = thrown(() => satisfactionRatio([1, 1], [1, -2]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('expected[1]: expected a finite number > 0, got -2');
    expect(thrown(() => satisfactionRatio(1, Number.NaN)).message).toBe(
      'expected: expected a finite number > 0, got NaN',
    );
  });

  it('a zero expectation is DOMAIN_ERROR with its own message (also 0 / 0 and −0)', () => {
    const single = thrown(() => satisfactionRatio(5, 0));
    expect(single.code).toBe('DOMAIN_ERROR');
    expect(single.message).toBe(`expected: ${ZERO_REASON}`);
    expect(single.path).toEqual(['expected']);
    expect(single.received).toBe(0);
    const listed = thrown(() => satisfactionRatio([1, 0, 3], [2, 0, 0]));
    expect(listed.code).toBe('DOMAIN_ERROR');
    expect(listed.message).toBe(`expected[1]: ${ZERO_REASON}`);
    expect(listed.index).toBe(1);
    expect(thrown(() => satisfactionRatio(0, 0)).message).toBe(`expected: ${ZERO_REASON}`);
    expect(thrown(() => satisfactionRatio(2, -0)).message).toBe(`expected: ${ZERO_REASON}`);
  });

  it('the zero check runs before any ratio is taken (a later zero is reported, not an earlier overflow)', () => {
    const error = thrown(() => satisfactionRatio([1, 1], [5e-324, 0]));
    expect(error.message).toBe(`expected[1]: ${ZERO_REASON}`);
  });

  it('an expectation so small that the ratio overflows is DOMAIN_ERROR', () => {
    const single = thrown(() => satisfactionRatio(1, 5e-324));
    expect(single.code).toBe('DOMAIN_ERROR');
    expect(single.message).toBe(
      'expected: the ratio perceived / expected = 1 / 5e-324 overflows (the expectation is too close to 0)',
    );
    expect(single.path).toEqual(['expected']);
    expect(single.received).toBe(5e-324);
    const listed = thrown(() => satisfactionRatio([1, 2], [1, 5e-324]));
    expect(listed.code).toBe('DOMAIN_ERROR');
    expect(listed.message).toBe(
      'expected[1]: the ratio perceived / expected = 2 / 5e-324 overflows (the expectation is too close to 0)',
    );
    expect(listed.path).toEqual(['expected', 1]);
    expect(listed.index).toBe(1);
  });

  it('a weight list of the wrong length names options.weights', () => {
    const error = thrown(() => satisfactionRatio([1, 2], [1, 2], { weights: [1, 2, 3] }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('options.weights: expected 2 weights (one per item), got 3');
  });
});

describe('satisfactionRatio: results', () => {
  // One attribute: the ratio is b / a itself; −0 / 2 = −0 in IEEE arithmetic.
  it('one attribute returns its own ratio exactly (−0 / 2 = −0)', () => {
    const r = satisfactionRatio(-0, 2);
    expect(Object.is(r.ratio, -0)).toBe(true);
    expect(r.state).toBe('dissatisfied');
    expect(r.attributes).toEqual([{ perceived: -0, expected: 2, ratio: -0, state: 'dissatisfied', weight: 1 }]);
  });

  // Hand computation: 3/2 = 1.5 and 1/4 = 0.25 with weights 1:1 → 0.875; |0.875 − 1| = 0.125 ≤ 0.125.
  it('every field of a two-attribute result, the weighted ratio on the tolerance edge', () => {
    expect(satisfactionRatio([3, 1], [2, 4], { tolerance: 0.125 })).toEqual({
      ratio: 0.875,
      state: 'satisfied',
      attributes: [
        { perceived: 3, expected: 2, ratio: 1.5, state: 'delighted', weight: 0.5 },
        { perceived: 1, expected: 4, ratio: 0.25, state: 'dissatisfied', weight: 0.5 },
      ],
    });
  });
});
