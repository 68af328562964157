import * as z from 'zod';
import { invalidWithReason } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
import { normalCriticalValue, type SurveyInterval, wilsonInterval } from './intervals.js';
import { confidenceLevelSchema, integerScaleSchema, readScaleScores } from './validation.js';

/** Options of {@link csat}. */
export interface CsatOptions {
  /** The answer scale `[min, max]`, whole numbers. Default `[1, 5]`. */
  scale?: readonly [number, number];
  /** How many top answers count as satisfied (top-k box): answers ≥ max − topBox + 1. Default `2` (4–5 on 1–5). */
  topBox?: number;
  /** Two-sided confidence level, 0 < level < 1. Default `0.95`. */
  confidenceLevel?: number;
}

/** Result of {@link csat}. */
export interface CsatResult {
  /** Share of satisfied answers (top box), a fraction 0–1. */
  readonly share: number;
  /** Number of satisfied answers. */
  readonly satisfied: number;
  /** Number of answers. */
  readonly n: number;
  /** Wilson score interval of the share (fractions 0–1). */
  readonly ci: SurveyInterval;
  /** The lowest answer counted as satisfied. */
  readonly threshold: number;
  /** The confidence level used. */
  readonly confidenceLevel: number;
}

/** Zod schema of {@link CsatOptions}. */
export const csatOptionsSchema: z.ZodType<{
  scale: readonly [number, number];
  topBox: number;
  confidenceLevel: number;
}> = z
  .object({
    scale: integerScaleSchema.default([1, 5]),
    topBox: z.number().int().positive().default(2),
    confidenceLevel: confidenceLevelSchema.default(0.95),
  })
  .strict();

/**
 * Customer satisfaction score (CSAT): the share of answers in the top `topBox` categories of a rating scale —
 * by default the share of 4s and 5s on a 1–5 scale ("top-2-box") — with a Wilson score interval.
 *
 * Wilson interval for x satisfied out of n at critical value z:
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Unlike the Wald interval it stays inside [0, 1] and
 * does not collapse when p̂ is 0 or 1 (Newcombe 1998 recommends it among seven methods).
 *
 * @param scores - answers, whole numbers on the scale (array, array-like or iterable)
 * @param options - see {@link CsatOptions}
 * @returns the satisfied share (fraction 0–1), counts and its Wilson interval
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `scores[i]` for an answer off the scale or not whole;
 *   `EMPTY_INPUT` for no answers; `INVALID_OPTION` for a bad scale, a `topBox` not smaller than the number of
 *   categories, or a bad level.
 *
 * References: Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA
 * 22(158), 209–212, doi:10.1080/01621459.1927.10502953; Newcombe (1998), "Two-sided confidence intervals for
 * the single proportion: comparison of seven methods", Statistics in Medicine 17(8), 857–872,
 * doi:10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E.
 *
 * @example
 * import { csat } from 'crm-analytics/satisfaction';
 * csat([5, 4, 4, 3, 5, 2, 5, 4]).share; // => 0.75
 * csat([5, 4, 4, 3, 5, 2, 5, 4], { topBox: 1 }).satisfied; // => 3
 * csat([5, 4, 4, 3, 5, 2, 5, 4]).ci; // => { lower: 0.4093, upper: 0.9285 }
 * csat([5, 6]); // throws INVALID_INPUT
 */
export function csat(scores: Iterable<number> | ArrayLike<number>, options?: CsatOptions): CsatResult {
  const opts = parseOptions(csatOptionsSchema, options);
  const [min, max] = opts.scale;
  if (opts.topBox > max - min) {
    throw invalidWithReason(
      ['options', 'topBox'],
      `expected fewer top boxes than the ${max - min + 1} categories of the scale, got ${opts.topBox}`,
      'INVALID_OPTION',
      opts.topBox,
    );
  }
  const values = readScaleScores(scores, 'scores', opts.scale, true);
  const threshold = max - opts.topBox + 1;
  let satisfied = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) >= threshold) satisfied++;
  const n = values.length;
  return {
    share: satisfied / n,
    satisfied,
    n,
    ci: wilsonInterval(satisfied, n, normalCriticalValue(opts.confidenceLevel)),
    threshold,
    confidenceLevel: opts.confidenceLevel,
  };
}
