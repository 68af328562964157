import betaln from '@stdlib/math-base-special-betaln';
import { describe, expect, it } from 'vitest';
import { BetaGeoBetaBinomModel, fitBetaGeoBetaBinom } from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';
import { loadDonations, simulateBgbb } from './helpers.js';

const donations = loadDonations();
const totalDonors = donations.reduce((s, r) => s + r.weights, 0);
const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

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

/** Independent per-customer likelihood straight from Fader, Hardie & Shang (2010) eq. 5, with betaln. */
function likelihood(
  p: { alpha: number; beta: number; gamma: number; delta: number },
  x: number,
  tx: number,
  n: number,
): number {
  const B = (a: number, b: number): number => Math.exp(betaln(a, b));
  let L = (B(p.alpha + x, p.beta + n - x) / B(p.alpha, p.beta)) * (B(p.gamma, p.delta + n) / B(p.gamma, p.delta));
  for (let i = 0; i <= n - tx - 1; i++) {
    L +=
      (B(p.alpha + x, p.beta + tx - x + i) / B(p.alpha, p.beta)) *
      (B(p.gamma + 1, p.delta + tx + i) / B(p.gamma, p.delta));
  }
  return L;
}

describe('fitBetaGeoBetaBinom on the donations data (Fader, Hardie & Shang 2010)', () => {
  const makeModel = () => fitBetaGeoBetaBinom(donations);
  const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

  it('reproduces α = 1.204, β = 0.750, γ = 0.657, δ = 2.783 within 0.5%', () => {
    const model = makeModel();
    for (const key of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(relErr(model.params[key], published[key])).toBeLessThan(0.005);
    }
    expect(model.converged).toBe(true);
    expect(model.observations).toBe(11_104);
  });

  it('its log-likelihood equals the independent evaluation of eq. 5 at the fitted parameters', () => {
    const model = makeModel();
    let ll = 0;
    for (const r of donations) ll += r.weights * Math.log(likelihood(model.params, r.frequency, r.recency, r.periods));
    expect(model.logLikelihood as number).toBeCloseTo(ll, 6);
  });

  it('standard errors are positive and small relative to the estimates', () => {
    const model = makeModel();
    const se = model.standardErrors;
    expect(se).not.toBeNull();
    for (const key of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(se?.[key]).toBeGreaterThan(0);
      expect((se?.[key] as number) / model.params[key]).toBeLessThan(0.2);
    }
  });

  it('P(alive in 2002) of Table 6, one period ahead: 0.11 (x=0), 0.59 (x=2, t_x=4), 0.93 (x=6, t_x=6)', () => {
    const model = makeModel();
    // Pinned in lifetimes' test_prob_alive_is_close_to_Hardie_paper_table_6.
    const alive = model.probabilityAlive(
      [
        { frequency: 0, recency: 0, periods: 6 },
        { frequency: 2, recency: 4, periods: 6 },
        { frequency: 6, recency: 6, periods: 6 },
      ],
      { periodsAhead: 1 },
    );
    expect(alive[0]).toBeCloseTo(0.11, 2);
    expect(alive[1]).toBeCloseTo(0.59, 2);
    expect(alive[2]).toBeCloseTo(0.93, 2);
  });

  it('conditional expectations over the next 5 years total 12,884.2 (Hardie’s BG/BB spreadsheet)', () => {
    const model = makeModel();
    const expected = model.conditionalExpectedPurchases(5, donations);
    let total = 0;
    donations.forEach((r, i) => {
      total += (expected[i] as number) * r.weights;
    });
    expect(total).toBeCloseTo(12_884.2, 0);
  });

  it('expected donors with 0 and 6 repeat donations in 6 years: 3,454.9 and 1,253.1 (Hardie’s in-sample fit)', () => {
    const model = makeModel();
    expect(model.probabilityOfPurchases(0, 6) * totalDonors).toBeCloseTo(3454.9, 0);
    expect(model.probabilityOfPurchases(6, 6) * totalDonors).toBeCloseTo(1253.1, 0);
  });

  it('the fit with weights equals the fit on the exploded rows', () => {
    const model = makeModel();
    const exploded: { frequency: number; recency: number; periods: number }[] = [];
    for (const r of donations) {
      for (let k = 0; k < r.weights; k++)
        exploded.push({ frequency: r.frequency, recency: r.recency, periods: r.periods });
    }
    const unweighted = fitBetaGeoBetaBinom(exploded);
    for (const key of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(relErr(unweighted.params[key], model.params[key])).toBeLessThan(1e-5);
    }
  });

  it('reads other field names through accessors', () => {
    const model = makeModel();
    const renamed = donations.map((r) => ({ x: r.frequency, tx: r.recency, n: r.periods, count: r.weights }));
    const fit = fitBetaGeoBetaBinom(renamed, { frequency: 'x', recency: 'tx', periods: 'n', weights: (r) => r.count });
    expect(fit.params.alpha).toBeCloseTo(model.params.alpha, 6);
  });
});

