// Written for the mutants of src/clv/models/gammaGamma.ts that survived Stryker (see docs/testing.md): the model's
// state and JSON form, the exact error texts of the record checks (null, primitive and function records, class
// instances whose fields are prototype getters, every rejected monetaryValue), the weighted spend–frequency
// correlation and its 0.3 threshold, the log-likelihood against a hand-written one, the objective and gradient in log
// parameters against finite differences (with a penalizer, one coordinate changed at a time so that the cache is
// exercised), its infeasible points, and the start points of the fit (data weighted so that a chosen point is an exact
// stationary point of the likelihood, which BFGS accepts at its first iteration).
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import {
  type FrequencyMonetary,
  fitGammaGamma,
  GammaGammaModel,
  gammaGammaObjective,
} from '../../../src/clv/models/gammaGamma.js';
import { thrown } from '../../support/thrown.js';
import { expectError } from './helpers.js';

/** A customer as [frequency x, mean spend m̄, weight]. */
type Row = readonly [number, number, number];

function expectRelClose(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const records = (rows: readonly Row[]): FrequencyMonetary[] =>
  rows.map(([frequency, monetaryValue]) => ({ frequency, monetaryValue }));

/** Σ w·ln f(x, m̄ | p, q, γ) of Fader, Hardie & Lee (2005) / Hardie note 025, written out term by term. */
function handLogLik(rows: readonly Row[], p: number, q: number, g: number): number {
  let sum = 0;
  for (const [x, m, w] of rows) {
    const px = p * x;
    sum +=
      w *
      (gammaln(px + q) -
        gammaln(px) -
        gammaln(q) +
        q * Math.log(g) +
        (px - 1) * Math.log(m) +
        px * Math.log(x) -
        (px + q) * Math.log(g + x * m));
  }
  return sum;
}

const totalWeight = (rows: readonly Row[]): number => rows.reduce((s, r) => s + r[2], 0);

/** The fit's objective in φ = ln θ: −ℓ/W + λ·Σθ². */
function handObjective(rows: readonly Row[], phi: readonly number[], penalizer: number): number {
  const [p, q, g] = phi.map(Math.exp) as [number, number, number];
  return -handLogLik(rows, p, q, g) / totalWeight(rows) + penalizer * (p * p + q * q + g * g);
}

/** Central differences of `f` at `x`. */
function centralGradient(f: (x: number[]) => number, x: readonly number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const up = [...x];
    const down = [...x];
    up[i] = (x[i] as number) + h;
    down[i] = (x[i] as number) - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** ∂ ln f / ∂(p, q, γ) of one customer. */
function score(x: number, m: number, p: number, q: number, g: number): [number, number, number] {
  const psi = digamma(p * x + q);
  return [
    x * (psi - digamma(p * x)) + x * Math.log(m) + x * Math.log(x) - x * Math.log(g + x * m),
    psi - digamma(q) + Math.log(g) - Math.log(g + x * m),
    q / g - (p * x + q) / (g + x * m),
  ];
}

const det3 = (a: readonly number[][]): number => {
  const [r0, r1, r2] = a as [number[], number[], number[]];
  return (
    (r0[0] as number) * ((r1[1] as number) * (r2[2] as number) - (r1[2] as number) * (r2[1] as number)) -
    (r0[1] as number) * ((r1[0] as number) * (r2[2] as number) - (r1[2] as number) * (r2[0] as number)) +
    (r0[2] as number) * ((r1[0] as number) * (r2[1] as number) - (r1[1] as number) * (r2[0] as number))
  );
};

/**
 * Weights for four customers that make (p, q, γ) an exact stationary point of the weighted likelihood: the score is
 * linear in the weights, so with the fourth weight 1 the other three solve a 3×3 system (Cramer's rule).
 */
function stationaryRows(points: ReadonlyArray<readonly [number, number]>, p: number, q: number, g: number): Row[] {
  const s = points.map(([x, m]) => score(x, m, p, q, g));
  const a = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (s[j] as number[])[i] as number));
  const b = [0, 1, 2].map((i) => -((s[3] as number[])[i] as number));
  const d = det3(a);
  const w = [0, 1, 2].map((j) => det3(a.map((row, i) => row.map((v, k) => (k === j ? (b[i] as number) : v)))) / d);
  for (const v of w) expect(v).toBeGreaterThan(0);
  return points.map(([x, m], i) => [x, m, i < 3 ? (w[i] as number) : 1] as const);
}

