import * as z from 'zod';
import type { Accessor } from '../core/validate.js';
import { parseOptions } from '../core/validate.js';
import { correctGini, type GiniCorrection } from './gini.js';
import {
  abRuleOf,
  customersForShareOf,
  orderByValueDescending,
  type ParetoAbRule,
  scanSorted,
  sortNonNegativeAscending,
  topShareOf,
} from './kernel.js';
import {
  checkTotal,
  expectUnitInterval,
  type NegativeValuePolicy,
  type ParetoValueOptions,
  readParetoValues,
  valueOptionShape,
} from './values.js';

export type { ParetoAbRule } from './kernel.js';

/** Options of {@link paretoAnalysis}. */
export interface ParetoAnalysisOptions<T = number> extends ParetoValueOptions<T> {
  /** Small-sample correction of the `gini` field (default `'none'`); see {@link GiniCorrection}. */
  correction?: GiniCorrection;
}

/** Parsed form of {@link ParetoAnalysisOptions}. */
export interface ParsedParetoAnalysisOptions {
  value?: Accessor<unknown, number> | undefined;
  negative?: NegativeValuePolicy | undefined;
  correction?: GiniCorrection | undefined;
}

/**
 * Zod schema of {@link ParetoAnalysisOptions} (strict).
 *
 * @example
 * import { paretoAnalysisOptionsSchema } from 'crm-analytics/pareto';
 * paretoAnalysisOptionsSchema.safeParse({ value: 'spend', negative: 'clamp' }).success; // => true
 * paretoAnalysisOptionsSchema.safeParse({ negative: 'drop' }).success; // => false
 */
export const paretoAnalysisOptionsSchema: z.ZodType<ParsedParetoAnalysisOptions> = z.strictObject({
  ...valueOptionShape,
  correction: z.enum(['none', 'sample']).optional(),
});

/** One customer in a {@link ParetoAnalysisResult}, in descending order of value. */
export interface ParetoRow<T> {
  /** 1 for the most valuable customer; ties are ranked in input order. */
  rank: number;
  /** Position of the customer in the input. */
  index: number;
  /** The input item (the record, or the number for numeric input). */
  customer: T;
  /** The value as counted (negative values clamped to 0 under `negative: 'clamp'`). */
  value: number;
  /** `value / total`. */
  share: number;
  /** `rank / n`: share of customers from the top down to this one. */
  cumulativeCustomerShare: number;
  /** Share of the total value brought by the customers from the top down to this one; exactly 1 on the last row. */
  cumulativeValueShare: number;
}

/** The serializable data of a {@link ParetoAnalysisResult} (what `JSON.stringify` writes). */
export interface ParetoAnalysisJSON<T> {
  count: number;
  total: number;
  gini: number;
  abRule: ParetoAbRule;
  rows: readonly ParetoRow<T>[];
}

/**
 * The result of {@link paretoAnalysis}: headline figures as fields, the concentration curve as methods, and the
 * sorted rows built on first access.
 *
 * `topShare` and `customersForShare` are function-valued properties bound to the result, so they also work when
 * destructured (`const { topShare } = result`). They are not data: `JSON.stringify(result)` writes
 * {@link ParetoAnalysisJSON} (`count`, `total`, `gini`, `abRule`, `rows`) through `toJSON`, and a parsed copy has no
 * methods; keep the result (or call {@link paretoAnalysis} again) to ask for other shares.
 *
 * @example
 * import { ParetoAnalysisResult, paretoAnalysis } from 'crm-analytics/pareto';
 * const result = paretoAnalysis([50, 30, 15, 5]);
 * result instanceof ParetoAnalysisResult; // => true
 * const { topShare } = result;
 * topShare(0.5); // => 0.8
 * JSON.parse(JSON.stringify(result)).abRule.label; // => '36/64'
 * JSON.parse(JSON.stringify(result)).topShare; // => undefined
 */
export class ParetoAnalysisResult<T> {
  /** Number of customers n (zeros included). */
  readonly count: number;
  /** Total value Σx (compensated sum). */
  readonly total: number;
  /** Gini coefficient (with the requested correction); see {@link gini}. */
  readonly gini: number;
  /** The a/b rule, e.g. `{ customerShare: 0.23, valueShare: 0.77, label: '23/77' }`; see {@link paretoAnalysis}. */
  readonly abRule: ParetoAbRule;
  /**
   * Share of the total value brought by the top `fraction` of customers (0 to 1), e.g. `topShare(0.2)`.
   * Linear between customers: the top 2.5 customers bring the top 2 plus half of the third's value.
   */
  readonly topShare: (fraction: number) => number;
  /**
   * The smallest fraction of customers, from the top, that brings `share` (0 to 1) of the value, e.g.
   * `customersForShare(0.8)`; the inverse of `topShare`, linear between customers.
   */
  readonly customersForShare: (share: number) => number;
  readonly #sortedAscending: Float64Array;
  readonly #top: Float64Array;
  readonly #values: Float64Array;
  readonly #source: ArrayLike<unknown>;
  #rows: ParetoRow<T>[] | undefined;

