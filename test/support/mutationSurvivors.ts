// Lists the mutants that survived a Stryker run, grouped by file, with the line and the replacement:
// `npm run test:mutation:survivors -- lifecycle` reads reports/mutation/lifecycle/mutation.json (clv/models →
// reports/mutation/clv-models). Also prints the score per file, as Stryker counts it (killed + timeout over all
// valid mutants; ignored ones are left out). Several report directories can be given: a large area measured one file
// at a time (`STRYKER_REPORT_SUFFIX`, stryker.config.mjs) is summed with
// `npm run test:mutation:survivors -- clv-models-shared clv-models-betaGeo …`.
import { readFileSync } from 'node:fs';

interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}
interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>;
}

const areas = process.argv.length > 2 ? process.argv.slice(2) : ['all'];
const reports = areas.map(
  (area) => JSON.parse(readFileSync(`reports/mutation/${area.replace('/', '-')}/mutation.json`, 'utf8')) as Report,
);
const files = reports.flatMap((report) => Object.entries(report.files));
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);
let totalDetected = 0;
let totalValid = 0;
for (const [file, { source, mutants }] of files) {
  const lines = source.split('\n');
  const kept = mutants.filter((m) => detected.has(m.status) || undetected.has(m.status));
  const found = kept.filter((m) => detected.has(m.status)).length;
  totalDetected += found;
  totalValid += kept.length;
  const missed = kept
    .filter((m) => undetected.has(m.status))
    .sort((a, b) => a.location.start.line - b.location.start.line);
  const score = kept.length === 0 ? 'n/a' : `${((100 * found) / kept.length).toFixed(1)}%`;
  process.stdout.write(`\n${file}: ${score} (${found}/${kept.length}), ${missed.length} undetected\n`);
  for (const m of missed) {
    const line = m.location.start.line;
    const code = (lines[line - 1] ?? '').trim().slice(0, 100);
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
    process.stdout.write(`  ${line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${replacement}\n`);
    process.stdout.write(`      ${code}\n`);
  }
}
process.stdout.write(
  `\n${areas.join(' + ')}: ${((100 * totalDetected) / totalValid).toFixed(2)}% (${totalDetected}/${totalValid})\n`,
);
