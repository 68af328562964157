import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/clv/models/simulate.js';
import { BetaGeoModel, ParetoNbdModel, simulateBetaGeo, simulateParetoNbd } from '../../../src/index.js';

function meanAndSe(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

describe('SeededRandom', () => {
  it('gamma variates have mean k/θ and variance k/θ² (shapes below and above 1)', () => {
    for (const [shape, rate] of [
      [0.3, 2],
      [2.5, 0.5],
    ] as const) {
      const rng = new SeededRandom(5);
      const xs = Array.from({ length: 100000 }, () => rng.gamma(shape, rate));
      const { mean, se } = meanAndSe(xs);
      expect(Math.abs(mean - shape / rate)).toBeLessThan(4 * se);
      const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length;
      expect(variance).toBeCloseTo(shape / rate ** 2, 1);
    }
  });
  it('beta variates have mean a/(a+b), also for tiny shapes', () => {
    const rng = new SeededRandom(9);
    for (const [a, b] of [
      [0.05, 0.05],
      [2, 5],
    ] as const) {
      const xs = Array.from({ length: 50000 }, () => rng.beta(a, b));
      expect(xs.every((v) => v >= 0 && v <= 1)).toBe(true);
      const { mean, se } = meanAndSe(xs);
      expect(Math.abs(mean - a / (a + b))).toBeLessThan(4 * se);
    }
  });
});

describe('simulateBetaGeo / simulateParetoNbd', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const p = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const a = simulateBetaGeo(p, { customers: 100, T: 39, seed: 3 });
    const b = simulateBetaGeo(p, { customers: 100, T: 39, seed: 3 });
    const c = simulateBetaGeo(p, { customers: 100, T: 39, seed: 4 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('BG/NBD: mean repeat purchases match E[X(T)] of the model (FHL 2005 eq. 9) within 4 standard errors', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const sim = simulateBetaGeo(p, { customers: 60000, T: 39, seed: 1 });
    const { mean, se } = meanAndSe(sim.customers.map((c) => c.frequency));
    expect(Math.abs(mean - new BetaGeoModel({ params: p, timeUnit: 'week' }).expectedPurchases(39))).toBeLessThan(
      4 * se,
    );
    expect(sim.customers.every((c) => c.frequency > 0 || c.recency === 0)).toBe(true);
    expect(sim.customers.filter((c) => c.frequency === 0).every((c) => c.alive)).toBe(true);
  });
  it('Pareto/NBD: mean repeat purchases match E[X(T)] and the alive share matches E[(β/(β+T))^s]', () => {
    const p = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    const sim = simulateParetoNbd(p, { customers: 60000, T: 39, seed: 2 });
    const { mean, se } = meanAndSe(sim.customers.map((c) => c.frequency));
    expect(Math.abs(mean - new ParetoNbdModel({ params: p, timeUnit: 'week' }).expectedPurchases(39))).toBeLessThan(
      4 * se,
    );
    const aliveShare = meanAndSe(sim.customers.map((c) => (c.alive ? 1 : 0)));
    expect(Math.abs(aliveShare.mean - (11.669 / (11.669 + 39)) ** 0.606)).toBeLessThan(4 * aliveShare.se);
  });
  it('returns purchase times when asked, consistent with the summaries', () => {
    const sim = simulateParetoNbd(
      { r: 1, alpha: 2, s: 0.5, beta: 10 },
      { customers: 50, T: [5, 10, 20, 30, 40].flatMap((t) => Array(10).fill(t)), seed: 8, transactions: true },
    );
    for (const c of sim.customers) {
      const times = sim.transactions.filter((t) => t.customerId === c.customerId).map((t) => t.time);
      expect(times.length).toBe(c.frequency);
      if (times.length > 0) expect(times[times.length - 1]).toBe(c.recency);
      expect(times.every((t) => t <= c.T)).toBe(true);
    }
  });
  it('rejects bad options and parameters', () => {
    expect(() => simulateBetaGeo({ r: 0.2, alpha: 4, a: 1, b: 1 }, { customers: 2, T: [1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => simulateBetaGeo({ r: -1, alpha: 4, a: 1, b: 1 }, { customers: 2, T: 3 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
