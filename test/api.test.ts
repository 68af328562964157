// The public API, as names per entry point: a snapshot makes every addition or removal visible in review.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listSourceFiles } from './support/examples.js';

const entries = {
  'crm-analytics': () => import('../src/index.js'),
  'crm-analytics/data': () => import('../src/data/index.js'),
  'crm-analytics/rfm': () => import('../src/rfm/index.js'),
  'crm-analytics/clv': () => import('../src/clv/index.js'),
  'crm-analytics/value': () => import('../src/value/index.js'),
  'crm-analytics/pareto': () => import('../src/pareto/index.js'),
  'crm-analytics/satisfaction': () => import('../src/satisfaction/index.js'),
  'crm-analytics/lifecycle': () => import('../src/lifecycle/index.js'),
  'crm-analytics/charts': () => import('../src/charts/index.js'),
  'crm-analytics/sql': () => import('../src/sql/index.js'),
  'crm-analytics/node': () => import('../src/node/index.js'),
  'crm-analytics/duckdb': () => import('../src/duckdb/index.js'),
};

describe('public API', () => {
  for (const [name, load] of Object.entries(entries)) {
    it(`${name} exports`, async () => {
      expect(Object.keys(await load()).sort()).toMatchSnapshot();
    });
  }

  it('the root re-exports every name of every library area', async () => {
    const root = await entries['crm-analytics']();
    for (const area of ['data', 'rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle'] as const) {
      const mod = await entries[`crm-analytics/${area}`]();
      for (const key of Object.keys(mod)) expect(root, `${area}.${key}`).toHaveProperty(key);
    }
  });
});

describe('portability', () => {
  // Browsers, Deno and edge runtimes: the library areas import no Node built-ins. Node-only code lives in
  // src/node, src/duckdb and src/cli, behind their own entry points.
  const nodeOnly = ['/src/node/', '/src/duckdb/', '/src/cli/'];
  const files = listSourceFiles(fileURLToPath(new URL('../src', import.meta.url))).filter(
    (f) => !nodeOnly.some((dir) => f.includes(dir)),
  );
  it.each(files.map((f) => [f.slice(f.indexOf('/src/') + 1)]))('%s imports no Node built-in', (file) => {
    const text = readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
    const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
    const builtins = [
      'fs',
      'path',
      'os',
      'url',
      'worker_threads',
      'child_process',
      'crypto',
      'stream',
      'util',
      'events',
    ];
    const bad = imports.filter(
      (s) => s.startsWith('node:') || builtins.includes(s) || builtins.some((b) => s.startsWith(`${b}/`)),
    );
    expect(bad).toEqual([]);
  });
});
