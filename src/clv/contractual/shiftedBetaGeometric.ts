/**
 * The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007): each customer churns at the
 * end of every contract period with her own probability θ, and θ varies across customers as Beta(α, β).
 * @module
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import * as z from 'zod';
import { CrmAnalyticsError } from '../../core/errors.js';
import { emptyInput, invalidValue, invalidWithReason } from '../../core/messages.js';
import {
  expectNonNegative,
  expectNonNegativeInteger,
  inputReadError,
  parseOptions,
  readingInput,
  recordAt,
  toRecordArray,
} from '../../core/validate.js';
import {
  type DerlOptions,
  derlKernel,
  derlOptionsSchema,
  elasticityKernel,
  type ShiftedBetaGeometricParams,
} from './derl.js';
import {
  type ContractualFitInfo,
  type ContractualFitOptions,
  contractualFitOptionsSchema,
  fitPositiveParameters,
  logScaleIntervals,
  type PositiveInterval,
} from './shared.js';

/** Per-customer input of the individual form: how long each customer has been (or was) a customer. */
export interface ShiftedBetaGeometricDurations {
  /**
   * Whole contract periods: for a churned customer the period in which she left (1 = did not renew after the first
   * period); for a censored (still active) customer the number of periods she has completed so far (≥ 0).
   */
  durations: ArrayLike<number>;
  /** `true` for customers still active (right-censored), `false` for churned ones; same length as `durations`. */
  censored: ArrayLike<boolean>;
}

/** The JSON form of a fitted {@link ShiftedBetaGeometricModel} (see {@link loadContractualModel}). */
export interface ShiftedBetaGeometricJson {
  model: 'shifted-beta-geometric';
  version: 1;
  params: ShiftedBetaGeometricParams;
  logLikelihood: number | null;
  converged: boolean;
  iterations: number;
  reason: string;
  standardErrors: ShiftedBetaGeometricParams | null;
  observations: number;
}

const PARAM_NAMES = ['alpha', 'beta'] as const;

function checkPeriod(t: unknown, name: string, minimum: number): number {
  const value = expectNonNegativeInteger(t, [name]);
  if (value < minimum) throw invalidValue([name], `a whole number ≥ ${minimum}`, t);
  return value;
}

/** Longest curve returned (10^7 periods, 80 MB): a larger length is almost surely a unit mistake, not a request. */
const MAX_CURVE_PERIODS = 10_000_000;

function checkCurveLength(t: unknown, name: string, minimum: number): number {
  const value = checkPeriod(t, name, minimum);
  if (value > MAX_CURVE_PERIODS)
    throw invalidValue([name], `a whole number from ${minimum} to ${MAX_CURVE_PERIODS}`, t);
  return value;
}

/**
 * A shifted-beta-geometric model: survival and retention curves, their projection, DERL and retention elasticity.
 * Built by {@link fitShiftedBetaGeometric}, by {@link loadContractualModel}, or directly from known parameters
 * (`new ShiftedBetaGeometricModel({ alpha, beta })`, with no fit information).
 *
 * Time is counted in contract periods: t = 0 is the start (everyone active), S(t) the share still active after t
 * renewal decisions.
 *
 * Reference: Fader, P. S. & Hardie, B. G. S. (2007), J. Interactive Marketing 21(1), 76–90, doi:10.1002/dir.20074.
 * @example
 * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
 * const highEnd = new ShiftedBetaGeometricModel({ alpha: 0.668, beta: 3.806 });
 * Math.round(highEnd.survival(12) * 1000); // => 378
 * highEnd.standardErrors; // => null
 */
export class ShiftedBetaGeometricModel {
  /** The fitted (or given) parameters. */
  readonly params: Readonly<ShiftedBetaGeometricParams>;
  /** Maximized log-likelihood, `null` when the model was built from given parameters. */
  readonly logLikelihood: number | null;
  /** Whether the optimizer met its tolerance (`true` for given parameters). */
  readonly converged: boolean;
  /** Optimizer iterations (0 for given parameters). */
  readonly iterations: number;
  /** Why the optimizer stopped. */
  readonly reason: string;
  /** Standard errors from the inverse Hessian, `null` when unavailable. */
  readonly standardErrors: Readonly<ShiftedBetaGeometricParams> | null;
  /** 95% intervals computed on the log scale, `null` when there are no standard errors. */
  readonly confidenceIntervals: Readonly<Record<'alpha' | 'beta', PositiveInterval>> | null;
  /** Customers (initial cohort size, or number of durations) the model was fitted on; 0 for given parameters. */
  readonly observations: number;

