// Public API of crm-analytics/data.
export type {
  CustomerId,
  CustomerSummary,
  CustomerSummaryTable,
  FrequencyRecencyT,
  SkippedRecord,
  Transaction,
} from './types.js';
