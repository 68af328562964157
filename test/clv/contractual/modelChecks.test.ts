import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail } from '../../../src/clv/contractual/shared.js';
import {
  BetaGeoBetaBinomModel,
  type CheckablePurchaseModel,
  calibrationVsHoldout,
  fitBetaGeoBetaBinom,
  repeatFrequencyFit,
  trackingCurve,
} from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { calibrationHoldoutSplit } from '../../../src/data/index.js';
import { loadCdnowSample, loadNumericCsv } from '../../support/fixtures.js';
import { fc, test } from '../../support/property.js';
import { loadDonations, simulateBgbb } from './helpers.js';

function expectCode(run: () => unknown, code: string): CrmAnalyticsError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CrmAnalyticsError);
  expect((thrown as CrmAnalyticsError).code).toBe(code);
  return thrown as CrmAnalyticsError;
}

/** A stub continuous-time model: Poisson purchases at `rate` per time unit, nobody dies. */
function poissonStub(
  rate: number,
): CheckablePurchaseModel<{ frequency: number; T: number }> & { params: { rate: number } } {
  const pmf = (n: number, mean: number): number => {
    let logFactorial = 0;
    for (let k = 2; k <= n; k++) logFactorial += Math.log(k);
    return Math.exp(-mean + n * Math.log(mean) - logFactorial);
  };
  return {
    params: { rate },
    expectedPurchases: (t) => rate * t,
    probabilityOfPurchases: (n, t) => (t === 0 ? (n === 0 ? 1 : 0) : pmf(n, rate * t)),
    conditionalExpectedPurchases: (t, customers) => Float64Array.from(customers, () => rate * t),
  };
}

/** The published BG/BB estimates for the donations data (Fader, Hardie & Shang 2010). */
const donationParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

describe('chi-square upper tail', () => {
  it('matches tabulated critical values and closed forms', () => {
    // 95% quantiles of χ²(1), χ²(5), χ²(10) (R: qchisq(0.95, df)); the median of χ²(1).
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(11.070497693516351, 5)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(0.454936423119572, 1)).toBeCloseTo(0.5, 12);
    // df = 2: exp(−x/2); df = 4: exp(−x/2)(1 + x/2).
    expect(chiSquareUpperTail(2, 2)).toBeCloseTo(Math.exp(-1), 14);
    expect(chiSquareUpperTail(10, 4)).toBeCloseTo(Math.exp(-5) * 6, 14);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });
});

