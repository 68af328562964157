import {
  type CalendarPeriod,
  DAYS_PER_TIME_UNIT,
  dayToDate,
  MS_PER_DAY,
  periodIndex,
  type TimeUnit,
} from '../core/dates.js';
import type { CustomerGroups } from './readTransactions.js';
import type { CustomerId, CustomerSummary } from './types.js';

/**
 * Per-period aggregation of one customer's rows (in canonical (day, amount) order) over positions `[start, end)` of
 * the groups: the number of distinct periods, the total of the first period, and the total of all periods.
 * Sums use Neumaier compensation in the canonical order, so they do not depend on the input order.
 * @internal
 */
export interface PeriodAggregate {
  periods: number;
  firstPeriodTotal: number;
  total: number;
}

/** @internal */
export function aggregatePeriods(
  groups: CustomerGroups,
  start: number,
  end: number,
  period: CalendarPeriod,
  out: PeriodAggregate,
): PeriodAggregate {
  const { day, amount } = groups;
  let periods = 0;
  let current = Number.NaN;
  let firstPeriodTotal = 0;
  let sum = 0;
  let compensation = 0;
  for (let p = start; p < end; p++) {
    const d = day[p] as number;
    const key = period === 'day' ? d : periodIndex(d, period);
    if (key !== current) {
      if (periods === 1) firstPeriodTotal = sum + compensation;
      periods++;
      current = key;
    }
    const x = amount[p] as number;
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  const total = sum + compensation;
  out.periods = periods;
  out.firstPeriodTotal = periods === 1 ? total : firstPeriodTotal;
  out.total = total;
  return out;
}

/**
 * Customer summaries as columns (typed arrays), customers in order of first appearance. The same numbers as the
 * records of {@link summarizeCustomers}; `firstPurchase` and `lastPurchase` are epoch milliseconds (UTC midnight).
 */
export interface CustomerSummaryColumns {
  /** Number of customers. */
  length: number;
  customerIds: CustomerId[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  totalRevenue: Float64Array;
  transactionCount: Float64Array;
  /** Epoch milliseconds of the first purchase day (UTC midnight). */
  firstPurchase: Float64Array;
  /** Epoch milliseconds of the last purchase day (UTC midnight). */
  lastPurchase: Float64Array;
}

/**
 * Summarizes every customer with at least one grouped row, into columns.
 * @internal
 */
export function summarizeGroupsToColumns(
  ids: readonly CustomerId[],
  groups: CustomerGroups,
  endDay: number,
  period: 'day' | 'week' | 'month',
  timeUnit: TimeUnit,
  monetary: 'repeat-mean' | 'mean' | 'total',
): CustomerSummaryColumns {
  const unit = DAYS_PER_TIME_UNIT[timeUnit];
  const { offsets, day } = groups;
  let n = 0;
  for (let k = 0; k < ids.length; k++) if ((offsets[k + 1] as number) > (offsets[k] as number)) n++;
  const out: CustomerSummaryColumns = {
    length: n,
    customerIds: new Array<CustomerId>(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
    totalRevenue: new Float64Array(n),
    transactionCount: new Float64Array(n),
    firstPurchase: new Float64Array(n),
    lastPurchase: new Float64Array(n),
  };
  const agg: PeriodAggregate = { periods: 0, firstPeriodTotal: 0, total: 0 };
  let i = 0;
  for (let k = 0; k < ids.length; k++) {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    if (end === start) continue;
    aggregatePeriods(groups, start, end, period, agg);
    const firstDay = day[start] as number;
    const lastDay = day[end - 1] as number;
    const frequency = agg.periods - 1;
    let monetaryValue: number;
    if (monetary === 'total') monetaryValue = agg.total;
    else if (monetary === 'mean') monetaryValue = agg.total / agg.periods;
    else monetaryValue = frequency === 0 ? 0 : (agg.total - agg.firstPeriodTotal) / frequency;
    out.customerIds[i] = ids[k] as CustomerId;
    out.frequency[i] = frequency;
    out.recency[i] = (lastDay - firstDay) / unit;
    out.T[i] = (endDay - firstDay) / unit;
    out.monetaryValue[i] = monetaryValue === 0 ? 0 : monetaryValue; // no -0
    out.totalRevenue[i] = agg.total === 0 ? 0 : agg.total;
    out.transactionCount[i] = end - start;
    out.firstPurchase[i] = firstDay * MS_PER_DAY;
    out.lastPurchase[i] = lastDay * MS_PER_DAY;
    i++;
  }
  return out;
}

/**
 * Row form of {@link CustomerSummaryColumns}.
 * @internal
 */
export function summaryColumnsToRecords(columns: CustomerSummaryColumns): CustomerSummary[] {
  const out = new Array<CustomerSummary>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    out[i] = {
      customerId: columns.customerIds[i] as CustomerId,
      frequency: columns.frequency[i] as number,
      recency: columns.recency[i] as number,
      T: columns.T[i] as number,
      monetaryValue: columns.monetaryValue[i] as number,
      totalRevenue: columns.totalRevenue[i] as number,
      transactionCount: columns.transactionCount[i] as number,
      firstPurchase: dayToDate((columns.firstPurchase[i] as number) / MS_PER_DAY),
      lastPurchase: dayToDate((columns.lastPurchase[i] as number) / MS_PER_DAY),
    };
  }
  return out;
}

/**
 * Summarizes every customer with at least one grouped row, as records.
 * @internal
 */
export function summarizeGroups(
  ids: readonly CustomerId[],
  groups: CustomerGroups,
  endDay: number,
  period: 'day' | 'week' | 'month',
  timeUnit: TimeUnit,
  monetary: 'repeat-mean' | 'mean' | 'total',
): CustomerSummary[] {
  return summaryColumnsToRecords(summarizeGroupsToColumns(ids, groups, endDay, period, timeUnit, monetary));
}
