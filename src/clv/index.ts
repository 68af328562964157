// Public API of crm-analytics/clv, in three parts so that each can grow on its own:
// retention-based CLV and customer equity, the probabilistic non-contractual models,
// and the discrete-time / contractual models with model checking.

export * from './contractual.js';
export * from './probabilistic.js';
export * from './retention-clv.js';
