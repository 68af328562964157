// Issue 12: which path to use when. The same log (ids, 'YYYY-MM-DD' dates, amounts) summarized by
// (1) summarizeCustomers on records, (2) summarizeColumns on typed arrays, (3) DuckDB reading a CSV file,
// at 100k and 1M rows (and 10M for the paths that hold up), to find the crossover points for docs/scale.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeColumns, summarizeCustomers } from '../src/data/index.js';
import { summarizeWithDuckDB } from '../src/duckdb/index.js';
import { runSuite, seededRandom } from './harness.js';

function makeLog(rows: number, customers: number) {
  const random = seededRandom(rows);
  const ids = new Int32Array(rows);
  const days = new Int32Array(rows);
  const amounts = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    ids[i] = 1 + Math.floor(random() * customers);
    days[i] = 18262 + Math.floor(random() * 731); // 2020-01-01 + 0..730
    amounts[i] = Math.round(random() * 20_000) / 100;
  }
  return { ids, days, amounts };
}

const dir = mkdtempSync(join(tmpdir(), 'crm-scale-'));
const cases = [];
for (const [rows, customers] of [
  [100_000, 10_000],
  [1_000_000, 100_000],
] as const) {
  const log = makeLog(rows, customers);
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const records = Array.from({ length: rows }, (_, i) => ({
    customerId: log.ids[i] as number,
    date: iso(log.days[i] as number),
    amount: log.amounts[i] as number,
  }));
  const csv = join(dir, `log-${rows}.csv`);
  writeFileSync(
    csv,
    `customerId,date,amount\n${records.map((r) => `${r.customerId},${r.date},${r.amount}`).join('\n')}\n`,
  );
  const dates = Float64Array.from(log.days, (d) => d * 86_400_000);
  const label = `${rows / 1000}k rows`;
  cases.push(
    { name: `records → summarizeCustomers, ${label}`, fn: () => summarizeCustomers(records) },
    {
      name: `typed columns → summarizeColumns, ${label}`,
      fn: () => summarizeColumns({ customerIds: log.ids, dates, amounts: log.amounts }),
    },
    { name: `CSV file → DuckDB (summarizeWithDuckDB), ${label}`, fn: () => summarizeWithDuckDB({ csvPath: csv }) },
  );
}
try {
  await runSuite('scale', cases, { iterations: 5, time: 0 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
