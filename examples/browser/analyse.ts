// The page's analysis, without the DOM: CSV text in, RFM segments and per-customer scores out.
import { summarizeCustomers } from 'crm-analytics/data';
import { type RfmSegmentReportRow, rfmScores, rfmSegmentReport, rfmSegments } from 'crm-analytics/rfm';

export interface CustomerRow {
  customerId: string | number;
  /** Days since the last purchase at the observation end. */
  recency: number;
  frequency: number;
  /** Total spend. */
  monetary: number;
  cell: string;
  segment: string;
}

export interface CsvAnalysis {
  transactions: number;
  observationEnd: string;
  /** Segments with at least one customer, in the segment table's order. */
  segments: RfmSegmentReportRow[];
  /** Customers by descending RFM score (then id). */
  customers: CustomerRow[];
}

const CUSTOMER_COLUMNS = ['customer_id', 'customerid', 'customer', 'client_id', 'user_id', 'id'];
const DATE_COLUMNS = ['date', 'order_date', 'invoicedate', 'invoice_date', 'purchase_date', 'timestamp'];
const AMOUNT_COLUMNS = ['amount', 'revenue', 'sales', 'total', 'value', 'spend', 'price'];

/** Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes as `""`, and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      if (row.some((value) => value.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  if (row.some((value) => value.trim() !== '')) rows.push(row);
  return rows;
}

function findColumn(header: readonly string[], candidates: readonly string[], what: string): number {
  const names = header.map((name) => name.trim().toLowerCase());
  for (const candidate of candidates) {
    const index = names.indexOf(candidate);
    if (index >= 0) return index;
  }
  throw new Error(
    `no ${what} column: the header should name one of ${candidates.join(', ')} (got ${header.join(', ')})`,
  );
}

/** Reads the log, summarises it per customer at `asOf` (default: the last date) and scores RFM on 5 bins. */
export function analyseCsv(text: string, options: { asOf?: string } = {}): CsvAnalysis {
  const [header, ...body] = parseCsv(text);
  if (header === undefined || body.length === 0)
    throw new Error('the CSV has no transactions (a header line and at least one row are needed)');
  const idColumn = findColumn(header, CUSTOMER_COLUMNS, 'customer id');
  const dateColumn = findColumn(header, DATE_COLUMNS, 'date');
  const amountColumn = findColumn(header, AMOUNT_COLUMNS, 'amount');
  const log = body.map((cells) => ({
    customerId: (cells[idColumn] ?? '').trim(),
    date: (cells[dateColumn] ?? '').trim().slice(0, 10),
    amount: Number(cells[amountColumn]),
  }));
  let lastDate = '';
  for (const record of log) if (record.date > lastDate) lastDate = record.date;
  const observationEnd = options.asOf !== undefined && options.asOf !== '' ? options.asOf : lastDate;

  const { customers } = summarizeCustomers(log, { observationEnd, timeUnit: 'day' });
  const scores = rfmScores(customers, { bins: 5 });
  const segmentation = rfmSegments(scores);
  const segments = rfmSegmentReport(scores, segmentation).filter((row) => row.customers > 0);
  const rows = scores.customers.map((score, i) => ({
    customerId: score.customerId,
    recency: score.recency,
    frequency: score.frequency,
    monetary: score.revenue,
    cell: score.cell,
    segment: segmentation.customers[i]?.segment ?? '',
    score: score.score,
  }));
  rows.sort((a, b) => b.score - a.score || String(a.customerId).localeCompare(String(b.customerId)));
  return {
    transactions: log.length,
    observationEnd,
    segments,
    customers: rows.map(({ score: _score, ...row }) => row),
  };
}
