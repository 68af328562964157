import * as z from 'zod';
import type { CrmAnalyticsError } from '../../core/errors.js';
import { invalidValue, invalidWithReason } from '../../core/messages.js';
import { compensatedSum } from '../../core/numeric.js';
import {
  type Accessor,
  accessorSchema,
  inputReadError,
  parseOptions,
  readField,
  toAccessorFunction,
  toRecordArray,
} from '../../core/validate.js';
import {
  converges,
  geometricSeries,
  type LifetimeValueTiming,
  type RetentionClvParams,
  retentionClvKernel,
  retentionClvValue,
  scaledGeometricSum,
} from './closedForm.js';

/** Where each per-customer quantity of {@link customerEquity} is read: a field name or `(record, index) => value`. */
export interface CustomerEquityFields<T> {
  /** Margin per period (default field `'margin'`). */
  margin?: Accessor<T, number | undefined> | undefined;
  /** Retention rate per period in [0, 1] (default field `'retentionRate'`). */
  retentionRate?: Accessor<T, number | undefined> | undefined;
  /** Margin growth per period ≥ −1 (default field `'marginGrowth'`). */
  marginGrowth?: Accessor<T, number | undefined> | undefined;
  /** Retention cost per period ≥ 0 (default field `'retentionCost'`). */
  retentionCost?: Accessor<T, number | undefined> | undefined;
  /** Referral value per period ≥ 0 (default field `'referralValue'`). */
  referralValue?: Accessor<T, number | undefined> | undefined;
  /** Remaining horizon: whole number ≥ 1 or Infinity (default field `'periods'`). */
  periods?: Accessor<T, number | undefined> | undefined;
}

/**
 * The customers still to be acquired, one cohort per period (Blattberg & Deighton 1996; Gupta, Lehmann & Stuart 2004).
 * Cohort k = 1, 2, … is acquired at time k (one period from now, two, …); the economics of a new customer are the
 * shared defaults of {@link CustomerEquityOptions}, each of which can be overridden here.
 */
export interface CustomerEquityFutureCohorts {
  /** Prospects reached per period (≥ 0) in the first future cohort. */
  prospects: number;
  /** Share of the prospects who become customers, in [0, 1]. */
  acquisitionRate: number;
  /** Acquisition spending per prospect, ≥ 0 (default 0); per acquired customer it is this / acquisitionRate. */
  acquisitionCostPerProspect?: number | undefined;
  /** Growth of the number of prospects per period, > −1 (default 0): cohort k has `prospects·(1+growth)^(k−1)`. */
  prospectGrowth?: number | undefined;
  /** Number of future cohorts: whole number ≥ 1 or Infinity (default Infinity). */
  cohorts?: number | undefined;
  /** New customers' margin per period (default: the shared `margin`). */
  margin?: number | undefined;
  /** New customers' retention rate (default: the shared `retentionRate`). */
  retentionRate?: number | undefined;
  /** New customers' margin growth (default: the shared `marginGrowth`). */
  marginGrowth?: number | undefined;
  /** New customers' retention cost per period (default: the shared `retentionCost`). */
  retentionCost?: number | undefined;
  /** New customers' referral value per period (default: the shared `referralValue`). */
  referralValue?: number | undefined;
  /** New customers' horizon (default: the shared `periods`). */
  periods?: number | undefined;
}

/** Options of {@link customerEquity}: the firm's discount rate, shared defaults, field accessors and future cohorts. */
export interface CustomerEquityOptions<T> {
  /** Discount rate per period, ≥ 0 (required: it is the firm's, not the customer's). */
  discountRate: number;
  /** `'end'` (default) or `'start'`, as in {@link lifetimeValue}; for every customer. */
  timing?: LifetimeValueTiming | undefined;
  /** Margin per period for customers whose record has none (no default: a customer without a margin is an error). */
  margin?: number | undefined;
  /** Retention rate for customers whose record has none (no default). */
  retentionRate?: number | undefined;
  /** Margin growth for customers whose record has none (default 0). */
  marginGrowth?: number | undefined;
  /** Retention cost per period for customers whose record has none (default 0). */
  retentionCost?: number | undefined;
  /** Referral value per period for customers whose record has none (default 0). */
  referralValue?: number | undefined;
  /** Horizon for customers whose record has none (default Infinity). */
  periods?: number | undefined;
  /** Where to read the per-customer values (defaults: fields of the same names). */
  fields?: CustomerEquityFields<T> | undefined;
  /** Add the value of future cohorts of new customers. */
  futureCohorts?: CustomerEquityFutureCohorts | undefined;
}

