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
  },
});

export default config;
