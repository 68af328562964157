import * as z from 'zod';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import { sortNonNegativeAscending } from './kernel.js';
import {
  checkTotal,
  type NegativeValuePolicy,
  type ParetoValueOptions,
  readParetoValues,
  valueOptionShape,
} from './values.js';

/** One point of a Lorenz curve. */
export interface LorenzPoint {
  /** Cumulative share of customers, from the lowest-value customer up, in [0, 1]. */
  customerShare: number;
  /** Their cumulative share of the total value, in [0, 1]. */
  valueShare: number;
}

/** Options of {@link lorenzCurve}. */
export interface LorenzCurveOptions<T = number> extends ParetoValueOptions<T> {
  /**
   * Return `steps + 1` points at customer shares 0, 1/steps, …, 1 (read off the exact curve by linear interpolation
   * between customers) instead of all n + 1 vertices: for plotting large customer bases. A whole number ≥ 1.
   */
  steps?: number;
}

/** Parsed form of {@link LorenzCurveOptions}. */
export interface ParsedLorenzCurveOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
  steps?: number | undefined;
}

/**
 * Zod schema of {@link LorenzCurveOptions} (strict).
 *
 * @example
 * import { lorenzCurveOptionsSchema } from 'crm-analytics/pareto';
 * lorenzCurveOptionsSchema.safeParse({ steps: 100 }).success; // => true
 * lorenzCurveOptionsSchema.safeParse({ steps: 0.5 }).success; // => false
 */
export const lorenzCurveOptionsSchema: z.ZodType<ParsedLorenzCurveOptions> = z.strictObject({
  ...valueOptionShape,
  steps: z.number().int().min(1).max(10_000_000).optional(),
});

/**
 * Lorenz curve of customer value, ready to plot: customers sorted from the lowest value up, the point
 * (k/n, share of value of the k lowest) for k = 0…n, from (0, 0) to (1, 1).
 *
 * The curve is non-decreasing and convex; it is the diagonal when all customers bring the same value, and the
 * further it sags below the diagonal the more concentrated the value (the Gini coefficient is twice the area between
 * them). Between points the curve is the straight segment (a fractional customer brings that fraction of its value);
 * with `steps` the returned points are read off these segments at evenly spaced customer shares. The last point is
 * exactly (1, 1). Lorenz, M. O. (1905), "Methods of measuring the concentration of wealth", Publications of the
 * American Statistical Association 9(70), 209–219, doi:10.2307/2276207.
 *
 * @param values - plain or typed array of numbers, or records with `options.value`
 * @param options - {@link LorenzCurveOptions}
 * @returns the points, from (0, 0) to (1, 1)
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a bad value; `DOMAIN_ERROR`
 * when the total value is 0; `INVALID_OPTION` for bad options.
 *
 * @example
 * import { lorenzCurve } from 'crm-analytics/pareto';
 * lorenzCurve([3, 1]); // => [{ customerShare: 0, valueShare: 0 }, { customerShare: 0.5, valueShare: 0.25 }, { customerShare: 1, valueShare: 1 }]
 * lorenzCurve([1, 1, 1, 1], { steps: 2 }); // => [{ customerShare: 0, valueShare: 0 }, { customerShare: 0.5, valueShare: 0.5 }, { customerShare: 1, valueShare: 1 }]
 * lorenzCurve([0, 0]); // throws DOMAIN_ERROR
 */
export function lorenzCurve(
  values: ArrayLike<number> | Iterable<number>,
  options?: LorenzCurveOptions<number>,
): LorenzPoint[];
export function lorenzCurve<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: LorenzCurveOptions<T> & { value: Accessor<T, number> },
): LorenzPoint[];
export function lorenzCurve(input: ArrayLike<unknown> | Iterable<unknown>, options?: unknown): LorenzPoint[] {
  const parsed = parseOptions(lorenzCurveOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const sorted = sortNonNegativeAscending(read.values);
  const n = sorted.length;
  // bottom[k] = value of the k lowest customers (Neumaier running sum)
  const bottom = new Float64Array(n + 1);
  let sum = 0;
  let comp = 0;
  for (let k = 1; k <= n; k++) {
    const x = sorted[k - 1] as number;
    const t = sum + x;
    // Stryker disable next-line EqualityOperator: when sum = x both branches compute the same exact error.
    if (sum >= x) comp += sum - t + x;
    else comp += x - t + sum;
    sum = t;
    bottom[k] = sum + comp;
  }
  const total = bottom[n] as number;
  checkTotal(total, read.name);
  const share = (cumulative: number): number => {
    const s = cumulative / total;
    return Math.min(s, 1);
  };
  const steps = parsed.steps;
  if (steps === undefined) {
    // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: the array grows on assignment.
    const points: LorenzPoint[] = new Array<LorenzPoint>(n + 1);
    // Stryker disable next-line EqualityOperator: the extra point at k = n is overwritten by the final (1, 1) below.
    for (let k = 0; k < n; k++) points[k] = { customerShare: k / n, valueShare: share(bottom[k] as number) };
    points[n] = { customerShare: 1, valueShare: 1 };
    return points;
  }
  // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: the array grows on assignment.
  const points: LorenzPoint[] = new Array<LorenzPoint>(steps + 1);
  // Stryker disable next-line EqualityOperator: the extra point at j = steps is overwritten by the final (1, 1) below.
  for (let j = 0; j < steps; j++) {
    const position = (j * n) / steps;
    const k = Math.floor(position);
    const y = (bottom[k] as number) + (position - k) * (sorted[k] as number);
    points[j] = { customerShare: j / steps, valueShare: share(y) };
  }
  points[steps] = { customerShare: 1, valueShare: 1 };
  return points;
}
