// Bundle-size budget (`npm run size`, after `npm run build`): each case is bundled from the built files (dist/) with
// esbuild for the browser (minified ESM, tree-shaken, dependencies included) and its gzip size compared with the budget
// in test/package/size-budget.json. Also checked:
//   - no browser bundle pulls a Node built-in (the core areas must stay runtime-neutral);
//   - importing one function from the root entry costs about the same as from its subpath (the root tree-shakes).
// Prints a table (paste it into the README with --markdown) and `N passed, N failed`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const budgets = JSON.parse(readFileSync(join(repoRoot, 'test', 'package', 'size-budget.json'), 'utf8')) as {
  cases: { name: string; import: string; gzipBudget: number }[];
  rootOverheadMax: number;
};
const markdown = process.argv.includes('--markdown');

interface Measured {
  name: string;
  code: string;
  minified: number;
  gzip: number;
  nodeBuiltins: string[];
}

async function measure(name: string, code: string): Promise<Measured> {
  const result = await build({
    stdin: { contents: code, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The package as published: crm-analytics/<area> → dist/<area>/index.js (not the tsconfig paths to src/).
    alias: { 'crm-analytics': join(repoRoot, 'dist') },
    tsconfigRaw: {},
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`${name}: no output`);
  const nodeBuiltins = Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((imported) => imported.path.startsWith('node:')).map((imported) => imported.path),
  );
  return {
    name,
    code,
    minified: output.contents.byteLength,
    gzip: gzipSync(output.contents, { level: 9 }).byteLength,
    nodeBuiltins,
  };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
let passed = 0;
let failed = 0;
const report = (ok: boolean, line: string): void => {
  if (ok) passed += 1;
  else failed += 1;
  if (!markdown || !ok) process.stdout.write(`  ${ok ? '✓' : '✗'} ${line}\n`);
};

const measured: Measured[] = [];
for (const entry of budgets.cases) {
  try {
    const m = await measure(entry.name, entry.import);
    measured.push(m);
    report(
      m.gzip <= entry.gzipBudget,
      `${entry.name}: ${kib(m.gzip)} gzip (${kib(m.minified)} min), budget ${kib(entry.gzipBudget)}`,
    );
    report(
      m.nodeBuiltins.length === 0,
      `${entry.name}: no Node built-in${m.nodeBuiltins.length > 0 ? ` (imports ${m.nodeBuiltins.join(', ')})` : ''}`,
    );
  } catch (error) {
    report(false, `${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Tree-shaking through the root entry: `import { gini } from 'crm-analytics'` ≈ `from 'crm-analytics/pareto'`.
for (const [fn, area] of [
  ['gini', 'pareto'],
  ['rfmScores', 'rfm'],
  ['csat', 'satisfaction'],
] as const) {
  const viaRoot = await measure(`${fn} via root`, `export { ${fn} } from 'crm-analytics';`);
  const viaArea = await measure(`${fn} via ${area}`, `export { ${fn} } from 'crm-analytics/${area}';`);
  const overhead = viaRoot.gzip - viaArea.gzip;
  report(
    overhead <= budgets.rootOverheadMax,
    `{ ${fn} } from the root costs ${overhead} B gzip more than from crm-analytics/${area} (max ${budgets.rootOverheadMax} B)`,
  );
}

if (markdown) {
  process.stdout.write('| import | minified | gzip |\n| --- | ---: | ---: |\n');
  for (const m of measured) process.stdout.write(`| \`${m.code}\` | ${kib(m.minified)} | ${kib(m.gzip)} |\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
