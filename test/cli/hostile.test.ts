// The `crm-analytics` command (the built binary, as a subprocess) under hostile CSV files: wrong encodings, NUL bytes,
// ragged rows, quotes that never close, runaway lines, formula-like cells, a header only, an empty file, line ends,
// and the decimal-comma trap. Each run must end with exit code 0 or 1 (never a crash or a stack trace), say what is
// wrong and where, and report the rows read, used and skipped. The inputs are written to a temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CsvReadOptions, readTransactionsCsv } from '../../src/cli/csv.js';
import { neutralizeFormula } from '../../src/cli/output.js';
import { summarizeCustomers } from '../../src/data/index.js';
import { rfmScores } from '../../src/rfm/index.js';
import { fc, test } from '../support/property.js';
import { type CliRun, ensureCliBuilt, runCli, STACK_TRACE } from './helpers.js';

let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-hostile-'));
  await ensureCliBuilt();
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file to the temporary directory and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Counts {
  rowsRead: number;
  rowsUsed: number;
  rowsSkipped: number;
  rowsAfterAsOf: number;
  customers: number;
}
interface JsonOut {
  counts: Counts;
  skippedRows: { line: number; reason: string }[];
  customers: { customerId: string; revenue?: number }[];
}

/** `pareto --format json` (customers with their revenue): the run and its parsed output. */
function pareto(path: string, ...extra: string[]): { run: CliRun; out: JsonOut } {
  const run = runCli(['pareto', path, '--format', 'json', ...extra]);
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.code, run.stderr).toBe(0);
  return { run, out: JSON.parse(run.stdout) as JsonOut };
}

function expectError(run: CliRun, message: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^crm-analytics: error: /);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

const revenueOf = (out: JsonOut): Record<string, number> =>
  Object.fromEntries(out.customers.map((c) => [c.customerId, c.revenue as number]));

const GOOD = 'customer_id,date,amount\na,2024-01-05,120.00\nb,2024-01-09,35.50\na,2024-02-11,80.00\n';
const GOOD_COUNTS: Counts = { rowsRead: 3, rowsUsed: 3, rowsSkipped: 0, rowsAfterAsOf: 0, customers: 2 };

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const lo = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = lo;
  }
  return le;
}

