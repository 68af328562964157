// The two steps of summarizeParallel that run on every thread (the calling thread and each worker):
// reading a range of rows into per-partition buckets, and summarizing one partition of customers.
import { MS_PER_DAY, toEpochDay } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { describeValue, formatPath } from '../core/messages.js';
import { inputReadError } from '../core/validate.js';
import type { CustomerGroups } from '../data/readTransactions.js';
import { type CustomerSummaryColumns, summarizeGroupsToColumns } from '../data/summarizeGroups.js';
import type { CustomerId, SkippedRecord } from '../data/types.js';

/**
 * The rows of one partition, in shared memory. Capacity is the number of input rows: the rows read from input rows
 * `[lo, hi)` are written from position `lo`, so the threads reading different row ranges never overlap, and only the
 * pages actually written are committed.
 * @internal
 */
export interface PartitionBucket {
  /** Customer index of each row: local to the row range while reading, then the partition's own index. */
  customer: Int32Array;
  /** UTC day number of each row. */
  day: Int32Array;
  /** Amount of each row. */
  amount: Float64Array;
}

/** @internal */
export function allocateBuckets(rows: number, partitions: number): PartitionBucket[] {
  return Array.from({ length: partitions }, () => ({
    customer: new Int32Array(new SharedArrayBuffer(4 * rows)),
    day: new Int32Array(new SharedArrayBuffer(4 * rows)),
    amount: new Float64Array(new SharedArrayBuffer(8 * rows)),
  }));
}

const hashFloat = new Float64Array(1);
const hashWords = new Uint32Array(hashFloat.buffer);

/**
 * Which partition a customer belongs to: a function of the id alone (so threads reading different rows agree), mixed
 * with the murmur3 finalizer so that structured ids (all even, all multiples of 10) still spread evenly.
 * @internal
 */
export function partitionOf(id: CustomerId, count: number): number {
  let h: number;
  if (typeof id === 'number') {
    if ((id | 0) === id) h = id;
    else {
      hashFloat[0] = id;
      h = (hashWords[0] as number) ^ Math.imul(hashWords[1] as number, 0x9e3779b1);
    }
  } else {
    h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % count;
}

/** Integer ids below this use a dense table, as in `CustomerDictionary` (the same ids are the same customer). */
const DENSE_LIMIT = 1 << 22;
/** Partitions are at most 64: a customer's code is `index * 64 + partition`. @internal */
export const MAX_PARTITIONS = 64;

/**
 * Customer ids in order of first appearance, each with a code naming its partition and its index within the
 * partition (`code & 63`, `(code − partition) / 64`), found with one lookup. Ids are the same customer exactly when
 * they are for `CustomerDictionary`: numbers and strings differ, and integers in `[0, 2^22)` go to a dense table.
 * @internal
 */
export class PartitionedDictionary {
  /** Customer ids by order of first appearance. */
  readonly ids: CustomerId[] = [];
  /** Code of each id of `ids`. */
  codes: Int32Array | Float64Array = new Float64Array(1024);
  /** Customers per partition. */
  readonly sizes: Int32Array;
  private readonly count: number;
  private readonly index = new Map<CustomerId, number>();
  /** id → code + 1 for small non-negative integer ids (below 2^22 customers, so codes stay below 2^31). */
  private dense = new Int32Array(0);

  constructor(count: number) {
    this.count = count;
    this.sizes = new Int32Array(count);
  }

  /** Code of an id, adding it (numbered next in its partition) if new. */
  code(id: CustomerId): number {
    if (typeof id === 'number' && id >= 0 && id < DENSE_LIMIT && Number.isInteger(id) && !Object.is(id, -0)) {
      if (id >= this.dense.length) {
        const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(id + 1, this.dense.length * 2, 1024)));
        grown.set(this.dense);
        this.dense = grown;
      }
      const known = this.dense[id] as number;
      if (known !== 0) return known - 1;
      const code = this.add(id);
      this.dense[id] = code + 1;
      return code;
    }
    let code = this.index.get(id);
    if (code === undefined) {
      code = this.add(id);
      this.index.set(id, code);
    }
    return code;
  }

  private add(id: CustomerId): number {
    const p = partitionOf(id, this.count);
    const q = this.sizes[p] as number;
    this.sizes[p] = q + 1;
    const code = q * MAX_PARTITIONS + p;
    const k = this.ids.length;
    if (k === this.codes.length) {
      const grown = new Float64Array(2 * k);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[k] = code;
    this.ids.push(id);
    return code;
  }
}

