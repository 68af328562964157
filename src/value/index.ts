// Public API of crm-analytics/value. Filled as its issue lands.
export {};
