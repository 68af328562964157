import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { parseOptions, readingInput } from '../core/validate.js';

/** The four components of the trust equation, each rated on the same scale. */
export interface TrustComponents {
  /** C: credibility — are the words believable? */
  credibility: number;
  /** R: reliability — are the actions dependable? */
  reliability: number;
  /** I: intimacy — is it safe to share with them? */
  intimacy: number;
  /** S: self-orientation — how much is the advisor focused on themselves? Higher is worse. */
  selfOrientation: number;
}

/** Options of {@link trustQuotient}. */
export interface TrustQuotientOptions {
  /**
   * The rating scale `[min, max]` of the four components, 0 < min < max. Default `[1, 10]` (Green's
   * suggestion), on which the quotient runs from 0.3 (3·1/10) to 30 (3·10/1).
   */
  scale?: readonly [number, number];
}

/** Zod schema of {@link TrustQuotientOptions}. */
export const trustQuotientOptionsSchema: z.ZodType<{ scale: readonly [number, number] }> = z
  .object({
    scale: z
      .tuple([z.number().finite().positive(), z.number().finite()])
      .refine(([min, max]) => min < max, { message: 'expected a scale [min, max] with 0 < min < max' })
      .default([1, 10]),
  })
  .strict();

const COMPONENTS = ['credibility', 'reliability', 'intimacy', 'selfOrientation'] as const;

/**
 * The trust equation of Maister, Green & Galford: T = (C + R + I) / S, with credibility, reliability and
 * intimacy in the numerator and self-orientation in the denominator. Increasing in C, R and I, decreasing in S.
 *
 * All four components are rated on the same scale (default 1–10), whose minimum must be positive so that S > 0;
 * the quotient then lies in [3·min/max, 3·max/min] (0.3 to 30 on 1–10).
 *
 * @param components - credibility, reliability, intimacy and self-orientation ratings
 * @param options - see {@link TrustQuotientOptions}
 * @returns the trust quotient (C + R + I)/S, unitless
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the component (`components.selfOrientation`) for a value
 *   that is not a finite number on the scale; `INVALID_OPTION` for a scale with min ≤ 0 or min ≥ max.
 *
 * Reference: Maister, Green & Galford (2000), The Trusted Advisor, Free Press, ch. 8 ("The trust equation").
 *
 * @example
 * import { trustQuotient } from 'crm-analytics/satisfaction';
 * trustQuotient({ credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 3 }); // => 7
 * trustQuotient({ credibility: 4, reliability: 4, intimacy: 4, selfOrientation: 3 }, { scale: [1, 5] }); // => 4
 * trustQuotient({ credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 0 }); // throws INVALID_INPUT
 */
export function trustQuotient(components: TrustComponents, options?: TrustQuotientOptions): number {
  const opts = parseOptions(trustQuotientOptionsSchema, options);
  const [min, max] = opts.scale;
  if (components === null || typeof components !== 'object') {
    throw invalidValue(
      ['components'],
      'an object with credibility, reliability, intimacy and selfOrientation',
      components,
    );
  }
  // Stryker disable next-line ObjectLiteral: the loop below assigns all four keys before the sum reads them
  const values: Record<(typeof COMPONENTS)[number], number> = {
    credibility: 0,
    reliability: 0,
    intimacy: 0,
    selfOrientation: 0,
  };
  for (const key of COMPONENTS) {
    const value: unknown = readingInput(['components', key], () =>
      Object.hasOwn(components, key) ? components[key] : undefined,
    );
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw invalidValue(['components', key], `a number from ${min} to ${max}`, value);
    }
    values[key] = value;
  }
  return (values.credibility + values.reliability + values.intimacy) / values.selfOrientation;
}
