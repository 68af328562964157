import * as z from 'zod';
import { toEpochDay } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { describeValue, formatPath } from '../core/messages.js';
import {
  type Accessor,
  accessorSchema,
  inputReadError,
  needsOwnRead,
  readField,
  readingInput,
  recordAt,
  toAccessorFunction,
} from '../core/validate.js';
import type { CustomerId, SkippedRecord } from './types.js';

/**
 * Where each field of a transaction record is read from: a field name or an accessor `(record, index) => value`.
 * Defaults: `customerId`, `date`, `amount`.
 */
export interface TransactionFieldOptions<T = unknown> {
  /** Customer id (string or number). Default: the `customerId` field. */
  customerId?: Accessor<T, CustomerId>;
  /** Purchase date: `Date`, ISO 8601 string (UTC) or epoch ms. Default: the `date` field. */
  date?: Accessor<T, Date | string | number>;
  /** Amount in one currency (negative for returns). Default: the `amount` field. */
  amount?: Accessor<T, number>;
  /** What to do with an invalid record: `'throw'` (default) a `CrmAnalyticsError` naming it, or `'skip'` it and report it. */
  onInvalid?: 'throw' | 'skip';
}

/**
 * Schema of {@link TransactionFieldOptions} (exported so that embedding tools can reuse it).
 */
export const transactionFieldOptionsSchema: z.ZodType<TransactionFieldOptions<never>> = z.object({
  customerId: accessorSchema().optional(),
  date: accessorSchema().optional(),
  amount: accessorSchema().optional(),
  onInvalid: z.enum(['throw', 'skip']).optional(),
}) as unknown as z.ZodType<TransactionFieldOptions<never>>;

/**
 * A transaction log validated and held as columns (internal representation shared by every area that reads transactions).
 * Row `i` is the `i`-th valid record, in input order.
 * @internal
 */
export interface TransactionColumns {
  /** Number of valid rows. */
  length: number;
  /** Customer ids by customer index, in order of first appearance. */
  ids: CustomerId[];
  /** Customer index of each row. */
  customer: Int32Array;
  /** UTC day number (days since 1970-01-01) of each row. */
  day: Int32Array;
  /** Amount of each row. */
  amount: Float64Array;
  /** Position of each row in the caller's input. */
  recordIndex: Int32Array;
  /** Records read (valid + skipped). */
  read: number;
  /** Records skipped with `onInvalid: 'skip'`. */
  skipped: SkippedRecord[];
}

/** Integer ids below this use a dense table (at most 16 MB) instead of a Map. */
const DENSE_LIMIT = 1 << 22;

/**
 * Assigns each distinct customer id a dense index, in order of first appearance.
 * @internal
 */
export class CustomerDictionary {
  /** Customer ids by index. */
  readonly ids: CustomerId[] = [];
  private readonly index = new Map<CustomerId, number>();
  /** Dense lookup for small non-negative integer ids (the common case of numeric keys): id → index + 1. */
  private dense = new Int32Array(0);

  /** Index of a customer id, adding it if new. */
  indexOf(id: CustomerId): number {
    // Whether an id goes to the dense table depends on the id alone, so one id always maps to one index.
    if (typeof id === 'number' && id >= 0 && id < DENSE_LIMIT && Number.isInteger(id) && !Object.is(id, -0)) {
      if (id >= this.dense.length) {
        const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(id + 1, this.dense.length * 2, 1024)));
        grown.set(this.dense);
        this.dense = grown;
      }
      const known = this.dense[id] as number;
      if (known !== 0) return known - 1;
      const k = this.ids.length;
      this.ids.push(id);
      this.dense[id] = k + 1;
      return k;
    }
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push(id);
      this.index.set(id, k);
    }
    return k;
  }
}

/**
 * A growable column store with the customer-id dictionary; the state of the summary builder.
 * @internal
 */
export class TransactionColumnStore {
  length = 0;
  read = 0;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  recordIndex: Int32Array;
  skipped: SkippedRecord[] = [];
  private readonly dictionary = new CustomerDictionary();
  /** Customer ids by customer index, in order of first appearance. */
  get ids(): CustomerId[] {
    return this.dictionary.ids;
  }

  /** Index of a customer id, adding it if new. */
  customerIndex(id: CustomerId): number {
    return this.dictionary.indexOf(id);
  }

  constructor(capacity = 1024) {
    this.customer = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.recordIndex = new Int32Array(capacity);
  }

  private grow(min: number): void {
    const capacity = Math.max(min, this.customer.length * 2);
    const c = new Int32Array(capacity);
    c.set(this.customer.subarray(0, this.length));
    const d = new Int32Array(capacity);
    d.set(this.day.subarray(0, this.length));
    const a = new Float64Array(capacity);
    a.set(this.amount.subarray(0, this.length));
    const r = new Int32Array(capacity);
    r.set(this.recordIndex.subarray(0, this.length));
    this.customer = c;
    this.day = d;
    this.amount = a;
    this.recordIndex = r;
  }

