import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { MS_PER_DAY } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import {
  type CustomerSummaryColumnTable,
  prepareColumnInput,
  type SummarizeColumnsOptions,
  summarizePreparedColumns,
  type TransactionColumnsInput,
} from '../data/summarizeColumns.js';
import type { CustomerSummaryColumns } from '../data/summarizeGroups.js';
import type { CustomerId, SkippedRecord } from '../data/types.js';

/** Options of {@link summarizeParallel}: those of {@link summarizeColumns} plus the number of workers. */
export interface SummarizeParallelOptions extends Omit<SummarizeColumnsOptions, 'columns'> {
  /** Number of worker threads. Default: `os.availableParallelism()`, at most 8. */
  workers?: number;
}

interface WorkerJob {
  crmAnalyticsSummarizeParallel: true;
  ids: ArrayLike<unknown>;
  dates: ArrayLike<unknown>;
  amounts: ArrayLike<unknown>;
  options: SummarizeColumnsOptions;
  partition: { index: number; count: number };
}

type WorkerReply =
  | { ok: true; table: CustomerSummaryColumnTable; firstRow: Int32Array }
  | { ok: false; message: string; code: CrmAnalyticsError['code']; index: number | undefined };

function shared(values: ArrayLike<unknown>): ArrayLike<unknown> {
  // Numeric typed columns are copied once into shared memory that every worker reads without copying.
  if (values instanceof Float64Array || values instanceof Int32Array || values instanceof Uint32Array) {
    if (values.buffer instanceof SharedArrayBuffer) return values;
    const Ctor = values.constructor as Float64ArrayConstructor;
    const out = new Ctor(new SharedArrayBuffer(values.byteLength));
    out.set(values as Float64Array);
    return out;
  }
  return Array.isArray(values) ? values : Array.from(values);
}

