// The worker side of summarizeParallel, and the pool of workers it keeps between calls (`keepWorkers`).
// This module is the workers' entry point: in the bundles (dist/node/index.js and .cjs) it is inlined into the entry,
// which a worker then loads; from the TypeScript sources (tests, benchmarks) the worker loads this file through tsx.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, type TransferListItem, Worker, workerData } from 'node:worker_threads';
import { CrmAnalyticsError, type CrmAnalyticsErrorCode, type ErrorPath } from '../core/errors.js';
import type { CustomerId } from '../data/types.js';
import {
  type PartitionBucket,
  type PartitionJob,
  type PartitionResult,
  type RowRange,
  readRows,
  SUMMARY_NUMBERS,
  summarizePartition,
} from './summaryKernels.js';

/** @internal */
export type WorkerRequest =
  | { kind: 'read'; range: RowRange; buckets: PartitionBucket[] }
  | { kind: 'summarize'; job: PartitionJob };

/** What a worker sends back after reading its rows. @internal */
export interface ReadReply {
  ok: true;
  /** The range's customer ids in order of first appearance (numbers, as the worker reads typed columns). */
  ids: Float64Array | CustomerId[];
  /** Code of each id (partition and index within the partition, see PartitionedDictionary). */
  codes: Int32Array | Float64Array;
  /** Customers of the range per partition. */
  sizes: Int32Array;
  counts: Int32Array;
  maxDay: number;
  skipped: { index: number; field: 'record' | 'customerId' | 'date' | 'amount'; reason: string }[];
}

/** @internal */
export interface FailureReply {
  ok: false;
  code: CrmAnalyticsErrorCode;
  message: string;
  path: ErrorPath;
  index: number | undefined;
  received: unknown;
}

/** @internal */
export type WorkerReply = ReadReply | ({ ok: true } & PartitionResult) | FailureReply;

const MARK = 'crmAnalyticsSummaryWorker';

/** Rebuilds a worker's error on the calling thread. @internal */
export function failureToError(reply: FailureReply): CrmAnalyticsError {
  return new CrmAnalyticsError(reply.code, reply.message, {
    path: reply.path,
    ...(reply.index === undefined ? {} : { index: reply.index }),
    ...(reply.received === undefined ? {} : { received: reply.received }),
  });
}

/** The buffer of an array this thread allocated (never shared), to transfer it. */
function owned(values: { buffer: ArrayBufferLike }): ArrayBuffer {
  return values.buffer as ArrayBuffer;
}

function handle(request: WorkerRequest): { reply: WorkerReply; transfer: TransferListItem[] } {
  if (request.kind === 'read') {
    const result = readRows(request.range, request.buckets);
    const ids = result.dictionary.ids;
    // Typed columns hold numbers only: send the ids as a transferable array rather than cloning a JS array.
    const sent = ids.every((id) => typeof id === 'number') ? Float64Array.from(ids as number[]) : ids;
    const codes = result.dictionary.codes.slice(0, ids.length);
    const transfer: TransferListItem[] = [owned(codes), owned(result.counts)];
    if (sent instanceof Float64Array) transfer.push(owned(sent));
    return {
      reply: {
        ok: true,
        ids: sent,
        codes,
        sizes: result.dictionary.sizes,
        counts: result.counts,
        maxDay: result.maxDay,
        skipped: result.skipped,
      },
      transfer,
    };
  }
  const result = summarizePartition(request.job);
  const transfer: TransferListItem[] = SUMMARY_NUMBERS.map((key) => owned(result.columns[key]));
  if (result.kept !== null) transfer.push(owned(result.kept));
  return { reply: { ok: true, ...result }, transfer };
}

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[MARK] === true && parentPort !== null) {
  const port = parentPort;
  port.on('message', (request: WorkerRequest) => {
    let out: { reply: WorkerReply; transfer: TransferListItem[] };
    try {
      out = handle(request);
    } catch (error) {
      const e = error instanceof CrmAnalyticsError ? error : new CrmAnalyticsError('INVALID_INPUT', String(error));
      const received = typeof e.received === 'number' || typeof e.received === 'bigint' ? e.received : undefined;
      out = {
        reply: { ok: false, code: e.code, message: e.message, path: e.path, index: e.index, received },
        transfer: [],
      };
    }
    port.postMessage(out.reply, out.transfer);
  });
}

// Idle workers kept by `keepWorkers: true` (unreferenced, so they never keep the process alive).
const idle: Worker[] = [];

function spawn(): Worker {
  // In the CommonJS build `import.meta` is empty and `__filename` names the bundle.
  const self = typeof __filename === 'string' ? __filename : fileURLToPath((import.meta as { url: string }).url);
  const options = { workerData: { [MARK]: true } };
  const worker = self.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(self).href)}); });`,
        { ...options, eval: true },
      )
    : new Worker(self, options);
  worker.once('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

/** Idle pooled workers first, then new ones. @internal */
export function acquireWorkers(count: number): Worker[] {
  const out: Worker[] = [];
  while (out.length < count) {
    const worker = idle.pop() ?? spawn();
    worker.ref();
    out.push(worker);
  }
  return out;
}

/** Returns a worker to the pool (`keep`) or ends it. @internal */
export function releaseWorker(worker: Worker, keep: boolean): void {
  if (keep) {
    worker.unref();
    idle.push(worker);
  } else void worker.terminate();
}

/** Number of idle pooled workers (for tests). @internal */
export function idleWorkerCount(): number {
  return idle.length;
}

/** Sends one request and waits for its reply; a crashed or exiting worker rejects. @internal */
export function request(
  worker: Worker,
  message: WorkerRequest,
  transfer: TransferListItem[] = [],
): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply): void => {
      done();
      resolve(reply);
    };
    const onError = (cause: Error): void => {
      done();
      reject(
        new CrmAnalyticsError('INVALID_INPUT', `summarizeParallel: a worker failed (${cause.message})`, { cause }),
      );
    };
    const onExit = (code: number): void => {
      done();
      reject(new CrmAnalyticsError('INVALID_INPUT', `summarizeParallel: a worker exited (code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    try {
      worker.postMessage(message, transfer);
    } catch (cause) {
      done();
      const text = cause instanceof Error ? cause.message : String(cause);
      reject(
        new CrmAnalyticsError('INVALID_INPUT', `summarizeParallel: the input cannot be sent to a worker (${text})`, {
          cause,
        }),
      );
    }
  });
}
