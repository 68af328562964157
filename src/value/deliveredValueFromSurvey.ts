import * as z from 'zod';
import type { ErrorPath } from '../core/errors.js';
import { invalidValue, invalidWithReason } from '../core/messages.js';
import { parseOptions, parseWithSchema } from '../core/validate.js';
import {
  COST_COMPONENTS,
  type CustomerCostComponent,
  type CustomerCostComponents,
  type CustomerValueComponent,
  type CustomerValueComponents,
  customerCostComponentsSchema,
  customerValueComponentsSchema,
  type DeliveredValueResult,
  type DeliveredValueWeights,
  deliveredValueWeightsSchema,
  VALUE_COMPONENTS,
} from './components.js';

/** Input of {@link deliveredValueFromSurvey}: ratings of the components and their importance. */
export interface SurveyDeliveredValueInput {
  /** Rating of each value component (higher = more value); components not asked are left out. */
  value: CustomerValueComponents;
  /** Rating of each cost component (higher = more costly); components not asked are left out. */
  cost: CustomerCostComponents;
  /** Importance weight ≥ 0 of each component (default 1), e.g. a 1–5 importance rating. */
  importance?: DeliveredValueWeights | undefined;
}

/** Options of {@link deliveredValueFromSurvey}. */
export interface DeliveredValueFromSurveyOptions {
  /** The rating scale, `min < max` (default 1–5). Every rating must lie in it. */
  scale?: { min: number; max: number } | undefined;
}

/** zod schema of {@link SurveyDeliveredValueInput}. */
export const surveyDeliveredValueInputSchema: z.ZodType<SurveyDeliveredValueInput> = z.strictObject({
  value: customerValueComponentsSchema,
  cost: customerCostComponentsSchema,
  importance: deliveredValueWeightsSchema.optional(),
});

/** zod schema of {@link DeliveredValueFromSurveyOptions}. */
export const deliveredValueFromSurveyOptionsSchema: z.ZodType<DeliveredValueFromSurveyOptions> = z.strictObject({
  scale: z
    .strictObject({ min: z.number(), max: z.number() })
    .refine((s) => s.max > s.min, { message: 'expected scale.max > scale.min' })
    .optional(),
});

/**
 * Customer-delivered value from survey ratings, for when value and cost are judged rather than priced: each rating
 * is rescaled to 0–100 and each side is the importance-weighted mean of its rated components.
 *
 * `s_k = 100·(x_k − min)/(max − min)`; `TCV = Σ w_k·s_k / Σ w_k` over the rated value components, `TCC` likewise
 * over the rated cost components; `deliveredValue = TCV − TCC` (in −100 … 100) and `valueRatio = TCV / TCC`, as in
 * {@link deliveredValue}. The rescaling is the ACSI-style `(x − min)/(max − min)·100`; value ratings read "how much
 * value" and cost ratings "how high a cost" (higher = more). Components left out are not rated: they are excluded
 * from the means and show 0 in `components`, whose entries (`w_k·s_k/Σw`) sum to the totals.
 *
 * @param input - ratings and importance weights, see {@link SurveyDeliveredValueInput}
 * @param options - the rating scale, see {@link DeliveredValueFromSurveyOptions}
 * @returns the same shape as {@link deliveredValue}, on the 0–100 scale
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for a rating outside the scale (naming it), a negative weight, or a side
 *   with no rated component of positive importance; `INVALID_OPTION` for a bad scale; `DOMAIN_ERROR` when every rated
 *   cost is at the bottom of the scale (total cost 0: the ratio is undefined).
 * @see Kotler, P. & Keller, K. L. Marketing Management (customer-delivered value).
 * @see Fornell, C. et al. (1996). The American Customer Satisfaction Index. Journal of Marketing 60(4), 7–18. doi:10.2307/1251898 (0–100 rescaling)
 *
 * @example
 * import { deliveredValueFromSurvey } from 'crm-analytics/value';
 * deliveredValueFromSurvey({ value: { product: 5, service: 3 }, cost: { monetary: 4, time: 2 } }); // => { totalCustomerValue: 75, totalCustomerCost: 50, deliveredValue: 25, valueRatio: 1.5 }
 * deliveredValueFromSurvey({ value: { product: 5, service: 3 }, cost: { monetary: 4, time: 2 }, importance: { product: 3, service: 1 } }).totalCustomerValue; // => 87.5
 * deliveredValueFromSurvey({ value: { product: 8 }, cost: { monetary: 4 } }, { scale: { min: 1, max: 7 } }); // throws INVALID_INPUT
 */
export function deliveredValueFromSurvey(
  input: SurveyDeliveredValueInput,
  options?: DeliveredValueFromSurveyOptions,
): DeliveredValueResult {
  const parsed = parseWithSchema(surveyDeliveredValueInputSchema, input, ['input']);
  const opts = parseOptions(deliveredValueFromSurveyOptionsSchema, options);
  const min = opts.scale?.min ?? 1;
  const max = opts.scale?.max ?? 5;
  const value = weightedMean(VALUE_COMPONENTS, parsed.value, parsed.importance, min, max, ['input', 'value']);
  const cost = weightedMean(COST_COMPONENTS, parsed.cost, parsed.importance, min, max, ['input', 'cost']);
  if (cost.total === 0) {
    throw invalidWithReason(
      ['input', 'cost'],
      'every rated cost is at the bottom of the scale, so the total customer cost is 0 and the value ratio is undefined',
      'DOMAIN_ERROR',
    );
  }
  return {
    totalCustomerValue: value.total,
    totalCustomerCost: cost.total,
    deliveredValue: value.total - cost.total,
    valueRatio: value.total / cost.total,
    components: {
      value: value.parts as Record<CustomerValueComponent, number>,
      cost: cost.parts as Record<CustomerCostComponent, number>,
    },
  };
}

function weightedMean<K extends string>(
  names: readonly K[],
  ratings: Partial<Record<K, number | undefined>>,
  importance: Partial<Record<string, number | undefined>> | undefined,
  min: number,
  max: number,
  path: ErrorPath,
): { total: number; parts: Record<K, number> } {
  const parts = {} as Record<K, number>;
  let weightSum = 0;
  for (const name of names) {
    const x = ratings[name];
    parts[name] = 0;
    if (x === undefined) continue;
    if (x < min || x > max) throw invalidValue([...path, name], `a rating in [${min}, ${max}]`, x);
    weightSum += importance?.[name] ?? 1;
  }
  if (!(weightSum > 0)) {
    throw invalidWithReason(path, 'expected at least one rated component with an importance above 0');
  }
  if (!Number.isFinite(weightSum) || !Number.isFinite(max - min)) {
    throw invalidWithReason(
      path,
      'the importances or the scale are too large: their sum or range exceeds the largest double',
      'DOMAIN_ERROR',
    );
  }
  let total = 0;
  for (const name of names) {
    const x = ratings[name];
    if (x === undefined) continue;
    // Shares first (each ≤ 1), so that huge importances or scale ends cannot overflow the product.
    const part = ((importance?.[name] ?? 1) / weightSum) * ((x - min) / (max - min)) * 100;
    parts[name] = part;
    total += part;
  }
  return { total, parts };
}
