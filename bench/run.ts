/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains `filter`) in its own
 * Node process, so peak memory is measured per suite, and exits non-zero if any target was missed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}/${file}`], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
if (failed > 0) {
  console.error(`\n${failed} benchmark suite(s) missed a target or failed.`);
  process.exit(1);
}
