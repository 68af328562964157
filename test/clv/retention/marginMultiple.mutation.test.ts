// Written for the mutants of src/clv/retention/marginMultiple.ts that survived a Stryker run (see docs/testing.md):
// the exact DIVERGENT message (r·(1+g) and 1 + d) and the range checks of the arguments.
import { describe, expect, it } from 'vitest';
import { marginMultiple } from '../../../src/clv/index.js';
import { thrown } from '../../support/thrown.js';

describe('marginMultiple: errors', () => {
  it('DIVERGENT names retentionRate·(1 + marginGrowth) and 1 + discountRate', () => {
    // r(1+g) = 0.8·1.5 = 1.2000000000000002 in doubles, 1 + d = 1.1: the series diverges.
    const error = thrown(() => marginMultiple(0.8, 0.1, { marginGrowth: 0.5 }));
    expect(error.code).toBe('DIVERGENT');
    expect(error.path).toEqual(['retentionRate']);
    expect(error.received).toBe(0.8);
    expect(error.message).toBe(
      `retentionRate: the margin multiple is infinite: retentionRate·(1 + marginGrowth) = ${0.8 * 1.5} is not below 1 + discountRate = 1.1`,
    );
  });

  it('a retention rate above 1 is INVALID_INPUT', () => {
    const error = thrown(() => marginMultiple(1.5, 0.1));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['retentionRate']);
    expect(error.message).toBe('retentionRate: expected a finite number in [0, 1], got 1.5');
  });

  it('a negative retention rate and a negative discount rate are INVALID_INPUT', () => {
    expect(thrown(() => marginMultiple(-0.1, 0.1)).message).toBe(
      'retentionRate: expected a finite number in [0, 1], got -0.1',
    );
    expect(thrown(() => marginMultiple(0.5, -0.1)).message).toBe(
      'discountRate: expected a finite number ≥ 0, got -0.1',
    );
    expect(thrown(() => marginMultiple(0.5, Number.POSITIVE_INFINITY)).message).toBe(
      'discountRate: expected a finite number ≥ 0, got Infinity',
    );
  });
});

describe('marginMultiple: values', () => {
  it('growth and start timing: (1 + d)/(1 + d − r(1+g))', () => {
    expect(marginMultiple(0.5, 0.25, { marginGrowth: 0.5, timing: 'start' })).toBeCloseTo(1.25 / (1.25 - 0.75), 12);
    expect(marginMultiple(0.5, 0.25, { marginGrowth: 0.5 })).toBeCloseTo(0.5 / (1.25 - 0.75), 12);
  });

  it('r = 1, d = 0 with decline g = −0.5 converges: 1/(1 − 0.5) = 2', () => {
    expect(marginMultiple(1, 0, { marginGrowth: -0.5 })).toBeCloseTo(2, 12);
  });
});