  /**
   * @param params - `{ alpha, beta }`, both finite and > 0
   * @param fit - the fit's outcome; omit for a model from known parameters
   * @throws {CrmAnalyticsError} `INVALID_INPUT` for bad parameters
   */
  constructor(params: ShiftedBetaGeometricParams, fit?: ContractualFitInfo<'alpha' | 'beta'> | null) {
    const alpha = readingInput(['params', 'alpha'], () => params?.alpha);
    const beta = readingInput(['params', 'beta'], () => params?.beta);
    if (typeof alpha !== 'number' || !(alpha > 0) || !Number.isFinite(alpha)) {
      throw invalidValue(['params', 'alpha'], 'a finite number > 0', alpha);
    }
    if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) {
      throw invalidValue(['params', 'beta'], 'a finite number > 0', beta);
    }
    this.params = Object.freeze({ alpha, beta });
    this.logLikelihood = fit ? fit.logLikelihood : null;
    this.converged = fit ? fit.converged : true;
    this.iterations = fit ? fit.iterations : 0;
    this.reason = fit ? fit.reason : 'parameters given';
    this.standardErrors = fit?.standardErrors ? Object.freeze({ ...fit.standardErrors }) : null;
    this.confidenceIntervals = logScaleIntervals(this.params, this.standardErrors);
    this.observations = fit ? fit.observations : 0;
  }

  /**
   * Survival function S(t) = B(α, β+t)/B(α, β): the share of a new cohort still active after t periods
   * (Fader & Hardie 2007, eq. 7).
   * @param t - whole number of periods ≥ 0
   * @returns S(t) in [0, 1]
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when t is not a whole number ≥ 0
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * new ShiftedBetaGeometricModel({ alpha: 0.704, beta: 1.182 }).survival(1); // => 0.627
   */
  survival(t: number): number {
    const periods = checkPeriod(t, 't', 0);
    const { alpha, beta } = this.params;
    const logSurvival = betaln(alpha, beta + periods) - betaln(alpha, beta);
    if (Number.isFinite(logSurvival)) return Math.exp(logSurvival);
    // α subnormal: stdlib betaln(α, b) returns ∞ for small b (−ln α ≈ 744 is the true value) but not for large b, so
    // the difference is NaN or −∞. Γ(α) cancels in the ratio: take the log-gamma differences instead.
    // Grouped so that each pair of near-equal log-gammas cancels before anything else is added.
    return Math.exp(
      gammaln(beta + periods) - gammaln(alpha + beta + periods) - (gammaln(beta) - gammaln(alpha + beta)),
    );
  }

  /**
   * Retention rate in period t, r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1): the share of those active at t − 1 who
   * renew at t. It rises with t (the sorting effect of heterogeneity), toward 1.
   * @param t - whole number of periods ≥ 1
   * @returns r(t) in (0, 1)
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when t is not a whole number ≥ 1
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * new ShiftedBetaGeometricModel({ alpha: 0.704, beta: 1.182 }).retentionRate(2); // => 0.7561
   */
  retentionRate(t: number): number {
    const periods = checkPeriod(t, 't', 1);
    const { alpha, beta } = this.params;
    return (beta + periods - 1) / (alpha + beta + periods - 1);
  }

  /**
   * Probability that a new customer's last period is t, P(T = t) = B(α+1, β+t−1)/B(α, β) (Fader & Hardie 2007, eq. 6).
   * @param t - whole number of periods ≥ 1
   * @returns P(T = t) in [0, 1]
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when t is not a whole number ≥ 1
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 }).churnProbability(1); // => 0.5
   */
  churnProbability(t: number): number {
    const periods = checkPeriod(t, 't', 1);
    const { alpha, beta } = this.params;
    return Math.exp(betaln(alpha + 1, beta + periods - 1) - betaln(alpha, beta));
  }

  /**
   * The survival curve S(0), S(1), …, S(lastPeriod), computed by the recursion S(t) = S(t−1)·r(t). Multiply by a
   * cohort size to project survivors beyond the data.
   * @param lastPeriod - whole number ≥ 0
   * @returns a `Float64Array` of length lastPeriod + 1
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when lastPeriod is not a whole number from 0 to 10^7
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * Array.from(new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 }).survivalCurve(3)); // => [1, 0.5, 0.3333, 0.25]
   */
  survivalCurve(lastPeriod: number): Float64Array {
    const last = checkCurveLength(lastPeriod, 'lastPeriod', 0);
    const { alpha, beta } = this.params;
    const out = new Float64Array(last + 1);
    let s = 1;
    out[0] = 1;
    for (let t = 1; t <= last; t++) {
      s *= (beta + t - 1) / (alpha + beta + t - 1);
      out[t] = s;
    }
    return out;
  }

  /**
   * The retention curve r(1), …, r(lastPeriod).
   * @param lastPeriod - whole number ≥ 1
   * @returns a `Float64Array` of length lastPeriod (index 0 holds r(1))
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when lastPeriod is not a whole number from 1 to 10^7
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * Array.from(new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 }).retentionCurve(3)); // => [0.5, 0.6667, 0.75]
   */
  retentionCurve(lastPeriod: number): Float64Array {
    const last = checkCurveLength(lastPeriod, 'lastPeriod', 1);
    const { alpha, beta } = this.params;
    const out = new Float64Array(last);
    for (let t = 1; t <= last; t++) out[t - 1] = (beta + t - 1) / (alpha + beta + t - 1);
    return out;
  }

  /**
   * Discounted expected residual lifetime of a customer facing her n-th renewal
   * (see {@link discountedExpectedResidualLifetime}).
   * @param options - `discountRate` per period, `renewals` (Fader & Hardie's n, default 1)
   * @returns DERL in contract periods
   * @throws {CrmAnalyticsError} `INVALID_OPTION` for bad options, `DIVERGENT` when d = 0 and α ≤ 1
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * new ShiftedBetaGeometricModel({ alpha: 3.8, beta: 15.2 }).derl({ discountRate: 0.1, renewals: 1 }); // => 3.3098
   */
  derl(options: DerlOptions): number {
    const parsed = parseOptions(derlOptionsSchema, options);
    return derlKernel(this.params.alpha, this.params.beta, parsed.discountRate, parsed.renewals ?? 1);
  }

  /**
   * Retention elasticity of DERL (see {@link derlRetentionElasticity}).
   * @param options - `discountRate` per period (> 0), `renewals` (default 1)
   * @returns the elasticity
   * @throws {CrmAnalyticsError} `INVALID_OPTION` for bad options, `DIVERGENT` when the rate is 0
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * new ShiftedBetaGeometricModel({ alpha: 3.8, beta: 15.2 }).retentionElasticity({ discountRate: 0.1 }); // => 4.5164
   */
  retentionElasticity(options: DerlOptions): number {
    const parsed = parseOptions(derlOptionsSchema, options);
    return elasticityKernel(this.params.alpha, this.params.beta, parsed.discountRate, parsed.renewals ?? 1);
  }

  /**
   * The model as plain JSON data; {@link loadContractualModel} reads it back.
   * @returns a {@link ShiftedBetaGeometricJson}
   * @example
   * import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
   * new ShiftedBetaGeometricModel({ alpha: 1, beta: 2 }).toJSON(); // => { model: 'shifted-beta-geometric', params: { alpha: 1, beta: 2 } }
   */
  toJSON(): ShiftedBetaGeometricJson {
    return {
      model: 'shifted-beta-geometric',
      version: 1,
      params: { ...this.params },
      logLikelihood: this.logLikelihood,
      converged: this.converged,
      iterations: this.iterations,
      reason: this.reason,
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      observations: this.observations,
    };
  }
}

