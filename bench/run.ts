/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains `filter`) in its own
 * Node process, so peak memory is measured per suite, and exits non-zero if any target was missed.
 * `BENCH_SIZES=1 BENCH_ITERATIONS=1 npm run bench` is a quick smoke run (smallest size of each suite, one timed run);
 * see bench/harness.ts for both variables.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failed = 0;
const start = performance.now();
for (const file of files) {
  console.log(`\n## ${file} (load average ${loadavg()[0]?.toFixed(2)})`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}/${file}`], { stdio: 'inherit' });
  console.log(`(${file}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (run.status !== 0) failed++;
}
console.log(`\ntotal ${((performance.now() - start) / 1000).toFixed(0)} s for ${files.length} suite(s)`);
if (failed > 0) {
  console.error(`\n${failed} benchmark suite(s) missed a target or failed.`);
  process.exit(1);
}
