// The CLI's CSV reader in process (readTransactionsCsv), on the hostile files that hostile.test.ts gives the built
// binary: v8 coverage does not see the subprocess, so the same paths are checked here with the reader's results.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CsvReadOptions, readTransactionsCsv, type TransactionLog } from '../../src/cli/csv.js';
import { CliInputError } from '../../src/cli/errors.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-csv-cov-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

const base: CsvReadOptions = { dateFormat: 'iso', decimalComma: false, skipInvalid: false };
const read = (content: string | Uint8Array, options: Partial<CsvReadOptions> = {}): Promise<TransactionLog> =>
  readTransactionsCsv(file(content), { ...base, ...options });

async function failure(content: string | Uint8Array, options: Partial<CsvReadOptions> = {}): Promise<string> {
  try {
    await read(content, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CliInputError);
    return (error as Error).message;
  }
  throw new Error('expected a CliInputError');
}

const SMALL = 'customer_id,date,amount\na,2024-01-05,10\nb,2024-01-06,20.5\na,2024-02-01,5\n';

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
}

const expectSmall = (log: TransactionLog): void => {
  expect(log.ids).toEqual(['a', 'b']);
  expect(Array.from(log.amount)).toEqual([10, 20.5, 5]);
  expect(Array.from(log.customer)).toEqual([0, 1, 0]);
  expect(log.rowsRead).toBe(3);
};

describe('readTransactionsCsv: encodings and file types', () => {
  it('a directory is not a file', async () => {
    await expect(readTransactionsCsv(dir, base)).rejects.toThrow(`${dir}: is a directory, expected a CSV file`);
  });

  it('UTF-16 with a byte-order mark, both byte orders, is read', async () => {
    expectSmall(await read(utf16(SMALL, 'le', true)));
    expectSmall(await read(utf16(SMALL, 'be', true)));
  });

  it('UTF-16 without a byte-order mark is named, and read with --encoding', async () => {
    expect(await failure(utf16(SMALL, 'le', false))).toMatch(
      /looks like UTF-16 \(little-endian\) without a byte-order mark: pass --encoding utf-16le$/,
    );
    expect(await failure(utf16(SMALL, 'be', false))).toMatch(/looks like UTF-16 \(big-endian\) .*utf-16be$/);
    expectSmall(await read(utf16(SMALL, 'le', false), { encoding: 'utf-16le' }));
  });

  it.each([
    [[0xff, 0xfe, 0, 0, 0x61, 0, 0, 0], /is UTF-32 \(byte-order mark FF FE 00 00\), which is not supported/],
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0], /is a ZIP archive \(an Excel \.xlsx workbook\?\), not a CSV file/],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], /is an Excel 97-2003 workbook \(\.xls\), not a CSV file/],
    [[0x1f, 0x8b, 0x08, 0, 0, 0], /is gzip-compressed: decompress it first \(gunzip\)/],
  ])('magic bytes %j are refused', async (bytes, message) => {
    expect(await failure(Uint8Array.from(bytes))).toMatch(message);
  });

  it('Windows-1252 bytes: a customer id that is not UTF-8 is named; read with --encoding windows-1252', async () => {
    const bytes = Buffer.concat([
      Buffer.from('customer_id,date,amount\nRen'),
      Buffer.from([0xe9]),
      Buffer.from(',2024-01-05,10\nb,2024-01-06,20\n'),
    ]);
    const skipped = await read(bytes, { skipInvalid: true });
    expect(skipped.ids).toEqual(['b']);
    expect(skipped.skippedRows).toHaveLength(1);
    expect(skipped.skippedRows[0]?.line).toBe(2);
    expect(skipped.skippedRows[0]?.reason).toMatch(/not UTF-8 .*--encoding windows-1252/);
    const latin = await read(bytes, { encoding: 'windows-1252' });
    expect(latin.ids).toEqual(['René', 'b']);
  });

  it('a NUL byte in a customer id makes the row invalid', async () => {
    const log = await read('customer_id,date,amount\na\0b,2024-01-05,10\nc,2024-01-06,1\n', { skipInvalid: true });
    expect(log.ids).toEqual(['c']);
    expect(log.skippedRows[0]?.reason).toMatch(/NUL byte/);
  });

  it('a first line without a line break in 64 KB, and a file of blank lines, have no rows', async () => {
    expect(await failure('x'.repeat(70_000))).toMatch(/line 1 has no line break in its first 64 KB/);
    expect(await failure('\n\n  \n')).toMatch(/has no data rows \(only blank lines; 0 rows read\)$/);
    expect(await failure('customer_id,date,amount\n')).toMatch(
      /has no data rows \(only a header row\) \(0 rows read\)$/,
    );
  });

  it('carriage-return line ends (old Mac) are read', async () => {
    expectSmall(await read(SMALL.replace(/\n/g, '\r')));
  });

  it('more than 16,384 rows grow the columns', async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `c${i % 500},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i}`,
    );
    const log = await read(`customer_id,date,amount\n${rows.join('\n')}\n`);
    expect(log.length).toBe(20_000);
    expect(log.ids).toHaveLength(500);
    expect(log.amount[19_999]).toBe(19_999);
  });
});

