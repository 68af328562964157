/**
 * Command-line parsing (node:util `parseArgs`, strict), validation of option values, and the help texts.
 * @module
 */
import { parseArgs } from 'node:util';
import type { TimeUnit } from '../core/dates.js';
import { toEpochDay } from '../core/dates.js';
import { DEFAULT_MAX_ROW_BYTES } from './csv.js';
import { CliUsageError } from './errors.js';

/** The commands. @internal */
export type CliCommand = 'report' | 'rfm' | 'pareto' | 'clv' | 'cohorts';

/** Output formats of the data commands. @internal */
export type CliFormat = 'json' | 'csv' | 'table';

/** How dates in the file are written. @internal */
export type CliDateFormat = 'iso' | 'mdy' | 'dmy';

/** Parsed and validated invocation. @internal */
export interface CliArguments {
  command: CliCommand | 'help' | 'version';
  /** The command the help is about (for `help <command>` and `<command> --help`). */
  helpTopic?: CliCommand;
  /** The input file, or `undefined` with `--sample`. */
  file?: string;
  sample: boolean;
  customer?: string;
  date?: string;
  amount?: string;
  /** The as-of date (UTC day number), or `undefined` for the last transaction's day. */
  asOfDay?: number;
  asOfText?: string;
  timeUnit: TimeUnit;
  out?: string;
  format: CliFormat;
  quiet: boolean;
  skipInvalid: boolean;
  delimiter?: string;
  /** `true`/`false` to force, `undefined` to detect. */
  header?: boolean;
  dateFormat: CliDateFormat;
  decimalComma: boolean;
  /** WHATWG encoding name (`--encoding`), or `undefined` for UTF-8 / the byte-order mark. */
  encoding?: string;
  /** Longest row accepted, in bytes (`--max-row-bytes`). */
  maxRowBytes: number;
  limit?: number;
  horizonMonths: number;
  discountRate: number;
  currency?: string;
  title?: string;
}

const COMMANDS: readonly CliCommand[] = ['report', 'rfm', 'pareto', 'clv', 'cohorts'];

const OPTIONS = {
  customer: { type: 'string' },
  date: { type: 'string' },
  amount: { type: 'string' },
  'as-of': { type: 'string' },
  'time-unit': { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  sample: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'skip-invalid': { type: 'boolean' },
  delimiter: { type: 'string' },
  header: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  'date-format': { type: 'string' },
  'decimal-comma': { type: 'boolean' },
  encoding: { type: 'string' },
  'max-row-bytes': { type: 'string' },
  limit: { type: 'string' },
  horizon: { type: 'string' },
  'discount-rate': { type: 'string' },
  currency: { type: 'string' },
  title: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliUsageError(`--${option}: expected one of ${allowed.join(', ')}, got "${value}"`);
}

function positiveNumber(value: string | undefined, option: string, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new CliUsageError(`--${option}: expected ${integer ? 'a whole number ≥ 1' : 'a number ≥ 0'}, got "${value}"`);
  }
  return n;
}

