// Simulation helpers for the contractual-model tests: a seeded PRNG and beta draws, so that
// parameter-recovery tests are deterministic.
import type { BetaGeoBetaBinomRow } from '../../../src/clv/contractual/betaGeoBetaBinom.js';
import { loadNumericCsv } from '../../support/fixtures.js';

/** mulberry32: small, fast, seeded. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gammaDraw(shape: number, random: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function betaDraw(a: number, b: number, random: () => number): number {
  const x = gammaDraw(a, random);
  const y = gammaDraw(b, random);
  return x / (x + y);
}

/** Simulated sBG durations: the period of churn of each customer (θ ~ Beta(α, β), geometric churn). */
export function simulateSbgDurations(alpha: number, beta: number, customers: number, seed: number): number[] {
  const random = seeded(seed);
  const out: number[] = [];
  for (let i = 0; i < customers; i++) {
    const theta = betaDraw(alpha, beta, random);
    // Geometric by inversion: P(T > t) = (1 − θ)^t, capped at 10⁶ periods.
    const t = theta >= 1 ? 1 : Math.ceil(Math.log(1 - random()) / Math.log1p(-theta));
    out.push(Math.min(Math.max(1, t), 1e6));
  }
  return out;
}

/** Survivors n_0..n_T of a simulated cohort. */
export function survivorsFromDurations(durations: readonly number[], lastPeriod: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= lastPeriod; t++) out.push(durations.filter((d) => d > t).length);
  return out;
}

/** Simulated BG/BB histories over n opportunities: dies at the start of each opportunity w.p. θ, buys w.p. p. */
export function simulateBgbb(
  params: { alpha: number; beta: number; gamma: number; delta: number },
  customers: number,
  opportunities: number,
  seed: number,
  holdout = 0,
): { frequency: number; recency: number; periods: number; holdoutFrequency: number; holdoutDuration: number }[] {
  const random = seeded(seed);
  const out = [];
  for (let i = 0; i < customers; i++) {
    const p = betaDraw(params.alpha, params.beta, random);
    const theta = betaDraw(params.gamma, params.delta, random);
    let alive = true;
    let x = 0;
    let tx = 0;
    let future = 0;
    for (let t = 1; t <= opportunities + holdout; t++) {
      if (alive && random() < theta) alive = false;
      if (alive && random() < p) {
        if (t <= opportunities) {
          x++;
          tx = t;
        } else future++;
      }
    }
    out.push({ frequency: x, recency: tx, periods: opportunities, holdoutFrequency: future, holdoutDuration: holdout });
  }
  return out;
}

/** The donations data (Fader, Hardie & Shang 2010) from test/fixtures/donations.csv. */
export function loadDonations(): Required<BetaGeoBetaBinomRow>[] {
  return loadNumericCsv('donations.csv').map((r) => ({
    frequency: r.frequency as number,
    recency: r.recency as number,
    periods: r.periods as number,
    weights: r.weights as number,
  }));
}
