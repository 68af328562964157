import * as z from 'zod';
import { invalidWithReason } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import { parseOptions } from '../core/validate.js';
import { type SatisfactionState, stateOf } from './satisfactionRatio.js';
import { normalizeWeights, readAttributeValues, weightListSchema } from './validation.js';

/** Options of {@link disconfirmation}. */
export interface DisconfirmationOptions {
  /**
   * Half-width of the band around a gap of 0 read as `'satisfied'`: |gap| ≤ tolerance, in the units of the
   * scores. Default `0` (exactly met expectations).
   */
  tolerance?: number;
  /** Importance weight per attribute (non-negative, at least one positive; normalized). Default: equal weights. */
  weights?: readonly number[];
}

/** One attribute's gap in a {@link DisconfirmationResult}. */
export interface DisconfirmationAttribute {
  /** Experienced (perceived) performance. */
  readonly experience: number;
  /** Expectation. */
  readonly expectation: number;
  /** experience − expectation, in the units of the scores. */
  readonly gap: number;
  /** State of this attribute. */
  readonly state: SatisfactionState;
  /** Normalized importance weight. */
  readonly weight: number;
}

/** Result of {@link disconfirmation}. */
export interface DisconfirmationResult {
  /** Importance-weighted mean gap Σ wₖ(experienceₖ − expectationₖ), in the units of the scores. */
  readonly gap: number;
  /** State of the weighted gap: positive delighted, negative dissatisfied. */
  readonly state: SatisfactionState;
  /** Per-attribute gaps, in input order. */
  readonly attributes: readonly DisconfirmationAttribute[];
}

/** Zod schema of {@link DisconfirmationOptions}. */
export const disconfirmationOptionsSchema: z.ZodType<{ tolerance: number; weights?: readonly number[] | undefined }> = z
  .object({
    tolerance: z.number().finite().nonnegative().default(0),
    weights: weightListSchema.optional(),
  })
  .strict();

/**
 * Satisfaction as disconfirmation of expectations: gap = experience − expectation. A negative gap means a
 * dissatisfied customer likely to leave; a positive gap delight and referrals; zero, expectations met.
 *
 * Pass one number each or one number per attribute; over several attributes the overall gap is the
 * importance-weighted mean gap Σ wₖ·(experienceₖ − expectationₖ), Σ wₖ = 1. Unlike the ratio form
 * ({@link satisfactionRatio}) it works on interval scales and with zero expectations.
 *
 * @param experience - experienced performance (finite), one number or one per attribute
 * @param expectation - expectation (finite), same shape
 * @param options - see {@link DisconfirmationOptions}
 * @returns the weighted gap, its state and the per-attribute gaps
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for a non-finite value or a length mismatch; `EMPTY_INPUT` for
 *   empty lists; `INVALID_OPTION` for bad options; `DOMAIN_ERROR` when a gap overflows (scores near ±1.8e308).
 *
 * Reference: Oliver (1980), "A cognitive model of the antecedents and consequences of satisfaction decisions",
 * J. Marketing Research 17(4), 460–469, doi:10.1177/002224378001700405.
 *
 * @example
 * import { disconfirmation } from 'crm-analytics/satisfaction';
 * disconfirmation(4, 5); // => { gap: -1, state: 'dissatisfied' }
 * disconfirmation([5, 3], [4, 4], { weights: [1, 3] }); // => { gap: -0.5, state: 'dissatisfied' }
 * disconfirmation([5, 3], [4, 4]).state; // => 'satisfied'
 */
export function disconfirmation(
  experience: number | ArrayLike<number>,
  expectation: number | ArrayLike<number>,
  options?: DisconfirmationOptions,
): DisconfirmationResult {
  const opts = parseOptions(disconfirmationOptionsSchema, options);
  const x = readAttributeValues(experience, 'experience', () => true, 'a finite number');
  const e = readAttributeValues(expectation, 'expectation', () => true, 'a finite number');
  if (x.values.length !== e.values.length) {
    throw invalidWithReason(
      ['expectation'],
      `expected ${x.values.length} expectation${x.values.length === 1 ? '' : 's'} (one per experience value), got ${e.values.length}`,
    );
  }
  const weights = normalizeWeights(opts.weights, x.values.length, 'weights');
  const total = new CompensatedAccumulator();
  const attributes: DisconfirmationAttribute[] = [];
  for (let i = 0; i < x.values.length; i++) {
    const xi = x.values[i] as number;
    const ei = e.values[i] as number;
    const w = weights[i] as number;
    const gap = xi - ei;
    if (!Number.isFinite(gap)) {
      // Two finite scores of opposite sign near ±1.8e308: their difference is beyond the largest double.
      throw invalidWithReason(
        x.single ? ['experience'] : ['experience', i],
        `the gap experience − expectation = ${xi} − ${ei} overflows`,
        'DOMAIN_ERROR',
        xi,
      );
    }
    total.add(w * gap);
    attributes.push({ experience: xi, expectation: ei, gap, state: stateOf(gap, opts.tolerance), weight: w });
  }
  const gap = attributes.length === 1 ? (attributes[0] as DisconfirmationAttribute).gap : total.value;
  return { gap, state: stateOf(gap, opts.tolerance), attributes };
}
