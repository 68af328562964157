import * as z from 'zod';
import { dayToDate, MS_PER_DAY, toEpochDay } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { describeValue, formatPath, invalidValue } from '../core/messages.js';
import { inputReadError, parseOptions, readingInput } from '../core/validate.js';
import { CustomerDictionary, groupByCustomer, type TransactionColumns } from './readTransactions.js';
import { type CustomerSummaryColumns, summarizeGroupsToColumns, summaryColumnsToRecords } from './summarizeGroups.js';
import { type ResolvedSummaryOptions, resolveSummaryOptions, type SummaryOptions } from './summaryOptions.js';
import type { CustomerId, CustomerSummaryTable, SkippedRecord } from './types.js';

/** A transaction log as parallel columns: plain arrays or typed arrays of equal length. */
export interface TransactionColumnsInput {
  /** Customer ids: strings or numbers (typed integer arrays take a dense fast path). */
  customerIds: ArrayLike<CustomerId> | ArrayLike<bigint>;
  /** Dates: numbers in `dateUnit` (epoch ms by default, or epoch days), `Date`s, ISO strings, or bigints. */
  dates: ArrayLike<number | string | Date> | ArrayLike<bigint>;
  /** Amounts (a `Float64Array` is used without copying). */
  amounts: ArrayLike<number>;
}

/**
 * The part of an Apache Arrow `Table` that is read (structural, so the library does not import `apache-arrow`):
 * `getChild(name)` returning a vector with `toArray()`, `length` and `type` (`typeId`, `unit`).
 */
export interface ArrowTableLike {
  getChild(name: string): ArrowVectorLike | null;
}

/** The part of an Apache Arrow `Vector` that is read. */
export interface ArrowVectorLike {
  readonly length: number;
  readonly type: { readonly typeId: number; readonly unit?: number };
  toArray(): ArrayLike<unknown>;
}

/** Options of {@link summarizeColumns}: those of {@link summarizeCustomers} (without field accessors), plus the column layout. */
export interface SummarizeColumnsOptions extends Omit<SummaryOptions, 'customerId' | 'date' | 'amount'> {
  /** Unit of numeric dates: `'ms'` (epoch milliseconds, default) or `'day'` (days since 1970-01-01). Arrow date and timestamp columns carry their own unit. */
  dateUnit?: 'ms' | 'day';
  /** Column names when the input is an Arrow table. Defaults: `customerId`, `date`, `amount`. */
  columns?: { customerId?: string; date?: string; amount?: string };
}

/** What {@link summarizeColumns} returns: columnar summaries plus the conventions and counts. */
export interface CustomerSummaryColumnTable extends Omit<CustomerSummaryTable, 'customers'> {
  /** The summaries as columns (typed arrays), customers in order of first appearance. */
  customers: CustomerSummaryColumns;
}

const optionsSchema = z.strictObject({
  onInvalid: z.enum(['throw', 'skip']).optional(),
  observationEnd: z.union([z.date(), z.string(), z.number()]).optional(),
  period: z.enum(['day', 'week', 'month']).optional(),
  timeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
  monetary: z.enum(['repeat-mean', 'mean', 'total']).optional(),
  dateUnit: z.enum(['ms', 'day']).optional(),
  columns: z
    .strictObject({ customerId: z.string().optional(), date: z.string().optional(), amount: z.string().optional() })
    .optional(),
});

// Arrow type ids (apache-arrow `Type` enum) and time units.
const ARROW_DATE = 8;
const ARROW_TIMESTAMP = 10;
const MS_PER_ARROW_UNIT = [1000, 1, 1e-3, 1e-6];

function isArrowTable(input: unknown): input is ArrowTableLike {
  return input !== null && typeof input === 'object' && typeof (input as ArrowTableLike).getChild === 'function';
}

