// Public API of crm-analytics/sql: SQL that computes customer summaries inside a database engine.

export type { SqlDialect, SummarySqlOptions } from './summarySql.js';
export { quoteSqlIdentifier, summarySql } from './summarySql.js';
export type { SummarySqlRowsOptions } from './summarySqlRowsToTable.js';
export { summarySqlRowsToTable } from './summarySqlRowsToTable.js';