describe('encodings', () => {
  it('UTF-16 LE with a byte-order mark is decoded', () => {
    const path = file('utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]));
    const { run, out } = pareto(path);
    expect(out.counts).toEqual(GOOD_COUNTS);
    expect(revenueOf(out)).toEqual({ a: 200, b: 35.5 });
    expect(run.stderr).toContain('encoding utf-16le');
    expect(run.stderr).toContain('Read 3 rows');
    expect(run.stderr).toContain('3 used, 0 skipped as invalid');
  });
  it('UTF-16 BE with a byte-order mark is decoded', () => {
    const path = file('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(GOOD)]));
    const { run, out } = pareto(path);
    expect(out.counts).toEqual(GOOD_COUNTS);
    expect(revenueOf(out)).toEqual({ a: 200, b: 35.5 });
    expect(run.stderr).toContain('encoding utf-16be');
  });
  it('UTF-16 without a byte-order mark → exit 1 naming --encoding; read with it', () => {
    const path = file('utf16-nobom.csv', Buffer.from(GOOD, 'utf16le'));
    expectError(
      runCli(['pareto', path]),
      /looks like UTF-16 \(little-endian\) without a byte-order mark: pass --encoding utf-16le/,
    );
    expect(pareto(path, '--encoding', 'utf-16le').out.counts).toEqual(GOOD_COUNTS);
  });
  it('Windows-1252 bytes (invalid UTF-8) → exit 1 at the row with a hint; --skip-invalid skips it; --encoding reads it', () => {
    // Müller and Möller would both become "M\uFFFDller" if replaced silently: two customers merged into one.
    const path = file(
      'latin1.csv',
      Buffer.from(
        'customer_id,date,amount\nMüller,2024-01-05,120.00\nMöller,2024-01-09,35.50\nz,2024-01-10,5\n',
        'latin1',
      ),
    );
    expectError(
      runCli(['pareto', path]),
      /line 2: customer_id: "M\uFFFDller" has bytes that are not UTF-8 .*pass --encoding windows-1252.*rows read: 1, valid: 0, invalid: 1/,
    );
    const skipped = pareto(path, '--skip-invalid').out;
    expect(skipped.counts).toEqual({ rowsRead: 3, rowsUsed: 1, rowsSkipped: 2, rowsAfterAsOf: 0, customers: 1 });
    expect(skipped.skippedRows.map((r) => r.line)).toEqual([2, 3]);
    const { run, out } = pareto(path, '--encoding', 'latin1');
    expect(revenueOf(out)).toEqual({ Müller: 120, Möller: 35.5, z: 5 });
    expect(run.stderr).toContain('encoding windows-1252');
  });
  it('an unknown --encoding → exit 2', () => {
    const run = runCli(['pareto', file('good.csv', GOOD), '--encoding', 'klingon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--encoding: unknown encoding "klingon"/);
  });
  it('a NUL byte in a customer id → exit 1 naming it; skipped and counted with --skip-invalid', () => {
    const path = file('nul.csv', Buffer.from('customer_id,date,amount\na\0b,2024-01-05,120.00\nb,2024-01-09,35.50\n'));
    expectError(runCli(['pareto', path]), /line 2: customer_id: "a\\u0000b" contains a NUL byte/);
    const { out } = pareto(path, '--skip-invalid');
    expect(out.counts).toEqual({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1, rowsAfterAsOf: 0, customers: 1 });
  });
  it('an Excel workbook given as the CSV → exit 1 saying what it is', () => {
    const path = file('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0, 0, 0, 0]));
    expectError(runCli(['pareto', path]), /is a ZIP archive \(an Excel \.xlsx workbook\?\), not a CSV file/);
  });
});

describe('ragged rows', () => {
  const ragged = [
    'customer_id,date,amount',
    'a,2024-01-05,120.00',
    'b,2024-01-09', // too few fields
    'c,2024-01-10,1,50', // too many: an unquoted decimal comma would otherwise read as 1
    'd,2024-01-11,5,,', // trailing empty fields carry nothing: accepted
    'e,2024-01-12,7',
  ].join('\n');
  it('too few fields → exit 1 with the line; counts so far', () => {
    expectError(
      runCli(['pareto', file('ragged.csv', ragged)]),
      /line 3: expected at least 3 fields, got 2 \(fix the row, or pass --skip-invalid .*rows read: 2, valid: 1, invalid: 1 so far\)/,
    );
  });
  it('too many fields → exit 1 with the line', () => {
    expectError(
      runCli(['pareto', file('ragged-wide.csv', 'customer_id,date,amount\nc,2024-01-10,1,50\n')]),
      /line 2: expected 3 fields as in the header, got 4 \(an unquoted comma inside a field\?\)/,
    );
  });
  it('--skip-invalid skips both with their lines; trailing empty fields are not ragged', () => {
    const { run, out } = pareto(file('ragged.csv', ragged), '--skip-invalid');
    expect(out.counts).toEqual({ rowsRead: 5, rowsUsed: 3, rowsSkipped: 2, rowsAfterAsOf: 0, customers: 3 });
    expect(out.skippedRows).toEqual([
      { line: 3, reason: 'expected at least 3 fields, got 2' },
      { line: 4, reason: 'expected 3 fields as in the header, got 4 (an unquoted comma inside a field?)' },
    ]);
    expect(revenueOf(out)).toEqual({ a: 120, d: 5, e: 7 });
    expect(run.stderr).toContain('Read 5 rows');
    expect(run.stderr).toContain('3 used, 2 skipped as invalid');
    expect(run.stderr).toContain('  line 4: expected 3 fields');
  });
  it('fewer fields than a wider header → ragged, even when the columns used are there', () => {
    const csv = 'customer_id,date,amount,channel\na,2024-01-05,1,web\nb,2024-01-06,2\n';
    const { out } = pareto(file('ragged-header.csv', csv), '--skip-invalid');
    expect(out.skippedRows).toEqual([{ line: 3, reason: 'expected 4 fields as in the header, got 3' }]);
    expect(out.counts).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1 });
  });
});

describe('quotes that never close', () => {
  it('at the end of the file → exit 1 naming the line; --skip-invalid skips the rest of the file as one row', () => {
    const path = file('unclosed-end.csv', 'customer_id,date,amount\na,2024-01-05,120.00\nb,2024-01-09,"35.50\n');
    expectError(
      runCli(['pareto', path]),
      /line 3: a quote opened on line 3 never closes \(the file ends inside the quotes\).*rows read: 2, valid: 1, invalid: 1/,
    );
    const { out } = pareto(path, '--skip-invalid');
    expect(out.counts).toEqual({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1, rowsAfterAsOf: 0, customers: 1 });
    expect(out.skippedRows[0]?.line).toBe(3);
  });
  it('in the middle → the lines it swallows are named, never dropped silently', () => {
    const csv = 'customer_id,date,amount\nz,2024-01-04,1\na,2024-01-05,"120.00\nb,2024-01-09,35.50\nc,2024-01-10,2\n';
    const path = file('unclosed-middle.csv', csv);
    expectError(
      runCli(['pareto', path]),
      /line 3: a quote opened on line 3 never closes: lines 3–5 \(the rest of the file\) are one unreadable row/,
    );
    const { out } = pareto(path, '--skip-invalid');
    expect(out.counts).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1 });
    expect(out.skippedRows[0]?.reason).toMatch(/lines 3–5/);
  });
  it('closed by a later quote → the one row it makes is invalid and says which lines it spans', () => {
    const csv = 'customer_id,date,amount\na,2024-01-05,"120.00\nb,2024-01-09,35.50\nc,"2024-01-10",2\nd,2024-01-11,3\n';
    const { out } = pareto(file('unclosed-closed-later.csv', csv), '--skip-invalid');
    expect(out.counts).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1 });
    expect(out.skippedRows[0]?.line).toBe(2);
    expect(out.skippedRows[0]?.reason).toMatch(
      /the row spans lines 2–4: a quote that does not close where it should\?/,
    );
  });
});

