// The CLI's cell parsers, delimiter detection and output writers, in process.

import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseAmountCell, parseDateCell } from '../../src/cli/csv.js';
import { neutralizeFormula, toCsv, toTextTable } from '../../src/cli/output.js';
import { fc, test } from '../support/property.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('parseDateCell', () => {
  it('reads ISO dates, compact dates and ISO date-times in UTC', () => {
    expect(parseDateCell('2024-02-29', 'iso')).toBe(day('2024-02-29'));
    expect(parseDateCell('19970101', 'iso')).toBe(day('1997-01-01'));
    expect(parseDateCell(' 2014-03-08 00:00:00 ', 'iso')).toBe(day('2014-03-08'));
    expect(parseDateCell('2024-01-01T23:30:00-02:00', 'iso')).toBe(day('2024-01-02'));
  });
  it('rejects impossible dates', () => {
    expect(parseDateCell('2023-02-29', 'iso')).toBeUndefined();
    expect(parseDateCell('2024-13-01', 'iso')).toBeUndefined();
    expect(parseDateCell('', 'iso')).toBeUndefined();
    expect(parseDateCell('02/30/2024', 'mdy')).toBeUndefined();
  });
  it('reads month/day/year and day/month/year with / . or - separators', () => {
    expect(parseDateCell('12/31/2023', 'mdy')).toBe(day('2023-12-31'));
    expect(parseDateCell('31.12.2023', 'dmy')).toBe(day('2023-12-31'));
    expect(parseDateCell('1-2-2024 10:00', 'dmy')).toBe(day('2024-02-01'));
    expect(parseDateCell('31/12/2023', 'mdy')).toBeUndefined();
  });
  test.prop([fc.integer({ min: -20_000, max: 60_000 })])('ISO text of any day reads back to that day', (d) => {
    const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
    expect(parseDateCell(iso, 'iso')).toBe(d);
    const [y, m, dd] = iso.split('-');
    expect(parseDateCell(`${m}/${dd}/${y}`, 'mdy')).toBe(d);
    expect(parseDateCell(`${dd}/${m}/${y}`, 'dmy')).toBe(d);
  });
});

describe('parseAmountCell', () => {
  it('reads plain, signed and exponent numbers', () => {
    expect(parseAmountCell('12.5', false)).toBe(12.5);
    expect(parseAmountCell(' -3 ', false)).toBe(-3);
    expect(parseAmountCell('+.5', false)).toBe(0.5);
    expect(parseAmountCell('1e3', false)).toBe(1000);
    expect(Object.is(parseAmountCell('-0', false), 0)).toBe(true);
  });
  it('strips a currency symbol and thousands separators', () => {
    expect(parseAmountCell('$1,200.00', false)).toBe(1200);
    expect(parseAmountCell('15 €', false)).toBe(15);
  });
  it('reads decimal commas with --decimal-comma', () => {
    expect(parseAmountCell('1.234,50', true)).toBe(1234.5);
    expect(parseAmountCell('35,5', true)).toBe(35.5);
  });
  it('rejects text, empty cells, ambiguous separators and non-finite values', () => {
    for (const bad of ['', 'twelve', '1,2', '12,34.5', 'NaN', 'Infinity', '1e999', '0x10', '1 000']) {
      expect(parseAmountCell(bad, false), bad).toBeUndefined();
    }
  });
  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('String(x) reads back to x', (x) => {
    expect(parseAmountCell(String(x), false)).toBe(x === 0 ? 0 : x);
  });
});

describe('detectDelimiter', () => {
  it('finds , ; tab and | from the sampled lines', () => {
    expect(detectDelimiter(['a,b,c', '1,2,3'])).toBe(',');
    expect(detectDelimiter(['a;b;c', '1;2,5;3'])).toBe(';');
    expect(detectDelimiter(['a\tb\tc', '1\t2\t3'])).toBe('\t');
    expect(detectDelimiter(['a|b|c', '1|2|3'])).toBe('|');
  });
  it('ignores delimiters inside quotes and falls back to a comma', () => {
    expect(detectDelimiter(['"x;y",b', '"1;2",3'])).toBe(',');
    expect(detectDelimiter(['single column'])).toBe(',');
  });
});

describe('CSV and text output', () => {
  it('neutralizeFormula prefixes = + - @ tab and CR with an apostrophe, and nothing else', () => {
    expect(['=1+1', '+1', '-1', '@x', '\tx', '\rx', 'x=1', "'ok"].map(neutralizeFormula)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
      'x=1',
      "'ok",
    ]);
  });
  it('toCsv quotes fields with commas, quotes and line breaks, keeps numbers as numbers (negative included)', () => {
    const csv = toCsv({
      columns: [
        { key: 'id', title: 'id', kind: 'text' },
        { key: 'v', title: 'v', kind: 'number' },
      ],
      rows: [
        { id: 'a,b', v: -1.5 },
        { id: 'say "hi"', v: null },
        { id: '=cmd', v: Number.NaN },
      ],
    });
    expect(csv).toBe('id,v\n"a,b",-1.5\n"say ""hi""",\n\'=cmd,\n');
  });
  it('toTextTable right-aligns numbers and formats by kind', () => {
    const text = toTextTable({
      columns: [
        { key: 'id', title: 'customer', kind: 'text' },
        { key: 'share', title: 'share', kind: 'share' },
        { key: 'money', title: 'money', kind: 'money' },
      ],
      rows: [{ id: 'a', share: 0.5, money: 1234.5 }],
    });
    expect(text).toBe('customer  share     money\n--------  -----  --------\na         50.0%  1,234.50\n');
  });
});
