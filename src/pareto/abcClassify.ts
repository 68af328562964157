import * as z from 'zod';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import { cumulativeFromTop, sortNonNegativeAscending } from './kernel.js';
import {
  checkTotal,
  type NegativeValuePolicy,
  type ParetoValueOptions,
  readParetoValues,
  valueOptionShape,
} from './values.js';

/**
 * Which class gets the boundary customer, the one whose cumulative value share crosses a threshold:
 * - `'include'` (default): the higher class. Class A is the fewest top customers that together bring at least the
 *   first threshold (80%) of the value; a customer stays in A while the customers ranked above it bring less than 80%.
 * - `'exclude'`: the lower class. A customer is in A only if its cumulative share, itself included, is at most 80%
 *   (the "≤ 80%" rule of spreadsheet practice), so A brings at most 80%; a single customer is then in the last class.
 *
 * Both agree when a cumulative share lands exactly on a threshold (that customer stays in the higher class).
 * Shares are compared with a relative tolerance of 1e-12, so rounding cannot move a customer across a threshold.
 */
export type AbcBoundary = 'include' | 'exclude';

/** Options of {@link abcClassify}. */
export interface AbcClassifyOptions<T = number> extends ParetoValueOptions<T> {
  /**
   * Cumulative value-share thresholds, strictly increasing, each in (0, 1); k thresholds make k + 1 classes
   * (default `[0.8, 0.95]`: A, B, C).
   */
  thresholds?: readonly number[];
  /** Class labels, one more than the thresholds, best first (default `'A'`, `'B'`, `'C'`, … up to 26 classes). */
  labels?: readonly string[];
  /** Class of the boundary customer (default `'include'`); see {@link AbcBoundary}. */
  boundary?: AbcBoundary;
}

/** Parsed form of {@link AbcClassifyOptions}. */
export interface ParsedAbcClassifyOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
  thresholds?: readonly number[] | undefined;
  labels?: readonly string[] | undefined;
  boundary?: AbcBoundary | undefined;
}

/**
 * Default ABC thresholds: 80% and 95% of cumulative value (classes A, B, C).
 *
 * @example
 * import { DEFAULT_ABC_THRESHOLDS } from 'crm-analytics/pareto';
 * DEFAULT_ABC_THRESHOLDS; // => [0.8, 0.95]
 */
export const DEFAULT_ABC_THRESHOLDS: readonly number[] = Object.freeze([0.8, 0.95]);

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Zod schema of the ABC options shared by {@link abcClassify} and {@link concentrationSummary}. @internal */
export const abcOptionShape: {
  thresholds: z.ZodOptional<z.ZodType<number[]>>;
  labels: z.ZodOptional<z.ZodType<string[]>>;
  boundary: z.ZodOptional<z.ZodType<AbcBoundary>>;
} = {
  thresholds: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .max(25)
    .refine((t) => t.every((x, i) => i === 0 || x > (t[i - 1] as number)), {
      message: 'expected strictly increasing thresholds',
    })
    .optional(),
  labels: z
    .array(z.string().min(1))
    .min(2)
    .max(26)
    .refine((l) => new Set(l).size === l.length, { message: 'expected distinct labels' })
    .optional(),
  boundary: z.enum(['include', 'exclude']).optional(),
};

/** Checks that labels, when given, number one more than the thresholds. @internal */
export function labelsMatchThresholds(o: {
  thresholds?: readonly number[] | undefined;
  labels?: readonly string[] | undefined;
}): boolean {
  return o.labels === undefined || o.labels.length === (o.thresholds ?? DEFAULT_ABC_THRESHOLDS).length + 1;
}

/**
 * Zod schema of {@link AbcClassifyOptions} (strict; thresholds strictly increasing in (0, 1), one label more than
 * thresholds).
 *
 * @example
 * import { abcClassifyOptionsSchema } from 'crm-analytics/pareto';
 * abcClassifyOptionsSchema.safeParse({ thresholds: [0.5, 0.8, 0.95] }).success; // => true
 * abcClassifyOptionsSchema.safeParse({ thresholds: [0.95, 0.8] }).success; // => false
 * abcClassifyOptionsSchema.safeParse({ thresholds: [0.8], labels: ['A', 'B', 'C'] }).success; // => false
 */