/** The result of {@link customerEquity}. */
export interface CustomerEquityResult {
  /** `currentCustomers + futureCohorts`. */
  total: number;
  /** Σ CLV of the current customers (their acquisition costs are sunk and not subtracted). */
  currentCustomers: number;
  /** Present value of the future cohorts (0 when none were given). */
  futureCohorts: number;
  /** CLV of one new customer at acquisition, before acquisition spending (null when no future cohorts were given). */
  newCustomerValue: number | null;
  /** Number of current customers. */
  customerCount: number;
  /** CLV of each current customer, in input order. */
  customerValues: Float64Array;
}

const horizonSchema = z.custom<number>(
  (v) => v === Number.POSITIVE_INFINITY || (typeof v === 'number' && Number.isInteger(v) && v >= 1),
  { message: 'expected a whole number ≥ 1 or Infinity' },
);

/** zod schema of {@link CustomerEquityOptions}. */
export const customerEquityOptionsSchema: z.ZodType<CustomerEquityOptions<unknown>> = z.strictObject({
  discountRate: z.number().min(0),
  timing: z.enum(['end', 'start']).optional(),
  margin: z.number().optional(),
  retentionRate: z.number().min(0).max(1).optional(),
  marginGrowth: z.number().min(-1).optional(),
  retentionCost: z.number().min(0).optional(),
  referralValue: z.number().min(0).optional(),
  periods: horizonSchema.optional(),
  fields: z
    .strictObject({
      margin: accessorSchema<Accessor<unknown, number | undefined>>().optional(),
      retentionRate: accessorSchema<Accessor<unknown, number | undefined>>().optional(),
      marginGrowth: accessorSchema<Accessor<unknown, number | undefined>>().optional(),
      retentionCost: accessorSchema<Accessor<unknown, number | undefined>>().optional(),
      referralValue: accessorSchema<Accessor<unknown, number | undefined>>().optional(),
      periods: accessorSchema<Accessor<unknown, number | undefined>>().optional(),
    })
    .optional(),
  futureCohorts: z
    .strictObject({
      prospects: z.number().min(0),
      acquisitionRate: z.number().min(0).max(1),
      acquisitionCostPerProspect: z.number().min(0).optional(),
      prospectGrowth: z.number().gt(-1).optional(),
      cohorts: horizonSchema.optional(),
      margin: z.number().optional(),
      retentionRate: z.number().min(0).max(1).optional(),
      marginGrowth: z.number().min(-1).optional(),
      retentionCost: z.number().min(0).optional(),
      referralValue: z.number().min(0).optional(),
      periods: horizonSchema.optional(),
    })
    .optional(),
});

type FieldName = 'margin' | 'retentionRate' | 'marginGrowth' | 'retentionCost' | 'referralValue' | 'periods';

const FIELD_NAMES: readonly FieldName[] = [
  'margin',
  'retentionRate',
  'marginGrowth',
  'retentionCost',
  'referralValue',
  'periods',
];

function fieldIsValid(field: FieldName, value: number): boolean {
  switch (field) {
    case 'margin':
      return Number.isFinite(value);
    case 'retentionRate':
      return value >= 0 && value <= 1;
    case 'marginGrowth':
      return Number.isFinite(value) && value >= -1;
    case 'periods':
      return value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 1);
    default:
      return Number.isFinite(value) && value >= 0;
  }
}

const EXPECTED: Record<FieldName, string> = {
  margin: 'a finite number',
  retentionRate: 'a finite number in [0, 1]',
  marginGrowth: 'a finite number ≥ -1',
  retentionCost: 'a finite number ≥ 0',
  referralValue: 'a finite number ≥ 0',
  periods: 'a whole number ≥ 1 or Infinity',
};

