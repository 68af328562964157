// Runs every `@example` in the JSDoc of src/ (format: test/support/examples.ts) and the checked ```ts blocks of
// README.md and docs/*.md, so the documentation cannot drift.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';
import { type ExtractedExample, extractExamples, listSourceFiles } from './support/examples.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const srcDir = fileURLToPath(new URL('../src', import.meta.url));

const modules: Record<string, () => Promise<unknown>> = {
  'crm-analytics': async () => root,
  'crm-analytics/data': () => import('../src/data/index.js'),
  'crm-analytics/rfm': () => import('../src/rfm/index.js'),
  'crm-analytics/clv': () => import('../src/clv/index.js'),
  'crm-analytics/value': () => import('../src/value/index.js'),
  'crm-analytics/pareto': () => import('../src/pareto/index.js'),
  'crm-analytics/satisfaction': () => import('../src/satisfaction/index.js'),
  'crm-analytics/lifecycle': () => import('../src/lifecycle/index.js'),
  'crm-analytics/sql': () => import('../src/sql/index.js'),
  'crm-analytics/duckdb': () => import('../src/duckdb/index.js'),
  'crm-analytics/node': () => import('../src/node/index.js'),
  'crm-analytics/charts': () => import('../src/charts/index.js'),
};

function decimalsOf(n: number): number {
  const s = String(n);
  if (s.includes('e')) return -1;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Partial deep match with display-precision tolerance for numbers (see test/support/examples.ts). */
function matches(actual: unknown, expected: unknown, where = 'result'): string | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${where}: expected a number ${expected}, got ${String(actual)}`;
    const d = decimalsOf(expected);
    const tol = d > 0 ? 0.5 * 10 ** -d * (1 + 1e-9) : 1e-9 * Math.abs(expected) + 1e-12;
    if (Object.is(actual, expected) || Math.abs(actual - expected) <= tol) return undefined;
    return `${where}: expected ${expected}, got ${actual}`;
  }
  if (expected === null || typeof expected !== 'object') {
    return Object.is(actual, expected)
      ? undefined
      : `${where}: expected ${JSON.stringify(expected)}, got ${String(actual)}`;
  }
  if (expected instanceof Date) {
    return actual instanceof Date && actual.getTime() === expected.getTime()
      ? undefined
      : `${where}: expected ${expected.toISOString()}, got ${String(actual)}`;
  }
  if (Array.isArray(expected)) {
    const arr = actual as ArrayLike<unknown>;
    if (arr === null || typeof arr !== 'object' || typeof arr.length !== 'number') return `${where}: expected an array`;
    if (arr.length !== expected.length) return `${where}: expected length ${expected.length}, got ${arr.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = matches(arr[i], expected[i], `${where}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (actual === null || typeof actual !== 'object') return `${where}: expected an object, got ${String(actual)}`;
  for (const [k, v] of Object.entries(expected)) {
    const m = matches((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
    if (m) return m;
  }
  return undefined;
}

function compile(code: string): string {
  const lines = code.split('\n').map((line) => {
    const imp = /^\s*import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"];?\s*$/.exec(line);
    if (imp) {
      const names = (imp[1] ?? '')
        .split(',')
        .map((s) => s.trim().replace(/^type\s+\S+$/, ''))
        .filter(Boolean)
        .map((s) => s.replace(/\s+as\s+/, ': '));
      return `const { ${names.join(', ')} } = await __load(${JSON.stringify(imp[2])});`;
    }
    const check = /^(.*?);?\s*\/\/\s*=>\s*(.+)$/.exec(line);
    if (check) return `__check(() => (${check[1]}), () => (${check[2]}), ${JSON.stringify(line.trim())});`;
    const throws = /^(.*?);?\s*\/\/\s*throws\s+([A-Z_]+)\s*$/.exec(line);
    if (throws) return `__throws(() => (${throws[1]}), ${JSON.stringify(throws[2])}, ${JSON.stringify(line.trim())});`;
    return line;
  });
  const js = ts.transpileModule(lines.join('\n'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return js;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

/**
 * ```ts blocks of a Markdown file that check a result (`// =>` or `// throws CODE`). Blocks without a check are
 * sketches (they use the reader's own data) and are not run; every guide has at least one checked block
 * (test/docs.test.ts).
 */
function markdownExamples(file: string): ExtractedExample[] {
  const text = readFileSync(join(repo, file), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)]
    .map((m) => ({
      file,
      line: text.slice(0, m.index).split('\n').length,
      symbol: 'code block',
      code: m[1] ?? '',
    }))
    .filter((ex) => /\/\/\s*(=>|throws\s+[A-Z_]+)/.test(ex.code));
}

// The English guides in docs/ (not docs/zh, whose quick start reads a file from disk, nor docs/api, generated).
const guideFiles = readdirSync(join(repo, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => `docs/${name}`);
const examples = [
  ...listSourceFiles(srcDir).flatMap((file) => extractExamples(repo, file)),
  ...markdownExamples('README.md'),
  ...guideFiles.flatMap(markdownExamples),
];

describe('JSDoc @example blocks run and their results hold', () => {
  it('finds examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  for (const ex of examples) {
    it(`${ex.file}:${ex.line} ${ex.symbol}`, async () => {
      let checks = 0;
      const load = async (name: string): Promise<unknown> => {
        const loader = modules[name];
        if (!loader) throw new Error(`example imports unknown module ${name}`);
        return loader();
      };
      const check = (actual: () => unknown, expected: () => unknown, text: string): void => {
        checks++;
        const problem = matches(actual(), expected());
        if (problem) throw new Error(`${ex.file}:${ex.line}: ${text}\n  ${problem}`);
      };
      const throwsCheck = (run: () => unknown, code: string, text: string): void => {
        checks++;
        let thrown: unknown;
        try {
          run();
        } catch (e) {
          thrown = e;
        }
        if (!(thrown instanceof root.CrmAnalyticsError) || thrown.code !== code) {
          throw new Error(
            `${ex.file}:${ex.line}: ${text}\n  expected a CrmAnalyticsError ${code}, got ${String(thrown)}`,
          );
        }
      };
      const fn = new AsyncFunction('__load', '__check', '__throws', compile(ex.code));
      await fn(load, check, throwsCheck);
      expect(checks, 'an example should check at least one result').toBeGreaterThan(0);
    });
  }
});
