import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { dayToDate } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { describeValue } from '../core/messages.js';
import { readingInput } from '../core/validate.js';
import {
  type CustomerSummaryColumnTable,
  prepareColumnInput,
  type SummarizeColumnsOptions,
  summarizePreparedColumns,
  type TransactionColumnsInput,
} from '../data/summarizeColumns.js';
import type { CustomerSummaryColumns } from '../data/summarizeGroups.js';
import type { CustomerId, SkippedRecord } from '../data/types.js';
import {
  allocateBuckets,
  MAX_PARTITIONS,
  type PartitionJob,
  type PartitionResult,
  type RowRangeResult,
  readRows,
  SUMMARY_NUMBERS,
  summarizePartition,
} from './summaryKernels.js';
import {
  acquireWorkers,
  failureToError,
  type ReadReply,
  releaseWorker,
  request,
  type WorkerReply,
} from './summaryWorker.js';

/** Options of {@link summarizeParallel}: those of {@link summarizeColumns} plus the threads to use. */
export interface SummarizeParallelOptions extends Omit<SummarizeColumnsOptions, 'columns'> {
  /**
   * Number of threads sharing the work, the calling thread included (`workers: 2` starts one worker thread; `1` runs
   * {@link summarizeColumns} on the calling thread). Default: `os.availableParallelism()`, at most 8.
   */
  workers?: number;
  /**
   * Keep the worker threads alive (idle and unreferenced, so they never keep the process from exiting) for the next
   * call, instead of ending them. Starting a worker costs tens of milliseconds (more from TypeScript sources), which
   * matters when summarizing many logs in a row. Default `false`.
   */
  keepWorkers?: boolean;
}

interface TypedColumn {
  readonly buffer: ArrayBufferLike;
  readonly BYTES_PER_ELEMENT: number;
  subarray(begin: number, end: number): TypedColumn;
  set(values: TypedColumn): void;
}

function isTyped(values: ArrayLike<unknown>): values is ArrayLike<unknown> & TypedColumn {
  return ArrayBuffer.isView(values) && !(values instanceof DataView);
}

/** Rows `[lo, hi)` of a typed column in shared memory (copied unless the column already is shared). */
function shareRows(values: TypedColumn, lo: number, hi: number): ArrayLike<unknown> {
  const rows = values.subarray(lo, hi);
  if (values.buffer instanceof SharedArrayBuffer) return rows as unknown as ArrayLike<unknown>;
  const Ctor = values.constructor as new (buffer: SharedArrayBuffer) => TypedColumn;
  const out = new Ctor(new SharedArrayBuffer((hi - lo) * values.BYTES_PER_ELEMENT));
  out.set(rows);
  return out as unknown as ArrayLike<unknown>;
}

/**
 * {@link summarizeColumns} split across `worker_threads` (Node only), the calling thread taking a share. The result
 * equals `summarizeColumns` on the same input, to the last bit.
 *
 * Method: (1) each thread reads a range of rows (typed columns; other columns are read by the calling thread alone),
 * validates them and appends each row to the shared-memory bucket of its customer's partition, a hash of the customer
 * id; (2) the calling thread numbers the customers in order of first appearance from the ranges' dictionaries;
 * (3) each thread groups and summarizes the customers of one partition; (4) the calling thread gathers the
 * partitions' typed-array results into that order. No row is read twice and only typed arrays cross threads
 * (shared, or transferred), never one object per row or per customer.
 *
 * Worth it for millions of rows in typed arrays. Typed columns not already in a `SharedArrayBuffer` are copied once
 * for the workers' row ranges; plain arrays are read by the calling thread alone, so only the grouping is shared.
 * Memory: about 16 bytes a row for the buckets, plus the copies. Starting workers costs tens of milliseconds (see
 * `keepWorkers`). Errors: the first invalid row (in input order) is reported as `summarizeColumns` would.
 *
 * @param input - `{ customerIds, dates, amounts }` (typed arrays for best speed)
 * @param options - as {@link summarizeColumns}, plus `workers` and `keepWorkers`
 * @returns the columnar summaries
 * @throws CrmAnalyticsError as {@link summarizeColumns}; `INVALID_OPTION` for a bad `workers` or `keepWorkers`
 *
 * @example
 * import { summarizeParallel } from 'crm-analytics/node';
 * const day = 86_400_000;
 * const input = { customerIds: new Int32Array([1, 2, 1]), dates: new Float64Array([0, day, 5 * day]), amounts: new Float64Array([3, 4, 5]) };
 * const result = await summarizeParallel(input, { workers: 2 });
 * result.customers.customerIds; // => [1, 2]
 * Array.from(result.customers.frequency); // => [1, 0]
 */
