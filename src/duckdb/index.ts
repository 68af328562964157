// Node-only entry crm-analytics/duckdb: customer summaries computed inside embedded DuckDB.
export { summarizeWithDuckDB } from './summarizeWithDuckDB.js';
export type { DuckDBConnectionLike, SummarizeWithDuckDBOptions } from './summarizeWithDuckDB.js';