function fieldError(
  field: FieldName,
  raw: unknown,
  fallback: number | undefined,
  path: ReadonlyArray<string | number>,
): CrmAnalyticsError {
  if (raw === undefined && fallback === undefined) {
    return invalidWithReason(
      path,
      `expected ${EXPECTED[field]}, got undefined (and no shared default ${field} was given)`,
    );
  }
  return invalidValue(path, EXPECTED[field], raw === undefined ? fallback : raw);
}

function checkField(field: FieldName, value: number | undefined, path: ReadonlyArray<string | number>): number {
  // Stryker disable next-line LogicalOperator: only margin / retentionRate (zod-validated or undefined) come here, and fieldIsValid(undefined) is false for both
  if (value === undefined || !fieldIsValid(field, value)) throw fieldError(field, value, undefined, path);
  return value === 0 ? 0 : value;
}

/**
 * Customer equity: the sum of the lifetime values of the current customers, plus, when `futureCohorts` is given,
 * the present value of the customers still to be acquired ("customers as assets").
 *
 * `CE = Σ_i CLV_i + Σ_{k=1..K} n_k·(a·CLV_new − A_p)/(1+d)^k`, with `CLV_i` the {@link lifetimeValue} of customer i
 * (its own margin, retention, … or the shared defaults; no acquisition cost, since it is sunk), `n_k` the prospects of
 * cohort k (`prospects·(1+growth)^(k−1)`), a the acquisition rate, `A_p` the acquisition spending per prospect and
 * `CLV_new` the value of a new customer at acquisition. The cohort sum is a geometric series in `(1+growth)/(1+d)`,
 * summed in closed form; an infinite number of cohorts needs `growth < d`.
 * All rates are per period and all amounts in one currency.
 *
 * @param customers - the current customers (array or iterable of records)
 * @param options - discount rate, shared defaults, accessors and future cohorts, see {@link CustomerEquityOptions}
 * @returns the total, its two parts and each customer's CLV
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the record and field (`customers[2].retentionRate: expected a
 *   finite number in [0, 1], got 1.5`); `INVALID_OPTION` for bad options; `DIVERGENT` when a customer's or the
 *   cohorts' infinite series does not converge.
 * @see Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive Marketing 17(1), 9–24. doi:10.1002/dir.10045
 * @see Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004). Valuing customers. Journal of Marketing Research 41(1), 7–18. doi:10.1509/jmkr.41.1.7.25084
 * @see Blattberg, R. C. & Deighton, J. (1996). Manage marketing by the customer equity test. Harvard Business Review 74(4), 136–144.
 *
 * @example
 * import { customerEquity } from 'crm-analytics/clv';
 * const customers = [{ margin: 100, retentionRate: 0.8 }, { margin: 50, retentionRate: 0.9 }];
 * customerEquity(customers, { discountRate: 0.1 }).total; // => 491.6667
 * customerEquity([{ margin: 100 }, {}], { discountRate: 0.1, retentionRate: 0.8, margin: 40 }).total; // => 373.3333
 * customerEquity([], { discountRate: 0.1, margin: 100, retentionRate: 0.8, futureCohorts: { prospects: 10, acquisitionRate: 0.5, cohorts: 1 } }).total; // => 1212.1212
 * customerEquity([{ margin: 100, retentionRate: 1.5 }], { discountRate: 0.1 }); // throws INVALID_INPUT
 */
