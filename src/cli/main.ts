/**
 * The `crm-analytics` command: `main(argv, io)` runs one invocation and returns its exit code. All output goes
 * through `io`, so that the command can be run in-process as well as from the binary.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCrmAnalyticsError } from '../core/errors.js';
import { type AnalysisInput, summarizeLog } from './analyses.js';
import { type CliArguments, helpText, parseCliArguments } from './args.js';
import { runDataCommand } from './commands.js';
import { readTransactionsCsv, type TransactionLog } from './csv.js';
import { CliInputError, CliUsageError, EXIT_CODES } from './errors.js';
import { printable, toCsv, toJson, toTextTable } from './output.js';
import { createProgress } from './progress.js';
import { loadSvgRenderer } from './render.js';
import { buildReport } from './report.js';

/** Where the command writes. @internal */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const SAMPLE_URL = new URL('../../examples/data/sample-transactions.csv', import.meta.url);

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const int = (n: number): string => n.toLocaleString('en-US');

function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new CliInputError(`cannot write ${path}: ${reason}`);
  }
}

function describeRead(
  log: TransactionLog,
  label: string,
  summary: { counts: { used: number; afterObservationEnd: number } },
): string {
  const d = log.delimiter === '\t' ? 'tab' : log.delimiter;
  const after = summary.counts.afterObservationEnd;
  const encoding = log.encoding === 'utf-8' ? '' : `encoding ${log.encoding}, `;
  // Column names and the path come from outside: control characters are shown escaped, not sent to the terminal.
  return printable(
    `Read ${int(log.rowsRead)} rows from ${label} (${encoding}delimiter "${d}", ${log.header ? 'header row' : 'no header row'}; ` +
      `customer = ${log.columns.customer}, date = ${log.columns.date}, amount = ${log.columns.amount}): ` +
      `${int(summary.counts.used)} used, ${int(log.rowsSkipped)} skipped as invalid${after > 0 ? `, ${int(after)} after the as-of date` : ''}.`,
  );
}

/**
 * Runs the command with `argv` (without the node and script paths).
 * @returns the exit code: 0 ok, 1 bad input, 2 usage, 3 internal error
 * @internal
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArguments;
  try {
    args = parseCliArguments(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`crm-analytics: ${error.message}\nRun "crm-analytics --help" for usage.\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`crm-analytics: ${error.message}\nRun "crm-analytics --help" for usage.\n`);
      return EXIT_CODES.usage;
    }
    if (error instanceof CliInputError || isCrmAnalyticsError(error)) {
      io.stderr(`crm-analytics: error: ${printable((error as Error).message)}\n`);
      return EXIT_CODES.input;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `crm-analytics: internal error: ${message}\n` +
        (process.env.CRM_ANALYTICS_DEBUG && error instanceof Error && error.stack
          ? `${error.stack}\n`
          : 'This is a bug; please report it (set CRM_ANALYTICS_DEBUG=1 for details).\n'),
    );
    return EXIT_CODES.internal;
  }
}

async function run(args: CliArguments, io: CliIo): Promise<number> {
  if (args.command === 'version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_CODES.ok;
  }
  if (args.command === 'help') {
    io.stdout(`${helpText(args.helpTopic)}\n`);
    return EXIT_CODES.ok;
  }
  const info = (text: string): void => {
    if (!args.quiet) io.stderr(`${text}\n`);
  };
  const path = args.sample ? fileURLToPath(SAMPLE_URL) : (args.file as string);
  const progress = await createProgress(!args.quiet);
  let log: TransactionLog;
  try {
    log = await readTransactionsCsv(path, {
      ...(args.customer === undefined ? {} : { customer: args.customer }),
      ...(args.date === undefined ? {} : { date: args.date }),
      ...(args.amount === undefined ? {} : { amount: args.amount }),
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
      ...(args.header === undefined ? {} : { header: args.header }),
      dateFormat: args.dateFormat,
      decimalComma: args.decimalComma,
      ...(args.encoding === undefined ? {} : { encoding: args.encoding }),
      maxRowBytes: args.maxRowBytes,
      skipInvalid: args.skipInvalid,
      onProgress: (bytes, total, rows) => progress.update(bytes, total, rows),
    });
  } finally {
    progress.stop();
  }
  const input: AnalysisInput = {
    log,
    timeUnit: args.timeUnit,
    ...(args.asOfDay === undefined ? {} : { asOfDay: args.asOfDay }),
  };
  const summary = summarizeLog(input);
  if (summary.customers.length === 0) {
    throw new CliInputError(
      `no transactions on or before the as-of date ${args.asOfText ?? ''} (the file's rows are all later)`.replace(
        '  ',
        ' ',
      ),
    );
  }
  const readLine = describeRead(log, args.sample ? 'the sample data' : path, summary);
  const skippedLines = log.skippedRows.slice(0, 5).map((s) => printable(`  line ${s.line}: ${s.reason}`));
  if (log.rowsSkipped > skippedLines.length && skippedLines.length > 0) {
    skippedLines.push(`  … and ${int(log.rowsSkipped - skippedLines.length)} more`);
  }
  const asOf = summary.observationEnd === null ? null : summary.observationEnd.toISOString().slice(0, 10);

  if (args.command === 'report') {
    const render = await loadSvgRenderer();
    const report = await buildReport(
      input,
      summary,
      {
        ...(args.title === undefined ? {} : { title: args.title }),
        ...(args.currency === undefined ? {} : { currency: args.currency }),
        horizonMonths: args.horizonMonths,
        discountRate: args.discountRate,
        sourceLabel: args.sample ? 'sample data shipped with crm-analytics' : basename(path),
        version: packageVersion(),
      },
      render,
    );
    const out = args.out ?? 'report.html';
    writeOutput(out, report.html);
    const lines = [
      readLine,
      ...skippedLines,
      `As of ${asOf}; times in ${summary.timeUnit}s.`,
      ...report.summary,
      ...report.omitted.map((o) => `Left out: ${o}`),
      `Wrote ${out} (${int(Math.round(report.html.length / 1024))} KB, ${report.charts} charts).`,
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT_CODES.ok;
  }

  info(readLine);
  for (const line of skippedLines) info(line);
  const result = runDataCommand(args.command, input, summary, args.horizonMonths, args.discountRate);
  for (const note of result.notes) info(`Note: ${note}`);
  const limit = args.limit ?? Number.POSITIVE_INFINITY;
  const rows = result.table.rows.length > limit ? result.table.rows.slice(0, limit) : result.table.rows;
  const list = result.list.length > limit ? result.list.slice(0, limit) : result.list;
  let text: string;
  if (args.format === 'json') {
    text = toJson({
      command: args.command,
      source: args.sample ? 'sample' : path,
      asOf,
      timeUnit: summary.timeUnit,
      columns: log.columns,
      counts: {
        rowsRead: log.rowsRead,
        rowsUsed: summary.counts.used,
        rowsSkipped: log.rowsSkipped,
        rowsAfterAsOf: summary.counts.afterObservationEnd,
        customers: summary.customers.length,
      },
      skippedRows: log.skippedRows,
      ...result.json,
      [result.listKey]: list,
    });
  } else if (args.format === 'csv') text = toCsv({ columns: result.table.columns, rows });
  else text = toTextTable({ columns: result.table.columns, rows });
  if (args.out !== undefined) {
    writeOutput(args.out, text);
    info(`Wrote ${args.out}.`);
  } else io.stdout(text);
  return EXIT_CODES.ok;
}
