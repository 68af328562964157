import * as z from 'zod';
import { parseOptions, parseWithSchema } from '../../core/validate.js';
import {
  geometricPower,
  geometricSum,
  type LifetimeValueTiming,
  presentValueOfPeriods,
  type RetentionClvParams,
  retentionClvParts,
  retentionClvValue,
} from './closedForm.js';

export type { LifetimeValueTiming } from './closedForm.js';

/**
 * One customer's (or an average customer's) economics for {@link lifetimeValue}. Money is in one currency;
 * every rate and amount is **per period** (a year, a month, … — the same period for all of them).
 */
export interface LifetimeValueInput {
  /** Margin (profit contribution) per period in the first period, before retention costs. Any finite number. */
  margin: number;
  /** Retention rate r per period, in [0, 1]: the probability that a customer active in one period is active in the next. */
  retentionRate: number;
  /** Discount rate d per period, ≥ 0 (e.g. 0.1 for 10% a year with yearly periods). */
  discountRate: number;
  /** Horizon: a whole number of periods ≥ 1, or `Infinity` (default). */
  periods?: number | undefined;
  /** Growth g of the margin per period, ≥ −1 (default 0): the margin of period t is `margin·(1+g)^(t−1)`. */
  marginGrowth?: number | undefined;
  /** Retention (marketing) cost per period per surviving customer, ≥ 0 (default 0); it does not grow with g. */
  retentionCost?: number | undefined;
  /** Acquisition cost, ≥ 0 (default 0), paid once at time 0 and not discounted. Leave 0 for current customers (sunk). */
  acquisitionCost?: number | undefined;
  /** Referral (word-of-mouth) value per period per surviving customer, ≥ 0 (default 0); it does not grow with g. */
  referralValue?: number | undefined;
  /** When the cash flows of a period arrive: `'end'` (default, Gupta & Lehmann's base case) or `'start'`. */
  timing?: LifetimeValueTiming | undefined;
}

/** Options of {@link lifetimeValue} (the per-period table only; `value` never depends on them). */
export interface LifetimeValueOptions {
  /** Most periods listed in the table (whole number ≥ 0, default 1000). */
  maxTablePeriods?: number | undefined;
  /**
   * Infinite horizons: the table stops at the first period after which the present value still to come is at most
   * `tableTolerance` × the gross present value `|Σ|PV-series|| + acquisitionCost` (default 1e-12), or at `maxTablePeriods`.
   */
  tableTolerance?: number | undefined;
}

/** One row of the cash-flow table of {@link lifetimeValue}. Row 0 is the acquisition at time 0. */
export interface LifetimeValuePeriod {
  /** Period number: 0 for the acquisition, then 1, 2, …. */
  period: number;
  /** When the row's cash flow arrives, in periods from now: `period` (end timing) or `period − 1` (start timing); 0 for row 0. */
  time: number;
  /** Probability that the customer is still active when the cash flow arrives: `r^time` (1 for row 0). */
  survival: number;
  /** Margin of the period for an active customer: `margin·(1+g)^(period−1)` (0 for row 0). */
  margin: number;
  /** Referral value of the period for an active customer (0 for row 0). */
  referral: number;
  /** Cost of the period for an active customer: the retention cost, or the acquisition cost in row 0. */
  cost: number;
  /** `1/(1+d)^time`. */
  discountFactor: number;
  /** `survival · (margin + referral − cost) · discountFactor` (row 0: `−acquisitionCost`). */
  presentValue: number;
}

/** The result of {@link lifetimeValue}. */
export interface LifetimeValueResult {
  /** The CLV: net present value at time 0, from the closed form (exact for any horizon). */
  value: number;
  /** The horizon in periods (`Infinity` for an infinite horizon). */
  horizon: number;
  /** The cash-flow table: row 0 (acquisition) and periods 1 … n, where n ≤ horizon (see `tableComplete`). */
  periods: LifetimeValuePeriod[];
  /**
   * Whether the table lists every period of the horizon: false for infinite horizons, horizons over the limit, and
   * when the grown margin `margin·(1+g)^(t−1)` of a period exceeds the largest double (the table stops before it).
   */
  tableComplete: boolean;
  /** Present value of the periods not listed in the table (0 when complete): Σ presentValue + tableRemainder = value. */
  tableRemainder: number;
}

const periodsSchema = z.custom<number>(
  (v) => v === Number.POSITIVE_INFINITY || (typeof v === 'number' && Number.isInteger(v) && v >= 1),
  { message: 'expected a whole number ≥ 1 or Infinity' },
);

