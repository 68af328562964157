/**
 * RFM on the bundled sample data under Deno: summarise the transaction log, score, segment, report.
 *
 *   npm run build && npm run examples:deno        # built files (dist/) through deno.json's import map
 *   deno run --allow-read --config examples/deno/deno.json examples/deno/rfm.ts
 */
import { summarizeCustomers } from 'crm-analytics/data';
import { rfmScores, rfmSegmentReport, rfmSegments } from 'crm-analytics/rfm';

/** The bundled sample transaction log (customer_id, date, amount); `fetch` reads `file:` URLs in Deno. */
async function loadSampleTransactions(): Promise<{ customerId: string; date: string; amount: number }[]> {
  const text = await (await fetch(new URL('../data/sample-transactions.csv', import.meta.url))).text();
  return text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [customerId = '', date = '', amount = ''] = line.split(',');
      return { customerId, date, amount: Number(amount) };
    });
}

const transactions = await loadSampleTransactions();
const { customers } = summarizeCustomers(transactions, { observationEnd: '2024-12-31', timeUnit: 'day' });
const scores = rfmScores(customers, { bins: 5 });
const segmentation = rfmSegments(scores);
const report = rfmSegmentReport(scores, segmentation);

console.log(`${transactions.length} transactions, ${customers.length} customers`);
console.table(
  report
    .filter((row) => row.customers > 0)
    .map((row) => ({
      segment: row.segment,
      customers: row.customers,
      'customer %': (100 * row.customerShare).toFixed(1),
      'revenue %': row.revenueShare === null ? '–' : (100 * row.revenueShare).toFixed(1),
    })),
);

const counted = report.reduce((sum, row) => sum + row.customers, 0);
if (counted !== customers.length) throw new Error(`segments hold ${counted} customers, expected ${customers.length}`);
if (!scores.customers.every((c) => /^[1-5]{3}$/.test(c.cell))) throw new Error('an RFM cell outside 111–555');