export const abcClassifyOptionsSchema: z.ZodType<ParsedAbcClassifyOptions> = z
  .strictObject({ ...valueOptionShape, ...abcOptionShape })
  .refine(labelsMatchThresholds, { message: 'expected one label more than thresholds', path: ['labels'] });

/** One class of an ABC classification. */
export interface AbcClassSummary {
  /** The class label (`'A'`, `'B'`, …). */
  label: string;
  /** Number of customers in the class. */
  count: number;
  /** `count / n`. */
  customerShare: number;
  /** Total value of the class. */
  value: number;
  /** Share of the total value; the classes' shares add up to 1. */
  valueShare: number;
  /** Smallest value in the class (`null` when the class is empty). */
  minValue: number | null;
  /** Largest value in the class (`null` when the class is empty). */
  maxValue: number | null;
}

/** One customer of an ABC classification, in input order. */
export interface AbcCustomer<T> {
  /** Position in the input. */
  index: number;
  /** The input item (the record, or the number for numeric input). */
  customer: T;
  /** The value as counted (negatives clamped under `negative: 'clamp'`). */
  value: number;
  /** The class label. */
  class: string;
  /** The class position, 0 for the best class. */
  classIndex: number;
}

/** The result of {@link abcClassify}. */
export interface AbcClassification<T> {
  /** Every customer with its class, in input order. */
  customers: AbcCustomer<T>[];
  /** Per class, best first. */
  classes: AbcClassSummary[];
  /** The thresholds used. */
  thresholds: readonly number[];
  /** The boundary convention used. */
  boundary: AbcBoundary;
}

/**
 * ABC classes from values sorted ascending and the top-down cumulative sums: a class per group of equal values
 * (ties share a class), per-class summaries, and the smallest value of each class for classifying single values.
 * @internal
 */
export function abcClassesOfSorted(
  sortedAscending: Float64Array,
  top: Float64Array,
  thresholds: readonly number[],
  boundary: AbcBoundary,
  labels: readonly string[],
): { classes: AbcClassSummary[]; lowerBounds: Float64Array } {
  const n = sortedAscending.length;
  const total = top[n] as number;
  const k = thresholds.length;
  const tolerance = 1e-12 * total;
  const limits = thresholds.map((t) => t * total);
  const counts = new Float64Array(k + 1);
  const starts = new Float64Array(k + 1).fill(-1);
  const ends = new Float64Array(k + 1);
  let cls = 0;
  let r = 0; // descending position of the first customer of the current group of equal values
  while (r < n) {
    const value = sortedAscending[n - 1 - r] as number;
    let e = r + 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: sortedAscending[−1] is undefined, which ends the loop too.
    while (e < n && sortedAscending[n - 1 - e] === value) e++;
    if (boundary === 'include') {
      const before = top[r] as number;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: limits[k] is undefined (a comparison that is false), and the tolerance makes ≥ and > differ only on an exact tie with it.
      while (cls < k && before >= (limits[cls] as number) - tolerance) cls++;
    } else {
      const through = top[e] as number;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
      while (cls < k && through > (limits[cls] as number) + tolerance) cls++;
    }
    if (starts[cls] === -1) starts[cls] = r;
    ends[cls] = e;
    counts[cls] = (counts[cls] as number) + (e - r);
    r = e;
  }
  const lowerBounds = new Float64Array(k + 1).fill(Number.POSITIVE_INFINITY);
  const classes: AbcClassSummary[] = [];
  for (let c = 0; c <= k; c++) {
    const count = counts[c] as number;
    const start = starts[c] as number;
    const end = ends[c] as number;
    const value = count === 0 ? 0 : (top[end] as number) - (top[start] as number);
    const minValue = count === 0 ? null : (sortedAscending[n - end] as number);
    if (minValue !== null) lowerBounds[c] = minValue;
    classes.push({
      label: labels[c] as string,
      count,
      customerShare: count / n,
      value,
      valueShare: value / total,
      minValue,
      maxValue: count === 0 ? null : (sortedAscending[n - 1 - start] as number),
    });
  }
  return { classes, lowerBounds };
}

/**
 * The class index of a value given each class's smallest value (classes are contiguous in value, best first).
 * @internal
 */