describe('runaway lines (bounded memory)', () => {
  // The 1 GB case is checked by hand (docs/cli.md): the read stops at --max-row-bytes, so memory does not depend on
  // the line. Here a 3 MB line against the default 1 MiB limit, and a 5 KB one against a lowered limit.
  it('a line longer than the default 1 MiB → exit 1 with the line, the limit and the counts', () => {
    const path = file('long-line.csv', `${GOOD}c,2024-01-10,${'9'.repeat(3 * 1024 * 1024)}`);
    expectError(
      runCli(['pareto', path, '--skip-invalid']),
      /line 5: a row longer than 1 MiB .*--max-row-bytes .*rows read: 4, valid: 3, invalid: 1/,
    );
  });
  it('--max-row-bytes lowers the limit; rows under it are read', () => {
    const path = file('long-field.csv', `${GOOD}c,2024-01-10,"${'x'.repeat(5000)}"\n`);
    expectError(runCli(['pareto', path, '--max-row-bytes', '1K']), /line 5: a row longer than 1 KiB/);
    const { out } = pareto(path, '--max-row-bytes', '8K', '--skip-invalid');
    expect(out.counts).toMatchObject({ rowsRead: 4, rowsUsed: 3, rowsSkipped: 1 });
  });
  it('a first line without a line break in 64 KB → exit 1, not a CSV', () => {
    expectError(
      runCli(['pareto', file('one-line.csv', 'x'.repeat(100_000))]),
      /line 1 has no line break in its first 64 KB: not a CSV file of transactions\? \(0 rows read\)/,
    );
  });
  it('a bad --max-row-bytes → exit 2', () => {
    const run = runCli(['pareto', file('good.csv', GOOD), '--max-row-bytes', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--max-row-bytes: expected a size in bytes/);
  });
});

describe('formula-like cells', () => {
  const csv = [
    'customer_id,date,amount',
    '=1+1,2024-01-05,1',
    '+1555,2024-01-06,2',
    '-cmd,2024-01-07,3',
    '@SUM(A1),2024-01-08,4',
    '" =HYPERLINK(""x"")",2024-01-09,5',
    '＝1+1,2024-01-10,6',
    '\u001b[31mred,2024-01-11,7',
  ].join('\n');
  it('are neutralized in CSV output (a leading apostrophe), kept as they are in JSON, escaped in the table', () => {
    const path = file('formula.csv', csv);
    const out = runCli(['rfm', path, '--format', 'csv', '--quiet']);
    expect(out.code).toBe(0);
    const ids = out.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => (line.startsWith('"') ? line.slice(0, line.indexOf('",') + 1) : line.split(',')[0]));
    expect(ids).toEqual(["'=1+1", "'+1555", "'-cmd", "'@SUM(A1)", `"'=HYPERLINK(""x"")"`, "'＝1+1", '\u001b[31mred']);
    const { out: json } = pareto(path);
    expect(json.counts).toMatchObject({ rowsRead: 7, rowsUsed: 7, rowsSkipped: 0 });
    expect(json.customers.map((c) => c.customerId)).toContain('=1+1');
    const table = runCli(['rfm', path, '--quiet']);
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout).toContain('\\u001b[31mred');
  });
  it('neutralizeFormula also catches spaces before the sign and the full-width signs', () => {
    // Customer ids are trimmed on reading, so a leading space never reaches the output through the CLI.
    expect([' =1', '\u00a0+1', '＋1', '－1', '＠x', 'a=1'].map(neutralizeFormula)).toEqual([
      "' =1",
      "'\u00a0+1",
      "'＋1",
      "'－1",
      "'＠x",
      'a=1',
    ]);
  });
});

