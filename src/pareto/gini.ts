import * as z from 'zod';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import { scanSorted, sortNonNegativeAscending } from './kernel.js';
import {
  checkTotal,
  type NegativeValuePolicy,
  type ParetoValueOptions,
  readParetoValues,
  valueOptionShape,
} from './values.js';

/**
 * Small-sample correction of the Gini coefficient: `'none'` (the population formula, at most 1 − 1/n) or
 * `'sample'` (× n/(n−1), as R DescTools `Gini(unbiased = TRUE)`, which reaches 1 when one customer has everything).
 */
export type GiniCorrection = 'none' | 'sample';

/** Options of {@link gini}. */
export interface GiniOptions<T = number> extends ParetoValueOptions<T> {
  /** Small-sample correction (default `'none'`). */
  correction?: GiniCorrection;
}

/** Parsed form of {@link GiniOptions}. */
export interface ParsedGiniOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
  correction?: GiniCorrection | undefined;
}

/**
 * Zod schema of {@link GiniOptions} (strict: unknown keys are rejected).
 *
 * @example
 * import { giniOptionsSchema } from 'crm-analytics/pareto';
 * giniOptionsSchema.safeParse({ correction: 'sample' }).success; // => true
 * giniOptionsSchema.safeParse({ unbiased: true }).success; // => false
 */
export const giniOptionsSchema: z.ZodType<ParsedGiniOptions> = z.strictObject({
  ...valueOptionShape,
  correction: z.enum(['none', 'sample']).optional(),
});

/**
 * Applies the small-sample correction n/(n−1) (a single customer stays at 0).
 * @internal
 */
export function correctGini(g: number, n: number, correction: GiniCorrection): number {
  if (correction === 'none' || n < 2) return g;
  const corrected = (g * n) / (n - 1);
  return Math.min(corrected, 1);
}

/**
 * Gini coefficient of customer value: how unequally value is spread over customers, 0 when every customer brings the
 * same, approaching 1 when one customer brings everything. Twice the area between the Lorenz curve and the diagonal.
 *
 * Formula (values sorted ascending, i = 1…n): `G = 2 Σ i·x_(i) / (n Σx) − (n+1)/n`, computed as
 * `Σ (2i − n − 1)·x_(i) / (n Σx)` with a compensated sum so that equal values cancel exactly. Without correction
 * 0 ≤ G ≤ 1 − 1/n; with `correction: 'sample'` it is multiplied by n/(n−1) (Dixon et al. 1987; R DescTools
 * `Gini(unbiased = TRUE)`), so that one customer holding everything gives 1. A single customer and all-equal values
 * give exactly 0. Zeros count as customers. Unitless, invariant to the order of the customers and to the currency.
 *
 * Reference values: R `ineq::Gini` on its documentation vector gives 0.4620911, and 0.5134346 with the n/(n−1)
 * correction. Gini, C. (1912), *Variabilità e mutabilità*; Dixon, P. M., Weiner, J., Mitchell-Olds, T. & Woodley, R.
 * (1987), "Bootstrapping the Gini coefficient of inequality", Ecology 68(5), 1548–1551.
 *
 * @param values - plain or typed array of numbers, or records with `options.value`
 * @param options - {@link GiniOptions}
 * @returns the Gini coefficient, in [0, 1)
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a non-finite value or a negative
 * one under `negative: 'error'`; `DOMAIN_ERROR` when the total value is 0; `INVALID_OPTION` for bad options.
 *
 * @example
 * import { gini } from 'crm-analytics/pareto';
 * gini([1, 2, 3, 4]); // => 0.25
 * gini([541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261]); // => 0.4620911
 * gini([541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261], { correction: 'sample' }); // => 0.5134346
 * gini([{ spend: 1 }, { spend: 3 }], { value: 'spend' }); // => 0.25
 * gini([7, 7, 7]); // => 0
 * gini([]); // throws EMPTY_INPUT
 * gini([3, -1]); // throws INVALID_INPUT
 * gini([3, -1], { negative: 'clamp' }); // => 0.5
 */
export function gini(values: ArrayLike<number> | Iterable<number>, options?: GiniOptions<number>): number;
export function gini<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: GiniOptions<T> & { value: Accessor<T, number> },
): number;
export function gini(input: ArrayLike<unknown> | Iterable<unknown>, options?: unknown): number {
  const parsed = parseOptions(giniOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const sorted = sortNonNegativeAscending(read.values);
  // Stryker disable next-line BooleanLiteral: true also fills the cumulative array, which gini does not read.
  const scan = scanSorted(sorted, false);
  checkTotal(scan.total, read.name);
  return correctGini(scan.gini, sorted.length, parsed.correction ?? 'none');
}
