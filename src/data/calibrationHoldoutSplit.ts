import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, dayToDate } from '../core/dates.js';
import { invalidWithReason } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
import { groupByCustomer, readTransactionColumns } from './readTransactions.js';
import { aggregatePeriods, type PeriodAggregate, summarizeGroups } from './summarizeGroups.js';
import { dateOptionToDay, resolveSummaryOptions, type SummaryOptions } from './summaryOptions.js';
import type { CustomerSummary, CustomerSummaryTable } from './types.js';

/** Options of {@link calibrationHoldoutSplit}: those of {@link summarizeCustomers} plus the calibration end. */
export interface CalibrationHoldoutOptions<T = unknown> extends SummaryOptions<T> {
  /** Last day of the calibration period, inclusive. */
  calibrationEnd: Date | string | number;
  /** Last day of the holdout period, inclusive. Default: the day of the last transaction. */
  observationEnd?: Date | string | number;
}

/** A calibration-period summary plus what the customer did in the holdout period. */
export interface CalibrationHoldoutSummary extends CustomerSummary {
  /** Number of purchase periods in (calibrationEnd, observationEnd]. */
  holdoutFrequency: number;
  /** Mean spend per purchase period in the holdout (0 when none). */
  holdoutMonetary: number;
  /** Length of the holdout period, observationEnd − calibrationEnd, in `timeUnit`. */
  holdoutDuration: number;
}

/** What {@link calibrationHoldoutSplit} returns. */
export interface CalibrationHoldoutTable extends Omit<CustomerSummaryTable, 'customers'> {
  /** Customers whose first purchase is on or before the calibration end, in order of first appearance. */
  customers: CalibrationHoldoutSummary[];
  /** The calibration end used (UTC midnight). */
  calibrationEnd: Date;
}

const schema = z.object({ calibrationEnd: z.union([z.date(), z.string(), z.number()]) }).loose();

/**
 * Splits a transaction log at `calibrationEnd`: summaries of the calibration period (to fit a model on) and each
 * customer's purchases in the holdout period (to check its predictions against), following lifetimes'
 * `calibration_and_holdout_data`.
 *
 * Customers whose first purchase falls in the holdout are left out (a model fitted on the calibration period knows
 * nothing of them). `T` is measured to the calibration end; holdout purchases are counted in the same `period` as
 * frequency (purchases in one period count once).
 *
 * @param transactions - records `{ customerId, date, amount }` or any shape with accessors
 * @param options - `calibrationEnd` (required), `observationEnd`, and the options of {@link summarizeCustomers}
 * @throws CrmAnalyticsError `INVALID_OPTION` when `calibrationEnd` is missing or not before `observationEnd`
 *
 * @example
 * import { calibrationHoldoutSplit } from 'crm-analytics/data';
 * const log = [
 *   { customerId: 1, date: '2024-01-01', amount: 10 },
 *   { customerId: 1, date: '2024-01-05', amount: 20 },
 *   { customerId: 1, date: '2024-02-03', amount: 30 },
 *   { customerId: 1, date: '2024-02-10', amount: 50 },
 *   { customerId: 2, date: '2024-02-01', amount: 99 },
 * ];
 * const split = calibrationHoldoutSplit(log, { calibrationEnd: '2024-01-31', observationEnd: '2024-02-29' });
 * split.customers.length; // => 1
 * split.customers[0]; // => { customerId: 1, frequency: 1, recency: 4, T: 30, holdoutFrequency: 2, holdoutMonetary: 40, holdoutDuration: 29 }
 */
export function calibrationHoldoutSplit<T = unknown>(
  transactions: Iterable<T> | ArrayLike<T>,
  options: CalibrationHoldoutOptions<T>,
): CalibrationHoldoutTable {
  const { calibrationEnd, ...rest } = parseOptions(schema, options) as CalibrationHoldoutOptions<T>;
  const calDay = dateOptionToDay(calibrationEnd, 'calibrationEnd');
  const resolved = resolveSummaryOptions(rest);
  const columns = readTransactionColumns(transactions, resolved.fields);
  let endDay = resolved.endDay;
  if (endDay === undefined) {
    endDay = calDay;
    for (let i = 0; i < columns.length; i++) if ((columns.day[i] as number) > endDay) endDay = columns.day[i] as number;
  }
  const end = endDay;
  if (end <= calDay) {
    throw invalidWithReason(
      ['options', 'observationEnd'],
      `must be after calibrationEnd (${dayToDate(calDay).toISOString().slice(0, 10)}), got ${dayToDate(end).toISOString().slice(0, 10)}`,
      'INVALID_OPTION',
    );
  }
  const { day } = columns;
  const calibration = groupByCustomer(columns, (row) => (day[row] as number) <= calDay);
  const holdout = groupByCustomer(columns, (row) => (day[row] as number) > calDay && (day[row] as number) <= end);
  const base = summarizeGroups(columns.ids, calibration, calDay, resolved.period, resolved.timeUnit, resolved.monetary);
  const unit = DAYS_PER_TIME_UNIT[resolved.timeUnit];
  const holdoutDuration = (end - calDay) / unit;
  const agg: PeriodAggregate = { periods: 0, firstPeriodTotal: 0, total: 0 };
  const customers: CalibrationHoldoutSummary[] = [];
  let b = 0;
  // Rows used: those of customers present in the calibration period, up to the observation end.
  let used = 0;
  let after = 0;
  for (let i = 0; i < columns.length; i++) if ((day[i] as number) > end) after++;
  for (let k = 0; k < columns.ids.length; k++) {
    if (calibration.offsets[k + 1] === calibration.offsets[k]) continue;
    const summary = base[b++] as CustomerSummary;
    const start = holdout.offsets[k] as number;
    const stop = holdout.offsets[k + 1] as number;
    used += (calibration.offsets[k + 1] as number) - (calibration.offsets[k] as number) + (stop - start);
    aggregatePeriods(holdout, start, stop, resolved.period, agg);
    customers.push({
      ...summary,
      holdoutFrequency: agg.periods,
      holdoutMonetary: agg.periods === 0 ? 0 : agg.total / agg.periods,
      holdoutDuration,
    });
  }
  return {
    customers,
    timeUnit: resolved.timeUnit,
    period: resolved.period,
    observationEnd: dayToDate(end),
    calibrationEnd: dayToDate(calDay),
    monetary: resolved.monetary,
    counts: { read: columns.read, used, afterObservationEnd: after, skipped: columns.skipped.length },
    skipped: columns.skipped.map((s) => ({ ...s })),
  };
}
