/**
 * Issue 12: which path to use when. The same log (integer ids, 'YYYY-MM-DD' dates, amounts with 2 decimals; 10
 * transactions a customer) summarized at 1k / 10k / 100k / 1M / 10M transactions by
 * 1. records already in memory → `summarizeCustomers`;
 * 2. typed columns already in memory → `summarizeColumns`;
 * 3. a CSV file → csv-parse (streamed, `columns` + `cast`) → records → `summarizeCustomers` (the JS-only file path);
 * 4. a CSV file → `summarizeWithDuckDB({ csvPath })` (opens an in-memory DuckDB per call, as a script would);
 * 5. a Parquet file → `summarizeWithDuckDB({ parquetPath })`;
 * 6. a table already in DuckDB → `summarizeWithDuckDB({ connection, table })`.
 * Timings include everything from the input as stated to the summaries as JS objects. The crossover points (the size
 * at which one path overtakes another, interpolated on the log-log curve) are printed and written to
 * `bench/results/scale-crossover.json`; docs/scale.md quotes them.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse';
import { summarizeColumns, summarizeCustomers } from '../src/data/index.js';
import { summarizeWithDuckDB } from '../src/duckdb/index.js';
import {
  type BenchResult,
  type BenchSize,
  isChildRun,
  runSizedSuite,
  seededRandom,
  TRANSACTION_SIZES,
} from './harness.js';

// 1k and 10k as well: the fixed costs of a DuckDB instance and of a stream decide the small end.
const SIZES: readonly BenchSize[] = [{ label: '1k', n: 1000 }, { label: '10k', n: 10_000 }, ...TRANSACTION_SIZES];
const observationEnd = '2021-12-31';

const PATHS = {
  records: 'records in memory → summarizeCustomers',
  columns: 'typed columns in memory → summarizeColumns',
  csvParse: 'CSV file → csv-parse → records → summarizeCustomers',
  duckCsv: 'CSV file → summarizeWithDuckDB',
  duckParquet: 'Parquet file → summarizeWithDuckDB',
  duckTable: 'DuckDB table → summarizeWithDuckDB',
} as const;

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

const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

function writeCsv(path: string, log: ReturnType<typeof makeLog>): void {
  const fd = openSync(path, 'w');
  try {
    let chunk = 'customerId,date,amount\n';
    for (let i = 0; i < log.ids.length; i++) {
      chunk += `${log.ids[i]},${iso(log.days[i] as number)},${log.amounts[i]}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

async function csvToRecords(path: string): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for await (const record of createReadStream(path).pipe(parse({ columns: true, cast: true }))) {
    records.push(record as Record<string, unknown>);
  }
  return records;
}

const dir = mkdtempSync(join(tmpdir(), 'crm-scale-'));
const closers: (() => void)[] = [];
let results: BenchResult[];
try {
  results = await runSizedSuite(
    'scale',
    SIZES,
    async (size) => {
      const log = makeLog(size.n, size.n / 10);
      const records = Array.from({ length: size.n }, (_, i) => ({
        customerId: log.ids[i] as number,
        date: iso(log.days[i] as number),
        amount: log.amounts[i] as number,
      }));
      const dates = Float64Array.from(log.days, (d) => d * 86_400_000);
      const columns = { customerIds: log.ids, dates, amounts: log.amounts };
      const csv = join(dir, `log-${size.label}.csv`);
      const parquet = join(dir, `log-${size.label}.parquet`);
      writeCsv(csv, log);
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      closers.push(() => {
        connection.closeSync();
        instance.closeSync();
      });
      await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
      await connection.run(`CREATE TABLE tx AS SELECT * FROM read_csv('${csv}')`);
      // Multi-second cases (10M rows) get 3 timed runs and no warm-up; the rest at least 5.
      const few = size.n >= 10_000_000 ? { iterations: 3, warmup: 0 } : {};
      const gc = size.n >= 1_000_000;
      const label = `${size.label} tx`;
      return [
        {
          name: `${PATHS.records}, ${label}`,
          op: PATHS.records,
          fn: () => summarizeCustomers(records, { observationEnd }),
        },
        {
          name: `${PATHS.columns}, ${label}`,
          op: PATHS.columns,
          fn: () => summarizeColumns(columns, { observationEnd }),
        },
        {
          name: `${PATHS.csvParse}, ${label}`,
          op: PATHS.csvParse,
          fn: async () => summarizeCustomers(await csvToRecords(csv), { observationEnd }),
        },
        {
          name: `${PATHS.duckCsv}, ${label}`,
          op: PATHS.duckCsv,
          fn: () => summarizeWithDuckDB({ csvPath: csv, observationEnd }),
        },
        {
          name: `${PATHS.duckParquet}, ${label}`,
          op: PATHS.duckParquet,
          fn: () => summarizeWithDuckDB({ parquetPath: parquet, observationEnd }),
        },
        {
          name: `${PATHS.duckTable}, ${label}`,
          op: PATHS.duckTable,
          fn: () => summarizeWithDuckDB({ connection, table: 'tx', observationEnd }),
        },
      ].map((c) => ({ ...c, size, gc, ...few }));
    },
    { iterations: 5, time: 300 },
  );
} finally {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
}

/** Where path `a` overtakes path `b` (or the reverse): log-log interpolation between the two sizes bracketing it. */
interface Crossover {
  faster: string;
  slower: string;
  /** The sizes (labels) between which the order changes, and the interpolated transaction count. */
  between: [string, string];
  atTransactions: number;
}
const crossovers: Crossover[] = [];
const ops = Object.values(PATHS);
const byOp = (op: string) => results.filter((r) => r.op === op);
for (let i = 0; i < ops.length; i++) {
  for (let j = i + 1; j < ops.length; j++) {
    const a = byOp(ops[i] as string);
    const b = byOp(ops[j] as string);
    for (let k = 0; k + 1 < Math.min(a.length, b.length); k++) {
      const [a0, a1, b0, b1] = [a[k], a[k + 1], b[k], b[k + 1]] as [BenchResult, BenchResult, BenchResult, BenchResult];
      const r0 = Math.log(a0.medianMs / b0.medianMs);
      const r1 = Math.log(a1.medianMs / b1.medianMs);
      if (Math.sign(r0) === Math.sign(r1) || r0 === 0) continue;
      const n0 = Math.log(a0.n as number);
      const n1 = Math.log(a1.n as number);
      const at = Math.exp(n0 + ((0 - r0) * (n1 - n0)) / (r1 - r0));
      // After the crossover, the path with the smaller time at the larger size is the faster one.
      const aWins = r1 < 0;
      crossovers.push({
        faster: aWins ? (a0.op ?? '') : (b0.op ?? ''),
        slower: aWins ? (b0.op ?? '') : (a0.op ?? ''),
        between: [a0.size ?? '', a1.size ?? ''],
        atTransactions: Math.round(at),
      });
    }
  }
}
if (!isChildRun()) {
  console.log('\ncrossover points (beyond this many transactions the first path is faster):');
  for (const c of crossovers) {
    console.log(`  ${c.faster} overtakes ${c.slower} at ≈ ${Math.round(c.atTransactions).toLocaleString('en-US')} tx`);
  }
  if (crossovers.length === 0) console.log('  none: the order of the paths is the same at every size measured');
  writeFileSync(
    new URL('./results/scale-crossover.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), crossovers }, null, 2)}\n`,
  );
}
