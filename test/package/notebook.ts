// Executes examples/analysis.ipynb (or the .ipynb path given) headless with the Deno kernel (`npm run examples:notebook`, after `npm run build`):
// writes a Deno kernelspec (the `deno` devDependency) into a temporary JUPYTER_PATH, runs
// `jupyter nbconvert --to notebook --execute` into a temporary folder, and fails if any cell errors, a code cell not
// tagged "no-output" prints nothing, or a cell tagged "chart" has no Vega-Lite output. Needs Debian's jupyter-nbconvert and
// python3-ipykernel (`apt-get install -y jupyter-nbconvert python3-ipykernel`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const notebook = resolve(
  process.argv.find((arg) => arg.endsWith('.ipynb')) ?? join(repoRoot, 'examples', 'analysis.ipynb'),
);
const deno = join(repoRoot, 'node_modules', '.bin', 'deno');
const VEGA_LITE = /^application\/vnd\.vegalite\.v\d+\+json$/;

interface Output {
  output_type: string;
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string[] | string;
  metadata: { tags?: string[] };
  outputs?: Output[];
}

if (!existsSync(join(repoRoot, 'dist', 'charts', 'index.js'))) {
  process.stderr.write('examples:notebook: no dist/ — run `npm run build` first.\n');
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'crm-analytics-notebook-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DENO_NO_UPDATE_CHECK: '1',
  NO_COLOR: '1',
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
};
// The kernelspec that `deno jupyter --install` would write, kept in a temporary JUPYTER_PATH (the user's own Jupyter
// setup is left alone, and the kernel is this checkout's Deno).
const kernelDir = join(out, 'jupyter', 'kernels', 'crm-analytics-deno');
mkdirSync(kernelDir, { recursive: true });
const kernelSpec = {
  argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
  display_name: 'Deno',
  language: 'typescript',
};
writeFileSync(join(kernelDir, 'kernel.json'), JSON.stringify(kernelSpec, null, 2));
env.JUPYTER_PATH = join(out, 'jupyter');
interface Attempt {
  lines: string[];
  passed: number;
  failed: number;
  errors: number;
}

/** Executes the notebook once and checks every code cell. */
function attempt(): Attempt {
  const result: Attempt = { lines: [], passed: 0, failed: 0, errors: 0 };
  rmSync(join(out, basename(notebook)), { force: true });
  try {
    execFileSync(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        notebook,
        '--output-dir',
        out,
        '--ExecutePreprocessor.kernel_name=crm-analytics-deno',
        '--ExecutePreprocessor.timeout=300',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], cwd: join(repoRoot, 'examples'), env },
    );
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
    result.lines.push(`  ✗ jupyter nbconvert failed\n${stderr.split('\n').slice(-30).join('\n')}`);
    result.failed += 1;
    result.errors += 1;
    return result;
  }
  const executed = JSON.parse(readFileSync(join(out, basename(notebook)), 'utf8')) as { cells: Cell[] };
  executed.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const source = (Array.isArray(cell.source) ? cell.source.join('') : cell.source).split('\n')[0] ?? '';
    const outputs = cell.outputs ?? [];
    const problems: string[] = [];
    for (const output of outputs) {
      if (output.output_type === 'error') {
        problems.push(`error ${output.ename}: ${output.evalue}`);
        result.errors += 1;
      }
    }
    if (outputs.length === 0 && !cell.metadata.tags?.includes('no-output')) problems.push('no output');
    if (cell.metadata.tags?.includes('chart')) {
      const charts = outputs.filter((output) => Object.keys(output.data ?? {}).some((mime) => VEGA_LITE.test(mime)));
      if (charts.length === 0) problems.push('no Vega-Lite chart in the outputs');
    }
    if (problems.length === 0) result.passed += 1;
    else result.failed += 1;
    const mark = problems.length === 0 ? '✓' : '✗';
    result.lines.push(
      `  ${mark} cell ${index}: ${source}${problems.length > 0 ? `\n      ${problems.join('\n      ')}` : ''}`,
    );
  });
  return result;
}

// The Deno kernel can publish a cell's last output just after it reports the cell idle, and nbconvert then drops
// that output. A run with a missing output (but no error) is therefore tried again, up to three times.
let result = attempt();
for (let retry = 1; retry < 3 && result.failed > 0 && result.errors === 0; retry += 1) {
  process.stdout.write(`  (attempt ${retry}: an output went missing without an error; running the notebook again)\n`);
  result = attempt();
}
process.stdout.write(`${result.lines.join('\n')}\n`);
if (process.argv.includes('--keep')) process.stdout.write(`kept ${out}\n`);
else rmSync(out, { recursive: true, force: true });
process.stdout.write(`${result.passed} passed, ${result.failed} failed\n`);
process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
