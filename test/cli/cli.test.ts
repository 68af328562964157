// The `crm-analytics` command run as a subprocess (the built binary): exit codes, messages, outputs.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { paretoAnalysis } from '../../src/pareto/index.js';
import { ensureCliBuilt, relFixture, runCli, STACK_TRACE } from './helpers.js';

beforeAll(async () => {
  await ensureCliBuilt();
}, 300_000);

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

function expectUserError(run: { code: number | null; stderr: string }, code: number, message: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

describe('crm-analytics: usage (exit code 2)', () => {
  it('--help prints the usage, the commands and the exit codes, exit 0', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('crm-analytics report <transactions.csv>');
    expect(run.stdout).toContain('Exit codes: 0 ok, 1 bad input (file, columns, rows), 2 usage');
  });
  it('<command> --help and help <command> print that command’s options', () => {
    expect(runCli(['report', '--help']).stdout).toContain('--out FILE');
    expect(runCli(['help', 'rfm']).stdout).toContain('--format F');
  });
  it('no command → exit 2 with a hint', () => {
    expectUserError(runCli([]), 2, /missing command\nRun "crm-analytics --help" for usage/);
  });
  it('an unknown command → exit 2 naming the commands', () => {
    expectUserError(
      runCli(['segment', 'x.csv']),
      2,
      /unknown command "segment"; commands: report, rfm, pareto, clv, cohorts/,
    );
  });
  it('an unknown option → exit 2', () => {
    expectUserError(runCli(['rfm', relFixture('small.csv'), '--bogus']), 2, /Unknown option '--bogus'/);
  });
  it('a bad option value → exit 2 naming the allowed values', () => {
    expectUserError(
      runCli(['rfm', relFixture('small.csv'), '--format', 'xml']),
      2,
      /--format: expected one of json, csv, table, got "xml"/,
    );
    expectUserError(
      runCli(['rfm', relFixture('small.csv'), '--time-unit', 'fortnight']),
      2,
      /--time-unit: expected one of day, week, month, year/,
    );
    expectUserError(
      runCli(['rfm', relFixture('small.csv'), '--as-of', '31/12/2024']),
      2,
      /--as-of: expected a date YYYY-MM-DD, got "31\/12\/2024"/,
    );
  });
  it('a missing file argument → exit 2', () => {
    expectUserError(runCli(['rfm']), 2, /rfm: missing the transactions file \(or --sample\)/);
  });
  it('--format with report → exit 2 (the report is HTML)', () => {
    expectUserError(runCli(['report', relFixture('small.csv'), '--format', 'json']), 2, /--format does not apply/);
  });
});

