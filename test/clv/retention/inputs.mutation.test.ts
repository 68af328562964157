// Written for the mutants of src/clv/retention/inputs.ts that survived a Stryker run (see docs/testing.md):
// every bound and message of expectFiniteInRange, and the normalization of −0.
import { describe, expect, it } from 'vitest';
import { expectFiniteInRange } from '../../../src/clv/retention/inputs.js';
import { thrown } from '../../support/thrown.js';

describe('expectFiniteInRange', () => {
  it('returns values inside the range, bounds included', () => {
    expect(expectFiniteInRange(0, ['x'], 0, 1)).toBe(0);
    expect(expectFiniteInRange(1, ['x'], 0, 1)).toBe(1);
    expect(expectFiniteInRange(0.25, ['x'], 0, 1)).toBe(0.25);
    expect(expectFiniteInRange(-7, ['x'], Number.NEGATIVE_INFINITY, 3)).toBe(-7);
  });

  it('normalizes −0 to +0', () => {
    expect(Object.is(expectFiniteInRange(-0, ['x'], 0, 1), 0)).toBe(true);
    expect(Object.is(expectFiniteInRange(-0, ['x'], -1, Number.POSITIVE_INFINITY), 0)).toBe(true);
  });

  it('a value above max', () => {
    const error = thrown(() => expectFiniteInRange(1.5, ['a', 2, 'b'], 0, 1));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['a', 2, 'b']);
    expect(error.received).toBe(1.5);
    expect(error.message).toBe('a[2].b: expected a finite number in [0, 1], got 1.5');
  });

  it('a value below min', () => {
    expect(thrown(() => expectFiniteInRange(-0.5, ['x'], 0, 1)).message).toBe(
      'x: expected a finite number in [0, 1], got -0.5',
    );
    expect(thrown(() => expectFiniteInRange(-0.5, ['x'], 0, Number.POSITIVE_INFINITY)).message).toBe(
      'x: expected a finite number ≥ 0, got -0.5',
    );
  });

  it('only an upper bound', () => {
    expect(thrown(() => expectFiniteInRange(4, ['x'], Number.NEGATIVE_INFINITY, 3)).message).toBe(
      'x: expected a finite number ≤ 3, got 4',
    );
    expect(thrown(() => expectFiniteInRange(Number.NaN, ['x'], Number.NEGATIVE_INFINITY, 3)).message).toBe(
      'x: expected a finite number ≤ 3, got NaN',
    );
  });

  it('non-finite and non-number values', () => {
    expect(
      thrown(() => expectFiniteInRange(Number.POSITIVE_INFINITY, ['x'], 0, Number.POSITIVE_INFINITY)).message,
    ).toBe('x: expected a finite number ≥ 0, got Infinity');
    expect(thrown(() => expectFiniteInRange('0.5', ['x'], 0, 1)).message).toBe(
      'x: expected a finite number in [0, 1], got the string "0.5"',
    );
    expect(thrown(() => expectFiniteInRange(null, ['x'], 0, 1)).message).toBe(
      'x: expected a finite number in [0, 1], got null',
    );
  });
});
