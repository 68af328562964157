/**
 * `npm run demo`: the main job on the bundled sample data (the CDNOW sample, 2,357 customers, 1997–1998).
 * Reads the transaction log, builds customer summaries, and prints what an analyst looks at first.
 */
import { readFileSync } from 'node:fs';
import { summarizeCustomers } from '../src/index.js';

const text = readFileSync(new URL('../test/fixtures/CDNOW_sample.txt', import.meta.url), 'utf8');
const transactions = text
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [, id, date, , amount] = line.trim().split(/\s+/);
    return { customerId: Number(id), date: date as string, amount: Number(amount) };
  });

const money = (x: number): string =>
  `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

console.log('crm-analytics demo — CDNOW sample (Fader & Hardie), calibration period 1997-01-01 … 1997-09-30\n');
const table = summarizeCustomers(transactions, { observationEnd: '1997-09-30', timeUnit: 'week' });
const customers = table.customers;
const revenue = customers.reduce((s, c) => s + c.totalRevenue, 0);
const repeaters = customers.filter((c) => c.frequency > 0).length;
console.log('Customer summaries (lifetimes conventions; recency and T in weeks)');
console.log(
  `  transactions read        ${table.counts.read.toLocaleString('en-US')} (${table.counts.afterObservationEnd.toLocaleString('en-US')} after the observation end)`,
);
console.log(`  customers                ${customers.length.toLocaleString('en-US')}`);
console.log(`  revenue                  ${money(revenue)}`);
console.log(`  repeat customers         ${repeaters.toLocaleString('en-US')} (${pct(repeaters / customers.length)})`);
console.log(`  repeat purchases (Σx)    ${customers.reduce((s, c) => s + c.frequency, 0).toLocaleString('en-US')}`);
console.log('\n  first customers:');
console.log('  id     x   t_x (wk)   T (wk)   mean repeat spend');
for (const c of customers.slice(0, 5)) {
  console.log(
    `  ${String(c.customerId).padEnd(5)} ${String(c.frequency).padStart(2)} ${c.recency.toFixed(2).padStart(9)} ${c.T.toFixed(2).padStart(8)}   ${money(c.monetaryValue).padStart(10)}`,
  );
}
