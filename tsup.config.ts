import { defineConfig, type Options } from 'tsup';

// One entry per area so that `crm-analytics/<area>` loads only that area.
// Kept deliberately trivial: tsup is in maintenance, and a move to tsdown should be a rename.
export const areas = [
  'data',
  'rfm',
  'clv',
  'value',
  'pareto',
  'satisfaction',
  'lifecycle',
  'charts',
  'sql',
  'duckdb',
  'node',
] as const;

const config: Options = {
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(areas.map((area) => [`${area}/index`, `src/${area}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  // Everything but the CLI bundle, which the second build writes at the same time.
  clean: ['!cli/**'],
  splitting: true,
  sourcemap: false,
  target: 'es2020',
  treeshake: true,
};

/**
 * The `crm-analytics` command (`bin`): ESM only, with a shebang. Its optional dependencies (csv-parse, vega,
 * vega-lite, cli-progress) stay external and are loaded lazily, so that library users never load them.
 */
export const cliConfig: Options = {
  entry: { 'cli/index': 'src/cli/index.ts' },
  format: ['esm'],
  dts: false,
  clean: false,
  splitting: false,
  sourcemap: false,
  platform: 'node',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  external: ['csv-parse', 'csv-parse/sync', 'vega', 'vega-lite', 'cli-progress'],
};

const options: Options[] = defineConfig([config, cliConfig]) as Options[];
export default options;
