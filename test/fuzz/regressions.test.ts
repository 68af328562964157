// Named regression tests for the bugs the fuzz suite found (docs/testing.md lists them).
import { CrmAnalyticsError } from 'crm-analytics';
import {
  BetaGeoBetaBinomModel,
  calibrationVsHoldout,
  derlRetentionElasticity,
  discountedExpectedResidualLifetime,
  fitBetaGeoBetaBinom,
  lifetimeValue,
  repeatFrequencyFit,
  retentionImpact,
  ShiftedBetaGeometricModel,
  trackingCurve,
} from 'crm-analytics/clv';
import { acquisitionVsRetention, churnRate, cohortRetention } from 'crm-analytics/lifecycle';
import { summarizeParallel } from 'crm-analytics/node';
import { gini } from 'crm-analytics/pareto';
import { rfmBreakScores, rfmQuantileScores, rfmScores, rfmSegmentReport, rfmSegments } from 'crm-analytics/rfm';
import { satisfactionRatio } from 'crm-analytics/satisfaction';
import { quoteSqlIdentifier, summarySqlRowsToTable } from 'crm-analytics/sql';
import { deliveredValueFromSurvey } from 'crm-analytics/value';
import { describe, expect, it } from 'vitest';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error.code;
    throw error;
  }
  return 'no error';
}

async function asyncCodeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error.code;
    throw error;
  }
  return 'no error';
}

const row = {
  customer_id: 'a',
  frequency: 1,
  recency: 2,
  T: 3,
  monetary_value: 4,
  total_revenue: 9,
  transaction_count: 2,
  first_purchase_day: 0,
  last_purchase_day: 2,
};