  /** @internal Use {@link paretoAnalysis}. */
  constructor(
    values: Float64Array,
    source: ArrayLike<unknown>,
    sortedAscending: Float64Array,
    top: Float64Array,
    gini: number,
  ) {
    this.#values = values;
    this.#source = source;
    this.#sortedAscending = sortedAscending;
    this.#top = top;
    this.count = sortedAscending.length;
    this.total = top[sortedAscending.length] as number;
    this.gini = gini;
    this.abRule = abRuleOf(sortedAscending, top);
    this.topShare = (fraction: number): number =>
      topShareOf(this.#sortedAscending, this.#top, expectUnitInterval(fraction, 'fraction'));
    this.customersForShare = (share: number): number =>
      customersForShareOf(this.#top, expectUnitInterval(share, 'share'));
  }

  /** The customers sorted by value, highest first (built on first access, then cached). */
  get rows(): readonly ParetoRow<T>[] {
    // Stryker disable next-line ConditionalExpression: building the rows again gives the same rows (the cache saves time).
    if (this.#rows === undefined) this.#rows = this.#buildRows();
    return this.#rows;
  }

  /** The serializable data: `count`, `total`, `gini`, `abRule` and `rows`. */
  toJSON(): ParetoAnalysisJSON<T> {
    return { count: this.count, total: this.total, gini: this.gini, abRule: this.abRule, rows: this.rows };
  }

  #buildRows(): ParetoRow<T>[] {
    const values = this.#values;
    const n = values.length;
    const order = orderByValueDescending(values);
    const top = this.#top;
    const total = this.total;
    // Stryker disable next-line ArrayDeclaration: every index is assigned below.
    const rows: ParetoRow<T>[] = new Array<ParetoRow<T>>(n);
    for (let r = 0; r < n; r++) {
      const index = order[r] as number;
      const value = values[index] as number;
      const cumulative = (top[r + 1] as number) / total;
      rows[r] = {
        rank: r + 1,
        index,
        customer: this.#source[index] as T,
        value,
        share: value / total,
        cumulativeCustomerShare: (r + 1) / n,
        // Stryker disable next-line ConditionalExpression,ArithmeticOperator: top[n] is the total, so the last share is 1 already.
        cumulativeValueShare: r === n - 1 ? 1 : Math.min(cumulative, 1),
      };
    }
    return rows;
  }
}

/**
 * 80/20 analysis of a customer base: how much of the value the top customers bring, and the "a/b rule" that
 * describes the data (the real numbers behind "20% of customers bring 80% of sales").
 *
 * Customers are sorted by value, highest first; the concentration curve joins the points
 * (k/n, value share of the top k) from (0, 0) to (1, 1) with straight segments (a fractional customer brings that
 * fraction of its value; this is the Lorenz curve turned around, V(f) = 1 − L(1 − f)). On this curve:
 * - `topShare(f)` is V(f), the share of value of the top fraction f of customers;
 * - `customersForShare(s)` is the smallest f with V(f) = s;
 * - `abRule` is the point where customer share + value share = 100%: the top a% of customers bring b% = (100 − a)%
 *   of the value. It exists and is unique because f + V(f) rises strictly from 0 to 2; it is solved exactly on the
 *   segment where f + V(f) crosses 1, and `label` rounds a to a whole percent ("23/77"; "50/50" when all customers
 *   bring the same). In inequality research this point is the Kolkata index k (Ghosh, Chattopadhyay & Chakrabarti
 *   2014, Physica A 410, 30–34; survey: Banerjee et al. 2020, Frontiers in Physics 8:562182,
 *   doi:10.3389/fphy.2020.562182), with a = 1 − k.
 *
 * The result also carries the Gini coefficient and the rows (rank, value, share, cumulative shares of customers and
 * value), built only when `rows` is first read so that the figures of a large customer base cost only a sort. Use
 * {@link concentrationSummary} for a fixed set of figures without keeping the arrays.
 *
 * @param values - plain or typed array of numbers, or records with `options.value`
 * @param options - {@link ParetoAnalysisOptions}
 * @returns a {@link ParetoAnalysisResult}
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` for a bad value (or a bad argument
 * of `topShare` / `customersForShare`); `DOMAIN_ERROR` when the total value is 0; `INVALID_OPTION` for bad options.
 *
 * @example
 * import { paretoAnalysis } from 'crm-analytics/pareto';
 * const result = paretoAnalysis([{ id: 'a', spend: 15 }, { id: 'b', spend: 50 }, { id: 'c', spend: 5 }, { id: 'd', spend: 30 }], { value: 'spend' });
 * result.topShare(0.25); // => 0.5
 * result.topShare(0.5); // => 0.8
 * result.customersForShare(0.8); // => 0.5
 * result.abRule.label; // => '36/64'
 * result.gini; // => 0.375
 * result.rows[0]; // => { rank: 1, index: 1, value: 50, share: 0.5, cumulativeCustomerShare: 0.25, cumulativeValueShare: 0.5 }
 * result.rows[0].customer.id; // => 'b'
 * paretoAnalysis([4, 4, 4, 4]).abRule.label; // => '50/50'
 * paretoAnalysis([]); // throws EMPTY_INPUT
 */
export function paretoAnalysis(
  values: ArrayLike<number> | Iterable<number>,
  options?: ParetoAnalysisOptions<number>,
): ParetoAnalysisResult<number>;
export function paretoAnalysis<T>(
  customers: ArrayLike<T> | Iterable<T>,
  options: ParetoAnalysisOptions<T> & { value: Accessor<T, number> },
): ParetoAnalysisResult<T>;
export function paretoAnalysis(
  input: ArrayLike<unknown> | Iterable<unknown>,
  options?: unknown,
): ParetoAnalysisResult<unknown> {
  const parsed = parseOptions(paretoAnalysisOptionsSchema, options);
  const read = readParetoValues(input, parsed.value, parsed.negative);
  const sorted = sortNonNegativeAscending(new Float64Array(read.values));
  const scan = scanSorted(sorted, true);
  checkTotal(scan.total, read.name);
  const g = correctGini(scan.gini, sorted.length, parsed.correction ?? 'none');
  return new ParetoAnalysisResult(read.values, read.source, sorted, scan.top as Float64Array, g);
}