export function classOfValue(value: number, lowerBounds: Float64Array): number {
  // Stryker disable next-line ArithmeticOperator: every value is ≥ its own class's bound, so the loop returns by then.
  const last = lowerBounds.length - 1;
  // Stryker disable next-line EqualityOperator: as above.
  for (let c = 0; c < last; c++) if (value >= (lowerBounds[c] as number)) return c;
  return last;
}

/** Default class labels for `count` classes: A, B, C, … @internal */
export function defaultAbcLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => LETTERS[i] as string);
}

/**
 * ABC classification of customers by cumulative share of value: the top customers that bring the first 80% of the
 * value are A, the next 15% B, the rest C (thresholds `[0.8, 0.95]`); more thresholds give more classes (A, B, C,
 * D, …).
 *
 * Method: sort by value, highest first; accumulate value shares; a customer's class is the number of thresholds
 * already reached. The boundary customer (whose cumulative share crosses a threshold) goes to the higher class by
 * default (`boundary: 'include'`, so A always brings at least 80%); `'exclude'` puts it in the lower class (the
 * "cumulative share ≤ 80%" rule; R `inventorize::ABC` uses a strict `<`, which differs only when a cumulative share
 * lands exactly on a threshold); see {@link AbcBoundary}. Customers with equal values always get the same class,
 * decided by the first of them in the ranking, so the classes are monotone: a higher value never gets a lower class.
 * Zeros count as customers (in the last class unless everything else is zero-valued). The 80/95 cut-offs are the
 * common inventory convention (Dickie, H. F. (1951), "ABC inventory analysis shoots for dollars, not pennies",
 * Factory Management and Maintenance 109(7));
 * the textbook's customer version (about 20% of customers with 80% of profit) is the same idea seen from the count of
 * customers; see {@link customerPyramid} for classes by customer count.
 *
 * @param values - plain or typed array of numbers, or records with `options.value`
 * @param options - {@link AbcClassifyOptions}
 * @returns {@link AbcClassification}: customers with their class (input order) and per-class counts and shares
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a bad value; `DOMAIN_ERROR`
 * when the total value is 0; `INVALID_OPTION` for bad thresholds or labels.
 *
 * @example
 * import { abcClassify } from 'crm-analytics/pareto';
 * abcClassify([50, 30, 15, 5]).customers.map((c) => c.class); // => ['A', 'A', 'B', 'C']
 * abcClassify([60, 30, 10]).customers.map((c) => c.class); // => ['A', 'A', 'B']
 * abcClassify([60, 30, 10], { boundary: 'exclude' }).customers.map((c) => c.class); // => ['A', 'B', 'C']
 * abcClassify([50, 30, 15, 5]).classes[0]; // => { label: 'A', count: 2, customerShare: 0.5, value: 80, valueShare: 0.8 }
 * abcClassify([{ id: 1, sales: 900 }, { id: 2, sales: 100 }], { value: 'sales', thresholds: [0.5] }).customers[1].class; // => 'B'
 * abcClassify([1, 2], { thresholds: [0.9, 0.5] }); // throws INVALID_OPTION
 */
export function abcClassify(
  values: ArrayLike<number> | Iterable<number>,
  options?: AbcClassifyOptions<number>,
): AbcClassification<number>;
export function abcClassify<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: AbcClassifyOptions<T> & { value: Accessor<T, number> },
): AbcClassification<T>;
export function abcClassify(
  input: ArrayLike<unknown> | Iterable<unknown>,
  options?: unknown,
): AbcClassification<unknown> {
  const parsed = parseOptions(abcClassifyOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const thresholds = [...(parsed.thresholds ?? DEFAULT_ABC_THRESHOLDS)];
  const boundary = parsed.boundary ?? 'include';
  const labels = parsed.labels ?? defaultAbcLabels(thresholds.length + 1);
  const values = read.values;
  const sorted = sortNonNegativeAscending(new Float64Array(values));
  const top = cumulativeFromTop(sorted);
  checkTotal(top[sorted.length] as number, read.name);
  const { classes, lowerBounds } = abcClassesOfSorted(sorted, top, thresholds, boundary, labels);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below.
  const customers: AbcCustomer<unknown>[] = new Array<AbcCustomer<unknown>>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const classIndex = classOfValue(value, lowerBounds);
    customers[i] = { index: i, customer: read.source[i], value, class: labels[classIndex] as string, classIndex };
  }
  return { customers, classes, thresholds, boundary };
}