export function customerEquity<T>(
  customers: Iterable<T> | ArrayLike<T>,
  options: CustomerEquityOptions<T>,
): CustomerEquityResult {
  const opts = parseOptions(customerEquityOptionsSchema, options) as CustomerEquityOptions<T>;
  const records = toRecordArray(customers, 'customers');
  const timing = opts.timing ?? 'end';
  const end = timing === 'end';
  const d = opts.discountRate;
  const defaults: Record<FieldName, number | undefined> = {
    margin: opts.margin,
    retentionRate: opts.retentionRate,
    marginGrowth: opts.marginGrowth ?? 0,
    retentionCost: opts.retentionCost ?? 0,
    referralValue: opts.referralValue ?? 0,
    periods: opts.periods ?? Number.POSITIVE_INFINITY,
  };
  const readers = FIELD_NAMES.map((name) => {
    const accessor = opts.fields?.[name] ?? name;
    return {
      name,
      read: toAccessorFunction<T, number | undefined>(accessor),
      label: typeof accessor === 'string' ? accessor : name,
    };
  });

  const values = new Float64Array(records.length);
  // Stryker disable next-line ObjectLiteral: every field is written for each customer before the kernel reads it
  const got: Record<FieldName, number> = {
    margin: 0,
    retentionRate: 0,
    marginGrowth: 0,
    retentionCost: 0,
    referralValue: 0,
    periods: 0,
  };
  let i = 0;
  try {
    for (; i < records.length; i++) {
      const record = records[i] as T;
      for (let f = 0; f < readers.length; f++) {
        const reader = readers[f] as (typeof readers)[number];
        let raw: unknown;
        try {
          raw = reader.read(record, i);
        } catch (cause) {
          // readField words the error; the path is only built on this slow path
          readField(
            () => {
              throw cause;
            },
            record,
            i,
            ['customers', i, reader.label],
          );
        }
        const value = raw === undefined ? defaults[reader.name] : raw;
        if (typeof value !== 'number' || !fieldIsValid(reader.name, value)) {
          throw fieldError(reader.name, raw, defaults[reader.name], ['customers', i, reader.label]);
        }
        got[reader.name] = value === 0 ? 0 : value;
      }
      const value = retentionClvKernel(
        got.margin,
        got.retentionRate,
        d,
        got.periods,
        got.marginGrowth,
        got.retentionCost,
        got.referralValue,
        0,
        end,
      );
      // Divergence and overflow come back as non-finite numbers; the slow path words the error.
      values[i] = Number.isFinite(value)
        ? value
        : retentionClvValue(
            {
              margin: got.margin,
              retentionRate: got.retentionRate,
              discountRate: d,
              periods: got.periods,
              marginGrowth: got.marginGrowth,
              retentionCost: got.retentionCost,
              acquisitionCost: 0,
              referralValue: got.referralValue,
              timing,
            },
            ['customers', i],
          );
    }
  } catch (cause) {
    throw inputReadError(cause, ['customers', i]);
  }
  const current = compensatedSum(values);

  let future = 0;
  let newCustomerValue: number | null = null;
  const cohorts = opts.futureCohorts;
  if (cohorts !== undefined) {
    const path = ['options', 'futureCohorts'];
    const newParams: RetentionClvParams = {
      margin: checkField('margin', cohorts.margin ?? defaults.margin, [...path, 'margin']),
      retentionRate: checkField('retentionRate', cohorts.retentionRate ?? defaults.retentionRate, [
        ...path,
        'retentionRate',
      ]),
      discountRate: d,
      periods: cohorts.periods ?? (defaults.periods as number),
      marginGrowth: cohorts.marginGrowth ?? (defaults.marginGrowth as number),
      retentionCost: cohorts.retentionCost ?? (defaults.retentionCost as number),
      acquisitionCost: 0,
      referralValue: cohorts.referralValue ?? (defaults.referralValue as number),
      timing,
    };
    newCustomerValue = retentionClvValue(newParams, path);
    const perCohort =
      cohorts.prospects * (cohorts.acquisitionRate * newCustomerValue - (cohorts.acquisitionCostPerProspect ?? 0));
    const count = cohorts.cohorts ?? Number.POSITIVE_INFINITY;
    // Σ_{k=1..K} (1+γ)^(k−1)/(1+d)^k = S(q, K)/(1+d) with q = (1+γ)/(1+d).
    const series = geometricSeries(1, cohorts.prospectGrowth ?? 0, d);
    if (perCohort !== 0) {
      if (count === Number.POSITIVE_INFINITY && !converges(series)) {
        throw invalidWithReason(
          [...path, 'cohorts'],
          `an infinite number of cohorts has no finite value: prospectGrowth (${cohorts.prospectGrowth ?? 0}) is not below discountRate (${d}); give a finite number of cohorts`,
          'DIVERGENT',
        );
      }
      future = perCohort * scaledGeometricSum(series, count);
      if (!Number.isFinite(future)) {
        throw invalidWithReason([...path, 'cohorts'], 'the value of the cohorts overflows a double', 'DOMAIN_ERROR');
      }
    }
  }
  return {
    total: current + future,
    currentCustomers: current,
    futureCohorts: future,
    newCustomerValue,
    customerCount: records.length,
    customerValues: values,
  };
}
