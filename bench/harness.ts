/**
 * The benchmark harness shared by every `bench/*.bench.ts` file (tinybench underneath).
 *
 * Each case reports median, min/max and the spread (p25–p75) of wall time, CPU time, the peak RSS reached while that
 * case ran, and the target it must meet; results are written as JSON to `bench/results/<suite>.json` (git-ignored).
 * A missed target is printed as MISS and makes the process exit 1, so `npm run bench` fails loudly.
 *
 * Sized suites run the same operation at several sizes (10k / 100k / 1M customers, or 100k / 1M / 10M
 * transactions) and report the growth ratio time(size k+1) / time(size k): about 10 for linear work when sizes grow
 * tenfold, below 10 when fixed costs dominate, above 10 when the work is superlinear or the data leaves the caches.
 *
 * Environment:
 * - `BENCH_SIZES`: which sizes to run. A comma list of size labels (`10k,100k`), or a number k for the k smallest of
 *   each suite (`BENCH_SIZES=1` is a quick smoke run). Default: every size.
 * - `BENCH_ITERATIONS`: overrides the minimum number of timed iterations of every case (`1` for a smoke run), and drops
 *   the minimum total time.
 * Each size of a sized suite runs in its own child process (the same script with `BENCH_SIZES` set to that size and
 * `BENCH_CHILD=1`), so its peak memory holds only its own input; the parent merges the children's results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { Bench } from 'tinybench';

export interface BenchCase {
  /** What is measured, e.g. `summarizeCustomers 1M tx / 100k customers`. */
  name: string;
  /** The work (sync or async); its result is kept alive so it cannot be optimized away. */
  fn: () => unknown;
  /**
   * The median must be below this many milliseconds (the issue's floor); a function receives the results of the cases
   * run before it in the same call (for targets relative to a baseline).
   */
  targetMs?: number | ((earlier: readonly BenchResult[]) => number);
  /**
   * Force a full garbage collection before each iteration (outside the timing), so peak memory reflects one run.
   * Only for large cases: on millisecond-scale work, repeated full GCs flush V8's compiled code and the timing then
   * measures recompilation. Default false.
   */
  gc?: boolean;
  /** Optional reference timing of another tool for the same job, in ms, and its label. */
  reference?: { label: string; ms: number };
  /** The operation, without the size (e.g. `summarizeCustomers`): cases sharing it form one growth curve. */
  op?: string;
  /** The size this case runs at (see {@link BenchSize}). */
  size?: BenchSize;
  /** Overrides the suite's minimum number of timed iterations for this case (e.g. fewer for multi-second work). */
  iterations?: number;
  /** Overrides the suite's warm-up iterations for this case (0 for multi-second work, where JIT warm-up is noise). */
  warmup?: number;
}

/** One size of a sized suite: a label for tables (`1M`) and the count it stands for. */
export interface BenchSize {
  label: string;
  n: number;
}

export interface BenchOptions {
  /** Minimum number of timed iterations (default 5). */
  iterations?: number;
  /** Minimum total time per case in ms (default 500). */
  time?: number;
  /** Warm-up iterations (default 1). */
  warmup?: number;
}

export interface BenchResult {
  name: string;
  op: string | null;
  size: string | null;
  n: number | null;
  medianMs: number;
  /** Median CPU time (user + system, all threads of this process) per iteration. */
  cpuMedianMs: number;
  minMs: number;
  maxMs: number;
  p25Ms: number;
  p75Ms: number;
  samples: number;
  /** Peak RSS of the process while this case ran (the high-water mark is reset before each case on Linux). */
  peakRssMb: number;
  /** RSS before the case, after a full GC: mostly the input held in memory. */
  baseRssMb: number;
  /** medianMs / medianMs of the same `op` at the previous size; null for the first size. */
  growth: number | null;
  targetMs: number | null;
  met: boolean | null;
  reference: { label: string; ms: number } | null;
}

/** One step of a growth curve. */
export interface GrowthStep {
  op: string;
  from: string;
  to: string;
  sizeRatio: number;
  timeRatio: number;
}

/** Sizes of suites measured in customers (summaries, scores, model fits and predictions). */
export const CUSTOMER_SIZES: readonly BenchSize[] = [
  { label: '10k', n: 10_000 },
  { label: '100k', n: 100_000 },
  { label: '1M', n: 1_000_000 },
];

/** Sizes of suites measured in transactions (summarizing, cohorts, churn, stages). */
export const TRANSACTION_SIZES: readonly BenchSize[] = [
  { label: '100k', n: 100_000 },
  { label: '1M', n: 1_000_000 },
  { label: '10M', n: 10_000_000 },
];

