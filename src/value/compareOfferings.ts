import * as z from 'zod';
import { emptyInput, invalidWithReason } from '../core/messages.js';
import { parseOptions, parseWithSchema, recordAt, toRecordArray } from '../core/validate.js';
import {
  COST_COMPONENTS,
  type CustomerCostComponents,
  type CustomerValueComponents,
  customerCostComponentsSchema,
  customerValueComponentsSchema,
  type DeliveredValueComponent,
  type DeliveredValueResult,
  type DeliveredValueWeights,
  deliveredValueWeightsSchema,
  VALUE_COMPONENTS,
} from './components.js';
import { computeDeliveredValue } from './deliveredValue.js';

/** One offering (a firm's product, a competitor's, …) as the customer sees it. */
export interface Offering {
  /** A unique name. */
  name: string;
  /** Value components, priced in one currency (missing = 0). */
  value: CustomerValueComponents;
  /** Cost components, priced in the same currency (missing = 0). */
  cost: CustomerCostComponents;
}

/** Options of {@link compareOfferings}. */
export interface CompareOfferingsOptions {
  /** The customer's weight per component, the same for every offering (default 1 each). */
  weights?: DeliveredValueWeights | undefined;
}

/** One offering in the ranking of {@link compareOfferings}. */
export interface RankedOffering extends DeliveredValueResult {
  /** The offering's name. */
  name: string;
  /** Its position in the input. */
  index: number;
  /** 1 + the number of offerings with a strictly higher delivered value (ties share a rank). */
  rank: number;
}

/** How one component contributes to the winner's advantage over the runner-up. */
export interface DeliveredValueDriver {
  /** The component. */
  component: DeliveredValueComponent;
  /** Whether it is a value or a cost component. */
  side: 'value' | 'cost';
  /**
   * Its contribution to `winner.deliveredValue − runnerUp.deliveredValue`: the weighted value difference, or minus
   * the weighted cost difference (a cheaper winner gives a positive number). The drivers sum to `margin`.
   */
  difference: number;
}

/** The result of {@link compareOfferings}. */
export interface OfferingComparison {
  /** Offerings by delivered value, highest first (equal values: by name, in code-unit order). */
  ranking: RankedOffering[];
  /** Name of the first offering of the ranking. */
  winner: string;
  /** Name of the second offering of the ranking. */
  runnerUp: string;
  /** `winner.deliveredValue − runnerUp.deliveredValue` (≥ 0). */
  margin: number;
  /** Whether the first two offerings have the same delivered value. */
  tie: boolean;
  /** All eight components, by decreasing |difference| (ties in the order product … physical). */
  drivers: DeliveredValueDriver[];
}

const offeringSchema = z.strictObject({
  name: z.string(),
  value: customerValueComponentsSchema,
  cost: customerCostComponentsSchema,
});

/** zod schema of {@link CompareOfferingsOptions}. */
export const compareOfferingsOptionsSchema: z.ZodType<CompareOfferingsOptions> = z.strictObject({
  weights: deliveredValueWeightsSchema.optional(),
});

const COMPONENT_ORDER: readonly DeliveredValueComponent[] = [...VALUE_COMPONENTS, ...COST_COMPONENTS];

