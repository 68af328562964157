import * as z from 'zod';
import { invalidWithReason } from '../core/messages.js';
import { parseWithSchema } from '../core/validate.js';

/**
 * Inputs of {@link acquisitionVsRetention}. Money is per customer in one currency; counts are customers (fractional
 * expected counts are allowed). Every rule-of-thumb figure is an input whose default is the textbook's example.
 */
export interface AcquisitionVsRetentionInputs {
  /** Customers in the base at the start of the period. */
  customers: number;
  /** Customers lost during the period (at most `customers`). */
  customersLost: number;
  /** Cost of keeping one customer for the period. Give this, `acquisitionCost`, or both. */
  retentionCost?: number;
  /** Cost of winning one new customer. Give this, `retentionCost`, or both. */
  acquisitionCost?: number;
  /**
   * Acquisition cost ÷ retention cost, used to derive the cost not given. Default `5` (the textbook's "winning a new
   * customer costs five times as much as keeping one"). Must be omitted when both costs are given.
   */
  acquisitionToRetentionCostRatio?: number;
  /** Customers who leave dissatisfied and talk about it. Default: `customersLost` (every lost customer). */
  dissatisfiedCustomers?: number;
  /** Satisfied customers who recommend the firm. Default: `customers − customersLost` (every customer kept). */
  satisfiedCustomers?: number;
  /** People each dissatisfied customer tells. Default `25` (the textbook's figure). */
  peopleToldPerDissatisfiedCustomer?: number;
  /** Prospects each satisfied customer brings. Default `8` (the textbook's figure). */
  prospectsPerSatisfiedCustomer?: number;
  /** Of those prospects, buyers per satisfied customer (at most the prospects). Default `1` ("at least one buys"). */
  buyersPerSatisfiedCustomer?: number;
}

const count = z.number().min(0).finite();

/** zod schema of {@link AcquisitionVsRetentionInputs} (exported so that embedding tools can reuse it). */
export const acquisitionVsRetentionInputsSchema: z.ZodType<AcquisitionVsRetentionInputs> = z
  .strictObject({
    customers: count,
    customersLost: count,
    retentionCost: count.optional(),
    acquisitionCost: count.optional(),
    acquisitionToRetentionCostRatio: z.number().positive().finite().optional(),
    dissatisfiedCustomers: count.optional(),
    satisfiedCustomers: count.optional(),
    peopleToldPerDissatisfiedCustomer: count.optional(),
    prospectsPerSatisfiedCustomer: count.optional(),
    buyersPerSatisfiedCustomer: count.optional(),
  })
  .refine((o) => o.customersLost <= o.customers, {
    message: 'expected customersLost ≤ customers',
    path: ['customersLost'],
  })
  .refine((o) => o.retentionCost !== undefined || o.acquisitionCost !== undefined, {
    message: 'expected retentionCost or acquisitionCost (or both)',
    path: ['retentionCost'],
  })
  .refine(
    (o) =>
      o.retentionCost === undefined ||
      o.acquisitionCost === undefined ||
      o.acquisitionToRetentionCostRatio === undefined,
    {
      message: 'expected no ratio when both costs are given (the ratio is then acquisitionCost / retentionCost)',
      path: ['acquisitionToRetentionCostRatio'],
    },
  )
  .refine((o) => (o.buyersPerSatisfiedCustomer ?? 1) <= (o.prospectsPerSatisfiedCustomer ?? 8), {
    message: 'expected buyersPerSatisfiedCustomer ≤ prospectsPerSatisfiedCustomer',
    path: ['buyersPerSatisfiedCustomer'],
  }) as z.ZodType<AcquisitionVsRetentionInputs>;

/** What {@link acquisitionVsRetention} returns. */
export interface AcquisitionVsRetentionResult {
  /** Every input with its default filled in, so that a report states its assumptions. */
  assumptions: {
    customers: number;
    customersLost: number;
    retentionCost: number;
    acquisitionCost: number;
    /** acquisitionCost / retentionCost; `null` when retentionCost is 0. */
    acquisitionToRetentionCostRatio: number | null;
    dissatisfiedCustomers: number;
    satisfiedCustomers: number;
    peopleToldPerDissatisfiedCustomer: number;
    prospectsPerSatisfiedCustomer: number;
    buyersPerSatisfiedCustomer: number;
  };
  /** What keeping the lost customers would have cost: `customersLost × retentionCost`. */
  costToRetainLostCustomers: number;
  /** What winning the same number of new customers costs: `customersLost × acquisitionCost`. */
  costToReplaceLostCustomers: number;
  /** `costToReplaceLostCustomers − costToRetainLostCustomers` (negative if acquiring is the cheaper). */
  savingFromRetention: number;
  /** People reached by negative word of mouth: `dissatisfiedCustomers × peopleToldPerDissatisfiedCustomer`. */
  peopleReachedByDissatisfied: number;
  /** Prospects from positive word of mouth: `satisfiedCustomers × prospectsPerSatisfiedCustomer`. */
  referralProspects: number;
  /** Buyers among them: `satisfiedCustomers × buyersPerSatisfiedCustomer`. */
  referralBuyers: number;
}

