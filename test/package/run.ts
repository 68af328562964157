// The packed tarball tested as a consumer uses it (`npm run test:package`, after `npm run build`):
//   1. `npm pack` into a temporary folder outside the repo; the tarball holds every `exports` target and no sources;
//   2. a temporary consumer project installs the tarball (offline-first, from the npm cache);
//   3. every subpath is loaded with ESM `import` and CJS `require`, and a few calls are checked against known values;
//   4. TypeScript type-checks consumer code against the shipped `.d.ts` with moduleResolution node16 (an ESM `.mts` and
//      a CJS `.cts` file) and bundler, including `@ts-expect-error` lines that prove the types are not `any`;
//   5. Deno runs the installed package through `npm:` specifiers (from the consumer's node_modules, offline) and
//      `deno check` type-checks the same consumer code through them;
//   6. the `crm-analytics` bin runs.
// It prints `N passed, N failed` and exits non-zero on any failure. Not part of `npm test` (it takes ~30-60 s).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CJS_CONSUMER,
  DENO_CHECKS,
  ESM_CONSUMER,
  EXPECTED_EXPORTS,
  TS_BUNDLER,
  TS_DENO,
  TS_NODE16_CJS,
  TS_NODE16_ESM,
} from './consumer.js';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const deno = join(repoRoot, 'node_modules', '.bin', 'deno');
const keep = process.argv.includes('--keep');

interface PackageJson {
  name: string;
  version: string;
  exports: Record<
    string,
    string | { import: { types: string; default: string }; require: { types: string; default: string } }
  >;
  bin: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
let passed = 0;
let failed = 0;

function check(name: string, run: () => void): void {
  const started = performance.now();
  try {
    run();
    passed += 1;
    process.stdout.write(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)\n`);
  } catch (error) {
    failed += 1;
    const detail = error instanceof Error ? error.message : String(error);
    const output =
      typeof error === 'object' && error !== null && 'stdout' in error
        ? `${String((error as { stdout: unknown }).stdout)}${String((error as { stderr?: unknown }).stderr ?? '')}`
        : '';
    process.stdout.write(`  ✗ ${name}\n${indent(detail)}\n${indent(output)}\n`);
  }
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

if (!existsSync(join(repoRoot, 'dist', 'index.js'))) {
  process.stderr.write('test/package: no dist/ — run `npm run build` first.\n');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'crm-analytics-package-'));
const consumer = join(work, 'consumer');
const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');
const specifiers = subpaths.map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));
process.stdout.write(`test/package: ${pkg.name}@${pkg.version}, ${subpaths.length} subpaths, in ${work}\n`);

let tarball = '';
check('npm pack writes a tarball with every exports target and no sources', () => {
  const out = run('npm', ['pack', '--json', '--pack-destination', work], repoRoot);
  const [info] = JSON.parse(out.slice(out.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  tarball = join(work, info.filename);
  const files = new Set(info.files.map((file) => file.path));
  const missing: string[] = [];
  for (const target of Object.values(pkg.exports)) {
    const paths =
      typeof target === 'string'
        ? [target]
        : [target.import.types, target.import.default, target.require.types, target.require.default];
    for (const path of paths) if (!files.has(path.replace(/^\.\//, ''))) missing.push(path);
  }
  for (const path of Object.values(pkg.bin)) if (!files.has(path.replace(/^\.\//, ''))) missing.push(path);
  for (const path of ['README.md', 'LICENSE', 'package.json']) if (!files.has(path)) missing.push(path);
  if (missing.length > 0) throw new Error(`missing from the tarball: ${missing.join(', ')}`);
  const stray = [...files].filter((path) => /^(src|test|bench|docs|\.ci)\//.test(path) || path.endsWith('.tgz'));
  if (stray.length > 0) throw new Error(`files that should not be published: ${stray.slice(0, 10).join(', ')}`);
  const expected = new Set(Object.keys(EXPECTED_EXPORTS));
  const unlisted = specifiers.filter((spec) => !expected.has(spec));
  if (unlisted.length > 0)
    throw new Error(`subpaths without a check in test/package/consumer.ts: ${unlisted.join(', ')}`);
});

check('the tarball installs into a fresh project (offline-first)', () => {
  if (tarball === '') throw new Error('no tarball');
  mkdirSync(consumer, { recursive: true });
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }, null, 2)}\n`,
  );
  run(
    'npm',
    ['install', tarball, '--no-save', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    consumer,
  );
  if (!existsSync(join(consumer, 'node_modules', pkg.name, 'package.json'))) throw new Error('not installed');
});

writeFileSync(join(consumer, 'esm.mjs'), ESM_CONSUMER);
writeFileSync(join(consumer, 'cjs.cjs'), CJS_CONSUMER);
writeFileSync(join(consumer, 'expected.json'), JSON.stringify(EXPECTED_EXPORTS));

check(`ESM import of every subpath (${specifiers.join(', ')})`, () => {
  run(process.execPath, ['esm.mjs'], consumer);
});

check('CJS require of every subpath', () => {
  run(process.execPath, ['cjs.cjs'], consumer);
});

/** Writes a TypeScript project into `folder` and starts `tsc -p` on it (the checks run concurrently). */
function startTypeCheck(
  folder: string,
  files: Record<string, string>,
  compilerOptions: Record<string, unknown>,
): Promise<{ ok: boolean; output: string; ms: number }> {
  const dir = join(consumer, folder);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      // The shipped declarations are checked too.
      skipLibCheck: false,
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
      typeRoots: [join(repoRoot, 'node_modules', '@types')],
      ...compilerOptions,
    },
    include: Object.keys(files),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const started = performance.now();
  return new Promise((done) => {
    execFile(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ ok: error === null, output: `${stdout}${stderr}`, ms: Math.round(performance.now() - started) });
    });
  });
}

