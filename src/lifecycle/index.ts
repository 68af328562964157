// Public API of crm-analytics/lifecycle. Filled as its issue lands.
export {};
