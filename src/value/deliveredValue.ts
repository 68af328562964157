import * as z from 'zod';
import type { ErrorPath } from '../core/errors.js';
import { invalidWithReason } from '../core/messages.js';
import { parseWithSchema } from '../core/validate.js';
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

/** Input of {@link deliveredValue}: priced components, all non-negative and in one currency. */
export interface DeliveredValueInput {
  /** The value components (missing = 0). */
  value: CustomerValueComponents;
  /** The cost components (missing = 0). */
  cost: CustomerCostComponents;
  /** A weight ≥ 0 per component (missing = 1). */
  weights?: DeliveredValueWeights | undefined;
}

/** zod schema of {@link DeliveredValueInput}. */
export const deliveredValueInputSchema: z.ZodType<DeliveredValueInput> = z.strictObject({
  value: customerValueComponentsSchema,
  cost: customerCostComponentsSchema,
  weights: deliveredValueWeightsSchema.optional(),
});

/**
 * Weighted totals of already validated components; throws DOMAIN_ERROR when the total cost is 0.
 * @internal
 */
export function computeDeliveredValue(
  value: CustomerValueComponents,
  cost: CustomerCostComponents,
  weights: DeliveredValueWeights | undefined,
  path: ErrorPath,
): DeliveredValueResult {
  const weightedValue = {} as Record<CustomerValueComponent, number>;
  const weightedCost = {} as Record<CustomerCostComponent, number>;
  let totalValue = 0;
  for (const name of VALUE_COMPONENTS) {
    const x = (value[name] ?? 0) * (weights?.[name] ?? 1);
    weightedValue[name] = x;
    totalValue += x;
  }
  let totalCost = 0;
  for (const name of COST_COMPONENTS) {
    const x = (cost[name] ?? 0) * (weights?.[name] ?? 1);
    weightedCost[name] = x;
    totalCost += x;
  }
  if (totalCost === 0) {
    throw invalidWithReason(
      [...path, 'cost'],
      'the total customer cost is 0, so the value ratio (total value / total cost) is undefined',
      'DOMAIN_ERROR',
    );
  }
  if (!Number.isFinite(totalValue) || !Number.isFinite(totalCost)) {
    throw invalidWithReason(path, 'the weighted totals overflow a double', 'DOMAIN_ERROR');
  }
  return {
    totalCustomerValue: totalValue,
    totalCustomerCost: totalCost,
    deliveredValue: totalValue - totalCost,
    valueRatio: totalValue / totalCost,
    components: { value: weightedValue, cost: weightedCost },
  };
}

/**
 * Customer-delivered value (Kotler; 顾客让渡价值): what the customer gets minus what the customer gives up.
 *
 * `TCV = Σ w_k·value_k` over product, service, personnel and image value; `TCC = Σ w_k·cost_k` over monetary,
 * time, energy (mental) and physical cost; `deliveredValue = TCV − TCC`; `valueRatio = TCV / TCC`.
 * All components are non-negative amounts in one currency (price non-monetary costs first, e.g. time with
 * {@link priceOfTime}); weights are optional (default 1). A customer prefers the offering with the highest delivered
 * value (see {@link compareOfferings}); for values judged on a rating scale use {@link deliveredValueFromSurvey}.
 *
 * @param input - value and cost components and optional weights, see {@link DeliveredValueInput}
 * @returns the totals, the difference, the ratio and the weighted components
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the component (`input.cost.time: expected a number ≥ 0, got -1`)
 *   for a negative, NaN or unknown component; `DOMAIN_ERROR` when the total cost is 0 (the ratio would be infinite).
 * @see Kotler, P. & Keller, K. L. Marketing Management (customer-delivered value, total customer value and cost).
 *
 * @example
 * import { deliveredValue } from 'crm-analytics/value';
 * deliveredValue({ value: { product: 600, service: 200, personnel: 100, image: 100 }, cost: { monetary: 500, time: 60, energy: 30, physical: 10 } }); // => { totalCustomerValue: 1000, totalCustomerCost: 600, deliveredValue: 400, valueRatio: 1.6667 }
 * deliveredValue({ value: { product: 100 }, cost: { monetary: 50 }, weights: { product: 0.5 } }).deliveredValue; // => 0
 * deliveredValue({ value: { product: 100 }, cost: {} }); // throws DOMAIN_ERROR
 * deliveredValue({ value: { product: -1 }, cost: { monetary: 1 } }); // throws INVALID_INPUT
 */
export function deliveredValue(input: DeliveredValueInput): DeliveredValueResult {
  const parsed = parseWithSchema(deliveredValueInputSchema, input, ['input']);
  return computeDeliveredValue(parsed.value, parsed.cost, parsed.weights, ['input']);
}