  push(customer: number, day: number, amount: number, recordIndex: number): void {
    if (this.length === this.customer.length) this.grow(this.length + 1);
    const i = this.length++;
    this.customer[i] = customer;
    this.day[i] = day;
    this.amount[i] = amount;
    this.recordIndex[i] = recordIndex;
  }

  /** Appends another store's rows (customer ids remapped), its read count and skipped list. */
  append(other: TransactionColumnStore): void {
    const remap = new Int32Array(other.ids.length);
    for (let k = 0; k < other.ids.length; k++) remap[k] = this.customerIndex(other.ids[k] as CustomerId);
    if (this.length + other.length > this.customer.length) this.grow(this.length + other.length);
    const offset = this.read;
    for (let i = 0; i < other.length; i++) {
      this.push(
        remap[other.customer[i] as number] as number,
        other.day[i] as number,
        other.amount[i] as number,
        (other.recordIndex[i] as number) + offset,
      );
    }
    for (const s of other.skipped) this.skipped.push({ ...s, index: s.index + offset });
    this.read += other.read;
  }

  columns(): TransactionColumns {
    return {
      length: this.length,
      ids: this.ids,
      customer: this.customer.subarray(0, this.length),
      day: this.day.subarray(0, this.length),
      amount: this.amount.subarray(0, this.length),
      recordIndex: this.recordIndex.subarray(0, this.length),
      read: this.read,
      skipped: this.skipped,
    };
  }
}

/**
 * Validates records and appends them to a {@link TransactionColumnStore}. Returns a function that adds one record;
 * indices in messages count from the store's current `read` count.
 * @internal
 */
export function transactionAppender<T>(
  store: TransactionColumnStore,
  options: TransactionFieldOptions<T>,
  name: string,
): (record: T) => void {
  const customerField = options.customerId ?? 'customerId';
  const dateField = options.date ?? 'date';
  const amountField = options.amount ?? 'amount';
  const customerLabel = typeof customerField === 'string' ? customerField : 'customerId';
  const dateLabel = typeof dateField === 'string' ? dateField : 'date';
  const amountLabel = typeof amountField === 'string' ? amountField : 'amount';
  const skip = options.onInvalid === 'skip';
  // Plain field names are read directly (the hot path); accessors go through readField so their exceptions are ours.
  const plain =
    typeof customerField === 'string' &&
    typeof dateField === 'string' &&
    typeof amountField === 'string' &&
    !needsOwnRead(customerField) &&
    !needsOwnRead(dateField) &&
    !needsOwnRead(amountField);
  const readCustomer = toAccessorFunction(customerField);
  const readDate = toAccessorFunction(dateField);
  const readAmount = toAccessorFunction(amountField);

  const fail = (
    index: number,
    field: SkippedRecord['field'],
    label: string,
    expected: string,
    value: unknown,
  ): void => {
    const path = field === 'record' ? [name, index] : [name, index, label];
    const reason = `expected ${expected}, got ${describeValue(value)}`;
    if (skip) {
      store.skipped.push({ index, field, reason: `${formatPath(path)}: ${reason}` });
      return;
    }
    throw new CrmAnalyticsError('INVALID_INPUT', `${formatPath(path)}: ${reason}`, { path, index, received: value });
  };

  return (record: T): void => {
    const index = store.read++;
    if (record === null || typeof record !== 'object') {
      fail(index, 'record', '', 'a transaction record (an object)', record);
      return;
    }
    let id: unknown;
    let date: unknown;
    let amount: unknown;
    if (plain) {
      const r = record as Record<string, unknown>;
      try {
        id = r[customerField as string];
        date = r[dateField as string];
        amount = r[amountField as string];
      } catch (cause) {
        throw new CrmAnalyticsError('INVALID_INPUT', `${name}[${index}]: reading a field threw`, {
          index,
          cause,
          path: [name, index],
        });
      }
    } else {
      id = readField(readCustomer, record, index, [name, index, customerLabel]);
      date = readField(readDate, record, index, [name, index, dateLabel]);
      amount = readField(readAmount, record, index, [name, index, amountLabel]);
    }
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
      fail(index, 'customerId', customerLabel, 'a customer id (a non-empty string or a finite number)', id);
      return;
    }
    const day = toEpochDay(date);
    if (day === undefined) {
      fail(index, 'date', dateLabel, 'a date (a valid Date, an ISO 8601 string or epoch milliseconds)', date);
      return;
    }
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      fail(index, 'amount', amountLabel, 'a finite number', amount);
      return;
    }
    store.push(store.customerIndex(id), day, amount === 0 ? 0 : amount, index);
  };
}

/**
 * Validates a transaction log and returns it as columns.
 * @internal
 */