/** The sizes of `all` selected by `BENCH_SIZES` (see the module comment), in ascending order. */
export function selectedSizes(all: readonly BenchSize[]): BenchSize[] {
  const spec = (process.env.BENCH_SIZES ?? '').trim();
  if (spec === '') return [...all];
  if (/^\d+$/.test(spec)) return all.slice(0, Math.max(1, Number(spec)));
  const wanted = new Set(spec.split(',').map((s) => s.trim().toLowerCase()));
  return all.filter((s) => wanted.has(s.label.toLowerCase()));
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Resets the process's peak-RSS mark (Linux: writing 5 to /proc/self/clear_refs resets VmHWM, which getrusage's
 * maxrss also reads), so that each case reports its own peak rather than the largest of the whole process.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall back to the process-wide peak
  }
  return process.resourceUsage().maxRSS / 1024;
}

let sink: unknown;

function lastOfOp(results: readonly BenchResult[], op: string | undefined): BenchResult | undefined {
  if (op === undefined) return undefined;
  for (let i = results.length - 1; i >= 0; i--) if (results[i]?.op === op) return results[i];
  return undefined;
}

function envIterations(): number | undefined {
  const value = Number(process.env.BENCH_ITERATIONS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Runs the cases one after the other and prints a line per case; see {@link writeResults} for the JSON. */
export async function runCases(cases: BenchCase[], options: BenchOptions = {}): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const smoke = envIterations();
  for (const c of cases) {
    const bench = new Bench({
      iterations: smoke ?? c.iterations ?? options.iterations ?? 5,
      time: smoke === undefined ? (options.time ?? 500) : 0,
      warmup: true,
      warmupIterations: c.warmup ?? options.warmup ?? 1,
      warmupTime: 0,
      retainSamples: true,
    });
    // Collect garbage before each iteration (outside the timing) so peak memory reflects one run, not leftovers.
    const gc = c.gc === true ? collectGarbage : undefined;
    // CPU time of this process per iteration: on a shared, loaded machine it is steadier than wall time.
    const cpuSamples: number[] = [];
    let cpuStart = process.cpuUsage();
    const hooks = {
      beforeEach: () => {
        gc?.();
        cpuStart = process.cpuUsage();
      },
      afterEach: () => {
        const used = process.cpuUsage(cpuStart);
        cpuSamples.push((used.user + used.system) / 1000);
      },
    };
    bench.add(
      c.name,
      () => {
        const result = c.fn();
        if (result instanceof Promise) {
          return result.then((value) => {
            sink = value;
          });
        }
        sink = result;
        return undefined;
      },
      hooks,
    );
    sink = undefined;
    collectGarbage?.();
    const baseRssMb = process.memoryUsage().rss / 2 ** 20;
    resetPeakRss();
    await bench.run();
    const peak = peakRssMb();
    const task = bench.tasks[0];
    if (task?.result?.state === 'errored') throw (task.result as { error?: unknown }).error;
    const samples = [
      ...((task?.result as { latency?: { samples?: number[] } } | undefined)?.latency?.samples ?? []),
    ].sort((a, b) => a - b);
    const median = quantile(samples, 0.5);
    const targetMs = typeof c.targetMs === 'function' ? c.targetMs(results) : c.targetMs;
    const cpuMedian = quantile(
      cpuSamples.sort((a, b) => a - b),
      0.5,
    );
    const previous = lastOfOp(results, c.op);
    const result: BenchResult = {
      name: c.name,
      op: c.op ?? null,
      size: c.size?.label ?? null,
      n: c.size?.n ?? null,
      medianMs: median,
      cpuMedianMs: cpuMedian,
      minMs: samples[0] ?? Number.NaN,
      maxMs: samples[samples.length - 1] ?? Number.NaN,
      p25Ms: quantile(samples, 0.25),
      p75Ms: quantile(samples, 0.75),
      samples: samples.length,
      peakRssMb: peak,
      baseRssMb,
      growth: previous === undefined ? null : median / previous.medianMs,
      targetMs: targetMs ?? null,
      met: targetMs === undefined ? null : median < targetMs,
      reference: c.reference ?? null,
    };
    results.push(result);
    const target = targetMs === undefined ? '' : ` target < ${targetMs.toFixed(0)} ms ${result.met ? 'ok' : 'MISS'}`;
    const ref = c.reference
      ? ` (${c.reference.label}: ${c.reference.ms} ms, ×${(c.reference.ms / median).toFixed(1)})`
      : '';
    const growth = result.growth === null ? '' : ` growth ×${result.growth.toFixed(1)}`;
    console.log(
      `${c.name}: median ${median.toFixed(2)} ms (CPU ${cpuMedian.toFixed(1)} ms) [p25 ${result.p25Ms.toFixed(2)}, p75 ${result.p75Ms.toFixed(2)}, n=${samples.length}], peak RSS ${peak.toFixed(0)} MB (before ${baseRssMb.toFixed(0)})${growth}${target}${ref}`,
    );
  }
  void sink;
  return results;
}

/** The growth curve of every `op` measured at two or more sizes: time(size k+1) / time(size k). */
export function growthSteps(results: readonly BenchResult[]): GrowthStep[] {
  const steps: GrowthStep[] = [];
  const seen = new Map<string, BenchResult>();
  for (const r of results) {
    if (r.op === null) continue;
    const previous = seen.get(r.op);
    if (previous !== undefined && previous.n !== null && r.n !== null) {
      steps.push({
        op: r.op,
        from: previous.size ?? '',
        to: r.size ?? '',
        sizeRatio: r.n / previous.n,
        timeRatio: r.medianMs / previous.medianMs,
      });
    }
    seen.set(r.op, r);
  }
  return steps;
}

/**
 * Prints the growth lines (one per operation measured at several sizes) and writes `bench/results/<suite>.json`
 * with the machine, the load average, every result and the growth steps. Sets exit code 1 if a target was missed.
 */
export function writeResults(suite: string, results: readonly BenchResult[]): void {
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as BenchResult;
    const previous = lastOfOp(results.slice(0, i), r.op ?? undefined);
    r.growth = previous === undefined ? null : r.medianMs / previous.medianMs;
  }
  const steps = growthSteps(results);
  const ops = [...new Set(steps.map((s) => s.op))];
  for (const op of ops) {
    const line = steps
      .filter((s) => s.op === op)
      .map((s) => `${s.from}→${s.to} ×${s.timeRatio.toFixed(1)}`)
      .join(', ');
    console.log(`growth ${op}: ${line}`);
  }
  const load = loadavg();
  console.log(`load average ${load.map((x) => x.toFixed(2)).join(', ')}`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(isChildRun() ? partFile(suite, process.env.BENCH_SIZES ?? '') : `./results/${suite}.json`, import.meta.url),
    `${JSON.stringify(
      {
        suite,
        date: new Date().toISOString(),
        machine: {
          node: process.version,
          cpus: cpus().length,
          cpu: cpus()[0]?.model ?? '',
          memoryGb: totalmem() / 2 ** 30,
          loadAverage: load,
        },
        sizes: process.env.BENCH_SIZES ?? 'all',
        results,
        growth: steps,
      },
      null,
      2,
    )}\n`,
  );
  if (results.some((r) => r.met === false)) process.exitCode = 1;
}

