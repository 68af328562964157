/**
 * Streaming reader of a transactions CSV (csv-parse, loaded lazily): detects the BOM and encoding, the delimiter and
 * the header, finds the customer / date / amount columns, validates each row with its line number, and keeps the
 * valid rows as columns (20 bytes a row), so that a million-row file fits in a few tens of megabytes.
 *
 * Hostile input (docs/cli.md, "Hostile input"): a row longer than `maxRowBytes` stops the read (memory stays bounded
 * by that size, whatever the file); UTF-16 with a byte-order mark is decoded; bytes that are not valid in the
 * encoding make the row invalid (never a silently merged customer id); rows whose field count differs from the
 * header's are invalid; a quote that never closes is reported with the lines it spans.
 * @module
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { civilFromDays, daysFromCivil, MS_PER_DAY, toEpochDay } from '../core/dates.js';
import type { CliDateFormat } from './args.js';
import { CliInputError } from './errors.js';

/** Where the customer, date and amount are, and how the file is written. @internal */
export interface CsvReadOptions {
  customer?: string;
  date?: string;
  amount?: string;
  delimiter?: string;
  header?: boolean;
  dateFormat: CliDateFormat;
  decimalComma: boolean;
  skipInvalid: boolean;
  /**
   * The file's encoding as a WHATWG label (`utf-8`, `utf-16le`, `windows-1252`, …); default UTF-8. A UTF-8 or UTF-16
   * byte-order mark overrides it.
   */
  encoding?: string;
  /** Longest row accepted, in bytes (default {@link DEFAULT_MAX_ROW_BYTES}). */
  maxRowBytes?: number;
  /** Called now and then with the bytes read so far and the file size, and the data rows read. */
  onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
}

/** An invalid row, with its line number (1-based, counting the header) and the reason. @internal */
export interface SkippedCsvRow {
  line: number;
  reason: string;
}

/** A transaction log read from a CSV file, as columns. @internal */
export interface TransactionLog {
  /** The path read. */
  source: string;
  /** The encoding read (WHATWG name: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, …). */
  encoding: string;
  delimiter: string;
  header: boolean;
  /** The column names used (or `column 2` without a header). */
  columns: { customer: string; date: string; amount: string };
  /** Every column name found. */
  columnNames: string[];
  /** Number of valid rows. */
  length: number;
  /** Customer ids by index, in order of first appearance. */
  ids: string[];
  /** Customer index per row. */
  customer: Int32Array;
  /** UTC day number per row. */
  day: Int32Array;
  /** Amount per row. */
  amount: Float64Array;
  /** Data rows read (valid + skipped; the header and blank lines not counted). */
  rowsRead: number;
  /** Number of rows skipped as invalid (`--skip-invalid`). */
  rowsSkipped: number;
  /** The first 1,000 skipped rows with reasons. */
  skippedRows: SkippedCsvRow[];
}

const MAX_SKIPPED_KEPT = 1000;
const SNIFF_BYTES = 64 * 1024;

/** Default longest row, in bytes: 1 MiB, far beyond any transaction row, and what bounds memory on a runaway line. @internal */
export const DEFAULT_MAX_ROW_BYTES: number = 1024 * 1024;

const CUSTOMER_NAMES = [
  'customerid',
  'customer',
  'custid',
  'clientid',
  'client',
  'userid',
  'user',
  'memberid',
  'accountid',
  'buyerid',
  'customernumber',
  'customerno',
  'id',
];
const DATE_NAMES = [
  'date',
  'orderdate',
  'invoicedate',
  'purchasedate',
  'transactiondate',
  'saledate',
  'day',
  'timestamp',
  'datetime',
  'createdat',
  'orderedat',
  'time',
];
const AMOUNT_NAMES = [
  'amount',
  'revenue',
  'sales',
  'total',
  'ordertotal',
  'totalamount',
  'netamount',
  'value',
  'spend',
  'price',
  'monetary',
  'payment',
  'sale',
];

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Reads up to 64 KB from the start of a file. */
function sniff(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The first few complete lines of the sample (quotes respected only roughly: enough to count delimiters). */
function sampleLines(text: string, cut: boolean): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (cut) lines.pop(); // the last line may be cut
  return lines.filter((l) => l.trim() !== '').slice(0, 20);
}

