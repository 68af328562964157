/**
 * Generates `sample-transactions.csv`, the synthetic transaction log shipped with the package for
 * `crm-analytics report --sample` and `npm run demo`. Seeded: running it again writes the same file.
 *
 *   npx tsx examples/data/generate-sample.ts
 *
 * The purchase process is the BG/NBD model (Fader, Hardie & Lee 2005), simulated with the library's
 * `simulateBetaGeo`: while alive, a customer buys at a Poisson rate λ ~ Gamma(r, α) per week and after each purchase
 * drops out with probability p ~ Beta(a, b). Spend per purchase follows the Gamma-Gamma model (Fader, Hardie & Lee
 * 2005, JMR): each customer has a mean ν ~ Gamma(q, γ) in its rate form and spends z ~ Gamma(p, ν) per purchase.
 * First purchases are spread over two years with a gentle growth in acquisitions, so that the log has monthly cohorts,
 * lapsed and new customers.
 */
import { writeFileSync } from 'node:fs';
import { simulateBetaGeo } from '../../src/clv/index.js';

const SEED = 20240101;
const CUSTOMERS = 5000;
const START = Date.UTC(2023, 0, 1); // first possible first purchase
const END = Date.UTC(2024, 11, 31); // observation end (last day of the log)
const DAY = 86_400_000;
const WEEK_DAYS = 7;
const BG_NBD = { r: 0.9, alpha: 5, a: 0.6, b: 3.2 }; // per week
const GAMMA_GAMMA = { p: 5, q: 3.2, gamma: 90 }; // mean spend pγ/(q − 1) ≈ 205 per purchase

/** mulberry32 (public domain): uniforms in (0, 1). */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

const uniform = uniforms(SEED);

function normal(): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the U^(1/shape) boost for shape < 1. */
function gamma(shape: number): number {
  if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

// First purchase days: density rising linearly by half over the two years (inverse-CDF sampling).
const span = (END - START) / DAY - 14;
const firstDays = Array.from({ length: CUSTOMERS }, () => {
  const u = uniform();
  const k = 0.5; // density ∝ 1 + k·x on [0, 1]
  const x = (-1 + Math.sqrt(1 + k * (2 + k) * u)) / k;
  return Math.floor(x * span);
});
const T = firstDays.map((d) => ((END - START) / DAY - d) / WEEK_DAYS);
const simulation = simulateBetaGeo(BG_NBD, { customers: CUSTOMERS, T, seed: SEED, transactions: true });

// Spend: customer mean ν_i, then each purchase z ~ Gamma(p, ν_i) (rate form), in cents.
const spendRate = Array.from({ length: CUSTOMERS }, () => gamma(GAMMA_GAMMA.q) / GAMMA_GAMMA.gamma);
const spend = (i: number): number =>
  Math.max(0.5, Math.round((100 * gamma(GAMMA_GAMMA.p)) / (spendRate[i] as number)) / 100);

const rows: { day: number; id: string; amount: number }[] = [];
const ids = Array.from({ length: CUSTOMERS }, (_, i) => `C${String(i + 1).padStart(5, '0')}`);
const idOf = new Map(simulation.customers.map((c, i) => [c.customerId, i]));
for (let i = 0; i < CUSTOMERS; i++) rows.push({ day: firstDays[i] as number, id: ids[i] as string, amount: spend(i) });
for (const purchase of simulation.transactions) {
  const i = idOf.get(purchase.customerId) as number;
  const day = (firstDays[i] as number) + Math.floor(purchase.time * WEEK_DAYS);
  rows.push({ day, id: ids[i] as string, amount: spend(i) });
}
rows.sort((x, y) => x.day - y.day || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

const iso = (day: number): string => new Date(START + day * DAY).toISOString().slice(0, 10);
const text = `customer_id,date,amount\n${rows.map((r) => `${r.id},${iso(r.day)},${r.amount.toFixed(2)}`).join('\n')}\n`;
writeFileSync(new URL('./sample-transactions.csv', import.meta.url), text);
process.stdout.write(
  `wrote ${rows.length} transactions of ${CUSTOMERS} customers, ${iso(0)} to ${iso(rows[rows.length - 1]?.day ?? 0)}\n`,
);