/** A customer whose two fields are getters on its class's prototype (no own properties). */
class Buyer {
  readonly #values: readonly [number, number];
  constructor(frequency: number, monetaryValue: number) {
    this.#values = [frequency, monetaryValue];
  }
  get frequency(): number {
    return this.#values[0];
  }
  get monetaryValue(): number {
    return this.#values[1];
  }
}

const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 } as const;

/** E[Z | x, m̄] in the form p(γ + x m̄)/(px + q − 1) (x = 0: pγ/(q − 1)). */
const expectedSpend = (p: number, q: number, g: number, x: number, m: number): number =>
  x === 0 ? (p * g) / (q - 1) : (p * (g + x * m)) / (p * x + q - 1);

describe('GammaGammaModel: state and JSON form', () => {
  it('a model from parameters only: kind, no fit statistics, iterations and penalizer 0', () => {
    const model = new GammaGammaModel({ params: PUBLISHED });
    expect(model.model).toBe('gamma-gamma');
    expect(model.fit).toBe(null);
    expect(model.logLikelihood).toBe(null);
    expect(model.converged).toBe(null);
    expect(model.iterations).toBe(0);
    expect(model.penalizer).toBe(0);
    expect(model.standardErrors).toBe(null);
    expect(model.confidenceIntervals).toBe(null);
    expect(model.spendFrequencyCheck).toBe(null);
    expect(model.toJSON()).toEqual({
      model: 'gamma-gamma',
      version: 1,
      params: { p: 6.25, q: 3.74, gamma: 15.44 },
      fit: null,
      standardErrors: null,
      confidenceIntervals: null,
      spendFrequencyCheck: null,
    });
  });

  it('a model with fit statistics, errors, intervals and the correlation check keeps and serializes them', () => {
    const fit = {
      logLikelihood: -12.5,
      converged: true,
      iterations: 7,
      reason: 'gradient below tolerance',
      penalizer: 0.25,
      customerCount: 3,
    };
    const standardErrors = { p: 0.5, q: 0.25, gamma: 2 };
    const confidenceIntervals = {
      p: { lower: 5, upper: 7.5 },
      q: { lower: 3, upper: 4.5 },
      gamma: { lower: 12, upper: 19 },
    };
    const spendFrequencyCheck = { correlation: -0.125, customers: 3, independent: true };
    const model = new GammaGammaModel({
      params: PUBLISHED,
      fit,
      standardErrors,
      confidenceIntervals,
      spendFrequencyCheck,
    });
    expect(model.logLikelihood).toBe(-12.5);
    expect(model.converged).toBe(true);
    expect(model.iterations).toBe(7);
    expect(model.penalizer).toBe(0.25);
    expect(model.spendFrequencyCheck).toEqual(spendFrequencyCheck);
    const json = model.toJSON();
    expect(json).toEqual({
      model: 'gamma-gamma',
      version: 1,
      params: { p: 6.25, q: 3.74, gamma: 15.44 },
      fit,
      standardErrors,
      confidenceIntervals,
      spendFrequencyCheck,
    });
    // Copies, not the model's own objects.
    expect(json.fit).not.toBe(model.fit);
    expect(json.spendFrequencyCheck).not.toBe(model.spendFrequencyCheck);
  });

  it('validates the correlation check it is given', () => {
    expectError(
      () =>
        new GammaGammaModel({
          params: PUBLISHED,
          spendFrequencyCheck: { correlation: 1.5, customers: 3, independent: true },
        }),
      'INVALID_INPUT',
      'spendFrequencyCheck.correlation: expected a number ≤ 1, got 1.5',
    );
  });
});