describe('readTransactionsCsv: columns', () => {
  it('by number, by loose name, and by a longer name containing a known one', async () => {
    const log = await read('Client ID;Order Date;Net\nk1;2024-01-05;10\nk2;2024-01-06;3\n', {
      customer: 'clientid',
      amount: '3',
    });
    expect(log.delimiter).toBe(';');
    expect(log.columns).toEqual({ customer: 'Client ID', date: 'Order Date', amount: 'Net' });
    const contains = await read('shop,billing_customer_ref,purchase_date_utc,gross_amount_eur\ns,a,2024-01-05,10\n');
    expect(contains.columns).toEqual({
      customer: 'billing_customer_ref',
      date: 'purchase_date_utc',
      amount: 'gross_amount_eur',
    });
  });

  it('column errors name the columns found', async () => {
    expect(await failure(SMALL, { customer: '5' })).toMatch(
      /--customer 5: the file has 3 columns \(columns found: "customer_id", "date", "amount"\)/,
    );
    expect(await failure(SMALL, { amount: 'net' })).toMatch(/column "net" \(--amount\) not found; columns found:/);
    expect(await failure(SMALL, { customer: 'date' })).toMatch(
      /the customer, date and amount must be three different columns, got "date", "date", "amount"/,
    );
    expect(await failure('a,2024-01-05,1,x\n', { header: false })).toMatch(
      /no column for the customer id found: name it with --customer COL; columns found: "column 1"/,
    );
    expect(await failure('a,2024-01-05,1\n', { header: false, amount: 'amount' })).toMatch(
      /--amount "amount": the file has no header row, so give the column number \(1-3\)/,
    );
    expect(await failure('who,when,what\na,2024-01-05,1\n')).toMatch(/no column for the customer id found/);
  });
});

describe('readTransactionsCsv: invalid rows', () => {
  it('ragged rows, empty ids, bad dates and amounts are skipped with line numbers and reasons', async () => {
    const log = await read(
      [
        'customer_id,date,amount',
        'a,2024-01-05,10',
        'b,2024-01-06',
        'c,2024-01-07,1,50',
        ',2024-01-08,3',
        'd,31/12/2024,4',
        'e,2024-01-09,1,5',
        'f,2024-01-10,12 EUR',
        'g,2024-01-11,7',
        '',
      ].join('\n'),
      { skipInvalid: true },
    );
    expect(log.ids).toEqual(['a', 'g']);
    expect(log.rowsRead).toBe(8);
    expect(log.rowsSkipped).toBe(6);
    expect(log.skippedRows.map((s) => s.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const reasons = log.skippedRows.map((s) => s.reason);
    expect(reasons[0]).toMatch(/expected at least 3 fields, got 2/);
    expect(reasons[1]).toMatch(/expected 3 fields as in the header, got 4 \(an unquoted comma inside a field\?\)/);
    expect(reasons[2]).toMatch(/the customer id is empty/);
    expect(reasons[3]).toMatch(/"31\/12\/2024" is not a date.*--date-format/);
    expect(reasons[5]).toMatch(/"12 EUR" is not a number/);
  });

  it('without --skip-invalid the first invalid row stops the read', async () => {
    expect(await failure('customer_id,date,amount\na,2024-01-05,10\nb,2024-13-01,1\n')).toMatch(
      /^line 3: date: "2024-13-01" is not a date.*pass --skip-invalid.*rows read: 2, valid: 1, invalid: 1 so far\)$/,
    );
  });

  it('a row that is all invalid: none of the rows is valid', async () => {
    expect(await failure('customer_id,date,amount\na,x,1\nb,y,2\n', { skipInvalid: true })).toMatch(
      /none of the 2 rows is valid \(first problem: line 2: /,
    );
  });

  it('a quote that never closes: an error naming the line, or one skipped row', async () => {
    const text = 'customer_id,date,amount\na,2024-01-05,10\n"b,2024-01-06,1\nc,2024-01-07,2\n';
    expect(await failure(text)).toMatch(/line 3: .*quote.*--skip-invalid/);
    const log = await read(text, { skipInvalid: true });
    expect(log.ids).toEqual(['a']);
    expect(log.skippedRows[0]?.line).toBe(3);
    expect(log.skippedRows[0]?.reason).toMatch(/quote/);
  });

  it('an invalid quoted row over several lines names the lines it spans', async () => {
    const log = await read('customer_id,date,amount\n"a\nb",2024-01-05,x\nc,2024-01-07,2\n', { skipInvalid: true });
    expect(log.ids).toEqual(['c']);
    expect(log.skippedRows[0]?.reason).toMatch(/the row spans lines 2–3/);
  });

  it('a row longer than maxRowBytes stops the read', async () => {
    const text = `customer_id,date,amount\na,2024-01-05,10\n${'b'.repeat(5000)},2024-01-06,1\n`;
    expect(await failure(text, { maxRowBytes: 1024 })).toMatch(/line 3: a row longer than 1 KiB/);
  });

  it('";"-delimited "1,500" without --decimal-comma is refused as ambiguous', async () => {
    const log = await read('customer;date;amount\na;2024-01-05;1,500\nb;2024-01-06;2\n', { skipInvalid: true });
    expect(log.ids).toEqual(['b']);
    expect(log.skippedRows[0]?.reason).toMatch(/"1,500" is not a number.*--decimal-comma/);
  });
});
