import * as z from 'zod';
import type { TimeUnit } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { invalidWithReason } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
import type { CustomerSummaryTable } from '../data/types.js';
import { summarySql } from '../sql/summarySql.js';
import { summarySqlRowsToTable } from '../sql/summarySqlRowsToTable.js';

/** The part of a `@duckdb/node-api` connection that is used (structural: the package is an optional peer dependency). */
export interface DuckDBConnectionLike {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
}

/** Options of {@link summarizeWithDuckDB}. */
export interface SummarizeWithDuckDBOptions {
  /** An open `@duckdb/node-api` connection. If omitted, a database is opened at `path` (default in memory) and closed afterwards. */
  connection?: DuckDBConnectionLike;
  /** Database file to open when no connection is given. Default `':memory:'`. */
  path?: string;
  /** A table or view in the database (an array for a qualified name). */
  table?: string | readonly string[];
  /** A CSV file to read with DuckDB's `read_csv` (header and types detected; streamed, so it may exceed memory). */
  csvPath?: string;
  /** A Parquet file (or glob) to read with `read_parquet`. */
  parquetPath?: string;
  /** Column names and conventions, as in {@link summarySql}. */
  customer?: string;
  date?: string;
  amount?: string;
  observationEnd?: Date | string | number;
  timeUnit?: TimeUnit;
  period?: 'day' | 'week' | 'month';
  monetary?: 'repeat-mean' | 'mean' | 'total';
}

const schema = z
  .object({
    path: z.string().min(1).optional(),
    table: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    csvPath: z.string().min(1).optional(),
    parquetPath: z.string().min(1).optional(),
  })
  .loose();

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Computes customer summaries inside DuckDB (embedded, Node only): the per-transaction work runs in the database
 * engine, which streams files larger than memory, and one row per customer comes back — ready for RFM and the models.
 *
 * Same conventions as {@link summarizeCustomers} (the SQL is {@link summarySql} with the DuckDB dialect), except the
 * order of customers (by first purchase day, then id) and money sums done by the engine. The session time zone is set
 * to UTC so that timestamps with time zone are truncated to UTC days. Requires the optional peer dependency
 * `@duckdb/node-api` when no connection is passed.
 *
 * @param options - a source (`table`, `csvPath` or `parquetPath`), column names and conventions
 * @returns the summaries as {@link summarizeCustomers} returns them (counts of read rows are not known: `read` and `used` are the transaction count)
 * @throws CrmAnalyticsError `INVALID_OPTION` for a missing source; `INVALID_INPUT` when DuckDB reports an error (message included)
 *
 * @example
 * // Node only; needs `npm install @duckdb/node-api`.
 * import { summarizeWithDuckDB } from 'crm-analytics/duckdb';
 * const table = await summarizeWithDuckDB({ csvPath: 'test/fixtures/orders.csv', customer: 'customer_id', observationEnd: '2024-03-31' });
 * table.customers.map((c) => c.customerId); // => ['a', 'b', 'c']
 * table.customers[0]; // => { frequency: 2, recency: 87, T: 88, monetaryValue: 15, totalRevenue: 55.5 }
 */
export async function summarizeWithDuckDB(options: SummarizeWithDuckDBOptions): Promise<CustomerSummaryTable> {
  const o = parseOptions(schema, options) as SummarizeWithDuckDBOptions;
  const sources = [o.table, o.csvPath, o.parquetPath].filter((s) => s !== undefined).length;
  if (sources !== 1) {
    throw invalidWithReason(
      ['options', 'table'],
      'give exactly one of `table`, `csvPath` or `parquetPath`',
      'INVALID_OPTION',
    );
  }
  const from =
    o.csvPath !== undefined
      ? `read_csv(${sqlString(o.csvPath)})`
      : o.parquetPath !== undefined
        ? `read_parquet(${sqlString(o.parquetPath)})`
        : undefined;
  const sql = summarySql({
    ...(from === undefined ? { table: o.table as string | readonly string[] } : { from }),
    ...(o.customer === undefined ? {} : { customer: o.customer }),
    ...(o.date === undefined ? {} : { date: o.date }),
    ...(o.amount === undefined ? {} : { amount: o.amount }),
    ...(o.observationEnd === undefined ? {} : { observationEnd: o.observationEnd }),
    ...(o.timeUnit === undefined ? {} : { timeUnit: o.timeUnit }),
    ...(o.period === undefined ? {} : { period: o.period }),
    ...(o.monetary === undefined ? {} : { monetary: o.monetary }),
    dialect: 'duckdb',
  });
  let connection = o.connection;
  let close: (() => void) | undefined;
  if (connection === undefined) {
    let duckdb: typeof import('@duckdb/node-api');
    try {
      duckdb = await import('@duckdb/node-api');
    } catch (cause) {
      throw new CrmAnalyticsError(
        'INVALID_OPTION',
        'summarizeWithDuckDB: install the optional peer dependency @duckdb/node-api',
        {
          cause,
        },
      );
    }
    const instance = await duckdb.DuckDBInstance.create(o.path ?? ':memory:');
    const own = await instance.connect();
    connection = own;
    close = () => {
      own.closeSync();
      instance.closeSync();
    };
  }
  try {
    await connection.runAndReadAll("SET TimeZone = 'UTC'");
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    return summarySqlRowsToTable(rows, o);
  } catch (cause) {
    if (cause instanceof CrmAnalyticsError) throw cause;
    throw new CrmAnalyticsError(
      'INVALID_INPUT',
      `summarizeWithDuckDB: DuckDB reported: ${(cause as Error)?.message ?? String(cause)}`,
      {
        cause,
      },
    );
  } finally {
    close?.();
  }
}