describe('repeatFrequencyFit', () => {
  // Computed inside each test (not in the describe body), so mutation testing relates the fit to the tests.
  const donationsFit = (): ReturnType<typeof repeatFrequencyFit> => {
    const donations = loadDonations();
    const exploded = donations.flatMap((r) =>
      Array.from({ length: r.weights }, () => ({ frequency: r.frequency, recency: r.recency, periods: r.periods })),
    );
    return repeatFrequencyFit(fitBetaGeoBetaBinom(donations), exploded, { maxFrequency: 6 });
  };

  it('expects 3,454.9 donors with no repeat donation and 1,253.1 with six (Hardie’s BG/BB in-sample fit)', () => {
    const fit = donationsFit();
    expect(fit.bins[0]?.expected).toBeCloseTo(3454.9, 0);
    expect(fit.bins[6]?.expected).toBeCloseTo(1253.1, 0);
    expect(fit.bins[6]?.label).toBe('6+');
    expect(fit.bins.map((b) => b.observed)).toEqual([3464, 1823, 1430, 1085, 1036, 1063, 1203]);
    const expectedTotal = fit.bins.reduce((s, b) => s + b.expected, 0);
    expect(expectedTotal).toBeCloseTo(11_104, 8);
  });

  it('chi-square with 7 − 1 − 4 = 2 degrees of freedom and its p-value', () => {
    const fit = donationsFit();
    let chi = 0;
    for (const b of fit.bins) chi += (b.observed - b.expected) ** 2 / b.expected;
    expect(fit.chiSquare).toBeCloseTo(chi, 10);
    expect(fit.degreesOfFreedom).toBe(2);
    expect(fit.pValue).toBeCloseTo(Math.exp(-fit.chiSquare / 2), 12);
  });

  it('pools the last bin and uses each customer’s own T (stub Poisson model)', () => {
    const stub = poissonStub(0.5);
    const customers = [
      { frequency: 0, T: 1 },
      { frequency: 1, T: 2 },
      { frequency: 4, T: 2 },
    ];
    const result = repeatFrequencyFit(stub, customers, { maxFrequency: 2 });
    const p = (n: number, t: number): number => stub.probabilityOfPurchases(n, t);
    expect(result.bins.map((b) => b.observed)).toEqual([1, 1, 1]);
    expect(result.bins[0]?.expected).toBeCloseTo(p(0, 1) + 2 * p(0, 2), 12);
    expect(result.bins[1]?.expected).toBeCloseTo(p(1, 1) + 2 * p(1, 2), 12);
    expect(result.bins[2]?.expected).toBeCloseTo(
      3 - (result.bins[0]?.expected as number) - (result.bins[1]?.expected as number),
      12,
    );
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).not.toBeNull();
    expect(repeatFrequencyFit(stub, customers, { maxFrequency: 1 }).pValue).toBeNull();
  });

  test.prop([
    fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 8 }),
    fc.integer({ min: 1, max: 200 }),
  ])('is 0 for a perfect fit (a model returning the observed shares)', (counts, scale) => {
    fc.pre(counts.some((c) => c > 0));
    const total = counts.reduce((s, c) => s + c, 0);
    const perfect = {
      probabilityOfPurchases: (n: number) => (counts[n] ?? 0) / total,
    };
    const customers = counts.flatMap((c, x) => Array.from({ length: c * scale }, () => ({ frequency: x, T: 1 })));
    const result = repeatFrequencyFit(perfect, customers, { maxFrequency: counts.length - 1 });
    expect(result.chiSquare).toBeLessThan(1e-9);
    expect(result.chiSquare).toBeGreaterThanOrEqual(0);
  });

  test.prop([
    fc.array(
      fc.record({ frequency: fc.integer({ min: 0, max: 12 }), T: fc.double({ min: 0.1, max: 60, noNaN: true }) }),
      {
        minLength: 1,
        maxLength: 40,
      },
    ),
    fc.double({ min: 0.01, max: 2, noNaN: true }),
  ])('the statistic is ≥ 0 and the p-value in [0, 1]', (customers, rate) => {
    const result = repeatFrequencyFit(poissonStub(rate), customers, { maxFrequency: 5, parametersEstimated: 1 });
    expect(result.chiSquare).toBeGreaterThanOrEqual(0);
    expect(result.pValue).toBeGreaterThanOrEqual(0);
    expect(result.pValue).toBeLessThanOrEqual(1);
  });

  it('a nearly empty pooled bin keeps its digits; an observed bin with expectation 0 gives Infinity and p = 0', () => {
    // Poisson mean 0.001: P(X ≥ 5) ≈ 0.001⁵/120 ≈ 8.3e-18, far below the rounding error of 1 − Σ P(X < 5).
    const tiny = repeatFrequencyFit(poissonStub(0.01), [{ frequency: 5, T: 0.1 }], {
      maxFrequency: 5,
      parametersEstimated: 1,
    });
    expect(tiny.bins[5]?.expected).toBeGreaterThan(8.3e-18);
    expect(tiny.bins[5]?.expected).toBeLessThan(8.4e-18);
    expect(Number.isFinite(tiny.chiSquare)).toBe(true);
    const none = repeatFrequencyFit(
      { probabilityOfPurchases: (n: number) => (n === 0 ? 1 : 0) },
      [{ frequency: 3, T: 1 }],
      {
        maxFrequency: 2,
      },
    );
    expect(none.chiSquare).toBe(Number.POSITIVE_INFINITY);
    expect(none.pValue).toBe(0);
  });

  it('bad input', () => {
    const model = new BetaGeoBetaBinomModel(donationParams);
    expectCode(() => repeatFrequencyFit(model, []), 'EMPTY_INPUT');
    expectCode(() => repeatFrequencyFit(model, [{ frequency: -1, periods: 6 }]), 'INVALID_INPUT');
    expectCode(() => repeatFrequencyFit(model, [{ frequency: 1 }]), 'INVALID_INPUT');
    expectCode(() => repeatFrequencyFit(model, [{ frequency: 1, periods: 6 }], { maxFrequency: 0 }), 'INVALID_OPTION');
    expectCode(
      () => repeatFrequencyFit({ probabilityOfPurchases: () => Number.NaN }, [{ frequency: 1, T: 6 }]),
      'INVALID_INPUT',
    );
  });

  it('does not mutate its input', () => {
    const customers = [{ frequency: 1, recency: 1, periods: 6 }];
    const copy = structuredClone(customers);
    repeatFrequencyFit(new BetaGeoBetaBinomModel(donationParams), customers);
    expect(customers).toEqual(copy);
  });
});

