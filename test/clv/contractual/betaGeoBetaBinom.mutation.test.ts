// Written for the mutants of src/clv/contractual/betaGeoBetaBinom.ts that survived Stryker (see docs/testing.md): exact
// error texts and paths of every validation, the likelihood's anchor terms beyond 4096 dropout opportunities, both
// branches of the survival sum against exact telescoped sums, and the values shared between customers of one n. (The
// per-triple / per-n caches themselves only save time: removing one changes no result, so no test here can see it.)
import betaln from '@stdlib/math-base-special-betaln';
import { describe, expect, it } from 'vitest';
import {
  type BetaGeoBetaBinomCustomer,
  BetaGeoBetaBinomModel,
  fitBetaGeoBetaBinom,
} from '../../../src/clv/contractual/betaGeoBetaBinom.js';
import { thrown } from '../../support/thrown.js';

const DONORS = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } as const;

function expectRelClose(actual: number, expected: number, tolerance = 1e-10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

function expectError(run: () => unknown, code: string, message: string): void {
  const error = thrown(run);
  expect(error.message).toBe(message);
  expect(error.code).toBe(code);
}

/** A record whose `field` getter throws `boom`. */
function throwingField(base: Record<string, number>, field: string): Record<string, number> {
  const out = { ...base };
  Object.defineProperty(out, field, {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  return out;
}

/** Σ_{k=1}^{h} Π_{j=0}^{k−1} (δ+n+j)/(γ+δ+n+j): expected opportunities alive in (n, n+h] of a customer alive at n. */
function survivalAfter(gamma: number, delta: number, n: number, h: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 1; k <= h; k++) {
    term *= (delta + n + k - 1) / (gamma + delta + n + k - 1);
    sum += term;
  }
  return sum;
}

describe('checkTriple: error paths and texts', () => {
  const good = { frequency: 1, recency: 2, periods: 3 };

  it('names the row and the field of a value that is not a whole number ≥ 0', () => {
    expectError(
      () => fitBetaGeoBetaBinom([good, { frequency: 1.5, recency: 2, periods: 6 }]),
      'INVALID_INPUT',
      'rows[1].frequency: expected a whole number ≥ 0, got 1.5',
    );
    expectError(
      () => fitBetaGeoBetaBinom([good, { frequency: 0, recency: -1, periods: 6 }]),
      'INVALID_INPUT',
      'rows[1].recency: expected a whole number ≥ 0, got -1',
    );
    expectError(
      () => fitBetaGeoBetaBinom([good, { frequency: 0, recency: 0, periods: 2.5 }]),
      'INVALID_INPUT',
      'rows[1].periods: expected a whole number ≥ 0, got 2.5',
    );
  });

  it('frequency above recency, and recency without purchases', () => {
    expectError(
      () => fitBetaGeoBetaBinom([good, { frequency: 3, recency: 2, periods: 6 }]),
      'INVALID_INPUT',
      'rows[1].frequency: expected frequency ≤ recency (2: the last of x purchases is at opportunity t_x ≥ x), got 3',
    );
    expectError(
      () => fitBetaGeoBetaBinom([good, { frequency: 0, recency: 2, periods: 6 }]),
      'INVALID_INPUT',
      'rows[1].recency: expected recency 0 for a customer with frequency 0, got 2',
    );
  });
});

describe('model methods: reading the customers', () => {
  it('rejects a non-iterable, non-object records and a throwing field, naming the customer', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    const good = { frequency: 1, recency: 1, periods: 2 };
    expectError(
      () => model.probabilityAlive(5 as never),
      'INVALID_INPUT',
      'customers: expected an array or iterable of records, got 5',
    );
    expectError(
      () => model.probabilityAlive([good, null] as never),
      'INVALID_INPUT',
      'customers[1]: expected an object, got null',
    );
    expectError(
      () => model.probabilityAlive([good, 7] as never),
      'INVALID_INPUT',
      'customers[1]: expected an object, got 7',
    );
    expectError(
      () => model.probabilityAlive([good, throwingField(good, 'frequency')] as never),
      'INVALID_INPUT',
      'customers[1]: reading the value threw (boom)',
    );
  });

  it('accepts n = 10^7 and refuses n = 10^7 + 1', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    // A purchase at the last opportunity: alive at n with probability 1 (and no dropout sum to evaluate).
    expect(Array.from(model.probabilityAlive([{ frequency: 1, recency: 10_000_000, periods: 10_000_000 }]))).toEqual([
      1,
    ]);
    expectError(
      () =>
        model.probabilityAlive([
          { frequency: 1, recency: 1, periods: 2 },
          { frequency: 1, recency: 1, periods: 10_000_001 },
        ]),
      'INVALID_INPUT',
      'customers[1].periods: expected a whole number ≤ 10,000,000, got 10000001',
    );
  });

  it('a non-finite result (β = 1e-20 loses every digit of B(α+x, β+n−x)/B(α, β)) is a DOMAIN_ERROR', () => {
    const model = new BetaGeoBetaBinomModel({ ...DONORS, beta: 1e-20 });
    const error = thrown(() =>
      model.probabilityAlive([
        { frequency: 2, recency: 3, periods: 3 },
        { frequency: 3, recency: 3, periods: 3 },
      ]),
    );
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe(
      'customers[1]: the result is NaN: the parameters are too extreme to compute it (keep α, β, γ, δ within 1e-12 … 1e12)',
    );
    expect(error.path).toEqual(['customers', 1]);
    // With no opportunities ahead the expectation is 0 without evaluating that ratio.
    expect(Array.from(model.conditionalExpectedPurchases(0, [{ frequency: 3, recency: 3, periods: 3 }]))).toEqual([0]);
  });
});

