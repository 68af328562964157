/**
 * Discounted expected residual lifetime (DERL) of a contractual customer under the shifted-beta-geometric model,
 * and its elasticity with respect to retention.
 * @module
 */
import * as z from 'zod';
import { CrmAnalyticsError } from '../../core/errors.js';
import { parseOptions, parseWithSchema } from '../../core/validate.js';
import { hypergeometricOneSeries } from './shared.js';

/** Parameters of the shifted-beta-geometric model: churn probabilities θ ~ Beta(alpha, beta). */
export interface ShiftedBetaGeometricParams {
  /** Beta shape α > 0 (pulls churn probabilities up). */
  alpha: number;
  /** Beta shape β > 0 (pulls churn probabilities down). */
  beta: number;
}

/** zod schema of {@link ShiftedBetaGeometricParams}: two finite positive numbers. */
export const shiftedBetaGeometricParamsSchema: z.ZodType<ShiftedBetaGeometricParams> = z.object({
  alpha: z.number().positive().finite(),
  beta: z.number().positive().finite(),
});

/** Options of {@link discountedExpectedResidualLifetime} and {@link derlRetentionElasticity}. */
export interface DerlOptions {
  /**
   * Discount rate per contract period (0.10 = 10% per period), ≥ 0. With 0 the result is the undiscounted expected
   * residual lifetime, finite only when α > 1 (otherwise `DIVERGENT`). Required.
   */
  discountRate: number;
  /**
   * Fader & Hardie's n: the renewal decision the customer is about to make, counted from 1. `renewals: 1` is a
   * customer at the end of her first contract period, before her first renewal; `renewals: n` is a customer at the
   * end of period n who has renewed n − 1 times so far. Default 1.
   */
  renewals?: number;
}

/** zod schema of {@link DerlOptions}. */
export const derlOptionsSchema: z.ZodType<DerlOptions> = z.strictObject({
  discountRate: z.number().min(0).finite(),
  renewals: z.number().int().min(1).max(1e9).optional(),
}) as unknown as z.ZodType<DerlOptions>;

function readArguments(params: unknown, options: unknown): { alpha: number; beta: number; d: number; n: number } {
  const { alpha, beta } = parseWithSchema(shiftedBetaGeometricParamsSchema, params, ['params']);
  const parsed = parseOptions(derlOptionsSchema, options);
  return { alpha, beta, d: parsed.discountRate, n: parsed.renewals ?? 1 };
}

/**
 * Discounted expected residual lifetime of a customer under the shifted-beta-geometric (sBG) model: the expected
 * present value, in contract periods, of the payments still to come from a customer who is at the end of her n-th
 * contract period, just before her n-th renewal decision (Fader & Hardie 2010, eq. 6):
 *
 * `DERL(d | α, β, n) = Σ_{t=n}^∞ S(t)/S(n−1) · (1+d)^−(t−n) = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d))`
 *
 * where S(t) = B(α, β+t)/B(α, β) is the sBG survival function. The first term (the n-th renewal, if it happens) is
 * undiscounted; multiply by the margin per period to get the residual lifetime value. With d = 0 it is the
 * expected number of remaining periods, (β+n−1)/(α−1) for α > 1.
 *
 * Method: for d ≥ 0.001 the hypergeometric series is summed directly (each term ratio is below 1/(1+d), which
 * bounds the remainder; stops at 1e-16 relative); for smaller rates the library's general ₂F₁ (linear
 * transformation to 1 − z) is used.
 *
 * Reference: Fader, P. S. & Hardie, B. G. S. (2010), "Customer-base valuation in a contractual setting: the perils of
 * ignoring heterogeneity", Marketing Science 29(1), 85–93, doi:10.1287/mksc.1080.0482.
 *
 * @param params - sBG parameters `{ alpha, beta }`
 * @param options - `discountRate` per period and `renewals` (Fader & Hardie's n, default 1)
 * @returns DERL in contract periods (a present-value count of payments)
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for bad parameters, `INVALID_OPTION` for a bad rate or n,
 *   `DIVERGENT` when d = 0 (or below 1.2e-16, where 1/(1+d) rounds to 1) and α ≤ 1, `NOT_CONVERGED` when the series
 *   cannot be summed to full precision (very small d together with n or β in the millions)
 * @example
 * import { discountedExpectedResidualLifetime } from 'crm-analytics/clv';
 * discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1, renewals: 1 }); // => 3.3098
 * discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0 }); // => 5.4286
 * discountedExpectedResidualLifetime({ alpha: 0.5, beta: 1 }, { discountRate: 0 }); // throws DIVERGENT
 */
