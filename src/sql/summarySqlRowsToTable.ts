import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, dayToDate, type TimeUnit } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { parseOptions, readField, recordAt, toRecordArray } from '../core/validate.js';
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
  const o = parseOptions(rowsOptionsSchema, options) as SummarySqlRowsOptions;
  return rowsToTable(toRecordArray(rows, 'rows'), o);
}

// Not strict: callers pass their whole summary options (table, connection, …), of which only these are read.
const rowsOptionsSchema = z.object({
  timeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
  period: z.enum(['day', 'week', 'month']).optional(),
  monetary: z.enum(['repeat-mean', 'mean', 'total']).optional(),
});

/** Reads a row's field, turning a missing row or a throwing getter into an input error. */
function field(row: unknown, index: number, name: string): unknown {
  if (row === null || typeof row !== 'object') {
    throw new CrmAnalyticsError('INVALID_INPUT', `rows[${index}]: expected an object from the database`, {
      index,
      path: ['rows', index],
      received: row,
    });
  }
  return readField((r: Record<string, unknown>) => r[name], row as Record<string, unknown>, index, [
    'rows',
    index,
    name,
  ]);
}

/** A day number from the database: a whole number within the range of `Date` (±100 000 000 days). */
function dayNum(value: unknown, row: number, name: string): number {
  const n = num(value, row, name);
  if (!Number.isInteger(n) || Math.abs(n) > 100_000_000) {
    throw new CrmAnalyticsError(
      'INVALID_INPUT',
      `rows[${row}].${name}: expected a whole day number within ±100000000`,
      {
        index: row,
        path: ['rows', row, name],
        received: value,
      },
    );
  }
  return n;
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
  // A plain loop, not map: a sparse array's holes must be reported, not skipped.
  const customers: CustomerSummary[] = [];
  for (let i = 0; i < rows.length; i++) customers.push(rowToSummary(recordAt(rows, i, 'rows'), i));
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

function rowToSummary(r: unknown, i: number): CustomerSummary {
  const id = field(r, i, 'customer_id');
  const customerId: CustomerId = typeof id === 'bigint' ? Number(id) : (id as CustomerId);
  if (!(typeof customerId === 'string' || (typeof customerId === 'number' && Number.isFinite(customerId)))) {
    throw new CrmAnalyticsError('INVALID_INPUT', `rows[${i}].customer_id: expected a string or finite number`, {
      index: i,
      path: ['rows', i, 'customer_id'],
      received: id,
    });
  }
  const upperT = field(r, i, 'T');
  return {
    customerId,
    frequency: num(field(r, i, 'frequency'), i, 'frequency'),
    recency: num(field(r, i, 'recency'), i, 'recency'),
    T: num(upperT ?? field(r, i, 't'), i, 'T'),
    monetaryValue: num(field(r, i, 'monetary_value'), i, 'monetary_value'),
    totalRevenue: num(field(r, i, 'total_revenue'), i, 'total_revenue'),
    transactionCount: num(field(r, i, 'transaction_count'), i, 'transaction_count'),
    firstPurchase: dayToDate(dayNum(field(r, i, 'first_purchase_day'), i, 'first_purchase_day')),
    lastPurchase: dayToDate(dayNum(field(r, i, 'last_purchase_day'), i, 'last_purchase_day')),
  };
}