describe('nothing to read', () => {
  it('a header only → exit 1, 0 rows read', () => {
    expectError(
      runCli(['pareto', file('header-only.csv', 'customer_id,date,amount\n')]),
      /has no data rows \(only a header row\) \(0 rows read\)/,
    );
  });
  it('an empty file → exit 1, 0 rows read', () => {
    expectError(runCli(['pareto', file('empty.csv', '')]), /is empty: .*\(0 rows read\)/);
  });
  it('blank lines only → exit 1, 0 rows read', () => {
    expectError(runCli(['pareto', file('blank.csv', '\n\n  \r\n')]), /no data rows \(only blank lines; 0 rows read\)/);
  });
});

describe('line ends', () => {
  it('LF, CRLF, CR and a mix of LF and CRLF read the same rows', () => {
    const lines = GOOD.trimEnd().split('\n');
    const variants = {
      lf: `${lines.join('\n')}\n`,
      crlf: `${lines.join('\r\n')}\r\n`,
      cr: `${lines.join('\r')}\r`,
      // The first line end decides what csv-parse would look for: a later bare LF must still end a row.
      mixed: `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}`,
    };
    for (const [name, text] of Object.entries(variants)) {
      const { out } = pareto(file(`${name}.csv`, text));
      expect(out.counts, name).toEqual(GOOD_COUNTS);
      expect(revenueOf(out), name).toEqual({ a: 200, b: 35.5 });
    }
  });
});

describe('the decimal-comma trap', () => {
  const semicolon = 'customer_id;date;amount\na;2024-01-05;1,50\nb;2024-01-09;2,25\n';
  it('a ";" file with decimal commas → exit 1 suggesting --decimal-comma; read with it', () => {
    const path = file('semicolon.csv', semicolon);
    expectError(
      runCli(['pareto', path]),
      /line 2: amount: "1,50" is not a number \(a decimal comma\? pass --decimal-comma\)/,
    );
    const { run, out } = pareto(path, '--decimal-comma');
    expect(run.stderr).toContain('delimiter ";"');
    expect(revenueOf(out)).toEqual({ a: 1.5, b: 2.25 });
  });
  it('1,500 in a ";" file is ambiguous (1.5 or 1500) and never read as 1500 silently', () => {
    const path = file('semicolon-thousands.csv', 'customer_id;date;amount\na;2024-01-05;1,500\nb;2024-01-09;2\n');
    const { out } = pareto(path, '--skip-invalid');
    expect(out.counts).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1 });
    expect(out.skippedRows[0]?.reason).toMatch(/ambiguous in a ";"-delimited file/);
    expect(revenueOf(pareto(path, '--decimal-comma').out)).toEqual({ a: 1.5, b: 2 });
    // 1,500.00 has a decimal point: unambiguous thousands.
    const dotted = file('semicolon-dotted.csv', 'customer_id;date;amount\na;2024-01-05;"1,500.00"\n');
    expect(revenueOf(pareto(dotted).out)).toEqual({ a: 1500 });
  });
});

