// Loaders for the public datasets copied into test/fixtures/ (see /shared/datasets/README.md for their origin).
import { readFileSync } from 'node:fs';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

export interface CdnowRow {
  masterId: string;
  customerId: number;
  /** YYYYMMDD */
  date: string;
  cds: number;
  amount: number;
}

/** CDNOW_sample.txt: whitespace separated, no header: master id, sample id, YYYYMMDD, number of CDs, dollar value. */
export function loadCdnowSample(): CdnowRow[] {
  return fixture('CDNOW_sample.txt')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [masterId, id, date, cds, amount] = line.trim().split(/\s+/);
      return {
        masterId: masterId ?? '',
        customerId: Number(id),
        date: date ?? '',
        cds: Number(cds),
        amount: Number(amount),
      };
    });
}

/** A CSV with a header row and numeric columns, as objects keyed by header. */
export function loadNumericCsv(name: string): Record<string, number>[] {
  const [header, ...rows] = fixture(name).trim().split(/\r?\n/);
  const keys = (header ?? '').split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, Number(cells[i])]));
  });
}