export function readTransactionColumns<T>(
  transactions: Iterable<T> | ArrayLike<T>,
  options: TransactionFieldOptions<T> = {},
  name = 'transactions',
): TransactionColumns {
  const store = new TransactionColumnStore(Array.isArray(transactions) ? Math.max(16, transactions.length) : 1024);
  const add = transactionAppender(store, options, name);
  iterateRecords(transactions, name, add);
  return store.columns();
}

/**
 * Calls `visit` for each record of an array, array-like or iterable; anything else is an INVALID_INPUT error.
 * @internal
 */
export function iterateRecords<T>(input: Iterable<T> | ArrayLike<T>, name: string, visit: (record: T) => void): void {
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) visit(recordAt(input, i, name) as T);
    return;
  }
  if (input !== null && typeof input === 'object') {
    if (Symbol.iterator in input) {
      // A throwing iterator of the caller's becomes INVALID_INPUT (visit's own errors are CrmAnalyticsErrors).
      try {
        for (const record of input as Iterable<T>) visit(record);
      } catch (cause) {
        throw inputReadError(cause, [name]);
      }
      return;
    }
    const length = readingInput([name, 'length'], () => (input as ArrayLike<T>).length);
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0) {
      for (let i = 0; i < length; i++) visit(recordAt(input as ArrayLike<T>, i, name));
      return;
    }
  }
  throw new CrmAnalyticsError(
    'INVALID_INPUT',
    `${name}: expected an array or iterable of records, got ${describeValue(input)}`,
    {
      path: [name],
      received: input,
    },
  );
}

/**
 * Rows grouped by customer and sorted within each customer by day, then amount (a canonical order, so that every
 * sum over a customer's rows is independent of the input order).
 * Positions `offsets[k] … offsets[k+1] − 1` hold the rows of customer `k`: `order[p]` is the row, and `day[p]`,
 * `amount[p]` are copies of its values, contiguous for fast scans.
 * @internal
 */
export interface CustomerGroups {
  offsets: Int32Array;
  order: Int32Array;
  day: Int32Array;
  amount: Float64Array;
}

/**
 * Groups rows by customer (counting sort, O(n)) and sorts each customer's rows by (day, amount).
 * Rows for which `include(row)` is false are left out.
 * @internal
 */
export function groupByCustomer(
  columns: TransactionColumns,
  include?: (row: number) => boolean,
  keepOrder = true,
): CustomerGroups {
  const customers = columns.ids.length;
  const offsets = new Int32Array(customers + 1);
  const { customer, day, amount } = columns;
  let kept = 0;
  for (let i = 0; i < columns.length; i++) {
    if (include && !include(i)) continue;
    const k = (customer[i] as number) + 1;
    offsets[k] = (offsets[k] as number) + 1;
    kept++;
  }
  for (let k = 0; k < customers; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
  const cursor = offsets.slice(0, customers);
  // Without keepOrder the row indices are not kept (4 bytes a row less, for the columnar fast path).
  const order = new Int32Array(keepOrder ? kept : 0);
  const gDay = new Int32Array(kept);
  const gAmount = new Float64Array(kept);
  for (let i = 0; i < columns.length; i++) {
    if (include && !include(i)) continue;
    const k = customer[i] as number;
    const p = cursor[k] as number;
    if (keepOrder) order[p] = i;
    gDay[p] = day[i] as number;
    gAmount[p] = amount[i] as number;
    cursor[k] = p + 1;
  }
  for (let k = 0; k < customers; k++) {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    if (end - start < 2) continue;
    if (end - start <= 48) {
      // Insertion sort on the contiguous copies: customers have few rows.
      for (let i = start + 1; i < end; i++) {
        const d = gDay[i] as number;
        const a = gAmount[i] as number;
        const row = keepOrder ? (order[i] as number) : 0;
        let j = i - 1;
        while (j >= start) {
          const od = gDay[j] as number;
          if (od < d || (od === d && (gAmount[j] as number) <= a)) break;
          gDay[j + 1] = od;
          gAmount[j + 1] = gAmount[j] as number;
          if (keepOrder) order[j + 1] = order[j] as number;
          j--;
        }
        gDay[j + 1] = d;
        gAmount[j + 1] = a;
        if (keepOrder) order[j + 1] = row;
      }
    } else {
      const idx = Array.from({ length: end - start }, (_, i) => start + i);
      idx.sort((x, y) => (gDay[x] as number) - (gDay[y] as number) || (gAmount[x] as number) - (gAmount[y] as number));
      const days = idx.map((p) => gDay[p] as number);
      const amounts = idx.map((p) => gAmount[p] as number);
      if (keepOrder)
        order.set(
          idx.map((p) => order[p] as number),
          start,
        );
      gDay.set(days, start);
      gAmount.set(amounts, start);
    }
  }
  return { offsets, order, day: gDay, amount: gAmount };
}
