// Public API of crm-analytics/pareto. Filled as its issue lands.
export {};
