import * as z from 'zod';
import { dayToDate, periodIndex, periodStartDay } from '../core/dates.js';
import { parseOptions } from '../core/validate.js';
import type { TransactionFieldOptions } from '../data/readTransactions.js';
import type { SkippedRecord } from '../data/types.js';
import {
  dateInputSchema,
  type LifecyclePeriod,
  type LifecycleRecordCounts,
  periodLabel,
  periodStartDate,
  pickFieldOptions,
  readObservedTransactions,
  rowPeriods,
  sortRowsByPeriod,
  transactionFieldShape,
} from './shared.js';

/** Options of {@link churnRate} and {@link periodRetentionRate}. */
export interface ChurnRateOptions<T = unknown> extends TransactionFieldOptions<T> {
  /** Calendar period: `'week'` (ISO weeks, Monday to Sunday), `'month'` (default) or `'quarter'`. All in UTC. */
  period?: LifecyclePeriod;
  /**
   * A customer is churned at the end of a period once they have gone this many whole periods in a row without a
   * purchase (a whole number ≥ 1). Default `1`: churned as soon as a period passes without a purchase, which makes the
   * retention rate "the share of last period's buyers who buy again this period".
   */
  inactivityThreshold?: number;
  /**
   * Last day of observation, inclusive (a `Date`, ISO string or epoch ms, read in UTC and truncated to its day).
   * Transactions after it are excluded; only periods that end on or before it are reported.
   * Default: the day of the last transaction.
   */
  observationEnd?: Date | string | number;
}

/** zod schema of {@link ChurnRateOptions} (exported so that embedding tools can reuse it). */
export const churnRateOptionsSchema: z.ZodType<ChurnRateOptions<never>> = z.strictObject({
  ...transactionFieldShape,
  period: z.enum(['week', 'month', 'quarter']).optional(),
  inactivityThreshold: z.number().int().min(1).optional(),
  observationEnd: dateInputSchema.optional(),
}) as unknown as z.ZodType<ChurnRateOptions<never>>;

/** One period of the churn table. Counts are numbers of customers. */
export interface ChurnPeriod {
  /** ISO label of the period: `'2024-03'`, `'2024-W09'` or `'2024-Q1'`. */
  period: string;
  /** UTC midnight of the first day of the period. */
  start: Date;
  /** Customers active at the end of the previous period (acquired before this period and not churned). */
  atRisk: number;
  /** At-risk customers whose last purchase is now exactly `inactivityThreshold` periods back: they churn in this period. */
  churned: number;
  /** At-risk customers still active at the end of this period: `atRisk − churned`. */
  retained: number;
  /** Customers whose first purchase is in this period. */
  acquired: number;
  /** Churned customers who bought again in this period (back to active; not counted at risk this period). */
  reactivated: number;
  /** Active customers at the end of the period: `retained + acquired + reactivated`. */
  activeAtEnd: number;
  /** `churned / atRisk`, a fraction in [0, 1]; `null` when no customer was at risk. */
  churnRate: number | null;
  /** `retained / atRisk = 1 − churnRate`; `null` when no customer was at risk. */
  retentionRate: number | null;
}

/** What {@link churnRate} returns. */
export interface ChurnTable {
  /** The calendar period used. */
  period: LifecyclePeriod;
  /** Periods without a purchase after which a customer counts as churned. */
  inactivityThreshold: number;
  /** The observation end used (UTC midnight of its day). */
  observationEnd: Date;
  /** One row per complete period, from the period of the first purchase to the last period ending by the observation end. */
  periods: ChurnPeriod[];
  /** Pooled churn rate over the periods: `Σ churned / Σ atRisk`; `null` when no customer was ever at risk. */
  churnRate: number | null;
  /** Pooled retention rate over the periods: `Σ retained / Σ atRisk = 1 − churnRate`; `null` likewise. */
  retentionRate: number | null;
  /** Records read, used, after the observation end, and skipped. */
  counts: LifecycleRecordCounts;
  /** Records skipped with `onInvalid: 'skip'`, with reasons. */
  skipped: SkippedRecord[];
}