describe('property: valid rows interleaved with broken rows, --skip-invalid', () => {
  const DAY = 86_400_000;
  const START = Date.UTC(2023, 0, 1);
  const valid = fc.record({
    kind: fc.constant('valid' as const),
    customer: fc.constantFrom('a', 'b', 'c', 'Müller', '=x', 'quote "q"', 'comma, inc', 'line\nbreak'),
    day: fc.integer({ min: 0, max: 400 }),
    cents: fc.integer({ min: 1, max: 100_000 }),
  });
  const broken = fc.record({
    kind: fc.constantFrom(
      'few' as const,
      'many' as const,
      'date' as const,
      'amount' as const,
      'empty-id' as const,
      'nul' as const,
      'latin1' as const,
    ),
    day: fc.integer({ min: 0, max: 400 }),
  });
  const field = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

  test.prop(
    [
      fc
        .array(fc.oneof(valid, broken), { minLength: 1, maxLength: 40 })
        .filter((rows) => rows.some((r) => r.kind === 'valid')),
    ],
    {
      numRuns: 10,
    },
  )(
    'read = used + skipped, every valid row is used (as summarizeCustomers on them), broken lines are named',
    (rows) => {
      const parts: Buffer[] = [Buffer.from('customer_id,date,amount\n')];
      const records: { customerId: string; date: string; amount: number }[] = [];
      const brokenLines: number[] = [];
      let line = 1;
      for (const r of rows) {
        line++;
        const date = new Date(START + r.day * DAY).toISOString().slice(0, 10);
        if (r.kind === 'valid') {
          const amount = r.cents / 100;
          records.push({ customerId: r.customer, date, amount });
          parts.push(Buffer.from(`${field(r.customer)},${date},${amount.toFixed(2)}\n`));
          line += r.customer.split('\n').length - 1; // a quoted line break: the row takes two lines
          continue;
        }
        brokenLines.push(line);
        const text = {
          few: `x,${date}\n`,
          many: `x,${date},1,50\n`,
          date: `x,${date.replace(/-/g, '/')},1\n`,
          amount: 'x,2024-01-01,twelve\n',
          'empty-id': `,${date},1\n`,
          nul: `x\0y,${date},1\n`,
          latin1: `Möller,${date},1\n`,
        }[r.kind];
        parts.push(Buffer.from(text, r.kind === 'latin1' ? 'latin1' : 'utf8'));
      }
      const path = file('property.csv', Buffer.concat(parts));
      const run = runCli(['rfm', path, '--skip-invalid', '--format', 'json', '--time-unit', 'day']);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        counts: Counts;
        skippedRows: { line: number }[];
        customers: unknown[];
      };
      expect(out.counts.rowsRead).toBe(out.counts.rowsUsed + out.counts.rowsSkipped);
      expect(out.counts.rowsUsed).toBe(records.length);
      expect(out.counts.rowsSkipped).toBe(brokenLines.length);
      expect(out.skippedRows.map((s) => s.line)).toEqual(brokenLines);
      const library = rfmScores(summarizeCustomers(records, { timeUnit: 'day' }).customers).customers;
      expect(out.customers.map((c) => ({ ...(c as object), segment: undefined }))).toEqual(
        library.map((s) => ({ ...s, segment: undefined })),
      );
    },
  );
});

describe('in process (readTransactionsCsv, for coverage of the same paths)', () => {
  const read = (path: string, options: Partial<CsvReadOptions> = {}): ReturnType<typeof readTransactionsCsv> =>
    readTransactionsCsv(path, { dateFormat: 'iso', decimalComma: false, skipInvalid: true, ...options });
  it('decodes, skips and stops as the binary does', async () => {
    const le = await read(
      file('ip-utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')])),
    );
    expect([le.encoding, le.rowsRead, le.length]).toEqual(['utf-16le', 3, 3]);
    const latin = file(
      'ip-latin1.csv',
      Buffer.from('customer_id,date,amount\nMüller,2024-01-05,1\nz,2024-01-06,2\n', 'latin1'),
    );
    expect((await read(latin)).rowsSkipped).toBe(1);
    expect((await read(latin, { encoding: 'windows-1252' })).ids).toEqual(['Müller', 'z']);
    const ragged = await read(
      file('ip-ragged.csv', 'customer_id,date,amount\na,2024-01-05,1,50\nb,2024-01-06\nc,2024-01-07,3\n'),
    );
    expect(ragged.skippedRows.map((r) => r.line)).toEqual([2, 3]);
    const quote = await read(
      file('ip-quote.csv', 'customer_id,date,amount\na,2024-01-05,1\nb,2024-01-06,"2\nc,2024-01-07,3\n'),
    );
    expect([quote.rowsRead, quote.rowsSkipped, quote.skippedRows[0]?.line]).toEqual([2, 1, 3]);
    await expect(
      read(file('ip-long.csv', `${GOOD}c,2024-01-10,${'9'.repeat(5000)}`), { maxRowBytes: 1024 }),
    ).rejects.toThrow(/line 5: a row longer than 1 KiB/);
    await expect(read(file('ip-nobom.csv', utf16be(GOOD)))).rejects.toThrow(/big-endian\) without a byte-order mark/);
    await expect(read(file('ip-gz.csv', Buffer.from([0x1f, 0x8b, 8, 0])))).rejects.toThrow(/gzip-compressed/);
  });
});
