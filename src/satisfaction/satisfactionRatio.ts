import * as z from 'zod';
import { invalidWithReason } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import { parseOptions } from '../core/validate.js';
import { normalizeWeights, readAttributeValues, weightListSchema } from './validation.js';

/** How a customer's experience compares with the expectation: above, at (within the tolerance) or below. */
export type SatisfactionState = 'delighted' | 'satisfied' | 'dissatisfied';

/** Options of {@link satisfactionRatio}. */
export interface SatisfactionRatioOptions {
  /**
   * Half-width of the band around a ratio of 1 read as `'satisfied'`: |C − 1| ≤ tolerance. Default `0`
   * (the textbook's exact rule: C = 1 acceptable). With survey data a band such as `0.05` is usually wiser.
   */
  tolerance?: number;
  /**
   * Importance weight per attribute (non-negative, at least one positive; normalized to sum 1).
   * Default: equal weights.
   */
  weights?: readonly number[];
}

/** One attribute's ratio in a {@link SatisfactionRatioResult}. */
export interface SatisfactionRatioAttribute {
  /** Perceived performance b. */
  readonly perceived: number;
  /** Expectation a (> 0). */
  readonly expected: number;
  /** C = b / a. */
  readonly ratio: number;
  /** State of this attribute. */
  readonly state: SatisfactionState;
  /** Normalized importance weight (the weights sum to 1). */
  readonly weight: number;
}

/** Result of {@link satisfactionRatio}. */
export interface SatisfactionRatioResult {
  /** Importance-weighted mean of the attribute ratios, Σ wₖ·bₖ/aₖ (the ratio itself for one attribute). */
  readonly ratio: number;
  /** State of the weighted ratio. */
  readonly state: SatisfactionState;
  /** Per-attribute ratios, in input order. */
  readonly attributes: readonly SatisfactionRatioAttribute[];
}

/** Zod schema of {@link SatisfactionRatioOptions} (exported for tools that embed the library). */
export const satisfactionRatioOptionsSchema: z.ZodType<{ tolerance: number; weights?: readonly number[] | undefined }> =
  z
    .object({
      tolerance: z.number().finite().nonnegative().default(0),
      weights: weightListSchema.optional(),
    })
    .strict();

/** @internal */
export function stateOf(deviation: number, tolerance: number): SatisfactionState {
  if (deviation > tolerance) return 'delighted';
  if (deviation < -tolerance) return 'dissatisfied';
  return 'satisfied';
}

/**
 * Customer satisfaction as the ratio of perceived performance to expectation, C = b / a: above 1 the customer
 * is delighted, at 1 satisfied (acceptable), below 1 dissatisfied.
 *
 * Pass one number each, or one number per attribute. Over several attributes the overall ratio is the
 * importance-weighted mean of the attribute ratios, Σ wₖ·(bₖ/aₖ) with Σ wₖ = 1 — each attribute's satisfaction
 * counts in proportion to its importance (the multi-attribute form), rather than Σwb/Σwa, which would let the
 * attributes with large raw expectations dominate. Both b and a must be on the same ratio scale (a true zero),
 * e.g. a 1–10 rating or a delivery time in days.
 *
 * @param perceived - perceived performance b (finite, ≥ 0), one number or one per attribute
 * @param expected - expectation a (finite, > 0), same shape as `perceived`
 * @param options - see {@link SatisfactionRatioOptions}
 * @returns the weighted ratio, its state and the per-attribute ratios
 * @throws {CrmAnalyticsError} `DOMAIN_ERROR` when an expectation is 0 or so close to 0 that the ratio overflows (`expected[i]`); `INVALID_INPUT` for a
 *   negative or non-finite value or a length mismatch; `EMPTY_INPUT` for empty lists; `INVALID_OPTION` for bad options.
 *
 * Reference: the expectation–disconfirmation view of satisfaction, Oliver (1980), "A cognitive model of the
 * antecedents and consequences of satisfaction decisions", J. Marketing Research 17(4), 460–469,
 * doi:10.1177/002224378001700405; the ratio form C = b/a as given in CRM textbooks.
 *
 * @example
 * import { satisfactionRatio } from 'crm-analytics/satisfaction';
 * satisfactionRatio(9, 8); // => { ratio: 1.125, state: 'delighted' }
 * satisfactionRatio(7.8, 8, { tolerance: 0.05 }).state; // => 'satisfied'
 * satisfactionRatio([6, 9], [8, 9], { weights: [3, 1] }); // => { ratio: 0.8125, state: 'dissatisfied' }
 * satisfactionRatio(5, 0); // throws DOMAIN_ERROR
 */
export function satisfactionRatio(
  perceived: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  options?: SatisfactionRatioOptions,
): SatisfactionRatioResult {
  const opts = parseOptions(satisfactionRatioOptionsSchema, options);
  const b = readAttributeValues(perceived, 'perceived', (v) => v >= 0, 'a finite number ≥ 0');
  const a = readAttributeValues(expected, 'expected', (v) => v >= 0, 'a finite number > 0');
  if (a.values.length !== b.values.length) {
    throw invalidWithReason(
      ['expected'],
      `expected ${b.values.length} expectation${b.values.length === 1 ? '' : 's'} (one per perceived value), got ${a.values.length}`,
    );
  }
  for (let i = 0; i < a.values.length; i++) {
    if (a.values[i] === 0) {
      throw invalidWithReason(
        a.single ? ['expected'] : ['expected', i],
        'the expectation is 0, so the ratio perceived / expected is undefined (use disconfirmation for a difference)',
        'DOMAIN_ERROR',
        0,
      );
    }
  }
  const weights = normalizeWeights(opts.weights, a.values.length, 'weights');
  const total = new CompensatedAccumulator();
  const attributes: SatisfactionRatioAttribute[] = [];
  for (let i = 0; i < a.values.length; i++) {
    const bi = b.values[i] as number;
    const ai = a.values[i] as number;
    const w = weights[i] as number;
    const ratio = bi / ai;
    if (!Number.isFinite(ratio)) {
      // An expectation so close to 0 (e.g. 5e-324) that the ratio overflows is as undefined as 0 itself.
      throw invalidWithReason(
        a.single ? ['expected'] : ['expected', i],
        `the ratio perceived / expected = ${bi} / ${ai} overflows (the expectation is too close to 0)`,
        'DOMAIN_ERROR',
        ai,
      );
    }
    total.add(w * ratio);
    attributes.push({ perceived: bi, expected: ai, ratio, state: stateOf(ratio - 1, opts.tolerance), weight: w });
  }
  const ratio = attributes.length === 1 ? (attributes[0] as SatisfactionRatioAttribute).ratio : total.value;
  return { ratio, state: stateOf(ratio - 1, opts.tolerance), attributes };
}
