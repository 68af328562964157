/**
 * Extracts the `@example` blocks of the JSDoc comments in `src/` so that the test suite can run them.
 *
 * Example format (plain TypeScript, one statement per line where a result is checked):
 * ```
 * @example
 * import { gini } from 'crm-analytics/pareto';
 * gini([1, 2, 3, 4]); // => 0.25
 * gini([]); // throws EMPTY_INPUT
 * ```
 * - `expr; // => value`: `value` is a JS literal (number, string, array, object). Numbers written with decimals match
 *   results that round to them (half a unit in the last written place); whole numbers must match to 1e-9 relative.
 *   Objects match when every key written is present and matches (extra keys in the result are fine).
 * - `expr; // throws CODE`: the expression throws a CrmAnalyticsError with that code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ExtractedExample {
  file: string;
  line: number;
  /** The exported symbol the comment documents (best effort). */
  symbol: string;
  code: string;
}

export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

const COMMENT =
  /\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|const|class|interface|type|let)?\s*([A-Za-z0-9_$]*)/g;

export function extractExamples(root: string, file: string): ExtractedExample[] {
  const text = readFileSync(file, 'utf8');
  const out: ExtractedExample[] = [];
  for (const match of text.matchAll(COMMENT)) {
    const body = match[1] ?? '';
    const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const startLine = text.slice(0, match.index).split('\n').length;
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test((lines[i] ?? '').trim())) continue;
      const code: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j] ?? '';
        if (/^@\w+/.test(l.trim())) break;
        if (/^```/.test(l.trim())) continue;
        code.push(l);
      }
      out.push({
        file: relative(root, file),
        line: startLine + i,
        symbol: match[2] ?? '',
        code: code.join('\n').trim(),
      });
      i = j - 1;
    }
  }
  return out;
}
