// Node-only entry crm-analytics/node: helpers that use worker_threads.

export type { SummarizeParallelOptions } from './summarizeParallel.js';
export { summarizeParallel } from './summarizeParallel.js';