/** What the first bytes say about the encoding: a byte-order mark, or a reason to stop. */
function detectEncoding(path: string, head: Buffer, given: string | undefined): { encoding: string; bom: number } {
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xef && b1 === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b0 === 0xff && b1 === 0xfe) {
    if (head[2] === 0 && head[3] === 0) {
      throw new CliInputError(
        `${path} is UTF-32 (byte-order mark FF FE 00 00), which is not supported: save it as UTF-8`,
      );
    }
    return { encoding: 'utf-16le', bom: 2 };
  }
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (b0 === 0x50 && b1 === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new CliInputError(
      `${path} is a ZIP archive (an Excel .xlsx workbook?), not a CSV file: export it as CSV (UTF-8) first`,
    );
  }
  if (b0 === 0xd0 && b1 === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new CliInputError(
      `${path} is an Excel 97-2003 workbook (.xls), not a CSV file: export it as CSV (UTF-8) first`,
    );
  }
  if (b0 === 0x1f && b1 === 0x8b) throw new CliInputError(`${path} is gzip-compressed: decompress it first (gunzip)`);
  if (given !== undefined) return { encoding: given, bom: 0 };
  // UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte.
  const n = Math.min(head.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (half >= 4 && Math.max(evenNul, oddNul) > 0.4 * half && Math.min(evenNul, oddNul) < 0.05 * half) {
    const endian = oddNul > evenNul ? 'le' : 'be';
    throw new CliInputError(
      `${path} looks like UTF-16 (${endian === 'le' ? 'little' : 'big'}-endian) without a byte-order mark: pass --encoding utf-16${endian}`,
    );
  }
  return { encoding: 'utf-8', bom: 0 };
}

