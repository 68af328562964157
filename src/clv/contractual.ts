// Barrel for part of crm-analytics/clv (see ./index.ts).
export {};
