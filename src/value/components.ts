/**
 * The components of Kotler's customer-delivered value, shared by {@link deliveredValue}, {@link compareOfferings}
 * and {@link deliveredValueFromSurvey}.
 * @module
 */
import * as z from 'zod';

/** The four parts of total customer value (总顾客价值): product, service, personnel and image value. */
export type CustomerValueComponent = 'product' | 'service' | 'personnel' | 'image';

/** The four parts of total customer cost (总顾客成本): monetary, time, energy (mental) and physical cost. */
export type CustomerCostComponent = 'monetary' | 'time' | 'energy' | 'physical';

/** Any component of customer-delivered value. */
export type DeliveredValueComponent = CustomerValueComponent | CustomerCostComponent;

/** Total customer value by component; a missing component counts as 0 (priced) or as not rated (survey). */
export interface CustomerValueComponents {
  /** Value of the product itself (quality, features, …). */
  product?: number | undefined;
  /** Value of the services around it (delivery, installation, support, …). */
  service?: number | undefined;
  /** Value of the people the customer deals with (competence, courtesy, …). */
  personnel?: number | undefined;
  /** Value of the brand's or firm's image. */
  image?: number | undefined;
}

/** Total customer cost by component; a missing component counts as 0 (priced) or as not rated (survey). */
export interface CustomerCostComponents {
  /** The price paid and other money spent. */
  monetary?: number | undefined;
  /** Time spent searching, buying, waiting (see {@link priceOfTime} to price it). */
  time?: number | undefined;
  /** Mental effort (精力成本; Kotler's "energy" and "psychic" cost). */
  energy?: number | undefined;
  /** Physical effort (体力成本). */
  physical?: number | undefined;
}

/** A weight ≥ 0 per component (default 1): how much the customer cares about it. */
export type DeliveredValueWeights = { [K in DeliveredValueComponent]?: number | undefined };

/** The value and cost components of one result, each multiplied by its weight. */
export interface DeliveredValueBreakdown {
  /** Weighted value components; they sum to `totalCustomerValue`. */
  value: Record<CustomerValueComponent, number>;
  /** Weighted cost components; they sum to `totalCustomerCost`. */
  cost: Record<CustomerCostComponent, number>;
}

/** Customer-delivered value and its parts (see {@link deliveredValue}). */
export interface DeliveredValueResult {
  /** Total customer value: the weighted sum of the value components. */
  totalCustomerValue: number;
  /** Total customer cost: the weighted sum of the cost components. */
  totalCustomerCost: number;
  /** `totalCustomerValue − totalCustomerCost`. */
  deliveredValue: number;
  /** `totalCustomerValue / totalCustomerCost` (the value–price ratio). */
  valueRatio: number;
  /** The weighted components. */
  components: DeliveredValueBreakdown;
}

/** @internal */
export const VALUE_COMPONENTS: readonly CustomerValueComponent[] = ['product', 'service', 'personnel', 'image'];
/** @internal */
export const COST_COMPONENTS: readonly CustomerCostComponent[] = ['monetary', 'time', 'energy', 'physical'];

const amount = z.number().min(0).optional();

/** zod schema of {@link CustomerValueComponents} (non-negative finite numbers; unknown keys rejected). */
export const customerValueComponentsSchema: z.ZodType<CustomerValueComponents> = z.strictObject({
  product: amount,
  service: amount,
  personnel: amount,
  image: amount,
});

/** zod schema of {@link CustomerCostComponents} (non-negative finite numbers; unknown keys rejected). */
export const customerCostComponentsSchema: z.ZodType<CustomerCostComponents> = z.strictObject({
  monetary: amount,
  time: amount,
  energy: amount,
  physical: amount,
});

/** zod schema of {@link DeliveredValueWeights}. */
export const deliveredValueWeightsSchema: z.ZodType<DeliveredValueWeights> = z.strictObject({
  product: amount,
  service: amount,
  personnel: amount,
  image: amount,
  monetary: amount,
  time: amount,
  energy: amount,
  physical: amount,
});
