// The `crm-analytics` command run in process through `main(argv, io)`, so that v8 coverage sees src/cli (the
// subprocess tests in cli.test.ts exercise the built binary, which coverage does not measure).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCliArguments } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { toTextTable } from '../../src/cli/output.js';
import { createProgress, PROGRESS_MIN_ROWS } from '../../src/cli/progress.js';
import { loadSvgRenderer } from '../../src/cli/render.js';
import { fixture } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-cli-cov-'));
});

function csvFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('main: help, version and usage errors (exit 2)', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('help for every command names that command’s options', async () => {
    const overview = await run(['--help']);
    expect(overview.code).toBe(0);
    expect(overview.stdout).toContain('Exit codes: 0 ok, 1 bad input');
    expect((await run(['report', '--help'])).stdout).toContain('--title TEXT');
    expect((await run(['help', 'clv'])).stdout).toContain('--discount-rate R');
    const pareto = await run(['help', 'pareto']);
    expect(pareto.stdout).toContain('crm-analytics pareto <transactions.csv>');
    expect(pareto.stdout).not.toContain('--discount-rate');
    expect((await run(['cohorts', '-h'])).stdout).toContain('monthly cohort');
  });

  it.each([
    [[], 'missing command'],
    [['help', 'segment'], 'unknown command "segment"'],
    [['rfm', 'a.csv', 'b.csv'], 'expected one input file, got 2: a.csv b.csv'],
    [['rfm', 'a.csv', '--sample'], 'rfm: give either a file or --sample, not both'],
    [['rfm', 'a.csv', '--header', '--no-header'], '--header and --no-header contradict each other'],
    [['rfm', 'a.csv', '--limit', '0'], '--limit: expected a whole number ≥ 1, got "0"'],
    [['rfm', 'a.csv', '--limit', '2.5'], '--limit: expected a whole number ≥ 1, got "2.5"'],
    [['clv', 'a.csv', '--horizon', ' '], '--horizon: expected a whole number ≥ 1, got " "'],
    [['clv', 'a.csv', '--discount-rate=-0.1'], '--discount-rate: expected a number ≥ 0, got "-0.1"'],
    [['rfm', 'a.csv', '--delimiter', '::'], '--delimiter: expected one character (or "tab"), got "::"'],
    [['rfm', 'a.csv', '--delimiter', '"'], '--delimiter: expected one character (or "tab"), got """'],
    [['rfm', 'a.csv', '--date-format', 'ymd'], '--date-format: expected one of iso, mdy, dmy, got "ymd"'],
    [['rfm', 'a.csv', '--limit'], "Option '--limit <value>' argument missing"],
    [['segment', 'a.csv'], 'unknown command "segment"; commands: report, rfm, pareto, clv, cohorts'],
    [['rfm'], 'rfm: missing the transactions file (or --sample)'],
    [['report', 'a.csv', '--format', 'csv'], 'report: --format does not apply (the report is HTML); use --out FILE'],
    [['rfm', 'a.csv', '--as-of', '2024-02-30'], '--as-of: expected a date YYYY-MM-DD, got "2024-02-30"'],
    [['rfm', 'a.csv', '--encoding', 'klingon'], '--encoding: unknown encoding "klingon"'],
    [['rfm', 'a.csv', '--max-row-bytes', '0'], '--max-row-bytes: expected a size in bytes from 1 to 2G'],
    [['rfm', 'a.csv', '--max-row-bytes', 'lots'], '--max-row-bytes: expected a size in bytes from 1 to 2G'],
  ])('%j → exit 2: %s', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`crm-analytics: ${message}`);
    expect(result.stderr).toContain('Run "crm-analytics --help" for usage.');
  });

  it('parses every option into the arguments object', () => {
    expect(
      parseCliArguments([
        'clv',
        'x.csv',
        '--customer',
        'id',
        '--date',
        '2',
        '--amount',
        'net',
        '--as-of',
        '2024-06-30',
        '--time-unit',
        'day',
        '-o',
        'out.json',
        '-f',
        'json',
        '-q',
        '--skip-invalid',
        '--delimiter',
        'tab',
        '--no-header',
        '--date-format',
        'dmy',
        '--decimal-comma',
        '--limit',
        '5',
        '--horizon',
        '24',
        '--discount-rate',
        '0',
        '--currency',
        'EUR',
        '--title',
        'T',
      ]),
    ).toMatchObject({
      command: 'clv',
      file: 'x.csv',
      sample: false,
      customer: 'id',
      date: '2',
      amount: 'net',
      asOfDay: Date.UTC(2024, 5, 30) / 86_400_000,
      asOfText: '2024-06-30',
      timeUnit: 'day',
      out: 'out.json',
      format: 'json',
      quiet: true,
      skipInvalid: true,
      delimiter: '\t',
      header: false,
      dateFormat: 'dmy',
      decimalComma: true,
      limit: 5,
      horizonMonths: 24,
      discountRate: 0,
      currency: 'EUR',
      title: 'T',
    });
    expect(parseCliArguments(['rfm', 'x.csv', '--encoding', ' latin1 ', '--max-row-bytes', '16M'])).toMatchObject({
      encoding: 'windows-1252',
      maxRowBytes: 16 * 1024 * 1024,
    });
    expect(parseCliArguments(['rfm', 'x.csv', '--max-row-bytes', '2kib']).maxRowBytes).toBe(2048);
    expect(parseCliArguments(['rfm', '--sample', '--header', '--delimiter', '\\t'])).toMatchObject({
      sample: true,
      header: true,
      delimiter: '\t',
    });
  });
});

