// Public API of crm-analytics/satisfaction. Filled as its issue lands.
export {};
