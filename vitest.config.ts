import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const areas = ['data', 'rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle', 'charts', 'sql', 'duckdb', 'node'];

const config: ViteUserConfig = defineConfig({
  resolve: {
    // Tests and JSDoc examples import the package by its public names; resolve them to the sources.
    alias: [
      ...areas.map((area) => ({ find: `crm-analytics/${area}`, replacement: src(`${area}/index.ts`) })),
      { find: /^crm-analytics$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Coverage (v8) is off in `npm test`; `npm run test:coverage` measures it. The thresholds are enforced only with
    // COVERAGE_THRESHOLDS=1 until every area passes them (docs/testing.md has the numbers).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Still being written: src/cli, src/charts, src/clv/models. Type-only files have no runtime code.
      exclude: ['src/cli/**', 'src/charts/**', 'src/clv/models/**', 'src/**/types.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      ...(process.env.COVERAGE_THRESHOLDS === '1' ? { thresholds: { lines: 95, branches: 90 } } : {}),
    },
  },
});

export default config;
