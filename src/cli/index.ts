/**
 * The `crm-analytics` command-line entry (built to `dist/cli/index.js` with a `#!/usr/bin/env node` banner).
 * Node only; loads csv-parse, vega, vega-lite and cli-progress lazily (optional dependencies of the package).
 * @module
 */
import { main } from './main.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`crm-analytics rfm x.csv | head`) is not an error of ours.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`crm-analytics: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