describe('fuzz regressions', () => {
  it('an array-like whose length getter throws is an INVALID_INPUT (core toRecordArray)', () => {
    const hostile = Object.defineProperty({}, 'length', {
      get() {
        throw new Error('boom');
      },
    });
    expect(codeOf(() => gini(hostile as ArrayLike<number>))).toBe('INVALID_INPUT');
  });

  it('rfmQuantileScores / rfmBreakScores without a value column throw INVALID_INPUT, not TypeError', () => {
    expect(codeOf(() => rfmQuantileScores(undefined as never, 3))).toBe('INVALID_INPUT');
    expect(codeOf(() => rfmBreakScores(null as never, [1, 2]))).toBe('INVALID_INPUT');
  });

  it('quoteSqlIdentifier rejects a non-string name and an unknown dialect', () => {
    expect(codeOf(() => quoteSqlIdentifier({} as never, 'postgres'))).toBe('INVALID_OPTION');
    expect(codeOf(() => quoteSqlIdentifier('x', 'oracle' as never))).toBe('INVALID_OPTION');
  });

  it('summarySqlRowsToTable rejects a non-array, a sparse array, a bad id, an out-of-range day and bad options', () => {
    expect(codeOf(() => summarySqlRowsToTable('' as never))).toBe('INVALID_INPUT');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    expect(codeOf(() => summarySqlRowsToTable([row, , row] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => summarySqlRowsToTable([{ ...row, customer_id: null }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => summarySqlRowsToTable([{ ...row, first_purchase_day: 1e300 }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => summarySqlRowsToTable([row], { timeUnit: 'fortnight' as never }))).toBe('INVALID_OPTION');
    expect(summarySqlRowsToTable([row]).customers[0]?.totalRevenue).toBe(9);
  });

  it('satisfactionRatio: an expectation so small that the ratio overflows is a DOMAIN_ERROR (was Infinity / NaN)', () => {
    expect(codeOf(() => satisfactionRatio(9, 5e-324))).toBe('DOMAIN_ERROR');
    expect(codeOf(() => satisfactionRatio([6, 9], [5e-324, 9]))).toBe('DOMAIN_ERROR');
    expect(satisfactionRatio(5e-324, 8).ratio).toBe(0);
  });

  it('rfmSegmentReport: averageOrderValue is null, not Infinity, when fractional orders make it overflow', () => {
    const rows = [2, 40, 7, 90, 15, 3].map((days, i) => ({
      id: i,
      days,
      orders: i === 0 ? 5e-324 : (i % 4) + 1,
      spend: 30 * (i + 1),
    }));
    const scores = rfmScores(rows, {
      fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' },
    });
    const report = rfmSegmentReport(scores, rfmSegments(scores));
    for (const segment of report) {
      expect(segment.averageOrderValue === null || Number.isFinite(segment.averageOrderValue)).toBe(true);
    }
    expect(report.some((s) => s.orders > 0 && s.averageOrderValue === null)).toBe(true);
  });

  it('summarizeParallel: null options and uncloneable values are CrmAnalyticsErrors', async () => {
    const input = { customerIds: [1, 2, 1], dates: [0, 864e5, 1728e5], amounts: [1, 2, 3] };
    expect(await asyncCodeOf(() => summarizeParallel(input, null as never))).toBe('INVALID_OPTION');
    const withSymbol = { ...input, dates: [0, Symbol('s'), 1728e5] };
    expect(await asyncCodeOf(() => summarizeParallel(withSymbol as never, { workers: 2 }))).toBe('INVALID_INPUT');
  });

  it('ShiftedBetaGeometricModel curves refuse more than 10^7 periods instead of allocating gigabytes', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 });
    expect(codeOf(() => model.survivalCurve(2 ** 32))).toBe('INVALID_INPUT');
    expect(codeOf(() => model.retentionCurve(1e7 + 1))).toBe('INVALID_INPUT');
    expect(model.survivalCurve(3).length).toBe(4);
  });

  it('lifecycle tables refuse date ranges of more than 100 000 periods instead of running out of memory', () => {
    const edges = [
      { customerId: 'a', date: new Date(-8.64e15), amount: 1 },
      { customerId: 'a', date: new Date(8.64e15), amount: 1 },
    ];
    expect(codeOf(() => churnRate(edges, { period: 'month' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => cohortRetention(edges, { period: 'week' }))).toBe('INVALID_INPUT');
  });

  const donors = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
  const flat = new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma: 1, delta: 1 });

  it('BG/BB methods refuse more than 10^7 opportunities instead of looping 8.64e15 times (was a hang)', () => {
    expect(codeOf(() => donors.probabilityOfPurchases(1, 8.64e15))).toBe('INVALID_INPUT');
    expect(codeOf(() => flat.expectedPurchases(2 ** 53))).toBe('INVALID_INPUT');
    expect(codeOf(() => flat.conditionalExpectedPurchases(1e7 + 1, [{ frequency: 0, recency: 0, periods: 1 }]))).toBe(
      'INVALID_INPUT',
    );
    // γ = 1 takes the term-by-term survival sum: 10^7 terms still return, with the closed form δ(ψ(δ+n+1) − ψ(δ+1)).
    expect(flat.expectedPurchases(1e7)).toBeCloseTo(
      0.5 * (Math.log(1e7 + 1) + 0.5772156649 - 1) + (0.5 * 0.5) / 1e7,
      5,
    );
  });

  it('BG/BB probabilityOfPurchases with β or δ near 1.8e308 is finite and matches the limit (seed 65537: was NaN)', () => {
    // The dropout sum's term ratio multiplied three factors before dividing: ∞/∞ once β or δ is near the largest double.
    const base = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const noDropout = new BetaGeoBetaBinomModel({ ...base, delta: Number.MAX_VALUE });
    expect(noDropout.probabilityOfPurchases(1, 6)).toBeCloseTo(
      new BetaGeoBetaBinomModel({ ...base, delta: 1e15 }).probabilityOfPurchases(1, 6),
      12,
    );
    const neverBuys = new BetaGeoBetaBinomModel({ ...base, beta: Number.MAX_VALUE });
    const p1 = neverBuys.probabilityOfPurchases(1, 6);
    expect(Number.isFinite(p1)).toBe(true);
    // P(X = 1) ≈ E[X] when purchases are vanishingly rare.
    expect(p1 / neverBuys.expectedPurchases(6)).toBeCloseTo(1, 10);
  });

  it('repeatFrequencyFit with 8.64e15 periods is an INVALID_INPUT (was a hang in probabilityOfPurchases)', () => {
    const rows = [
      { frequency: 0, recency: 0, periods: 2 ** 32 },
      { frequency: 1, recency: 1, periods: 8.64e15 },
    ];
    expect(codeOf(() => repeatFrequencyFit(flat, rows, { maxFrequency: 1 }))).toBe('INVALID_INPUT');
  });

  it('repeatFrequencyFit on 10^6 opportunities (was ~16 s) equals the distribution summed term by term', () => {
    const fit = repeatFrequencyFit(donors, [{ frequency: 2, recency: 5, periods: 1e6 }], { maxFrequency: 3 });
    // 0.28727594349642815 is P(X(10^6) = 0) from the previous implementation (gammaln/betaln per term, 2.7 s a call);
    // the bins add up to the one customer.
    expect(fit.bins.reduce((a, b) => a + b.expected, 0)).toBeCloseTo(1, 12);
    expect(fit.bins[0]?.expected).toBeCloseTo(donors.probabilityOfPurchases(0, 1e6), 14);
    expect(fit.bins[0]?.expected).toBeCloseTo(0.287275943498, 9);
  });

  it('fitBetaGeoBetaBinom refuses rows of more than 10^5 opportunities (a fit on 10^6 took minutes)', () => {
    const rows = [
      { frequency: 0, recency: 0, periods: 1e6, weights: 40 },
      { frequency: 3, recency: 3, periods: 3, weights: 30 },
    ];
    expect(codeOf(() => fitBetaGeoBetaBinom(rows))).toBe('INVALID_INPUT');
  });

  it('trackingCurve refuses a periodLength that makes more than 100 000 periods (5e-324 looped forever)', () => {
    const log = [
      { customerId: 'a', date: '2020-01-01' },
      { customerId: 'a', date: '2021-03-01' },
    ];
    expect(codeOf(() => trackingCurve(flat, log, { periodLength: 5e-324 }))).toBe('INVALID_OPTION');
    expect(trackingCurve(flat, log, { timeUnit: 'day' }).points.length).toBe(426);
  });

  it('DERL and its elasticity: a discount rate that rounds 1/(1+d) to 1 is DIVERGENT, a series that cannot be summed is NOT_CONVERGED', () => {
    expect(codeOf(() => discountedExpectedResidualLifetime({ alpha: 0.5, beta: 1e6 }, { discountRate: 1e-300 }))).toBe(
      'DIVERGENT',
    );
    expect(codeOf(() => derlRetentionElasticity({ alpha: 3.8, beta: 15.2 }, { discountRate: 1e-300 }))).toBe(
      'DIVERGENT',
    );
    // α > 1: the undiscounted value (β+n−1)/(α−1).
    expect(discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 1e-300 })).toBeCloseTo(
      15.2 / 2.8,
      12,
    );
    expect(
      codeOf(() => discountedExpectedResidualLifetime({ alpha: 20, beta: 1 }, { discountRate: 1e-7, renewals: 1e9 })),
    ).toBe('NOT_CONVERGED');
    // Large n with a moderate rate: the direct series takes over from the failed transformation (≈ 1/d for n → ∞).
    const far = discountedExpectedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 1e-4, renewals: 1e9 });
    expect(far).toBeGreaterThan(9_999);
    expect(far).toBeLessThan(10_001);
  });

  it('BG/BB DERT with a rate that rounds 1/(1+d) to 1 is NOT_CONVERGED, not Infinity', () => {
    const rows = [{ frequency: 1, recency: 1, periods: 10 }];
    expect(codeOf(() => donors.expectedResidualPurchases(rows, { discountRate: 1e-300 }))).toBe('NOT_CONVERGED');
  });
});