describe('scalar arguments (checkWhole)', () => {
  it('names the argument in its error', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    expectError(() => model.expectedPurchases(2.5), 'INVALID_INPUT', 'periods: expected a whole number ≥ 0, got 2.5');
    expectError(
      () => model.expectedPurchases(10_000_001),
      'INVALID_INPUT',
      'periods: expected a whole number from 0 to 10,000,000, got 10000001',
    );
    expectError(
      () => model.conditionalExpectedPurchases(-1, []),
      'INVALID_INPUT',
      'futurePeriods: expected a whole number ≥ 0, got -1',
    );
    expectError(
      () => model.probabilityOfPurchases(1.5, 3),
      'INVALID_INPUT',
      'purchases: expected a whole number ≥ 0, got 1.5',
    );
    expectError(
      () => model.probabilityOfPurchases(1, 3.5),
      'INVALID_INPUT',
      'periods: expected a whole number ≥ 0, got 3.5',
    );
  });

  it('accepts 10^7 opportunities: E[X(n)] = α/(α+β) · δn/(δ+n+1) for γ = 2', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 2, beta: 3, gamma: 2, delta: 3 });
    // γ = 2: B(2, δ+k)/B(2, δ) = δ(δ+1)/((δ+k)(δ+k+1)), which telescopes.
    expectRelClose(model.expectedPurchases(10_000_000), 0.4 * ((3 * 1e7) / (3 + 1e7 + 1)), 1e-9);
  });
});

