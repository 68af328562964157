import betaln from '@stdlib/math-base-special-betaln';
import { describe, expect, it } from 'vitest';
import {
  derlRetentionElasticity,
  discountedExpectedResidualLifetime,
  ShiftedBetaGeometricModel,
} from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { hyp2f1 } from '../../../src/core/hypergeometric.js';
import { fc, test } from '../../support/property.js';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/**
 * Independent reference: Σ_{t=n}^{∞} S(t)/S(n−1)·(1+d)^−(t−n), starting from S(n)/S(n−1) by betaln and stepping by
 * S(t)/S(t−1) = (β+t−1)/(α+β+t−1), summed until the terms are negligible (up to 3·10⁷ of them).
 */
function derlBySummation(alpha: number, beta: number, d: number, n: number): number {
  let term = Math.exp(betaln(alpha, beta + n) - betaln(alpha, beta + n - 1));
  let sum = term;
  const discount = 1 / (1 + d);
  for (let t = n + 1; t < n + 3e7; t++) {
    term *= ((beta + t - 1) / (alpha + beta + t - 1)) * discount;
    sum += term;
    if (term < 1e-19 * sum) break;
  }
  return sum;
}

/** The closed form of REFERENCES.md (Fader & Hardie 2010, eq. 6) through the library's general ₂F₁. */
function derlClosedForm(alpha: number, beta: number, d: number, n: number): number {
  return ((beta + n - 1) / (alpha + beta + n - 1)) * hyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + d));
}

function expectCode(run: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CrmAnalyticsError);
  expect((thrown as CrmAnalyticsError).code).toBe(code);
}

describe('discountedExpectedResidualLifetime', () => {
  it('α = 3.80, β = 15.20, d = 0.10, n = 1 is 3.3098, equal to the closed form to 1e-6 relative', () => {
    const derl = discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1, renewals: 1 });
    expect(derl).toBeCloseTo(3.3098, 4);
    expect(relErr(derl, derlClosedForm(3.8, 15.2, 0.1, 1))).toBeLessThan(1e-6);
    expect(relErr(derl, derlBySummation(3.8, 15.2, 0.1, 1))).toBeLessThan(1e-12);
  });

  it('matches the closed form and the direct sum for many (α, β, d, n)', () => {
    for (const alpha of [0.3, 0.704, 1, 3.8, 20]) {
      for (const beta of [0.5, 1.182, 3.806, 15.2]) {
        for (const d of [0.01, 0.1, 0.25, 1]) {
          for (const n of [1, 2, 5, 12]) {
            const derl = discountedExpectedResidualLifetime({ alpha, beta }, { discountRate: d, renewals: n });
            expect(relErr(derl, derlClosedForm(alpha, beta, d, n))).toBeLessThan(1e-6);
            expect(relErr(derl, derlBySummation(alpha, beta, d, n))).toBeLessThan(1e-9);
          }
        }
      }
    }
  });

  it('with d = 0 it is the expected residual lifetime (β+n−1)/(α−1), the limit of small rates', () => {
    expect(
      discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0, renewals: 3 }),
    ).toBeCloseTo(17.2 / 2.8, 12);
    const small = discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 1e-7, renewals: 3 });
    expect(relErr(small, 17.2 / 2.8)).toBeLessThan(1e-5);
  });

  it('rates below 0.001 (through the general ₂F₁) agree with the direct sum', () => {
    for (const d of [0.0009, 1e-4, 1e-5]) {
      for (const [alpha, beta, n] of [
        [3.8, 15.2, 1],
        [1.5, 2, 4],
        [20, 3, 2],
      ] as const) {
        const derl = discountedExpectedResidualLifetime({ alpha, beta }, { discountRate: d, renewals: n });
        expect(relErr(derl, derlBySummation(alpha, beta, d, n))).toBeLessThan(1e-7);
      }
    }
    // The series and the transformed branch meet continuously at d ≈ 0.001.
    const below = discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.0010005 });
    const above = discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.0009995 });
    expect(relErr(below, above)).toBeLessThan(1e-3);
    const e1 = derlRetentionElasticity({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.0010005 });
    const e2 = derlRetentionElasticity({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.0009995 });
    expect(relErr(e1, e2)).toBeLessThan(1e-3);
  });

  it('the model method and the standalone function agree; renewals defaults to 1', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 0.704, beta: 1.182 });
    expect(model.derl({ discountRate: 0.1 })).toBe(
      discountedExpectedResidualLifetime({ alpha: 0.704, beta: 1.182 }, { discountRate: 0.1, renewals: 1 }),
    );
  });

  it('rises with the number of renewals (survivors are the better customers)', () => {
    let previous = 0;
    for (let n = 1; n <= 30; n++) {
      const v = discountedExpectedResidualLifetime({ alpha: 0.704, beta: 1.182 }, { discountRate: 0.1, renewals: n });
      expect(v).toBeGreaterThan(previous);
      previous = v;
    }
  });

  test.prop([
    fc.double({ min: 0.05, max: 30, noNaN: true }),
    fc.double({ min: 0.05, max: 30, noNaN: true }),
    fc.double({ min: 0.001, max: 2, noNaN: true }),
    fc.double({ min: 0.001, max: 2, noNaN: true }),
    fc.integer({ min: 1, max: 50 }),
  ])('is decreasing in the discount rate', (alpha, beta, d1, d2, n) => {
    fc.pre(Math.abs(d1 - d2) > 1e-6);
    const lo = Math.min(d1, d2);
    const hi = Math.max(d1, d2);
    const a = discountedExpectedResidualLifetime({ alpha, beta }, { discountRate: lo, renewals: n });
    const b = discountedExpectedResidualLifetime({ alpha, beta }, { discountRate: hi, renewals: n });
    expect(b).toBeLessThan(a);
    // Bounds: at least the next renewal's probability, at most (1+d)/d (a customer who never leaves).
    expect(b).toBeGreaterThanOrEqual((beta + n - 1) / (alpha + beta + n - 1) - 1e-12);
    expect(b).toBeLessThanOrEqual((1 + hi) / hi + 1e-9);
  });

  it('bad arguments', () => {
    expectCode(
      () => discountedExpectedResidualLifetime({ alpha: -1, beta: 1 }, { discountRate: 0.1 }),
      'INVALID_INPUT',
    );
    expectCode(
      () => discountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, { discountRate: -0.1 }),
      'INVALID_OPTION',
    );
    expectCode(
      () => discountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, { discountRate: 0.1, renewals: 0 }),
      'INVALID_OPTION',
    );
    expectCode(
      () => discountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, { discountRate: 0.1, renewals: 1.5 }),
      'INVALID_OPTION',
    );
    expectCode(() => discountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, {} as never), 'INVALID_OPTION');
    expectCode(() => discountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, { discountRate: 0 }), 'DIVERGENT');
  });

  it('does not mutate its inputs', () => {
    const params = { alpha: 3.8, beta: 15.2 };
    const options = { discountRate: 0.1, renewals: 2 };
    discountedExpectedResidualLifetime(params, options);
    expect(params).toEqual({ alpha: 3.8, beta: 15.2 });
    expect(options).toEqual({ discountRate: 0.1, renewals: 2 });
  });
});

