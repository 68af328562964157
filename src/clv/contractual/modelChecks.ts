/**
 * Model checking for any purchase-count model of the library (BG/NBD, Pareto/NBD, MBG/NBD, BG/BB, …): calibration vs
 * holdout, the repeat-frequency histogram with a chi-square test, and tracking curves. The functions only need the
 * methods they call, so any object with those methods can be checked (structural typing).
 * @module
 */
import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, type TimeUnit, toEpochDay } from '../../core/dates.js';
import { CrmAnalyticsError } from '../../core/errors.js';
import { emptyInput, invalidValue, invalidWithReason } from '../../core/messages.js';
import { compensatedSum } from '../../core/numeric.js';
import {
  type Accessor,
  accessorSchema,
  expectNonNegative,
  inputReadError,
  parseOptions,
  readField,
  readingInput,
  recordAt,
  toAccessorFunction,
  toRecordArray,
} from '../../core/validate.js';
import { chiSquareUpperTail } from './shared.js';

/** A model that predicts each known customer's purchases over the next t time units (or opportunities). */
export interface ConditionalPurchaseModel<C> {
  /** Expected purchases of each customer in the next `t` units, in input order. */
  conditionalExpectedPurchases(t: number, customers: readonly C[]): ArrayLike<number>;
}

/** A model that gives the distribution of a new customer's repeat purchases over her first t units. */
export interface PurchaseDistributionModel {
  /** P(X(t) = n): a new customer makes exactly n repeat purchases in her first t units. */
  probabilityOfPurchases(n: number, t: number): number;
  /** The fitted parameters, an object of numbers (their count sets the chi-square degrees of freedom). */
  readonly params?: object;
}

/** A model that gives a new customer's expected repeat purchases over her first t units. */
export interface ExpectedPurchasesModel {
  /** E[X(t)] for a new customer. */
  expectedPurchases(t: number): number;
  /** The model's time unit, when it records one (the BG/NBD family does); the default of `trackingCurve`'s unit. */
  readonly timeUnit?: TimeUnit;
}

/**
 * The methods the checks use, together: every purchase-count model of the library has them
 * (`t` in the model's time unit, or in transaction opportunities for BG/BB).
 */
export interface CheckablePurchaseModel<C>
  extends ConditionalPurchaseModel<C>,
    PurchaseDistributionModel,
    ExpectedPurchasesModel {}

const accessor = accessorSchema();

// ---------------------------------------------------------------------------------------------------------------
// Calibration vs holdout
// ---------------------------------------------------------------------------------------------------------------

/** Options of {@link calibrationVsHoldout}. */
export interface CalibrationVsHoldoutOptions<R> {
  /** Calibration frequencies ≥ this are pooled into the last group (default 7). */
  maxFrequency?: number;
  /** Field or accessor of the holdout purchases (default `'holdoutFrequency'`, as `calibrationHoldoutSplit` names it). */
  holdoutFrequency?: Accessor<R, number>;
  /** Field or accessor of the holdout length, in the model's unit (default `'holdoutDuration'`). */
  holdoutDuration?: Accessor<R, number>;
}

/** zod schema of {@link CalibrationVsHoldoutOptions}. */
export const calibrationVsHoldoutOptionsSchema: z.ZodType<CalibrationVsHoldoutOptions<never>> = z.strictObject({
  maxFrequency: z.number().int().min(1).max(10_000).optional(),
  holdoutFrequency: accessor.optional(),
  holdoutDuration: accessor.optional(),
}) as unknown as z.ZodType<CalibrationVsHoldoutOptions<never>>;

/** One group of {@link calibrationVsHoldout}: customers with the same calibration frequency. */
export interface CalibrationVsHoldoutGroup {
  /** Calibration frequency of the group (the last group holds every frequency ≥ this). */
  frequency: number;
  /** `'0'`, `'1'`, …, or `'7+'` for the pooled last group. */
  label: string;
  /** Customers in the group. */
  customers: number;
  /** Mean holdout purchases observed. */
  actual: number;
  /** Mean holdout purchases predicted by the model. */
  predicted: number;
}