describe('constructor', () => {
  it('reports a missing, throwing or invalid parameter by name', () => {
    expectError(
      () => new BetaGeoBetaBinomModel(undefined as never),
      'INVALID_INPUT',
      'params.alpha: expected a finite number > 0, got undefined',
    );
    expectError(
      () => new BetaGeoBetaBinomModel(throwingField(DONORS, 'beta') as never),
      'INVALID_INPUT',
      'params.beta: reading the value threw (boom)',
    );
    expectError(
      () => new BetaGeoBetaBinomModel({ ...DONORS, gamma: 0 }),
      'INVALID_INPUT',
      'params.gamma: expected a finite number > 0, got 0',
    );
    expectError(
      () => new BetaGeoBetaBinomModel({ ...DONORS, delta: Number.POSITIVE_INFINITY }),
      'INVALID_INPUT',
      'params.delta: expected a finite number > 0, got Infinity',
    );
    expectError(
      () => new BetaGeoBetaBinomModel({ ...DONORS, alpha: '1' as never }),
      'INVALID_INPUT',
      'params.alpha: expected a finite number > 0, got the string "1"',
    );
  });

  it('a model from given parameters: converged, no likelihood, reason "parameters given"', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    expect(model.converged).toBe(true);
    expect(model.reason).toBe('parameters given');
    expect(model.iterations).toBe(0);
    expect(model.logLikelihood).toBeNull();
    expect(model.observations).toBe(0);
    expect(model.standardErrors).toBeNull();
    expect(model.toJSON()).toEqual({
      model: 'beta-geometric-beta-binomial',
      version: 1,
      params: { ...DONORS },
      logLikelihood: null,
      converged: true,
      iterations: 0,
      reason: 'parameters given',
      standardErrors: null,
      observations: 0,
    });
  });
});

describe('likelihood beyond 4096 dropout opportunities (anchor terms of the ratio recurrence)', () => {
  it('probabilityAlive at n = 5000 equals eq. 11 with the dropout sum term by term', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    const { alpha, beta, gamma, delta } = DONORS;
    const customers = [
      { frequency: 0, recency: 0, periods: 5000 },
      { frequency: 3, recency: 10, periods: 5000 },
    ];
    const alive = model.probabilityAlive(customers);
    customers.forEach(({ frequency: x, recency: tx, periods: n }, c) => {
      const lbAB = betaln(alpha, beta);
      const lbGD = betaln(gamma, delta);
      const logAlive = betaln(alpha + x, beta + n - x) - lbAB + betaln(gamma, delta + n) - lbGD;
      let ratioSum = 1;
      for (let i = 0; i <= n - tx - 1; i++) {
        const logDropped = betaln(alpha + x, beta + tx - x + i) - lbAB + betaln(gamma + 1, delta + tx + i) - lbGD;
        ratioSum += Math.exp(logDropped - logAlive);
      }
      expectRelClose(alive[c] as number, 1 / ratioSum, 1e-10);
    });
  });
});

describe('the survival sum (expected opportunities alive)', () => {
  it('γ = 1 exactly uses the summation at any horizon: E[X(h)] = α/(α+β) Σ δ/(δ+k)', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 2, beta: 3, gamma: 1, delta: 2.5 });
    for (const h of [3, 200_000]) {
      let sum = 0;
      for (let k = 1; k <= h; k++) sum += 2.5 / (2.5 + k);
      expectRelClose(model.expectedPurchases(h), 0.4 * sum, 1e-11);
    }
  });

  it('up to 100,000 opportunities the sum is exact even for δ = 10^6 (where log-gamma differences lose digits)', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 2, beta: 3, gamma: 2, delta: 1e6 });
    // γ = 2: Σ_{k=1}^{h} B(2, δ+k)/B(2, δ) = δh/(δ+h+1).
    for (const h of [1, 2, 100_000]) {
      expectRelClose(model.expectedPurchases(h), (0.4 * 1e6 * h) / (1e6 + h + 1), 1e-12);
    }
  });

  it('beyond 100,000 the telescoped closed form agrees with the summation', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 2, beta: 3, gamma: 2.5, delta: 3 });
    const customer = [{ frequency: 4, recency: 50, periods: 50 }];
    // Alive at n for sure (a purchase at opportunity n), so E = (α+x)/(α+β+n) · Σ_k P(alive at n+k | alive at n).
    expectRelClose(
      model.conditionalExpectedPurchases(150_000, customer)[0] as number,
      (6 / 55) * survivalAfter(2.5, 3, 50, 150_000),
      1e-8,
    );
    expectRelClose(model.expectedPurchases(150_000), 0.4 * survivalAfter(2.5, 3, 0, 150_000), 1e-8);
  });

  it('conditional expectations stay finite and exact when B(γ, δ+n)/B(γ, δ) underflows (large γ)', () => {
    // Regression: these were a DOMAIN_ERROR (γ = 5e4) and 0 (γ = 1e5), the survival sum being formed relative to
    // B(γ, δ) and the posterior ratio relative to B(γ, δ+n) ≈ e^-720 and e^-835.
    for (const gamma of [5e4, 1e5]) {
      const model = new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma, delta: 1 });
      const customer = [{ frequency: 100, recency: 100, periods: 100 }];
      for (const h of [1, 3, 200_000]) {
        expectRelClose(
          model.conditionalExpectedPurchases(h, customer)[0] as number,
          (101 / 102) * survivalAfter(gamma, 1, 100, h),
          1e-9,
        );
      }
    }
  });
});

