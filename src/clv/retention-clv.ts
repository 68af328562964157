// Barrel for part of crm-analytics/clv (see ./index.ts): retention-based CLV, customer equity,
// realized vs potential value and the impact of retention.
export type {
  CustomerEquityFields,
  CustomerEquityFutureCohorts,
  CustomerEquityOptions,
  CustomerEquityResult,
} from './retention/customerEquity.js';
export { customerEquity, customerEquityOptionsSchema } from './retention/customerEquity.js';
export type {
  LifetimeValueInput,
  LifetimeValueOptions,
  LifetimeValuePeriod,
  LifetimeValueResult,
  LifetimeValueTiming,
} from './retention/lifetimeValue.js';
export { lifetimeValue, lifetimeValueInputSchema, lifetimeValueOptionsSchema } from './retention/lifetimeValue.js';
export type { MarginMultipleOptions } from './retention/marginMultiple.js';
export { marginMultiple, marginMultipleOptionsSchema } from './retention/marginMultiple.js';
export type { RetentionImpactOptions, RetentionImpactResult } from './retention/retentionImpact.js';
export { retentionImpact, retentionImpactOptionsSchema } from './retention/retentionImpact.js';
export type { ValueSplitInput, ValueSplitResult } from './retention/valueSplit.js';
export { valueSplit } from './retention/valueSplit.js';