describe('GammaGammaModel.conditionalExpectedSpend', () => {
  it('q = 1 is divergent (the population mean pγ/(q − 1) is infinite); q slightly above 1 is not', () => {
    expectError(
      () =>
        new GammaGammaModel({ params: { p: 2, q: 1, gamma: 5 } }).conditionalExpectedSpend([
          { frequency: 1, monetaryValue: 3 },
        ]),
      'DIVERGENT',
      'params.q: expected q > 1 for a finite mean spend, got 1 (the population mean pγ/(q − 1) is infinite)',
    );
    const [v] = new GammaGammaModel({ params: { p: 2, q: 1.5, gamma: 5 } }).conditionalExpectedSpend([
      { frequency: 1, monetaryValue: 3 },
    ]);
    expectRelClose(v as number, expectedSpend(2, 1.5, 5, 1, 3));
  });

  it('matches p(γ + x m̄)/(px + q − 1), and pγ/(q − 1) without repeat purchases', () => {
    const model = new GammaGammaModel({ params: PUBLISHED });
    const rows = [
      [0, 0],
      [2, 22.35],
      [1, 11.77],
      [7, 3.5],
      [0, 99],
    ] as const;
    const out = model.conditionalExpectedSpend(
      rows.map(([frequency, monetaryValue]) => ({ frequency, monetaryValue })),
    );
    rows.forEach(([x, m], i) => {
      expectRelClose(out[i] as number, expectedSpend(6.25, 3.74, 15.44, x, m));
    });
  });

  it('reads class instances whose fields are prototype getters', () => {
    const model = new GammaGammaModel({ params: PUBLISHED });
    const out = model.conditionalExpectedSpend([new Buyer(2, 10), new Buyer(0, 5), new Buyer(1, 7)]);
    expectRelClose(out[0] as number, expectedSpend(6.25, 3.74, 15.44, 2, 10));
    expectRelClose(out[1] as number, expectedSpend(6.25, 3.74, 15.44, 0, 5));
    expectRelClose(out[2] as number, expectedSpend(6.25, 3.74, 15.44, 1, 7));
  });

  it('names the bad record of its input', () => {
    const model = new GammaGammaModel({ params: PUBLISHED });
    expectError(
      () =>
        model.conditionalExpectedSpend([
          { frequency: 1, monetaryValue: 5 },
          { frequency: 2, monetaryValue: -3 },
        ]),
      'INVALID_INPUT',
      'customers[1].monetaryValue: expected a finite number > 0 (mean spend of the repeat purchases), got -3',
    );
  });

  it('an overflowing population mean is a DOMAIN_ERROR naming the method', () => {
    const model = new GammaGammaModel({ params: { p: 1e300, q: 2, gamma: 1e300 } });
    const e = thrown(() => model.conditionalExpectedSpend([{ frequency: 0, monetaryValue: 0 }]));
    expect(e.code).toBe('DOMAIN_ERROR');
    expect(e.message).toBe(
      "GammaGammaModel.conditionalExpectedSpend: the result for customers[0] cannot be computed accurately at these parameters (got Infinity, expected a finite number in [0, Infinity]); the model's special functions lose all precision this far out",
    );
  });

  it('spendFromColumns never reads the monetary value of a customer without repeat purchases', () => {
    const model = new GammaGammaModel({ params: { p: 2, q: 3, gamma: 10 } });
    const out = model.spendFromColumns(Float64Array.of(0, 0, 1), Float64Array.of(Number.NaN, Infinity, 4));
    expect(out[0]).toBe(10);
    expect(out[1]).toBe(10);
    expectRelClose(out[2] as number, expectedSpend(2, 3, 10, 1, 4));
  });
});

