// Issue 12: summarizeParallel vs summarizeColumns on one thread, at 1M transactions / 100k customers and
// 10M transactions / 1M customers in typed arrays (the speed-up of 2 threads on this 2-core machine is the figure
// to report).
//
// Each case runs in its own Node process, so that its peak RSS is its own; this file, run without arguments, starts
// them one after the other and writes every result, with the load average before and after each case (the machine
// is shared), to bench/results/parallel.json.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { summarizeColumns } from '../src/data/index.js';
import { summarizeParallel } from '../src/node/index.js';
import { type BenchCase, type BenchResult, runSuite, seededRandom } from './harness.js';

interface CaseSpec {
  rows: number;
  /** 0: summarizeColumns; otherwise summarizeParallel with this many threads. */
  workers: number;
  keepWorkers: boolean;
  /** Input columns in SharedArrayBuffers (no copy for the workers). */
  shared: boolean;
}

const specs: CaseSpec[] = [];
for (const rows of [1_000_000, 10_000_000]) {
  specs.push({ rows, workers: 0, keepWorkers: false, shared: false });
  specs.push({ rows, workers: 1, keepWorkers: false, shared: false });
  specs.push({ rows, workers: 2, keepWorkers: false, shared: false });
  specs.push({ rows, workers: 2, keepWorkers: true, shared: false });
  specs.push({ rows, workers: 2, keepWorkers: true, shared: true });
}

function label(spec: CaseSpec): string {
  const size = `${spec.rows / 1e6}M tx / ${spec.rows / 1e7 >= 1 ? `${spec.rows / 1e7}M` : `${spec.rows / 1e4}k`} customers`;
  if (spec.workers === 0) return `summarizeColumns ${size}, 1 thread`;
  const how = [
    spec.keepWorkers ? 'pooled workers' : 'workers started per call',
    ...(spec.shared ? ['shared input'] : []),
  ];
  return `summarizeParallel ${size}, workers: ${spec.workers} (${how.join(', ')})`;
}

function makeCase(spec: CaseSpec): BenchCase {
  const n = spec.rows;
  const random = seededRandom(7);
  const column = <T>(Ctor: new (buffer: ArrayBufferLike) => T, bytes: number): T =>
    new Ctor(spec.shared ? new SharedArrayBuffer(bytes * n) : new ArrayBuffer(bytes * n));
  const customerIds = column(Int32Array, 4);
  const dates = column(Float64Array, 8);
  const amounts = column(Float64Array, 8);
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < n; i++) {
    customerIds[i] = 1 + Math.floor(random() * (n / 10));
    dates[i] = start + Math.floor(random() * 731) * 86_400_000;
    amounts[i] = Math.round(random() * 20_000) / 100;
  }
  const input = { customerIds, dates, amounts };
  const options = { observationEnd: '2021-12-31' };
  const fn =
    spec.workers === 0
      ? () => summarizeColumns(input, options)
      : () => summarizeParallel(input, { ...options, workers: spec.workers, keepWorkers: spec.keepWorkers });
  return { name: label(spec), fn, gc: true };
}

const which = process.env.PARALLEL_BENCH_CASE;
if (which !== undefined) {
  // One case, in this process.
  const spec = specs[Number(which)] as CaseSpec;
  await runSuite(`parallel-case-${which}`, [makeCase(spec)], { iterations: spec.rows > 1e6 ? 5 : 9, time: 0 });
} else {
  const self = fileURLToPath(import.meta.url);
  const results: ((BenchResult & { loadBefore: number[]; loadAfter: number[] }) | undefined)[] = [];
  let failed = false;
  for (let i = 0; i < specs.length; i++) {
    const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', self], {
      stdio: 'inherit',
      env: { ...process.env, PARALLEL_BENCH_CASE: String(i) },
    });
    const loadAfter = loadavg().map((x) => Math.round(x * 100) / 100);
    console.log(`  load average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);
    if (run.status !== 0) failed = true;
    const file = new URL(`./results/parallel-case-${i}.json`, import.meta.url);
    try {
      const written = JSON.parse(readFileSync(file, 'utf8')) as { results: BenchResult[] };
      const r = written.results[0];
      if (r !== undefined) results[i] = { ...r, loadBefore, loadAfter };
      rmSync(file);
    } catch {
      failed = true;
    }
  }
  // Speed-up of each parallel case over the serial case of the same size (medians).
  const serialMs = (rows: number): number | undefined =>
    results[specs.findIndex((t) => t.rows === rows && t.workers === 0)]?.medianMs;
  const speedUps = specs.map((s, i) => {
    const base = serialMs(s.rows);
    const r = results[i];
    return {
      name: r?.name ?? label(s),
      speedUp: base === undefined || r === undefined ? null : Math.round((base / r.medianMs) * 100) / 100,
    };
  });
  for (const s of speedUps) if (s.speedUp !== null) console.log(`${s.name}: ×${s.speedUp.toFixed(2)} vs 1 thread`);
  writeFileSync(
    new URL('./results/parallel.json', import.meta.url),
    `${JSON.stringify(
      {
        suite: 'parallel',
        date: new Date().toISOString(),
        machine: {
          node: process.version,
          cpus: cpus().length,
          cpu: cpus()[0]?.model ?? '',
          memoryGb: totalmem() / 2 ** 30,
        },
        results,
        speedUps,
      },
      null,
      2,
    )}\n`,
  );
  if (failed) process.exitCode = 1;
}
