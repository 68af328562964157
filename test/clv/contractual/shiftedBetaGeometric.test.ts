import betaln from '@stdlib/math-base-special-betaln';
import { describe, expect, it } from 'vitest';
import {
  fitShiftedBetaGeometric,
  fitShiftedBetaGeometricCohorts,
  ShiftedBetaGeometricModel,
} from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';
import { simulateSbgDurations, survivorsFromDurations } from './helpers.js';

// Fader & Hardie (2007), "How to project customer retention", Table 1: % surviving, years 0–12 (per 1,000 customers).
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

const sig3 = (x: number): number => Number(x.toPrecision(3));
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

describe('fitShiftedBetaGeometric on Fader & Hardie (2007) (years 0–7)', () => {
  // Fitted inside each test (not in the describe body), so mutation testing relates the fit to the tests.
  const fitRegular = (): ReturnType<typeof fitShiftedBetaGeometric> => fitShiftedBetaGeometric(REGULAR.slice(0, 8));
  const fitHighEnd = (): ReturnType<typeof fitShiftedBetaGeometric> => fitShiftedBetaGeometric(HIGH_END.slice(0, 8));

  it('regular segment: α = 0.704, β = 1.182 to 3 significant figures', () => {
    const regular = fitRegular();
    expect(sig3(regular.params.alpha)).toBe(0.704);
    expect(sig3(regular.params.beta)).toBe(1.18);
    expect(regular.params.beta).toBeCloseTo(1.182, 3);
    expect(regular.converged).toBe(true);
  });

  it('high-end segment: α = 0.668, β = 3.806 to 3 significant figures', () => {
    const highEnd = fitHighEnd();
    expect(sig3(highEnd.params.alpha)).toBe(0.668);
    expect(sig3(highEnd.params.beta)).toBe(3.81);
    expect(highEnd.params.beta).toBeCloseTo(3.806, 3);
    expect(highEnd.converged).toBe(true);
  });

  it('projects years 8–12 close to the published actuals (regular within 3.5, high end within 16.5 per 1,000)', () => {
    const regular = fitRegular();
    const highEnd = fitHighEnd();
    // Model projections (per 1,000) vs actual: the paper's Figure 3 shows the same slight under-projection.
    const projectedRegular = Array.from(regular.survivalCurve(12)).map((s) => s * 1000);
    const projectedHighEnd = Array.from(highEnd.survivalCurve(12)).map((s) => s * 1000);
    for (let t = 8; t <= 12; t++) {
      expect(Math.abs((projectedRegular[t] as number) - (REGULAR[t] as number))).toBeLessThan(3.5);
      expect(Math.abs((projectedHighEnd[t] as number) - (HIGH_END[t] as number))).toBeLessThan(16.5);
    }
    expect(projectedRegular.slice(8).map((v) => Math.round(v))).toEqual([220, 204, 191, 180, 170]);
    expect(projectedHighEnd.slice(8).map((v) => Math.round(v))).toEqual([460, 436, 414, 395, 378]);
  });

  it('has the log-likelihood of its own parameters, and standard errors from the Hessian', () => {
    const regular = fitRegular();
    const { alpha, beta } = regular.params;
    // Independent evaluation with betaln: Σ (n_{t−1} − n_t) log P(T = t) + n_7 log S(7).
    let ll = 0;
    for (let t = 1; t <= 7; t++) {
      ll +=
        ((REGULAR[t - 1] as number) - (REGULAR[t] as number)) * (betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta));
    }
    ll += (REGULAR[7] as number) * (betaln(alpha, beta + 7) - betaln(alpha, beta));
    expect(regular.logLikelihood).toBeCloseTo(ll, 8);
    expect(regular.standardErrors).not.toBeNull();
    expect(regular.standardErrors?.alpha).toBeGreaterThan(0.03);
    expect(regular.standardErrors?.alpha).toBeLessThan(0.15);
    expect(regular.confidenceIntervals?.alpha.lower).toBeLessThan(regular.params.alpha);
    expect(regular.confidenceIntervals?.alpha.upper).toBeGreaterThan(regular.params.alpha);
    expect(regular.observations).toBe(1000);
  });

  it('standard errors equal the inverse observed information computed in the natural parameters', () => {
    const regular = fitRegular();
    const ll = (a: number, b: number): number => {
      let v = 0;
      for (let t = 1; t <= 7; t++) {
        v += ((REGULAR[t - 1] as number) - (REGULAR[t] as number)) * (betaln(a + 1, b + t - 1) - betaln(a, b));
      }
      return v + (REGULAR[7] as number) * (betaln(a, b + 7) - betaln(a, b));
    };
    const { alpha: a, beta: b } = regular.params;
    const h = 1e-4;
    const haa = (ll(a + h, b) - 2 * ll(a, b) + ll(a - h, b)) / (h * h);
    const hbb = (ll(a, b + h) - 2 * ll(a, b) + ll(a, b - h)) / (h * h);
    const hab = (ll(a + h, b + h) - ll(a + h, b - h) - ll(a - h, b + h) + ll(a - h, b - h)) / (4 * h * h);
    // Covariance = (−H)⁻¹ for the 2×2 observed information.
    const det = haa * hbb - hab * hab;
    const seAlpha = Math.sqrt(-hbb / det);
    const seBeta = Math.sqrt(-haa / det);
    expect(relErr(regular.standardErrors?.alpha as number, seAlpha)).toBeLessThan(0.01);
    expect(relErr(regular.standardErrors?.beta as number, seBeta)).toBeLessThan(0.01);
  });

  it('no perturbation of the fitted parameters beats the fitted log-likelihood', () => {
    const regular = fitRegular();
    const ll = regular.logLikelihood as number;
    for (const [da, db] of [
      [1.01, 1],
      [0.99, 1],
      [1, 1.01],
      [1, 0.99],
      [1.01, 1.01],
    ]) {
      const m = new ShiftedBetaGeometricModel({
        alpha: regular.params.alpha * (da as number),
        beta: regular.params.beta * (db as number),
      });
      let perturbed = 0;
      const curve = m.survivalCurve(7);
      for (let t = 1; t <= 7; t++)
        perturbed += ((REGULAR[t - 1] as number) - (REGULAR[t] as number)) * Math.log(m.churnProbability(t));
      perturbed += (REGULAR[7] as number) * Math.log(curve[7] as number);
      expect(perturbed).toBeLessThan(ll);
    }
  });
});

