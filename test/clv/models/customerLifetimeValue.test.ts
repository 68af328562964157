import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BetaGeoModel, customerLifetimeValue, GammaGammaModel, ParetoNbdModel } from '../../../src/index.js';
import { test as propTest } from '../../support/property.js';
import { cdnowWithSpend, relativeError } from './helpers.js';

const transactionModel = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
const spendModel = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } });
const customers = cdnowWithSpend().slice(0, 12);

// A transcription of lifetimes' utils._customer_lifetime_value (time = 12 months, discount_rate = 0.01, freq = 'W',
// i.e. 4.345 weeks a month) with BetaGeoFitter.conditional_expected_number_of_purchases_up_to_time and
// GammaGammaFitter.conditional_expected_average_profit, evaluated in mpmath (30 digits) on the first 12 CDNOW customers.
const lifetimesClv = [
  36.289211125599216, 4.6372946597471865, 8.369004358920462, 8.369004358920462, 8.369004358920462, 283.532776317092,
  6.882355465015213, 8.369004358920462, 43.36787227024756, 8.369004358920462, 66.65988906176452, 8.369004358920462,
];

describe('customerLifetimeValue', () => {
  it("reproduces lifetimes' customer_lifetime_value on CDNOW with its conventions (4.345 weeks a month)", () => {
    const clv = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers,
      horizon: { months: 12 },
      discountRate: { rate: 0.01, per: 'month' },
      modelUnitsPerPeriod: 4.345,
    });
    clv.forEach((v, i) => void expect(relativeError(v, lifetimesClv[i]!)).toBeLessThan(1e-9));
  });
  it('with exact calendar months (4.348125 weeks) the values differ from lifetimes by under 0.1%', () => {
    const clv = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers,
      horizon: { months: 12 },
      discountRate: { rate: 0.01, per: 'month' },
    });
    clv.forEach((v, i) => {
      expect(v).toBeGreaterThan(lifetimesClv[i]!);
      expect(relativeError(v, lifetimesClv[i]!)).toBeLessThan(1e-3);
    });
  });
  it('with no discounting equals spend × conditional expected purchases over the horizon', () => {
    const clv = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers,
      horizon: { weeks: 52 },
      discountRate: { rate: 0, per: 'week' },
    });
    const e = transactionModel.conditionalExpectedPurchases(52, customers);
    const m = spendModel.conditionalExpectedSpend(customers);
    clv.forEach((v, i) => void expect(v).toBeCloseTo(m[i]! * e[i]!, 10));
    // mpmath: the undiscounted lifetimes sum for the first customer is 38.528525050725904 (12 × 4.345 weeks).
    const d0 = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers,
      horizon: { months: 12 },
      discountRate: { rate: 0, per: 'month' },
      modelUnitsPerPeriod: 4.345,
    });
    expect(relativeError(d0[0]!, 38.528525050725904)).toBeLessThan(1e-9);
  });
  it('accepts explicit spend instead of a spend model, a fractional horizon, and a Pareto/NBD model', () => {
    const clv = customerLifetimeValue({
      transactionModel: new ParetoNbdModel({
        params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
        timeUnit: 'week',
      }),
      spend: customers.map(() => 10),
      customers,
      horizon: { months: 2.5 },
      discountRate: { rate: 0.1, per: 'year' },
    });
    expect(clv.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
  });
  it('converts a summary table in days to the model unit', () => {
    const inWeeks = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers,
      horizon: { months: 6 },
      discountRate: { rate: 0.01, per: 'month' },
    });
    const inDays = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers: { customers: customers.map((c) => ({ ...c, recency: c.recency * 7, T: c.T * 7 })), timeUnit: 'day' },
      horizon: { months: 6 },
      discountRate: { rate: 0.01, per: 'month' },
    });
    inDays.forEach((v, i) => void expect(v).toBeCloseTo(inWeeks[i]!, 10));
  });
  it('rejects missing or double spend inputs, bad rates and bad records', () => {
    const base = {
      transactionModel,
      customers,
      horizon: { months: 12 },
      discountRate: { rate: 0.01, per: 'month' as const },
    };
    expect(() => customerLifetimeValue(base)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => customerLifetimeValue({ ...base, spendModel, spend: [1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => customerLifetimeValue({ ...base, spend: [1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() =>
      customerLifetimeValue({ ...base, spendModel, discountRate: { rate: Number.NaN, per: 'month' } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() =>
      customerLifetimeValue({ ...base, spendModel, customers: [{ frequency: 1, recency: 9, T: 5, monetaryValue: 3 }] }),
    ).toThrow(/customers\[0\]\.recency/);
  });
  it('names a bad monetaryValue, and lets frequency-0 customers omit it', () => {
    const base = {
      transactionModel,
      spendModel,
      horizon: { months: 12 },
      discountRate: { rate: 0.01, per: 'month' as const },
    };
    expect(() =>
      customerLifetimeValue({
        ...base,
        customers: [
          { frequency: 0, recency: 0, T: 5 },
          { frequency: 2, recency: 3, T: 5, monetaryValue: -1 },
        ],
      }),
    ).toThrow(/^customers\[1\]\.monetaryValue/);
    const out = customerLifetimeValue({ ...base, customers: [{ frequency: 0, recency: 0, T: 5 }] });
    expect(out[0]).toBeGreaterThan(0);
  });
  propTest.prop([fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true })])(
    'CLV is non-increasing in the discount rate',
    (d1, d2) => {
      const [lo, hi] = d1 < d2 ? [d1, d2] : [d2, d1];
      const run = (rate: number): Float64Array =>
        customerLifetimeValue({
          transactionModel,
          spendModel,
          customers,
          horizon: { months: 24 },
          discountRate: { rate, per: 'month' },
        });
      const a = run(lo);
      const b = run(hi);
      a.forEach((v, i) => void expect(b[i]!).toBeLessThanOrEqual(v * (1 + 1e-12)));
    },
  );
});
