// Mutation testing (Stryker 9, vitest runner): `npm run test:mutation`. Not part of `npm test`.
// Whole numeric core by default; one area at a time with STRYKER_AREA=<area> (e.g. `STRYKER_AREA=value`),
// which mutates src/<area> and runs only test/<area> (much faster on a small machine). clv is large: its sub-areas
// run alone with STRYKER_AREA=clv/retention, clv/contractual or clv/models (src/clv/<sub> against test/clv/<sub>).
// See docs/testing.md.
const areas = ['rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle', 'core'];
const subAreas = ['clv/retention', 'clv/contractual', 'clv/models'];
const area = process.env.STRYKER_AREA;
if (area !== undefined && !areas.includes(area) && !subAreas.includes(area)) {
  throw new Error(`STRYKER_AREA must be one of ${[...areas, ...subAreas].join(', ')}, got ${area}`);
}
// Reports and the incremental file are kept per area, so runs of different areas do not overwrite each other.
// STRYKER_REPORT_SUFFIX=<name> keeps a run limited with --mutate (one file of a large area) in a directory of its own,
// e.g. reports/mutation/clv-models-betaGeo, so per-file runs do not replace each other's incremental results.
const suffix = process.env.STRYKER_REPORT_SUFFIX;
const reportDir = `reports/mutation/${area === undefined ? 'all' : area.replace('/', '-')}${suffix ? `-${suffix}` : ''}`;

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
  mutate: (area === undefined ? areas : [area]).flatMap((a) => [`src/${a}/**/*.ts`, `!src/${a}/**/index.ts`]),
  // The sandbox needs src, test, bench/harness.ts and the configs; docs and build output are left out.
  ignorePatterns: ['dist', 'docs', 'coverage', 'bench/results', 'test/artifacts', 'reports', '.stryker-tmp'],
  coverageAnalysis: 'perTest',
  // `i++` → `i--` in a loop makes an endless loop: always a timeout, which costs the time limit plus a restart of the
  // test runner (a minute on a busy 2-core machine) and tells nothing. Such mutants are not generated.
  mutator: { excludedMutations: ['UpdateOperator'] },
  // Static mutants (module-level code: constants, schemas, lookup tables) run every test of the area each; on a
  // 2-core machine they took two thirds of the run time. They are reported as Ignored and left out of the score;
  // STRYKER_STATIC=1 tests them too.
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  concurrency: 2,
  // A mutant counts as a timeout after the dry run's time for its tests × 1.5 + timeoutMS. Each timeout costs that
  // long plus a fresh test runner. A fresh runner imports the area's modules in about a second since the property
  // helper stopped importing @fast-check/vitest (test/support/property.ts), so 5 s is enough on a quiet machine; a
  // busy one can raise it with STRYKER_TIMEOUT_MS=20000.
  timeoutMS: Number(process.env.STRYKER_TIMEOUT_MS ?? 5_000),
  // `npx stryker run --incremental` re-tests only mutants whose code or covering tests changed since the last run.
  incrementalFile: `${reportDir}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};

export default config;