/** Validated cohort data: survivors n_0 ≥ n_1 ≥ … ≥ n_T. */
function readSurvivors(input: unknown): Float64Array {
  const rows = toRecordArray(input as Iterable<unknown>, 'survivors');
  if (rows.length === 0) throw emptyInput('survivors', 2, 'period');
  if (rows.length < 2) throw emptyInput('survivors', 2, 'period', rows.length);
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = expectNonNegative(recordAt(rows, i, 'survivors'), ['survivors', i]);
    if (i > 0 && v > (out[i - 1] as number)) {
      throw invalidWithReason(
        ['survivors', i],
        `expected a count ≤ the previous period's ${out[i - 1]} (survivors cannot increase), got ${v}`,
        'INVALID_INPUT',
        v,
      );
    }
    out[i] = v;
  }
  if (!((out[0] as number) > 0)) throw invalidValue(['survivors', 0], 'a cohort size > 0', rows[0]);
  return out;
}

/** Validated individual data, compressed to counts per (duration, censored). */
function readDurations(input: ShiftedBetaGeometricDurations): {
  churned: Float64Array;
  active: Float64Array;
  maxT: number;
  customers: number;
} {
  const durations = toRecordArray(
    readingInput(['durations'], () => input.durations) as ArrayLike<unknown>,
    'durations',
  );
  const censored = toRecordArray(readingInput(['censored'], () => input.censored) as ArrayLike<unknown>, 'censored');
  if (censored.length !== durations.length) {
    throw invalidWithReason(
      ['censored'],
      `expected as many entries as durations (${durations.length}), got ${censored.length}`,
      'INVALID_INPUT',
    );
  }
  if (durations.length === 0) throw emptyInput('durations', 1, 'customer');
  let maxT = 0;
  const values = new Int32Array(durations.length);
  let i = 0;
  try {
    for (; i < durations.length; i++) {
      const c = censored[i];
      if (typeof c !== 'boolean') throw invalidValue(['censored', i], 'a boolean', c);
      const d = expectNonNegativeInteger(durations[i], ['durations', i]);
      if (!c && d < 1) throw invalidValue(['durations', i], 'a whole number ≥ 1 for a churned customer', d);
      if (d > 1e7) throw invalidValue(['durations', i], 'a whole number ≤ 10,000,000', d);
      values[i] = d;
      if (d > maxT) maxT = d;
    }
  } catch (cause) {
    throw inputReadError(cause, ['durations', i]);
  }
  const churned = new Float64Array(maxT + 1);
  const active = new Float64Array(maxT + 1);
  for (let i = 0; i < values.length; i++) {
    const d = values[i] as number;
    if (censored[i] === true) active[d] = (active[d] as number) + 1;
    else churned[d] = (churned[d] as number) + 1;
  }
  return { churned, active, maxT, customers: durations.length };
}