describe('lifetimeValue with a margin that outgrows a double (fuzz seed 555: Infinity in the table)', () => {
  it('stops the table before the first margin beyond the largest double and reports the rest as tableRemainder', () => {
    const result = lifetimeValue({
      margin: 100,
      retentionRate: 0.8,
      discountRate: 12,
      timing: 'start',
      marginGrowth: 14,
    });
    expect(result.tableComplete).toBe(false);
    for (const row of result.periods) for (const v of Object.values(row)) expect(Number.isFinite(v)).toBe(true);
    const last = result.periods[result.periods.length - 1];
    // 100·15^(t−1) overflows from t = 262 on (100·15^261 ≈ 9e308).
    expect(last?.period).toBe(261);
    const listed = result.periods.reduce((sum, p) => sum + p.presentValue, 0);
    expect(listed + result.tableRemainder).toBeCloseTo(result.value, 9);
  });
});

describe("a caller's throwing getter comes out as INVALID_INPUT naming the record (fuzz, strict getters)", () => {
  const boom = new Error('boom');
  const getter = <T extends object>(target: T, key: PropertyKey): T =>
    Object.defineProperty(target, key, {
      enumerable: true,
      get: () => {
        throw boom;
      },
    });

  it('on an array element (gini)', () => {
    try {
      gini(getter([1, 2, 3], 1));
      expect.fail('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(CrmAnalyticsError);
      expect((error as CrmAnalyticsError).code).toBe('INVALID_INPUT');
      expect((error as CrmAnalyticsError).message).toMatch(/^values\[1\]: reading the value threw \(boom\)/);
      expect((error as CrmAnalyticsError).cause).toBe(boom);
    }
  });

  it('on a record field (rfmSegments) and a model parameter (BG/BB)', () => {
    const scores = rfmScores(
      [1, 2, 3, 4, 5].map((v) => ({ id: v, r: v, f: v, m: v })),
      {
        fields: { customerId: 'id', recency: 'r', frequency: 'f', monetary: 'm' },
      },
    );
    const customers = scores.customers.map((c, i) => (i === 2 ? getter({ ...c }, 'recencyScore') : c));
    expect(codeOf(() => rfmSegments({ ...scores, customers }))).toBe('INVALID_INPUT');
    expect(codeOf(() => new BetaGeoBetaBinomModel(getter({ alpha: 1, beta: 1, gamma: 1 }, 'delta') as never))).toBe(
      'INVALID_INPUT',
    );
  });

  it('on an option field (summarizeParallel): INVALID_OPTION', async () => {
    const columns = { customerIds: [1], dates: [0], amounts: [1] };
    expect(await asyncCodeOf(() => summarizeParallel(columns, getter({ observationEnd: 1 }, 'workers')))).toBe(
      'INVALID_OPTION',
    );
    // A null-prototype value in an option used to crash the message with a TypeError (String(value)).
    expect(await asyncCodeOf(() => summarizeParallel(columns, { workers: Object.create(null) }))).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('weights and costs near the largest double (fuzz seed 1234: Infinity / NaN in the result)', () => {
  it('rfmScores rejects weights whose weighted score would overflow (INVALID_OPTION)', () => {
    const rows = [1, 2, 3, 4, 5, 6].map((v) => ({ id: v, r: v, f: v, m: v * 10 }));
    const fields = { customerId: 'id', recency: 'r', frequency: 'f', monetary: 'm' };
    for (const w of [1e308, -1e308]) {
      expect(codeOf(() => rfmScores(rows, { bins: 4, fields, weights: { recency: w } }))).toBe('INVALID_OPTION');
    }
    expect(rfmScores(rows, { bins: 4, fields, weights: { recency: 1e300 } }).customers[0]?.score).toBeGreaterThan(0);
  });

  it('acquisitionVsRetention says DOMAIN_ERROR when a cost times the cost ratio overflows', () => {
    expect(codeOf(() => acquisitionVsRetention({ customers: 1000, customersLost: 100, retentionCost: 1.7e308 }))).toBe(
      'DOMAIN_ERROR',
    );
    expect(acquisitionVsRetention({ customers: 1000, customersLost: 100, retentionCost: 20 }).savingFromRetention).toBe(
      8000,
    );
  });
});

describe('summarySqlRowsToTable with a NaN customer id (fuzz seed 4242)', () => {
  it('rejects it (INVALID_INPUT) instead of returning a NaN id', () => {
    for (const id of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => summarySqlRowsToTable([{ ...row, customer_id: id }], { timeUnit: 'day' }))).toBe(
        'INVALID_INPUT',
      );
    }
  });
});

describe('BG/BB with β near 0 (fuzz seed 9090: NaN predictions)', () => {
  it('says DOMAIN_ERROR instead of returning NaN, and still answers at β = 1e-12', () => {
    const tiny = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 1e-20, gamma: 0.657, delta: 2.783 });
    const loyal = [{ frequency: 6, recency: 6, periods: 6 }];
    expect(codeOf(() => tiny.probabilityAlive(loyal))).toBe('DOMAIN_ERROR');
    expect(codeOf(() => tiny.conditionalExpectedPurchases(6, loyal))).toBe('DOMAIN_ERROR');
    expect(codeOf(() => tiny.expectedResidualPurchases(loyal, { discountRate: 0.1 }))).toBe('DOMAIN_ERROR');
    const small = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 1e-12, gamma: 0.657, delta: 2.783 });
    const alive = small.probabilityAlive(loyal)[0] as number;
    expect(alive).toBeGreaterThan(0);
    expect(alive).toBeLessThanOrEqual(1);
  });
});

