import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, dayToDate, type TimeUnit } from '../core/dates.js';
import { invalidValue, invalidWithReason } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
import { dateOptionToDay } from '../data/summaryOptions.js';

/** SQL dialects {@link summarySql} writes. */
export type SqlDialect = 'duckdb' | 'postgres' | 'spark';

/** Options of {@link summarySql}. */
export interface SummarySqlOptions {
  /** The table (or view) holding the transactions; an array for a qualified name, e.g. `['sales', 'orders']`. */
  table?: string | readonly string[];
  /**
   * Instead of `table`, a trusted SQL table expression (e.g. `read_parquet('orders/*.parquet')`), inserted as is:
   * never pass user input here.
   */
  from?: string;
  /** Column with the customer id. Default `customerId`. */
  customer?: string;
  /** Column with the purchase date (DATE or TIMESTAMP; truncated to its day). Default `date`. */
  date?: string;
  /** Column with the amount. Default `amount`. */
  amount?: string;
  /** Last day of observation, inclusive. Default: the latest purchase day in the table. */
  observationEnd?: Date | string | number;
  /** Unit of recency and T (as in {@link summarizeCustomers}). Default `'day'`. */
  timeUnit?: TimeUnit;
  /** Purchases within one period count once. Default `'day'`. */
  period?: 'day' | 'week' | 'month';
  /** How `monetary_value` is computed. Default `'repeat-mean'`. */
  monetary?: 'repeat-mean' | 'mean' | 'total';
  /** Target engine. Default `'duckdb'`. */
  dialect?: SqlDialect;
}

const schema = z.strictObject({
  table: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  from: z.string().min(1).optional(),
  customer: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  amount: z.string().min(1).optional(),
  observationEnd: z.union([z.date(), z.string(), z.number()]).optional(),
  timeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
  period: z.enum(['day', 'week', 'month']).optional(),
  monetary: z.enum(['repeat-mean', 'mean', 'total']).optional(),
  dialect: z.enum(['duckdb', 'postgres', 'spark']).optional(),
});

/**
 * Quotes an identifier for a dialect: `"name"` with `"` doubled (DuckDB, PostgreSQL), or `` `name` `` with `` ` ``
 * doubled (Spark). Any string is safe to pass.
 *
 * @example
 * import { quoteSqlIdentifier } from 'crm-analytics/sql';
 * quoteSqlIdentifier('order date', 'postgres'); // => '"order date"'
 * quoteSqlIdentifier('a"b', 'duckdb'); // => '"a""b"'
 * quoteSqlIdentifier('x`y', 'spark'); // => '`x``y`'
 */