/**
 * sBG log-likelihood from counts: churned[t] customers with T = t and active[t] with T > t.
 * log S(t) and log P(T = t) by their recursions, exact in log space.
 */
function sbgLogLikelihood(alpha: number, beta: number, churned: Float64Array, active: Float64Array): number {
  let ll = 0;
  let logS = 0; // log S(t−1), then log S(t)
  // Stryker disable next-line ArithmeticOperator: with length + 1 the extra periods read undefined counts (undefined > 0 is false), which add nothing to ll
  const last = churned.length - 1;
  for (let t = 1; t <= last; t++) {
    const nChurn = churned[t] as number;
    if (nChurn > 0) ll += nChurn * (logS + Math.log(alpha / (alpha + beta + t - 1)));
    logS += Math.log((beta + t - 1) / (alpha + beta + t - 1));
    const nActive = active[t] as number;
    if (nActive > 0) ll += nActive * logS;
  }
  return ll;
}

/**
 * Fits the shifted-beta-geometric model of contract renewals by maximum likelihood (Fader & Hardie 2007).
 *
 * Two forms of data:
 * - **cohort**: `survivors`, an array n_0, n_1, …, n_T of customers still active at the start (n_0, the cohort size)
 *   and after each of T periods. Non-integer values (percentages, or counts per 1,000) act as weights.
 *   LL = Σ_{t=1}^{T} (n_{t−1} − n_t)·log P(T = t) + n_T·log S(T).
 * - **individual**: `{ durations, censored }`: per customer the period of churn, or (censored) the periods survived
 *   so far; LL = Σ churned log P(T = d_i) + Σ censored log S(d_i). Cohorts of different ages can be pooled this way.
 *
 * With P(T = t) = B(α+1, β+t−1)/B(α, β) and S(t) = B(α, β+t)/B(α, β). Fitted in log-parameter space by BFGS;
 * standard errors from the inverse Hessian (delta method).
 *
 * Reference: Fader, P. S. & Hardie, B. G. S. (2007), "How to project customer retention", Journal of Interactive
 * Marketing 21(1), 76–90, doi:10.1002/dir.20074.
 *
 * @param data - survivor counts per period (cohort form) or `{ durations, censored }` (individual form)
 * @param options - optimizer settings ({@link ContractualFitOptions})
 * @returns a fitted {@link ShiftedBetaGeometricModel}
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for negative, non-finite or increasing survivor counts, bad durations;
 *   `EMPTY_INPUT` for no data; `NOT_CONVERGED` in strict mode
 * @example
 * import { fitShiftedBetaGeometric } from 'crm-analytics/clv';
 * const regular = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * regular.params; // => { alpha: 0.704, beta: 1.182 }
 * fitShiftedBetaGeometric([1000, 800, 900]); // throws INVALID_INPUT
 */