/**
 * {@link summarizeColumns} split across `worker_threads` (Node only): each worker summarizes the customers of one
 * partition of the ids (a function of the id, so every customer is whole in exactly one worker), reading typed columns
 * from shared memory; the partitions are merged back in order of each customer's first appearance. The result equals
 * `summarizeColumns` on the same input.
 *
 * Worth it for large typed-array inputs (millions of rows); plain arrays of strings are copied to every worker, which
 * costs more than it saves. Errors: the first invalid row (in input order) is reported as `summarizeColumns` would.
 *
 * @param input - `{ customerIds, dates, amounts }` (typed arrays for best speed)
 * @param options - as {@link summarizeColumns}, plus `workers`
 * @returns the columnar summaries
 * @throws CrmAnalyticsError as {@link summarizeColumns}
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
    throw new CrmAnalyticsError('INVALID_OPTION', `options: expected an object, got ${String(options)}`, {
      path: ['options'],
      received: options,
    });
  }
  const { workers: requested, ...columnOptions } = options;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > 64)) {
    throw new CrmAnalyticsError(
      'INVALID_OPTION',
      `options.workers: expected a whole number from 1 to 64, got ${String(requested)}`,
      {
        path: ['options', 'workers'],
        received: requested,
      },
    );
  }
  const count = requested ?? Math.min(8, Math.max(1, availableParallelism()));
  // Validate on this thread (cheap) so option and shape errors are thrown before any worker starts.
  const prepared = prepareColumnInput(input, columnOptions);
  if (count === 1 || prepared.ids.length < 2) return summarizePreparedColumns(prepared).table;
  // The default observation end is the last day over all rows: find it once so every partition uses the same.
  let endOptions: SummarizeColumnsOptions = columnOptions;
  if (columnOptions.observationEnd === undefined) {
    const full = summarizeMaxDay(prepared.dates, prepared.msPerUnit);
    if (full !== undefined) endOptions = { ...columnOptions, observationEnd: full * MS_PER_DAY };
  }
  const ids = shared(prepared.ids);
  const dates = shared(prepared.dates);
  const amounts = shared(prepared.amounts);
  const jobs = Array.from({ length: count }, (_, index) =>
    runWorker({
      crmAnalyticsSummarizeParallel: true,
      ids,
      dates,
      amounts,
      options: {
        ...endOptions,
        ...(prepared.msPerUnit === MS_PER_DAY ? { dateUnit: 'day' as const } : { dateUnit: 'ms' as const }),
      },
      partition: { index, count },
    }),
  );
  const replies = await Promise.all(jobs);
  const failures = replies.filter((r): r is Extract<WorkerReply, { ok: false }> => !r.ok);
  if (failures.length > 0) {
    failures.sort((a, b) => (a.index ?? Number.POSITIVE_INFINITY) - (b.index ?? Number.POSITIVE_INFINITY));
    const first = failures[0] as Extract<WorkerReply, { ok: false }>;
    throw new CrmAnalyticsError(first.code, first.message, first.index === undefined ? {} : { index: first.index });
  }
  return mergePartitions(replies as Extract<WorkerReply, { ok: true }>[], prepared.ids.length);
}

function summarizeMaxDay(dates: ArrayLike<unknown>, msPerUnit: number): number | undefined {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < dates.length; i++) {
    const v = dates[i];
    const ms = (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN) * msPerUnit;
    if (Number.isFinite(ms) && ms > max) max = ms;
  }
  // Non-numeric dates (strings, Dates): let each worker read them; fall back to a serial pass.
  if (max === Number.NEGATIVE_INFINITY) return undefined;
  return Math.floor(max / MS_PER_DAY);
}

function mergePartitions(parts: Extract<WorkerReply, { ok: true }>[], read: number): CustomerSummaryColumnTable {
  const total = parts.reduce((s, p) => s + p.table.customers.length, 0);
  const out: CustomerSummaryColumns = {
    length: total,
    customerIds: new Array<CustomerId>(total),
    frequency: new Float64Array(total),
    recency: new Float64Array(total),
    T: new Float64Array(total),
    monetaryValue: new Float64Array(total),
    totalRevenue: new Float64Array(total),
    transactionCount: new Float64Array(total),
    firstPurchase: new Float64Array(total),
    lastPurchase: new Float64Array(total),
  };
  const cursor = new Array<number>(parts.length).fill(0);
  const numeric = [
    'frequency',
    'recency',
    'T',
    'monetaryValue',
    'totalRevenue',
    'transactionCount',
    'firstPurchase',
    'lastPurchase',
  ] as const;
  for (let i = 0; i < total; i++) {
    // k-way merge by first appearance (k is the number of workers: a linear scan is fastest).
    let best = -1;
    let bestRow = Number.POSITIVE_INFINITY;
    for (let p = 0; p < parts.length; p++) {
      const c = cursor[p] as number;
      const part = parts[p] as Extract<WorkerReply, { ok: true }>;
      if (c < part.firstRow.length && (part.firstRow[c] as number) < bestRow) {
        bestRow = part.firstRow[c] as number;
        best = p;
      }
    }
    const part = parts[best] as Extract<WorkerReply, { ok: true }>;
    const c = cursor[best] as number;
    out.customerIds[i] = part.table.customers.customerIds[c] as CustomerId;
    for (const key of numeric) out[key][i] = part.table.customers[key][c] as number;
    cursor[best] = c + 1;
  }
  const first = (parts[0] as Extract<WorkerReply, { ok: true }>).table;
  const skipped: SkippedRecord[] = parts.flatMap((p) => p.table.skipped).sort((a, b) => a.index - b.index);
  let used = 0;
  let after = 0;
  for (const p of parts) {
    used += p.table.counts.used;
    after += p.table.counts.afterObservationEnd;
  }
  return {
    customers: out,
    timeUnit: first.timeUnit,
    period: first.period,
    observationEnd: first.observationEnd,
    monetary: first.monetary,
    counts: { read, used, afterObservationEnd: after, skipped: skipped.length },
    skipped,
  };
}

function runWorker(job: WorkerJob): Promise<WorkerReply> {
  // This module is the worker's entry. In the CommonJS build `import.meta` is empty and `__filename` names this file.
  const self = typeof __filename === 'string' ? __filename : fileURLToPath((import.meta as { url: string }).url);
  return new Promise((resolve, reject) => {
    // From the TypeScript sources (tests), the worker registers tsx before loading this module.
    let worker: Worker;
    try {
      worker = self.endsWith('.ts')
        ? new Worker(
            `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(self).href)}); });`,
            { eval: true, workerData: job },
          )
        : new Worker(self, { workerData: job });
    } catch (cause) {
      // Values that cannot be cloned to a worker (symbols, functions) are an input error.
      const text = cause instanceof Error ? cause.message : String(cause);
      reject(
        new CrmAnalyticsError('INVALID_INPUT', `summarizeParallel: the input cannot be sent to a worker (${text})`, {
          cause,
        }),
      );
      return;
    }
    worker.once('message', (reply: WorkerReply) => {
      resolve(reply);
      void worker.terminate();
    });
    worker.once('error', (cause) =>
      reject(
        new CrmAnalyticsError('INVALID_INPUT', `summarizeParallel: a worker failed (${cause.message})`, { cause }),
      ),
    );
  });
}

// Worker side: this module is also the worker's entry point.
if (!isMainThread && (workerData as WorkerJob | undefined)?.crmAnalyticsSummarizeParallel === true) {
  const job = workerData as WorkerJob;
  let reply: WorkerReply;
  try {
    const prepared = prepareColumnInput(
      {
        customerIds: job.ids as ArrayLike<CustomerId>,
        dates: job.dates as ArrayLike<number>,
        amounts: job.amounts as ArrayLike<number>,
      },
      job.options,
    );
    const { table, firstRow } = summarizePreparedColumns(prepared, job.partition);
    reply = { ok: true, table, firstRow };
  } catch (error) {
    const e = error instanceof CrmAnalyticsError ? error : new CrmAnalyticsError('INVALID_INPUT', String(error));
    reply = { ok: false, message: e.message, code: e.code, index: e.index };
  }
  parentPort?.postMessage(reply);
}
