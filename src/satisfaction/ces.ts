import * as z from 'zod';
import { CompensatedAccumulator } from '../core/numeric.js';
import { parseOptions } from '../core/validate.js';
import { type SurveyInterval, studentTCriticalValue, symmetricInterval } from './intervals.js';
import { confidenceLevelSchema, ratingScaleSchema, readScaleScores } from './validation.js';

/**
 * Which end of a Customer Effort Score scale is good: `'lower-is-better'` for the original effort question
 * ("How much effort did you personally have to put forth…?", 1 very low – 5 very high effort);
 * `'higher-is-better'` for CES 2.0 ("The company made it easy for me to handle my issue", 1 strongly disagree –
 * 7 strongly agree).
 */
export type CesDirection = 'lower-is-better' | 'higher-is-better';

/** Options of {@link ces}. */
export interface CesOptions {
  /** The answer scale `[min, max]`. Default `[1, 7]` (CES 2.0). */
  scale?: readonly [number, number];
  /** Which end of the scale means low effort. Default `'higher-is-better'` (CES 2.0, an ease agreement scale). */
  direction?: CesDirection;
  /** Two-sided confidence level, 0 < level < 1. Default `0.95`. */
  confidenceLevel?: number;
}

/** Result of {@link ces}. */
export interface CesResult {
  /** Mean answer, on the answer scale. */
  readonly mean: number;
  /** Sample standard deviation of the answers (divisor n − 1). */
  readonly standardDeviation: number;
  /** Standard error of the mean, s/√n. */
  readonly standardError: number;
  /** Student t interval of the mean (n − 1 degrees of freedom), clamped to the scale. */
  readonly ci: SurveyInterval;
  /** Number of answers. */
  readonly n: number;
  /**
   * The mean as an ease score on 0–100 where 100 is always the least effort, whatever the direction:
   * (mean − min)/(max − min)·100 for higher-is-better, (max − mean)/(max − min)·100 for lower-is-better.
   */
  readonly easeScore: number;
  /** The direction the scores were read in. */
  readonly direction: CesDirection;
  /** The scale used. */
  readonly scale: readonly [number, number];
  /** The confidence level used. */
  readonly confidenceLevel: number;
}

/** Zod schema of {@link CesOptions}. */
export const cesOptionsSchema: z.ZodType<{
  scale: readonly [number, number];
  direction: CesDirection;
  confidenceLevel: number;
}> = z
  .object({
    scale: ratingScaleSchema.default([1, 7]),
    direction: z.enum(['lower-is-better', 'higher-is-better']).default('higher-is-better'),
    confidenceLevel: confidenceLevelSchema.default(0.95),
  })
  .strict();

/**
 * Customer Effort Score: the mean answer to the effort (or ease) question with a Student t confidence interval,
 * plus a direction-free 0–100 ease score so that results on the two CES versions can be read the same way.
 *
 * Interval: mean ± t_{1−α/2, n−1}·s/√n (Student t, because effort surveys are often small and the t interval is
 * exact for normal answers and conservative relative to the normal one otherwise), clamped to the scale.
 * Scores are not required to be whole numbers (averaged multi-question scores are accepted).
 *
 * @param scores - answers on the scale (at least 2, for a standard deviation)
 * @param options - see {@link CesOptions}
 * @returns mean, standard deviation, standard error, interval and the 0–100 ease score
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `scores[i]` for an answer off the scale or not a finite
 *   number, or fewer than 2 answers; `EMPTY_INPUT` for none; `INVALID_OPTION` for bad options.
 *
 * References: Dixon, Freeman & Toman (2010), "Stop trying to delight your customers", Harvard Business Review
 * 88(7/8), 116–122 (the effort question, 1–5, lower is better); CEB (2013), CES 2.0 (ease agreement, 1–7).
 *
 * @example
 * import { ces } from 'crm-analytics/satisfaction';
 * ces([6, 7, 5, 6, 4]).mean; // => 5.6
 * ces([6, 7, 5, 6, 4]).ci; // => { lower: 4.1843, upper: 7 }
 * ces([2, 1, 3, 2], { scale: [1, 5], direction: 'lower-is-better' }).easeScore; // => 75
 * ces([6]); // throws INVALID_INPUT
 */
export function ces(scores: Iterable<number> | ArrayLike<number>, options?: CesOptions): CesResult {
  const opts = parseOptions(cesOptionsSchema, options);
  const values = readScaleScores(scores, 'scores', opts.scale, false, 2);
  const n = values.length;
  const sum = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) sum.add(values[i] as number);
  const [min, max] = opts.scale;
  // sum/n can round just outside the answers' range (3 × 3.3 / 3 = 3.2999999999999994); keep it on the scale.
  const mean = Math.min(max, Math.max(min, sum.value / n));
  const squares = new CompensatedAccumulator();
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - mean;
    squares.add(deviation * deviation);
  }
  const standardDeviation = Math.sqrt(squares.value / (n - 1));
  const standardError = standardDeviation / Math.sqrt(n);
  const ci = symmetricInterval(mean, standardError, studentTCriticalValue(opts.confidenceLevel, n - 1), min, max);
  const position = (mean - min) / (max - min);
  const easeScore = 100 * (opts.direction === 'higher-is-better' ? position : 1 - position);
  return {
    mean,
    standardDeviation,
    standardError,
    ci,
    n,
    easeScore,
    direction: opts.direction,
    scale: opts.scale,
    confidenceLevel: opts.confidenceLevel,
  };
}