export function fitShiftedBetaGeometric(
  data: ArrayLike<number> | Iterable<number> | ShiftedBetaGeometricDurations,
  options: ContractualFitOptions = {},
): ShiftedBetaGeometricModel {
  const parsed = parseOptions(contractualFitOptionsSchema, options);
  let churned: Float64Array;
  let active: Float64Array;
  let observations: number;
  if (data !== null && typeof data === 'object' && 'durations' in data) {
    const read = readDurations(data as ShiftedBetaGeometricDurations);
    churned = read.churned;
    active = read.active;
    observations = read.customers;
  } else {
    const survivors = readSurvivors(data);
    const last = survivors.length - 1;
    churned = new Float64Array(last + 1);
    active = new Float64Array(last + 1);
    for (let t = 1; t <= last; t++) churned[t] = (survivors[t - 1] as number) - (survivors[t] as number);
    active[last] = survivors[last] as number;
    observations = survivors[0] as number;
  }
  let anyChurn = false;
  for (let t = 1; t < churned.length; t++) if ((churned[t] as number) > 0) anyChurn = true;
  if (!anyChurn) {
    throw new CrmAnalyticsError(
      'DOMAIN_ERROR',
      'survivors: no customer churned, so the churn distribution cannot be estimated (the likelihood grows without bound as churn → 0)',
      { path: ['survivors'] },
    );
  }
  const fit = fitPositiveParameters(
    PARAM_NAMES,
    (p) => sbgLogLikelihood(p[0] as number, p[1] as number, churned, active),
    [1, 1],
    parsed,
    observations,
    'fitShiftedBetaGeometric',
  );
  return new ShiftedBetaGeometricModel(fit.params, fit);
}

/** One cohort's survivor counts, for {@link fitShiftedBetaGeometricCohorts}. */
export interface ShiftedBetaGeometricCohortInput {
  /** The cohort's label (e.g. its acquisition year). */
  cohort: string | number;
  /** Survivors n_0 ≥ n_1 ≥ … of this cohort, as for {@link fitShiftedBetaGeometric}. */
  survivors: ArrayLike<number>;
}

/** One fitted cohort: its label and model. */
export interface ShiftedBetaGeometricCohortFit {
  cohort: string | number;
  model: ShiftedBetaGeometricModel;
}

const cohortsSchema = z.array(z.object({ cohort: z.union([z.string(), z.number()]) }).loose());

/**
 * Fits one sBG model per cohort (e.g. per acquisition year or channel), so that cohorts can be compared.
 * To pool cohorts of different ages into one model instead, pass per-customer durations to
 * {@link fitShiftedBetaGeometric}.
 *
 * Reference: Fader, P. S. & Hardie, B. G. S. (2007), J. Interactive Marketing 21(1), 76–90, doi:10.1002/dir.20074.
 *
 * @param cohorts - `{ cohort, survivors }` per cohort
 * @param options - optimizer settings, as for {@link fitShiftedBetaGeometric}
 * @returns `{ cohort, model }` per cohort, in input order
 * @throws {CrmAnalyticsError} as {@link fitShiftedBetaGeometric}, naming the cohort; `EMPTY_INPUT` for no cohorts
 * @example
 * import { fitShiftedBetaGeometricCohorts } from 'crm-analytics/clv';
 * const fits = fitShiftedBetaGeometricCohorts([{ cohort: 'high end', survivors: [1000, 869, 743, 653, 593, 551, 517, 491] }]);
 * fits[0].model.params; // => { alpha: 0.668, beta: 3.806 }
 */
export function fitShiftedBetaGeometricCohorts(
  cohorts: Iterable<ShiftedBetaGeometricCohortInput> | ArrayLike<ShiftedBetaGeometricCohortInput>,
  options: ContractualFitOptions = {},
): ShiftedBetaGeometricCohortFit[] {
  const rows = toRecordArray(cohorts, 'cohorts');
  if (rows.length === 0) throw emptyInput('cohorts', 1, 'cohort');
  const checked = readingInput(['cohorts'], () => cohortsSchema.safeParse(rows));
  if (!checked.success) {
    const index = rows.findIndex((r) => !z.object({ cohort: z.union([z.string(), z.number()]) }).safeParse(r).success);
    throw invalidValue(['cohorts', Math.max(0, index), 'cohort'], 'a string or number label', rows[Math.max(0, index)]);
  }
  return rows.map((row, i) => {
    try {
      return { cohort: row.cohort, model: fitShiftedBetaGeometric(row.survivors, options) };
    } catch (error) {
      if (error instanceof CrmAnalyticsError && error.code !== 'INVALID_OPTION') {
        throw new CrmAnalyticsError(error.code, `cohorts[${i}].${error.message}`, {
          path: ['cohorts', i, ...error.path],
          index: i,
          received: error.received,
          cause: error,
        });
      }
      throw error;
    }
  });
}
