/**
 * Output of the data commands: one table model written as CSV (formula-safe), aligned text, or JSON.
 * @module
 */

/** How a column's values are shown in the text table (CSV and JSON always carry the full value). @internal */
export type CellKind = 'text' | 'integer' | 'number' | 'money' | 'share' | 'probability';

/** A column of an output table. @internal */
export interface OutputColumn {
  /** Key in each row, also the CSV header and JSON field. */
  key: string;
  /** Heading of the text table. */
  title: string;
  kind: CellKind;
}

/** A table: columns and rows keyed by column key. @internal */
export interface OutputTable {
  columns: readonly OutputColumn[];
  rows: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
}

/**
 * Makes a text cell safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage
 * return), after any spaces, or with their full-width forms `＝ ＋ － ＠` (which some Excel locales also take), would
 * be run as a formula, so it gets a leading apostrophe (OWASP "CSV injection"). Numbers written by the CLI are not
 * text cells and keep their sign.
 * @internal
 */
export function neutralizeFormula(text: string): string {
  return /^[ \u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(text) ? `'${text}` : text;
}

// C0 and C1 controls (ESC starts terminal sequences), and the bidirectional overrides that reorder displayed text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the input made safe for a terminal: control characters and bidirectional overrides are shown as
 * `\u001b`-style escapes instead of being sent (a customer id could otherwise move the cursor or recolor the screen).
 * Tabs and line breaks are kept.
 * @internal
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutralizeFormula(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV (comma, CRLF-free `\n` line ends, quotes doubled), text cells neutralized. @internal */
export function toCsv(table: OutputTable): string {
  const lines = [table.columns.map((c) => csvField(c.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key] ?? null)).join(','));
  return `${lines.join('\n')}\n`;
}

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TWO = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function textCell(value: string | number | null, kind: CellKind): string {
  if (value === null) return '–';
  if (typeof value === 'string') return printable(value).replace(/[\t\r\n]/g, ' ');
  if (!Number.isFinite(value)) return String(value);
  switch (kind) {
    case 'integer':
      return INTEGER.format(value);
    case 'money':
    case 'number':
      return TWO.format(value);
    case 'share':
      return `${(100 * value).toFixed(1)}%`;
    case 'probability':
      return value.toFixed(3);
    default:
      return String(value);
  }
}

/** An aligned plain-text table (numbers right-aligned), for people. @internal */
export function toTextTable(table: OutputTable): string {
  const cells = table.rows.map((row) => table.columns.map((c) => textCell(row[c.key] ?? null, c.kind)));
  const widths = table.columns.map((c, j) => {
    let w = c.title.length;
    for (const row of cells) w = Math.max(w, (row[j] as string).length);
    return w;
  });
  const right = table.columns.map((c) => c.kind !== 'text');
  const line = (values: readonly string[]): string =>
    values
      .map((v, j) => (right[j] ? v.padStart(widths[j] as number) : v.padEnd(widths[j] as number)))
      .join('  ')
      .trimEnd();
  const out = [line(table.columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of cells) out.push(line(row));
  return `${out.join('\n')}\n`;
}

/** JSON with numbers as they are (non-finite as null), two-space indented. @internal */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
