// Node-only entry crm-analytics/duckdb: customer summaries computed inside embedded DuckDB.

export type { DuckDBConnectionLike, SummarizeWithDuckDBOptions } from './summarizeWithDuckDB.js';
export { summarizeWithDuckDB } from './summarizeWithDuckDB.js';
