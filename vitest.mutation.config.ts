// Vitest configuration for mutation testing only (stryker.config.mjs): the numeric areas' tests, or one area's with
// STRYKER_AREA=<area>. The CLI, chart, browser and fuzz suites are left out: they are slow and kill no extra mutants
// of the numeric core that the area tests do not.
import type { ViteUserConfig } from 'vitest/config';
import base from './vitest.config.js';

const area = process.env.STRYKER_AREA;
const areas = ['core', 'rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle', 'data'];

const config: ViteUserConfig = {
  ...base,
  test: {
    ...base.test,
    // src/core is shared infrastructure that the other areas' tests exercise (test/core alone measured 46%, most
    // survivors being code only other areas call): a core run uses every numeric area's tests.
    include: (area === undefined || area === 'core' ? areas : [area]).map((a) => `test/${a}/**/*.test.ts`),
    coverage: { enabled: false },
    setupFiles: ['test/support/mutation.setup.ts'],
    // Stryker switches mutants at run time, so the module graph can be shared between test files: without isolation
    // a run over test/pareto imported its modules in 15 s instead of 171 s (2 busy cores), and every mutant pays that.
    // Static mutants (STRYKER_STATIC=1, stryker.config.mjs) need fresh modules, so they keep the isolation.
    isolate: process.env.STRYKER_STATIC === '1',
  },
};

export default config;
