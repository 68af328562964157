// The consumer code that test/package/run.ts writes into a temporary project that installed the packed tarball.
// Kept as strings: these files run against the installed package, never against the repo's sources.

/** Per public specifier, names that must be exported (a new subpath in package.json `exports` must be added here). */
export const EXPECTED_EXPORTS: Record<string, readonly string[]> = {
  'crm-analytics': ['CrmAnalyticsError', 'isCrmAnalyticsError', 'summarizeCustomers', 'rfmScores', 'gini', 'csat'],
  'crm-analytics/data': ['summarizeCustomers', 'summarizeColumns', 'calibrationHoldoutSplit', 'createSummaryBuilder'],
  'crm-analytics/rfm': ['rfmScores', 'rfmSegments', 'rfmSegmentReport', 'rfmDiagnostics'],
  'crm-analytics/clv': ['fitBetaGeo', 'fitGammaGamma', 'fitShiftedBetaGeometric', 'lifetimeValue'],
  'crm-analytics/value': ['deliveredValue', 'compareOfferings', 'priceOfTime'],
  'crm-analytics/pareto': ['gini', 'lorenzCurve', 'paretoAnalysis', 'abcClassify', 'herfindahl'],
  'crm-analytics/satisfaction': ['csat', 'ces'],
  'crm-analytics/lifecycle': ['churnRate', 'cohortRetention', 'lifecycleStage', 'salesFunnel'],
  'crm-analytics/charts': ['lorenzChart', 'rfmSegmentChart', 'VEGA_LITE_SCHEMA_URL'],
  'crm-analytics/sql': ['summarySql', 'quoteSqlIdentifier', 'summarySqlRowsToTable'],
  'crm-analytics/duckdb': ['summarizeWithDuckDB'],
  'crm-analytics/node': ['summarizeParallel'],
};

/** Shared by the ESM and CJS consumers: `load(specifier)` returns the module namespace. */
const CHECKS = `
const expected = JSON.parse(readFileSync(new URL('./expected.json', base), 'utf8'));
const fail = (message) => { throw new Error(message); };
const close = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const mods = {};
for (const [spec, names] of Object.entries(expected)) {
  const mod = await load(spec);
  for (const name of names) if (mod[name] === undefined) fail(spec + ' does not export ' + name);
  mods[spec] = mod;
}
const root = mods['crm-analytics'];
// Known values (the same as in the JSDoc examples).
if (!close(mods['crm-analytics/pareto'].gini([1, 2, 3, 4]), 0.25)) fail('gini');
if (mods['crm-analytics/satisfaction'].csat([5, 4, 4, 3, 5, 2, 5, 4]).share !== 0.75) fail('csat');
const log = [
  { customerId: 'a', date: '2024-01-01', amount: 20 },
  { customerId: 'a', date: '2024-01-01', amount: 5 },
  { customerId: 'a', date: '2024-01-15', amount: 40 },
  { customerId: 'b', date: '2024-01-10', amount: 15 },
];
const { customers } = mods['crm-analytics/data'].summarizeCustomers(log, { observationEnd: '2024-01-29', timeUnit: 'week' });
if (customers[0].frequency !== 1 || customers[0].T !== 4 || customers[0].monetaryValue !== 40) fail('summarizeCustomers');
const rows = [
  { id: 'a', days: 2, orders: 9, spend: 900 },
  { id: 'b', days: 40, orders: 1, spend: 30 },
  { id: 'c', days: 7, orders: 4, spend: 250 },
  { id: 'd', days: 90, orders: 2, spend: 80 },
];
const fields = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' };
if (mods['crm-analytics/rfm'].rfmScores(rows, { bins: 4, fields }).customers[0].cell !== '444') fail('rfmScores');
if (root.rfmScores !== undefined && root.rfmScores(rows, { bins: 4, fields }).customers[3].cell !== '122') fail('root rfmScores');
// One error class across subpaths: an error thrown by a subpath is an instance of the root's class.
try {
  mods['crm-analytics/pareto'].gini([]);
  fail('gini([]) did not throw');
} catch (error) {
  if (!(error instanceof root.CrmAnalyticsError)) fail('gini([]) threw something other than the root CrmAnalyticsError: ' + error);
  if (error.code !== 'EMPTY_INPUT') fail('gini([]) code ' + error.code);
}
if (mods['crm-analytics/charts'].lorenzChart([{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }]).layer.length < 1) fail('lorenzChart');
// Node entry: worker threads started from the installed file.
const day = 86400000;
const input = { customerIds: new Int32Array([1, 2, 1]), dates: new Float64Array([0, day, 5 * day]), amounts: new Float64Array([3, 4, 5]) };
const parallel = await mods['crm-analytics/node'].summarizeParallel(input, { workers: 2 });
if (Array.from(parallel.customers.frequency).join() !== '1,0') fail('summarizeParallel');
// The optional peer dependency is absent: a clear error, not a crash at import.
try {
  await mods['crm-analytics/duckdb'].summarizeWithDuckDB({ table: 't' });
  fail('summarizeWithDuckDB without @duckdb/node-api did not throw');
} catch (error) {
  if (!String(error && error.message).includes('@duckdb/node-api')) fail('summarizeWithDuckDB error: ' + error);
}
`;

