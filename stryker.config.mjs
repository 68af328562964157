// Mutation testing (Stryker 9, vitest runner): `npm run test:mutation`. Not part of `npm test`.
// Whole numeric core by default; one area at a time with STRYKER_AREA=<area> (e.g. `STRYKER_AREA=value`),
// which mutates src/<area> and runs only test/<area> (much faster on a small machine). See docs/testing.md.
const areas = ['rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle', 'core'];
const area = process.env.STRYKER_AREA;
if (area !== undefined && !areas.includes(area)) {
  throw new Error(`STRYKER_AREA must be one of ${areas.join(', ')}, got ${area}`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: {
    // The numeric areas' tests; only test/<area> with STRYKER_AREA (vitest.mutation.config.ts reads it too).
    configFile: 'vitest.mutation.config.ts',
    // Tests import the package by its public names (aliases), which vitest cannot relate to source files.
    related: false,
  },
  mutate: [
    ...(area === undefined ? areas : [area]).flatMap((a) => [`src/${a}/**/*.ts`, `!src/${a}/**/index.ts`]),
    // Still being written by another engineer: add once it lands.
    '!src/clv/models/**',
  ],
  // Still being written by another engineer: add once it lands.
  // The sandbox needs src, test, bench/harness.ts and the configs; docs and build output are left out.
  ignorePatterns: ['dist', 'docs', 'coverage', 'bench/results', 'test/artifacts', 'reports', '.stryker-tmp'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};

export default config;