describe('deliveredValueFromSurvey with huge importances or scale ends (fuzz seed 777: Infinity)', () => {
  it('computes shares first, so one huge importance stays finite; an overflowing sum says DOMAIN_ERROR', () => {
    const survey = { value: { product: 5, service: 3 }, cost: { monetary: 4, time: 2 } };
    const r = deliveredValueFromSurvey({ ...survey, importance: { product: 1e308 } });
    expect(r.totalCustomerValue).toBeCloseTo(100, 9);
    expect(Number.isFinite(r.valueRatio)).toBe(true);
    expect(codeOf(() => deliveredValueFromSurvey({ ...survey, importance: { product: 1e308, service: 1e308 } }))).toBe(
      'DOMAIN_ERROR',
    );
    expect(codeOf(() => deliveredValueFromSurvey(survey, { scale: { min: -1.7e308, max: 1.7e308 } }))).toBe(
      'DOMAIN_ERROR',
    );
  });
});

describe('found by the exhaustive sweep (test/fuzz/sweep.test.ts)', () => {
  it('sBG survival at α = 5e-324 is the α → 0 limit, 1 (was NaN: ∞ − ∞ of two betaln)', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 5e-324, beta: 1.182 });
    // S(t) = Π_{i<t} (β+i)/(α+β+i), every factor 1 to double precision.
    expect(model.survival(3)).toBeCloseTo(1, 15);
    expect(model.survival(1e6)).toBeCloseTo(1, 12);
  });

  it('retentionImpact from a retention rate of 5e-324 is a DOMAIN_ERROR (was percentChange = Infinity)', () => {
    const input = { margin: 100, retentionRate: 5e-324, discountRate: 0.1 };
    expect(codeOf(() => retentionImpact(input, { retentionDelta: 0.05 }))).toBe('DOMAIN_ERROR');
    expect(retentionImpact({ ...input, retentionRate: 0.8 }, { retentionDelta: 0.05 }).percentChange).toBeCloseTo(
      27.5,
      10,
    );
  });

  it('calibrationVsHoldout with a holdout count of 1e308 is a DOMAIN_ERROR (was rmse = NaN)', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
    const row = { frequency: 6, recency: 6, periods: 6, holdoutDuration: 5 };
    expect(codeOf(() => calibrationVsHoldout(model, [{ ...row, holdoutFrequency: 1e308 }]))).toBe('DOMAIN_ERROR');
    expect(Number.isFinite(calibrationVsHoldout(model, [{ ...row, holdoutFrequency: 4 }]).rmse)).toBe(true);
  });
});
