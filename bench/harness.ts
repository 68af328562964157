/**
 * The benchmark harness shared by every `bench/*.bench.ts` file (tinybench underneath).
 *
 * Each case reports median, min/max and the spread (p25–p75) of wall time, the process's peak RSS,
 * and the target it must meet; results are written as JSON to `bench/results/<suite>.json` (git-ignored).
 * A missed target is printed as MISS and makes the process exit 1, so `npm run bench` fails loudly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Bench } from 'tinybench';

export interface BenchCase {
  /** What is measured, e.g. `summarizeCustomers 1M tx / 100k customers`. */
  name: string;
  /** The work (sync or async); its result is kept alive so it cannot be optimized away. */
  fn: () => unknown;
  /** The median must be below this many milliseconds (the issue's floor). */
  targetMs?: number;
  /**
   * Force a full garbage collection before each iteration (outside the timing), so peak memory reflects one run.
   * Only for large cases: on millisecond-scale work, repeated full GCs flush V8's compiled code and the timing then
   * measures recompilation. Default false.
   */
  gc?: boolean;
  /** Optional reference timing of another tool for the same job, in ms, and its label. */
  reference?: { label: string; ms: number };
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
  medianMs: number;
  /** Median CPU time (user + system, all threads of this process) per iteration. */
  cpuMedianMs: number;
  minMs: number;
  maxMs: number;
  p25Ms: number;
  p75Ms: number;
  samples: number;
  peakRssMb: number;
  targetMs: number | null;
  met: boolean | null;
  reference: { label: string; ms: number } | null;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

let sink: unknown;

export async function runSuite(suite: string, cases: BenchCase[], options: BenchOptions = {}): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const c of cases) {
    const bench = new Bench({
      iterations: options.iterations ?? 5,
      time: options.time ?? 500,
      warmup: true,
      warmupIterations: options.warmup ?? 1,
      warmupTime: 0,
      retainSamples: true,
    });
    // Collect garbage before each iteration (outside the timing) so peak memory reflects one run, not leftovers.
    const gc = c.gc === true ? (globalThis as { gc?: () => void }).gc : undefined;
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
    await bench.run();
    const task = bench.tasks[0];
    const samples = [
      ...((task?.result as { latency?: { samples?: number[] } } | undefined)?.latency?.samples ?? []),
    ].sort((a, b) => a - b);
    const median = quantile(samples, 0.5);
    const cpuMedian = quantile(
      cpuSamples.sort((a, b) => a - b),
      0.5,
    );
    const result: BenchResult = {
      name: c.name,
      medianMs: median,
      cpuMedianMs: cpuMedian,
      minMs: samples[0] ?? Number.NaN,
      maxMs: samples[samples.length - 1] ?? Number.NaN,
      p25Ms: quantile(samples, 0.25),
      p75Ms: quantile(samples, 0.75),
      samples: samples.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      targetMs: c.targetMs ?? null,
      met: c.targetMs === undefined ? null : median < c.targetMs,
      reference: c.reference ?? null,
    };
    results.push(result);
    const target = c.targetMs === undefined ? '' : ` target < ${c.targetMs} ms ${result.met ? 'ok' : 'MISS'}`;
    const ref = c.reference
      ? ` (${c.reference.label}: ${c.reference.ms} ms, ×${(c.reference.ms / median).toFixed(1)})`
      : '';
    console.log(
      `${c.name}: median ${median.toFixed(2)} ms (CPU ${cpuMedian.toFixed(1)} ms) [p25 ${result.p25Ms.toFixed(2)}, p75 ${result.p75Ms.toFixed(2)}, n=${samples.length}], peak RSS ${result.peakRssMb.toFixed(0)} MB${target}${ref}`,
    );
  }
  void sink;
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(`./results/${suite}.json`, import.meta.url),
    `${JSON.stringify(
      {
        suite,
        date: new Date().toISOString(),
        machine: {
          node: process.version,
          cpus: cpus().length,
          cpu: cpus()[0]?.model ?? '',
          memoryGb: totalmem() / 2 ** 30,
        },
        results,
      },
      null,
      2,
    )}\n`,
  );
  if (results.some((r) => r.met === false)) process.exitCode = 1;
  return results;
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