/** One period of {@link periodRetentionRate}'s table. */
export interface RetentionRatePeriod {
  /** ISO label of the period. */
  period: string;
  /** UTC midnight of the first day of the period. */
  start: Date;
  /** Customers active at the end of the previous period. */
  atRisk: number;
  /** Of those, customers still active at the end of this period. */
  retained: number;
  /** `retained / atRisk`; `null` when no customer was at risk. */
  retentionRate: number | null;
}

/** What {@link periodRetentionRate} returns. */
export interface RetentionRateTable {
  /** The calendar period used. */
  period: LifecyclePeriod;
  /** Periods without a purchase after which a customer counts as churned. */
  inactivityThreshold: number;
  /** The observation end used (UTC midnight of its day). */
  observationEnd: Date;
  /** One row per complete period (as in {@link churnRate}). */
  periods: RetentionRatePeriod[];
  /** Pooled retention rate: `Σ retained / Σ atRisk`; `null` when no customer was ever at risk. */
  retentionRate: number | null;
  /** Records read, used, after the observation end, and skipped. */
  counts: LifecycleRecordCounts;
  /** Records skipped with `onInvalid: 'skip'`, with reasons. */
  skipped: SkippedRecord[];
}

/**
 * Churn per calendar period for a non-contractual business (客户流失率), where nobody cancels and a customer can
 * only be declared churned after a spell without purchases.
 *
 * Definitions, for a customer with purchase periods P (periods holding at least one transaction on or before the
 * observation end), first purchase period f = min P, and threshold K = `inactivityThreshold`:
 * - *active at the end of period t*: f ≤ t and the last purchase period up to t, L(t) = max{p ∈ P : p ≤ t},
 *   satisfies t − L(t) < K (a purchase in one of the last K periods);
 * - *at risk in period t*: active at the end of t − 1 (so acquired before t and not churned);
 * - *churned in period t*: at risk in t and not active at the end of t, that is t − L(t) = K exactly;
 * - *retained in t*: at risk and still active at the end of t (`atRisk − churned`);
 * - *acquired in t*: f = t; *reactivated in t*: a purchase in t by a customer who was churned at the end of t − 1;
 * - `churnRate(t) = churned(t) / atRisk(t)`, `retentionRate(t) = 1 − churnRate(t)`; both `null` when atRisk(t) = 0.
 *
 * Periods reported: from the earliest first-purchase period to the last period that ends on or before the observation
 * end (a period cut short by the observation end is left out: its missing purchases would count as churn). Customers
 * acquired before the data starts cannot be seen (left censoring): start the log well before the periods you read.
 *
 * Method: a counting sort of the rows by period, then each customer's purchase periods are visited in order once.
 * O(n + customers + periods).
 *
 * Reference: Gupta, S. & Lehmann, D. R. (2003), "Customers as assets", Journal of Interactive Marketing 17(1), 9–24,
 * doi:10.1002/dir.10045 (retention rate r and churn 1 − r per period); the inactivity rule for non-contractual
 * settings follows common practice (no standard threshold exists; it is an input).
 *
 * @param transactions - transaction records (array or iterable); fields read per {@link TransactionFieldOptions}
 * @param options - see {@link ChurnRateOptions}
 * @returns the table of periods with at-risk, churned, retained, acquired, reactivated and active counts and rates
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the record for a bad transaction (unless `onInvalid: 'skip'`),
 *   `INVALID_OPTION` for bad options, `EMPTY_INPUT` when no valid transaction is on or before the observation end
 *
 * @example
 * import { churnRate } from 'crm-analytics/lifecycle';
 * const tx = [
 *   { customerId: 'a', date: '2024-01-05', amount: 10 },
 *   { customerId: 'b', date: '2024-01-09', amount: 10 },
 *   { customerId: 'a', date: '2024-02-11', amount: 10 },
 *   { customerId: 'a', date: '2024-03-02', amount: 10 },
 *   { customerId: 'b', date: '2024-03-20', amount: 10 },
 * ];
 * const table = churnRate(tx, { period: 'month', inactivityThreshold: 1, observationEnd: '2024-03-31' });
 * table.periods[1]; // => { period: '2024-02', atRisk: 2, churned: 1, retained: 1, churnRate: 0.5 }
 * table.periods[2]; // => { period: '2024-03', atRisk: 1, churned: 0, reactivated: 1, activeAtEnd: 2, churnRate: 0 }
 * table.churnRate; // => 0.3333333333333333
 * churnRate(tx, { inactivityThreshold: 0 }); // throws INVALID_OPTION
 */