/** The same checks for Deno; worker threads and `@duckdb/node-api` need more permissions, so those are skipped. */
export const DENO_CHECKS: string = CHECKS.slice(0, CHECKS.indexOf('// Node entry:'));

export const ESM_CONSUMER: string = `import { readFileSync } from 'node:fs';
const base = import.meta.url;
const load = (spec) => import(spec);
${CHECKS}
`;

export const CJS_CONSUMER: string = `const { readFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');
const base = pathToFileURL(__filename).href;
const load = async (spec) => require(spec);
(async () => {
${CHECKS}
})().catch((error) => { console.error(error); process.exit(1); });
`;

const TS_COMMON = `
const rows = [{ id: 'a', days: 2, orders: 9, spend: 900 }];
const table = rfmScores(rows, { bins: 4, fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' } });
const cell: string = table.customers[0]!.cell;
const g: number = gini([1, 2, 3, 4]);
const share: number = csat([5, 4]).share;
const summary = summarizeCustomers([{ customerId: 'a', date: '2024-01-01', amount: 1 }]);
const T: number = summary.customers[0]!.T;
const spec = lorenzChart([{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }]);
const error: unknown = new Error('x');
if (isCrmAnalyticsError(error)) {
  const code: string = error.code;
  void code;
}
// The types are real, not any:
// @ts-expect-error gini takes numbers or records with an accessor
gini('not a list of numbers', { correction: 3 });
// @ts-expect-error unknown option
csat([5], { nope: true });
// @ts-expect-error share is a number
const wrong: string = csat([5]).share;
void [cell, g, share, T, spec, wrong, summarizeParallel, summarySql, summarizeWithDuckDB, deliveredValue, churnRate, fitBetaGeo];
`;

const TS_IMPORTS = (from: (sub: string) => string): string => `
import { gini } from '${from('pareto')}';
import { rfmScores } from '${from('rfm')}';
import { csat } from '${from('satisfaction')}';
import { summarizeCustomers } from '${from('data')}';
import { lorenzChart } from '${from('charts')}';
import { summarizeParallel } from '${from('node')}';
import { summarySql } from '${from('sql')}';
import { summarizeWithDuckDB } from '${from('duckdb')}';
import { deliveredValue } from '${from('value')}';
import { churnRate } from '${from('lifecycle')}';
import { fitBetaGeo } from '${from('clv')}';
import { isCrmAnalyticsError, type CrmAnalyticsErrorCode } from '${from('')}';
export type Code = CrmAnalyticsErrorCode;
`;

const specifier = (sub: string): string => (sub === '' ? 'crm-analytics' : `crm-analytics/${sub}`);
export const TS_NODE16_ESM: string = TS_IMPORTS(specifier) + TS_COMMON;
export const TS_NODE16_CJS: string = TS_IMPORTS(specifier) + TS_COMMON;
export const TS_BUNDLER: string = TS_IMPORTS(specifier) + TS_COMMON;
/** For `deno check`: the same code through `npm:` specifiers pinned to the packed version. */
export function TS_DENO(version: string): string {
  return TS_IMPORTS((sub) => `npm:${specifier(sub).replace('crm-analytics', `crm-analytics@${version}`)}`) + TS_COMMON;
}