describe('BetaGeoBetaBinomModel predictions', () => {
  const params = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
  const model = new BetaGeoBetaBinomModel(params);

  it('probabilityOfPurchases is a distribution whose mean is expectedPurchases', () => {
    for (const n of [0, 1, 6, 20]) {
      let total = 0;
      let mean = 0;
      for (let x = 0; x <= n; x++) {
        const p = model.probabilityOfPurchases(x, n);
        total += p;
        mean += x * p;
      }
      expect(total).toBeCloseTo(1, 12);
      expect(mean).toBeCloseTo(model.expectedPurchases(n), 10);
    }
    expect(model.probabilityOfPurchases(7, 6)).toBe(0);
  });

  it('expectedPurchases matches eq. 9 in closed form', () => {
    const { alpha, beta, gamma, delta } = params;
    const closed = (n: number): number =>
      (alpha / (alpha + beta)) *
      (delta / (gamma - 1)) *
      (1 - Math.exp(betaln(gamma, delta + n) - betaln(gamma, delta) + Math.log((delta + n) / delta)));
    // Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ)) = B(γ, δ+n)/B(γ, δ) · (δ+n)/δ
    for (const n of [1, 2, 6, 30]) expect(model.expectedPurchases(n)).toBeCloseTo(closed(n), 10);
  });

  it('conditional expectations: the long-horizon closed form agrees with the summation', () => {
    const c = [{ frequency: 3, recency: 5, periods: 6 }];
    // Horizons above 100,000 use the telescoping closed form.
    const a = model.conditionalExpectedPurchases(100_000, c)[0] as number;
    const b = model.conditionalExpectedPurchases(100_001, c)[0] as number;
    expect(relErr(a, b)).toBeLessThan(1e-4);
    expect(model.conditionalExpectedPurchases(0, c)[0]).toBe(0);
  });

  it('DERT equals the discounted sum of per-opportunity conditional expectations', () => {
    const customers = [
      { frequency: 0, recency: 0, periods: 6 },
      { frequency: 3, recency: 4, periods: 6 },
      { frequency: 6, recency: 6, periods: 6 },
    ];
    const dert = model.expectedResidualPurchases(customers, { discountRate: 0.1 });
    customers.forEach((c, i) => {
      let sum = 0;
      let previous = 0;
      for (let k = 1; k <= 600; k++) {
        const cumulative = model.conditionalExpectedPurchases(k, [c])[0] as number;
        sum += (cumulative - previous) / 1.1 ** k;
        previous = cumulative;
      }
      expect(dert[i]).toBeCloseTo(sum, 9);
    });
  });

  test.prop([
    fc.record({
      alpha: fc.double({ min: 0.05, max: 20, noNaN: true }),
      beta: fc.double({ min: 0.05, max: 20, noNaN: true }),
      gamma: fc.double({ min: 0.05, max: 20, noNaN: true }),
      delta: fc.double({ min: 0.05, max: 20, noNaN: true }),
    }),
    fc
      .integer({ min: 0, max: 30 })
      .chain((n) =>
        fc
          .integer({ min: 0, max: n })
          .chain((tx) =>
            fc
              .integer({ min: tx === 0 ? 0 : 1, max: Math.max(tx, tx === 0 ? 0 : 1) })
              .map((x) => ({ frequency: tx === 0 ? 0 : x, recency: tx, periods: n })),
          ),
      ),
    fc.integer({ min: 0, max: 10 }),
  ])(
    'probability alive is in [0, 1], falls with periods ahead, and is 1 after a purchase at the last opportunity',
    (p, customer, ahead) => {
      const m = new BetaGeoBetaBinomModel(p);
      const now = m.probabilityAlive([customer])[0] as number;
      const later = m.probabilityAlive([customer], { periodsAhead: ahead })[0] as number;
      expect(now).toBeGreaterThanOrEqual(0);
      expect(now).toBeLessThanOrEqual(1);
      expect(later).toBeLessThanOrEqual(now + 1e-12);
      if (customer.recency === customer.periods && customer.frequency > 0) expect(now).toBeCloseTo(1, 12);
    },
  );
});

