// Public API of crm-analytics/rfm. Filled as its issue lands.
export {};
