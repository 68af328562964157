/**
 * `npx tsx bench/report.ts [suite …]`: prints the Markdown tables of docs/performance.md from bench/results/*.json
 * (one row per operation, one column per size: median and p25–p75 of wall time, the growth ratios between sizes of
 * the wall and CPU medians, CPU medians and peak RSS), with the load average each suite was measured under.
 * Re-run after `npm run bench` on a quiet machine and paste the output into the docs.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BenchResult } from './harness.js';

interface SuiteFile {
  suite: string;
  date: string;
  machine: { loadAverage?: number[] };
  results: BenchResult[];
}

const suites = process.argv.slice(2);
const names =
  suites.length > 0
    ? suites
    : ['summarize', 'columns', 'scale', 'rfm', 'pareto', 'lifecycle', 'models-sized', 'contractual-sized'];

function ms(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}

function bare(x: number): string {
  return ms(x).replace(/ (ms|s)$/, '');
}

for (const name of names) {
  const file = new URL(`./results/${name}.json`, import.meta.url);
  if (!existsSync(file)) continue;
  const data = JSON.parse(readFileSync(file, 'utf8')) as SuiteFile;
  const sized = data.results.filter((r) => r.op !== null);
  if (sized.length === 0) continue;
  const sizes = [...new Set(sized.map((r) => r.size as string))];
  const ops = [...new Set(sized.map((r) => r.op as string))];
  const load = data.machine.loadAverage?.map((x) => x.toFixed(1)).join(', ') ?? 'not recorded';
  console.log(`\n### ${name} (${data.date.slice(0, 16).replace('T', ' ')} UTC, load average ${load})\n`);
  console.log(
    `| operation | ${sizes.map((s) => `${s}: median (p25–p75)`).join(' | ')} | growth (wall; CPU) | CPU median (${sizes.join(' / ')}) | peak RSS, MB (${sizes.join(' / ')}) |`,
  );
  console.log(`|---|${sizes.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const op of ops) {
    const row = sizes.map((s) => sized.find((r) => r.op === op && r.size === s));
    const cells = row.map((r) => (r === undefined ? '—' : `${ms(r.medianMs)} (${bare(r.p25Ms)}–${bare(r.p75Ms)})`));
    const growth = row
      .filter((r): r is BenchResult => r !== undefined && r.growth !== null)
      .map((r) => `×${(r.growth as number).toFixed(1)}`)
      .join(', ');
    const cpu = row.map((r) => (r === undefined ? '—' : ms(r.cpuMedianMs))).join(' / ');
    const present = row.filter((r): r is BenchResult => r !== undefined);
    const cpuGrowth = present
      .slice(1)
      .map((r, i) => `×${(r.cpuMedianMs / (present[i] as BenchResult).cpuMedianMs).toFixed(1)}`)
      .join(', ');
    const rss = row.map((r) => (r === undefined ? '—' : r.peakRssMb.toFixed(0))).join(' / ');
    console.log(
      `| ${op} | ${cells.join(' | ')} | ${growth || '—'}${cpuGrowth ? ` (CPU ${cpuGrowth})` : ''} | ${cpu} | ${rss} |`,
    );
  }
}