/** The file as a stream of UTF-8 bytes: as it is for UTF-8, decoded for any other encoding. */
function openUtf8(path: string, encoding: string): { input: Readable; output: Readable } {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  if (encoding === 'utf-8') return { input, output: input };
  // Not fatal: an invalid sequence becomes U+FFFD, which makes its row invalid (see `unreadable`).
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, callback): void {
      callback(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(callback): void {
      callback(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
  input.on('error', (error) => decode.destroy(error));
  return { input, output: input.pipe(decode) };
}

const REPLACEMENT = '\uFFFD';

/** Why a customer id cannot be used as it is (NUL byte, undecodable bytes), or `undefined`. */
function unreadable(text: string, encoding: string): string | undefined {
  if (text.includes('\0')) return 'contains a NUL byte (binary data?)';
  if (text.includes(REPLACEMENT)) return encodingHint(encoding);
  return undefined;
}

function encodingHint(encoding: string): string {
  return encoding === 'utf-8'
    ? 'has bytes that are not UTF-8 (the file is probably Windows-1252 or Latin-1: pass --encoding windows-1252)'
    : `has bytes that are not valid ${encoding}`;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) n++;
  }
  return n;
}

/**
 * The delimiter among `,`, `;`, tab and `|` that appears the same nonzero number of times on the most sampled lines
 * (ties: the one with more fields); `,` when none does.
 * @internal
 */
export function detectDelimiter(lines: readonly string[]): string {
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Parses a date cell to a UTC day number, or `undefined`. @internal */
export function parseDateCell(text: string, format: CliDateFormat): number | undefined {
  const s = text.trim();
  if (format === 'iso') return toEpochDay(s);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(s);
  if (m === null) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = Number(m[3]);
  const month = format === 'mdy' ? a : b;
  const day = format === 'mdy' ? b : a;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const n = daysFromCivil(year, month, day);
  const back = civilFromDays(n);
  return back.month === month && back.day === day ? n : undefined;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const CURRENCY = /^[$€£¥₹]\s*|\s*[$€£¥₹]$/g;

/**
 * Parses an amount cell (optional currency symbol, thousands separators, decimal comma), or `undefined`.
 * With `commaAmbiguous` (a `;`-delimited file read without `--decimal-comma`), comma groups without a decimal point
 * (`1,500`) are refused: such files usually write decimal commas, and 1,500 could then mean 1.5.
 * @internal
 */
export function parseAmountCell(text: string, decimalComma: boolean, commaAmbiguous = false): number | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  if (!NUMBER.test(s)) {
    s = s.replace(CURRENCY, '');
    if (decimalComma) s = s.replace(/[.\s']/g, '').replace(',', '.');
    else if (THOUSANDS.test(s) && !(commaAmbiguous && !s.includes('.'))) s = s.replace(/,/g, '');
    if (!NUMBER.test(s)) return undefined;
  }
  const n = Number(s);
  return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined;
}

function looksLikeData(cells: readonly string[], format: CliDateFormat, decimalComma: boolean): boolean {
  const hasDate = cells.some((c) => parseDateCell(c, format) !== undefined || parseDateCell(c, 'iso') !== undefined);
  const allNumeric = cells.every((c) => parseAmountCell(c, decimalComma) !== undefined);
  return hasDate || allNumeric;
}

function quote(name: string): string {
  return JSON.stringify(name);
}

/** Finds a column by name (case- and punctuation-insensitive) or 1-based number. */
function resolveColumn(
  given: string | undefined,
  candidates: readonly string[],
  names: readonly string[],
  option: string,
  what: string,
  header: boolean,
  fallbackIndex: number | undefined,
): number {
  const found = `columns found: ${names.map(quote).join(', ')}`;
  if (given !== undefined) {
    if (/^\d+$/.test(given.trim())) {
      const k = Number(given) - 1;
      if (k < 0 || k >= names.length) {
        throw new CliInputError(`--${option} ${given}: the file has ${names.length} columns (${found})`);
      }
      return k;
    }
    const exact = names.indexOf(given);
    if (exact >= 0) return exact;
    const loose = names.findIndex((n) => normalizeName(n) === normalizeName(given));
    if (loose >= 0) return loose;
    if (!header) {
      throw new CliInputError(
        `--${option} ${quote(given)}: the file has no header row, so give the column number (1-${names.length})`,
      );
    }
    throw new CliInputError(`column ${quote(given)} (--${option}) not found; ${found}`);
  }
  if (header) {
    const normalized = names.map(normalizeName);
    for (const c of candidates) {
      const k = normalized.indexOf(c);
      if (k >= 0) return k;
    }
    for (const c of candidates) {
      if (c.length < 4) continue;
      const k = normalized.findIndex((n) => n.includes(c));
      if (k >= 0) return k;
    }
  } else if (fallbackIndex !== undefined) return fallbackIndex;
  throw new CliInputError(`no column for the ${what} found: name it with --${option} COL; ${found}`);
}

/** Growable columns of valid rows. */
class ColumnStore {
  length = 0;
  ids: string[] = [];
  private readonly index = new Map<string, number>();
  customer = new Int32Array(1 << 14);
  day = new Int32Array(1 << 14);
  amount = new Float64Array(1 << 14);

  push(id: string, day: number, amount: number): void {
    if (this.length === this.customer.length) {
      const n = this.customer.length * 2;
      const c = new Int32Array(n);
      c.set(this.customer);
      const d = new Int32Array(n);
      d.set(this.day);
      const a = new Float64Array(n);
      a.set(this.amount);
      this.customer = c;
      this.day = d;
      this.amount = a;
    }
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push(id);
      this.index.set(id, k);
    }
    const i = this.length++;
    this.customer[i] = k;
    this.day[i] = day;
    this.amount[i] = amount;
  }
}

function describeCell(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Reads a transactions CSV as a stream.
 * @throws CliInputError for an unreadable or empty file, a missing column, or (without `skipInvalid`) an invalid row
 * @internal
 */
export async function readTransactionsCsv(path: string, options: CsvReadOptions): Promise<TransactionLog> {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CliInputError(`${path}: is a directory, expected a CSV file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    throw new CliInputError(`cannot read ${path}: ${fsReason(error)}`);
  }
  if (size === 0) {
    throw new CliInputError(`${path} is empty: expected a CSV with customer, date and amount columns (0 rows read)`);
  }
  const head = sniff(path);
  const { encoding, bom } = detectEncoding(path, head, options.encoding);
  const text = new TextDecoder(encoding).decode(head.subarray(bom));
  const cut = head.length === SNIFF_BYTES && size > SNIFF_BYTES;
  if (cut && !/[\r\n]/.test(text)) {
    throw new CliInputError(
      `${path}: line 1 has no line break in its first ${SNIFF_BYTES / 1024} KB: not a CSV file of transactions? (0 rows read)`,
    );
  }
  const lines = sampleLines(text, cut);
  if (lines.length === 0) throw new CliInputError(`${path} has no data rows (only blank lines; 0 rows read)`);
  const delimiter = options.delimiter ?? detectDelimiter(lines);
  // Line ends as found in the sample; \r\n and \n are both taken in any case, so a file that mixes them is read whole.
  const recordDelimiter = /\n/.test(text) || !/\r/.test(text) ? ['\r\n', '\n'] : ['\r'];
  const maxRowBytes = options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;

  const { parse } = await loadCsvParse();
  const { parse: parseSync } = await loadCsvParseSync();
  let firstCells: string[];
  try {
    const rows = parseSync(`${lines[0]}\n`, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
    firstCells = (rows[0] ?? []).map((c) => c.trim());
  } catch {
    firstCells = (lines[0] ?? '').split(delimiter).map((c) => c.trim());
  }
  const namedColumn = [options.customer, options.date, options.amount].some(
    (c) => c !== undefined && !/^\d+$/.test(c.trim()),
  );
  const header =
    options.header ?? (namedColumn || !looksLikeData(firstCells, options.dateFormat, options.decimalComma));
  const names = header
    ? firstCells.map((c, i) => (c === '' ? `column ${i + 1}` : c))
    : firstCells.map((_, i) => `column ${i + 1}`);
  const three = names.length === 3;
  const ci = resolveColumn(
    options.customer,
    CUSTOMER_NAMES,
    names,
    'customer',
    'customer id',
    header,
    three ? 0 : undefined,
  );
  const di = resolveColumn(options.date, DATE_NAMES, names, 'date', 'purchase date', header, three ? 1 : undefined);
  const ai = resolveColumn(options.amount, AMOUNT_NAMES, names, 'amount', 'amount', header, three ? 2 : undefined);
  if (ci === di || ci === ai || di === ai) {
    throw new CliInputError(
      `the customer, date and amount must be three different columns, got ${quote(names[ci] ?? '')}, ${quote(names[di] ?? '')}, ${quote(names[ai] ?? '')}`,
    );
  }
  const needed = Math.max(ci, di, ai) + 1;
  // Width of a row: the header's (or first row's) fields, trailing empty ones aside. A row with fewer fields, or with
  // text beyond, is ragged: its values may sit in the wrong columns (an unquoted delimiter in a field: `1,50`).
  let width = firstCells.length;
  while (width > needed && firstCells[width - 1] === '') width--;
  const store = new ColumnStore();
  // Invalid rows by record number (0-based, the header included); their line numbers are found afterwards, only when
  // there are any, because asking csv-parse for line info on every record makes reading several times slower.
  const invalid: { record: number; reason: string; line?: number; lastLine?: number }[] = [];
  let rowsRead = 0;
  let rowsSkipped = 0;
  let record = -1;
  let stopped = false;
  const { dateFormat, decimalComma, skipInvalid } = options;
  const bad = (reason: string): void => {
    rowsSkipped++;
    if (invalid.length < MAX_SKIPPED_KEPT) invalid.push({ record, reason });
    if (!skipInvalid) stopped = true;
  };
  const onRecord = (cells: string[]): void => {
    record++;
    if (record === 0 && header) return;
    rowsRead++;
    if (cells.length < needed) {
      if (cells.length === 1 && (cells[0] ?? '').trim() === '') {
        rowsRead--;
        return;
      }
      bad(`expected at least ${needed} fields, got ${cells.length}`);
      return;
    }
    if (cells.length !== width && raggedRow(cells, width)) {
      bad(
        cells.length < width
          ? `expected ${width} fields as in the ${header ? 'header' : 'first row'}, got ${cells.length}`
          : `expected ${width} fields as in the ${header ? 'header' : 'first row'}, got ${cells.length} (an unquoted ${delimiterName(delimiter)} inside a field?)`,
      );
      return;
    }
    const id = (cells[ci] as string).trim();
    if (id === '') {
      bad(`${names[ci]}: the customer id is empty`);
      return;
    }
    const idProblem = unreadable(id, encoding);
    if (idProblem !== undefined) {
      bad(`${names[ci]}: ${describeCell(id)} ${idProblem}`);
      return;
    }
    const dateText = cells[di] as string;
    const day = parseDateCell(dateText, dateFormat);
    if (day === undefined) {
      bad(
        `${names[di]}: ${describeCell(dateText)} is not a date${cellHint(dateText, encoding) ?? dateHint(dateText, dateFormat)}`,
      );
      return;
    }
    const amountText = cells[ai] as string;
    const amount = parseAmountCell(amountText, decimalComma, delimiter === ';' && !decimalComma);
    if (amount === undefined) {
      bad(
        `${names[ai]}: ${describeCell(amountText)} is not a number${cellHint(amountText, encoding) ?? amountHint(amountText, decimalComma, delimiter)}`,
      );
      return;
    }
    store.push(id, day, amount);
  };
  const parserOptions = {
    delimiter,
    record_delimiter: recordDelimiter,
    bom: true,
    relax_column_count: true,
    // Quotes inside unquoted fields (`=HYPERLINK("…")`, 12" pipe) are kept as text, as spreadsheets write them.
    relax_quotes: true,
    skip_empty_lines: true,
    // Bounds memory: without it a line of 1 GB (or a quote that never closes) is held whole.
    max_record_size: maxRowBytes,
  };
  // A read that stops on a parse error: the error, and the record where it happened (0-based, header included).
  let failure: { error: unknown; record: number } | undefined;

  await new Promise<void>((resolve, reject) => {
    const { input, output } = openUtf8(path, encoding);
    let bytes = 0;
    input.on('data', (chunk) => {
      bytes += chunk.length;
      options.onProgress?.(bytes, size, rowsRead);
    });
    const parser = parse(parserOptions);
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      if (error === undefined) resolve();
      else reject(error);
    };
    const stop = (): void => {
      output.unpipe(parser);
      input.destroy();
      output.destroy();
      parser.destroy();
    };
    input.on('error', (error) => finish(new CliInputError(`cannot read ${path}: ${fsReason(error)}`)));
    parser.on('error', (error: unknown) => {
      failure = { error, record: record + 1 };
      stop();
      finish();
    });
    parser.on('data', (cells: string[]) => {
      if (stopped) return;
      onRecord(cells);
      if (stopped) {
        stop();
        finish();
      }
    });
    parser.on('end', () => finish());
    output.pipe(parser);
  });

  const counts = (): string => `rows read: ${int(rowsRead)}, valid: ${int(store.length)}, invalid: ${int(rowsSkipped)}`;
  if (failure !== undefined) {
    const code = (failure.error as { code?: unknown } | null)?.code;
    const endLine = (failure.error as { lines?: unknown } | null)?.lines;
    const start =
      failure.record <= 0
        ? 1
        : ((await recordLines(path, encoding, parse, parserOptions, [failure.record - 1])).get(failure.record - 1)
            ?.end ?? 0) + 1;
    // The record csv-parse stopped on is one unreadable row.
    rowsRead++;
    rowsSkipped++;
    if (code === 'CSV_QUOTE_NOT_CLOSED' && skipInvalid) {
      // The file ends inside quotes: the rest of the file, from where the quote opened, is one invalid row.
      if (invalid.length < MAX_SKIPPED_KEPT) {
        invalid.push({
          record: failure.record,
          reason: unclosedQuote(start, typeof endLine === 'number' ? endLine : start),
          line: start,
        });
      }
    } else if (code === 'CSV_QUOTE_NOT_CLOSED') {
      const last = typeof endLine === 'number' ? endLine : start;
      throw new CliInputError(
        `${path}: line ${start}: ${unclosedQuote(start, last)} (fix the quote, or pass --skip-invalid to skip these lines; ${counts()})`,
      );
    } else if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new CliInputError(
        `${path}: line ${start}: a row longer than ${bytesText(maxRowBytes)} (a line without line breaks, or a quote that never closes?); stopped there, the limit bounds memory. Raise it with --max-row-bytes if the row is real (${counts()})`,
      );
    } else {
      throw new CliInputError(`${path}: ${csvReason(failure.error)} (${counts()})`);
    }
  }

  const skippedRows: SkippedCsvRow[] = [];
  if (invalid.length > 0) {
    const wanted = invalid.filter((r) => r.line === undefined).map((r) => r.record);
    const lines = wanted.length === 0 ? new Map() : await recordLines(path, encoding, parse, parserOptions, wanted);
    for (const r of invalid) {
      const span = lines.get(r.record);
      if (r.line !== undefined || span === undefined) {
        skippedRows.push({ line: r.line ?? r.record + 1, reason: r.reason });
      } else if (span.end > span.start) {
        skippedRows.push({
          line: span.start,
          reason: `${r.reason} (the row spans lines ${span.start}–${span.end}: a quote that does not close where it should?)`,
        });
      } else skippedRows.push({ line: span.end, reason: r.reason });
    }
    if (stopped) {
      const first = skippedRows[0] as SkippedCsvRow;
      throw new CliInputError(
        `line ${first.line}: ${first.reason} (fix the row, or pass --skip-invalid to skip invalid rows and report them; ${counts()} so far)`,
      );
    }
  }

  if (rowsRead === 0) {
    throw new CliInputError(`${path} has no data rows${header ? ' (only a header row)' : ''} (0 rows read)`);
  }
  if (store.length === 0) {
    throw new CliInputError(
      `${path}: none of the ${rowsRead.toLocaleString('en-US')} rows is valid (first problem: line ${skippedRows[0]?.line}: ${skippedRows[0]?.reason}; ${counts()})`,
    );
  }
  return {
    source: path,
    encoding,
    delimiter,
    header,
    columns: { customer: names[ci] as string, date: names[di] as string, amount: names[ai] as string },
    columnNames: names,
    length: store.length,
    ids: store.ids,
    customer: store.customer.subarray(0, store.length),
    day: store.day.subarray(0, store.length),
    amount: store.amount.subarray(0, store.length),
    rowsRead,
    rowsSkipped,
    skippedRows,
  };
}

/**
 * The lines (1-based) where each of the given records starts and ends, by a second pass with csv-parse's line info.
 * A parse error after the records wanted ends the pass with what was found.
 */
async function recordLines(
  path: string,
  encoding: string,
  parse: CsvParseModule['parse'],
  options: object,
  records: readonly number[],
): Promise<Map<number, { start: number; end: number }>> {
  const wanted = new Set(records);
  let last = 0;
  for (const r of records) if (r > last) last = r;
  const lines = new Map<number, { start: number; end: number }>();
  await new Promise<void>((resolve) => {
    const { input, output } = openUtf8(path, encoding);
    const parser = parse({ ...options, info: true });
    let record = -1;
    let previousEnd = 0;
    let previousEmpty = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      output.unpipe(parser);
      input.destroy();
      output.destroy();
      parser.destroy();
      resolve();
    };
    parser.on('data', (row: { info: { lines: number; empty_lines: number } }) => {
      record++;
      const { lines: end, empty_lines: empty } = row.info;
      // Blank lines before the record are skipped by csv-parse and counted in empty_lines.
      if (wanted.has(record)) lines.set(record, { start: previousEnd + 1 + (empty - previousEmpty), end });
      previousEnd = end;
      previousEmpty = empty;
      if (record >= last) finish();
    });
    parser.on('error', finish);
    input.on('error', finish);
    parser.on('end', finish);
    output.pipe(parser);
  });
  return lines;
}

/** Ragged: fewer fields than the header, or text in a field beyond it (trailing empty fields are harmless). */
function raggedRow(cells: readonly string[], width: number): boolean {
  if (cells.length < width) return true;
  for (let j = width; j < cells.length; j++) if ((cells[j] as string).trim() !== '') return true;
  return false;
}

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : `"${delimiter}"`;
}

function unclosedQuote(start: number, end: number): string {
  return end > start
    ? `a quote opened on line ${start} never closes: lines ${start}–${end} (the rest of the file) are one unreadable row`
    : `a quote opened on line ${start} never closes (the file ends inside the quotes)`;
}

/** The encoding problem of a cell, as a hint to append, or `undefined`. */
function cellHint(text: string, encoding: string): string | undefined {
  if (text.includes('\0')) return ' (it contains a NUL byte: binary data?)';
  return text.includes(REPLACEMENT) ? ` (it ${encodingHint(encoding)})` : undefined;
}

function amountHint(text: string, decimalComma: boolean, delimiter: string): string {
  const t = text.trim().replace(CURRENCY, '');
  if (decimalComma || !/\d,\d/.test(t)) return '';
  return delimiter === ';' && THOUSANDS.test(t) && !t.includes('.')
    ? ' (ambiguous in a ";"-delimited file: pass --decimal-comma if the comma is decimal, or write it without the comma)'
    : ' (a decimal comma? pass --decimal-comma)';
}

function bytesText(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${int(n)} bytes`;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function dateHint(text: string, format: CliDateFormat): string {
  if (format === 'iso' && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(text.trim())) {
    return ' in ISO form (YYYY-MM-DD); for this form pass --date-format mdy (12/31/2024) or dmy (31/12/2024)';
  }
  return format === 'iso'
    ? ' (expected YYYY-MM-DD, YYYYMMDD or an ISO date-time)'
    : ` (expected ${format === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'})`;
}

function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

function csvReason(error: unknown): string {
  if (error instanceof Error) {
    const lines = (error as { lines?: unknown }).lines;
    const message = error.message.replace(/^Invalid Record Length: /, '').replace(/^Invalid Opening Quote: /, '');
    return typeof lines === 'number' ? `line ${lines}: ${message}` : message;
  }
  return String(error);
}

/**
 * The rows of a log as transaction records `{ customerId, date, amount }` for the library's transaction readers, with
 * the customer's index in `log.ids` as its id (whole numbers take the readers' fast dense-table path; map back with
 * `log.ids`) and the date as epoch milliseconds. One record object is reused for every row: the library's readers
 * (`summarizeCustomers`, `cohortRetention`, `lifecycleStage`) copy each record's fields into columns as they read it
 * and keep no reference, which saves a million allocations per pass.
 * @internal
 */
export function* transactionRecords(
  log: TransactionLog,
): Generator<{ customerId: number; date: number; amount: number }, void, undefined> {
  const { customer, day, amount } = log;
  const row = { customerId: 0, date: 0, amount: 0 };
  for (let i = 0; i < log.length; i++) {
    row.customerId = customer[i] as number;
    row.date = (day[i] as number) * MS_PER_DAY;
    row.amount = amount[i] as number;
    yield row;
  }
}

type CsvParseModule = typeof import('csv-parse');
type CsvParseSyncModule = typeof import('csv-parse/sync');

async function loadCsvParse(): Promise<CsvParseModule> {
  try {
    return await import('csv-parse');
  } catch {
    throw new CliInputError(missingDependency('csv-parse'));
  }
}

async function loadCsvParseSync(): Promise<CsvParseSyncModule> {
  try {
    return await import('csv-parse/sync');
  } catch {
    throw new CliInputError(missingDependency('csv-parse'));
  }
}

/** The message for an optional dependency of the CLI that is not installed. @internal */
export function missingDependency(name: string): string {
  return `the crm-analytics command needs the package "${name}", which is not installed (it is an optional dependency of crm-analytics; reinstall without --omit=optional, or run \`npm install ${name}\`)`;
}
