// Written for the mutants of src/clv/contractual/shiftedBetaGeometric.ts that survived Stryker (see docs/testing.md):
// exact error texts and paths of every validation step, the log-gamma fallback of survival() for subnormal α, the
// curve-length cap, DERL and its elasticity against brute-force sums, and the cohort wrapper's error handling.
import betaln from '@stdlib/math-base-special-betaln';
import { describe, expect, it } from 'vitest';
import {
  fitShiftedBetaGeometric,
  fitShiftedBetaGeometricCohorts,
  ShiftedBetaGeometricModel,
} from '../../../src/clv/contractual/shiftedBetaGeometric.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { thrown } from '../../support/thrown.js';

// Fader & Hardie (2007), Table 1, years 0–7 (per 1,000 customers).
const regular = (): number[] => [1000, 631, 468, 382, 326, 289, 262, 241];

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** S(t) = Π_{k<t} (β+k)/(α+β+k), summed in log space with log1p (accurate for β ≫ α). */
function survivalByProduct(alpha: number, beta: number, t: number): number {
  let log = 0;
  for (let k = 0; k < t; k++) log -= Math.log1p(alpha / (beta + k));
  return Math.exp(log);
}

/** a_k = S(n+k)/S(n−1), k = 0, 1, …; returns Σ a_k z^k and Σ k a_k z^k summed until the terms vanish. */
function derlSums(alpha: number, beta: number, d: number, n: number): { derl: number; moment: number } {
  const z = 1 / (1 + d);
  let a = 1;
  let zk = 1;
  let derl = 0;
  let moment = 0;
  for (let k = 0; k < 20_000; k++) {
    const t = n + k;
    a *= (beta + t - 1) / (alpha + beta + t - 1);
    const term = a * zk;
    derl += term;
    moment += k * term;
    zk *= z;
    if (k > 50 && term * k < 1e-18 * derl) break;
  }
  return { derl, moment };
}

/** An error thrown by the caller's input that is not a CrmAnalyticsError. */
class Boom extends Error {}

