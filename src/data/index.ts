// Public API of crm-analytics/data.
export {};