describe('calibrationVsHoldout', () => {
  it('BG/BB predictions of the next 5 opportunities track the simulated holdout', () => {
    const truth = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const split = simulateBgbb(truth, 20_000, 6, 99, 5);
    const result = calibrationVsHoldout(fitBetaGeoBetaBinom(split), split);
    expect(Math.abs(result.predictedTotal / result.actualTotal - 1)).toBeLessThan(0.05);
    for (const g of result.groups) {
      if (g.customers > 500) expect(Math.abs(g.predicted - g.actual)).toBeLessThan(0.15 * Math.max(1, g.actual));
    }
    expect(result.groups.map((g) => g.label)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('MAE and RMSE per customer, computed by hand on a stub model', () => {
    const stub = poissonStub(1);
    const rows = [
      { frequency: 0, T: 10, holdoutFrequency: 0, holdoutDuration: 2 },
      { frequency: 0, T: 10, holdoutFrequency: 5, holdoutDuration: 2 },
      { frequency: 9, T: 10, holdoutFrequency: 1, holdoutDuration: 4 },
    ];
    const r = calibrationVsHoldout(stub, rows, { maxFrequency: 3 });
    // Predictions 2, 2, 4 vs 0, 5, 1: errors 2, −3, 3.
    expect(r.mae).toBeCloseTo(8 / 3, 12);
    expect(r.rmse).toBeCloseTo(Math.sqrt(22 / 3), 12);
    expect(r.groups).toEqual([
      { frequency: 0, label: '0', customers: 2, actual: 2.5, predicted: 2 },
      { frequency: 3, label: '3+', customers: 1, actual: 1, predicted: 4 },
    ]);
    expect(r.actualTotal).toBe(6);
    expect(r.predictedTotal).toBe(8);
  });

  it('takes the output of calibrationHoldoutSplit (CDNOW) directly', () => {
    const table = calibrationHoldoutSplit(loadCdnowSample(), {
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
      timeUnit: 'week',
    });
    const totalRepeat = table.customers.reduce((s, c) => s + c.frequency, 0);
    const exposure = table.customers.reduce((s, c) => s + c.T, 0);
    const r = calibrationVsHoldout(poissonStub(totalRepeat / exposure), table);
    expect(r.groups.reduce((s, g) => s + g.customers, 0)).toBe(2357);
    expect(r.actualTotal).toBe(table.customers.reduce((s, c) => s + c.holdoutFrequency, 0));
  });

  it('reads other field names', () => {
    const stub = poissonStub(1);
    const r = calibrationVsHoldout(stub, [{ frequency: 1, T: 3, future: 2, horizon: 3 }], {
      holdoutFrequency: 'future',
      holdoutDuration: (row) => row.horizon,
    });
    expect(r.groups[0]).toEqual({ frequency: 1, label: '1', customers: 1, actual: 2, predicted: 3 });
  });

  it('bad input', () => {
    const model = new BetaGeoBetaBinomModel(donationParams);
    expectCode(() => calibrationVsHoldout(model, []), 'EMPTY_INPUT');
    expectCode(
      () =>
        calibrationVsHoldout(model, [
          { frequency: 1, recency: 1, periods: 6, holdoutFrequency: -1, holdoutDuration: 1 },
        ]),
      'INVALID_INPUT',
    );
    expectCode(
      () =>
        calibrationVsHoldout(model, [
          { frequency: 1, recency: 9, periods: 6, holdoutFrequency: 1, holdoutDuration: 1 },
        ]),
      'INVALID_INPUT',
    );
  });

  it('does not mutate its input', () => {
    const rows = simulateBgbb(donationParams, 50, 6, 99, 5);
    const copy = structuredClone(rows);
    calibrationVsHoldout(new BetaGeoBetaBinomModel(donationParams), rows);
    expect(rows).toEqual(copy);
  });
});

describe('trackingCurve', () => {
  it('counts CDNOW’s 2,457 calibration repeat purchases by week 39 (the summary file’s total frequency)', () => {
    const summary = loadNumericCsv('cdnow_customers_summary.csv');
    const totalFrequency = summary.reduce((s, r) => s + (r.frequency as number), 0);
    const log = loadCdnowSample().map((r) => ({ customerId: r.customerId, date: r.date }));
    const curve = trackingCurve(poissonStub(0.05), log, { timeUnit: 'week', end: '1997-09-30' });
    expect(curve.points).toHaveLength(39);
    expect(curve.points[38]?.actualCumulative).toBe(totalFrequency);
    expect(totalFrequency).toBe(2457);
    expect(curve.customers).toBe(2357);
  });

  it('expected values by hand for a stub model', () => {
    const stub = poissonStub(1); // one purchase per week, expected
    const log = [
      { customerId: 'a', date: '2024-01-01' },
      { customerId: 'a', date: '2024-01-01' },
      { customerId: 'a', date: '2024-01-09' },
      { customerId: 'b', date: '2024-01-08' },
      { customerId: 'b', date: '2024-01-20' },
    ];
    const curve = trackingCurve(stub, log, { timeUnit: 'week', end: '2024-01-21' });
    // Weeks end (exclusive) 2024-01-08, 01-15, 01-22. a joins day 0, b day 7.
    expect(curve.points.map((p) => p.expectedCumulative)).toEqual([1, 3, 5]);
    expect(curve.points.map((p) => p.expectedIncremental)).toEqual([1, 2, 2]);
    expect(curve.points.map((p) => p.actualCumulative)).toEqual([0, 1, 2]);
    expect(curve.points.map((p) => p.actualIncremental)).toEqual([0, 1, 1]);
    expect(curve.points[2]?.end.toISOString()).toBe('2024-01-22T00:00:00.000Z');
    expect(curve.points[2]?.time).toBe(3);
  });

  it('BG/BB with whole periods on yearly data', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
    const log = [
      { customerId: 1, date: '2000-01-01' },
      { customerId: 1, date: '2001-06-01' },
      { customerId: 2, date: '2000-03-01' },
    ];
    const curve = trackingCurve(model, log, { timeUnit: 'year', end: '2002-12-31', wholePeriods: true });
    expect(curve.points).toHaveLength(3);
    expect(curve.points[0]?.expectedCumulative).toBeCloseTo(
      model.expectedPurchases(1) + model.expectedPurchases(0),
      12,
    );
    expect(curve.points[2]?.expectedCumulative).toBeCloseTo(
      model.expectedPurchases(3) + model.expectedPurchases(2),
      12,
    );
    expect(curve.points[2]?.actualCumulative).toBe(1);
  });

  it('uses model.timeUnit when the option is absent', () => {
    const stub = { ...poissonStub(1), timeUnit: 'day' as const };
    const curve = trackingCurve(stub, [
      { customerId: 1, date: '2024-01-01' },
      { customerId: 1, date: '2024-01-03' },
    ]);
    expect(curve.timeUnit).toBe('day');
    expect(curve.points.map((p) => p.expectedCumulative)).toEqual([1, 2, 3]);
  });

  test.prop([
    fc.array(fc.record({ customerId: fc.integer({ min: 1, max: 8 }), day: fc.integer({ min: 0, max: 120 }) }), {
      minLength: 1,
      maxLength: 60,
    }),
  ])('cumulative series are non-decreasing and the actual total is the repeat customer-days', (rows) => {
    const log = rows.map((r) => ({ customerId: r.customerId, date: r.day * 86_400_000 }));
    const curve = trackingCurve(poissonStub(0.3), log, { timeUnit: 'day', end: 120 * 86_400_000 });
    for (let k = 1; k < curve.points.length; k++) {
      expect(curve.points[k]?.actualCumulative).toBeGreaterThanOrEqual(curve.points[k - 1]?.actualCumulative as number);
      expect(curve.points[k]?.expectedCumulative).toBeGreaterThanOrEqual(
        curve.points[k - 1]?.expectedCumulative as number,
      );
    }
    const days = new Map<number, Set<number>>();
    for (const r of rows) days.set(r.customerId, (days.get(r.customerId) ?? new Set()).add(r.day));
    let repeats = 0;
    for (const set of days.values()) repeats += set.size - 1;
    expect(curve.points.at(-1)?.actualCumulative).toBe(repeats);
  });

  it('bad input', () => {
    const stub = poissonStub(1);
    expectCode(() => trackingCurve(stub, []), 'EMPTY_INPUT');
    expectCode(() => trackingCurve(stub, [{ customerId: 1, date: 'not a date' }]), 'INVALID_INPUT');
    expectCode(() => trackingCurve(stub, [{ customerId: null, date: '2024-01-01' }]), 'INVALID_INPUT');
    expectCode(
      () => trackingCurve(stub, [{ customerId: 1, date: '2024-01-01' }], { periodLength: 0 }),
      'INVALID_OPTION',
    );
    expectCode(
      () => trackingCurve(stub, [{ customerId: 1, date: '2024-01-01' }], { timeUnit: 'year' }),
      'INVALID_OPTION',
    );
    expectCode(() => trackingCurve(stub, [{ customerId: 1, date: '2024-01-01' }], { end: 'soon' }), 'INVALID_OPTION');
  });

  it('does not mutate its input', () => {
    const log = [
      { customerId: 2, date: '2024-01-05' },
      { customerId: 1, date: '2024-01-01' },
    ];
    const copy = structuredClone(log);
    trackingCurve(poissonStub(1), log, { timeUnit: 'day' });
    expect(log).toEqual(copy);
  });
});
