/**
 * Test helpers for the `crm-analytics` command: the tests run the BUILT binary (`node dist/cli/index.js`) as a
 * subprocess. CI runs `npm run build` before `npm test`; so that `npx vitest run test/cli` also works on its own,
 * `ensureCliBuilt()` rebuilds just the CLI bundle (with the `cliConfig` of tsup.config.ts, the exact build options)
 * when dist/cli/index.js is missing or older than any file in src/ or tsup.config.ts. A lock directory keeps
 * parallel test files from building at the same time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot: string = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath: string = join(repoRoot, 'dist', 'cli', 'index.js');
export const fixture = (name: string): string => join(repoRoot, 'test', 'cli', 'fixtures', name);
/** Fixture path as the tests pass it to the CLI (relative to the repo root, so that outputs are stable). */
export const relFixture = (name: string): string => `test/cli/fixtures/${name}`;

function newestMtime(dir: string): number {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(cliPath)) return true;
  const built = statSync(cliPath).mtimeMs;
  return built < Math.max(newestMtime(join(repoRoot, 'src')), statSync(join(repoRoot, 'tsup.config.ts')).mtimeMs);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds dist/cli/index.js if it is missing or stale (see the module comment). */
export async function ensureCliBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = join(repoRoot, 'dist', '.cli-build-lock');
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building. After 3 minutes the lock is taken to be left over from a killed run.
      if (waited > 180_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await sleep(250);
      if (!isStale()) return;
    }
  }
  try {
    if (!isStale()) return;
    const { build } = await import('tsup');
    const { cliConfig } = await import('../../tsup.config.js');
    await build({ ...cliConfig, silent: true });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary with `args` in the repository root. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CRM_ANALYTICS_DEBUG: '', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Matches a JavaScript stack trace line (which user errors must never print). */
export const STACK_TRACE: RegExp = /^\s+at .+:\d+:\d+\)?$/m;