export function quoteSqlIdentifier(name: string, dialect: SqlDialect): string {
  if (typeof name !== 'string') throw invalidValue(['identifier'], 'a string', name, 'INVALID_OPTION');
  if (dialect !== 'postgres' && dialect !== 'duckdb' && dialect !== 'spark') {
    throw invalidValue(['dialect'], "'postgres', 'duckdb' or 'spark'", dialect, 'INVALID_OPTION');
  }
  if (name.includes('\u0000'))
    throw invalidWithReason(['identifier'], 'must not contain a NUL character', 'INVALID_OPTION');
  return dialect === 'spark' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

function isoDay(day: number): string {
  return dayToDate(day).toISOString().slice(0, 10);
}

/**
 * Writes the SQL that computes the customer summaries of {@link summarizeCustomers} inside a database engine —
 * DuckDB, PostgreSQL or Spark SQL — so that only one row per customer leaves the database.
 *
 * Result columns: `customer_id`, `frequency`, `recency`, `T`, `monetary_value`, `total_revenue`,
 * `transaction_count`, `first_purchase_day`, `last_purchase_day` (UTC days since 1970-01-01), ordered by first purchase
 * day, then customer id. Conventions are those of {@link summarizeCustomers}: dates truncated to their day (cast the
 * column to DATE; a `timestamptz` column is read in the session time zone, so set it to UTC), weeks are ISO weeks
 * starting Monday (`date_trunc('week', …)` in all three engines), months are calendar months, recency and T are
 * fractional in `timeUnit` (week 7 days, month 30.436875, year 365.2425). Sums are the engine's (not compensated), so
 * money totals can differ from the in-memory result in the last bits.
 *
 * Identifiers are always quoted ({@link quoteSqlIdentifier}); the only value written into the SQL is the observation
 * end, as a validated `DATE 'YYYY-MM-DD'` literal.
 *
 * @param options - table and column names, conventions, dialect (see {@link SummarySqlOptions})
 * @returns the SQL text
 * @throws CrmAnalyticsError `INVALID_OPTION` when neither `table` nor `from` is given, or for bad options
 *
 * @example
 * import { summarySql } from 'crm-analytics/sql';
 * const sql = summarySql({ table: 'orders', customer: 'cust', date: 'day', amount: 'total', observationEnd: '2024-12-31', dialect: 'postgres' });
 * sql.includes(`FROM "orders"`); // => true
 * sql.includes(`DATE '2024-12-31'`); // => true
 */
export function summarySql(options: SummarySqlOptions): string {
  const o = parseOptions(schema, options) as SummarySqlOptions;
  const dialect = o.dialect ?? 'duckdb';
  if ((o.table === undefined) === (o.from === undefined)) {
    throw invalidWithReason(['options', 'table'], 'give exactly one of `table` or `from`', 'INVALID_OPTION');
  }
  const q = (name: string): string => quoteSqlIdentifier(name, dialect);
  const source =
    o.from ??
    (typeof o.table === 'string' ? q(o.table) : (o.table as readonly string[]).map((part) => q(part)).join('.'));
  const customer = q(o.customer ?? 'customerId');
  const date = q(o.date ?? 'date');
  const amount = q(o.amount ?? 'amount');
  const unit = DAYS_PER_TIME_UNIT[o.timeUnit ?? 'day'];
  const period = o.period ?? 'day';
  const monetary = o.monetary ?? 'repeat-mean';
  const double = dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE';
  const days = (later: string, earlier: string): string =>
    dialect === 'spark' ? `datediff(${later}, ${earlier})` : `(${later} - ${earlier})`;
  const end =
    o.observationEnd === undefined
      ? '(SELECT MAX(day) FROM tx_all)'
      : `DATE '${isoDay(dateOptionToDay(o.observationEnd, 'observationEnd'))}'`;
  const periodExpr = period === 'day' ? 'day' : `CAST(date_trunc('${period}', CAST(day AS TIMESTAMP)) AS DATE)`;
  const unitLiteral = Number.isInteger(unit) ? `${unit}.0` : String(unit);
  const monetaryExpr =
    monetary === 'total'
      ? 'SUM(total)'
      : monetary === 'mean'
        ? 'SUM(total) / COUNT(*)'
        : 'CASE WHEN COUNT(*) > 1 THEN SUM(CASE WHEN rn > 1 THEN total ELSE 0 END) / (COUNT(*) - 1) ELSE 0 END';
  const epoch = "DATE '1970-01-01'";
  return `WITH tx_all AS (
  SELECT ${customer} AS customer_id, CAST(${date} AS DATE) AS day, CAST(${amount} AS ${double}) AS amount
  FROM ${source}
),
tx AS (
  SELECT customer_id, day, amount FROM tx_all WHERE day <= ${end}
),
periods AS (
  SELECT customer_id, ${periodExpr} AS period, SUM(amount) AS total, MIN(day) AS first_day, MAX(day) AS last_day,
    COUNT(*) AS n
  FROM tx
  GROUP BY customer_id, ${periodExpr}
),
ranked AS (
  SELECT customer_id, period, total, first_day, last_day, n,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY period) AS rn
  FROM periods
)
SELECT customer_id,
  CAST(COUNT(*) - 1 AS INTEGER) AS frequency,
  CAST(${days('MAX(last_day)', 'MIN(first_day)')} AS ${double}) / ${unitLiteral} AS recency,
  CAST(${days(end, 'MIN(first_day)')} AS ${double}) / ${unitLiteral} AS ${dialect === 'spark' ? '`T`' : '"T"'},
  CAST(${monetaryExpr} AS ${double}) AS monetary_value,
  CAST(SUM(total) AS ${double}) AS total_revenue,
  CAST(SUM(n) AS INTEGER) AS transaction_count,
  CAST(${days('MIN(first_day)', epoch)} AS INTEGER) AS first_purchase_day,
  CAST(${days('MAX(last_day)', epoch)} AS INTEGER) AS last_purchase_day
FROM ranked
GROUP BY customer_id
ORDER BY first_purchase_day, customer_id`;
}