/** zod schema of {@link LifetimeValueInput} (unknown keys are rejected, so that a misspelt field is not ignored). */
export const lifetimeValueInputSchema: z.ZodType<LifetimeValueInput> = z.strictObject({
  margin: z.number(),
  retentionRate: z.number().min(0).max(1),
  discountRate: z.number().min(0),
  periods: periodsSchema.optional(),
  marginGrowth: z.number().min(-1).optional(),
  retentionCost: z.number().min(0).optional(),
  acquisitionCost: z.number().min(0).optional(),
  referralValue: z.number().min(0).optional(),
  timing: z.enum(['end', 'start']).optional(),
});

/** zod schema of {@link LifetimeValueOptions}. */
export const lifetimeValueOptionsSchema: z.ZodType<LifetimeValueOptions> = z.strictObject({
  maxTablePeriods: z.number().int().min(0).optional(),
  tableTolerance: z.number().min(0).optional(),
});

/**
 * Validates and fills the defaults of a {@link LifetimeValueInput}.
 * @internal
 */
export function parseLifetimeValueInput(input: unknown, root: ReadonlyArray<string | number>): RetentionClvParams {
  const p = parseWithSchema(lifetimeValueInputSchema, input, root);
  return {
    margin: p.margin,
    retentionRate: p.retentionRate,
    discountRate: p.discountRate,
    periods: p.periods ?? Number.POSITIVE_INFINITY,
    marginGrowth: p.marginGrowth ?? 0,
    retentionCost: p.retentionCost ?? 0,
    acquisitionCost: p.acquisitionCost ?? 0,
    referralValue: p.referralValue ?? 0,
    timing: p.timing ?? 'end',
  };
}

/**
 * Customer lifetime value with retention and discounting: the net present value of the profit a customer brings
 * over the relationship, with a per-period cash-flow table.
 *
 * Model (all amounts and rates per period; period t = 1, 2, …, T):
 * - an active customer brings in period t the margin `m·(1+g)^(t−1)` plus the referral value `v`, and costs the
 *   retention cost `c`;
 * - **end timing** (default, Gupta & Lehmann 2003): the flows of period t arrive at time t and count if the customer
 *   survived t retention decisions (probability `r^t`), discounted by `(1+d)^t`;
 *   **start timing**: they arrive at time t − 1, with survival `r^(t−1)` and discount `(1+d)^(t−1)`, so the first
 *   period's flows are certain and undiscounted;
 * - the acquisition cost A is paid once at time 0, not discounted, and subtracted (leave it 0 for current customers,
 *   whose acquisition cost is sunk).
 *
 * `CLV = −A + Σ_{t=1..T} s_t·(m(1+g)^(t−1) + v − c)/(1+d)^τ_t` with `s_t = r^τ_t`, `τ_t = t` (end) or `t − 1` (start).
 *
 * Closed form, with `q_g = r(1+g)/(1+d)`, `q_0 = r/(1+d)`, `S(q, T) = (1 − q^T)/(1 − q)` and `a = r/(1+d)` (end) or 1 (start):
 * `CLV = −A + a·[m·S(q_g, T) + (v − c)·S(q_0, T)]`. For T = ∞, `S = 1/(1 − q)`; end timing and g = 0 give
 * Gupta & Lehmann's `m·r/(1 + d − r)` (their margin multiple r/(1+d−r), see {@link marginMultiple}), start timing
 * `m(1+d)/(1 + d − r)`, and growth `m·r/(1 + d − r(1+g))`. An infinite horizon needs `r(1+g) < 1 + d` when m ≠ 0
 * (and r < 1 or d > 0 when v ≠ c); otherwise the series diverges and `DIVERGENT` is thrown.
 *
 * The table has row 0 (acquisition) and then one row per period; for long or infinite horizons it is truncated
 * (see {@link LifetimeValueOptions}) and `tableRemainder` carries the present value of the periods left out.
 *
 * @param input - the customer's economics, see {@link LifetimeValueInput}
 * @param options - table length, see {@link LifetimeValueOptions}
 * @returns the value, the horizon and the cash-flow table
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the field (`input.retentionRate: expected a number ≤ 1, got 1.2`);
 *   `INVALID_OPTION` for bad options; `DIVERGENT` for an infinite horizon whose series does not converge;
 *   `DOMAIN_ERROR` when a finite-horizon value overflows a double.
 * @see Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive Marketing 17(1), 9–24. doi:10.1002/dir.10045
 * @see Berger, P. D. & Nasr, N. I. (1998). Customer lifetime value: marketing models and applications. Journal of Interactive Marketing 12(1), 17–30.
 *
 * @example
 * import { lifetimeValue } from 'crm-analytics/clv';
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }).value; // => 266.6667
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, timing: 'start' }).value; // => 366.6667
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 3 }).value; // => 164.0872
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 2 }).periods[2]; // => { period: 2, survival: 0.64, presentValue: 52.8926 }
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, acquisitionCost: 150 }).value; // => 116.6667
 * lifetimeValue({ margin: 100, retentionRate: 0.9, discountRate: 0.1, marginGrowth: 0.25 }); // throws DIVERGENT
 * lifetimeValue({ margin: 100, retentionRate: 1.2, discountRate: 0.1 }); // throws INVALID_INPUT
 */
