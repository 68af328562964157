// Public API of crm-analytics/lifecycle: cohorts and retention, churn, lifecycle stages, and the textbook calculators.

export * from './acquisitionVsRetention.js';
export * from './churnRate.js';
export * from './cohortRetention.js';
export * from './lifecycleStage.js';
export * from './salesFunnel.js';
