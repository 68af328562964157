// Test helpers for the lifecycle area: the CDNOW transaction log and small hand-built logs.
import { readFileSync } from 'node:fs';

export interface Tx {
  customerId: string | number;
  date: string;
  amount: number;
}

/**
 * The CDNOW 1/10 sample (test/fixtures/CDNOW_sample.txt): whitespace separated, no header, CRLF; columns master id,
 * sample id, YYYYMMDD date, number of CDs, dollar value. Customers are keyed by the sample id.
 */
export function loadCdnow(): Tx[] {
  const text = readFileSync(new URL('../fixtures/CDNOW_sample.txt', import.meta.url), 'utf8');
  const out: Tx[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 5) continue;
    const [, id, ymd, , dollars] = parts as [string, string, string, string, string];
    out.push({
      customerId: id,
      date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
      amount: Number(dollars),
    });
  }
  return out;
}

/** ISO date (YYYY-MM-DD) of a UTC day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** UTC day number of an ISO date. */
export function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}
