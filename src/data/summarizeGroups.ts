import { type CalendarPeriod, DAYS_PER_TIME_UNIT, dayToDate, periodIndex, type TimeUnit } from '../core/dates.js';
import type { CustomerGroups, TransactionColumns } from './readTransactions.js';
import type { CustomerSummary } from './types.js';

/**
 * Per-period aggregation of one customer's rows (already in canonical (day, amount) order) over `[start, end)` of `order`.
 * Returns the number of distinct periods, the sum of the first period, and the sum of all periods.
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
 * Builds the {@link CustomerSummary} of every customer with at least one grouped row.
 * @internal
 */
export function summarizeGroups(
  columns: TransactionColumns,
  groups: CustomerGroups,
  endDay: number,
  period: 'day' | 'week' | 'month',
  timeUnit: TimeUnit,
  monetary: 'repeat-mean' | 'mean' | 'total',
): CustomerSummary[] {
  const unit = DAYS_PER_TIME_UNIT[timeUnit];
  const { offsets, day } = groups;
  const { ids } = columns;
  const out: CustomerSummary[] = [];
  const agg: PeriodAggregate = { periods: 0, firstPeriodTotal: 0, total: 0 };
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
    out.push({
      customerId: ids[k] as CustomerSummary['customerId'],
      frequency,
      recency: (lastDay - firstDay) / unit,
      T: (endDay - firstDay) / unit,
      monetaryValue: monetaryValue === 0 ? 0 : monetaryValue,
      totalRevenue: agg.total === 0 ? 0 : agg.total,
      transactionCount: end - start,
      firstPurchase: dayToDate(firstDay),
      lastPurchase: dayToDate(lastDay),
    });
  }
  return out;
}
