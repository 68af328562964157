// Bundles the browser example with esbuild: examples/browser/main.ts → <outdir>/dist/main.js (a minified IIFE), and copies
// index.html beside it. `npm run examples:browser` bundles the built package (dist/, through package.json `exports`,
// as an application depending on crm-analytics would); the browser test bundles the sources instead.
//
//   npm run build && npm run examples:browser   # then open examples/browser/index.html (file: works, no server needed)
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..', '..');

export interface BrowserBuild {
  /** The page to open. */
  html: string;
  /** Bytes of the minified bundle. */
  bytes: number;
  metafile: Metafile;
}

/**
 * Bundles the page into `outdir` (an `index.html` and `dist/main.js`). `from: 'dist'` resolves `crm-analytics/*`
 * through package.json `exports` to the built files; `from: 'src'` to the TypeScript sources.
 */
export async function buildBrowserExample(options: { from: 'dist' | 'src'; outdir: string }): Promise<BrowserBuild> {
  const outfile = join(options.outdir, 'dist', 'main.js');
  const result = await build({
    entryPoints: [join(here, 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    outfile,
    metafile: true,
    logLevel: 'silent',
    // crm-analytics/<area> → dist/<area>/index.js or src/<area>/index.ts (not the repo's tsconfig paths).
    alias: { 'crm-analytics': join(repoRoot, options.from) },
    tsconfigRaw: {},
  });
  const html = join(options.outdir, 'index.html');
  if (resolve(options.outdir) !== resolve(here)) {
    mkdirSync(options.outdir, { recursive: true });
    copyFileSync(join(here, 'index.html'), html);
  }
  const output = result.metafile.outputs[Object.keys(result.metafile.outputs)[0] ?? ''];
  return { html, bytes: output?.bytes ?? 0, metafile: result.metafile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await buildBrowserExample({ from: 'dist', outdir: here });
  process.stdout.write(`examples/browser: ${(built.bytes / 1024).toFixed(1)} KiB → ${built.html}\n`);
}
