// Issue 10 floor: `crm-analytics report` on 1,000,000 transaction rows end to end (read the CSV, summarize, RFM,
// Pareto, BG/NBD + Gamma-Gamma fits and CLV, cohorts, lifecycle stages, 10 charts to SVG, write the HTML) in under
// 15 s, with a peak memory under 1 GB. Runs the BUILT binary (`npm run build` first) as a subprocess, as a user would,
// and reads its peak RSS from `process.resourceUsage()` at exit through a preloaded one-line module.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateBetaGeo } from '../src/clv/index.js';
import { seededRandom } from './harness.js';

const CUSTOMERS = 100_000;
const RUNS = Number(process.env.CLI_BENCH_RUNS ?? process.env.BENCH_ITERATIONS ?? 3);
const TARGET_MS = 15_000;
const TARGET_RSS_MB = 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'index.js');
if (!existsSync(cli)) {
  console.error('dist/cli/index.js is missing: run `npm run build` first.');
  process.exit(1);
}

/**
 * About 1M rows of 100k customers (ids C000001…), ISO dates over 2 years, amounts with 2 decimals; seeded. Purchases
 * follow the BG/NBD process (the library's `simulateBetaGeo`), like real customer bases: heterogeneous rates and
 * dropout. (A log of uniformly random dates has no dropout at all and drives the BG/NBD fit to a degenerate corner.)
 */
function writeLog(path: string): number {
  const random = seededRandom(42);
  const start = Date.UTC(2022, 0, 1);
  const first = Array.from({ length: CUSTOMERS }, () => Math.floor(random() * 700));
  const T = first.map((d) => (730 - d) / 7);
  const sim = simulateBetaGeo(
    { r: 1.45, alpha: 5, a: 0.5, b: 7 },
    { customers: CUSTOMERS, T, seed: 7, transactions: true },
  );
  const iso = (day: number): string => new Date(start + day * 86_400_000).toISOString().slice(0, 10);
  const idOf = (i: number): string => `C${String(i + 1).padStart(6, '0')}`;
  const index = new Map(sim.customers.map((c, i) => [c.customerId, i]));
  const chunks: string[] = ['customer_id,order_date,amount\n'];
  let chunk = '';
  let rows = 0;
  const push = (i: number, day: number): void => {
    chunk += `${idOf(i)},${iso(day)},${(Math.round(random() * 20_000) / 100).toFixed(2)}\n`;
    rows++;
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = '';
    }
  };
  for (let i = 0; i < CUSTOMERS; i++) push(i, first[i] as number);
  for (const p of sim.transactions) {
    const i = index.get(p.customerId) as number;
    push(i, (first[i] as number) + Math.floor(p.time * 7));
  }
  chunks.push(chunk);
  writeFileSync(path, chunks.join(''));
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'crm-cli-bench-'));
const csv = join(dir, 'transactions.csv');
const rows = writeLog(csv);
console.log(`input: ${rows.toLocaleString('en-US')} rows, ${CUSTOMERS.toLocaleString('en-US')} customers`);
const rssFile = join(dir, 'rss.txt');
const preloadEsm = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`;

const times: number[] = [];
const rss: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const out = join(dir, `report-${run}.html`);
  const t0 = performance.now();
  const result = spawnSync(process.execPath, ['--import', preloadEsm, cli, 'report', csv, '--out', out, '--quiet'], {
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (result.status !== 0) {
    console.error(result.stderr || result.stdout);
    process.exit(1);
  }
  times.push(ms);
  rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  if (run === 0) console.log(result.stdout.trimEnd());
  if (run === 0) console.log(`report size ${(statSync(out).size / 1024).toFixed(0)} KB`);
}
rmSync(dir, { recursive: true, force: true });

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
const peak = rss.reduce((m, x) => (x > m ? x : m), 0);
const met = median < TARGET_MS && peak < TARGET_RSS_MB;
const line = `report ${rows.toLocaleString('en-US')} rows / 100k customers: median ${(median / 1000).toFixed(2)} s (min ${((times[0] as number) / 1000).toFixed(2)}, max ${((times[times.length - 1] as number) / 1000).toFixed(2)}, ${RUNS} runs), peak RSS ${peak.toFixed(0)} MB — target < ${TARGET_MS / 1000} s and < ${TARGET_RSS_MB} MB: ${met ? 'ok' : 'MISS'}`;
console.log(line);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'cli.json'),
  `${JSON.stringify({ suite: 'cli', node: process.version, cpus: cpus().length, cases: [{ name: `report ${rows} rows / 100k customers`, medianMs: median, samplesMs: times, peakRssMb: peak, targetMs: TARGET_MS, targetRssMb: TARGET_RSS_MB, met }] }, null, 2)}\n`,
);
if (!met) process.exit(1);