describe('reading the records (fitGammaGamma and conditionalExpectedSpend)', () => {
  const good = { frequency: 1, monetaryValue: 10 };

  it('a record that is not an object is named as such (null, a number, a function)', () => {
    const e = thrown(() => fitGammaGamma([good, null as unknown as FrequencyMonetary]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers[1]: expected a record with frequency and monetaryValue, got null');
    expect(e.path).toEqual(['customers', 1]);
    expectError(
      () => fitGammaGamma([good, 5 as unknown as FrequencyMonetary]),
      'INVALID_INPUT',
      'customers[1]: expected a record with frequency and monetaryValue, got 5',
    );
    const fn = Object.assign(() => 0, { frequency: 2, monetaryValue: 10 });
    expectError(
      () => fitGammaGamma([good, fn as unknown as FrequencyMonetary]),
      'INVALID_INPUT',
      'customers[1]: expected a record with frequency and monetaryValue, got a function',
    );
    expectError(
      () => new GammaGammaModel({ params: PUBLISHED }).conditionalExpectedSpend([null as unknown as FrequencyMonetary]),
      'INVALID_INPUT',
      'customers[0]: expected a record with frequency and monetaryValue, got null',
    );
  });

  it('a negative whole frequency is rejected even with a valid spend', () => {
    expectError(
      () => fitGammaGamma([good, { frequency: -1, monetaryValue: 5 }]),
      'INVALID_INPUT',
      'customers[1].frequency: expected a whole number ≥ 0, got -1',
    );
  });

  it('with repeat purchases, the mean spend must be a finite number > 0', () => {
    const prefix = 'customers[1].monetaryValue: expected a finite number > 0 (mean spend of the repeat purchases), got';
    const cases: Array<[unknown, string]> = [
      [0, '0'],
      [-3, '-3'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      ['abc', 'the string "abc"'],
      [null, 'null'],
    ];
    for (const [m, shown] of cases) {
      expectError(
        () => fitGammaGamma([good, { frequency: 2, monetaryValue: m as number }]),
        'INVALID_INPUT',
        `${prefix} ${shown}`,
      );
    }
    expectError(
      () => fitGammaGamma([good, { frequency: 2 } as FrequencyMonetary]),
      'INVALID_INPUT',
      `${prefix} undefined`,
    );
  });

  it('without repeat purchases, the mean spend may be absent but if present must be a finite number', () => {
    const cases: Array<[unknown, string]> = [
      [Number.NaN, 'NaN'],
      [-Infinity, '-Infinity'],
      ['5', 'the string "5"'],
      [null, 'null'],
    ];
    for (const [m, shown] of cases) {
      const e = thrown(() => fitGammaGamma([good, { frequency: 0, monetaryValue: m as number }]));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`customers[1].monetaryValue: expected a finite number, got ${shown}`);
      expect(e.path).toEqual(['customers', 1, 'monetaryValue']);
    }
    const model = new GammaGammaModel({ params: PUBLISHED });
    const [v] = model.conditionalExpectedSpend([{ frequency: 0 } as FrequencyMonetary]);
    expectRelClose(v as number, (6.25 * 15.44) / 2.74);
  });

  it('a getter that throws is reported against its record', () => {
    const bad = {
      get frequency(): number {
        throw new Error('boom');
      },
      monetaryValue: 3,
    };
    const e = thrown(() => fitGammaGamma([good, bad]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers[1]: reading the value threw (boom)');
    expect(e.path).toEqual(['customers', 1]);
  });

  it('fitGammaGamma names a non-array input and skips a customer without repeat purchases and without spend', () => {
    expectError(
      () => fitGammaGamma(5 as unknown as FrequencyMonetary[]),
      'INVALID_INPUT',
      'customers: expected an array or iterable of records, got 5',
    );
    const rows = records([
      [2, 22.35, 1],
      [1, 11.77, 1],
      [5, 47.5, 1],
      [3, 26.1, 1],
      [4, 15.2, 1],
    ]);
    const withZero = fitGammaGamma([{ frequency: 0 } as FrequencyMonetary, ...rows]);
    expect(withZero.params).toEqual(fitGammaGamma(rows).params);
  });

  // Regression: the validating path read own properties only, so a class instance whose monetaryValue is invalid was
  // reported as missing its frequency (`customers[0].frequency: expected a whole number ≥ 0, got undefined`).
  it('reports the real fault of an invalid class-instance record', () => {
    expectError(
      () => fitGammaGamma([new Buyer(2, -1)]),
      'INVALID_INPUT',
      'customers[0].monetaryValue: expected a finite number > 0 (mean spend of the repeat purchases), got -1',
    );
  });
});

describe('fitGammaGamma: repeat buyers, weights and the correlation check', () => {
  it('no repeat buyer with a positive weight is EMPTY_INPUT', () => {
    const message = 'customers: expected at least 1 customer with frequency > 0, got none';
    expectError(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }]), 'EMPTY_INPUT', message);
    expectError(
      () =>
        fitGammaGamma(
          [
            { frequency: 0, monetaryValue: 0 },
            { frequency: 2, monetaryValue: 10 },
          ],
          { weights: [1, 0] },
        ),
      'EMPTY_INPUT',
      message,
    );
  });

  it('a repeat buyer of weight 0 is the same as no such record', () => {
    const rows = records([
      [2, 22.35, 1],
      [1, 11.77, 1],
      [5, 47.5, 1],
      [3, 26.1, 1],
      [4, 15.2, 1],
    ]);
    const without = fitGammaGamma(rows);
    const weighted = fitGammaGamma([{ frequency: 1, monetaryValue: 300 }, ...rows], { weights: [0, 1, 1, 1, 1, 1] });
    expect(weighted.params).toEqual(without.params);
    expect(weighted.logLikelihood).toBe(without.logLikelihood);
    expect(weighted.fit?.customerCount).toBe(5);
    expect(weighted.spendFrequencyCheck).toEqual(without.spendFrequencyCheck);
  });

  it('log-likelihood, customer count and weighted Pearson correlation of a weighted fit', () => {
    const all: Row[] = [
      [2, 22.35, 1.5],
      [1, 11.77, 1],
      [0, 0, 2],
      [5, 47.5, 0.5],
      [3, 26.1, 2],
      [1, 19.9, 0],
      [4, 15.2, 1],
      [1, 30, 3],
    ];
    const model = fitGammaGamma(records(all), { weights: all.map((r) => r[2]) });
    const used = all.filter(([x, , w]) => x > 0 && w > 0);
    const { p, q, gamma } = model.params;
    expectRelClose(model.logLikelihood as number, handLogLik(used, p, q, gamma), 1e-11);
    expect(model.fit?.customerCount).toBe(9);
    // Weighted Pearson correlation from raw moments (not centred sums).
    let W = 0;
    let sx = 0;
    let sm = 0;
    let sxx = 0;
    let smm = 0;
    let sxm = 0;
    for (const [x, m, w] of used) {
      W += w;
      sx += w * x;
      sm += w * m;
      sxx += w * x * x;
      smm += w * m * m;
      sxm += w * x * m;
    }
    const cov = sxm - (sx * sm) / W;
    const rho = cov / Math.sqrt((sxx - (sx * sx) / W) * (smm - (sm * sm) / W));
    const check = model.spendFrequencyCheck!;
    expectRelClose(check.correlation, rho, 1e-12);
    expect(check.customers).toBe(9);
    expect(check.independent).toBe(Math.abs(rho) < 0.3);
  });

  it('|ρ| exactly 0.3 is not independent; a weak correlation is', () => {
    // x = 1, 2, 4, 5 and m̄ = 1, 4, 5, 2: centred sums Sxx = 10, Smm = 10, Sxm = 3, so ρ = 3/10 exactly.
    const at = fitGammaGamma(
      records([
        [1, 1, 1],
        [2, 4, 1],
        [4, 5, 1],
        [5, 2, 1],
      ]),
    ).spendFrequencyCheck!;
    expect(at.correlation).toBe(0.3);
    expect(at.independent).toBe(false);
    // m̄ = 3, 4, 1, 4 against the same x: Smm = 6, Sxm = −1, so ρ = −1/√60 ≈ −0.129.
    const weak = fitGammaGamma(
      records([
        [1, 3, 1],
        [2, 4, 1],
        [4, 1, 1],
        [5, 4, 1],
      ]),
    ).spendFrequencyCheck!;
    expect(weak.correlation).toBeCloseTo(-1 / Math.sqrt(60), 14);
    expect(weak.independent).toBe(true);
  });

  it('no spread in frequency or in spend gives correlation 0', () => {
    const sameX = fitGammaGamma(
      records([
        [2, 5, 1],
        [2, 10, 1],
        [2, 20, 1],
      ]),
    ).spendFrequencyCheck!;
    expect(sameX).toEqual({ correlation: 0, customers: 3, independent: true });
    const sameM = fitGammaGamma(
      records([
        [1, 10, 1],
        [2, 10, 1],
        [3, 10, 1],
      ]),
    ).spendFrequencyCheck!;
    expect(sameM).toEqual({ correlation: 0, customers: 3, independent: true });
  });
});

describe('fitGammaGamma: start points, iteration limit and standard errors', () => {
  // Each data set is weighted so that the given point is an exact stationary point (a maximum) of the likelihood: a
  // start there has a zero gradient, so even one iteration returns it.
  it('returns a maximum that sits at one of the built-in starts (1,1,1), (5,3,10), (0.5,5,50)', () => {
    const cases: Array<[readonly [number, number, number], ReadonlyArray<readonly [number, number]>]> = [
      [
        [1, 1, 1],
        [
          [1, 0.01],
          [1, 0.05],
          [1, 0.6],
          [1, 10],
        ],
      ],
      [
        [5, 3, 10],
        [
          [1, 0.5],
          [1, 4],
          [1, 16],
          [2, 100],
        ],
      ],
      [
        [0.5, 5, 50],
        [
          [1, 0.5],
          [1, 16],
          [2, 0.5],
          [5, 2],
        ],
      ],
    ];
    for (const [[p, q, g], points] of cases) {
      const rows = stationaryRows(points, p, q, g);
      const model = fitGammaGamma(records(rows), { weights: rows.map((r) => r[2]), maxIterations: 1 });
      expectRelClose(model.params.p, p, 1e-12);
      expectRelClose(model.params.q, q, 1e-12);
      expectRelClose(model.params.gamma, g, 1e-12);
      expect(model.converged).toBe(true);
    }
  });

  it('starts from initialParams', () => {
    const rows = stationaryRows(
      [
        [1, 0.5],
        [1, 1],
        [2, 8],
        [2, 40],
      ],
      2,
      4,
      20,
    );
    const model = fitGammaGamma(records(rows), {
      weights: rows.map((r) => r[2]),
      maxIterations: 1,
      initialParams: { p: 2, q: 4, gamma: 20 },
    });
    expectRelClose(model.params.p, 2, 1e-12);
    expectRelClose(model.params.q, 4, 1e-12);
    expectRelClose(model.params.gamma, 20, 1e-12);
    expect(model.converged).toBe(true);
  });

  it('maxIterations limits the fit; strict mode then throws NOT_CONVERGED', () => {
    const rows = records([
      [1, 10, 1],
      [2, 22.35, 1],
      [3, 26.1, 1],
      [1, 19.9, 1],
      [4, 15.2, 1],
      [5, 47.5, 1],
      [2, 8, 1],
      [1, 30, 1],
    ]);
    const limited = fitGammaGamma(rows, { maxIterations: 1 });
    expect(limited.converged).toBe(false);
    expect(fitGammaGamma(rows).converged).toBe(true);
    expectError(
      () => fitGammaGamma(rows, { maxIterations: 1, strict: true }),
      'NOT_CONVERGED',
      `fitGammaGamma: the maximum-likelihood fit did not converge (${limited.fit?.reason}); try initialParams, a penalizer or more data`,
    );
  });

  it('standard errors are θ·√diag(H⁻¹) of the Hessian of −ℓ in log parameters', () => {
    const rows = stationaryRows(
      [
        [1, 0.5],
        [1, 4],
        [1, 16],
        [2, 100],
      ],
      5,
      3,
      10,
    );
    const model = fitGammaGamma(records(rows), { weights: rows.map((r) => r[2]) });
    const phi = [Math.log(5), Math.log(3), Math.log(10)];
    const f = (v: readonly number[]): number => -handLogLik(rows, Math.exp(v[0]!), Math.exp(v[1]!), Math.exp(v[2]!));
    const h = 1e-4;
    const H = [0, 1, 2].map((i) =>
      [0, 1, 2].map((j) => {
        const at = (di: number, dj: number): number => {
          const v = [...phi];
          v[i] = (v[i] as number) + di;
          v[j] = (v[j] as number) + dj;
          return f(v);
        };
        return (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
      }),
    );
    const d = det3(H);
    const minor = (i: number): number => {
      const keep = [0, 1, 2].filter((k) => k !== i);
      const [a, b] = keep as [number, number];
      return H[a]![a]! * H[b]![b]! - H[a]![b]! * H[b]![a]!;
    };
    const se = [0, 1, 2].map((i) => Math.exp(phi[i] as number) * Math.sqrt(minor(i) / d));
    const got = model.standardErrors!;
    expectRelClose(got.p, se[0] as number, 1e-3);
    expectRelClose(got.q, se[1] as number, 1e-3);
    expectRelClose(got.gamma, se[2] as number, 1e-3);
    const z = 1.959963984540054;
    expectRelClose(model.confidenceIntervals!.q.lower, 3 * Math.exp((-z * (se[1] as number)) / 3), 1e-3);
  });

  it('a stationary point that is a saddle gives no standard errors or intervals', () => {
    const rows = stationaryRows(
      [
        [1, 0.5],
        [1, 1],
        [1, 16],
        [2, 16],
      ],
      0.5,
      5,
      50,
    );
    const model = fitGammaGamma(records(rows), {
      weights: rows.map((r) => r[2]),
      initialParams: { p: 0.5, q: 5, gamma: 50 },
    });
    expectRelClose(model.params.gamma, 50, 1e-12);
    expect(model.standardErrors).toBe(null);
    expect(model.confidenceIntervals).toBe(null);
  });
});

describe('gammaGammaObjective', () => {
  const rows: Row[] = [
    [1, 10, 0.5],
    [2, 20, 1.5],
    [2, 7, 1],
    [5, 3.5, 0.5],
  ];
  const build = (penalizer: number, data: readonly Row[] = rows) => {
    const xs = Float64Array.from(data, (r) => r[0]);
    const ms = Float64Array.from(data, (r) => r[1]);
    return gammaGammaObjective(
      xs,
      ms,
      ms.map(Math.log),
      Float64Array.from(data, (r) => r[2]),
      penalizer,
    );
  };

  it('value and gradient against the hand-written penalized objective, one coordinate changed at a time', () => {
    const lambda = 0.1;
    const { objective, gradient } = build(lambda);
    const ref = (phi: number[]): number => handObjective(rows, phi, lambda);
    const A = [Math.log(2), Math.log(3), Math.log(15)];
    const B = [Math.log(0.7), A[1]!, A[2]!];
    const C = [B[0]!, Math.log(1.8), B[2]!];
    const D = [C[0]!, C[1]!, Math.log(40)];
    const out = new Float64Array(3);
    for (const phi of [A, B, C, D]) {
      expectRelClose(objective(Float64Array.from(phi)), ref(phi), 1e-12);
    }
    for (const phi of [D, A, B, C, D]) {
      gradient(Float64Array.from(phi), out);
      const fd = centralGradient(ref, phi);
      for (let j = 0; j < 3; j++) expect(Math.abs((out[j] as number) - (fd[j] as number))).toBeLessThan(1e-7);
    }
    // Gradient then value at the same point, after a different one.
    gradient(Float64Array.from(B), out);
    expectRelClose(objective(Float64Array.from(A)), ref(A), 1e-12);
  });

  it('logLikelihood(params) is ℓ itself and leaves the cached gradient valid', () => {
    const { gradient, logLikelihood } = build(0);
    const A = [Math.log(2), Math.log(3), Math.log(15)];
    const out = new Float64Array(3);
    gradient(Float64Array.from(A), out);
    expectRelClose(logLikelihood({ p: 0.7, q: 1.8, gamma: 40 }), handLogLik(rows, 0.7, 1.8, 40), 1e-12);
    gradient(Float64Array.from(A), out);
    const fd = centralGradient((phi) => handObjective(rows, phi, 0), A);
    for (let j = 0; j < 3; j++) expect(Math.abs((out[j] as number) - (fd[j] as number))).toBeLessThan(1e-7);
  });

  it('points outside the domain are +∞ with a zero gradient, and do not spoil the cache', () => {
    const { objective, gradient } = build(0);
    const A = Float64Array.of(Math.log(2), Math.log(3), Math.log(15));
    const refA = handObjective(rows, Array.from(A), 0);
    const out = new Float64Array(3);
    // p underflows to 0.
    expectRelClose(objective(A), refA, 1e-12);
    expect(objective(Float64Array.of(-800, 0, 0))).toBe(Number.POSITIVE_INFINITY);
    gradient(A, out);
    out.fill(7);
    gradient(Float64Array.of(-800, 0, 0), out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
    // q so large that ln Γ(q) overflows: the log-likelihood is not finite.
    const huge = Float64Array.of(0, Math.log(1e307), 0);
    expectRelClose(objective(A), refA, 1e-12);
    expect(objective(huge)).toBe(Number.POSITIVE_INFINITY);
    expectRelClose(objective(A), refA, 1e-12);
    out.fill(7);
    gradient(huge, out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
    gradient(A, out);
    const fd = centralGradient((phi) => handObjective(rows, phi, 0), Array.from(A));
    for (let j = 0; j < 3; j++) expect(Math.abs((out[j] as number) - (fd[j] as number))).toBeLessThan(1e-7);
  });

  it('parameters whose sum overflows are refused even where the log-likelihood is finite', () => {
    // Total weight 1 keeps W·ln Γ(q) finite at q = 2e305; γ = 1.796e308 makes p + q + γ overflow.
    const unit: Row[] = [
      [1, 10, 0.5],
      [2, 20, 0.5],
    ];
    const { objective, gradient, logLikelihood } = build(0, unit);
    expect(Number.isFinite(logLikelihood({ p: 1, q: 2e305, gamma: 1.796e308 }))).toBe(true);
    const phi = Float64Array.of(0, Math.log(2e305), Math.log(1.796e308));
    expect(objective(phi)).toBe(Number.POSITIVE_INFINITY);
    const out = new Float64Array(3).fill(7);
    gradient(phi, out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });
});
