import * as z from 'zod';
import { emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import {
  type Accessor,
  accessorSchema,
  inputReadError,
  parseOptions,
  readField,
  toAccessorFunction,
  toRecordArray,
} from '../core/validate.js';
import { type SurveyInterval, studentTCriticalValue, symmetricInterval } from './intervals.js';
import { confidenceLevelSchema, normalizeWeights, ratingScaleSchema, weightListSchema } from './validation.js';

/** Options of {@link satisfactionIndex}. */
export interface SatisfactionIndexOptions<T> {
  /** The answer fields, one per item: a field name or a function `(response, index) => answer`. At least one. */
  items: ReadonlyArray<Accessor<T, unknown>>;
  /** The answer scale `[min, max]` shared by the items (required; ACSI uses `[1, 10]`). */
  scale: readonly [number, number];
  /** Weight per item (non-negative, at least one positive; normalized to sum 1). Default: equal weights. */
  weights?: readonly number[];
  /**
   * Names of the items in the result and in error messages. Default: the field name, or `item1`, `item2`, …
   * for accessor functions.
   */
  labels?: readonly string[];
  /** Two-sided confidence level, 0 < level < 1. Default `0.95`. */
  confidenceLevel?: number;
}

/** One item of a {@link SatisfactionIndexResult}. */
export interface SatisfactionIndexItem {
  /** The item's label. */
  readonly item: string;
  /** Mean answer on the answer scale, over the respondents who answered. */
  readonly mean: number;
  /** The mean rescaled to 0–100: (mean − min)/(max − min)·100. */
  readonly score: number;
  /** Normalized weight of the item. */
  readonly weight: number;
  /** Number of respondents who answered the item. */
  readonly answered: number;
  /** Number of respondents whose answer was `null` or `undefined`. */
  readonly missing: number;
}

/** Result of {@link satisfactionIndex}. */
export interface SatisfactionIndexResult {
  /** The index on 0–100: Σ wₖ·scoreₖ. */
  readonly index: number;
  /** Standard error of the index, in index points (see the method in {@link satisfactionIndex}). */
  readonly standardError: number;
  /** Student t interval of the index, clamped to [0, 100]. */
  readonly ci: SurveyInterval;
  /** Number of responses. */
  readonly n: number;
  /** Number of responses that answered every item. */
  readonly complete: number;
  /** Per-item means, scores, weights and answer counts, in the order of `items`. */
  readonly items: readonly SatisfactionIndexItem[];
  /** The confidence level used. */
  readonly confidenceLevel: number;
}

/** Zod schema of {@link SatisfactionIndexOptions}. */
export const satisfactionIndexOptionsSchema: z.ZodType<{
  items: ReadonlyArray<Accessor<unknown, unknown>>;
  scale: readonly [number, number];
  weights?: readonly number[] | undefined;
  labels?: readonly string[] | undefined;
  confidenceLevel: number;
}> = z
  .object({
    items: z.array(accessorSchema<Accessor<unknown, unknown>>()).min(1),
    scale: ratingScaleSchema,
    weights: weightListSchema.optional(),
    labels: z.array(z.string()).optional(),
    confidenceLevel: confidenceLevelSchema.default(0.95),
  })
  .strict();

/**
 * An ACSI-style satisfaction index on 0–100 from multi-item survey answers: each item's mean is rescaled
 * (x̄ₖ − min)/(max − min)·100 and the index is the weighted mean of the item scores, Σ wₖ·scoreₖ (weights
 * normalized; equal if omitted — the ACSI itself estimates them by PLS, which is out of scope here: pass them).
 *
 * Missing answers: `null` or `undefined` for an item is excluded from that item's mean and counted in
 * `missing`; any other non-number, or a number off the scale, is an error.
 *
 * Method (standard error): the index is linear in the item means, so
 * Var(index) = Σₖ Σₗ wₖ wₗ · nₖₗ σₖₗ / (nₖ nₗ), on the 0–100 rescaled answers, with nₖ the answers to item k,
 * nₖₗ the respondents who answered both k and l, and σₖₗ their pairwise-complete sample covariance (divisor
 * nₖₗ − 1; 0 when nₖₗ < 2). This uses the item correlations (ignoring them would misstate the error) and every
 * available answer, consistently with the point estimate; with no missing answers it is exactly the variance of
 * the per-respondent weighted scores divided by n, and is computed that way then (a sum of squares loses no
 * digits to cancellation). (A pairwise covariance matrix can be indefinite; a negative total is clamped to 0.) Interval: index ± t_{1−α/2, ν}·SE with ν = minₖ nₖ − 1 (the exact one-sample t interval
 * when nothing is missing, conservative otherwise), clamped to [0, 100].
 *
 * @param responses - survey responses (array or iterable of records)
 * @param options - see {@link SatisfactionIndexOptions}; `items` and `scale` are required
 * @returns the 0–100 index, its standard error and interval, and per-item details
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `responses[i].<item>` for a present answer that is not a
 *   finite number on the scale, or for an item with fewer than 2 answers; `EMPTY_INPUT` for no responses;
 *   `INVALID_OPTION` for bad options (weights or labels of the wrong length, a bad scale).
 *
 * References: Fornell, Johnson, Anderson, Cha & Bryant (1996), "The American Customer Satisfaction Index:
 * nature, purpose, and findings", J. Marketing 60(4), 7–18, doi:10.1177/002224299606000403; Fornell (1992),
 * "A national customer satisfaction barometer: the Swedish experience", J. Marketing 56(1), 6–21.
 *
 * @example
 * import { satisfactionIndex } from 'crm-analytics/satisfaction';
 * const responses = [{ q1: 8, q2: 9 }, { q1: 10, q2: 7 }, { q1: 6, q2: null }, { q1: 9, q2: 8 }];
 * const r = satisfactionIndex(responses, { items: ['q1', 'q2'], scale: [1, 10] });
 * r.index; // => 79.17
 * r.items[1]; // => { item: 'q2', mean: 8, score: 77.78, answered: 3, missing: 1 }
 * satisfactionIndex([{ q1: 11 }, { q1: 5 }], { items: ['q1'], scale: [1, 10] }); // throws INVALID_INPUT
 */
export function satisfactionIndex<T>(
  responses: Iterable<T> | ArrayLike<T>,
  options: SatisfactionIndexOptions<T>,
): SatisfactionIndexResult {
  const opts = parseOptions(satisfactionIndexOptionsSchema, options);
  const records = toRecordArray(responses, 'responses');
  const n = records.length;
  if (n === 0) throw emptyInput('responses', 1, 'response');
  const K = opts.items.length;
  const weights = normalizeWeights(opts.weights, K, 'weights');
  if (opts.labels !== undefined && opts.labels.length !== K) {
    throw invalidWithReason(
      ['options', 'labels'],
      `expected ${K} label${K === 1 ? '' : 's'} (one per item), got ${opts.labels.length}`,
      'INVALID_OPTION',
    );
  }
  const labels = opts.items.map((item, k) => opts.labels?.[k] ?? (typeof item === 'string' ? item : `item${k + 1}`));
  const readers = opts.items.map((item) => toAccessorFunction(item as Accessor<T, unknown>));
  const [min, max] = opts.scale;
  const range = max - min;
  const expected = `a number from ${min} to ${max} (or null for no answer)`;

  // Rescaled answers, item-major; NaN marks a missing answer (internal only, never returned).
  const rescaled = new Float64Array(K * n);
  const answered = new Array<number>(K).fill(0);
  let complete = 0;
  let i = 0;
  try {
    for (; i < n; i++) {
      const record = records[i] as T;
      let all = true;
      for (let k = 0; k < K; k++) {
        const label = labels[k] as string;
        const value = readField(readers[k] as (r: T, i: number) => unknown, record, i, ['responses', i, label]);
        if (value === null || value === undefined) {
          rescaled[k * n + i] = Number.NaN;
          all = false;
          continue;
        }
        if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
          throw invalidValue(['responses', i, label], expected, value);
        }
        rescaled[k * n + i] = ((value - min) / range) * 100;
        answered[k] = (answered[k] as number) + 1;
      }
      if (all) complete++;
    }
  } catch (cause) {
    throw inputReadError(cause, ['responses', i]);
  }

  // Stryker disable next-line ArrayDeclaration: a preallocated length only; the loop assigns indices 0..K-1 in order before any read
  const scores = new Array<number>(K);
  let minAnswered = n;
  // Stryker disable next-line EqualityOperator: k = K reads undefined counts (comparisons false) and writes a NaN scores[K] that is never read
  for (let k = 0; k < K; k++) {
    const count = answered[k] as number;
    if (count < 2) throw emptyInput(`responses.${labels[k] as string}`, 2, 'answer', count);
    // Stryker disable next-line EqualityOperator: on equality the assignment stores the same count
    if (count < minAnswered) minAnswered = count;
    const sum = new CompensatedAccumulator();
    for (let i = 0; i < n; i++) {
      const v = rescaled[k * n + i] as number;
      if (!Number.isNaN(v)) sum.add(v);
    }
    scores[k] = sum.value / count;
  }
  const indexSum = new CompensatedAccumulator();
  for (let k = 0; k < K; k++) indexSum.add((weights[k] as number) * (scores[k] as number));
  // Normalized weights can sum to 1 ± ulp: keep the index inside its documented 0–100 range.
  const index = Math.min(100, Math.max(0, indexSum.value));

  const variance =
    complete === n ? completeCaseVariance(rescaled, n, weights) : pairwiseVariance(rescaled, n, weights, answered);
  // Stryker disable next-line EqualityOperator: sqrt(+0) = +0, and the compensated sums never yield −0
  const standardError = variance > 0 ? Math.sqrt(variance) : 0;
  const ci = symmetricInterval(
    index,
    standardError,
    studentTCriticalValue(opts.confidenceLevel, minAnswered - 1),
    0,
    100,
  );
  const items: SatisfactionIndexItem[] = [];
  for (let k = 0; k < K; k++) {
    const score = scores[k] as number;
    items.push({
      item: labels[k] as string,
      mean: min + (score / 100) * range,
      score,
      weight: weights[k] as number,
      answered: answered[k] as number,
      missing: n - (answered[k] as number),
    });
  }
  return { index, standardError, ci, n, complete, items, confidenceLevel: opts.confidenceLevel };
}

