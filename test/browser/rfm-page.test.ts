// The browser example (examples/browser/) bundled with esbuild from the sources and opened in headless Chromium
// (playwright-core): the pre-filled CSV gives the result table, an uploaded file is analysed, a bad CSV shows an error;
// no console error and no network request. Expected figures are worked out by hand from the CSV (day counts, sums).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserExample } from '../../examples/browser/build.js';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const outdir = join(repoRoot, 'test', 'artifacts', 'browser-example');

let browser: Browser;
let pageUrl = '';
let bundleBytes = 0;

beforeAll(async () => {
  mkdirSync(outdir, { recursive: true });
  const built = await buildBrowserExample({ from: 'src', outdir });
  pageUrl = pathToFileURL(built.html).href;
  bundleBytes = built.bytes;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(): Promise<Opened> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForSelector('body[data-state]', { state: 'attached', timeout: 10_000 });
  return { page, errors, requests };
}

/** The table's body as text cells. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return (await page.evaluate(
    `Array.from(document.querySelectorAll('#${id} tbody tr'), (tr) => Array.from(tr.cells, (td) => td.textContent))`,
  )) as string[][];
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.textContent(selector)) ?? '';
}

describe('examples/browser: RFM on a CSV in headless Chromium', () => {
  it('the bundle is self-contained and small enough to load from file:', () => {
    expect(bundleBytes).toBeGreaterThan(1000);
    expect(bundleBytes).toBeLessThan(1_500_000);
  });

  it('the pre-filled CSV: one row per customer with recency in days and total spend, segments adding up', async () => {
    const { page, errors, requests } = await open();
    try {
      expect(await text(page, '#error')).toBe('');
      expect(await text(page, '#status')).toBe('10 transactions, 6 customers, observation end 2024-03-30.');
      const customers = await tableRows(page, 'customers');
      expect(customers).toHaveLength(6);
      const byId = Object.fromEntries(customers.map((row) => [row[0], row]));
      // Days from the last purchase to 2024-03-30 (2024 is a leap year): A 0, B 70, C 2, D 136, E 15, F 97.
      expect(Object.fromEntries(customers.map((row) => [row[0], Number(row[1])]))).toEqual({
        A: 0,
        B: 70,
        C: 2,
        D: 136,
        E: 15,
        F: 97,
      });
      // Total spend: A 120 + 80.50 + 99.90, C 410 + 260.
      expect(byId.A?.[3]).toBe('300.40');
      expect(byId.C?.[3]).toBe('670.00');
      expect(byId.D?.[3]).toBe('15.00');
      for (const row of customers) expect(row[4]).toMatch(/^[1-5]{3}$/);
      // A (most recent, most orders, second-highest spend) scores above D (oldest, one order, least spend).
      const order = customers.map((row) => row[0]);
      expect(order.indexOf('A')).toBeLessThan(order.indexOf('D'));
      const segments = await tableRows(page, 'segments');
      expect(segments.length).toBeGreaterThan(0);
      expect(segments.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(6);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('an uploaded file (the bundled sample log: 28,950 transactions of 5,000 customers) is analysed', async () => {
    const { page, errors } = await open();
    try {
      await page.setInputFiles('#file', join(repoRoot, 'examples', 'data', 'sample-transactions.csv'));
      await page.waitForFunction(`document.querySelector('#status').textContent.startsWith('28950 transactions')`);
      expect(await text(page, '#status')).toBe('28950 transactions, 5000 customers, observation end 2024-12-30.');
      expect(await tableRows(page, 'customers')).toHaveLength(5000);
      const segments = await tableRows(page, 'segments');
      expect(segments.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(5000);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('a CSV without an amount column shows an error and clears the tables', async () => {
    const { page, errors } = await open();
    try {
      await page.fill('#csv', 'customer_id,date\nA,2024-01-01\n');
      await page.click('#run');
      expect(await text(page, '#error')).toContain('no amount column');
      expect(await tableRows(page, 'customers')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('a non-numeric amount is reported with the library’s message (CrmAnalyticsError), not a crash', async () => {
    const { page } = await open();
    try {
      await page.fill('#csv', 'customer_id,date,amount\nA,2024-01-01,abc\n');
      await page.click('#run');
      expect(await text(page, '#error')).toMatch(/amount/);
      expect(await page.getAttribute('body', 'data-state')).toBe('error');
    } finally {
      await page.close();
    }
  }, 60_000);
});
