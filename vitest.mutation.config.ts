// Vitest configuration for mutation testing only (stryker.config.mjs): the numeric areas' tests, or one area's with
// STRYKER_AREA=<area>. The CLI, chart, browser and fuzz suites are left out: they are slow and kill no extra mutants
// of the numeric core that the area tests do not.
import type { ViteUserConfig } from 'vitest/config';
import base from './vitest.config.js';

const area = process.env.STRYKER_AREA;
const areas = ['core', 'rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle', 'data'];

// Test files that replace a module with vi.mock: without isolation the mock would leak into every later file (the
// fits would all report non-convergence), so they run in a project of their own that keeps the isolation.
const mocking = ['test/clv/contractual/strictMode.test.ts'];
const include = (area === undefined || area === 'core' ? areas : [area]).map((a) => `test/${a}/**/*.test.ts`);
const inArea = (file: string): boolean => include.some((glob) => file.startsWith(glob.slice(0, glob.indexOf('**'))));

// The projects below set their own include; with `extends: true` the base config's include would be added to it.
const { include: _everyTest, ...baseTest } = base.test ?? {};

const config: ViteUserConfig = {
  ...base,
  test: {
    ...baseTest,
    coverage: { enabled: false },
    setupFiles: ['test/support/mutation.setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          // src/core is shared infrastructure that the other areas' tests exercise (test/core alone measured 46%, most
          // survivors being code only other areas call): a core run uses every numeric area's tests.
          include,
          exclude: mocking,
          // Stryker switches mutants at run time, so the module graph can be shared between test files: without
          // isolation a run over test/pareto imported its modules in 15 s instead of 171 s (2 busy cores), and every
          // mutant pays that. Static mutants (STRYKER_STATIC=1, stryker.config.mjs) need fresh modules, so they keep
          // the isolation.
          isolate: process.env.STRYKER_STATIC === '1',
        },
      },
      ...(mocking.some(inArea)
        ? [{ extends: true, test: { name: 'isolated', include: mocking.filter(inArea), isolate: true } }]
        : []),
    ],
  },
};

export default config;
