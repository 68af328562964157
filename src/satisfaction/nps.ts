import * as z from 'zod';
import { parseOptions } from '../core/validate.js';
import { normalCriticalValue, type SurveyInterval, symmetricInterval } from './intervals.js';
import { confidenceLevelSchema, readScaleScores } from './validation.js';

/** How {@link nps} builds its confidence interval. */
export type NpsIntervalMethod = 'wald' | 'adjusted-wald';

/** Options of {@link nps}. */
export interface NpsOptions {
  /**
   * Interval method. `'wald'` (default): NPS ± z·SE with the trinomial standard error at the sample shares.
   * `'adjusted-wald'`: Rocks (2016) — add 3 to n and ¾ to both the promoter and detractor counts, then the
   * same formula around the adjusted estimate; better coverage for small samples and extreme shares.
   */
  interval?: NpsIntervalMethod;
  /** Two-sided confidence level, 0 < level < 1. Default `0.95`. */
  confidenceLevel?: number;
}

/** A count and its share (a fraction 0–1) of all answers. */
export interface NpsGroup {
  /** Number of answers in the group. */
  readonly count: number;
  /** count / n, a fraction 0–1. */
  readonly share: number;
}

/** Result of {@link nps}. */
export interface NpsResult {
  /** Net Promoter Score 100·(promoter share − detractor share), from −100 to 100. */
  readonly nps: number;
  /** Number of answers. */
  readonly n: number;
  /** Answers 9–10. */
  readonly promoters: NpsGroup;
  /** Answers 7–8. */
  readonly passives: NpsGroup;
  /** Answers 0–6. */
  readonly detractors: NpsGroup;
  /**
   * Standard error of the NPS in NPS points, from the trinomial variance at the sample shares:
   * 100·√(((p + d) − (p − d)²)/n). (0 when every answer is in one group.)
   */
  readonly standardError: number;
  /** Confidence interval of the NPS in NPS points, clamped to [−100, 100]. */
  readonly ci: SurveyInterval;
  /** The interval method used. */
  readonly interval: NpsIntervalMethod;
  /** The confidence level used. */
  readonly confidenceLevel: number;
}

/** Zod schema of {@link NpsOptions}. */
export const npsOptionsSchema: z.ZodType<{ interval: NpsIntervalMethod; confidenceLevel: number }> = z
  .object({
    interval: z.enum(['wald', 'adjusted-wald']).default('wald'),
    confidenceLevel: confidenceLevelSchema.default(0.95),
  })
  .strict();

/**
 * Net Promoter Score from "How likely are you to recommend …?" answers on the 0–10 scale: promoters answer
 * 9–10, passives 7–8, detractors 0–6, and NPS = 100·(p − d) with p, d the promoter and detractor shares.
 *
 * Standard error: the answer is a trinomial draw scored +1 / 0 / −1, whose variance is (p + d) − (p − d)²,
 * so SE(NPS) = 100·√(((p + d) − (p − d)²)/n).
 *
 * Interval (default `'wald'`): NPS ± z·SE, clamped to [−100, 100], z the normal quantile of the level. It
 * collapses to a point when every answer is in one group; `interval: 'adjusted-wald'` (Rocks 2016) adds 3 to n
 * and ¾ to the promoter and detractor counts (so 1.5 to passives), computes p̃, d̃ and the same standard
 * error from them, and centres the interval on 100·(p̃ − d̃). The reported `nps` and `standardError` are always
 * those of the sample; only `ci` depends on the method.
 *
 * @param scores - answers, whole numbers 0–10 (array, array-like or iterable)
 * @param options - see {@link NpsOptions}
 * @returns the score, group counts and shares, standard error and interval
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `scores[i]` for an answer that is not a whole number
 *   from 0 to 10; `EMPTY_INPUT` for no answers; `INVALID_OPTION` for bad options.
 *
 * References: Reichheld (2003), "The one number you need to grow", Harvard Business Review 81(12), 46–54;
 * Rocks (2016), "Interval estimation for the 'Net Promoter Score'", The American Statistician 70(4), 365–372,
 * doi:10.1080/00031305.2016.1158124.
 *
 * @example
 * import { nps } from 'crm-analytics/satisfaction';
 * nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]).nps; // => 20
 * nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]).promoters; // => { count: 5, share: 0.5 }
 * nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]).standardError; // => 27.568
 * nps([10, 10, 10], { interval: 'adjusted-wald' }).ci; // => { lower: -6.58, upper: 100 }
 * nps([7, 11]); // throws INVALID_INPUT
 */
export function nps(scores: Iterable<number> | ArrayLike<number>, options?: NpsOptions): NpsResult {
  const opts = parseOptions(npsOptionsSchema, options);
  const values = readScaleScores(scores, 'scores', [0, 10], true);
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v >= 9) promoters++;
    else if (v <= 6) detractors++;
  }
  const n = values.length;
  const passives = n - promoters - detractors;
  const p = promoters / n;
  const d = detractors / n;
  // 100·(P − D)/n rather than 100p − 100d, so that NPS is exactly %promoters − %detractors on the count scale.
  const score = (100 * (promoters - detractors)) / n;
  const standardError = 100 * trinomialSd(p, d, n);
  const z = normalCriticalValue(opts.confidenceLevel);
  let ci: SurveyInterval;
  if (opts.interval === 'wald') {
    ci = symmetricInterval(score, standardError, z, -100, 100);
  } else {
    const nAdjusted = n + 3;
    const pAdjusted = (promoters + 0.75) / nAdjusted;
    const dAdjusted = (detractors + 0.75) / nAdjusted;
    ci = symmetricInterval(
      100 * (pAdjusted - dAdjusted),
      100 * trinomialSd(pAdjusted, dAdjusted, nAdjusted),
      z,
      -100,
      100,
    );
  }
  return {
    nps: score,
    n,
    promoters: { count: promoters, share: p },
    passives: { count: passives, share: passives / n },
    detractors: { count: detractors, share: d },
    standardError,
    ci,
    interval: opts.interval,
    confidenceLevel: opts.confidenceLevel,
  };
}

/** √(((p + d) − (p − d)²)/n), the standard deviation of the mean of +1/0/−1 scores (clamped at 0 for rounding). */
function trinomialSd(p: number, d: number, n: number): number {
  const variance = p + d - (p - d) * (p - d);
  return variance > 0 ? Math.sqrt(variance / n) : 0;
}