// The consumer is a CommonJS package ("type" unset): .mts is ESM, .cts is CJS.
const node16 = startTypeCheck(
  'ts-node16',
  { 'esm.mts': TS_NODE16_ESM, 'cjs.cts': TS_NODE16_CJS },
  { module: 'node16', moduleResolution: 'node16' },
);
const bundler = startTypeCheck(
  'ts-bundler',
  { 'main.ts': TS_BUNDLER },
  { module: 'esnext', moduleResolution: 'bundler' },
);
const [node16Result, bundlerResult] = await Promise.all([node16, bundler]);
check(`tsc --noEmit, moduleResolution node16 (ESM .mts and CJS .cts consumers; ${node16Result.ms} ms)`, () => {
  if (!node16Result.ok) throw new Error(node16Result.output);
});
check(`tsc --noEmit, moduleResolution bundler (${bundlerResult.ms} ms)`, () => {
  if (!bundlerResult.ok) throw new Error(bundlerResult.output);
});

check('Deno runs the installed package through npm: specifiers (offline: --cached-only, empty DENO_DIR)', () => {
  const versioned = (spec: string): string => `npm:${pkg.name}@${pkg.version}${spec.slice(pkg.name.length)}`;
  const imports = specifiers.map((spec, i) => `import * as m${i} from '${versioned(spec)}';`).join('\n');
  const table = specifiers.map((spec, i) => `'${spec}': m${i}`).join(', ');
  const source = `import { readFileSync } from 'node:fs';\n${imports}\nconst base = import.meta.url;\nconst namespaces = { ${table} };\nconst load = async (spec) => namespaces[spec];\n${DENO_CHECKS}`;
  writeFileSync(join(consumer, 'deno.mjs'), source);
  execFileSync(deno, ['run', '--cached-only', '--no-prompt', '--allow-read', '--allow-env', 'deno.mjs'], {
    cwd: consumer,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DENO_DIR: join(work, 'deno-dir'), NO_COLOR: '1' },
  });
});

check('deno check: the shipped types through npm: specifiers', () => {
  writeFileSync(join(consumer, 'deno-types.ts'), TS_DENO(pkg.version));
  execFileSync(deno, ['check', 'deno-types.ts'], {
    cwd: consumer,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DENO_DIR: join(work, 'deno-dir'), NO_COLOR: '1' },
  });
});

check('the crm-analytics bin runs (--help)', () => {
  const out = run(join(consumer, 'node_modules', '.bin', 'crm-analytics'), ['--help'], consumer);
  if (!out.includes('crm-analytics')) throw new Error(`unexpected --help output:\n${out}`);
});

if (!keep) rmSync(work, { recursive: true, force: true });
else process.stdout.write(`kept ${work}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
