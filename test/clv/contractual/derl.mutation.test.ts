// Written for the mutants of src/clv/contractual/derl.ts that survived Stryker (see docs/testing.md): the exact
// error texts and paths, and the rates d > 0 whose discount factor 1/(1+d) rounds to 1 (which must be treated like
// d = 0, not passed to the series at z = 1).
import { describe, expect, it } from 'vitest';
import { derlRetentionElasticity, discountedExpectedResidualLifetime } from '../../../src/clv/contractual/derl.js';
import { thrown } from '../../support/thrown.js';

const divergentDerl = (alpha: number): string =>
  `options.discountRate: the undiscounted residual lifetime is infinite when alpha ≤ 1 (alpha = ${alpha}); use a discount rate ≥ 1.2e-16 (smaller rates round the discount factor to 1)`;

const divergentElasticity = (d: number): string =>
  `options.discountRate: the retention elasticity needs a discount rate > 0 whose discount factor 1/(1+d) is below 1 in floating point (d ≥ 1.2e-16), got ${d}`;

describe('discountedExpectedResidualLifetime', () => {
  it('bad parameters are reported under params', () => {
    const error = thrown(() => discountedExpectedResidualLifetime({ alpha: -1, beta: 1 }, { discountRate: 0.1 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('params.alpha: expected a number > 0, got -1');
    expect(error.path).toEqual(['params', 'alpha']);
  });

  it('d = 0, and d > 0 with 1/(1+d) = 1 in floating point, are undiscounted: DIVERGENT for alpha ≤ 1', () => {
    // 1 + 1e-17 and 1 + 1e-16 round to 1 (but 1 − 1e-16 does not).
    expect(1 / (1 + 1e-16)).toBe(1);
    for (const d of [0, 1e-17, 1e-16]) {
      for (const alpha of [0.5, 1]) {
        const error = thrown(() => discountedExpectedResidualLifetime({ alpha, beta: 1 }, { discountRate: d }));
        expect(error.code).toBe('DIVERGENT');
        expect(error.message).toBe(divergentDerl(alpha));
        expect(error.path).toEqual(['options', 'discountRate']);
      }
    }
  });

  it('with alpha > 1 such rates give exactly (β+n−1)/(α−1)', () => {
    for (const d of [0, 1e-17, 1e-16]) {
      expect(discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: d, renewals: 3 })).toBe(
        (15.2 + 3 - 1) / (3.8 - 1),
      );
    }
  });
});

describe('derlRetentionElasticity', () => {
  it('needs 1/(1+d) < 1: DIVERGENT naming the rate, also for alpha > 2 where the series at z = 1 would be finite', () => {
    for (const d of [0, 1e-17, 1e-16]) {
      for (const alpha of [0.5, 3.8]) {
        const error = thrown(() => derlRetentionElasticity({ alpha, beta: 15.2 }, { discountRate: d }));
        expect(error.code).toBe('DIVERGENT');
        expect(error.message).toBe(divergentElasticity(d));
        expect(error.path).toEqual(['options', 'discountRate']);
        expect(error.received).toBe(d);
      }
    }
  });
});