/**
 * Ranks competing offerings by customer-delivered value and explains the winner's lead: the textbook's "customers
 * buy from the firm that delivers the highest value".
 *
 * Each offering's delivered value is computed as in {@link deliveredValue} with the customer's weights; the ranking
 * is by delivered value, highest first, ties broken by name, so it does not depend on the input order. The margin is
 * the winner's lead over the runner-up, and the drivers split that lead by component: for a value component
 * `w·(winner − runnerUp)`, for a cost component `−w·(winner − runnerUp)`.
 *
 * @param offerings - at least two offerings with unique names
 * @param options - the customer's weights, see {@link CompareOfferingsOptions}
 * @returns the ranking, the winner, the runner-up, the margin and the drivers
 * @throws {CrmAnalyticsError} `EMPTY_INPUT`/`INVALID_INPUT` for fewer than two offerings; `INVALID_INPUT` naming the
 *   offering and component for a bad component or a duplicate name; `DOMAIN_ERROR` for an offering whose total cost
 *   is 0 (its value ratio is undefined).
 * @see Kotler, P. & Keller, K. L. Marketing Management (customer-delivered value and the choice between offers).
 *
 * @example
 * import { compareOfferings } from 'crm-analytics/value';
 * const a = { name: 'A', value: { product: 500, service: 100 }, cost: { monetary: 400, time: 50 } };
 * const b = { name: 'B', value: { product: 450, service: 200 }, cost: { monetary: 420, time: 20 } };
 * compareOfferings([a, b]); // => { winner: 'B', runnerUp: 'A', margin: 60, tie: false }
 * compareOfferings([a, b]).drivers[0]; // => { component: 'service', side: 'value', difference: 100 }
 * compareOfferings([a]); // throws INVALID_INPUT
 */
export function compareOfferings(
  offerings: Iterable<Offering> | ArrayLike<Offering>,
  options?: CompareOfferingsOptions,
): OfferingComparison {
  const opts = parseOptions(compareOfferingsOptionsSchema, options);
  const records = toRecordArray(offerings, 'offerings');
  if (records.length < 2) throw emptyInput('offerings', 2, 'offering', records.length);
  const seen = new Map<string, number>();
  const evaluated: Array<RankedOffering> = [];
  for (let i = 0; i < records.length; i++) {
    const offering = parseWithSchema(offeringSchema, recordAt(records, i, 'offerings'), ['offerings', i]);
    const earlier = seen.get(offering.name);
    if (earlier !== undefined) {
      throw invalidWithReason(
        ['offerings', i, 'name'],
        `duplicate name ${JSON.stringify(offering.name)} (also offerings[${earlier}].name)`,
        'INVALID_INPUT',
        offering.name,
      );
    }
    seen.set(offering.name, i);
    const result = computeDeliveredValue(offering.value, offering.cost, opts.weights, ['offerings', i]);
    evaluated.push({ name: offering.name, index: i, rank: 0, ...result });
  }
  const ranking = [...evaluated].sort((x, y) => {
    if (x.deliveredValue !== y.deliveredValue) return y.deliveredValue - x.deliveredValue;
    return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
  });
  for (let i = 0; i < ranking.length; i++) {
    const current = ranking[i] as RankedOffering;
    const previous = ranking[i - 1];
    current.rank = previous !== undefined && previous.deliveredValue === current.deliveredValue ? previous.rank : i + 1;
  }
  const winner = ranking[0] as RankedOffering;
  const runnerUp = ranking[1] as RankedOffering;
  const drivers: DeliveredValueDriver[] = COMPONENT_ORDER.map((component) => {
    const isValue = (VALUE_COMPONENTS as readonly string[]).includes(component);
    const difference = isValue
      ? winner.components.value[component as keyof typeof winner.components.value] -
        runnerUp.components.value[component as keyof typeof runnerUp.components.value]
      : runnerUp.components.cost[component as keyof typeof runnerUp.components.cost] -
        winner.components.cost[component as keyof typeof winner.components.cost];
    return { component, side: isValue ? 'value' : 'cost', difference: difference === 0 ? 0 : difference };
  });
  const order = new Map(COMPONENT_ORDER.map((c, i) => [c, i]));
  drivers.sort(
    (x, y) =>
      Math.abs(y.difference) - Math.abs(x.difference) ||
      (order.get(x.component) as number) - (order.get(y.component) as number),
  );
  return {
    ranking,
    winner: winner.name,
    runnerUp: runnerUp.name,
    margin: winner.deliveredValue - runnerUp.deliveredValue,
    tie: winner.deliveredValue === runnerUp.deliveredValue,
    drivers,
  };
}
