/**
 * 80/20, satisfaction and customer-delivered value under Deno, with figures checked against known values.
 *
 *   deno run --allow-read --config examples/deno/deno.json examples/deno/concentration.ts
 */
import { summarizeCustomers } from 'crm-analytics/data';
import { gini, paretoAnalysis } from 'crm-analytics/pareto';
import { csat } from 'crm-analytics/satisfaction';
import { deliveredValue } from 'crm-analytics/value';

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

/** Fails the example (non-zero exit) when a computed figure is not what it should be. */
function expectClose(label: string, actual: number, expected: number, tolerance = 1e-9): void {
  if (!(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${label}: expected ${expected}, got ${actual}`);
  }
}

const transactions = await loadSampleTransactions();
const { customers } = summarizeCustomers(transactions, { observationEnd: '2024-12-31' });
const pareto = paretoAnalysis(customers, { value: (c) => c.totalRevenue ?? 0 });
console.log(`top 20% of customers bring ${(100 * pareto.topShare(0.2)).toFixed(1)}% of revenue`);
console.log(`ABC rule ${pareto.abRule.label}, Gini ${pareto.gini.toFixed(3)}`);

// Figures from the JSDoc examples (any runtime must agree).
expectClose('gini', gini([1, 2, 3, 4]), 0.25);
expectClose('csat share', csat([5, 4, 4, 3, 5, 2, 5, 4]).share, 0.75);
const value = deliveredValue({
  value: { product: 600, service: 200, personnel: 100, image: 100 },
  cost: { monetary: 500, time: 60, energy: 30, physical: 10 },
});
console.log(`customer-delivered value ${value.deliveredValue} (ratio ${value.valueRatio.toFixed(3)})`);
expectClose('delivered value', value.deliveredValue, 400);