describe('ShiftedBetaGeometricModel curves', () => {
  const makeModel = (): ShiftedBetaGeometricModel => new ShiftedBetaGeometricModel({ alpha: 0.704, beta: 1.182 });

  it('survival, churn probability and retention agree with the beta-function forms', () => {
    const model = makeModel();
    for (let t = 1; t <= 20; t++) {
      const s = Math.exp(betaln(0.704, 1.182 + t) - betaln(0.704, 1.182));
      expect(model.survival(t)).toBeCloseTo(s, 12);
      expect(model.survivalCurve(20)[t]).toBeCloseTo(s, 12);
      expect(model.churnProbability(t)).toBeCloseTo(model.survival(t - 1) - model.survival(t), 12);
      expect(model.retentionRate(t)).toBeCloseTo(model.survival(t) / model.survival(t - 1), 12);
      expect(model.retentionCurve(20)[t - 1]).toBeCloseTo(model.retentionRate(t), 12);
    }
    expect(model.survival(0)).toBe(1);
  });

  it('a model from given parameters has no fit information', () => {
    const model = makeModel();
    expect(model.logLikelihood).toBeNull();
    expect(model.standardErrors).toBeNull();
    expect(model.confidenceIntervals).toBeNull();
    expect(model.iterations).toBe(0);
  });

  it('rejects bad periods and parameters', () => {
    const model = makeModel();
    expectCode(() => model.survival(-1), 'INVALID_INPUT');
    expectCode(() => model.survival(1.5), 'INVALID_INPUT');
    expectCode(() => model.retentionRate(0), 'INVALID_INPUT');
    expectCode(() => model.churnProbability(0), 'INVALID_INPUT');
    expectCode(() => new ShiftedBetaGeometricModel({ alpha: 0, beta: 1 }), 'INVALID_INPUT');
    expectCode(() => new ShiftedBetaGeometricModel({ alpha: 1, beta: Number.NaN }), 'INVALID_INPUT');
  });

  test.prop([
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.integer({ min: 1, max: 200 }),
  ])('survival is in [0, 1] and non-increasing', (alpha, beta, last) => {
    const curve = new ShiftedBetaGeometricModel({ alpha, beta }).survivalCurve(last);
    for (let t = 0; t <= last; t++) {
      expect(curve[t]).toBeGreaterThanOrEqual(0);
      expect(curve[t]).toBeLessThanOrEqual(1);
      if (t > 0) expect(curve[t] as number).toBeLessThanOrEqual(curve[t - 1] as number);
    }
  });

  test.prop([
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.integer({ min: 2, max: 200 }),
  ])('retention rates increase with tenure (the sorting effect)', (alpha, beta, last) => {
    const r = new ShiftedBetaGeometricModel({ alpha, beta }).retentionCurve(last);
    for (let t = 1; t < last; t++) expect(r[t] as number).toBeGreaterThan(r[t - 1] as number);
  });
});