export function churnRate<T>(transactions: Iterable<T> | ArrayLike<T>, options: ChurnRateOptions<T> = {}): ChurnTable {
  const o = parseOptions(churnRateOptionsSchema, options) as ChurnRateOptions<T>;
  return computeChurnTable(transactions, o);
}

/**
 * Retention rate per calendar period for a non-contractual business (客户保持率 / 维系率): of the customers active at
 * the end of the previous period, the share still active at the end of this one, `retained(t) / atRisk(t)`.
 * The complement of {@link churnRate}, with the same definitions (a customer stays active until `inactivityThreshold`
 * periods pass without a purchase); periods with nobody at risk have a `null` rate.
 *
 * Reference: Gupta, S. & Lehmann, D. R. (2003), "Customers as assets", Journal of Interactive Marketing 17(1), 9–24,
 * doi:10.1002/dir.10045.
 *
 * @param transactions - transaction records (array or iterable); fields read per {@link TransactionFieldOptions}
 * @param options - see {@link ChurnRateOptions}
 * @returns per complete period the customers at risk, retained and the retention rate, plus the pooled rate
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the record for a bad transaction (unless `onInvalid: 'skip'`),
 *   `INVALID_OPTION` for bad options, `EMPTY_INPUT` when no valid transaction is on or before the observation end
 *
 * @example
 * import { periodRetentionRate } from 'crm-analytics/lifecycle';
 * const tx = [
 *   { customerId: 'a', date: '2024-01-05', amount: 10 },
 *   { customerId: 'b', date: '2024-01-09', amount: 10 },
 *   { customerId: 'a', date: '2024-02-11', amount: 10 },
 *   { customerId: 'b', date: '2024-03-20', amount: 10 },
 * ];
 * const table = periodRetentionRate(tx, { period: 'month', inactivityThreshold: 2, observationEnd: '2024-04-30' });
 * table.periods.map((p) => p.retentionRate); // => [null, 1, 1, 0.5]
 * table.retentionRate; // => 0.8333
 * periodRetentionRate(tx, { period: 'year' }); // throws INVALID_OPTION
 */
export function periodRetentionRate<T>(
  transactions: Iterable<T> | ArrayLike<T>,
  options: ChurnRateOptions<T> = {},
): RetentionRateTable {
  const o = parseOptions(churnRateOptionsSchema, options) as ChurnRateOptions<T>;
  const table = computeChurnTable(transactions, o);
  return {
    period: table.period,
    inactivityThreshold: table.inactivityThreshold,
    observationEnd: table.observationEnd,
    periods: table.periods.map((p) => ({
      period: p.period,
      start: p.start,
      atRisk: p.atRisk,
      retained: p.retained,
      retentionRate: p.retentionRate,
    })),
    retentionRate: table.retentionRate,
    counts: table.counts,
    skipped: table.skipped,
  };
}