function arrowColumn(
  table: ArrowTableLike,
  name: string,
  role: string,
): { values: ArrayLike<unknown>; msPerUnit?: number } {
  let vector: ArrowVectorLike | null;
  try {
    vector = table.getChild(name);
  } catch (cause) {
    throw new CrmAnalyticsError('INVALID_INPUT', `table: reading column "${name}" threw`, {
      cause,
      path: ['table', name],
    });
  }
  if (vector === null || vector === undefined) {
    throw new CrmAnalyticsError(
      'INVALID_INPUT',
      `table: no column "${name}" for the ${role} (set options.columns.${role})`,
      {
        path: ['table', name],
      },
    );
  }
  const typeId = vector.type?.typeId;
  const values = vector.toArray();
  // Arrow returns date columns as epoch-ms numbers and timestamps as BigInt64Array in the column's unit.
  if (typeId === ARROW_TIMESTAMP) return { values, msPerUnit: MS_PER_ARROW_UNIT[vector.type.unit ?? 1] ?? 1 };
  if (typeId === ARROW_DATE) return { values, msPerUnit: 1 };
  return { values };
}

function checkColumn(values: unknown, name: string): ArrayLike<unknown> {
  try {
    if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<unknown>).length !== 'number') {
      throw invalidValue(['columns', name], 'an array or typed array', values);
    }
    return values as ArrayLike<unknown>;
  } catch (cause) {
    throw inputReadError(cause, ['columns', name]);
  }
}

/**
 * The columnar fast path of {@link summarizeCustomers}: the same summaries from a log held as columns — plain arrays,
 * typed arrays, or an Apache Arrow table (DuckDB, Polars and Arrow users pass data without building one object per
 * transaction) — returned as typed-array columns.
 *
 * Conventions, options and errors are those of {@link summarizeCustomers}; errors name the column and row, e.g.
 * `amounts[12]: expected a finite number, got NaN`. Numeric dates are epoch milliseconds (or days with
 * `dateUnit: 'day'`). Use {@link summaryColumnsToTable} for the record form.
 *
 * Memory: besides the input, about 20 bytes a transaction while grouping, plus 72 bytes a customer for the output.
 *
 * @param input - `{ customerIds, dates, amounts }` of equal length, or an Arrow table
 * @param options - see {@link SummarizeColumnsOptions}
 * @throws CrmAnalyticsError `INVALID_INPUT` for columns of different lengths or bad values, `INVALID_OPTION` for bad options
 *
 * @example
 * import { summarizeColumns } from 'crm-analytics/data';
 * const day = 86_400_000;
 * const result = summarizeColumns({
 *   customerIds: new Int32Array([7, 7, 9]),
 *   dates: new Float64Array([0, 10 * day, 3 * day]),
 *   amounts: new Float64Array([5, 20, 8]),
 * }, { observationEnd: 14 * day });
 * Array.from(result.customers.frequency); // => [1, 0]
 * Array.from(result.customers.T); // => [14, 11]
 * result.customers.customerIds; // => [7, 9]
 */
export function summarizeColumns(
  input: TransactionColumnsInput | ArrowTableLike,
  options: SummarizeColumnsOptions = {},
): CustomerSummaryColumnTable {
  return summarizePreparedColumns(prepareColumnInput(input, options)).table;
}

/**
 * Validated column input with resolved options (the serial part of {@link summarizeColumns}).
 * @internal
 */
export interface PreparedColumnInput {
  ids: ArrayLike<unknown>;
  dates: ArrayLike<unknown>;
  amounts: ArrayLike<unknown>;
  msPerUnit: number;
  resolved: ResolvedSummaryOptions<unknown>;
}

