/**
 * Discounted customer lifetime value from a purchase-count model (BG/NBD, MBG/NBD, Pareto/NBD) and a spend model
 * (Gamma-Gamma), with explicit units.
 * @module
 */
import * as z from 'zod';
import type { TimeUnit } from '../../core/dates.js';
import { CrmAnalyticsError } from '../../core/errors.js';
import { invalidValue, invalidWithReason } from '../../core/messages.js';
import { inputReadError, parseOptions, readingInput } from '../../core/validate.js';
import type { FrequencyRecencyT } from '../../data/types.js';
import type { GammaGammaModel } from './gammaGamma.js';
import {
  type BtydCustomers,
  type BtydDuration,
  type BtydTransactionModel,
  durationInUnit,
  readSummaryColumns,
  unitRatio,
  unpackCustomers,
} from './shared.js';

/** A discount rate with its period, e.g. `{ rate: 0.01, per: 'month' }` (1% per month, compounded per period). */
export interface BtydDiscountRate {
  /** Rate per period (≥ 0). */
  rate: number;
  /** The period the rate applies to; it is also the step of the CLV sum. */
  per: TimeUnit;
}

/** Input of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueInput {
  /** A fitted BG/NBD, MBG/NBD or Pareto/NBD model. */
  transactionModel: BtydTransactionModel;
  /** A Gamma-Gamma model for the expected spend per transaction; or give `spend`. */
  spendModel?: GammaGammaModel;
  /** Money per transaction for each customer (instead of `spendModel`), same length as `customers`. */
  spend?: ArrayLike<number>;
  /** Customers: `{ frequency, recency, T, monetaryValue }` in the model's unit, or a summary table (converted). */
  customers: BtydCustomers<FrequencyRecencyT & { monetaryValue?: number }>;
  /** How far ahead, e.g. `{ months: 12 }` (a plain number is in the discount rate's period). */
  horizon: BtydDuration;
  /** Discount rate and its period, e.g. `{ rate: 0.01, per: 'month' }`. */
  discountRate: BtydDiscountRate;
  /**
   * Length of one discount period in the model's time units. Default: the exact calendar ratio (a month is
   * 365.2425/12/7 = 4.348125 weeks). Set 4.345 (weeks) or 30 (days) to reproduce lifetimes' `customer_lifetime_value`.
   */
  modelUnitsPerPeriod?: number;
}

/** Longest horizon, in discount periods (the sum has one term per period). */
const MAX_HORIZON_PERIODS = 100_000;

const inputSchema = z
  .object({
    transactionModel: z.custom<BtydTransactionModel>(
      (v) =>
        v !== null &&
        typeof v === 'object' &&
        typeof (v as BtydTransactionModel).transactionKernel === 'function' &&
        typeof (v as BtydTransactionModel).timeUnit === 'string',
      'expected a fitted BG/NBD, MBG/NBD or Pareto/NBD model',
    ),
    spendModel: z
      .custom<GammaGammaModel>(
        (v) =>
          v !== null && typeof v === 'object' && typeof (v as GammaGammaModel).conditionalExpectedSpend === 'function',
        'expected a Gamma-Gamma model',
      )
      .optional(),
    spend: z
      .custom<ArrayLike<number>>(
        (v) => v !== null && typeof v === 'object' && typeof (v as ArrayLike<number>).length === 'number',
        'expected an array of numbers',
      )
      .optional(),
    customers: z.unknown(),
    horizon: z.unknown(),
    discountRate: z
      .object({ rate: z.number().min(0).finite(), per: z.enum(['day', 'week', 'month', 'year']) })
      .strict(),
    modelUnitsPerPeriod: z.number().positive().finite().optional(),
  })
  .strict();

/** `input.spend` as one finite number per customer; a caller's throwing getter becomes `INVALID_OPTION`. */
function readSpend(given: ArrayLike<unknown>, n: number): Float64Array {
  const length = readingInput(['input', 'spend', 'length'], () => given.length, 'INVALID_OPTION');
  if (length !== n) {
    throw invalidWithReason(
      ['input', 'spend'],
      `expected ${n} values (one per customer), got ${length}`,
      'INVALID_OPTION',
    );
  }
  const spend = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const v = given[i];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw invalidValue(['input', 'spend', i], 'a finite number', v, 'INVALID_OPTION');
      spend[i] = v;
    }
  } catch (cause) {
    throw inputReadError(cause, ['input', 'spend', i], 'INVALID_OPTION');
  }
  return spend;
}