export async function summarizeParallel(
  input: TransactionColumnsInput,
  options: SummarizeParallelOptions = {},
): Promise<CustomerSummaryColumnTable> {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new CrmAnalyticsError('INVALID_OPTION', `options: expected an object, got ${describeValue(options)}`, {
      path: ['options'],
      received: options,
    });
  }
  const {
    workers: requested,
    keepWorkers,
    ...columnOptions
  } = readingInput(['options'], () => ({ ...options }), 'INVALID_OPTION');
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > 64)) {
    throw new CrmAnalyticsError(
      'INVALID_OPTION',
      `options.workers: expected a whole number from 1 to 64, got ${describeValue(requested)}`,
      { path: ['options', 'workers'], received: requested },
    );
  }
  if (keepWorkers !== undefined && typeof keepWorkers !== 'boolean') {
    throw new CrmAnalyticsError(
      'INVALID_OPTION',
      `options.keepWorkers: expected a boolean, got ${describeValue(keepWorkers)}`,
      {
        path: ['options', 'keepWorkers'],
        received: keepWorkers,
      },
    );
  }
  const count = requested ?? Math.min(8, Math.max(1, availableParallelism()));
  // Validate on this thread so option and shape errors are thrown before any worker starts.
  const prepared = prepareColumnInput(input, columnOptions);
  const n = prepared.ids.length;
  if (count === 1 || n < 2) return summarizePreparedColumns(prepared).table;
  const workers = acquireWorkers(count - 1);
  let healthy = false;
  try {
    const table = await summarizeWith(workers, prepared, count);
    healthy = true;
    return table;
  } finally {
    // A worker that failed or may still be busy (an error cut the call short) is ended, never pooled.
    for (const worker of workers) releaseWorker(worker, healthy && keepWorkers === true);
  }
}

type Prepared = ReturnType<typeof prepareColumnInput>;