/** What {@link calibrationVsHoldout} returns. */
export interface CalibrationVsHoldoutResult {
  /** Groups by calibration frequency, ascending (empty groups are left out). */
  groups: CalibrationVsHoldoutGroup[];
  /** Mean absolute error per customer, |predicted − actual|, over all customers. */
  mae: number;
  /** Root mean squared error per customer. */
  rmse: number;
  /** Total holdout purchases observed. */
  actualTotal: number;
  /** Total holdout purchases predicted. */
  predictedTotal: number;
}

/**
 * Predicted vs actual holdout purchases, grouped by calibration frequency: the standard out-of-sample check of a
 * buy-'til-you-die model (the "conditional expectations" plot of Fader, Hardie & Lee 2005, Figure 4, and lifetimes'
 * `plot_calibration_purchases_vs_holdout_purchases`). Each customer's prediction is
 * `model.conditionalExpectedPurchases(holdoutDuration, [customer])`; customers with equal durations are predicted
 * together.
 *
 * Reference: Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), "'Counting your customers' the easy way",
 * Marketing Science 24(2), 275–284, doi:10.1287/mksc.1040.0098.
 *
 * @param model - any model with `conditionalExpectedPurchases(t, customers)`
 * @param split - calibration summaries with holdout purchases and duration (e.g. `calibrationHoldoutSplit(...)`, or
 *   its `customers` array); each record is passed to the model as a customer, so it must carry the model's fields
 * @param options - grouping and field names ({@link CalibrationVsHoldoutOptions})
 * @returns the groups, MAE, RMSE and totals
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` for no customers, `INVALID_INPUT` naming the record for negative or
 *   non-finite holdout values, or for a model returning a non-finite prediction
 * @example
 * import { BetaGeoBetaBinomModel, calibrationVsHoldout } from 'crm-analytics/clv';
 * const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
 * const split = [{ frequency: 6, recency: 6, periods: 6, holdoutFrequency: 4, holdoutDuration: 5 }];
 * calibrationVsHoldout(model, split).groups; // => [{ frequency: 6, label: '6', customers: 1, actual: 4, predicted: 3.75 }]
 */