describe('derlRetentionElasticity', () => {
  it('equals the finite-difference elasticity of DERL under a 1% scaling of every retention probability', () => {
    // Scaling each c by (1+ε) maps DERL(d) to (1+ε)·DERL(d′) with 1+d′ = (1+d)/(1+ε); check numerically.
    for (const [alpha, beta, d, n] of [
      [3.8, 15.2, 0.1, 1],
      [0.704, 1.182, 0.1, 3],
      [0.668, 3.806, 0.25, 1],
    ] as const) {
      const eps = 1e-6;
      const base = discountedExpectedResidualLifetime({ alpha, beta }, { discountRate: d, renewals: n });
      const dPrime = (1 + d) / (1 + eps) - 1;
      const raised =
        (1 + eps) * discountedExpectedResidualLifetime({ alpha, beta }, { discountRate: dPrime, renewals: n });
      const numeric = Math.log(raised / base) / Math.log1p(eps);
      expect(derlRetentionElasticity({ alpha, beta }, { discountRate: d, renewals: n })).toBeCloseTo(numeric, 4);
    }
  });

  it('reduces to the homogeneous (1+d)/(1+d−r) when there is no heterogeneity', () => {
    // α, β → ∞ with α/(α+β) = 0.2 fixed: every customer has retention r = 0.8.
    const elasticity = derlRetentionElasticity({ alpha: 2e6, beta: 8e6 }, { discountRate: 0.1 });
    expect(elasticity).toBeCloseTo(1.1 / (1.1 - 0.8), 4);
  });

  it('is larger under heterogeneity than for a homogeneous cohort with the same mean retention', () => {
    const heterogeneous = derlRetentionElasticity({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1 });
    expect(heterogeneous).toBeGreaterThan(1.1 / (1.1 - 0.8));
  });

  it('needs a positive discount rate', () => {
    expectCode(() => derlRetentionElasticity({ alpha: 3.8, beta: 15.2 }, { discountRate: 0 }), 'DIVERGENT');
  });
});
