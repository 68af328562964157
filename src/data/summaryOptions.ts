import * as z from 'zod';
import { type TimeUnit, toEpochDay } from '../core/dates.js';
import { accessorSchema, parseOptions } from '../core/validate.js';
import type { TransactionFieldOptions } from './readTransactions.js';

/** Options of {@link summarizeCustomers} and {@link createSummaryBuilder}. */
export interface SummaryOptions<T = unknown> extends TransactionFieldOptions<T> {
  /**
   * Last day of observation, inclusive (a `Date`, ISO string or epoch ms, read in UTC and truncated to its day).
   * Transactions after it are excluded. Default: the day of the last transaction.
   */
  observationEnd?: Date | string | number;
  /**
   * Purchases by one customer within the same calendar period count as one purchase for `frequency`, with their
   * amounts summed: `'day'` (UTC days, default), `'week'` (ISO weeks, Monday to Sunday), `'month'` (calendar months).
   */
  period?: 'day' | 'week' | 'month';
  /**
   * Unit of `recency` and `T`, fractional where needed: `'day'` (default), `'week'` = 7 days,
   * `'month'` = 30.436875 days (mean Gregorian month), `'year'` = 365.2425 days.
   */
  timeUnit?: TimeUnit;
  /**
   * `monetaryValue`: `'repeat-mean'` (default; mean spend of the repeat periods, 0 when there are none, as lifetimes and
   * the Gamma-Gamma model expect), `'mean'` (mean spend of all purchase periods) or `'total'` (total revenue).
   */
  monetary?: 'repeat-mean' | 'mean' | 'total';
}

const accessor = accessorSchema();
const dateInput = z.union([z.date(), z.string(), z.number()]);

/** zod schema of {@link SummaryOptions} (accessors as field names or functions). */
export const summaryOptionsSchema: z.ZodType<SummaryOptions<never>> = z.strictObject({
  customerId: accessor.optional(),
  date: accessor.optional(),
  amount: accessor.optional(),
  onInvalid: z.enum(['throw', 'skip']).optional(),
  observationEnd: dateInput.optional(),
  period: z.enum(['day', 'week', 'month']).optional(),
  timeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
  monetary: z.enum(['repeat-mean', 'mean', 'total']).optional(),
}) as unknown as z.ZodType<SummaryOptions<never>>;

/** Options after validation, with defaults applied. @internal */
export interface ResolvedSummaryOptions<T> {
  fields: TransactionFieldOptions<T>;
  endDay: number | undefined;
  period: 'day' | 'week' | 'month';
  timeUnit: TimeUnit;
  monetary: 'repeat-mean' | 'mean' | 'total';
}

/**
 * Validates a date option to its UTC day number, naming `options.<field>` in the error.
 * @internal
 */
export function dateOptionToDay(value: Date | string | number, field: string): number {
  const day = toEpochDay(value);
  if (day === undefined) {
    // Reuse the schema translation for a consistent message.
    parseOptions(
      z.object({
        [field]: z.custom(() => false, 'expected a date (a valid Date, an ISO 8601 string or epoch milliseconds)'),
      }),
      { [field]: value },
    );
  }
  return day as number;
}

/** @internal */
export function resolveSummaryOptions<T>(options: SummaryOptions<T> | undefined): ResolvedSummaryOptions<T> {
  const o = parseOptions(summaryOptionsSchema, options) as SummaryOptions<T>;
  const fields: TransactionFieldOptions<T> = {};
  if (o.customerId !== undefined) fields.customerId = o.customerId;
  if (o.date !== undefined) fields.date = o.date;
  if (o.amount !== undefined) fields.amount = o.amount;
  if (o.onInvalid !== undefined) fields.onInvalid = o.onInvalid;
  return {
    fields,
    endDay: o.observationEnd === undefined ? undefined : dateOptionToDay(o.observationEnd, 'observationEnd'),
    period: o.period ?? 'day',
    timeUnit: o.timeUnit ?? 'day',
    monetary: o.monetary ?? 'repeat-mean',
  };
}
