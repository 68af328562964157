import { DAYS_PER_TIME_UNIT, dayToDate, type TimeUnit } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import type { CustomerId, CustomerSummary, CustomerSummaryTable } from '../data/types.js';

/** The conventions the SQL was generated with (they are not in the rows). */
export interface SummarySqlRowsOptions {
  timeUnit?: TimeUnit;
  period?: 'day' | 'week' | 'month';
  monetary?: 'repeat-mean' | 'mean' | 'total';
}

/**
 * Converts the rows of {@link summarySql}'s query (from any engine) to a {@link CustomerSummaryTable}.
 * Numbers may arrive as `number`, `bigint` or numeric strings (PostgreSQL drivers); ids as strings or numbers.
 *
 * @example
 * import { summarySqlRowsToTable } from 'crm-analytics/sql';
 * const t = summarySqlRowsToTable([{ customer_id: 'a', frequency: 1, recency: 2, T: 3, monetary_value: 4, total_revenue: 9, transaction_count: 2, first_purchase_day: 0, last_purchase_day: 2 }], { timeUnit: 'day' });
 * t.customers[0]; // => { customerId: 'a', frequency: 1, T: 3, totalRevenue: 9 }
 */
export function summarySqlRowsToTable(
  rows: readonly Record<string, unknown>[],
  options: SummarySqlRowsOptions = {},
): CustomerSummaryTable {
  return rowsToTable(rows, options);
}

function num(value: unknown, row: number, field: string): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new CrmAnalyticsError('INVALID_INPUT', `rows[${row}].${field}: expected a finite number from the database`, {
      index: row,
      path: ['rows', row, field],
      received: value,
    });
  }
  return n;
}

function rowsToTable(rows: readonly Record<string, unknown>[], o: SummarySqlRowsOptions): CustomerSummaryTable {
  const customers: CustomerSummary[] = rows.map((r, i) => {
    const id = r.customer_id;
    const customerId: CustomerId = typeof id === 'bigint' ? Number(id) : (id as CustomerId);
    return {
      customerId,
      frequency: num(r.frequency, i, 'frequency'),
      recency: num(r.recency, i, 'recency'),
      T: num(r.T ?? r.t, i, 'T'),
      monetaryValue: num(r.monetary_value, i, 'monetary_value'),
      totalRevenue: num(r.total_revenue, i, 'total_revenue'),
      transactionCount: num(r.transaction_count, i, 'transaction_count'),
      firstPurchase: dayToDate(num(r.first_purchase_day, i, 'first_purchase_day')),
      lastPurchase: dayToDate(num(r.last_purchase_day, i, 'last_purchase_day')),
    };
  });
  let endDay = Number.NEGATIVE_INFINITY;
  let used = 0;
  for (const c of customers) used += c.transactionCount;
  // T is measured to the observation end: recover it from any customer (first day + T in days).
  const first = customers[0];
  if (first !== undefined) {
    const unitDays = DAYS_PER_TIME_UNIT[o.timeUnit ?? 'day'];
    endDay = Math.round(first.firstPurchase.getTime() / 86_400_000 + first.T * unitDays);
  }
  return {
    customers,
    timeUnit: o.timeUnit ?? 'day',
    period: o.period ?? 'day',
    observationEnd: Number.isFinite(endDay) ? dayToDate(endDay) : null,
    monetary: o.monetary ?? 'repeat-mean',
    counts: { read: used, used, afterObservationEnd: 0, skipped: 0 },
    skipped: [],
  };
}