/**
 * Parses `argv` (without the node and script paths).
 * @throws CliUsageError for unknown commands or options, missing arguments and bad option values
 * @internal
 */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliUsageError(message ?? 'invalid arguments');
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const base = {
    sample: false,
    timeUnit: 'week' as TimeUnit,
    format: 'table' as CliFormat,
    quiet: values.quiet === true,
    skipInvalid: false,
    dateFormat: 'iso' as CliDateFormat,
    decimalComma: false,
    maxRowBytes: DEFAULT_MAX_ROW_BYTES,
    horizonMonths: 12,
    discountRate: 0.01,
  };
  if (values.version === true) return { ...base, command: 'version' };
  if (first === undefined || first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !(COMMANDS as readonly string[]).includes(topic)) {
      throw new CliUsageError(`unknown command "${topic}"; commands: ${COMMANDS.join(', ')}`);
    }
    if (first === undefined && values.help !== true) throw new CliUsageError('missing command');
    return { ...base, command: 'help', ...(topic === undefined ? {} : { helpTopic: topic as CliCommand }) };
  }
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new CliUsageError(`unknown command "${first}"; commands: ${COMMANDS.join(', ')}`);
  }
  const command = first as CliCommand;
  if (values.help === true) return { ...base, command: 'help', helpTopic: command };
  if (rest.length > 1) throw new CliUsageError(`expected one input file, got ${rest.length}: ${rest.join(' ')}`);
  const file = rest[0];
  const sample = values.sample === true;
  if (file === undefined && !sample) throw new CliUsageError(`${command}: missing the transactions file (or --sample)`);
  if (file !== undefined && sample) throw new CliUsageError(`${command}: give either a file or --sample, not both`);
  if (values.header === true && values['no-header'] === true) {
    throw new CliUsageError('--header and --no-header contradict each other');
  }
  if (command === 'report' && values.format !== undefined) {
    throw new CliUsageError('report: --format does not apply (the report is HTML); use --out FILE');
  }
  let asOfDay: number | undefined;
  const asOfText = values['as-of'];
  if (asOfText !== undefined) {
    asOfDay = toEpochDay(asOfText);
    if (asOfDay === undefined) throw new CliUsageError(`--as-of: expected a date YYYY-MM-DD, got "${asOfText}"`);
  }
  const delimiter = values.delimiter === undefined ? undefined : unescapeDelimiter(values.delimiter);
  const limit = values.limit === undefined ? undefined : positiveNumber(values.limit, 'limit', 1, true);
  const args: CliArguments = {
    ...base,
    command,
    sample,
    timeUnit: oneOf(values['time-unit'], ['day', 'week', 'month', 'year'] as const, 'time-unit', 'week'),
    format: oneOf(values.format, ['json', 'csv', 'table'] as const, 'format', 'table'),
    skipInvalid: values['skip-invalid'] === true,
    dateFormat: oneOf(values['date-format'], ['iso', 'mdy', 'dmy'] as const, 'date-format', 'iso'),
    decimalComma: values['decimal-comma'] === true,
    maxRowBytes: byteSize(values['max-row-bytes'], 'max-row-bytes', DEFAULT_MAX_ROW_BYTES),
    horizonMonths: positiveNumber(values.horizon, 'horizon', 12, true),
    discountRate: positiveNumber(values['discount-rate'], 'discount-rate', 0.01, false),
  };
  if (file !== undefined) args.file = file;
  if (values.customer !== undefined) args.customer = values.customer;
  if (values.date !== undefined) args.date = values.date;
  if (values.amount !== undefined) args.amount = values.amount;
  if (asOfDay !== undefined && asOfText !== undefined) {
    args.asOfDay = asOfDay;
    args.asOfText = asOfText;
  }
  if (values.out !== undefined) args.out = values.out;
  if (delimiter !== undefined) args.delimiter = delimiter;
  if (values.header === true) args.header = true;
  if (values['no-header'] === true) args.header = false;
  if (limit !== undefined) args.limit = limit;
  if (values.encoding !== undefined) args.encoding = encodingName(values.encoding);
  if (values.currency !== undefined) args.currency = values.currency;
  if (values.title !== undefined) args.title = values.title;
  return args;
}

/** A size in bytes: a whole number, optionally with K, M or G (powers of 1024). */
function byteSize(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^\s*(\d+)\s*([kmg]?)i?b?\s*$/i.exec(value);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m?.[2] ?? '').toLowerCase()] ?? 1;
  const n = m === null ? Number.NaN : Number(m[1]) * scale;
  // csv-parse keeps a row in a Node buffer, which cannot exceed 2 GiB on every platform.
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 31 - 1) {
    throw new CliUsageError(`--${option}: expected a size in bytes from 1 to 2G (e.g. 1048576 or 16M), got "${value}"`);
  }
  return n;
}

/** The WHATWG name of an encoding label (`latin1` → `windows-1252`), as TextDecoder knows it. */
function encodingName(label: string): string {
  try {
    const name = new TextDecoder(label.trim()).encoding;
    if (name !== 'replacement') return name;
  } catch {
    // not a label TextDecoder knows
  }
  throw new CliUsageError(
    `--encoding: unknown encoding "${label}" (e.g. utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15)`,
  );
}

function unescapeDelimiter(text: string): string {
  const d = text === '\\t' || text.toLowerCase() === 'tab' ? '\t' : text;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new CliUsageError(`--delimiter: expected one character (or "tab"), got "${text}"`);
  }
  return d;
}