function computeChurnTable<T>(transactions: Iterable<T> | ArrayLike<T>, o: ChurnRateOptions<T>): ChurnTable {
  const period: LifecyclePeriod = o.period ?? 'month';
  const threshold = o.inactivityThreshold ?? 1;
  const observed = readObservedTransactions(transactions, pickFieldOptions(o), o.observationEnd);
  const { columns, endDay } = observed;
  const customer = columns.customer;
  const customers = columns.ids.length;
  const endPeriod = periodIndex(endDay, period);
  const lastComplete = periodStartDay(endPeriod + 1, period) - 1 === endDay ? endPeriod : endPeriod - 1;
  const periodOf = rowPeriods(columns, period);
  const { firstPeriod, span, start, rows } = sortRowsByPeriod(columns, periodOf, endDay, endPeriod);
  // Reported periods are j = 0 … reported − 1 (offsets from firstPeriod); events after them are dropped.
  const reported = lastComplete - firstPeriod + 1;
  const size = Math.max(reported, 0);
  const acquired = new Float64Array(size);
  const reactivated = new Float64Array(size);
  const churned = new Float64Array(size);
  // activeDelta: +1 where an active spell starts, −1 the period after it ends; its running sum is activeAtEnd.
  const activeDelta = new Float64Array(size + 1);
  const addSpell = (from: number, to: number): void => {
    if (from >= size) return;
    activeDelta[from] = (activeDelta[from] as number) + 1;
    const after = Math.min(to + 1, size);
    activeDelta[after] = (activeDelta[after] as number) - 1;
  };
  const bump = (counts: Float64Array, j: number): void => {
    if (j < size) counts[j] = (counts[j] as number) + 1;
  };

  // Per customer: start of the current active spell and the last purchase period, as offsets; −1 before the first.
  const spellStart = new Int32Array(customers).fill(-1);
  const lastPurchase = new Int32Array(customers).fill(-1);
  for (let j = 0; j < span; j++) {
    const end = start[j + 1] as number;
    for (let q = start[j] as number; q < end; q++) {
      const k = customer[rows[q] as number] as number;
      const last = lastPurchase[k] as number;
      if (last === j) continue;
      if (last < 0) {
        bump(acquired, j);
        spellStart[k] = j;
      } else if (j - last > threshold) {
        // The spell ended at last + threshold − 1; the customer churned in period last + threshold.
        addSpell(spellStart[k] as number, last + threshold - 1);
        bump(churned, last + threshold);
        bump(reactivated, j);
        spellStart[k] = j;
      }
      lastPurchase[k] = j;
    }
  }
  for (let k = 0; k < customers; k++) {
    const last = lastPurchase[k] as number;
    if (last < 0) continue;
    addSpell(spellStart[k] as number, last + threshold - 1);
    bump(churned, last + threshold);
  }

  const periods: ChurnPeriod[] = [];
  let active = 0;
  let previousActive = 0;
  let totalAtRisk = 0;
  let totalChurned = 0;
  for (let j = 0; j < size; j++) {
    active += activeDelta[j] as number;
    const atRisk = previousActive;
    const lost = churned[j] as number;
    const p = firstPeriod + j;
    periods.push({
      period: periodLabel(p, period),
      start: periodStartDate(p, period),
      atRisk,
      churned: lost,
      retained: atRisk - lost,
      acquired: acquired[j] as number,
      reactivated: reactivated[j] as number,
      activeAtEnd: active,
      churnRate: atRisk > 0 ? lost / atRisk : null,
      retentionRate: atRisk > 0 ? (atRisk - lost) / atRisk : null,
    });
    totalAtRisk += atRisk;
    totalChurned += lost;
    previousActive = active;
  }
  return {
    period,
    inactivityThreshold: threshold,
    observationEnd: dayToDate(endDay),
    periods,
    churnRate: totalAtRisk > 0 ? totalChurned / totalAtRisk : null,
    retentionRate: totalAtRisk > 0 ? (totalAtRisk - totalChurned) / totalAtRisk : null,
    counts: observed.counts,
    skipped: observed.skipped,
  };
}
