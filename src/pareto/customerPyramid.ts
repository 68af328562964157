import * as z from 'zod';
import { CompensatedAccumulator } from '../core/numeric.js';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import { classOfValue } from './abcClassify.js';
import { sortNonNegativeAscending } from './kernel.js';
import { type NegativeValuePolicy, type ParetoValueOptions, readParetoValues, valueOptionShape } from './values.js';

/**
 * One tier of a customer pyramid, best tier first. Every tier but the last has exactly one bound, all of the same
 * kind; the last tier has none and takes everyone else.
 * - `topFraction`: the tier ends where this cumulative share of customers, counted from the most valuable, is reached
 *   (platinum `0.2`, gold `0.5`, … strictly increasing, in (0, 1]).
 * - `minValue`: customers with a value ≥ `minValue` (and not in a better tier) belong here (strictly decreasing).
 */
export interface CustomerPyramidTier {
  /** Tier name, e.g. `'platinum'`. Distinct across tiers. */
  name: string;
  /** Cumulative top share of customers where this tier ends. */
  topFraction?: number;
  /** Smallest value admitted to this tier. */
  minValue?: number;
}

/**
 * Default tiers: platinum (top 20% of customers by value), gold (next 30%), iron (next 30%), lead (bottom 20%).
 * The tier names are Zeithaml, Rust & Lemon's (2001); the 20/30/30/20 percentages are a practitioners' convention,
 * not from the paper, which defines tiers by profitability and leaves the cut-offs to the firm.
 *
 * @example
 * import { DEFAULT_CUSTOMER_PYRAMID_TIERS } from 'crm-analytics/pareto';
 * DEFAULT_CUSTOMER_PYRAMID_TIERS.map((t) => t.name); // => ['platinum', 'gold', 'iron', 'lead']
 * DEFAULT_CUSTOMER_PYRAMID_TIERS[0]; // => { name: 'platinum', topFraction: 0.2 }
 */
export const DEFAULT_CUSTOMER_PYRAMID_TIERS: readonly CustomerPyramidTier[] = Object.freeze([
  Object.freeze({ name: 'platinum', topFraction: 0.2 }),
  Object.freeze({ name: 'gold', topFraction: 0.5 }),
  Object.freeze({ name: 'iron', topFraction: 0.8 }),
  Object.freeze({ name: 'lead' }),
]);

/** Options of {@link customerPyramid}. */
export interface CustomerPyramidOptions<T = number> extends ParetoValueOptions<T> {
  /** The tiers, best first (default {@link DEFAULT_CUSTOMER_PYRAMID_TIERS}). */
  tiers?: readonly CustomerPyramidTier[];
}

/** Parsed form of {@link CustomerPyramidOptions}. */
export interface ParsedCustomerPyramidOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
  tiers?: readonly { name: string; topFraction?: number | undefined; minValue?: number | undefined }[] | undefined;
}

const tierListSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1),
      topFraction: z.number().gt(0).max(1).optional(),
      minValue: z.number().finite().optional(),
    }),
  )
  .min(1)
  .max(100)
  .superRefine((tiers, ctx) => {
    const names = new Set<string>();
    const last = tiers.length - 1;
    const kind = tiers[0]?.topFraction !== undefined ? 'topFraction' : 'minValue';
    tiers.forEach((tier, i) => {
      if (names.has(tier.name))
        ctx.addIssue({ code: 'custom', message: 'expected distinct tier names', path: [i, 'name'] });
      names.add(tier.name);
      const bounds = (tier.topFraction === undefined ? 0 : 1) + (tier.minValue === undefined ? 0 : 1);
      if (i === last) {
        if (bounds > 0) {
          ctx.addIssue({
            code: 'custom',
            message: 'expected the last tier to have no bound (it takes everyone else)',
            path: [i],
          });
        }
        return;
      }
      if (bounds !== 1 || tier[kind] === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected exactly one bound, ${kind} like the first tier`,
          path: [i],
        });
        return;
      }
      // Stryker disable next-line ConditionalExpression,OptionalChaining: for i = 0, tiers[-1] is undefined anyway.
      const previous = i === 0 ? undefined : tiers[i - 1]?.[kind];
      const current = tier[kind] as number;
      // Stryker disable next-line ConditionalExpression: a number compared with undefined is false either way.
      if (previous !== undefined && (kind === 'topFraction' ? current <= previous : current >= previous)) {
        ctx.addIssue({
          code: 'custom',
          message:
            kind === 'topFraction'
              ? 'expected topFraction to increase from tier to tier'
              : 'expected minValue to decrease from tier to tier',
          path: [i, kind],
        });
      }
    });
  });

/**
 * Zod schema of {@link CustomerPyramidOptions} (strict; checks the tier rules of {@link CustomerPyramidTier}).
 *
 * @example
 * import { customerPyramidOptionsSchema } from 'crm-analytics/pareto';
 * customerPyramidOptionsSchema.safeParse({ tiers: [{ name: 'vip', minValue: 1000 }, { name: 'rest' }] }).success; // => true
 * customerPyramidOptionsSchema.safeParse({ tiers: [{ name: 'vip', minValue: 1000 }] }).success; // => false
 */
export const customerPyramidOptionsSchema: z.ZodType<ParsedCustomerPyramidOptions> = z.strictObject({
  ...valueOptionShape,
  tiers: tierListSchema.optional(),
});

/** One tier of a {@link CustomerPyramid}. */
export interface CustomerPyramidTierSummary {
  /** Tier name. */
  name: string;
  /** Number of customers. */
  count: number;
  /** `count / n`. */
  customerShare: number;
  /** Total value of the tier. */
  value: number;
  /** Share of the total value (0 when the total value is 0). */
  valueShare: number;
  /** Smallest value in the tier (`null` when empty). */
  minValue: number | null;
  /** Largest value in the tier (`null` when empty). */
  maxValue: number | null;
}

/** One customer of a {@link CustomerPyramid}, in input order. */
export interface CustomerPyramidCustomer<T> {
  /** Position in the input. */
  index: number;
  /** The input item (the record, or the number for numeric input). */
  customer: T;
  /** The value as counted. */
  value: number;
  /** Tier name. */
  tier: string;
  /** Tier position, 0 for the best tier. */
  tierIndex: number;
}

/** The result of {@link customerPyramid}. */
export interface CustomerPyramid<T> {
  /** Every customer with its tier, in input order. */
  customers: CustomerPyramidCustomer<T>[];
  /** Per tier, best first. */
  tiers: CustomerPyramidTierSummary[];
}

/**
 * Customer pyramid (Zeithaml, Rust & Lemon 2001): customers in profitability tiers, platinum, gold, iron and lead by
 * default, so that service levels and marketing spend can follow customer value.
 *
 * Default cut-offs: customers ranked by value, the top 20% platinum, the next 30% gold, the next 30% iron, the
 * bottom 20% lead ({@link DEFAULT_CUSTOMER_PYRAMID_TIERS}). These percentages are a practitioners' convention, not
 * from the paper: pass `tiers` with your own `topFraction` cut-offs, or with `minValue` thresholds in the currency of
 * the values (e.g. profit per year). Ties share a tier, so the tiers are monotone in value: with `topFraction`, a
 * customer's tier is decided by the number of customers with a strictly higher value (G): it is the first tier with
 * G < topFraction × n. The customer who straddles a cut-off therefore goes to the better tier (top 20% of 7 customers
 * is 2 customers), and a group of equal values starting inside a tier stays there whole.
 *
 * Zeithaml, V. A., Rust, R. T. & Lemon, K. N. (2001), "The customer pyramid: creating and serving profitable
 * customers", California Management Review 43(4), 118–142.
 *
 * @param values - plain or typed array of numbers, or records with `options.value`
 * @param options - {@link CustomerPyramidOptions}
 * @returns {@link CustomerPyramid}: customers with their tier (input order) and per-tier counts and shares
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a bad value; `INVALID_OPTION`
 * for invalid tiers (bounds missing or mixed, not monotone, duplicate names, a bound on the last tier).
 *
 * @example
 * import { customerPyramid } from 'crm-analytics/pareto';
 * customerPyramid([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).customers.map((c) => c.tier); // => ['platinum', 'platinum', 'gold', 'gold', 'gold', 'iron', 'iron', 'iron', 'lead', 'lead']
 * customerPyramid([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).tiers[0]; // => { name: 'platinum', count: 2, customerShare: 0.2, value: 19, valueShare: 0.3454545 }
 * customerPyramid([{ profit: 1200 }, { profit: 90 }, { profit: -40 }], { value: 'profit', negative: 'clamp', tiers: [{ name: 'key', minValue: 1000 }, { name: 'other' }] }).customers.map((c) => c.tier); // => ['key', 'other', 'other']
 * customerPyramid([1, 2], { tiers: [{ name: 'top', topFraction: 0.5 }, { name: 'rest', minValue: 0 }] }); // throws INVALID_OPTION
 */
export function customerPyramid(
  values: ArrayLike<number> | Iterable<number>,
  options?: CustomerPyramidOptions<number>,
): CustomerPyramid<number>;
export function customerPyramid<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: CustomerPyramidOptions<T> & { value: Accessor<T, number> },
): CustomerPyramid<T>;
export function customerPyramid(
  input: ArrayLike<unknown> | Iterable<unknown>,
  options?: unknown,
): CustomerPyramid<unknown> {
  const parsed = parseOptions(customerPyramidOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const tiers = parsed.tiers ?? DEFAULT_CUSTOMER_PYRAMID_TIERS;
  const values = read.values;
  const n = values.length;
  const k = tiers.length;
  // Smallest value admitted to each tier (Infinity: nobody); the last tier admits everyone.
  const lowerBounds = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  // Stryker disable next-line ArithmeticOperator: classOfValue never reads the last tier's bound.
  lowerBounds[k - 1] = Number.NEGATIVE_INFINITY;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,OptionalChaining: with one tier the loop below sets nothing.
  if (k > 1 && tiers[0]?.topFraction !== undefined) {
    const sorted = sortNonNegativeAscending(new Float64Array(values));
    let tier = 0;
    let r = 0; // descending position of the first customer of a group of equal values = number strictly above it
    // The equivalent mutants of this loop are checked against a brute-force reference of the rule in
    // test/pareto/customerPyramid.mutation.test.ts; each disable below says why the result cannot change.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,ArithmeticOperator: the loop also ends on the other condition (every topFraction ≤ 1), and extra passes write no bound that classOfValue reads.
    while (r < n && tier < k - 1) {
      const value = sorted[n - 1 - r] as number;
      // Stryker disable next-line EqualityOperator,ArithmeticOperator: the last tier's bound is −∞ already.
      while (tier < k - 1) {
        const limit = (tiers[tier]?.topFraction as number) * n;
        // Stryker disable next-line EqualityOperator: r is a whole number and the limit has a relative slack of 1e−12.
        if (r < limit - limit * 1e-12) break;
        tier++;
      }
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: the last tier's bound −∞ is never lowered, and an equal value leaves the bound as it is.
      if (tier < k - 1 && value < (lowerBounds[tier] as number)) lowerBounds[tier] = value;
      let e = r + 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: visiting tied customers one by one may give a later tier the same bound, but classOfValue takes the first tier whose bound a value reaches.
      while (e < n && sorted[n - 1 - e] === value) e++;
      r = e;
    }
  } else {
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: the last tier's bound is never read.
    for (let t = 0; t < k - 1; t++) lowerBounds[t] = tiers[t]?.minValue as number;
  }
  // Stryker disable next-line ArrayDeclaration: every index is assigned below.
  const customers: CustomerPyramidCustomer<unknown>[] = new Array<CustomerPyramidCustomer<unknown>>(n);
  const counts = new Float64Array(k);
  const sums = Array.from({ length: k }, () => new CompensatedAccumulator());
  const mins = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  const maxs = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  const grand = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const tierIndex = classOfValue(value, lowerBounds);
    counts[tierIndex] = (counts[tierIndex] as number) + 1;
    // Stryker disable next-line OptionalChaining: sums has an accumulator per tier.
    sums[tierIndex]?.add(value);
    grand.add(value);
    // Stryker disable next-line EqualityOperator: an equal value gives the same minimum.
    if (value < (mins[tierIndex] as number)) mins[tierIndex] = value;
    // Stryker disable next-line EqualityOperator: an equal value gives the same maximum.
    if (value > (maxs[tierIndex] as number)) maxs[tierIndex] = value;
    customers[i] = { index: i, customer: read.source[i], value, tier: tiers[tierIndex]?.name as string, tierIndex };
  }
  const total = grand.value;
  const summaries: CustomerPyramidTierSummary[] = tiers.map((t, j) => {
    const count = counts[j] as number;
    // Stryker disable next-line OptionalChaining: sums has an accumulator per tier.
    const value = sums[j]?.value ?? 0;
    return {
      name: t.name,
      count,
      customerShare: count / n,
      value,
      valueShare: total > 0 ? value / total : 0,
      minValue: count === 0 ? null : (mins[j] as number),
      maxValue: count === 0 ? null : (maxs[j] as number),
    };
  });
  return { customers, tiers: summaries };
}