describe('ShiftedBetaGeometricModel constructor', () => {
  it('a model from given parameters reports converged, 0 iterations and the reason "parameters given"', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 0.704, beta: 1.182 });
    expect(model.converged).toBe(true);
    expect(model.reason).toBe('parameters given');
    expect(model.iterations).toBe(0);
    expect(model.observations).toBe(0);
    expect(model.logLikelihood).toBeNull();
    expect(model.params).toEqual({ alpha: 0.704, beta: 1.182 });
    expect(model.toJSON()).toEqual({
      model: 'shifted-beta-geometric',
      version: 1,
      params: { alpha: 0.704, beta: 1.182 },
      logLikelihood: null,
      converged: true,
      iterations: 0,
      reason: 'parameters given',
      standardErrors: null,
      observations: 0,
    });
  });

  it('rejects each bad alpha with the exact message and path', () => {
    for (const [alpha, shown] of [
      [0, '0'],
      [-1, '-1'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['1', 'the string "1"'],
      [undefined, 'undefined'],
    ] as const) {
      const error = thrown(() => new ShiftedBetaGeometricModel({ alpha, beta: 1 } as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`params.alpha: expected a finite number > 0, got ${shown}`);
      expect(error.path).toEqual(['params', 'alpha']);
      expect(error.received).toBe(alpha);
    }
  });

  it('rejects each bad beta with the exact message and path', () => {
    for (const [beta, shown] of [
      [0, '0'],
      [-2, '-2'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['1', 'the string "1"'],
      [null, 'null'],
    ] as const) {
      const error = thrown(() => new ShiftedBetaGeometricModel({ alpha: 1, beta } as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`params.beta: expected a finite number > 0, got ${shown}`);
      expect(error.path).toEqual(['params', 'beta']);
      expect(error.received).toBe(beta);
    }
    // The smallest positive numbers are valid.
    expect(new ShiftedBetaGeometricModel({ alpha: Number.MIN_VALUE, beta: Number.MIN_VALUE }).params.beta).toBe(
      Number.MIN_VALUE,
    );
  });

  it('missing params: reads them as undefined (no TypeError from the read)', () => {
    const error = thrown(() => new ShiftedBetaGeometricModel(undefined as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('params.alpha: expected a finite number > 0, got undefined');
    expect(error.path).toEqual(['params', 'alpha']);
    const nullError = thrown(() => new ShiftedBetaGeometricModel(null as never));
    expect(nullError.message).toBe('params.alpha: expected a finite number > 0, got undefined');
  });

  it('a throwing getter on alpha or beta becomes INVALID_INPUT naming the parameter', () => {
    const alphaError = thrown(
      () =>
        new ShiftedBetaGeometricModel({
          get alpha(): number {
            throw new Boom('no alpha');
          },
          beta: 1,
        }),
    );
    expect(alphaError.code).toBe('INVALID_INPUT');
    expect(alphaError.message).toBe('params.alpha: reading the value threw (no alpha)');
    expect(alphaError.path).toEqual(['params', 'alpha']);
    const betaError = thrown(
      () =>
        new ShiftedBetaGeometricModel({
          alpha: 1,
          get beta(): number {
            throw new Boom('no beta');
          },
        }),
    );
    expect(betaError.message).toBe('params.beta: reading the value threw (no beta)');
    expect(betaError.path).toEqual(['params', 'beta']);
  });
});

describe('period arguments', () => {
  it('survival, retentionRate and churnProbability name t in their errors', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 1, beta: 2 });
    const cases: [() => unknown, string][] = [
      [() => model.survival(-1), 't: expected a whole number ≥ 0, got -1'],
      [() => model.survival(1.5), 't: expected a whole number ≥ 0, got 1.5'],
      [() => model.retentionRate(0), 't: expected a whole number ≥ 1, got 0'],
      [() => model.retentionRate(2.5), 't: expected a whole number ≥ 0, got 2.5'],
      [() => model.churnProbability(0), 't: expected a whole number ≥ 1, got 0'],
      [() => model.churnProbability(-3), 't: expected a whole number ≥ 0, got -3'],
    ];
    for (const [run, message] of cases) {
      const error = thrown(run);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(message);
      expect(error.path).toEqual(['t']);
    }
    expect(thrown(() => model.retentionRate(0)).received).toBe(0);
  });

  it('the curves name lastPeriod in their errors', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 1, beta: 2 });
    const cases: [() => unknown, string][] = [
      [() => model.survivalCurve(-1), 'lastPeriod: expected a whole number ≥ 0, got -1'],
      [() => model.retentionCurve(0), 'lastPeriod: expected a whole number ≥ 1, got 0'],
      [() => model.retentionCurve(0.5), 'lastPeriod: expected a whole number ≥ 0, got 0.5'],
      [() => model.survivalCurve(10_000_001), 'lastPeriod: expected a whole number from 0 to 10000000, got 10000001'],
      [() => model.retentionCurve(10_000_001), 'lastPeriod: expected a whole number from 1 to 10000000, got 10000001'],
    ];
    for (const [run, message] of cases) {
      const error = thrown(run);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(message);
      expect(error.path).toEqual(['lastPeriod']);
    }
  });

  it('a curve of exactly 10^7 periods is allowed', () => {
    // α = β = 1: S(t) = 1/(t+1) exactly in the limit; the recursion's rounding stays far below 1e-9 relative.
    const curve = new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 }).survivalCurve(10_000_000);
    expect(curve.length).toBe(10_000_001);
    expect(relErr(curve[10_000_000] as number, 1 / 10_000_001)).toBeLessThan(1e-8);
  });

  it('small curves and values match the closed forms exactly', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 });
    expect(Array.from(model.survivalCurve(0))).toEqual([1]);
    expect(Array.from(model.survivalCurve(3))).toEqual([1, 0.5, 1 / 3, 0.25]);
    expect(Array.from(model.retentionCurve(3))).toEqual([0.5, 2 / 3, 0.75]);
    expect(model.retentionRate(3)).toBe(0.75);
    expect(model.churnProbability(1)).toBeCloseTo(0.5, 14);
    expect(model.churnProbability(3)).toBeCloseTo(1 / 12, 14);
    expect(model.survival(0)).toBe(1);
  });
});