describe('individual (durations) form', () => {
  it('equals the cohort fit when every customer is observed for the same periods', () => {
    const durations: number[] = [];
    const censored: boolean[] = [];
    for (let t = 1; t <= 7; t++) {
      const churned = (REGULAR[t - 1] as number) - (REGULAR[t] as number);
      for (let k = 0; k < churned; k++) {
        durations.push(t);
        censored.push(false);
      }
    }
    for (let k = 0; k < (REGULAR[7] as number); k++) {
      durations.push(7);
      censored.push(true);
    }
    const individual = fitShiftedBetaGeometric({ durations, censored });
    const cohort = fitShiftedBetaGeometric(REGULAR.slice(0, 8));
    expect(individual.params.alpha).toBeCloseTo(cohort.params.alpha, 5);
    expect(individual.params.beta).toBeCloseTo(cohort.params.beta, 5);
    expect(individual.logLikelihood as number).toBeCloseTo(cohort.logLikelihood as number, 6);
    expect(individual.observations).toBe(1000);
  });

  it('pools cohorts of different ages (right-censoring at each one’s age)', () => {
    const all = simulateSbgDurations(1.2, 2.5, 6000, 7);
    const durations: number[] = [];
    const censored: boolean[] = [];
    all.forEach((d, i) => {
      const age = 2 + (i % 9); // cohorts observed for 2 to 10 periods
      durations.push(Math.min(d, age));
      censored.push(d > age);
    });
    const fit = fitShiftedBetaGeometric({ durations, censored });
    expect(fit.params.alpha).toBeGreaterThan(1.2 * 0.75);
    expect(fit.params.alpha).toBeLessThan(1.2 * 1.33);
    expect(fit.params.beta).toBeGreaterThan(2.5 * 0.75);
    expect(fit.params.beta).toBeLessThan(2.5 * 1.33);
  });
});

describe('parameter recovery on simulated cohorts', () => {
  test.prop(
    [
      fc.double({ min: 0.5, max: 3, noNaN: true }),
      fc.double({ min: 0.5, max: 5, noNaN: true }),
      fc.integer({ min: 1, max: 1e6 }),
    ],
    {
      numRuns: 15,
    },
  )('recovers the survival curve of a cohort of 20,000 observed for 12 periods', (alpha, beta, seed) => {
    const durations = simulateSbgDurations(alpha, beta, 20_000, seed);
    const fit = fitShiftedBetaGeometric(survivorsFromDurations(durations, 12));
    const truth = new ShiftedBetaGeometricModel({ alpha, beta }).survivalCurve(24);
    const fitted = fit.survivalCurve(24);
    for (let t = 1; t <= 24; t++) expect(Math.abs((fitted[t] as number) - (truth[t] as number))).toBeLessThan(0.02);
    // The mean churn probability α/(α+β) is well determined even when α and β move together.
    expect(fit.params.alpha / (fit.params.alpha + fit.params.beta)).toBeCloseTo(alpha / (alpha + beta), 1);
  });
});