/**
 * Discounted expected value of each customer's future purchases over a horizon:
 * CLVᵢ = m̂ᵢ · Σₖ [E(Yᵢ(tₖ)) − E(Yᵢ(tₖ₋₁))] / (1 + d)^(tₖ/L), with tₖ = k·L for k = 1 … ⌈H⌉ (the last step cut at H),
 * where L is one discount period in model units, H the horizon in periods, d the rate per period, E the model's
 * conditional expected purchases and m̂ᵢ the Gamma-Gamma conditional expected spend (or `spend`).
 *
 * Units: the model stores its time unit; the horizon and the discount rate carry theirs; conversions are exact
 * calendar ratios (month = 30.436875 days). To reproduce Python lifetimes' `customer_lifetime_value(model,
 * frequency, recency, T, monetary_value, time=12, discount_rate=0.01, freq='W')`, pass `horizon: { months: 12 }`,
 * `discountRate: { rate: 0.01, per: 'month' }` and `modelUnitsPerPeriod: 4.345` (lifetimes' weeks per month; 30 for
 * days). Cost: the expectation given alive depends only on (frequency, T), so it is computed once per distinct pair.
 *
 * @param input - models, customers, horizon, discount rate (see {@link CustomerLifetimeValueInput})
 * @returns CLV per customer in money units, in input order
 * @throws {CrmAnalyticsError} `INVALID_OPTION` for a missing model or bad rate; `INVALID_INPUT` naming a bad record;
 *   `INVALID_INPUT` for a horizon of more than 100 000 discount periods; `DIVERGENT` if the spend model has q ≤ 1; `DOMAIN_ERROR` when a value is not representable (extreme parameters)
 * @see Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis", JMR 42(4),
 *   doi:10.1509/jmkr.2005.42.4.415; lifetimes `utils._customer_lifetime_value` (conventions)
 * @example
 * import { BetaGeoModel, GammaGammaModel, customerLifetimeValue } from 'crm-analytics/clv';
 * const transactionModel = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
 * const spendModel = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } });
 * const customers = [{ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }];
 * const clv = customerLifetimeValue({ transactionModel, spendModel, customers, horizon: { months: 12 }, discountRate: { rate: 0.01, per: 'month' } });
 * clv[0] > 0; // => true
 * customerLifetimeValue({ transactionModel, spendModel, customers, horizon: { months: 12 }, discountRate: { rate: -1, per: 'month' } }); // throws INVALID_OPTION
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): Float64Array {
  const opts = parseOptions(inputSchema, input, 'input');
  const model = opts.transactionModel;
  const modelUnit = model.timeUnit;
  const { records, timeUnit } = unpackCustomers<unknown>(opts.customers, 'customers');
  const cols = readSummaryColumns(records, 'customers', timeUnit === undefined ? 1 : unitRatio(timeUnit, modelUnit));
  const n = cols.count;
  let spend: Float64Array;
  if (opts.spendModel !== undefined) {
    if (opts.spend !== undefined) {
      throw invalidWithReason(['input', 'spend'], 'give either spendModel or spend, not both', 'INVALID_OPTION');
    }
    spend = opts.spendModel.conditionalExpectedSpend(
      records as ReadonlyArray<{ frequency: number; monetaryValue: number }>,
    );
  } else if (opts.spend !== undefined) {
    spend = readSpend(opts.spend, n);
  } else {
    throw invalidWithReason(
      ['input', 'spendModel'],
      'expected a Gamma-Gamma model (or per-customer spend), got nothing',
      'INVALID_OPTION',
    );
  }
  const per = opts.discountRate.per;
  const horizon = durationInUnit(opts.horizon, per, ['input', 'horizon']);
  const stepLength = opts.modelUnitsPerPeriod ?? unitRatio(per, modelUnit);
  if (horizon > MAX_HORIZON_PERIODS) {
    throw invalidWithReason(
      ['input', 'horizon'],
      `expected at most ${MAX_HORIZON_PERIODS} discount periods (one model evaluation per period), got ${horizon} ${per}s`,
      'INVALID_INPUT',
      horizon,
    );
  }
  const steps = Math.ceil(horizon - 1e-12);
  const times = new Float64Array(steps + 1);
  const discount = new Float64Array(steps + 1);
  const growth = 1 + opts.discountRate.rate;
  for (let k = 1; k <= steps; k++) {
    const periods = Math.min(k, horizon);
    times[k] = periods * stepLength;
    discount[k] = growth ** -periods;
  }
  const kernel = model.transactionKernel();
  const alive = kernel.probabilityAlive(cols.frequency, cols.recency, cols.T);
  // The discounted sum of G(t; x, T) increments depends on (x, T) only: one evaluation per distinct pair.
  const cache = new Map<number, Map<number, number>>();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = cols.frequency[i] as number;
    const age = cols.T[i] as number;
    let inner = cache.get(x);
    if (inner === undefined) {
      inner = new Map();
      cache.set(x, inner);
    }
    let discounted = inner.get(age);
    if (discounted === undefined) {
      discounted = 0;
      let previous = 0;
      for (let k = 1; k <= steps; k++) {
        const e = kernel.expectedIfAlive(times[k] as number, x, age);
        discounted += (e - previous) * (discount[k] as number);
        previous = e;
      }
      inner.set(age, discounted);
    }
    out[i] = (spend[i] as number) * (alive[i] as number) * discounted;
    if (!Number.isFinite(out[i] as number)) {
      throw new CrmAnalyticsError(
        'DOMAIN_ERROR',
        `customerLifetimeValue: the value of customers[${i}] is not representable (spend ${spend[i]} × P(alive) ${alive[i]} × discounted purchases ${discounted})`,
        { path: ['customers', i], received: out[i] },
      );
    }
  }
  return out;
}
