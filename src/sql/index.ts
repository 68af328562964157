// Public API of crm-analytics/sql: SQL that computes customer summaries inside a database engine.
export { quoteSqlIdentifier, summarySql } from './summarySql.js';
export type { SqlDialect, SummarySqlOptions } from './summarySql.js';
export { summarySqlRowsToTable } from './summarySqlRowsToTable.js';
export type { SummarySqlRowsOptions } from './summarySqlRowsToTable.js';