export function discountedExpectedResidualLifetime(params: ShiftedBetaGeometricParams, options: DerlOptions): number {
  const { alpha, beta, d, n } = readArguments(params, options);
  return derlKernel(alpha, beta, d, n);
}

/** @internal Precondition: validated arguments. */
export function derlKernel(alpha: number, beta: number, d: number, n: number): number {
  const lead = (beta + n - 1) / (alpha + beta + n - 1);
  // Below ~1.1e-16 the discount factor 1/(1+d) rounds to 1: the result is the undiscounted one.
  if (d === 0 || 1 / (1 + d) === 1) {
    if (alpha <= 1) throw divergent(alpha);
    return (beta + n - 1) / (alpha - 1);
  }
  return lead * hypergeometricOneSeries(beta + n, alpha + beta + n, 1 / (1 + d)).value;
}

function divergent(alpha: number): CrmAnalyticsError {
  return new CrmAnalyticsError(
    'DIVERGENT',
    `options.discountRate: the undiscounted residual lifetime is infinite when alpha ≤ 1 (alpha = ${alpha}); use a discount rate ≥ 1.2e-16 (smaller rates round the discount factor to 1)`,
    { path: ['options', 'discountRate'] },
  );
}

/**
 * Retention elasticity of DERL: the percentage change in a customer's discounted expected residual lifetime for a
 * 1% increase in every customer's future retention probability (each c = 1 − θ becomes c·(1+ε), ε → 0).
 *
 * Because (c(1+ε))^k/(1+d)^k = c^k/((1+d)/(1+ε))^k, raising all retention probabilities by 1% is the same as
 * lowering the discount factor's denominator, so with z = 1/(1+d) and DERL(z) = Σ_k a_k z^k:
 *
 * `elasticity = 1 + z·DERL′(z)/DERL(z) = 1 + Σ k a_k z^k / Σ a_k z^k`
 *
 * For a homogeneous cohort with retention r this reduces to the textbook (1+d)/(1+d−r); under heterogeneity it is
 * larger, the point of Fader & Hardie (2010, §4). This is our definition in their spirit; their tabulated
 * elasticities are for the value of a whole customer base.
 *
 * Reference: Fader, P. S. & Hardie, B. G. S. (2010), Marketing Science 29(1), 85–93, doi:10.1287/mksc.1080.0482.
 *
 * @param params - sBG parameters `{ alpha, beta }`
 * @param options - `discountRate` per period (> 0) and `renewals` (Fader & Hardie's n, default 1)
 * @returns the elasticity (dimensionless, > 1)
 * @throws {CrmAnalyticsError} `INVALID_INPUT` / `INVALID_OPTION` for bad arguments, `DIVERGENT` when the rate is 0
 *   (or below 1.2e-16), `NOT_CONVERGED` as {@link discountedExpectedResidualLifetime}
 * @example
 * import { derlRetentionElasticity } from 'crm-analytics/clv';
 * derlRetentionElasticity({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1 }); // => 4.5164
 */
export function derlRetentionElasticity(params: ShiftedBetaGeometricParams, options: DerlOptions): number {
  const { alpha, beta, d, n } = readArguments(params, options);
  return elasticityKernel(alpha, beta, d, n);
}

/** @internal Precondition: validated arguments. */
export function elasticityKernel(alpha: number, beta: number, d: number, n: number): number {
  if (d === 0 || 1 / (1 + d) === 1) {
    throw new CrmAnalyticsError(
      'DIVERGENT',
      `options.discountRate: the retention elasticity needs a discount rate > 0 whose discount factor 1/(1+d) is below 1 in floating point (d ≥ 1.2e-16), got ${d}`,
      { path: ['options', 'discountRate'], received: d },
    );
  }
  const { value, zDerivative } = hypergeometricOneSeries(beta + n, alpha + beta + n, 1 / (1 + d));
  return 1 + zDerivative / value;
}