/** Input columns of {@link readRows}; value `i - base` of each column is input row `i`. @internal */
export interface RowRange {
  ids: ArrayLike<unknown>;
  dates: ArrayLike<unknown>;
  amounts: ArrayLike<unknown>;
  base: number;
  lo: number;
  hi: number;
  msPerUnit: number;
  skip: boolean;
}

/** What {@link readRows} found in its range. @internal */
export interface RowRangeResult {
  /** The customers of the range, numbered within their partition in order of first appearance in the range. */
  dictionary: PartitionedDictionary;
  /** Valid rows written to each partition's bucket (from position `lo`). */
  counts: Int32Array;
  /** Largest day of a valid row (−Infinity if none). */
  maxDay: number;
  /** Rows skipped (with `skip`), with their input row index. */
  skipped: SkippedRecord[];
}

/**
 * Validates input rows `[lo, hi)` exactly as `summarizeColumns` does (same checks, same messages, first invalid row
 * thrown unless `skip`), and appends each valid row to the bucket of its customer's partition, with the customer's
 * index within the partition.
 * @internal
 */
export function readRows(range: RowRange, buckets: PartitionBucket[]): RowRangeResult {
  const { ids, dates, amounts, base, lo, hi, msPerUnit, skip } = range;
  const count = buckets.length;
  const dictionary = new PartitionedDictionary(count);
  const cursor = new Int32Array(count).fill(lo);
  const customers = buckets.map((b) => b.customer);
  const days = buckets.map((b) => b.day);
  const values = buckets.map((b) => b.amount);
  const skipped: SkippedRecord[] = [];
  let maxDay = Number.NEGATIVE_INFINITY;
  // Mirrors readColumns in src/data/summarizeColumns.ts (the tests compare messages and skipped lists with it).
  const fail = (i: number, field: SkippedRecord['field'], column: string, expected: string, value: unknown): void => {
    const path = [column, i];
    const reason = `${formatPath(path)}: expected ${expected}, got ${describeValue(value)}`;
    if (!skip) throw new CrmAnalyticsError('INVALID_INPUT', reason, { path, index: i, received: value });
    skipped.push({ index: i, field, reason });
  };
  let i = lo;
  try {
    for (; i < hi; i++) {
      let id = ids[i - base];
      if (typeof id === 'bigint') id = Number(id);
      if (!((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== ''))) {
        fail(i, 'customerId', 'customerIds', 'a customer id (a non-empty string or a finite number)', id);
        continue;
      }
      const raw = dates[i - base];
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
      const a = amounts[i - base];
      if (typeof a !== 'number' || !Number.isFinite(a)) {
        fail(i, 'amount', 'amounts', 'a finite number', a);
        continue;
      }
      const code = dictionary.code(id as CustomerId);
      // The low 6 bits survive ToInt32 for any code below 2^53.
      const p = code & (MAX_PARTITIONS - 1);
      const at = cursor[p] as number;
      (customers[p] as Int32Array)[at] = (code - p) / MAX_PARTITIONS;
      (days[p] as Int32Array)[at] = d;
      (values[p] as Float64Array)[at] = a === 0 ? 0 : a;
      cursor[p] = at + 1;
      if (d > maxDay) maxDay = d;
    }
  } catch (cause) {
    throw inputReadError(cause, ['columns', i]);
  }
  const counts = new Int32Array(count);
  for (let p = 0; p < count; p++) counts[p] = (cursor[p] as number) - lo;
  return { dictionary, counts, maxDay, skipped };
}

/** The numeric summary columns, in their order in {@link CustomerSummaryColumns}. @internal */
export const SUMMARY_NUMBERS = [
  'frequency',
  'recency',
  'T',
  'monetaryValue',
  'totalRevenue',
  'transactionCount',
  'firstPurchase',
  'lastPurchase',
] as const;

/** One partition's share of the work: its bucket and where each row range's rows are in it. @internal */
export interface PartitionJob {
  bucket: PartitionBucket;
  /** Per row range: the first position of its rows in the bucket and how many there are. */
  starts: Int32Array;
  lengths: Int32Array;
  /** Per row range: the range's index of a customer in this partition → the partition's index (null: the same). */
  remaps: (Int32Array | null)[];
  /** Number of customers of the partition. */
  customers: number;
  endDay: number;
  period: 'day' | 'week' | 'month';
  timeUnit: 'day' | 'week' | 'month' | 'year';
  monetary: 'repeat-mean' | 'mean' | 'total';
}

