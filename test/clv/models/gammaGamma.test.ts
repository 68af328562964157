import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CrmAnalyticsError, fitGammaGamma, GammaGammaModel } from '../../../src/index.js';
import { test as propTest } from '../../support/property.js';
import { cdnowWithSpend, relativeError } from './helpers.js';

const all = cdnowWithSpend();
const repeat = all.filter((c) => c.frequency > 0);
const fitted = fitGammaGamma(all);

describe('fitGammaGamma on CDNOW repeat buyers (Fader, Hardie & Lee 2005, "RFM and CLV")', () => {
  it('reproduces p = 6.25, q = 3.74, γ = 15.44 within 0.5%', () => {
    expect(relativeError(fitted.params.p, 6.25)).toBeLessThan(0.005);
    expect(relativeError(fitted.params.q, 3.74)).toBeLessThan(0.005);
    expect(relativeError(fitted.params.gamma, 15.44)).toBeLessThan(0.005);
    expect(fitted.converged).toBe(true);
    expect(fitted.fit?.customerCount).toBe(946);
  });
  it('skips customers without repeat purchases (the same fit on the 946 repeat buyers only)', () => {
    const only = fitGammaGamma(repeat);
    expect(only.params.p).toBeCloseTo(fitted.params.p, 8);
  });
  it('reports the spend–frequency correlation used to check the independence assumption', () => {
    const check = fitted.spendFrequencyCheck!;
    // Pearson correlation computed independently here.
    const n = repeat.length;
    const mx = repeat.reduce((s, c) => s + c.frequency, 0) / n;
    const mm = repeat.reduce((s, c) => s + c.monetaryValue, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const c of repeat) {
      sxy += (c.frequency - mx) * (c.monetaryValue - mm);
      sxx += (c.frequency - mx) ** 2;
      syy += (c.monetaryValue - mm) ** 2;
    }
    expect(check.correlation).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 10);
    expect(check.independent).toBe(true);
  });
  it('conditional expected spend with the published parameters matches the closed form', () => {
    // mpmath: p(γ + x m̄)/(px + q − 1)
    const m = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } });
    const out = m.conditionalExpectedSpend([
      { frequency: 0, monetaryValue: 0 },
      { frequency: 2, monetaryValue: 22.35 },
      { frequency: 1, monetaryValue: 11.77 },
    ]);
    expect(relativeError(out[0]!, 35.21897810218978)).toBeLessThan(1e-14);
    expect(relativeError(out[1]!, 24.663713910761157)).toBeLessThan(1e-14);
    expect(relativeError(out[2]!, 18.916852057842046)).toBeLessThan(1e-14);
  });
  it('q ≤ 1 makes the expected spend divergent', () => {
    const m = new GammaGammaModel({ params: { p: 2, q: 0.9, gamma: 5 } });
    expect(() => m.conditionalExpectedSpend([{ frequency: 1, monetaryValue: 3 }])).toThrow(
      expect.objectContaining({ code: 'DIVERGENT' }),
    );
  });
  it('bad input names the record; no repeat buyer is EMPTY_INPUT; weights change nothing when all 1', () => {
    try {
      fitGammaGamma([
        { frequency: 1, monetaryValue: 10 },
        { frequency: 2, monetaryValue: -3 },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as CrmAnalyticsError).code).toBe('INVALID_INPUT');
      expect((e as CrmAnalyticsError).message).toMatch(/^customers\[1\]\.monetaryValue/);
    }
    expect(() => fitGammaGamma([{ frequency: 1.5, monetaryValue: 10 }])).toThrow(/customers\[0\]\.frequency/);
    expect(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }])).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
    const w = fitGammaGamma(repeat, { weights: repeat.map(() => 1) });
    expect(w.params.q).toBeCloseTo(fitted.params.q, 8);
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(repeat.slice(0, 100));
    fitGammaGamma(copy);
    expect(copy).toEqual(repeat.slice(0, 100));
  });
});

describe('Gamma-Gamma properties', () => {
  propTest.prop([
    fc.double({ min: 0.1, max: 20, noNaN: true }),
    fc.double({ min: 1.05, max: 20, noNaN: true }),
    fc.double({ min: 0.1, max: 100, noNaN: true }),
    fc.integer({ min: 1, max: 100 }),
    fc.double({ min: 0.01, max: 1000, noNaN: true }),
  ])('the expected spend lies between the population mean and the customer mean', (p, q, gamma, x, m) => {
    const model = new GammaGammaModel({ params: { p, q, gamma } });
    const v = model.conditionalExpectedSpend([{ frequency: x, monetaryValue: m }])[0]!;
    const pop = (p * gamma) / (q - 1);
    expect(v).toBeGreaterThanOrEqual(Math.min(pop, m) * (1 - 1e-12));
    expect(v).toBeLessThanOrEqual(Math.max(pop, m) * (1 + 1e-12));
  });
});