/**
 * Var(index) when every response answered every item: the sample variance of the per-respondent weighted
 * scores over n. Algebraically the same as {@link pairwiseVariance}, but a sum of squares rather than a
 * quadratic form, so it does not lose digits to cancellation when the weighted scores barely vary.
 */
function completeCaseVariance(rescaled: Float64Array, n: number, weights: readonly number[]): number {
  const scores = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: i = n computes a NaN score and writes it past the end of the Float64Array, which is ignored
  for (let i = 0; i < n; i++) {
    let score = 0;
    // Stryker disable next-line AssignmentOperator: -= negates every score exactly (rounding is sign-symmetric), which leaves their variance bit-identical
    for (let k = 0; k < weights.length; k++) score += (weights[k] as number) * (rescaled[k * n + i] as number);
    scores[i] = score;
  }
  const sum = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) sum.add(scores[i] as number);
  const mean = sum.value / n;
  const squares = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) {
    const deviation = (scores[i] as number) - mean;
    squares.add(deviation * deviation);
  }
  return squares.value / (n - 1) / n;
}

/** Var(index) = Σₖ Σₗ wₖ wₗ · nₖₗ σₖₗ / (nₖ nₗ) with pairwise-complete covariances (answers missing). */
function pairwiseVariance(
  rescaled: Float64Array,
  n: number,
  weights: readonly number[],
  answered: readonly number[],
): number {
  const K = weights.length;
  const variance = new CompensatedAccumulator();
  // Stryker disable next-line EqualityOperator: at k = K the inner loop (l from K while l < K) does not run
  for (let k = 0; k < K; k++) {
    for (let l = k; l < K; l++) {
      const term =
        ((weights[k] as number) * (weights[l] as number) * pairwiseCovarianceSum(rescaled, n, k, l)) /
        ((answered[k] as number) * (answered[l] as number));
      variance.add(k === l ? term : 2 * term);
    }
  }
  return variance.value;
}

/**
 * nₖₗ·σₖₗ: the pairwise-complete sample covariance of items k and l times the number of respondents who answered
 * both (0 when fewer than 2 did). For k = l it is nₖ times the item's sample variance.
 */
function pairwiseCovarianceSum(rescaled: Float64Array, n: number, k: number, l: number): number {
  let count = 0;
  const sumK = new CompensatedAccumulator();
  const sumL = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) {
    const a = rescaled[k * n + i] as number;
    const b = rescaled[l * n + i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    count++;
    sumK.add(a);
    sumL.add(b);
  }
  if (count < 2) return 0;
  const meanK = sumK.value / count;
  const meanL = sumL.value / count;
  const products = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) {
    const a = rescaled[k * n + i] as number;
    const b = rescaled[l * n + i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    products.add((a - meanK) * (b - meanL));
  }
  return (count * products.value) / (count - 1);
}
