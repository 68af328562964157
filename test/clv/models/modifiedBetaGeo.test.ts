import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modifiedBetaGeoObjective } from '../../../src/clv/models/modifiedBetaGeo.js';
import { prepareFitRows } from '../../../src/clv/models/shared.js';
import { fitModifiedBetaGeo, ModifiedBetaGeoModel } from '../../../src/index.js';
import { test as propTest } from '../../support/property.js';
import { cdnowSummaries, relativeError } from './helpers.js';

const customers = cdnowSummaries();
const fitted = fitModifiedBetaGeo(customers, { timeUnit: 'week' });
const reference = new ModifiedBetaGeoModel({
  params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
  timeUnit: 'week',
});
const sample = [
  { frequency: 2, recency: 30.43, T: 38.86 },
  { frequency: 1, recency: 1.71, T: 38.86 },
  { frequency: 0, recency: 0, T: 38.86 },
  { frequency: 7, recency: 29.43, T: 38.86 },
  { frequency: 25, recency: 37.14, T: 38.71 },
];

describe('fitModifiedBetaGeo on CDNOW', () => {
  it('lands on r = 0.525, α = 6.183, a = 0.891, b = 1.614 (BTYDplus, lifetimes test) within 0.5%', () => {
    const expected = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    for (const [k, v] of Object.entries(expected)) {
      expect(relativeError(fitted.params[k as keyof typeof expected], v)).toBeLessThan(0.005);
    }
    expect(fitted.converged).toBe(true);
  });
  it('log-likelihood equals the mpmath value at the fitted parameters', () => {
    // mpmath (20 digits) of Σ ln L with the MBG/NBD likelihood at these parameters: −9582.1326848999.
    const rows = prepareFitRows(customers, { timeUnit: 'week' }).rows;
    const { logLikelihood } = modifiedBetaGeoObjective(rows, 0);
    const ll = logLikelihood({
      r: 0.5248379865503268,
      alpha: 6.18299201319056,
      a: 0.8913561575664948,
      b: 1.6139993230463092,
    });
    expect(ll).toBeCloseTo(-9582.1326848999, 8);
    expect(fitted.logLikelihood).toBeCloseTo(-9582.1326848999, 5);
  });
  it('analytic gradient agrees with central differences', () => {
    const rows = prepareFitRows(customers.slice(0, 400), { timeUnit: 'week' }).rows;
    const { objective, gradient } = modifiedBetaGeoObjective(rows, 0.01);
    const x = new Float64Array([Math.log(0.4), Math.log(5), Math.log(0.9), Math.log(1.7)]);
    const g = new Float64Array(4);
    gradient(x, g);
    for (let j = 0; j < 4; j++) {
      const p = Float64Array.from(x);
      p[j] = x[j]! + 1e-6;
      const fp = objective(p);
      p[j] = x[j]! - 1e-6;
      const fm = objective(p);
      expect(g[j]).toBeCloseTo((fp - fm) / 2e-6, 6);
    }
  });
});

describe('MBG/NBD predictions (mpmath references at r = 0.525, α = 6.183, a = 0.891, b = 1.614)', () => {
  it('P(alive) is below 1 for frequency 0 and matches mpmath', () => {
    const mp = [0.7062022651184873, 0.17083648431040804, 0.3897350809187629, 0.6227238141691119, 0.9233107256392226];
    reference.probabilityAlive(sample).forEach((v, i) => void expect(relativeError(v, mp[i]!)).toBeLessThan(1e-12));
  });
  it('conditional expectations match mpmath (lifetimes formula)', () => {
    const mp = [1.2629606232673658, 0.18883654136434289, 0.15401274667514667, 3.1675724322986936, 15.50217129354622];
    reference
      .conditionalExpectedPurchases(39, sample)
      .forEach((v, i) => void expect(relativeError(v, mp[i]!)).toBeLessThan(1e-9));
  });
  it('E[X(t)] and P(X(t) = n) match mpmath', () => {
    expect(relativeError(reference.expectedPurchases(39), 1.1829536655971726)).toBeLessThan(1e-10);
    expect(relativeError(reference.expectedPurchases(78), 1.8047575775531417)).toBeLessThan(1e-10);
    const pn = [0.582473189493289, 0.1827830772875405, 0.08689482567349052, 0.04857044295156921];
    pn.forEach((v, n) => void expect(relativeError(reference.probabilityOfPurchases(n, 39), v)).toBeLessThan(1e-10));
  });
  it('expected purchases of the fitted model are close to the BG/NBD spreadsheet values (lifetimes: within 5%)', () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const hardie = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => void expect(relativeError(fitted.expectedPurchases(t), hardie[i]!)).toBeLessThan(0.05));
  });
});

describe('MBG/NBD properties', () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 10, noNaN: true }),
  });
  const history = fc
    .tuple(
      fc.integer({ min: 0, max: 200 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0.01, max: 200, noNaN: true }),
    )
    .map(([x, u, T]) => ({ frequency: x, recency: x === 0 ? 0 : u * T, T }));
  propTest.prop([params, fc.array(history, { minLength: 1, maxLength: 10 })])('P(alive) is in [0, 1)', (p, hs) => {
    for (const v of new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' }).probabilityAlive(hs)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
  propTest.prop([params, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })])(
    'expected purchases are non-decreasing in t',
    (p, t1, t2) => {
      const m = new ModifiedBetaGeoModel({ params: p, timeUnit: 'week' });
      const [lo, hi] = t1 < t2 ? [t1, t2] : [t2, t1];
      expect(m.expectedPurchases(hi)).toBeGreaterThanOrEqual(m.expectedPurchases(lo) * (1 - 1e-9) - 1e-12);
    },
  );
});