describe('parameter recovery on simulated customers', () => {
  it('recovers the donations parameters from 40,000 simulated donors (within 15%)', () => {
    const truth = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const simulated = simulateBgbb(truth, 40_000, 6, 2010);
    const fit = fitBetaGeoBetaBinom(simulated);
    for (const key of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(relErr(fit.params[key], truth[key])).toBeLessThan(0.15);
    }
  });
});

describe('bad input', () => {
  it('recency beyond opportunities', () => {
    const error = expectCode(() => fitBetaGeoBetaBinom([{ frequency: 1, recency: 7, periods: 6 }]), 'INVALID_INPUT');
    expect(error.message).toBe('rows[0].recency: expected recency ≤ periods (6 opportunities), got 7');
  });
  it('negative counts', () => {
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: -1, recency: 0, periods: 6 }]), 'INVALID_INPUT');
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: 1, recency: 1, periods: 6, weights: -3 }]), 'INVALID_INPUT');
  });
  it('frequency above recency, recency without purchases, non-integers', () => {
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: 3, recency: 2, periods: 6 }]), 'INVALID_INPUT');
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: 0, recency: 2, periods: 6 }]), 'INVALID_INPUT');
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: 1.5, recency: 2, periods: 6 }]), 'INVALID_INPUT');
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: 1, recency: 2, periods: Number.NaN }]), 'INVALID_INPUT');
  });
  it('empty input and all-zero weights', () => {
    expectCode(() => fitBetaGeoBetaBinom([]), 'EMPTY_INPUT');
    expectCode(() => fitBetaGeoBetaBinom([{ frequency: 1, recency: 1, periods: 2, weights: 0 }]), 'EMPTY_INPUT');
  });
  it('bad records in the model methods name the customer', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma: 1, delta: 1 });
    const error = expectCode(
      () =>
        model.probabilityAlive([
          { frequency: 1, recency: 1, periods: 2 },
          { frequency: 1, recency: 3, periods: 2 },
        ]),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('customers[1].recency');
    expectCode(() => model.conditionalExpectedPurchases(-1, []), 'INVALID_INPUT');
    expectCode(() => model.probabilityOfPurchases(1, 2.5), 'INVALID_INPUT');
    expectCode(() => model.expectedResidualPurchases([], { discountRate: 0 }), 'INVALID_OPTION');
    expectCode(() => model.probabilityAlive([], { periodsAhead: -1 }), 'INVALID_OPTION');
    expectCode(() => new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma: 0, delta: 1 }), 'INVALID_INPUT');
  });
  it('bad options', () => {
    expectCode(() => fitBetaGeoBetaBinom(donations, { weights: 3 } as never), 'INVALID_OPTION');
  });
});

describe('purity', () => {
  it('does not mutate its input', () => {
    const rows = donations.map((r) => ({ ...r }));
    const copy = structuredClone(rows);
    const model = fitBetaGeoBetaBinom(rows);
    model.probabilityAlive(rows);
    model.conditionalExpectedPurchases(3, rows);
    model.expectedResidualPurchases(rows, { discountRate: 0.1 });
    expect(rows).toEqual(copy);
  });
});