describe('crm-analytics: bad input (exit code 1), never a stack trace', () => {
  it('a file that does not exist', () => {
    expectUserError(
      runCli(['rfm', 'no-such-file.csv']),
      1,
      /^crm-analytics: error: cannot read no-such-file.csv: no such file\n$/,
    );
  });
  it('an empty file', () => {
    expectUserError(
      runCli(['rfm', relFixture('empty.csv')]),
      1,
      /empty\.csv is empty: expected a CSV with customer, date and amount columns/,
    );
  });
  it('a header without rows', () => {
    expectUserError(
      runCli(['rfm', relFixture('header-only.csv')]),
      1,
      /header-only\.csv has no data rows \(only a header row\)/,
    );
  });
  it('a misnamed column → the columns found', () => {
    expectUserError(
      runCli(['rfm', relFixture('small.csv'), '--customer', 'cust']),
      1,
      /column "cust" \(--customer\) not found; columns found: "customer_id", "date", "amount"/,
    );
  });
  it('columns that cannot be recognized → which option to give and the columns found', () => {
    expectUserError(
      runCli(['rfm', relFixture('unknown-columns.csv')]),
      1,
      /no column for the customer id found: name it with --customer COL; columns found: "who", "when", "what"/,
    );
  });
  it('an invalid row stops the run with its line number and reason', () => {
    expectUserError(
      runCli(['rfm', relFixture('bad-rows.csv')]),
      1,
      /line 3: date: "2024-13-09" is not a date \(expected YYYY-MM-DD, YYYYMMDD or an ISO date-time\) \(fix the row, or pass --skip-invalid/,
    );
  });
  it('--skip-invalid goes on and reports every skipped row with its line and reason', () => {
    const run = runCli(['rfm', relFixture('bad-rows.csv'), '--skip-invalid', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Read 7 rows');
    expect(run.stderr).toContain('3 used, 4 skipped as invalid');
    expect(run.stderr).toContain('line 3: date: "2024-13-09" is not a date');
    expect(run.stderr).toContain('line 5: amount: "twelve" is not a number');
    expect(run.stderr).toContain('line 6: expected at least 3 fields, got 2');
    expect(run.stderr).toContain('line 7: customer_id: the customer id is empty');
    const out = json(run.stdout);
    expect(out.counts).toEqual({ rowsRead: 7, rowsUsed: 3, rowsSkipped: 4, rowsAfterAsOf: 0, customers: 2 });
    expect((out.skippedRows as unknown[]).length).toBe(4);
  });
  it('slash dates in ISO mode → a hint to pass --date-format', () => {
    expectUserError(
      runCli(['rfm', relFixture('us-dates.csv')]),
      1,
      /line 2: order date: "12\/31\/2023" is not a date in ISO form .*--date-format mdy/,
    );
  });
});

describe('crm-analytics: reading CSV files', () => {
  it('reads a BOM, a semicolon delimiter and decimal commas, with columns named by option', () => {
    const run = runCli([
      'pareto',
      relFixture('semicolon-bom.csv'),
      '--customer',
      'Kunde',
      '--date',
      'Datum',
      '--amount',
      'Betrag',
      '--decimal-comma',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const out = json(run.stdout);
    expect(out.columns).toEqual({ customer: 'Kunde', date: 'Datum', amount: 'Betrag' });
    expect(out.totalRevenue).toBeCloseTo(1234.5 + 35.5 + 80 + 15, 10);
    expect(run.stderr).toContain('delimiter ";"');
  });
  it('a file without header: 3 columns are customer, date, amount', () => {
    const run = runCli(['pareto', relFixture('no-header.csv'), '--format', 'json']);
    expect(run.code).toBe(0);
    const out = json(run.stdout);
    expect(out.counts).toMatchObject({ rowsRead: 4, rowsUsed: 4 });
    expect(out.totalRevenue).toBe(250.5);
    expect(run.stderr).toContain('no header row');
  });
  it('US dates with --date-format mdy, currency symbols and thousands separators', () => {
    const run = runCli(['pareto', relFixture('us-dates.csv'), '--date-format', 'mdy', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(json(run.stdout).totalRevenue).toBe(1315);
  });
  it('--as-of leaves later rows out and says how many', () => {
    const run = runCli(['rfm', relFixture('small.csv'), '--as-of', '2024-03-31', '--format', 'json']);
    expect(run.code).toBe(0);
    const out = json(run.stdout);
    expect(out.asOf).toBe('2024-03-31');
    expect(out.counts).toEqual({ rowsRead: 12, rowsUsed: 6, rowsSkipped: 0, rowsAfterAsOf: 6, customers: 4 });
    expect(run.stderr).toContain('6 after the as-of date');
  });
  it('--quiet prints nothing on stderr', () => {
    const run = runCli(['rfm', relFixture('small.csv'), '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('crm-analytics: outputs', () => {
  it('rfm --format json on a fixture (snapshot)', async () => {
    const run = runCli(['rfm', relFixture('small.csv'), '--format', 'json']);
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot('./__snapshots__/rfm-small.json');
  });
  it('rfm --format table: aligned columns with a header', () => {
    const run = runCli(['rfm', relFixture('small.csv')]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^customer\s+recency \(weeks\)\s+frequency\s+monetary\s+R\s+F\s+M\s+cell\s+score\s+segment$/,
    );
    expect(lines).toHaveLength(2 + 6);
  });
  it('csv output neutralizes text cells a spreadsheet would run as formulas (= + - @)', () => {
    const run = runCli(['rfm', relFixture('formula.csv'), '--format', 'csv']);
    expect(run.code).toBe(0);
    const ids = run.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.slice(0, line.lastIndexOf(',', line.length - 1)).split(',')[0]);
    expect(ids).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1555", "'-cmd", "'@SUM(A1)", 'plain']);
  });
  it('--out writes the output to a file; --limit keeps the first rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
    const out = join(dir, 'pareto.csv');
    const run = runCli(['pareto', relFixture('small.csv'), '--format', 'csv', '--limit', '2', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('rank,customerId,revenue,share,cumulativeCustomerShare,cumulativeRevenueShare,abcClass,tier');
    expect(lines).toHaveLength(3);
    expect(lines[1]?.startsWith('1,d,550,')).toBe(true);
  });
  it('pareto --format json: Gini and the a/b rule equal the library’s on the same revenues', () => {
    const run = runCli(['pareto', relFixture('small.csv'), '--format', 'json']);
    const out = json(run.stdout);
    // Revenue per customer of small.csv: a 355, b 77.5, c 33, d 550, e 9.99, f 55.
    const library = paretoAnalysis([355, 77.5, 33, 550, 9.99, 55]);
    expect(out.gini).toBeCloseTo(library.gini, 12);
    expect(out.abRule).toEqual(library.abRule);
    expect(out.totalRevenue).toBeCloseTo(1080.49, 9);
  });
  it('clv reproduces the published BG/NBD and Gamma-Gamma estimates on CDNOW (calibration to 1997-09-30, weeks)', () => {
    const run = runCli([
      'clv',
      relFixture('cdnow-transactions.csv'),
      '--as-of',
      '1997-09-30',
      '--format',
      'json',
      '--limit',
      '3',
    ]);
    expect(run.code).toBe(0);
    const out = json(run.stdout) as {
      transactionModel: { params: Record<string, number>; logLikelihood: number };
      spendModel: { params: Record<string, number> };
      counts: Record<string, number>;
      customers: unknown[];
    };
    // Fader, Hardie & Lee (2005), Marketing Science 24(2): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    expect(out.transactionModel.params.r).toBeCloseTo(0.243, 3);
    expect(out.transactionModel.params.alpha).toBeCloseTo(4.414, 2);
    expect(out.transactionModel.params.a).toBeCloseTo(0.793, 3);
    expect(out.transactionModel.params.b).toBeCloseTo(2.426, 2);
    expect(out.transactionModel.logLikelihood).toBeCloseTo(-9582.4, 0);
    // Hardie, "The Gamma-Gamma model of monetary value" (2013): p = 6.25, q = 3.74, γ = 15.44.
    expect(out.spendModel.params.p).toBeCloseTo(6.25, 2);
    expect(out.spendModel.params.q).toBeCloseTo(3.74, 2);
    expect(out.spendModel.params.gamma).toBeCloseTo(15.44, 1);
    expect(out.counts).toMatchObject({ rowsRead: 6919, rowsUsed: 4960, rowsAfterAsOf: 1959, customers: 2357 });
    expect(out.customers).toHaveLength(3);
  });
  it('cohorts --format csv: one row per monthly cohort, retention by month since', () => {
    const run = runCli(['cohorts', relFixture('small.csv'), '--format', 'csv']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('cohort,size,m0,m1,m2,m3,m4,m5');
    // January: a and b; a buys in Feb, Mar, Jun; b in Apr.
    expect(lines[1]).toBe('2024-01,2,1,0.5,0.5,0.5,0,0.5');
  });
  it('report --sample writes a self-contained HTML file and prints a summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
    const out = join(dir, 'report.html');
    const run = runCli(['report', '--sample', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Read 28,950 rows from the sample data .*28,950 used, 0 skipped as invalid/);
    expect(run.stdout).toMatch(/Customers 5,000, transactions 28,950/);
    expect(run.stdout).toContain(`Wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link |src="http|href="http/);
    expect(html.match(/<svg/g)?.length).toBe(10);
  }, 120_000);
});