describe('fitShiftedBetaGeometricCohorts', () => {
  it('fits each cohort separately, in order', () => {
    const fits = fitShiftedBetaGeometricCohorts([
      { cohort: 'regular', survivors: REGULAR.slice(0, 8) },
      { cohort: 'high end', survivors: HIGH_END.slice(0, 8) },
    ]);
    expect(fits.map((f) => f.cohort)).toEqual(['regular', 'high end']);
    expect(sig3(fits[0]?.model.params.alpha as number)).toBe(0.704);
    expect(sig3(fits[1]?.model.params.alpha as number)).toBe(0.668);
  });

  it('names the cohort in errors', () => {
    const error = expectCode(
      () =>
        fitShiftedBetaGeometricCohorts([
          { cohort: 1, survivors: [10, 5] },
          { cohort: 2, survivors: [10, 11] },
        ]),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('cohorts[1].survivors[1]');
    expectCode(() => fitShiftedBetaGeometricCohorts([]), 'EMPTY_INPUT');
  });
});

describe('bad input', () => {
  it('survivor counts that increase', () => {
    const error = expectCode(() => fitShiftedBetaGeometric([1000, 600, 650]), 'INVALID_INPUT');
    expect(error.message).toContain('survivors[2]');
  });
  it('negative counts', () => {
    const error = expectCode(() => fitShiftedBetaGeometric([1000, -5]), 'INVALID_INPUT');
    expect(error.message).toBe('survivors[1]: expected a finite number ≥ 0, got -5');
  });
  it('non-finite counts', () => {
    expectCode(() => fitShiftedBetaGeometric([1000, Number.NaN]), 'INVALID_INPUT');
  });
  it('empty, single-period and zero-size cohorts', () => {
    expectCode(() => fitShiftedBetaGeometric([]), 'EMPTY_INPUT');
    expectCode(() => fitShiftedBetaGeometric([1000]), 'INVALID_INPUT');
    expectCode(() => fitShiftedBetaGeometric([0, 0]), 'INVALID_INPUT');
  });
  it('a maximum at the edge of the parameter space is reported as not converged (strict: NOT_CONVERGED)', () => {
    // Half the cohort leaves at once and nobody after: θ is 0 or 1, α and β → 0.
    const bimodal = fitShiftedBetaGeometric([100, 50, 50]);
    expect(bimodal.converged).toBe(false);
    expect(bimodal.reason).toContain('edge of the parameter space');
    // No churn, then half: no heterogeneity to estimate (α, β → ∞).
    expect(fitShiftedBetaGeometric([100, 100, 50]).converged).toBe(false);
    expectCode(() => fitShiftedBetaGeometric([100, 0], { strict: true }), 'NOT_CONVERGED');
  });
  it('a cohort where nobody churned cannot be fitted', () => {
    expectCode(() => fitShiftedBetaGeometric([100, 100, 100]), 'DOMAIN_ERROR');
  });
  it('bad durations', () => {
    expectCode(() => fitShiftedBetaGeometric({ durations: [1, 2], censored: [false] }), 'INVALID_INPUT');
    expectCode(() => fitShiftedBetaGeometric({ durations: [0], censored: [false] }), 'INVALID_INPUT');
    expectCode(() => fitShiftedBetaGeometric({ durations: [1.5], censored: [false] }), 'INVALID_INPUT');
    expectCode(() => fitShiftedBetaGeometric({ durations: [-1], censored: [true] }), 'INVALID_INPUT');
    expectCode(
      () => fitShiftedBetaGeometric({ durations: [1], censored: ['yes' as unknown as boolean] }),
      'INVALID_INPUT',
    );
    expectCode(() => fitShiftedBetaGeometric({ durations: [], censored: [] }), 'EMPTY_INPUT');
  });
  it('bad options', () => {
    expectCode(() => fitShiftedBetaGeometric(REGULAR, { maxIterations: 0 }), 'INVALID_OPTION');
    expectCode(() => fitShiftedBetaGeometric(REGULAR, { bogus: 1 } as never), 'INVALID_OPTION');
  });
});

describe('purity', () => {
  it('does not mutate its input', () => {
    const survivors = REGULAR.slice(0, 8);
    const copy = [...survivors];
    fitShiftedBetaGeometric(survivors);
    expect(survivors).toEqual(copy);
    const data = { durations: [1, 2, 3], censored: [false, true, false] };
    const dataCopy = structuredClone(data);
    fitShiftedBetaGeometric(data);
    expect(data).toEqual(dataCopy);
  });
  it('accepts typed arrays and iterables', () => {
    const a = fitShiftedBetaGeometric(Float64Array.from(REGULAR.slice(0, 8)));
    const b = fitShiftedBetaGeometric(new Set(REGULAR.slice(0, 8)));
    expect(a.params.alpha).toBeCloseTo(b.params.alpha, 12);
  });
});
