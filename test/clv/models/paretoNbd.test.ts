import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoNbdObjective, upperIncompleteGamma } from '../../../src/clv/models/paretoNbd.js';
import { prepareFitRows } from '../../../src/clv/models/shared.js';
import { fitParetoNbd, ParetoNbdModel, simulateParetoNbd } from '../../../src/index.js';
import { test as propTest } from '../../support/property.js';
import { cdnowSummaries, relativeError } from './helpers.js';

const customers = cdnowSummaries();
const fitted = fitParetoNbd(customers, { timeUnit: 'week' });
const published = new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' });

// Reference values: mpmath 1.3.0 (30 digits) evaluating Fader & Hardie's note formulas with ₂F₁ in their original
// argument order, and DERT with mpmath.hyperu (FHL 2005 "RFM and CLV" eq. 2), at the published parameters.
const sample = [
  { frequency: 2, recency: 30.43, T: 38.86 },
  { frequency: 1, recency: 1.71, T: 38.86 },
  { frequency: 0, recency: 0, T: 38.86 },
  { frequency: 7, recency: 29.43, T: 38.86 },
  { frequency: 10, recency: 34.14, T: 38.86 },
  { frequency: 25, recency: 37.14, T: 38.71 },
  { frequency: 100, recency: 38, T: 38.71 },
  { frequency: 3, recency: 38.71, T: 38.71 },
];
const alive = [
  0.8691675591530111, 0.1680023267243449, 0.29528660461689415, 0.7495014076670343, 0.9013595347627676,
  0.9707096353410486, 0.9808082073203004, 1,
];
const conditional39 = [
  1.4551231932576023, 0.17109298055378316, 0.10708146821530885, 3.712251380470544, 6.237627489353588, 16.30809592184425,
  64.84121519962561, 2.335969829470115,
];
const dert = [6.515190370105244, 0.7660542725603262, 0.4794481689012594, 16.621289906943225, 27.92844670419998];

describe('fitParetoNbd on CDNOW', () => {
  it('reproduces r = 0.553, α = 10.578, s = 0.606, β = 11.669 within 0.5% and LL = −9595.0 within 0.05', () => {
    const expected = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    for (const [k, v] of Object.entries(expected)) {
      expect(relativeError(fitted.params[k as keyof typeof expected], v)).toBeLessThan(0.005);
    }
    expect(Math.abs((fitted.logLikelihood as number) - -9595.0)).toBeLessThan(0.05);
    expect(fitted.converged).toBe(true);
  });
  it('log-likelihood equals the mpmath value at the fitted parameters (−9594.97392982686)', () => {
    const rows = prepareFitRows(customers, { timeUnit: 'week' }).rows;
    const { logLikelihood } = paretoNbdObjective(rows, 0);
    const ll = logLikelihood({
      r: 0.5532755054539148,
      alpha: 10.57761225528514,
      s: 0.6062135781671374,
      beta: 11.667911622003185,
    });
    expect(ll).toBeCloseTo(-9594.97392982686, 8);
    expect(logLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 })).toBeCloseTo(-9594.97401004098, 8);
  });
  it('has standard errors and intervals', () => {
    expect(fitted.standardErrors?.r).toBeGreaterThan(0);
    expect(fitted.confidenceIntervals?.beta.lower).toBeLessThan(fitted.params.beta);
  });
  it('analytic gradient agrees with central differences', () => {
    const rows = prepareFitRows(customers.slice(0, 300), { timeUnit: 'week' }).rows;
    const { objective, gradient } = paretoNbdObjective(rows, 0);
    for (const phi of [
      [Math.log(0.5), Math.log(10), Math.log(0.6), Math.log(12)],
      [Math.log(1.5), Math.log(3), Math.log(0.2), Math.log(40)], // α < β branch
      [Math.log(0.3), Math.log(80), Math.log(2), Math.log(1)], // α ≫ β: z near 1 for small tₓ
    ]) {
      const x = new Float64Array(phi);
      const g = new Float64Array(4);
      gradient(x, g);
      for (let j = 0; j < 4; j++) {
        const h = 1e-6;
        const p = Float64Array.from(x);
        p[j] = x[j]! + h;
        const fp = objective(p);
        p[j] = x[j]! - h;
        const fm = objective(p);
        expect(g[j]).toBeCloseTo((fp - fm) / (2 * h), 5);
      }
    }
  });
  it('stays finite where lifetimes needed special handling (lifetimes test_overflow_error inputs)', () => {
    const m = new ParetoNbdModel({
      params: { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 },
      timeUnit: 'week',
    });
    const out = m.probabilityAlive([
      { frequency: 400, recency: 5, T: 6 },
      { frequency: 500, recency: 1, T: 37 },
      { frequency: 500, recency: 4, T: 37 },
    ]);
    for (const v of out) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});