describe('main: data commands in process', () => {
  it('rfm --format json: counts, columns and one row per customer', async () => {
    const result = await run(['rfm', fixture('small.csv'), '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = json(result.stdout);
    expect(doc.command).toBe('rfm');
    expect(doc.columns).toEqual({ customer: 'customer_id', date: 'date', amount: 'amount' });
    expect(doc.counts).toEqual({ rowsRead: 12, rowsUsed: 12, rowsSkipped: 0, rowsAfterAsOf: 0, customers: 6 });
    expect(doc.asOf).toBe('2024-06-28');
    const customers = doc.customers as { customerId: string; frequency: number; monetary: number }[];
    expect(customers.map((c) => c.customerId)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // a: 120 + 80 + 60 + 95 on four days
    expect(customers[0]).toMatchObject({ frequency: 4, monetary: 355 });
    expect(result.stderr).toMatch(
      /^Read 12 rows from .*small\.csv \(delimiter ",", header row; customer = customer_id/,
    );
  });

  it('column, delimiter, header and encoding options reach the reader', async () => {
    const result = await run([
      'rfm',
      fixture('small.csv'),
      '--customer',
      'customer_id',
      '--date',
      'date',
      '--amount',
      'amount',
      '--delimiter',
      ',',
      '--header',
      '--encoding',
      'utf-8',
      '--time-unit',
      'day',
      '-f',
      'json',
      '-q',
    ]);
    expect(result.code).toBe(0);
    const doc = json(result.stdout);
    expect(doc.timeUnit).toBe('day');
    expect(doc.counts).toMatchObject({ rowsUsed: 12, customers: 6 });
  });

  it('pareto --format csv --limit 2: the two largest customers, ranked', async () => {
    const result = await run(['pareto', fixture('small.csv'), '--format', 'csv', '--limit', '2', '-q']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('rank,customerId,revenue,share,cumulativeCustomerShare,cumulativeRevenueShare,abcClass,tier');
    expect(lines).toHaveLength(3);
    // d: 240 + 310 = 550 is first, a: 355 second; total revenue 1080.49
    expect(lines[1]).toMatch(/^1,d,550,0\.509/);
    expect(lines[2]).toMatch(/^2,a,355,/);
  });

  it('pareto --format json --limit 1 cuts the list but keeps the totals', async () => {
    const doc = json((await run(['pareto', fixture('small.csv'), '--format', 'json', '--limit', '1', '-q'])).stdout);
    expect(doc.customerCount).toBe(6);
    expect(doc.totalRevenue).toBeCloseTo(1080.49, 9);
    expect(doc.customers).toHaveLength(1);
  });

  it('cohorts as a text table: one row per monthly cohort', async () => {
    const result = await run(['cohorts', fixture('small.csv'), '-q']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^cohort\s+customers\s+m0\s+m1/);
    expect(lines[1]).toMatch(/^-+\s+-+/);
    // first-purchase months: Jan a b, Feb c, Mar d, Apr e, Jun f
    expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-06',
    ]);
    expect(lines[2]).toMatch(/^2024-01\s+2\s+100\.0%/);
  });

  it('clv --format json writes to --out and reports the fits', async () => {
    const out = join(dir, 'clv.json');
    const result = await run([
      'clv',
      fixture('cdnow-transactions.csv'),
      '--format',
      'json',
      '--out',
      out,
      '--limit',
      '3',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote ${out}.`);
    const doc = json(readFileSync(out, 'utf8'));
    expect(doc.horizonMonths).toBe(12);
    expect(doc.discountRatePerMonth).toBe(0.01);
    expect((doc.transactionModel as { model: string }).model).toBe('BG/NBD');
    const customers = doc.customers as { clv: number; probabilityAlive: number }[];
    expect(customers).toHaveLength(3);
    expect(customers[0]?.clv).toBeGreaterThanOrEqual(customers[1]?.clv as number);
    for (const c of customers) expect(c.probabilityAlive).toBeGreaterThan(0);
  });

  it('clv without repeat buyers uses observed mean spend and says why', async () => {
    const path = csvFile('one-day.csv', 'customer,date,amount\na,2024-01-01,10\nb,2024-01-01,20\nc,2024-01-01,5\n');
    const result = await run(['clv', path, '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = json(result.stdout);
    expect(doc.spendModel).toBeNull();
    expect(doc.spendNote).toMatch(/^the Gamma-Gamma spend model could not be used/);
    expect(result.stderr).toContain('Note: the Gamma-Gamma spend model could not be used');
    // one purchase each: the expected spend is that purchase
    const spend = (doc.customers as { customerId: string; expectedSpend: number }[]).map((x) => [
      x.customerId,
      x.expectedSpend,
    ]);
    expect(Object.fromEntries(spend)).toEqual({ a: 10, b: 20, c: 5 });
  });

  it('net refunds: rfm and pareto score them as 0 and say so', async () => {
    const path = csvFile(
      'refunds.csv',
      'customer_id,date,amount\na,2024-01-01,50\na,2024-01-10,-80\nb,2024-01-02,20\nc,2024-01-03,30\nb,2024-02-01,25\n',
    );
    const rfm = await run(['rfm', path, '--format', 'json']);
    expect(rfm.code).toBe(0);
    expect(rfm.stderr).toContain('Note: 1 customers with net refunds were scored with monetary value 0');
    const a = (json(rfm.stdout).customers as { customerId: string; monetary: number }[]).find(
      (x) => x.customerId === 'a',
    );
    expect(a?.monetary).toBe(0);
    const pareto = await run(['pareto', path, '--format', 'json']);
    expect(pareto.stderr).toContain('Note: 1 customers with net refunds count as 0 revenue');
  });

  it('skipped rows are listed (first 5, then a count)', async () => {
    const bad = Array.from({ length: 7 }, (_, i) => `x${i},not-a-date,1`).join('\n');
    const path = csvFile('many-bad.csv', `customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,20\n${bad}\n`);
    const result = await run(['rfm', path, '--skip-invalid', '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('2 used, 7 skipped as invalid');
    expect(result.stderr.match(/^ {2}line \d+: /gm)).toHaveLength(5);
    expect(result.stderr).toContain('  … and 2 more');
  });

  it('--as-of: later rows are counted, and a date before every row is an input error', async () => {
    const asOf = await run(['rfm', fixture('small.csv'), '--as-of', '2024-03-31', '--format', 'json']);
    expect(asOf.code).toBe(0);
    expect(json(asOf.stdout).counts).toMatchObject({ rowsUsed: 6, rowsAfterAsOf: 6, customers: 4 });
    expect(asOf.stderr).toContain(', 6 after the as-of date.');
    const before = await run(['rfm', fixture('small.csv'), '--as-of', '2020-01-01']);
    expect(before.code).toBe(1);
    expect(before.stderr).toBe(
      "crm-analytics: error: no transactions on or before the as-of date 2020-01-01 (the file's rows are all later)\n",
    );
  });
});

describe('main: input errors (exit 1) and internal errors (exit 3)', () => {
  it('a missing file and an unwritable --out are input errors', async () => {
    const missing = await run(['rfm', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^crm-analytics: error: cannot read .*nope\.csv: no such file\n$/);
    const out = join(dir, 'no-such-dir', 'x.csv');
    const unwritable = await run(['rfm', fixture('small.csv'), '--out', out, '-q']);
    expect(unwritable).toEqual({
      code: 1,
      stdout: '',
      stderr: `crm-analytics: error: cannot write ${out}: no such directory\n`,
    });
    const isDir = await run(['rfm', fixture('small.csv'), '--out', dir, '-q']);
    expect(isDir.code).toBe(1);
    expect(isDir.stderr).toBe(`crm-analytics: error: cannot write ${dir}: EISDIR\n`);
  });

  it('a library error (CrmAnalyticsError) is an input error', async () => {
    // Monthly cohorts over 10,000 years: more periods than cohortRetention tabulates.
    const path = csvFile('wide.csv', 'customer_id,date,amount\na,0001-01-01,10\nb,9999-12-31,20\n');
    const result = await run(['cohorts', path, '-q']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'crm-analytics: error: transactions: the transactions span 119988 periods (12 … 119999); at most 100000 are tabulated — check the dates\n',
    });
  });

  describe('an unexpected error is an internal error, with the stack only under CRM_ANALYTICS_DEBUG', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });
    const failingIo = (sink: string[]) => ({
      stdout: (): void => {
        throw new TypeError('stdout closed');
      },
      stderr: (text: string): void => {
        sink.push(text);
      },
    });
    it('without CRM_ANALYTICS_DEBUG', async () => {
      vi.stubEnv('CRM_ANALYTICS_DEBUG', '');
      const err: string[] = [];
      expect(await main(['--version'], failingIo(err))).toBe(3);
      expect(err.join('')).toBe(
        'crm-analytics: internal error: stdout closed\nThis is a bug; please report it (set CRM_ANALYTICS_DEBUG=1 for details).\n',
      );
    });
    it('with CRM_ANALYTICS_DEBUG=1', async () => {
      vi.stubEnv('CRM_ANALYTICS_DEBUG', '1');
      const err: string[] = [];
      expect(await main(['--help'], failingIo(err))).toBe(3);
      expect(err.join('')).toMatch(/^crm-analytics: internal error: stdout closed\nTypeError: stdout closed\n\s+at /);
    });
    it('a thrown non-Error value', async () => {
      const err: string[] = [];
      const code = await main(['--version'], {
        stdout: () => {
          throw 'plain string';
        },
        stderr: (text) => err.push(text),
      });
      expect(code).toBe(3);
      expect(err.join('')).toMatch(/^crm-analytics: internal error: plain string\nThis is a bug/);
    });
  });
});

describe('main: report in process', () => {
  it('writes a self-contained HTML page with every section and prints a summary', async () => {
    const out = join(dir, 'report.html');
    const result = await run([
      'report',
      fixture('cdnow-transactions.csv'),
      '--out',
      out,
      '--title',
      'CDNOW <test>',
      '--currency',
      'USD',
      '--as-of',
      '1998-03-31',
    ]);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>CDNOW &lt;test&gt;</title>');
    for (const id of ['headline', 'rfm', 'pareto', 'clv', 'cohorts']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('<!--chart:');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(9);
    expect(result.stdout).toContain('As of 1998-03-31; times in weeks.');
    expect(result.stdout).toMatch(/^CLV: BG\/NBD r=/m);
    expect(result.stdout).toMatch(/USD/);
    expect(result.stdout).toMatch(/Wrote .*report\.html \(\d+ KB, \d+ charts\)\.\n$/);
  }, 120_000);

  it('explains the sections it cannot compute, lists skipped rows, and keeps the rest', async () => {
    // Revenue 0 in total: value shares (Pareto, Lorenz, ABC) are undefined; a refund makes a net-refund customer.
    const path = csvFile(
      'zero.csv',
      'customer_id,date,amount\na,2024-01-01,0\na,2024-02-01,0\nb,2024-01-05,-10\nc,oops,1\nc,2024-03-01,0\n',
    );
    const out = join(dir, 'tiny.html');
    const result = await run(['report', path, '--out', out, '--skip-invalid']);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>Customer value report</title>');
    expect(html).toContain('This part could not be computed on this data');
    expect(html).toContain('<summary>Skipped rows (first 1 of 1)</summary>');
    expect(html).toContain('customers with net refunds');
    expect(result.stdout).toContain(
      'Left out: Pareto: values: the total value is 0, so value shares (Lorenz curve, Gini, ABC classes) are undefined',
    );
    expect(result.stdout).not.toContain('Pareto: top 20%');
    expect(html).not.toContain('80/20 of this data');
  }, 120_000);
});

describe('cli helpers', () => {
  it('loadSvgRenderer renders a Vega-Lite spec to SVG', async () => {
    const render = await loadSvgRenderer();
    const svg = await render({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      data: { values: [{ x: 1, y: 2 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    });
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect(svg).toContain('</svg>');
  });

  it('toTextTable formats each cell kind, nulls and non-finite numbers', () => {
    const text = toTextTable({
      columns: [
        { key: 'n', title: 'n', kind: 'integer' },
        { key: 'm', title: 'm', kind: 'money' },
        { key: 's', title: 's', kind: 'share' },
        { key: 'p', title: 'p', kind: 'probability' },
        { key: 't', title: 't', kind: 'text' },
      ],
      rows: [
        { n: 12345, m: 1.5, s: 0.25, p: 0.12345, t: 'x' },
        { n: null, m: Number.POSITIVE_INFINITY, s: 3, p: 1, t: 7 },
      ],
    });
    expect(text.split('\n')).toEqual([
      '     n         m       s      p  t',
      '------  --------  ------  -----  -',
      '12,345      1.50   25.0%  0.123  x',
      '     –  Infinity  300.0%  1.000  7',
      '',
    ]);
  });

  describe('createProgress', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });
    it('is silent when disabled or when stderr is not a terminal', async () => {
      const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const isTTY = process.stderr.isTTY;
      process.stderr.isTTY = false as true;
      try {
        for (const enabled of [false, true]) {
          const progress = await createProgress(enabled);
          progress.update(1e6, 2e6, PROGRESS_MIN_ROWS * 2);
          progress.stop();
        }
      } finally {
        process.stderr.isTTY = isTTY;
      }
      expect(write).not.toHaveBeenCalled();
    });
    it('on a terminal, shows a bar once more than 100,000 rows have been read', async () => {
      const chunks: string[] = [];
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        chunks.push(String(chunk));
        return true;
      });
      const isTTY = process.stderr.isTTY;
      process.stderr.isTTY = true;
      try {
        const progress = await createProgress(true);
        progress.update(1e6, 4e6, PROGRESS_MIN_ROWS - 1);
        expect(chunks.join('')).toBe('');
        progress.update(2e6, 4e6, PROGRESS_MIN_ROWS);
        progress.update(3e6, 4e6, PROGRESS_MIN_ROWS + 1);
        progress.stop();
      } finally {
        process.stderr.isTTY = isTTY;
      }
      expect(chunks.join('')).toMatch(/reading {2}\[.*\] \d+% \| [\d.]+\/4 MB/);
    });
  });
});
