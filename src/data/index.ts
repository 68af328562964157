// Public API of crm-analytics/data.

export type {
  CalibrationHoldoutOptions,
  CalibrationHoldoutSummary,
  CalibrationHoldoutTable,
} from './calibrationHoldoutSplit.js';
export { calibrationHoldoutSplit } from './calibrationHoldoutSplit.js';
export type { SummaryBuilder } from './createSummaryBuilder.js';
export { createSummaryBuilder } from './createSummaryBuilder.js';
export type { TransactionFieldOptions } from './readTransactions.js';
export { transactionFieldOptionsSchema } from './readTransactions.js';
export type {
  ArrowTableLike,
  ArrowVectorLike,
  CustomerSummaryColumnTable,
  SummarizeColumnsOptions,
  TransactionColumnsInput,
} from './summarizeColumns.js';
export { summarizeColumns, summaryColumnsToTable } from './summarizeColumns.js';
export { summarizeCustomers } from './summarizeCustomers.js';
export type { CustomerSummaryColumns } from './summarizeGroups.js';
export type { SummaryOptions } from './summaryOptions.js';
export { summaryOptionsSchema } from './summaryOptions.js';
export type {
  CustomerId,
  CustomerSummary,
  CustomerSummaryTable,
  FrequencyRecencyT,
  SkippedRecord,
  Transaction,
} from './types.js';