describe('Pareto/NBD predictions with the published parameters', () => {
  it('P(alive) agrees with mpmath to 1e-10 relative', () => {
    published.probabilityAlive(sample).forEach((v, i) => void expect(relativeError(v, alive[i]!)).toBeLessThan(1e-10));
  });
  it('conditional expectations agree with mpmath to 1e-10 relative', () => {
    published
      .conditionalExpectedPurchases(39, sample)
      .forEach((v, i) => void expect(relativeError(v, conditional39[i]!)).toBeLessThan(1e-10));
  });
  it('E[X(t)] agrees with mpmath', () => {
    expect(relativeError(published.expectedPurchases(39), 1.2130028442810157)).toBeLessThan(1e-12);
    expect(relativeError(published.expectedPurchases({ weeks: 78 }), 1.909398129313685)).toBeLessThan(1e-12);
  });
  it('DERT at 15% a year agrees with mpmath (Tricomi U) to 1e-9 relative', () => {
    const out = published.expectedResidualPurchases(sample.slice(0, 5), { discountRate: { rate: 0.15, per: 'year' } });
    out.forEach((v, i) => void expect(relativeError(v, dert[i]!)).toBeLessThan(1e-9));
  });
  it('DERT without discounting is rejected', () => {
    expect(() => published.expectedResidualPurchases(sample, { discountRate: { rate: 0, per: 'year' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
  it('P(alive at T + t) = P(alive) · ((β+T)/(β+T+t))^s', () => {
    const now = published.probabilityAlive(sample)[0]!;
    const later = published.probabilityAlive(sample, { at: 10 })[0]!;
    expect(later).toBeCloseTo(now * ((11.669 + 38.86) / (11.669 + 48.86)) ** 0.606, 12);
  });
  it('upper incomplete gamma matches mpmath.gammainc for negative, zero and positive orders', () => {
    const cases: Array<[number, number, number]> = [
      [-0.394, 0.13, 2.3930290353330226],
      [0.5, 0.3, 0.7773593112498081],
      [-1.5, 0.2, 4.907130415773591],
      [0, 0.5, 0.5597735947761608],
      [-2, 0.7, 0.3389003309406555],
      [0.394, 4, 0.00701514821499854],
      [-0.394, 3, 0.0077804642275252954],
    ];
    for (const [a, z, v] of cases) expect(relativeError(upperIncompleteGamma(a, z), v)).toBeLessThan(1e-12);
  });
});

describe('Pareto/NBD properties', () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    s: fc.double({ min: 0.05, max: 5, noNaN: true }),
    beta: fc.double({ min: 0.1, max: 50, noNaN: true }),
  });
  const history = fc
    .tuple(
      fc.integer({ min: 0, max: 200 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0.01, max: 200, noNaN: true }),
    )
    .map(([x, u, T]) => ({ frequency: x, recency: x === 0 ? 0 : u * T, T }));
  propTest.prop([params, fc.array(history, { minLength: 1, maxLength: 10 })])('P(alive) is in [0, 1]', (p, hs) => {
    const out = new ParetoNbdModel({ params: p, timeUnit: 'week' }).probabilityAlive(hs);
    for (const v of out) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
  propTest.prop([
    params,
    history,
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.double({ min: 0, max: 100, noNaN: true }),
  ])('conditional expectations are finite and non-decreasing in t', (p, h, t1, t2) => {
    const m = new ParetoNbdModel({ params: p, timeUnit: 'week' });
    const [lo, hi] = t1 < t2 ? [t1, t2] : [t2, t1];
    const a = m.conditionalExpectedPurchases(lo, [h])[0]!;
    const b = m.conditionalExpectedPurchases(hi, [h])[0]!;
    expect(Number.isFinite(a)).toBe(true);
    expect(b).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, a));
  });
  const rows = prepareFitRows(customers, { timeUnit: 'week' }).rows;
  const { logLikelihood } = paretoNbdObjective(rows, 0);
  propTest.prop([fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 4, maxLength: 4 })], {
    numRuns: 30,
  })('the fitted log-likelihood is not beaten by perturbed parameters', (eps) => {
    const p = fitted.params;
    const q = {
      r: p.r * (1 + eps[0]!),
      alpha: p.alpha * (1 + eps[1]!),
      s: p.s * (1 + eps[2]!),
      beta: p.beta * (1 + eps[3]!),
    };
    expect(logLikelihood(q)).toBeLessThanOrEqual((fitted.logLikelihood as number) + 1e-7);
  });
});

describe('Pareto/NBD parameter recovery', () => {
  it('recovers known parameters from 20,000 simulated customers within 4 standard errors', () => {
    const truth = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
    const T = Array.from({ length: 20000 }, (_, i) => 30 + (i % 40));
    const { customers: sim } = simulateParetoNbd(truth, { customers: 20000, T, seed: 21 });
    const m = fitParetoNbd(sim, { timeUnit: 'week' });
    expect(m.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(m.params[k] - truth[k])).toBeLessThan(4 * m.standardErrors![k]);
    }
  });
  it('bad input names the record', () => {
    expect(() => fitParetoNbd([{ frequency: 2, recency: 9, T: 5 }], { timeUnit: 'week' })).toThrow(
      /customers\[0\]\.recency/,
    );
  });
});