describe('survival', () => {
  it('is accurate where log-gamma differences would cancel (β large)', () => {
    for (const [alpha, beta, t] of [
      [0.5, 1e6, 1000],
      [3, 1e8, 100],
      [0.5, 1e12, 10],
      [0.704, 1.182, 5],
    ] as const) {
      const model = new ShiftedBetaGeometricModel({ alpha, beta });
      expect(relErr(model.survival(t), survivalByProduct(alpha, beta, t))).toBeLessThan(1e-12);
      // And agrees with the beta-function form.
      expect(relErr(model.survival(t), Math.exp(betaln(alpha, beta + t) - betaln(alpha, beta)))).toBeLessThan(1e-12);
    }
  });

  it('subnormal α and β (betaln overflows): S(t) from log-gamma differences', () => {
    // α = 2^-1070, β = 2^-1072: α+β = 5·2^-1072 exactly, S(t) = β/(α+β) · Π_{k≥1} (β+k)/(α+β+k) = 1/5 for t ≥ 1.
    const alpha = 2 ** -1070;
    const beta = 2 ** -1072;
    expect(Number.isFinite(betaln(alpha, beta))).toBe(false);
    const model = new ShiftedBetaGeometricModel({ alpha, beta });
    expect(relErr(model.survival(0), 1)).toBeLessThan(1e-12);
    for (const t of [1, 2, 3, 7]) expect(relErr(model.survival(t), 0.2)).toBeLessThan(1e-12);
    // α = β = 2^-1070: S(t) = 1/2 for t ≥ 1.
    const equal = new ShiftedBetaGeometricModel({ alpha: 2 ** -1070, beta: 2 ** -1070 });
    expect(relErr(equal.survival(3), 0.5)).toBeLessThan(1e-12);
    expect(relErr(equal.survival(0), 1)).toBeLessThan(1e-12);
  });

  it('α = the smallest double and β = 1: S(t) = 1 to double precision', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: Number.MIN_VALUE, beta: 1 });
    expect(model.survival(1)).toBeCloseTo(1, 14);
    expect(model.survival(4)).toBeCloseTo(1, 14);
  });
});

describe('derl and retentionElasticity', () => {
  it('match brute-force sums of S(t)/S(n−1)·(1+d)^−(t−n)', () => {
    for (const [alpha, beta, d, n] of [
      [3.8, 15.2, 0.1, 1],
      [3.8, 15.2, 0.1, 3],
      [0.704, 1.182, 0.05, 1],
      [0.704, 1.182, 0.05, 5],
    ] as const) {
      const model = new ShiftedBetaGeometricModel({ alpha, beta });
      const { derl, moment } = derlSums(alpha, beta, d, n);
      const options = n === 1 ? { discountRate: d } : { discountRate: d, renewals: n };
      expect(relErr(model.derl(options), derl)).toBeLessThan(1e-10);
      expect(relErr(model.retentionElasticity(options), 1 + moment / derl)).toBeLessThan(1e-10);
    }
    // The documented values.
    const model = new ShiftedBetaGeometricModel({ alpha: 3.8, beta: 15.2 });
    expect(model.retentionElasticity({ discountRate: 0.1 })).toBeCloseTo(4.5164, 4);
    expect(model.retentionElasticity({ discountRate: 0.1, renewals: 1 })).toBeCloseTo(4.5164, 4);
    expect(model.derl({ discountRate: 0.1 })).toBeCloseTo(3.3098, 4);
  });

  it('reject bad options', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 3.8, beta: 15.2 });
    expect(thrown(() => model.retentionElasticity({ discountRate: -1 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => model.retentionElasticity({ discountRate: 0 })).code).toBe('DIVERGENT');
  });
});