describe('customers who share a history or an n', () => {
  it('identical histories get identical values', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    const customers = Array.from({ length: 5 }, () => ({ frequency: 0, recency: 0, periods: 1_000_000 }));
    const alive = model.probabilityAlive(customers);
    for (const p of alive) expect(p).toBe(alive[0]);
    expect(alive[0]).toBeGreaterThan(0);
    expect(alive[0]).toBeLessThan(0.01);
  });

  it('histories with the same n scale one survival sum (γ = 1: summed term by term at every horizon)', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 2, beta: 3, gamma: 1, delta: 2.5 });
    const customers: BetaGeoBetaBinomCustomer[] = Array.from({ length: 20 }, (_, i) => ({
      frequency: i + 1,
      recency: 1000,
      periods: 1000,
    }));
    const expected = model.conditionalExpectedPurchases(1_000_000, customers);
    // Each alive at n for sure: E = (α+x)/(α+β+n) · S(n) with one S(n) for all.
    customers.forEach((c, i) => {
      expectRelClose(expected[i] as number, ((expected[0] as number) * (2 + c.frequency)) / 3, 1e-12);
    });
  });

  it('histories with the same n scale one DERT tail (a series of ~10^6 terms)', () => {
    const model = new BetaGeoBetaBinomModel(DONORS);
    const n = 1_000_000;
    const customers = Array.from({ length: 20 }, (_, i) => ({ frequency: i + 1, recency: n, periods: n }));
    const dert = model.expectedResidualPurchases(customers, { discountRate: 0.00005 });
    const { alpha } = DONORS;
    customers.forEach((c, i) => {
      expectRelClose(dert[i] as number, ((dert[0] as number) * (alpha + c.frequency)) / (alpha + 1), 1e-9);
    });
  });

  it('horizons above 100,000 (the closed form) against the telescoped sum', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 2, beta: 3, gamma: 2, delta: 3 });
    const ns = [1, 500, 1000];
    const customers = ns.map((n) => ({ frequency: 1, recency: n, periods: n }));
    const expected = model.conditionalExpectedPurchases(10_000_000, customers);
    // γ = 2: Σ_{k=1}^{h} B(2, δ+n+k)/B(2, δ+n) = (δ+n)h/(δ+n+h+1).
    for (const [i, n] of ns.entries()) {
      expectRelClose(expected[i] as number, (3 / (5 + n)) * (((3 + n) * 1e7) / (3 + n + 1e7 + 1)), 1e-8);
    }
  });
});