export function lifetimeValue(input: LifetimeValueInput, options?: LifetimeValueOptions): LifetimeValueResult {
  const p = parseLifetimeValueInput(input, ['input']);
  const opts = parseOptions(lifetimeValueOptionsSchema, options);
  const maxRows = opts.maxTablePeriods ?? 1000;
  const tolerance = opts.tableTolerance ?? 1e-12;
  const value = retentionClvValue(p, ['input']);
  const parts = retentionClvParts(p);

  const r = p.retentionRate;
  const onePlusD = 1 + p.discountRate;
  let rows = Math.min(p.periods, maxRows);
  if (p.periods === Number.POSITIVE_INFINITY) {
    // Stop once the tail Σ_{t>n} |PV| is negligible next to the gross value (or at the cap).
    const marginTail = Math.abs(parts.timingFactor * parts.marginCoefficient);
    const flowTail = Math.abs(parts.timingFactor * parts.flowCoefficient);
    const marginSum = marginTail === 0 ? 0 : geometricSum(parts.marginSeries, Number.POSITIVE_INFINITY);
    const flowSum = flowTail === 0 ? 0 : geometricSum(parts.flowSeries, Number.POSITIVE_INFINITY);
    const gross = marginTail * marginSum + flowTail * flowSum + p.acquisitionCost;
    let n = 1;
    while (n < maxRows) {
      const tail =
        (marginTail === 0 ? 0 : marginTail * geometricPower(parts.marginSeries, n) * marginSum) +
        (flowTail === 0 ? 0 : flowTail * geometricPower(parts.flowSeries, n) * flowSum);
      if (tail <= tolerance * gross) break;
      n++;
    }
    rows = Math.min(n, maxRows);
  }

  const table: LifetimeValuePeriod[] = [
    {
      period: 0,
      time: 0,
      survival: 1,
      margin: 0,
      referral: 0,
      cost: p.acquisitionCost,
      discountFactor: 1,
      presentValue: 0 - p.acquisitionCost,
    },
  ];
  for (let t = 1; t <= rows; t++) {
    const time = p.timing === 'end' ? t : t - 1;
    // The present value comes from the two geometric series (log space), so that a survival that underflows
    // and a grown margin that overflows cannot meet as 0·∞ in one product.
    let presentValue = 0;
    if (parts.marginCoefficient !== 0) {
      presentValue += parts.marginCoefficient * geometricPower(parts.marginSeries, t - 1);
    }
    if (parts.flowCoefficient !== 0) {
      presentValue += parts.flowCoefficient * geometricPower(parts.flowSeries, t - 1);
    }
    const margin = p.margin === 0 ? 0 : p.margin * (1 + p.marginGrowth) ** (t - 1);
    if (!Number.isFinite(margin)) {
      // The grown margin no longer fits a double (fast growth over many periods): the table stops here and the
      // rest of the value is reported in tableRemainder, as when the table reaches maxTablePeriods.
      rows = t - 1;
      break;
    }
    table.push({
      period: t,
      time,
      survival: r ** time,
      margin,
      referral: p.referralValue,
      cost: p.retentionCost,
      discountFactor: 1 / onePlusD ** time,
      presentValue: parts.timingFactor * presentValue,
    });
  }
  const complete = rows === p.periods;
  return {
    value,
    horizon: p.periods,
    periods: table,
    tableComplete: complete,
    tableRemainder: complete ? 0 : presentValueOfPeriods(parts, rows, p.periods),
  };
}
