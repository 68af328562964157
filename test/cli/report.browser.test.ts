// The HTML report opened in a real browser (headless Chromium through playwright-core): every chart rendered as an
// SVG with marks, no console error, no network request; a screenshot is saved under test/artifacts/ (git-ignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, relFixture, repoRoot, runCli } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = join(repoRoot, 'test', 'artifacts');

beforeAll(async () => {
  await ensureCliBuilt();
  mkdirSync(artifacts, { recursive: true });
}, 300_000);

const CHARTS = [
  'rfm-heatmap',
  'rfm-segments',
  'lorenz',
  'pyramid',
  'probability-alive',
  'clv-distribution',
  'repeat-frequency',
  'cohort-retention',
  'retention-curve',
  'lifecycle',
];

async function openReport(
  file: string,
  screenshot: string,
): Promise<{ errors: string[]; requests: string[]; marks: Record<string, number>; sections: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // A drawn chart: an SVG with a visible size and at least one mark element (path, rect, text, …) in a mark group.
    // (Written as a string: the test suite is type-checked without the DOM library.)
    const marks = (await page.evaluate(`(() => {
      const out = {};
      for (const figure of document.querySelectorAll('figure.chart')) {
        const svg = figure.querySelector('svg');
        const box = svg ? svg.getBoundingClientRect() : null;
        out[figure.getAttribute('data-chart')] =
          svg && box.width > 50 && box.height > 50 ? svg.querySelectorAll('g.role-mark > *').length : 0;
      }
      return out;
    })()`)) as Record<string, number>;
    const sections = (await page.evaluate(
      `Array.from(document.querySelectorAll('section h2'), (h) => h.textContent)`,
    )) as string[];
    await page.screenshot({ path: screenshot, fullPage: true });
    return { errors, requests, marks, sections };
  } finally {
    await browser.close();
  }
}

describe('the report in headless Chromium', () => {
  it('sample data: every chart is drawn, no console error, no network request', async () => {
    const file = join(artifacts, 'report-sample.html');
    const run = runCli(['report', '--sample', '--out', file, '--currency', 'USD']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { errors, requests, marks, sections } = await openReport(file, join(artifacts, 'report-sample.png'));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(Object.keys(marks).sort()).toEqual([...CHARTS].sort());
    for (const id of CHARTS) expect(marks[id], `chart ${id} has marks`).toBeGreaterThan(0);
    expect(sections).toEqual([
      'Headline figures',
      'RFM segments',
      'Concentration: Pareto, Lorenz, ABC and the customer pyramid',
      'Customer lifetime value (BG/NBD + Gamma-Gamma)',
      'Cohorts and lifecycle',
    ]);
  }, 180_000);

  it('CDNOW calibration period (--as-of): the report states the row counts and every chart renders', async () => {
    const file = join(artifacts, 'report-cdnow.html');
    const run = runCli(['report', relFixture('cdnow-transactions.csv'), '--out', file, '--as-of', '1997-09-30']);
    expect(run.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(
      'Rows read 6,919, used 4,960, skipped as invalid 0, after the as-of date 1,959. As of 1997-09-30.',
    );
    const { errors, marks } = await openReport(file, join(artifacts, 'report-cdnow.png'));
    expect(errors).toEqual([]);
    for (const id of CHARTS) expect(marks[id], `chart ${id} has marks`).toBeGreaterThan(0);
  }, 180_000);
});