describe('fitBetaGeoBetaBinom: reading the rows', () => {
  const good = { frequency: 1, recency: 2, periods: 3 };

  it('non-iterable, empty and non-object input', () => {
    expectError(
      () => fitBetaGeoBetaBinom(5 as never),
      'INVALID_INPUT',
      'rows: expected an array or iterable of records, got 5',
    );
    expectError(() => fitBetaGeoBetaBinom([]), 'EMPTY_INPUT', 'rows: expected at least 1 row, got none');
    expectError(
      () => fitBetaGeoBetaBinom([good, null] as never),
      'INVALID_INPUT',
      'rows[1]: expected an object, got null',
    );
    expectError(() => fitBetaGeoBetaBinom([good, 3] as never), 'INVALID_INPUT', 'rows[1]: expected an object, got 3');
    expectError(
      () => fitBetaGeoBetaBinom([{ ...good, weights: 0 }]),
      'EMPTY_INPUT',
      'rows: expected at least 1 row with a positive weight, got none',
    );
  });

  it('a throwing accessor names the row and the field', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const rows = [good, good];
    const at1 = (read: (r: typeof good) => number) => (r: typeof good, i: number) => (i === 1 ? boom() : read(r));
    expectError(
      () => fitBetaGeoBetaBinom(rows, { frequency: at1((r) => r.frequency) }),
      'INVALID_INPUT',
      'rows[1].frequency: reading the value threw (boom)',
    );
    expectError(
      () => fitBetaGeoBetaBinom(rows, { recency: at1((r) => r.recency) }),
      'INVALID_INPUT',
      'rows[1].recency: reading the value threw (boom)',
    );
    expectError(
      () => fitBetaGeoBetaBinom(rows, { periods: at1((r) => r.periods) }),
      'INVALID_INPUT',
      'rows[1].periods: reading the value threw (boom)',
    );
    expectError(
      () => fitBetaGeoBetaBinom(rows, { weights: at1(() => 1) }),
      'INVALID_INPUT',
      'rows[1].weights: reading the value threw (boom)',
    );
  });

  it('weights: negative, and undefined from an accessor function (a missing field counts 1)', () => {
    expectError(
      () => fitBetaGeoBetaBinom([good, { ...good, weights: -3 }]),
      'INVALID_INPUT',
      'rows[1].weights: expected a finite number ≥ 0, got -3',
    );
    expectError(
      () => fitBetaGeoBetaBinom([good], { weights: () => undefined as never }),
      'INVALID_INPUT',
      'rows[0].weights: expected a finite number ≥ 0, got undefined',
    );
  });

  it('accepts 100,000 opportunities in a row and refuses 100,001', () => {
    const fit = fitBetaGeoBetaBinom(
      [
        { frequency: 0, recency: 0, periods: 3, weights: 40 },
        { frequency: 2, recency: 3, periods: 3, weights: 12 },
        { frequency: 1, recency: 100_000, periods: 100_000, weights: 3 },
      ],
      { maxIterations: 3 },
    );
    expect(fit.observations).toBe(55);
    expectError(
      () => fitBetaGeoBetaBinom([good, { frequency: 1, recency: 1, periods: 100_001 }]),
      'INVALID_INPUT',
      'rows[1].periods: expected a whole number ≤ 100,000, got 100001',
    );
  });
});

describe('fitBetaGeoBetaBinom: outcome', () => {
  const rows = [
    { frequency: 0, recency: 0, periods: 3, weights: 40 },
    { frequency: 1, recency: 1, periods: 3, weights: 10 },
    { frequency: 1, recency: 3, periods: 3, weights: 8 },
    { frequency: 2, recency: 3, periods: 3, weights: 12 },
    { frequency: 3, recency: 3, periods: 3, weights: 30 },
  ];

  it('toJSON carries the standard errors of a fit', () => {
    const model = fitBetaGeoBetaBinom(rows);
    expect(model.standardErrors).not.toBeNull();
    const json = model.toJSON();
    expect(json.standardErrors).toEqual({ ...model.standardErrors });
    expect(json.reason).toBe(model.reason);
    expect(json.observations).toBe(100);
  });

  it('strict mode names the function in NOT_CONVERGED', () => {
    const error = thrown(() => fitBetaGeoBetaBinom(rows, { strict: true, maxIterations: 1 }));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message.startsWith('fitBetaGeoBetaBinom: the fit did not converge (')).toBe(true);
  });
});