/** The summaries of one partition's customers, in partition order. @internal */
export interface PartitionResult {
  columns: Pick<CustomerSummaryColumns, (typeof SUMMARY_NUMBERS)[number]>;
  /** Partition indices of the customers summarized, or null when all are (the others have only later rows). */
  kept: Int32Array | null;
  /** Rows of the partition, and those after the observation end. */
  rows: number;
  after: number;
}

/**
 * Summarizes the customers of one partition: groups its rows by customer (renumbered to the partition's order) with
 * a counting sort read straight from the row ranges' segments, orders each customer's rows by (day, amount) as
 * `groupByCustomer` does, and summarizes them with the same kernel as `summarizeColumns`.
 * @internal
 */
export function summarizePartition(job: PartitionJob): PartitionResult {
  const { bucket, starts, lengths, remaps, customers, endDay } = job;
  const { customer, day, amount } = bucket;
  // Pass 1: renumber each row's customer in place and count the rows of each customer up to the observation end.
  const offsets = new Int32Array(customers + 1);
  let rows = 0;
  let after = 0;
  for (let t = 0; t < starts.length; t++) {
    const remap = remaps[t] ?? null;
    const from = starts[t] as number;
    const to = from + (lengths[t] as number);
    rows += to - from;
    for (let r = from; r < to; r++) {
      if ((day[r] as number) > endDay) {
        after++;
        customer[r] = -1;
        continue;
      }
      let q = customer[r] as number;
      if (remap !== null) {
        q = remap[q] as number;
        customer[r] = q;
      }
      offsets[q + 1] = (offsets[q + 1] as number) + 1;
    }
  }
  for (let q = 0; q < customers; q++) offsets[q + 1] = (offsets[q + 1] as number) + (offsets[q] as number);
  // Pass 2: scatter days and amounts to contiguous runs per customer.
  const kept = rows - after;
  const gDay = new Int32Array(kept);
  const gAmount = new Float64Array(kept);
  const cursor = offsets.slice(0, customers);
  for (let t = 0; t < starts.length; t++) {
    const from = starts[t] as number;
    const to = from + (lengths[t] as number);
    for (let r = from; r < to; r++) {
      const q = customer[r] as number;
      if (q < 0) continue;
      const at = cursor[q] as number;
      gDay[at] = day[r] as number;
      gAmount[at] = amount[r] as number;
      cursor[q] = at + 1;
    }
  }
  sortRuns(offsets, gDay, gAmount);
  const groups: CustomerGroups = { offsets, order: new Int32Array(0), day: gDay, amount: gAmount };
  // summarizeGroupsToColumns copies the ids it is given; the caller puts the real ones (holes here).
  const summary = summarizeGroupsToColumns(
    new Array<CustomerId>(customers),
    groups,
    endDay,
    job.period,
    job.timeUnit,
    job.monetary,
  );
  let keptCustomers: Int32Array | null = null;
  if (summary.length !== customers) {
    keptCustomers = new Int32Array(summary.length);
    let j = 0;
    for (let q = 0; q < customers; q++) {
      if ((offsets[q + 1] as number) > (offsets[q] as number)) keptCustomers[j++] = q;
    }
  }
  const { customerIds: _ids, length: _length, ...numbers } = summary;
  return { columns: numbers, kept: keptCustomers, rows, after };
}

/** Sorts each run `offsets[q] … offsets[q+1] − 1` by (day, amount): the canonical order of `groupByCustomer`. */
function sortRuns(offsets: Int32Array, day: Int32Array, amount: Float64Array): void {
  const customers = offsets.length - 1;
  for (let q = 0; q < customers; q++) {
    const start = offsets[q] as number;
    const end = offsets[q + 1] as number;
    if (end - start < 2) continue;
    if (end - start <= 48) {
      for (let i = start + 1; i < end; i++) {
        const d = day[i] as number;
        const a = amount[i] as number;
        let j = i - 1;
        while (j >= start) {
          const od = day[j] as number;
          if (od < d || (od === d && (amount[j] as number) <= a)) break;
          day[j + 1] = od;
          amount[j + 1] = amount[j] as number;
          j--;
        }
        day[j + 1] = d;
        amount[j + 1] = a;
      }
    } else {
      const idx = Array.from({ length: end - start }, (_, i) => start + i);
      idx.sort((x, y) => (day[x] as number) - (day[y] as number) || (amount[x] as number) - (amount[y] as number));
      const days = idx.map((p) => day[p] as number);
      const amounts = idx.map((p) => amount[p] as number);
      day.set(days, start);
      amount.set(amounts, start);
    }
  }
}
