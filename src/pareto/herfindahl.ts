import * as z from 'zod';
import { compensatedSum } from '../core/numeric.js';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import { herfindahlOf } from './kernel.js';
import {
  checkTotal,
  type NegativeValuePolicy,
  type ParetoValueOptions,
  readParetoValues,
  valueOptionShape,
} from './values.js';

/** Options of {@link herfindahl}. */
export interface HerfindahlOptions<T = number> extends ParetoValueOptions<T> {}

/** Parsed form of {@link HerfindahlOptions}. */
export interface ParsedHerfindahlOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
}

/**
 * Zod schema of {@link HerfindahlOptions} (strict).
 *
 * @example
 * import { herfindahlOptionsSchema } from 'crm-analytics/pareto';
 * herfindahlOptionsSchema.safeParse({ value: (c) => c.revenue }).success; // => true
 * herfindahlOptionsSchema.safeParse({ value: 3 }).success; // => false
 */
export const herfindahlOptionsSchema: z.ZodType<ParsedHerfindahlOptions> = z.strictObject({ ...valueOptionShape });

/** The result of {@link herfindahl}. */
export interface HerfindahlResult {
  /** `H = Σ s_i²` over the customers' value shares, in [1/N, 1]. */
  index: number;
  /** `(H − 1/N)/(1 − 1/N)`, in [0, 1]: 0 when all customers bring the same value, 1 when one brings everything. */
  normalized: number;
  /** `1/H`, the "numbers-equivalent": how many equal-sized customers would give the same concentration. */
  equivalentCount: number;
  /** N, the number of customers (zeros included). */
  count: number;
}

/**
 * Herfindahl–Hirschman concentration index of customer value: the sum of squared value shares, with its normalized
 * form and numbers-equivalent.
 *
 * `H = Σ s_i²` with `s_i = x_i / Σx`; normalized `H* = (H − 1/N)/(1 − 1/N)`, defined as 0 for a single customer
 * (like the Gini coefficient, one customer is "all equal"); equivalent count `1/H` (Adelman 1969). N counts every
 * customer, zeros included. Unlike the Gini coefficient, H weighs the largest customers most: it answers "how
 * dependent are we on a few big accounts?". Values of R's `herfindahl()` documentation (ineq lineage):
 * 0.1840812 for the vector below. Hirschman, A. O. (1964), "The paternity of an index", American Economic Review
 * 54(5), 761; Adelman, M. A. (1969), "Comment on the 'H' concentration measure as a numbers-equivalent", Review of
 * Economics and Statistics 51(1), 99–101.
 *
 * @param values - plain or typed array of numbers, or records with `options.value`
 * @param options - {@link HerfindahlOptions}
 * @returns {@link HerfindahlResult}
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a bad value; `DOMAIN_ERROR`
 * when the total value is 0; `INVALID_OPTION` for bad options.
 *
 * @example
 * import { herfindahl } from 'crm-analytics/pareto';
 * herfindahl([541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261]).index; // => 0.1840812
 * herfindahl([50, 30, 20]); // => { index: 0.38, normalized: 0.07, equivalentCount: 2.6315789 }
 * herfindahl([5, 5, 5, 5]); // => { index: 0.25, normalized: 0, equivalentCount: 4 }
 * herfindahl([]); // throws EMPTY_INPUT
 */
export function herfindahl(
  values: ArrayLike<number> | Iterable<number>,
  options?: HerfindahlOptions<number>,
): HerfindahlResult;
export function herfindahl<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: HerfindahlOptions<T> & { value: Accessor<T, number> },
): HerfindahlResult;
export function herfindahl(input: ArrayLike<unknown> | Iterable<unknown>, options?: unknown): HerfindahlResult {
  const parsed = parseOptions(herfindahlOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const total = compensatedSum(read.values);
  checkTotal(total, read.name);
  const { index, normalized } = herfindahlOf(read.values);
  return { index, normalized, equivalentCount: 1 / index, count: read.values.length };
}
