import * as z from 'zod';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import {
  type AbcBoundary,
  type AbcClassSummary,
  abcClassesOfSorted,
  abcOptionShape,
  DEFAULT_ABC_THRESHOLDS,
  defaultAbcLabels,
  labelsMatchThresholds,
} from './abcClassify.js';
import { correctGini, type GiniCorrection } from './gini.js';
import {
  abRuleOf,
  customersForShareOf,
  normalizeHerfindahl,
  type ParetoAbRule,
  scanSorted,
  sortNonNegativeAscending,
  topShareOf,
} from './kernel.js';
import {
  checkTotal,
  type NegativeValuePolicy,
  type ParetoValueOptions,
  readParetoValues,
  valueOptionShape,
} from './values.js';

/** Options of {@link concentrationSummary}. */
export interface ConcentrationSummaryOptions<T = number> extends ParetoValueOptions<T> {
  /** Fraction of top customers for `topShare` (default 0.2). */
  topFraction?: number;
  /** Value share for `customersForShare` (default 0.8). */
  share?: number;
  /** Small-sample correction of `gini` (default `'none'`). */
  correction?: GiniCorrection;
  /** ABC thresholds (default `[0.8, 0.95]`); see {@link abcClassify}. */
  thresholds?: readonly number[];
  /** ABC class labels (default A, B, C, …). */
  labels?: readonly string[];
  /** ABC boundary convention (default `'include'`). */
  boundary?: AbcBoundary;
}

/** Parsed form of {@link ConcentrationSummaryOptions}. */
export interface ParsedConcentrationSummaryOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
  topFraction?: number | undefined;
  share?: number | undefined;
  correction?: GiniCorrection | undefined;
  thresholds?: readonly number[] | undefined;
  labels?: readonly string[] | undefined;
  boundary?: AbcBoundary | undefined;
}

/**
 * Zod schema of {@link ConcentrationSummaryOptions} (strict).
 *
 * @example
 * import { concentrationSummaryOptionsSchema } from 'crm-analytics/pareto';
 * concentrationSummaryOptionsSchema.safeParse({ topFraction: 0.1, share: 0.5 }).success; // => true
 * concentrationSummaryOptionsSchema.safeParse({ topFraction: 10 }).success; // => false
 */
export const concentrationSummaryOptionsSchema: z.ZodType<ParsedConcentrationSummaryOptions> = z
  .strictObject({
    ...valueOptionShape,
    ...abcOptionShape,
    topFraction: z.number().min(0).max(1).optional(),
    share: z.number().min(0).max(1).optional(),
    correction: z.enum(['none', 'sample']).optional(),
  })
  .refine(labelsMatchThresholds, { message: 'expected one label more than thresholds', path: ['labels'] });

/** The result of {@link concentrationSummary}. */
export interface ConcentrationSummary {
  /** Number of customers n (zeros included). */
  count: number;
  /** Total value. */
  total: number;
  /** Gini coefficient (with the requested correction). */
  gini: number;
  /** Herfindahl index `Σ s_i²` and its normalized form; see {@link herfindahl}. */
  herfindahl: { index: number; normalized: number };
  /** `share`: value share of the top `fraction` of customers. */
  topShare: { fraction: number; share: number };
  /** `customerShare`: the fraction of top customers that brings `share` of the value. */
  customersForShare: { share: number; customerShare: number };
  /** The a/b rule; see {@link paretoAnalysis}. */
  abRule: ParetoAbRule;
  /** ABC classes by cumulative value share; see {@link abcClassify}. */
  abc: { thresholds: readonly number[]; boundary: AbcBoundary; classes: AbcClassSummary[] };
}

/**
 * The headline concentration figures of a customer base in one pass over a sorted copy, for large inputs: Gini,
 * Herfindahl, top-share, customers-for-share, the a/b rule and the ABC class counts, without building an object per
 * customer.
 *
 * Same definitions as {@link gini}, {@link herfindahl}, {@link paretoAnalysis} (`topShare`, `customersForShare`,
 * `abRule`) and {@link abcClassify} (class counts and shares). Method: one copy into a `Float64Array`, checked in a
 * tight loop; a radix sort of the IEEE 754 bit patterns (non-negative doubles sort like their bits); one compensated
 * cumulative pass from the top; Gini, the ABC groups and binary searches on the cumulative array. Memory: three
 * arrays of n doubles. 10 million values take about 0.8 s of CPU time (see `bench/pareto.bench.ts`).
 *
 * @param values - plain or typed array of numbers (a `Float64Array` is fastest), or records with `options.value`
 * @param options - {@link ConcentrationSummaryOptions}
 * @returns {@link ConcentrationSummary}
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a bad value; `DOMAIN_ERROR`
 * when the total value is 0; `INVALID_OPTION` for bad options.
 *
 * @example
 * import { concentrationSummary } from 'crm-analytics/pareto';
 * const summary = concentrationSummary(new Float64Array([50, 30, 15, 5]));
 * summary.gini; // => 0.375
 * summary.topShare; // => { fraction: 0.2, share: 0.4 }
 * summary.customersForShare; // => { share: 0.8, customerShare: 0.5 }
 * summary.abRule.label; // => '36/64'
 * summary.abc.classes.map((c) => c.count); // => [2, 1, 1]
 * concentrationSummary([1, 2], { topFraction: 2 }); // throws INVALID_OPTION
 */
export function concentrationSummary(
  values: ArrayLike<number> | Iterable<number>,
  options?: ConcentrationSummaryOptions<number>,
): ConcentrationSummary;
export function concentrationSummary<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: ConcentrationSummaryOptions<T> & { value: Accessor<T, number> },
): ConcentrationSummary;
export function concentrationSummary(
  input: ArrayLike<unknown> | Iterable<unknown>,
  options?: unknown,
): ConcentrationSummary {
  const parsed = parseOptions(concentrationSummaryOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const sorted = sortNonNegativeAscending(read.values);
  const n = sorted.length;
  const scan = scanSorted(sorted, true);
  const total = scan.total;
  checkTotal(total, read.name);
  const top = scan.top as Float64Array;
  const thresholds = [...(parsed.thresholds ?? DEFAULT_ABC_THRESHOLDS)];
  const boundary = parsed.boundary ?? 'include';
  const labels = parsed.labels ?? defaultAbcLabels(thresholds.length + 1);
  const fraction = parsed.topFraction ?? 0.2;
  const share = parsed.share ?? 0.8;
  return {
    count: n,
    total,
    gini: correctGini(scan.gini, n, parsed.correction ?? 'none'),
    herfindahl: normalizeHerfindahl(scan.herfindahl, n),
    topShare: { fraction, share: topShareOf(sorted, top, fraction) },
    customersForShare: { share, customerShare: customersForShareOf(top, share) },
    abRule: abRuleOf(sorted, top),
    abc: { thresholds, boundary, classes: abcClassesOfSorted(sorted, top, thresholds, boundary, labels).classes },
  };
}
