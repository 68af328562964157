// The browser example: RFM on a pasted or uploaded CSV. Bundled by examples/browser/build.ts (esbuild) into
// examples/browser/dist/main.js, which index.html loads. analyse.ts imports only `crm-analytics/data` and
// `crm-analytics/rfm`, so the bundle holds only what they need.
import { analyseCsv } from './analyse.js';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

const csv = byId<HTMLTextAreaElement>('csv');
const file = byId<HTMLInputElement>('file');
const asOf = byId<HTMLInputElement>('as-of');
const error = byId<HTMLParagraphElement>('error');
const status = byId<HTMLParagraphElement>('status');

function fillTable(
  table: HTMLTableElement,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): void {
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  for (const name of header) {
    const th = document.createElement('th');
    th.textContent = name;
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) tr.insertCell().textContent = String(value);
  }
  table.replaceChildren(head, body);
}

function run(): void {
  error.textContent = '';
  try {
    const result = analyseCsv(csv.value, { asOf: asOf.value });
    status.textContent = `${result.transactions} transactions, ${result.customers.length} customers, observation end ${result.observationEnd}.`;
    fillTable(
      byId('segments'),
      ['Segment', 'Customers', 'Share of customers', 'Revenue', 'Share of revenue'],
      result.segments.map((s) => [
        s.segment,
        s.customers,
        percent(s.customerShare),
        s.revenue.toFixed(2),
        percent(s.revenueShare),
      ]),
    );
    fillTable(
      byId('customers'),
      ['Customer', 'Recency (days)', 'Frequency', 'Monetary', 'RFM cell', 'Segment'],
      result.customers.map((c) => [c.customerId, c.recency, c.frequency, c.monetary.toFixed(2), c.cell, c.segment]),
    );
    document.body.dataset.state = 'done';
  } catch (caught) {
    error.textContent = caught instanceof Error ? caught.message : String(caught);
    byId<HTMLTableElement>('segments').replaceChildren();
    byId<HTMLTableElement>('customers').replaceChildren();
    document.body.dataset.state = 'error';
  }
}

function percent(share: number | null): string {
  return share === null ? '–' : `${(100 * share).toFixed(1)}%`;
}

file.addEventListener('change', async () => {
  const chosen = file.files?.[0];
  if (chosen === undefined) return;
  csv.value = await chosen.text();
  run();
});
byId<HTMLButtonElement>('run').addEventListener('click', run);
run();