describe('fitShiftedBetaGeometric: cohort form', () => {
  it('log-likelihood, parameters and observations on Fader & Hardie’s regular segment', () => {
    const survivors = regular();
    const fit = fitShiftedBetaGeometric(survivors);
    const { alpha, beta } = fit.params;
    let ll = 0;
    for (let t = 1; t <= 7; t++) {
      ll +=
        ((survivors[t - 1] as number) - (survivors[t] as number)) *
        (betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta));
    }
    ll += (survivors[7] as number) * (betaln(alpha, beta + 7) - betaln(alpha, beta));
    expect(fit.logLikelihood as number).toBeCloseTo(ll, 8);
    expect(alpha).toBeCloseTo(0.704, 3);
    expect(beta).toBeCloseTo(1.182, 2);
    expect(fit.observations).toBe(1000);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
  });

  it('rejects non-iterable data, naming survivors', () => {
    for (const [data, shown] of [
      [42, '42'],
      [null, 'null'],
      [undefined, 'undefined'],
      ['abc', 'the string "abc"'],
      [true, 'true'],
    ] as const) {
      const error = thrown(() => fitShiftedBetaGeometric(data as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`survivors: expected an array or iterable of records, got ${shown}`);
      expect(error.path).toEqual(['survivors']);
    }
  });

  it('too few periods', () => {
    const none = thrown(() => fitShiftedBetaGeometric([]));
    expect(none.code).toBe('EMPTY_INPUT');
    expect(none.message).toBe('survivors: expected at least 2 periods, got none');
    expect(none.path).toEqual(['survivors']);
    const one = thrown(() => fitShiftedBetaGeometric([1000]));
    expect(one.code).toBe('INVALID_INPUT');
    expect(one.message).toBe('survivors: expected at least 2 periods, got 1');
    expect(one.path).toEqual(['survivors']);
  });

  it('a throwing element getter names survivors[i]', () => {
    const survivors = [1000, 500, 200];
    Object.defineProperty(survivors, 1, {
      get(): number {
        throw new Boom('element');
      },
    });
    const error = thrown(() => fitShiftedBetaGeometric(survivors));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('survivors[1]: reading the value threw (element)');
    expect(error.path).toEqual(['survivors', 1]);
  });

  it('increasing counts: the message names the previous count', () => {
    const error = thrown(() => fitShiftedBetaGeometric([1000, 600, 650, 100]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      "survivors[2]: expected a count ≤ the previous period's 600 (survivors cannot increase), got 650",
    );
    expect(error.path).toEqual(['survivors', 2]);
    expect(error.index).toBe(2);
    expect(error.received).toBe(650);
    // Equal counts are fine (no churn in that period).
    expect(fitShiftedBetaGeometric([1000, 600, 600, 500]).observations).toBe(1000);
  });

  it('a cohort of size 0', () => {
    const error = thrown(() => fitShiftedBetaGeometric([0, 0]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('survivors[0]: expected a cohort size > 0, got 0');
    expect(error.path).toEqual(['survivors', 0]);
    expect(error.received).toBe(0);
  });

  it('no churn: DOMAIN_ERROR with its message and path', () => {
    const error = thrown(() => fitShiftedBetaGeometric([100, 100, 100]));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe(
      'survivors: no customer churned, so the churn distribution cannot be estimated (the likelihood grows without bound as churn → 0)',
    );
    expect(error.path).toEqual(['survivors']);
  });

  it('strict mode names the function in NOT_CONVERGED', () => {
    const error = thrown(() => fitShiftedBetaGeometric([100, 0], { strict: true }));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message.startsWith('fitShiftedBetaGeometric: the fit did not converge (')).toBe(true);
  });
});

describe('fitShiftedBetaGeometric: individual form', () => {
  it('log-likelihood of pooled, censored data equals the betaln sum', () => {
    // Churn at 1, 2 and 4 (none at 3); censored at 0, 2, 3 and 5.
    const durations = [1, 1, 1, 2, 2, 4, 0, 2, 3, 3, 5, 1, 4, 2, 5];
    const censored = [false, false, false, false, false, false, true, true, true, true, true, false, false, true, true];
    const fit = fitShiftedBetaGeometric({ durations, censored });
    const { alpha, beta } = fit.params;
    let ll = 0;
    durations.forEach((d, i) => {
      ll += censored[i]
        ? betaln(alpha, beta + d) - betaln(alpha, beta)
        : betaln(alpha + 1, beta + d - 1) - betaln(alpha, beta);
    });
    expect(fit.logLikelihood as number).toBeCloseTo(ll, 9);
    expect(fit.observations).toBe(15);
    // A maximum: no nearby parameters do better.
    for (const [da, db] of [
      [1.001, 1],
      [0.999, 1],
      [1, 1.001],
      [1, 0.999],
    ] as const) {
      let perturbed = 0;
      const a = alpha * da;
      const b = beta * db;
      durations.forEach((d, i) => {
        perturbed += censored[i] ? betaln(a, b + d) - betaln(a, b) : betaln(a + 1, b + d - 1) - betaln(a, b);
      });
      expect(perturbed).toBeLessThan(fit.logLikelihood as number);
    }
  });

  it('rejects non-iterable durations or censored, naming each', () => {
    const d = thrown(() => fitShiftedBetaGeometric({ durations: 42, censored: [true] } as never));
    expect(d.code).toBe('INVALID_INPUT');
    expect(d.message).toBe('durations: expected an array or iterable of records, got 42');
    expect(d.path).toEqual(['durations']);
    const c = thrown(() => fitShiftedBetaGeometric({ durations: [1], censored: 7 } as never));
    expect(c.code).toBe('INVALID_INPUT');
    expect(c.message).toBe('censored: expected an array or iterable of records, got 7');
    expect(c.path).toEqual(['censored']);
  });

  it('mismatched lengths', () => {
    const error = thrown(() => fitShiftedBetaGeometric({ durations: [1, 2], censored: [false] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('censored: expected as many entries as durations (2), got 1');
    expect(error.path).toEqual(['censored']);
    const longer = thrown(() => fitShiftedBetaGeometric({ durations: [1], censored: [false, true] }));
    expect(longer.message).toBe('censored: expected as many entries as durations (1), got 2');
  });

  it('no customers', () => {
    const error = thrown(() => fitShiftedBetaGeometric({ durations: [], censored: [] }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toBe('durations: expected at least 1 customer, got none');
    expect(error.path).toEqual(['durations']);
  });

  it('bad entries: exact messages and paths', () => {
    const cases: [unknown[], unknown[], string, (string | number)[]][] = [
      [[1, 2], [false, 'yes'], 'censored[1]: expected a boolean, got the string "yes"', ['censored', 1]],
      [[1, 1.5], [false, false], 'durations[1]: expected a whole number ≥ 0, got 1.5', ['durations', 1]],
      [
        [1, 0],
        [false, false],
        'durations[1]: expected a whole number ≥ 1 for a churned customer, got 0',
        ['durations', 1],
      ],
      [
        [1, 10_000_001],
        [false, true],
        'durations[1]: expected a whole number ≤ 10,000,000, got 10000001',
        ['durations', 1],
      ],
    ];
    for (const [durations, censored, message, path] of cases) {
      const error = thrown(() => fitShiftedBetaGeometric({ durations, censored } as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(message);
      expect(error.path).toEqual(path);
    }
  });

  it('a duration of exactly 10^7 is accepted (here: no churn, so DOMAIN_ERROR)', () => {
    const error = thrown(() => fitShiftedBetaGeometric({ durations: [10_000_000], censored: [true] }));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.path).toEqual(['survivors']);
  });

  it('a throwing element getter names durations[i]', () => {
    const durations = [1, 2, 3];
    Object.defineProperty(durations, 2, {
      get(): number {
        throw new Boom('duration');
      },
    });
    const error = thrown(() => fitShiftedBetaGeometric({ durations, censored: [false, false, true] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('durations[2]: reading the value threw (duration)');
    expect(error.path).toEqual(['durations', 2]);
  });

  it('a data object whose `in` check throws escapes unchanged (not a CrmAnalyticsError)', () => {
    const boom = new Boom('has');
    const data = new Proxy([1000, 500], {
      has(): boolean {
        throw boom;
      },
    });
    let caught: unknown;
    try {
      fitShiftedBetaGeometric(data);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
  });
});

describe('fitShiftedBetaGeometricCohorts', () => {
  it('rejects non-iterable or empty cohorts', () => {
    const error = thrown(() => fitShiftedBetaGeometricCohorts(42 as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('cohorts: expected an array or iterable of records, got 42');
    expect(error.path).toEqual(['cohorts']);
    const empty = thrown(() => fitShiftedBetaGeometricCohorts([]));
    expect(empty.code).toBe('EMPTY_INPUT');
    expect(empty.message).toBe('cohorts: expected at least 1 cohort, got none');
    expect(empty.path).toEqual(['cohorts']);
  });

  it('a bad label names the first cohort that has one', () => {
    const rows = [
      { cohort: 'a', survivors: [10, 5] },
      { cohort: 2, survivors: [10, 5] },
      { cohort: true, survivors: [10, 5] },
      { cohort: null, survivors: [10, 5] },
    ];
    const error = thrown(() => fitShiftedBetaGeometricCohorts(rows as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('cohorts[2].cohort: expected a string or number label, got an object');
    expect(error.path).toEqual(['cohorts', 2, 'cohort']);
    expect(error.index).toBe(2);
    expect(error.received).toBe(rows[2]);
    const missing = thrown(() => fitShiftedBetaGeometricCohorts([{ survivors: [10, 5] }] as never));
    expect(missing.message).toBe('cohorts[0].cohort: expected a string or number label, got an object');
  });

  it('a throwing label getter becomes INVALID_INPUT naming cohorts', () => {
    const row = {
      get cohort(): string {
        throw new Boom('label');
      },
      survivors: [10, 5],
    };
    const error = thrown(() => fitShiftedBetaGeometricCohorts([row]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('cohorts: reading the value threw (label)');
    expect(error.path).toEqual(['cohorts']);
  });

  it('errors of one cohort are wrapped with its index, path, received value and cause', () => {
    const error = thrown(() =>
      fitShiftedBetaGeometricCohorts([
        { cohort: 1, survivors: [10, 5] },
        { cohort: 2, survivors: [10, 11] },
      ]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      "cohorts[1].survivors[1]: expected a count ≤ the previous period's 10 (survivors cannot increase), got 11",
    );
    expect(error.path).toEqual(['cohorts', 1, 'survivors', 1]);
    expect(error.index).toBe(1);
    expect(error.received).toBe(11);
    expect(error.cause).toBeInstanceOf(CrmAnalyticsError);
    expect((error.cause as CrmAnalyticsError).path).toEqual(['survivors', 1]);
  });

  it('option errors are not wrapped', () => {
    const error = thrown(() =>
      fitShiftedBetaGeometricCohorts([{ cohort: 1, survivors: [10, 5] }], { maxIterations: 0 }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message.startsWith('options.maxIterations: ')).toBe(true);
    expect(error.path).toEqual(['options', 'maxIterations']);
    expect(error.cause).toBeUndefined();
  });

  it('an error that is not a CrmAnalyticsError is rethrown unchanged', () => {
    const boom = new Boom('has');
    const survivors = new Proxy([10, 5], {
      has(): boolean {
        throw boom;
      },
    });
    let caught: unknown;
    try {
      fitShiftedBetaGeometricCohorts([{ cohort: 'x', survivors }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
  });

  it('fits each cohort in order with its label', () => {
    const fits = fitShiftedBetaGeometricCohorts([
      { cohort: 'regular', survivors: regular() },
      { cohort: 7, survivors: [1000, 869, 743, 653, 593, 551, 517, 491] },
    ]);
    expect(fits.map((f) => f.cohort)).toEqual(['regular', 7]);
    expect(fits[0]?.model.params.alpha).toBeCloseTo(0.704, 3);
    expect(fits[1]?.model.params.alpha).toBeCloseTo(0.668, 3);
  });
});