async function summarizeWith(
  workers: Worker[],
  prepared: Prepared,
  count: number,
): Promise<CustomerSummaryColumnTable> {
  const { ids, dates, amounts, msPerUnit, resolved } = prepared;
  const n = ids.length;
  const skip = resolved.fields.onInvalid === 'skip';
  // Typed columns are split into one row range per thread; anything else is read by this thread alone.
  const ranges = isTyped(ids) && isTyped(dates) && isTyped(amounts) ? count : 1;
  const bound = (t: number): number => Math.floor((t * n) / ranges);
  const buckets = allocateBuckets(n, count);

  // Step 1: read the rows.
  const reads: Promise<WorkerReply>[] = [];
  for (let t = 1; t < ranges; t++) {
    const lo = bound(t);
    const hi = bound(t + 1);
    const range = {
      ids: shareRows(ids as unknown as TypedColumn, lo, hi),
      dates: shareRows(dates as unknown as TypedColumn, lo, hi),
      amounts: shareRows(amounts as unknown as TypedColumn, lo, hi),
      base: lo,
      lo,
      hi,
      msPerUnit,
      skip,
    };
    reads.push(request(workers[t - 1] as Worker, { kind: 'read', range, buckets }));
  }
  // If this thread's rows fail, the call ends before the workers answer: their replies must not be left unhandled.
  for (const pending of reads) pending.catch(() => undefined);
  const own = readRows({ ids, dates, amounts, base: 0, lo: 0, hi: bound(1), msPerUnit, skip }, buckets);
  const replies = await Promise.all(reads);
  const others: ReadReply[] = [];
  for (const reply of replies) {
    // Ranges are in row order, so the first failing range holds the first invalid row.
    if (!reply.ok) throw failureToError(reply);
    others.push(reply as ReadReply);
  }

  // Step 2: number customers in order of first appearance. Range 0's customers come first, so its numbering within
  // each partition is the partition's; the customers first seen in later ranges are added after them, in order.
  const dictionary = own.dictionary;
  // remaps[t][p]: range t's index of a customer of partition p → the partition's index (range 0: the same).
  const remaps: (Int32Array | null)[][] = [new Array<null>(count).fill(null)];
  for (const reply of others) {
    const remap = Array.from(reply.sizes, (size) => new Int32Array(new SharedArrayBuffer(4 * size)));
    for (let j = 0; j < reply.ids.length; j++) {
      const code = dictionary.code(reply.ids[j] as CustomerId);
      const there = reply.codes[j] as number;
      const p = there & (MAX_PARTITIONS - 1);
      (remap[p] as Int32Array)[(there - p) / MAX_PARTITIONS] = (code - p) / MAX_PARTITIONS;
    }
    remaps.push(remap);
  }
  let endDay = resolved.endDay;
  if (endDay === undefined) {
    endDay = own.maxDay;
    for (const reply of others) if (reply.maxDay > endDay) endDay = reply.maxDay;
  }

  // Step 3: summarize the partitions, partition 0 on this thread.
  const job = (p: number): PartitionJob => ({
    bucket: buckets[p] as PartitionJob['bucket'],
    starts: Int32Array.from({ length: ranges }, (_, t) => bound(t)),
    lengths: Int32Array.from([own, ...others], (r: RowRangeResult | ReadReply) => r.counts[p] as number),
    remaps: remaps.map((r) => r[p] ?? null),
    customers: dictionary.sizes[p] as number,
    endDay: endDay as number,
    period: resolved.period,
    timeUnit: resolved.timeUnit,
    monetary: resolved.monetary,
  });
  const summaries: Promise<WorkerReply>[] = [];
  for (let p = 1; p < count; p++) summaries.push(request(workers[p - 1] as Worker, { kind: 'summarize', job: job(p) }));
  for (const pending of summaries) pending.catch(() => undefined);
  const parts: PartitionResult[] = [summarizePartition(job(0))];
  for (const reply of await Promise.all(summaries)) {
    if (!reply.ok) throw failureToError(reply);
    parts.push(reply as PartitionResult);
  }

  // Step 4: gather the partitions into first-appearance order.
  const customers = gather(parts, dictionary.codes, dictionary.ids);
  let used = 0;
  let after = 0;
  for (const part of parts) {
    used += part.rows - part.after;
    after += part.after;
  }
  const skipped: SkippedRecord[] = own.skipped;
  for (const reply of others) for (const s of reply.skipped) skipped.push(s);
  return {
    customers,
    timeUnit: resolved.timeUnit,
    period: resolved.period,
    observationEnd: Number.isFinite(endDay) ? dayToDate(endDay) : null,
    monetary: resolved.monetary,
    counts: { read: n, used, afterObservationEnd: after, skipped: skipped.length },
    skipped,
  };
}

function gather(
  parts: PartitionResult[],
  codes: ArrayLike<number>,
  ids: CustomerSummaryColumns['customerIds'],
): CustomerSummaryColumns {
  // Partition and position in its result of each output customer; customers with only later rows are left out.
  const total = ids.length;
  const owner = new Uint8Array(total);
  const source = new Int32Array(total);
  const filtered = parts.some((part) => part.kept !== null);
  const customerIds = filtered ? [] : ids;
  const cursor = new Int32Array(parts.length);
  let length = 0;
  for (let g = 0; g < total; g++) {
    const code = codes[g] as number;
    const p = code & (MAX_PARTITIONS - 1);
    const q = (code - p) / MAX_PARTITIONS;
    let at = q;
    const kept = (parts[p] as PartitionResult).kept;
    if (kept !== null) {
      const c = cursor[p] as number;
      if (kept[c] !== q) continue;
      cursor[p] = c + 1;
      at = c;
    }
    owner[length] = p;
    source[length] = at;
    if (filtered) customerIds.push(ids[g] as CustomerSummaryColumns['customerIds'][number]);
    length++;
  }
  const out = { length, customerIds } as CustomerSummaryColumns;
  for (const key of SUMMARY_NUMBERS) {
    const column = new Float64Array(length);
    const from = parts.map((part) => part.columns[key]);
    for (let i = 0; i < length; i++)
      column[i] = (from[owner[i] as number] as Float64Array)[source[i] as number] as number;
    out[key] = column;
  }
  return out;
}