/** @internal */
export function prepareColumnInput(
  input: TransactionColumnsInput | ArrowTableLike,
  options: SummarizeColumnsOptions,
): PreparedColumnInput {
  const o = parseOptions(optionsSchema, options) as SummarizeColumnsOptions;
  const resolved = resolveSummaryOptions({
    ...(o.onInvalid === undefined ? {} : { onInvalid: o.onInvalid }),
    ...(o.observationEnd === undefined ? {} : { observationEnd: o.observationEnd }),
    ...(o.period === undefined ? {} : { period: o.period }),
    ...(o.timeUnit === undefined ? {} : { timeUnit: o.timeUnit }),
    ...(o.monetary === undefined ? {} : { monetary: o.monetary }),
  });
  let ids: ArrayLike<unknown>;
  let dates: ArrayLike<unknown>;
  let amounts: ArrayLike<unknown>;
  let msPerUnit = o.dateUnit === 'day' ? MS_PER_DAY : 1;
  if (isArrowTable(input)) {
    ids = arrowColumn(input, o.columns?.customerId ?? 'customerId', 'customerId').values;
    const date = arrowColumn(input, o.columns?.date ?? 'date', 'date');
    dates = date.values;
    if (date.msPerUnit !== undefined) msPerUnit = date.msPerUnit;
    amounts = arrowColumn(input, o.columns?.amount ?? 'amount', 'amount').values;
  } else {
    if (input === null || typeof input !== 'object')
      throw invalidValue(['columns'], 'an object of columns or an Arrow table', input);
    ids = checkColumn(
      readingInput(['columns', 'customerIds'], () => input.customerIds),
      'customerIds',
    );
    dates = checkColumn(
      readingInput(['columns', 'dates'], () => input.dates),
      'dates',
    );
    amounts = checkColumn(
      readingInput(['columns', 'amounts'], () => input.amounts),
      'amounts',
    );
  }
  const n = ids.length;
  if (dates.length !== n || amounts.length !== n) {
    throw new CrmAnalyticsError(
      'INVALID_INPUT',
      `columns: expected columns of equal length, got customerIds ${n}, dates ${dates.length}, amounts ${amounts.length}`,
      { path: ['columns'] },
    );
  }
  return { ids, dates, amounts, msPerUnit, resolved };
}

/**
 * Which of `count` partitions a customer id belongs to: a function of the id alone.
 * @internal
 */
export function customerPartition(id: CustomerId, count: number): number {
  if (count <= 1) return 0;
  if (typeof id === 'number' && Number.isInteger(id)) return ((id % count) + count) % count;
  const text = String(id);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

/**
 * Summarizes prepared columns, optionally only the customers of one partition (for parallel workers), and returns
 * the row of each customer's first appearance (to merge partitions in input order).
 * @internal
 */
export function summarizePreparedColumns(
  prepared: PreparedColumnInput,
  partition?: { index: number; count: number },
): { table: CustomerSummaryColumnTable; firstRow: Int32Array } {
  const { resolved } = prepared;
  const n = prepared.ids.length;
  // Rows are read and grouped in a scope of their own, so that the per-row columns can be collected before the
  // output is allocated (peak memory: the input plus about 20 bytes a row).
  const { ids, groups, firstRow, endDay, after, used, read, skipped } = (() => {
    const { columns, firstRow } = readColumns(prepared, resolved.fields.onInvalid === 'skip', partition);
    let end = resolved.endDay;
    if (end === undefined) {
      end = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < columns.length; i++) if ((columns.day[i] as number) > end) end = columns.day[i] as number;
    }
    const endDay = end;
    let after = 0;
    for (let i = 0; i < columns.length; i++) if ((columns.day[i] as number) > endDay) after++;
    const include = after === 0 ? undefined : (row: number) => (columns.day[row] as number) <= endDay;
    const groups = groupByCustomer(columns, include, false);
    return {
      ids: columns.ids,
      groups,
      firstRow,
      endDay,
      after,
      used: columns.length - after,
      read: columns.read,
      skipped: columns.skipped,
    };
  })();
  const customers = summarizeGroupsToColumns(
    ids,
    groups,
    endDay,
    resolved.period,
    resolved.timeUnit,
    resolved.monetary,
  );
  // Customers all of whose rows fall after the observation end are not in the output: drop their first rows too.
  let kept = firstRow;
  if (customers.length !== ids.length) {
    kept = new Int32Array(customers.length);
    let j = 0;
    for (let k = 0; k < ids.length; k++) {
      if ((groups.offsets[k + 1] as number) > (groups.offsets[k] as number)) kept[j++] = firstRow[k] as number;
    }
  }
  return {
    table: {
      customers,
      timeUnit: resolved.timeUnit,
      period: resolved.period,
      observationEnd: Number.isFinite(endDay) ? dayToDate(endDay) : null,
      monetary: resolved.monetary,
      counts: {
        read: partition === undefined ? n : read,
        used,
        afterObservationEnd: after,
        skipped: skipped.length,
      },
      skipped,
    },
    firstRow: kept,
  };
}