/**
 * What the textbook's rules of thumb on keeping versus winning customers imply for a given customer base: losing
 * customers and buying replacements costs `acquisitionCost / retentionCost` times as much as keeping them (the textbook
 * says about 5×); each dissatisfied customer tells about 25 people; each satisfied one brings about 8 prospects, at
 * least one of whom buys. These figures vary by source and industry, so each is an input (with the textbook's figure as
 * the default) and every one used is returned in `assumptions`.
 *
 * Formulas: cost to retain = lost × retentionCost; cost to replace = lost × acquisitionCost; saving = the difference;
 * negative word of mouth = dissatisfied × told; referral prospects = satisfied × prospects; referral buyers = satisfied ×
 * buyers. A missing cost is derived from the other by `acquisitionToRetentionCostRatio`.
 *
 * References: Reichheld, F. F. & Sasser, W. E. (1990), "Zero defections: quality comes to services", Harvard Business
 * Review 68(5), 105–111 (the economics of retention); the multipliers are the textbook's examples (see the docs).
 *
 * @param inputs - see {@link AcquisitionVsRetentionInputs}
 * @returns the costs of retaining versus replacing the lost customers, word-of-mouth reach, and the assumptions used
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the field for a negative or non-finite value, more customers lost
 *   than in the base, no cost given, or a ratio given together with both costs; `DOMAIN_ERROR` when a derived figure
 *   (such as a cost times the cost ratio) exceeds the largest double
 *
 * @example
 * import { acquisitionVsRetention } from 'crm-analytics/lifecycle';
 * const r = acquisitionVsRetention({ customers: 1000, customersLost: 100, retentionCost: 20 });
 * r.assumptions.acquisitionCost; // => 100
 * r.costToRetainLostCustomers; // => 2000
 * r.costToReplaceLostCustomers; // => 10000
 * r.savingFromRetention; // => 8000
 * r.peopleReachedByDissatisfied; // => 2500
 * r.referralProspects; // => 7200
 * r.referralBuyers; // => 900
 * acquisitionVsRetention({ customers: 10, customersLost: 20, retentionCost: 5 }); // throws INVALID_INPUT
 */
export function acquisitionVsRetention(inputs: AcquisitionVsRetentionInputs): AcquisitionVsRetentionResult {
  const o = parseWithSchema(acquisitionVsRetentionInputsSchema, inputs, ['inputs']) as AcquisitionVsRetentionInputs;
  const ratio = o.acquisitionToRetentionCostRatio ?? 5;
  const retentionCost = o.retentionCost ?? (o.acquisitionCost as number) / ratio;
  const acquisitionCost = o.acquisitionCost ?? retentionCost * ratio;
  const dissatisfiedCustomers = o.dissatisfiedCustomers ?? o.customersLost;
  const satisfiedCustomers = o.satisfiedCustomers ?? o.customers - o.customersLost;
  const told = o.peopleToldPerDissatisfiedCustomer ?? 25;
  const prospects = o.prospectsPerSatisfiedCustomer ?? 8;
  const buyers = o.buyersPerSatisfiedCustomer ?? 1;
  const costToRetainLostCustomers = o.customersLost * retentionCost;
  const costToReplaceLostCustomers = o.customersLost * acquisitionCost;
  const result: AcquisitionVsRetentionResult = {
    assumptions: {
      customers: o.customers,
      customersLost: o.customersLost,
      retentionCost,
      acquisitionCost,
      acquisitionToRetentionCostRatio: retentionCost > 0 ? acquisitionCost / retentionCost : null,
      dissatisfiedCustomers,
      satisfiedCustomers,
      peopleToldPerDissatisfiedCustomer: told,
      prospectsPerSatisfiedCustomer: prospects,
      buyersPerSatisfiedCustomer: buyers,
    },
    costToRetainLostCustomers,
    costToReplaceLostCustomers,
    savingFromRetention: costToReplaceLostCustomers - costToRetainLostCustomers,
    peopleReachedByDissatisfied: dissatisfiedCustomers * told,
    referralProspects: satisfiedCustomers * prospects,
    referralBuyers: satisfiedCustomers * buyers,
  };
  // Products of huge but finite inputs (a cost near 1.8e308 times the cost ratio) overflow: say so instead of
  // returning Infinity or NaN.
  for (const [group, values] of [
    ['', result],
    ['assumptions.', result.assumptions],
  ] as const) {
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw invalidWithReason(
          ['inputs'],
          `${group}${key} exceeds the largest double (${value}); the inputs are too large to combine`,
          'DOMAIN_ERROR',
        );
      }
    }
  }
  return result;
}
