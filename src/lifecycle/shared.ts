/**
 * Internals shared by the lifecycle functions: option pieces, the observation end, reading the transaction log
 * up to it, and ISO labels of calendar periods. Nothing here is part of the public API.
 * @module
 */
import * as z from 'zod';
import { civilFromDays, daysFromCivil, dayToDate, periodIndex, periodStartDay, toEpochDay } from '../core/dates.js';
import { emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import { maxOf, minOf } from '../core/numeric.js';
import { accessorSchema } from '../core/validate.js';
import {
  type CustomerGroups,
  groupByCustomer,
  readTransactionColumns,
  type TransactionColumns,
  type TransactionFieldOptions,
} from '../data/readTransactions.js';
import type { SkippedRecord } from '../data/types.js';

/** A calendar period for cohorts and churn: ISO weeks (Monday to Sunday), calendar months or quarters. */
export type LifecyclePeriod = 'week' | 'month' | 'quarter';

/** Record counts reported by the lifecycle functions. */
export interface LifecycleRecordCounts {
  /** Records read (valid and skipped). */
  read: number;
  /** Valid records on or before the observation end, the ones used. */
  used: number;
  /** Valid records after the observation end, excluded. */
  afterObservationEnd: number;
  /** Invalid records skipped (`onInvalid: 'skip'`). */
  skipped: number;
}

/** @internal */
export const dateInputSchema: z.ZodType<Date | string | number> = z.union([
  z.date(),
  z.string(),
  z.number(),
]) as z.ZodType<Date | string | number>;

/** The zod shape of {@link TransactionFieldOptions}, to spread into each function's strict options schema. @internal */
export const transactionFieldShape: Readonly<Record<'customerId' | 'date' | 'amount' | 'onInvalid', z.ZodType>> = {
  customerId: accessorSchema().optional(),
  date: accessorSchema().optional(),
  amount: accessorSchema().optional(),
  onInvalid: z.enum(['throw', 'skip']).optional(),
};

/**
 * Reads a date option to its UTC day number; an invalid date is an `INVALID_OPTION` error naming `options.<field>`.
 * @internal
 */
export function dateOptionToDay(value: Date | string | number, field: string): number {
  const day = toEpochDay(value);
  if (day === undefined) {
    throw invalidDateOption(field, value);
  }
  return day;
}

function invalidDateOption(field: string, value: unknown): Error {
  return invalidValue(
    ['options', field],
    'a date (a valid Date, an ISO 8601 string or epoch milliseconds)',
    value,
    'INVALID_OPTION',
  );
}

/** The transaction log read up to the observation end. @internal */
export interface ObservedTransactions {
  columns: TransactionColumns;
  /** Observation end, UTC day number (inclusive). */
  endDay: number;
  counts: LifecycleRecordCounts;
  skipped: SkippedRecord[];
}

/**
 * Validates the transactions and fixes the observation end (default: the last transaction day). Rows after it stay in
 * the columns and must be left out by the caller (`day[row] > endDay`). Throws `EMPTY_INPUT` when no valid transaction
 * is on or before the observation end.
 * @internal
 */
export function readObservedTransactions<T>(
  transactions: Iterable<T> | ArrayLike<T>,
  fields: TransactionFieldOptions<T>,
  observationEnd: Date | string | number | undefined,
): ObservedTransactions {
  const endOption = observationEnd === undefined ? undefined : dateOptionToDay(observationEnd, 'observationEnd');
  const columns = readTransactionColumns(transactions, fields, 'transactions');
  if (columns.length === 0) throw emptyInput('transactions', 1, 'valid transaction');
  const endDay = endOption ?? maxOf(columns.day);
  const day = columns.day;
  let after = 0;
  for (let i = 0; i < columns.length; i++) if ((day[i] as number) > endDay) after++;
  const used = columns.length - after;
  if (used === 0) throw emptyInput('transactions', 1, 'transaction on or before the observation end');
  return {
    columns,
    endDay,
    counts: { read: columns.read, used, afterObservationEnd: after, skipped: columns.skipped.length },
    skipped: columns.skipped,
  };
}

/** Rows on or before the observation end, grouped by customer and sorted by day. @internal */
export function groupObserved(observed: ObservedTransactions): CustomerGroups {
  const { columns, endDay, counts } = observed;
  const day = columns.day;
  return counts.afterObservationEnd === 0
    ? groupByCustomer(columns)
    : groupByCustomer(columns, (row) => (day[row] as number) <= endDay);
}

/**
 * The period index of every row (`periodIndex(day, period)`), through a lookup table over the days spanned when that
 * is cheaper than the calendar arithmetic per row.
 * @internal
 */
export function rowPeriods(columns: TransactionColumns, period: LifecyclePeriod): Int32Array {
  const { day, length } = columns;
  const out = new Int32Array(length);
  const first = minOf(day);
  const last = maxOf(day);
  const range = last - first + 1;
  if (range <= 2 * length + 1024) {
    const table = new Int32Array(range);
    for (let d = 0; d < range; d++) table[d] = periodIndex(first + d, period);
    for (let i = 0; i < length; i++) out[i] = table[(day[i] as number) - first] as number;
  } else {
    for (let i = 0; i < length; i++) out[i] = periodIndex(day[i] as number, period);
  }
  return out;
}

/** Rows on or before the observation end in period order (a counting sort). @internal */
export interface RowsByPeriod {
  /** Smallest period index among the rows used. */
  firstPeriod: number;
  /** Number of periods from `firstPeriod` to the period of the observation end, inclusive. */
  span: number;
  /** Rows of period `firstPeriod + j` are `rows[start[j]] … rows[start[j + 1] − 1]`, in input order. */
  start: Int32Array;
  rows: Int32Array;
}

/** Most periods a lifecycle table covers (100 000 weeks ≈ 1 900 years): bounds memory on absurd date ranges. */
const MAX_LIFECYCLE_PERIODS = 100_000;

/**
 * Counting sort of the rows on or before `endDay` by their period (`periodOf`), O(n + periods). Visiting the periods
 * in order with a per-customer "last period seen" marker counts each customer once per period without sorting each
 * customer's history.
 * @internal
 */
export function sortRowsByPeriod(
  columns: TransactionColumns,
  periodOf: Int32Array,
  endDay: number,
  endPeriod: number,
): RowsByPeriod {
  const { day, length } = columns;
  let firstPeriod = endPeriod;
  for (let i = 0; i < length; i++) {
    if ((day[i] as number) <= endDay && (periodOf[i] as number) < firstPeriod) firstPeriod = periodOf[i] as number;
  }
  const span = endPeriod - firstPeriod + 1;
  if (span > MAX_LIFECYCLE_PERIODS) {
    // Dates centuries apart (typically a unit mistake: seconds read as days) would need tables of that many periods.
    throw invalidWithReason(
      ['transactions'],
      `the transactions span ${span} periods (${firstPeriod} … ${endPeriod}); at most ${MAX_LIFECYCLE_PERIODS} are tabulated — check the dates`,
    );
  }
  const start = new Int32Array(span + 1);
  for (let i = 0; i < length; i++) {
    if ((day[i] as number) > endDay) continue;
    const j = (periodOf[i] as number) - firstPeriod + 1;
    start[j] = (start[j] as number) + 1;
  }
  for (let j = 0; j < span; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const cursor = start.slice(0, span);
  const rows = new Int32Array(start[span] as number);
  for (let i = 0; i < length; i++) {
    if ((day[i] as number) > endDay) continue;
    const j = (periodOf[i] as number) - firstPeriod;
    rows[cursor[j] as number] = i;
    cursor[j] = (cursor[j] as number) + 1;
  }
  return { firstPeriod, span, start, rows };
}

/** Picks the transaction field options out of a validated options object. @internal */
export function pickFieldOptions<T>(options: TransactionFieldOptions<T>): TransactionFieldOptions<T> {
  const fields: TransactionFieldOptions<T> = {};
  if (options.customerId !== undefined) fields.customerId = options.customerId;
  if (options.date !== undefined) fields.date = options.date;
  if (options.amount !== undefined) fields.amount = options.amount;
  if (options.onInvalid !== undefined) fields.onInvalid = options.onInvalid;
  return fields;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/**
 * ISO 8601 label of a period index (from `periodIndex`): `'2024-03'` (month), `'2024-Q1'` (quarter),
 * `'2024-W09'` (ISO week, numbered in its ISO week-year, the year of its Thursday).
 * @internal
 */
export function periodLabel(index: number, period: LifecyclePeriod): string {
  switch (period) {
    case 'month':
      return `${pad(Math.floor(index / 12), 4)}-${pad((((index % 12) + 12) % 12) + 1, 2)}`;
    case 'quarter':
      return `${pad(Math.floor(index / 4), 4)}-Q${(((index % 4) + 4) % 4) + 1}`;
    case 'week': {
      const thursday = periodStartDay(index, 'week') + 3;
      const year = civilFromDays(thursday).year;
      const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
      return `${pad(year, 4)}-W${pad(week, 2)}`;
    }
  }
}

/** UTC-midnight `Date` of the first day of a period index. @internal */
export function periodStartDate(index: number, period: LifecyclePeriod): Date {
  return dayToDate(periodStartDay(index, period));
}