function readColumns(
  prepared: PreparedColumnInput,
  skip: boolean,
  partition: { index: number; count: number } | undefined,
): { columns: TransactionColumns; firstRow: Int32Array } {
  const { ids, dates, amounts, msPerUnit } = prepared;
  const n = ids.length;
  const dictionary = new CustomerDictionary();
  const skipped: SkippedRecord[] = [];
  const day = new Int32Array(n);
  const customer = new Int32Array(n);
  const firstRows: number[] = [];
  // A Float64Array of amounts is used as is unless rows may be skipped or partitioned (then amounts are compacted).
  const zeroCopy = amounts instanceof Float64Array && !skip && partition === undefined;
  const amountCopy = zeroCopy ? new Float64Array(0) : new Float64Array(n);
  let m = 0;
  let read = 0;
  const fail = (i: number, field: SkippedRecord['field'], column: string, expected: string, value: unknown): void => {
    const path = [column, i];
    const reason = `${formatPath(path)}: expected ${expected}, got ${describeValue(value)}`;
    if (!skip) throw new CrmAnalyticsError('INVALID_INPUT', reason, { path, index: i, received: value });
    skipped.push({ index: i, field, reason });
  };
  let i = 0;
  try {
    for (; i < n; i++) {
      let id = ids[i];
      if (typeof id === 'bigint') id = Number(id);
      if (!((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== ''))) {
        // An invalid id belongs to no customer: partition 0 reports it.
        if (partition === undefined || partition.index === 0) {
          read++;
          fail(i, 'customerId', 'customerIds', 'a customer id (a non-empty string or a finite number)', id);
        }
        continue;
      }
      if (partition !== undefined && customerPartition(id as CustomerId, partition.count) !== partition.index) continue;
      read++;
      const raw = dates[i];
      let d: number | undefined;
      if (typeof raw === 'number') {
        const ms = raw * msPerUnit;
        d = Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? Math.floor(ms / MS_PER_DAY) : undefined;
      } else if (typeof raw === 'bigint') {
        const ms = Number(raw) * msPerUnit;
        d = Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? Math.floor(ms / MS_PER_DAY) : undefined;
      } else d = toEpochDay(raw);
      if (d === undefined) {
        fail(i, 'date', 'dates', 'a date (epoch milliseconds, a valid Date or an ISO 8601 string)', raw);
        continue;
      }
      const a = amounts[i];
      if (typeof a !== 'number' || !Number.isFinite(a)) {
        fail(i, 'amount', 'amounts', 'a finite number', a);
        continue;
      }
      const before = dictionary.ids.length;
      customer[m] = dictionary.indexOf(id as CustomerId);
      if (dictionary.ids.length !== before) firstRows.push(i);
      day[m] = d;
      if (!zeroCopy) amountCopy[m] = a === 0 ? 0 : a;
      m++;
    }
  } catch (cause) {
    throw inputReadError(cause, ['columns', i]);
  }
  return {
    columns: {
      length: m,
      ids: dictionary.ids,
      customer: customer.subarray(0, m),
      day: day.subarray(0, m),
      amount: zeroCopy ? (amounts as Float64Array) : amountCopy.subarray(0, m),
      recordIndex: new Int32Array(0),
      read,
      skipped,
    },
    firstRow: Int32Array.from(firstRows),
  };
}

/**
 * Converts the result of {@link summarizeColumns} to the record form returned by {@link summarizeCustomers}.
 *
 * @example
 * import { summarizeColumns, summaryColumnsToTable } from 'crm-analytics/data';
 * const table = summaryColumnsToTable(summarizeColumns({ customerIds: ['a'], dates: ['2024-01-01'], amounts: [3] }));
 * table.customers[0]; // => { customerId: 'a', frequency: 0, totalRevenue: 3 }
 */
export function summaryColumnsToTable(table: CustomerSummaryColumnTable): CustomerSummaryTable {
  const { customers, ...rest } = table;
  return { ...rest, customers: summaryColumnsToRecords(customers), skipped: rest.skipped.map((s) => ({ ...s })) };
}