export function calibrationVsHoldout<C, R extends C = C>(
  model: ConditionalPurchaseModel<C>,
  split: Iterable<R> | ArrayLike<R> | { customers: Iterable<R> | ArrayLike<R> },
  options: CalibrationVsHoldoutOptions<R> = {},
): CalibrationVsHoldoutResult {
  const o = parseOptions(calibrationVsHoldoutOptionsSchema, options) as CalibrationVsHoldoutOptions<R>;
  const maxFrequency = o.maxFrequency ?? 7;
  const source =
    split !== null && typeof split === 'object' && !Array.isArray(split) && 'customers' in split
      ? readingInput(['split', 'customers'], () => (split as { customers: Iterable<R> | ArrayLike<R> }).customers)
      : (split as Iterable<R> | ArrayLike<R>);
  const records = toRecordArray(source, 'split');
  if (records.length === 0) throw emptyInput('split', 1, 'customer');
  const readHoldout = toAccessorFunction<R, number>(o.holdoutFrequency ?? 'holdoutFrequency');
  const readDuration = toAccessorFunction<R, number>(o.holdoutDuration ?? 'holdoutDuration');
  const freqField = toAccessorFunction<R, number>('frequency');
  const n = records.length;
  const actual = new Float64Array(n);
  const group = new Int32Array(n);
  const byDuration = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const record = recordAt(records, i, 'split') as R;
    if (record === null || typeof record !== 'object') throw invalidValue(['split', i], 'an object', record);
    actual[i] = expectNonNegative(readField(readHoldout, record, i, ['split', i, 'holdoutFrequency']), [
      'split',
      i,
      'holdoutFrequency',
    ]);
    const duration = expectNonNegative(readField(readDuration, record, i, ['split', i, 'holdoutDuration']), [
      'split',
      i,
      'holdoutDuration',
    ]);
    const frequency = expectNonNegative(readField(freqField, record, i, ['split', i, 'frequency']), [
      'split',
      i,
      'frequency',
    ]);
    group[i] = Math.min(Math.floor(frequency), maxFrequency);
    const list = byDuration.get(duration);
    if (list === undefined) byDuration.set(duration, [i]);
    else list.push(i);
  }
  const predicted = new Float64Array(n);
  for (const [duration, indices] of byDuration) {
    // The model reads the records' fields: a throwing getter there is an input error too.
    const values = readingInput(['split'], () =>
      model.conditionalExpectedPurchases(
        duration,
        indices.map((i) => records[i] as R),
      ),
    );
    indices.forEach((i, k) => {
      const v = values[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw invalidValue(['split', i], 'a record the model can predict (a finite prediction)', v);
      }
      predicted[i] = v;
    });
  }
  const groups: CalibrationVsHoldoutGroup[] = [];
  const count = new Float64Array(maxFrequency + 1);
  const sumActual = new Float64Array(maxFrequency + 1);
  const sumPredicted = new Float64Array(maxFrequency + 1);
  const absErrors = new Float64Array(n);
  const sqErrors = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = group[i] as number;
    count[g] = (count[g] as number) + 1;
    sumActual[g] = (sumActual[g] as number) + (actual[i] as number);
    sumPredicted[g] = (sumPredicted[g] as number) + (predicted[i] as number);
    const e = (predicted[i] as number) - (actual[i] as number);
    absErrors[i] = Math.abs(e);
    sqErrors[i] = e * e;
  }
  for (let g = 0; g <= maxFrequency; g++) {
    const c = count[g] as number;
    if (c === 0) continue;
    groups.push({
      frequency: g,
      label: g === maxFrequency ? `${g}+` : String(g),
      customers: c,
      actual: (sumActual[g] as number) / c,
      predicted: (sumPredicted[g] as number) / c,
    });
  }
  const mae = compensatedSum(absErrors) / n;
  const rmse = Math.sqrt(compensatedSum(sqErrors) / n);
  if (!Number.isFinite(mae) || !Number.isFinite(rmse)) {
    // Holdout counts near 1e308: their errors, or the squares, overflow.
    throw invalidWithReason(
      ['split'],
      `the prediction errors overflow (mae ${mae}, rmse ${rmse}); check the holdout frequencies`,
      'DOMAIN_ERROR',
    );
  }
  return {
    groups,
    mae,
    rmse,
    actualTotal: compensatedSum(actual),
    predictedTotal: compensatedSum(predicted),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Repeat-frequency histogram and chi-square
// ---------------------------------------------------------------------------------------------------------------

/** Options of {@link repeatFrequencyFit}. */
export interface RepeatFrequencyFitOptions<S> {
  /** Repeat-purchase counts ≥ this are pooled into the last bin (default 7, so bins 0, 1, …, 6, 7+). */
  maxFrequency?: number;
  /**
   * Field or accessor of each customer's observation length passed to `probabilityOfPurchases` as t.
   * Default: `'T'` when the record has it (BG/NBD, Pareto/NBD summaries), else `'periods'` (BG/BB).
   */
  time?: Accessor<S, number>;
  /** Field or accessor of the observed repeat purchases (default `'frequency'`). */
  frequency?: Accessor<S, number>;
  /**
   * Parameters estimated from the same data, subtracted from the degrees of freedom
   * (default: the number of entries of `model.params`, or 0 when the model has none).
   */
  parametersEstimated?: number;
}

/** zod schema of {@link RepeatFrequencyFitOptions}. */
export const repeatFrequencyFitOptionsSchema: z.ZodType<RepeatFrequencyFitOptions<never>> = z.strictObject({
  maxFrequency: z.number().int().min(1).max(10_000).optional(),
  time: accessor.optional(),
  frequency: accessor.optional(),
  parametersEstimated: z.number().int().min(0).max(1000).optional(),
}) as unknown as z.ZodType<RepeatFrequencyFitOptions<never>>;

/** One bin of {@link repeatFrequencyFit}. */
export interface RepeatFrequencyBin {
  /** Number of repeat purchases (the last bin: this many or more). */
  frequency: number;
  /** `'0'`, `'1'`, …, `'7+'`. */
  label: string;
  /** Customers observed with this many repeat purchases. */
  observed: number;
  /** Customers the model expects: Σ_i P(X(t_i) = frequency). */
  expected: number;
}

/** What {@link repeatFrequencyFit} returns. */
export interface RepeatFrequencyFitResult {
  /** One bin per repeat-purchase count 0 … maxFrequency (the last pooled), for a bar chart. */
  bins: RepeatFrequencyBin[];
  /** Pearson's statistic Σ (O − E)²/E over the bins (≥ 0; `Infinity` if a bin with E = 0 was observed). */
  chiSquare: number;
  /** bins − 1 − parameters estimated. */
  degreesOfFreedom: number;
  /** P(χ²(df) ≥ statistic); `null` when the degrees of freedom are ≤ 0. */
  pValue: number | null;
}

/** Most terms summed directly for the pooled "maxFrequency+" bin of {@link repeatFrequencyFit}, per distinct T. */
const TAIL_TERMS = 1000;

/**
 * Expected vs observed number of customers with 0, 1, 2, … repeat purchases in the calibration period, with
 * Pearson's chi-square goodness-of-fit statistic and its p-value: the in-sample histogram check of the
 * buy-'til-you-die literature (Fader, Hardie & Lee 2005, Figure 2; lifetimes' `plot_period_transactions`).
 *
 * The expected count of bin x is Σ_i P(X(t_i) = x), with t_i each customer's own observation length (T, or n
 * opportunities); the last bin gets the rest of the probability, Σ_i (1 − Σ_{x<max} P(X(t_i) = x)) (summed term by
 * term when that rest is below 0.001, where the subtraction would lose its digits).
 * `χ² = Σ (O − E)²/E`, df = bins − 1 − parameters; p from the chi-square upper tail.
 *
 * Reference: Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), Marketing Science 24(2), 275–284,
 * doi:10.1287/mksc.1040.0098; Pearson, K. (1900), Philosophical Magazine 50(302), 157–175,
 * doi:10.1080/14786440009463897.
 *
 * @param model - any model with `probabilityOfPurchases(n, t)`
 * @param summaries - the customers the model was fitted on (frequency and T or periods)
 * @param options - bins, field names and degrees of freedom ({@link RepeatFrequencyFitOptions})
 * @returns bins (data for a bar chart), chi-square statistic, degrees of freedom and p-value
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` for no customers, `INVALID_INPUT` naming the record for a bad frequency
 *   or time, or a model probability outside [0, 1]
 * @example
 * import { BetaGeoBetaBinomModel, repeatFrequencyFit } from 'crm-analytics/clv';
 * const model = new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma: 1, delta: 1 });
 * const fit = repeatFrequencyFit(model, [{ frequency: 0, recency: 0, periods: 1 }, { frequency: 1, recency: 1, periods: 1 }], { maxFrequency: 1 });
 * fit.bins; // => [{ frequency: 0, observed: 1, expected: 1.5 }, { frequency: 1, label: '1+', observed: 1, expected: 0.5 }]
 * fit.chiSquare; // => 0.6667
 */
export function repeatFrequencyFit<S extends object>(
  model: PurchaseDistributionModel,
  summaries: Iterable<S> | ArrayLike<S>,
  options: RepeatFrequencyFitOptions<S> = {},
): RepeatFrequencyFitResult {
  const o = parseOptions(repeatFrequencyFitOptionsSchema, options) as RepeatFrequencyFitOptions<S>;
  const maxFrequency = o.maxFrequency ?? 7;
  const records = toRecordArray(summaries, 'summaries');
  if (records.length === 0) throw emptyInput('summaries', 1, 'customer');
  const readFrequency = toAccessorFunction<S, number>(o.frequency ?? 'frequency');
  const explicitTime = o.time === undefined ? undefined : toAccessorFunction<S, number>(o.time);
  const observed = new Float64Array(maxFrequency + 1);
  const timeCounts = new Map<number, number>();
  let i = 0;
  try {
    for (; i < records.length; i++) {
      const record = records[i] as S;
      if (record === null || typeof record !== 'object') throw invalidValue(['summaries', i], 'an object', record);
      const x = expectNonNegative(readField(readFrequency, record, i, ['summaries', i, 'frequency']), [
        'summaries',
        i,
        'frequency',
      ]);
      const timeName = explicitTime ? 'time' : Object.hasOwn(record, 'T') ? 'T' : 'periods';
      const rawTime = explicitTime
        ? readField(explicitTime, record, i, ['summaries', i, 'time'])
        : (record as Record<string, unknown>)[timeName];
      const t = expectNonNegative(rawTime, ['summaries', i, timeName]);
      const bin = Math.min(Math.floor(x), maxFrequency);
      observed[bin] = (observed[bin] as number) + 1;
      timeCounts.set(t, (timeCounts.get(t) ?? 0) + 1);
    }
  } catch (cause) {
    throw inputReadError(cause, ['summaries', i]);
  }
  const expected = new Float64Array(maxFrequency + 1);
  for (const [t, count] of timeCounts) {
    let below = 0;
    for (let x = 0; x < maxFrequency; x++) {
      const p = model.probabilityOfPurchases(x, t);
      if (typeof p !== 'number' || !(p >= -1e-12 && p <= 1 + 1e-12)) {
        throw new CrmAnalyticsError(
          'INVALID_INPUT',
          `model.probabilityOfPurchases(${x}, ${t}): expected a probability in [0, 1], got ${String(p)}`,
          { received: p },
        );
      }
      expected[x] = (expected[x] as number) + count * p;
      below += p;
    }
    let tail = 1 - below;
    if (tail < 1e-3) {
      // 1 − Σ loses its digits when the pooled bin is nearly empty: sum its terms directly instead, within a bounded
      // number of terms (degenerate fitted parameters can make the terms decay very slowly; then keep 1 − Σ).
      let direct = 0;
      let converged = false;
      for (let x = maxFrequency; x < maxFrequency + TAIL_TERMS; x++) {
        const p = model.probabilityOfPurchases(x, t);
        if (!(p > 0) || p < 1e-17 * direct) {
          converged = true;
          break;
        }
        direct += p;
      }
      if (converged) tail = direct;
    }
    expected[maxFrequency] = (expected[maxFrequency] as number) + count * Math.max(0, tail);
  }
  const bins: RepeatFrequencyBin[] = [];
  const contributions = new Float64Array(maxFrequency + 1);
  for (let x = 0; x <= maxFrequency; x++) {
    const O = observed[x] as number;
    const E = expected[x] as number;
    bins.push({ frequency: x, label: x === maxFrequency ? `${x}+` : String(x), observed: O, expected: E });
    contributions[x] = E > 0 ? ((O - E) * (O - E)) / E : O > 0 ? Number.POSITIVE_INFINITY : 0;
  }
  let infinite = false;
  for (let x = 0; x <= maxFrequency; x++) if (contributions[x] === Number.POSITIVE_INFINITY) infinite = true;
  const chiSquare = infinite ? Number.POSITIVE_INFINITY : compensatedSum(contributions);
  const parameters = o.parametersEstimated ?? (model.params ? Object.keys(model.params).length : 0);
  const degreesOfFreedom = maxFrequency + 1 - 1 - parameters;
  return {
    bins,
    chiSquare,
    degreesOfFreedom,
    pValue: degreesOfFreedom > 0 ? chiSquareUpperTail(chiSquare, degreesOfFreedom) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tracking curves
// ---------------------------------------------------------------------------------------------------------------

/** Options of {@link trackingCurve}. */
export interface TrackingCurveOptions<T> {
  /** The model's time unit (`'day'`, `'week'`, `'month'`, `'year'`; default `model.timeUnit` if set, else `'week'`). */
  timeUnit?: TimeUnit;
  /** Length of one tracking period in `timeUnit` (default 1); the window may hold at most 100 000 periods. */
  periodLength?: number;
  /** First day of the curve (default: the first transaction's day). */
  start?: Date | string | number;
  /** Last day included (default: the last transaction's day). */
  end?: Date | string | number;
  /**
   * Floor each customer's age to whole time units before calling `expectedPurchases` (default false): for
   * discrete-time models such as BG/BB, whose t counts whole opportunities.
   */
  wholePeriods?: boolean;
  /** Field or accessor of the customer id (default `'customerId'`). */
  customerId?: Accessor<T, unknown>;
  /** Field or accessor of the date (default `'date'`): a `Date`, ISO string (UTC) or epoch ms. */
  date?: Accessor<T, unknown>;
}

/** zod schema of {@link TrackingCurveOptions}. */
export const trackingCurveOptionsSchema: z.ZodType<TrackingCurveOptions<never>> = z.strictObject({
  timeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
  periodLength: z.number().positive().finite().optional(),
  start: z.union([z.date(), z.string(), z.number()]).optional(),
  end: z.union([z.date(), z.string(), z.number()]).optional(),
  wholePeriods: z.boolean().optional(),
  customerId: accessor.optional(),
  date: accessor.optional(),
}) as unknown as z.ZodType<TrackingCurveOptions<never>>;

/** One period of {@link trackingCurve}. */
export interface TrackingCurvePoint {
  /** 1, 2, … */
  period: number;
  /** Time since the start at the end of the period, in `timeUnit`. */
  time: number;
  /** The period's end (exclusive), UTC. */
  end: Date;
  /** Repeat transactions observed in the period. */
  actualIncremental: number;
  /** Repeat transactions expected in the period. */
  expectedIncremental: number;
  /** Repeat transactions observed up to the period's end. */
  actualCumulative: number;
  /** Repeat transactions expected up to the period's end. */
  expectedCumulative: number;
}

/** What {@link trackingCurve} returns. */
export interface TrackingCurveResult {
  /** One point per whole period, in time order, for a line chart. */
  points: TrackingCurvePoint[];
  /** The unit of `time` and of the model. */
  timeUnit: TimeUnit;
  /** Length of each period in `timeUnit`. */
  periodLength: number;
  /** Customers (distinct ids) whose first purchase is in the window. */
  customers: number;
}

/** Most periods {@link trackingCurve} reports (each calls the model once per distinct first-purchase day). */
const MAX_TRACKING_PERIODS = 100_000;

/**
 * Cumulative and per-period repeat transactions, actual vs expected, for a cohort followed over time: the
 * "tracking plot" of Fader, Hardie & Lee (2005, Figures 1 and 3) and lifetimes' `expected_cumulative_transactions`.
 *
 * Transactions are `{ customerId, date }` records (other fields ignored). Several transactions of a customer on the
 * same UTC day count once; each customer's first day is her trial, not a repeat. Period k covers
 * [start + (k−1)·L, start + k·L) with L = `periodLength` `timeUnit`s (month and year are mean Gregorian lengths).
 * Expected cumulative repeat transactions at the end e_k of period k are
 * `Σ_{customers with first day f < e_k} model.expectedPurchases((e_k − f) in timeUnit)`;
 * incremental values are the differences. Customers whose first purchase is before `start` are left out. Only whole
 * periods that end by `end` are reported (at least one and at most 100 000 periods must fit in the window).
 *
 * Reference: Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), Marketing Science 24(2), 275–284,
 * doi:10.1287/mksc.1040.0098.
 *
 * @param model - any model with `expectedPurchases(t)` (t in `timeUnit`)
 * @param transactions - `{ customerId, date }` records
 * @param options - unit, period length, window ({@link TrackingCurveOptions})
 * @returns one point per period (data for a line chart)
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` for no transactions in the window, `INVALID_INPUT` naming the record for
 *   a bad date or id, `INVALID_OPTION` for bad options (also naming `periodLength` when the window holds more than
 *   100 000 periods)
 * @example
 * import { BetaGeoBetaBinomModel, trackingCurve } from 'crm-analytics/clv';
 * const model = new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma: 1, delta: 1 });
 * const log = [{ customerId: 'a', date: '2020-01-01' }, { customerId: 'a', date: '2021-03-01' }];
 * trackingCurve(model, log, { timeUnit: 'year', end: '2021-12-31', wholePeriods: true }).points[1]; // => { period: 2, actualCumulative: 1, expectedCumulative: 0.4167 }
 */
export function trackingCurve<T extends object>(
  model: ExpectedPurchasesModel,
  transactions: Iterable<T> | ArrayLike<T>,
  options: TrackingCurveOptions<T> = {},
): TrackingCurveResult {
  const o = parseOptions(trackingCurveOptionsSchema, options) as TrackingCurveOptions<T>;
  const modelUnit = model.timeUnit;
  const timeUnit: TimeUnit =
    o.timeUnit ?? (modelUnit !== undefined && Object.hasOwn(DAYS_PER_TIME_UNIT, modelUnit) ? modelUnit : 'week');
  const periodLength = o.periodLength ?? 1;
  const unitDays = DAYS_PER_TIME_UNIT[timeUnit];
  const periodDays = periodLength * unitDays;
  const records = toRecordArray(transactions, 'transactions');
  if (records.length === 0) throw emptyInput('transactions', 1, 'transaction');
  const readId = toAccessorFunction<T, unknown>(o.customerId ?? 'customerId');
  const readDate = toAccessorFunction<T, unknown>(o.date ?? 'date');
  const startOption = o.start === undefined ? undefined : optionDay(o.start, 'start');
  const endOption = o.end === undefined ? undefined : optionDay(o.end, 'end');
  const firstDay = new Map<unknown, number>();
  const days = new Map<unknown, Set<number>>();
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  let i = 0;
  try {
    for (; i < records.length; i++) {
      const record = records[i] as T;
      if (record === null || typeof record !== 'object') throw invalidValue(['transactions', i], 'an object', record);
      const id = readField(readId, record, i, ['transactions', i, 'customerId']);
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw invalidValue(['transactions', i, 'customerId'], 'a string or number', id);
      }
      const rawDate = readField(readDate, record, i, ['transactions', i, 'date']);
      const day = toEpochDay(rawDate);
      if (day === undefined) {
        throw invalidValue(
          ['transactions', i, 'date'],
          'a date (a valid Date, an ISO 8601 string or epoch ms)',
          rawDate,
        );
      }
      if (endOption !== undefined && day > endOption) continue;
      const f = firstDay.get(id);
      if (f === undefined || day < f) firstDay.set(id, day);
      let set = days.get(id);
      if (set === undefined) {
        set = new Set<number>();
        days.set(id, set);
      }
      set.add(day);
      if (day < minDay) minDay = day;
      if (day > maxDay) maxDay = day;
    }
  } catch (cause) {
    throw inputReadError(cause, ['transactions', i]);
  }
  const start = startOption ?? minDay;
  const end = endOption ?? maxDay;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw emptyInput('transactions', 1, 'transaction in the window');
  }
  // Repeat purchase days and first days, of customers who joined within the window.
  const repeatDays: number[] = [];
  const firstCounts = new Map<number, number>();
  let customers = 0;
  for (const [id, f] of firstDay) {
    if (f < start) continue;
    customers++;
    firstCounts.set(f, (firstCounts.get(f) ?? 0) + 1);
    for (const d of days.get(id) as Set<number>) if (d !== f) repeatDays.push(d);
  }
  if (customers === 0) throw emptyInput('transactions', 1, 'customer joining in the window');
  repeatDays.sort((a, b) => a - b);
  const firsts = [...firstCounts.entries()].sort((a, b) => a[0] - b[0]);
  const span = end + 1 - start;
  const periods = Math.floor(span / periodDays + 1e-9);
  if (!(periods <= MAX_TRACKING_PERIODS)) {
    throw invalidValue(
      ['options', 'periodLength'],
      `a period long enough for at most ${MAX_TRACKING_PERIODS} periods in the window (${span} days from start to end)`,
      periodLength,
      'INVALID_OPTION',
    );
  }
  if (periods < 1) {
    throw invalidValue(
      ['options', 'periodLength'],
      `a period no longer than the window (${span} days from start to end)`,
      periodLength,
      'INVALID_OPTION',
    );
  }
  const points: TrackingCurvePoint[] = [];
  let r = 0;
  let previousActual = 0;
  let previousExpected = 0;
  const ages = new Float64Array(firsts.length);
  for (let k = 1; k <= periods; k++) {
    const boundary = start + k * periodDays;
    while (r < repeatDays.length && (repeatDays[r] as number) < boundary) r++;
    let m = 0;
    for (const [f, count] of firsts) {
      if (f >= boundary) break;
      let age = (boundary - f) / unitDays;
      if (o.wholePeriods === true) age = Math.floor(age + 1e-9);
      const e = model.expectedPurchases(age);
      if (typeof e !== 'number' || !Number.isFinite(e)) {
        throw new CrmAnalyticsError(
          'INVALID_INPUT',
          `model.expectedPurchases(${age}): expected a finite number, got ${String(e)}`,
          { received: e },
        );
      }
      ages[m++] = count * e;
    }
    const expectedCumulative = compensatedSum(ages, 0, m);
    points.push({
      period: k,
      time: k * periodLength,
      end: new Date(Math.round(boundary * 86_400_000)),
      actualIncremental: r - previousActual,
      expectedIncremental: expectedCumulative - previousExpected,
      actualCumulative: r,
      expectedCumulative,
    });
    previousActual = r;
    previousExpected = expectedCumulative;
  }
  return { points, timeUnit, periodLength, customers };
}

function optionDay(value: Date | string | number, field: string): number {
  const day = toEpochDay(value);
  if (day === undefined) {
    throw invalidValue(
      ['options', field],
      'a date (a valid Date, an ISO 8601 string or epoch ms)',
      value,
      'INVALID_OPTION',
    );
  }
  return day;
}