/** {@link runCases} then {@link writeResults}. */
export async function runSuite(suite: string, cases: BenchCase[], options: BenchOptions = {}): Promise<BenchResult[]> {
  const results = await runCases(cases, options);
  writeResults(suite, results);
  return results;
}

/**
 * A sized suite: for each selected size (ascending), builds that size's input and cases, runs them, then lets the
 * input go before the next size, so each size's peak memory holds one input. Writes one JSON with every size and the
 * growth ratios.
 */
export async function runSizedSuite(
  suite: string,
  sizes: readonly BenchSize[],
  casesFor: (size: BenchSize) => BenchCase[] | Promise<BenchCase[]>,
  options: BenchOptions = {},
): Promise<BenchResult[]> {
  const merged = runSizesInChildren(suite, sizes);
  if (merged !== undefined) return merged;
  const results: BenchResult[] = [];
  for (const size of selectedSizes(sizes)) {
    const cases = await casesFor(size);
    results.push(...(await runCases(cases, options)));
  }
  writeResults(suite, results);
  return results;
}

/** True in the child process that runs one size of a sized suite (see {@link runSizesInChildren}). */
export function isChildRun(): boolean {
  return process.env.BENCH_CHILD === '1';
}

function partFile(suite: string, size: string): string {
  return `./results/${suite}.part-${size}.json`;
}

/**
 * In the parent, with two or more sizes selected: runs the current script once per size in a child process (so each
 * size's peak memory holds only its own input), merges the children's results, writes `results/<suite>.json` with the
 * growth ratios and returns the merged results. Returns undefined in a child or when one size is selected: the caller
 * then runs the size(s) in this process. A failing child sets exit code 1.
 */
export function runSizesInChildren(suite: string, sizes: readonly BenchSize[]): BenchResult[] | undefined {
  const selected = selectedSizes(sizes);
  if (isChildRun() || selected.length <= 1) return undefined;
  const script = process.argv[1] as string;
  const results: BenchResult[] = [];
  for (const size of selected) {
    const run = spawnSync(process.execPath, [...process.execArgv, script], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_SIZES: size.label, BENCH_CHILD: '1' },
    });
    if (run.status !== 0) process.exitCode = 1;
    const part = new URL(partFile(suite, size.label), import.meta.url);
    if (!existsSync(part)) continue;
    results.push(...(JSON.parse(readFileSync(part, 'utf8')) as { results: BenchResult[] }).results);
    rmSync(part);
  }
  writeResults(suite, results);
  return results;
}

/** `10_000` → `10k`, `1_000_000` → `1M`: size labels for case names. */
export function formatCount(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return n.toLocaleString('en-US');
}

/** A small, fast, seeded PRNG (mulberry32) so generated benchmark data is identical on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