const COMMON_OPTIONS = `Input options:
  --customer COL      column of the customer id (name or 1-based number; default: found by name,
                      e.g. customer_id, customer, client_id, user_id)
  --date COL          column of the purchase date (default: date, order_date, invoice_date, …)
  --amount COL        column of the amount (default: amount, revenue, sales, total, price, …)
  --as-of DATE        analysis date YYYY-MM-DD; later rows are left out (default: the last purchase day)
  --time-unit UNIT    unit of recency and age for RFM and the CLV models: day, week (default), month, year
  --delimiter C       field delimiter (default: detected among , ; tab |)
  --header            the first row is a header (default: detected)
  --no-header         the first row is data; columns are numbered 1, 2, 3 (3 columns: customer, date, amount)
  --date-format F     iso (YYYY-MM-DD, YYYYMMDD, ISO date-times; default), mdy (12/31/2024), dmy (31/12/2024)
  --decimal-comma     amounts are written 1.234,56 (decimal comma)
  --skip-invalid      skip invalid rows (reported with line numbers) instead of stopping at the first
  --sample            use the sample transactions shipped with the package instead of a file
  -q, --quiet         no progress bar and no summary on stderr (errors are still printed)
  -h, --help          this help`;

/** The help text of a command, or the overview. @internal */
export function helpText(topic?: CliCommand): string {
  switch (topic) {
    case 'report':
      return `crm-analytics report <transactions.csv> [options]

Writes one self-contained HTML file (opens offline) with headline figures, RFM segments and the R×F heatmap,
the Lorenz curve, Gini, ABC classes and customer pyramid, BG/NBD + Gamma-Gamma CLV (top customers, P(alive)
matrix, CLV distribution, repeat-frequency fit), cohort retention and lifecycle stages. Prints a summary.

Report options:
  -o, --out FILE      where to write the report (default: report.html)
  --horizon MONTHS    CLV horizon in months (default 12)
  --discount-rate R   discount rate per month (default 0.01)
  --currency TEXT     currency label for money, e.g. USD
  --title TEXT        report title

${COMMON_OPTIONS}`;
    case 'rfm':
    case 'pareto':
    case 'clv':
    case 'cohorts':
      return `crm-analytics ${topic} <transactions.csv> [--format json|csv|table] [--out FILE] [options]

${DATA_COMMANDS[topic]}

Output options:
  -f, --format F      json, csv or table (default table); csv cells that start with = + - @ are prefixed with '
  -o, --out FILE      write to FILE instead of stdout
  --limit N           only the first N rows${topic === 'clv' ? '\n  --horizon MONTHS    CLV horizon in months (default 12)\n  --discount-rate R   discount rate per month (default 0.01)' : ''}

${COMMON_OPTIONS}`;
    default:
      return `crm-analytics — customer analytics from a transactions CSV (customer, date, amount)

Usage:
  crm-analytics report <transactions.csv> [--out report.html]   HTML report with charts
  crm-analytics rfm <transactions.csv> [--format json|csv|table]   RFM scores and segments per customer
  crm-analytics pareto <transactions.csv> [--format …]            80/20: revenue rank, ABC class, pyramid tier
  crm-analytics clv <transactions.csv> [--format …]               BG/NBD + Gamma-Gamma: P(alive), CLV per customer
  crm-analytics cohorts <transactions.csv> [--format …]           monthly cohort retention
  crm-analytics report --sample                                    the report on the bundled sample data
  crm-analytics help <command>                                     options of a command

Exit codes: 0 ok, 1 bad input (file, columns, rows), 2 usage (command or options), 3 internal error.

${COMMON_OPTIONS}`;
  }
}

const DATA_COMMANDS: Record<Exclude<CliCommand, 'report'>, string> = {
  rfm: 'One row per customer (order of first purchase): recency (time since the last purchase), frequency\n(transactions), monetary (revenue), the R, F, M scores 1–5 (quintiles), the cell, and the segment.',
  pareto:
    'One row per customer by revenue, highest first: rank, revenue, share, cumulative shares of customers and\nrevenue, ABC class (80% / 95%) and customer-pyramid tier (20/30/30/20). JSON adds Gini and the a/b rule.',
  clv: 'One row per customer by CLV, highest first: frequency, recency, T, P(alive), expected purchases and\nspend over the horizon, and discounted CLV from BG/NBD + Gamma-Gamma fitted on the file. JSON adds the fits.',
  cohorts:
    'One row per monthly cohort (customers by the month of their first purchase): size and the share active in\neach month since. JSON adds active counts, revenue, the average retention curve and lifecycle stage counts.',
};
