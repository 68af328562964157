/**
 * The MBG/NBD model of Batislam, Denizel & Filiztekin (2007): the BG/NBD with a possible dropout right after the
 * first purchase too, so that customers without repeat purchases are not certainly alive.
 * @module
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { TimeUnit } from '../../core/dates.js';
import { hyp2f1 } from '../../core/hypergeometric.js';
import { parseOptions } from '../../core/validate.js';
import {
  type BetaGeoParams,
  negativeBinomialHeadSum,
  type ProbabilityAliveOptions,
  readPurchaseCount,
  survivalFactor,
} from './betaGeo.js';
import {
  type BtydCustomers,
  type BtydDuration,
  type BtydFitOptions,
  type BtydFitSummary,
  type BtydInterval,
  type BtydTransactionModel,
  btydFitOptionsSchema,
  type CompressedRows,
  checkConvergence,
  checkResult,
  checkResults,
  distinctValues,
  durationInUnit,
  named,
  namedIntervals,
  PochhammerTables,
  prepareFitRows,
  readAtOption,
  readCustomersForModel,
  readModelState,
  runFit,
  type TransactionKernel,
  warmStartFor,
} from './shared.js';

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** Everything that defines an MBG/NBD model (same parameters as the BG/NBD). */
export interface ModifiedBetaGeoModelState {
  params: BetaGeoParams;
  timeUnit: TimeUnit;
  fit?: BtydFitSummary | null;
  standardErrors?: BetaGeoParams | null;
  confidenceIntervals?: Record<keyof BetaGeoParams, BtydInterval> | null;
}

/** The JSON form of a {@link ModifiedBetaGeoModel}. */
export interface SerializedModifiedBetaGeoModel extends ModifiedBetaGeoModelState {
  model: 'modified-beta-geo';
  version: 1;
  fit: BtydFitSummary | null;
  standardErrors: BetaGeoParams | null;
  confidenceIntervals: Record<keyof BetaGeoParams, BtydInterval> | null;
}

/**
 * Expected purchases in (T, T+t] of an alive MBG/NBD customer, (a+b+x)/(a−1) · [1 − (1−z)^(r+x) ₂F₁(r+x, b+x+1; a+b+x; z)];
 * linear interpolation across a = 1 ± 1e-5 where the formula is 0/0. With x = 0, T = 0 and the leading factor b/(a−1)
 * it is E[X(t)] (`newCustomer` selects that variant).
 */
function mbgExpected(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number,
  T: number,
  newCustomer: boolean,
): number {
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const at = (aa: number): number =>
    ((newCustomer ? b : aa + b + x) / (aa - 1)) * (1 - tailTerm(r + x, b + x + 1, aa + b + x, z));
  const delta = 1e-5;
  if (Math.abs(a - 1) >= delta) return at(a);
  const lo = at(1 - delta);
  const hi = at(1 + delta);
  return lo + ((a - (1 - delta)) / (2 * delta)) * (hi - lo);
}

/** (1−z)^A ₂F₁(A, B; C; z) = (1−z)^(C−B) ₂F₁(C−A, C−B; C; z) (Euler), safe for large A. */
function tailTerm(A: number, B: number, C: number, z: number): number {
  // The form whose ₂F₁ stays bounded as z → 1 (see betaGeo.ts, oneMinusZPowerTimesF).
  if (C - A - B >= 0) return Math.exp(A * Math.log1p(-z)) * hyp2f1(A, B, C, z);
  return Math.exp((C - B) * Math.log1p(-z)) * hyp2f1(C - A, C - B, C, z);
}

function mbgProbabilityAlive(
  params: BetaGeoParams,
  frequency: Float64Array,
  recency: Float64Array,
  T: Float64Array,
): Float64Array {
  const { r, alpha, a, b } = params;
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < out.length; i++) {
    const x = frequency[i] as number;
    const logOdds =
      (r + x) * Math.log((alpha + (T[i] as number)) / (alpha + (recency[i] as number))) + Math.log(a / (b + x));
    out[i] = 1 / (1 + Math.exp(logOdds));
  }
  return out;
}

/** A fitted (or given) MBG/NBD model with its predictions, vectorized over customers in input order. */
export class ModifiedBetaGeoModel implements BtydTransactionModel {
  /** Model kind. */
  readonly model: 'modified-beta-geo' = 'modified-beta-geo';
  /** The parameters (α in the model's time unit). */
  readonly params: Readonly<BetaGeoParams>;
  /** Unit of `recency`, `T` and of plain-number times. */
  readonly timeUnit: TimeUnit;
  /** Fit statistics, or `null` for a model built from given parameters. */
  readonly fit: BtydFitSummary | null;
  /** Maximized log-likelihood (`null` when not fitted). */
  readonly logLikelihood: number | null;
  /** Whether the fit converged (`null` when not fitted). */
  readonly converged: boolean | null;
  /** Optimizer iterations (0 when not fitted). */
  readonly iterations: number;
  /** L2 penalizer of the fit. */
  readonly penalizer: number;
  /** Standard errors, or `null`. */
  readonly standardErrors: Readonly<BetaGeoParams> | null;
  /** 95% intervals θ·exp(±1.96·SE(ln θ)), or `null`. */
  readonly confidenceIntervals: Readonly<Record<keyof BetaGeoParams, BtydInterval>> | null;

  /**
   * Builds a model from its parameters.
   *
   * @param state - parameters, time unit and optional fit statistics
   * @throws {CrmAnalyticsError} `INVALID_INPUT` if a parameter is not a finite number > 0, the time unit is unknown or
   *   the optional fit statistics are not finite
   * @example
   * import { ModifiedBetaGeoModel } from 'crm-analytics/clv';
   * new ModifiedBetaGeoModel({ params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, timeUnit: 'week' }).params.b; // => 1.614
   */
  constructor(state: ModifiedBetaGeoModelState) {
    const valid = readModelState(state, NAMES, true);
    this.params = Object.freeze(valid.params);
    this.timeUnit = valid.timeUnit;
    this.fit = valid.fit;
    this.logLikelihood = this.fit?.logLikelihood ?? null;
    this.converged = this.fit?.converged ?? null;
    this.iterations = this.fit?.iterations ?? 0;
    this.penalizer = this.fit?.penalizer ?? 0;
    this.standardErrors = valid.standardErrors;
    this.confidenceIntervals = valid.confidenceIntervals;
  }

  /**
   * Expected repeat purchases of a new customer in (0, t] (Batislam et al. 2007):
   * E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
   *
   * @param t - horizon: model units or a duration
   * @returns expected repeat purchases
   * @example
   * import { ModifiedBetaGeoModel } from 'crm-analytics/clv';
   * const model = new ModifiedBetaGeoModel({ params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, timeUnit: 'week' });
   * model.expectedPurchases(39) > 0; // => true
   */
  expectedPurchases(t: BtydDuration): number {
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const { r, alpha, a, b } = this.params;
    // Bound: E[λ]·t = r·t/α.
    return checkResult(
      mbgExpected(r, alpha, a, b, time, 0, 0, true),
      'ModifiedBetaGeoModel.expectedPurchases',
      (r / alpha) * time,
    );
  }

  /**
   * Expected repeat purchases in (T, T + t] given each customer's history (Batislam et al. 2007):
   * E[Y(t) | x, tₓ, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
   *
   * @param t - horizon after T: model units or a duration
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @returns one value per customer, in input order
   * @example
   * import { ModifiedBetaGeoModel } from 'crm-analytics/clv';
   * const model = new ModifiedBetaGeoModel({ params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, timeUnit: 'week' });
   * model.conditionalExpectedPurchases(39, [{ frequency: 2, recency: 30.43, T: 38.86 }])[0] > 1; // => true
   */
  conditionalExpectedPurchases(t: BtydDuration, customers: BtydCustomers): Float64Array {
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const out = mbgProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    const kernel = this.transactionKernel();
    for (let i = 0; i < out.length; i++) {
      out[i] = (out[i] as number) * kernel.expectedIfAlive(time, cols.frequency[i] as number, cols.T[i] as number);
    }
    const { r, alpha } = this.params;
    // Bound: P(alive)·E[λ | alive]·t ≤ (r+x)/(α+T)·t.
    return checkResults(
      out,
      'ModifiedBetaGeoModel.conditionalExpectedPurchases',
      (i) => ((r + (cols.frequency[i] as number)) / (alpha + (cols.T[i] as number))) * time,
    );
  }

  /**
   * Probability that each customer is alive at T: 1/(1 + a/(b+x) · ((α+T)/(α+tₓ))^(r+x)) — below 1 even for x = 0.
   * At T + t: times ₂F₁(r+x, a; a+b+x+1; −t/(α+T)) (posterior p ~ Beta(a, b+x+1) given alive; see the BG/NBD).
   *
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @param options - `at`: time after T (default 0)
   * @returns probabilities in [0, 1], in input order
   * @example
   * import { ModifiedBetaGeoModel } from 'crm-analytics/clv';
   * const model = new ModifiedBetaGeoModel({ params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, timeUnit: 'week' });
   * model.probabilityAlive([{ frequency: 0, recency: 0, T: 1 }])[0] < 1; // => true
   */
  probabilityAlive(customers: BtydCustomers, options: ProbabilityAliveOptions = {}): Float64Array {
    const at = readAtOption(options, this.timeUnit);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const out = mbgProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    if (at > 0) {
      const { r, alpha, a, b } = this.params;
      for (let i = 0; i < out.length; i++) {
        const x = cols.frequency[i] as number;
        out[i] = (out[i] as number) * survivalFactor(a, r + x, a + b + x + 1, at / (alpha + (cols.T[i] as number)));
      }
    }
    return checkResults(out, 'ModifiedBetaGeoModel.probabilityAlive', () => 1);
  }

  /**
   * Probability that a new customer makes exactly n repeat purchases in (0, t]:
   * B(a, b+n+1)/B(a,b) · Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n
   *   + B(a+1, b+n)/B(a,b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
   *
   * @param n - number of repeat purchases (whole number from 0 to 10,000,000)
   * @param t - horizon
   * @returns the probability
   * @example
   * import { ModifiedBetaGeoModel } from 'crm-analytics/clv';
   * const model = new ModifiedBetaGeoModel({ params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, timeUnit: 'week' });
   * model.probabilityOfPurchases(0, 39) > 0.5; // => true
   */
  probabilityOfPurchases(n: number, t: BtydDuration): number {
    const count = readPurchaseCount(n);
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const { r, alpha, a, b } = this.params;
    const lnBab = betaln(a, b);
    const lnP = Math.log(alpha / (alpha + time));
    const lnQ = time === 0 ? Number.NEGATIVE_INFINITY : Math.log(time / (alpha + time));
    const logTerm = (j: number): number =>
      gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lnP + (j === 0 ? 0 : j * lnQ);
    const first = Math.exp(betaln(a, b + count + 1) - lnBab + logTerm(count));
    const partial = negativeBinomialHeadSum(r, lnP, lnQ, count);
    const second = Math.exp(betaln(a + 1, b + count) - lnBab) * Math.max(0, 1 - partial);
    return checkResult(first + second, 'ModifiedBetaGeoModel.probabilityOfPurchases', 1);
  }

  /**
   * The P(alive) · G(t) factorization used by `customerLifetimeValue`.
   * @internal
   */
  transactionKernel(): TransactionKernel {
    const params = this.params;
    const { r, alpha, a, b } = params;
    return {
      probabilityAlive: (frequency, recency, T) => mbgProbabilityAlive(params, frequency, recency, T),
      expectedIfAlive: (t, x, T) => mbgExpected(r, alpha, a, b, t, x, T, false),
    };
  }

  /**
   * The JSON form; `loadModel` reads it back.
   * @returns the JSON form
   * @example
   * import { ModifiedBetaGeoModel } from 'crm-analytics/clv';
   * new ModifiedBetaGeoModel({ params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, timeUnit: 'week' }).toJSON().model; // => 'modified-beta-geo'
   */
  toJSON(): SerializedModifiedBetaGeoModel {
    const ci = this.confidenceIntervals;
    return {
      model: 'modified-beta-geo',
      version: 1,
      params: { ...this.params },
      timeUnit: this.timeUnit,
      fit: this.fit === null ? null : { ...this.fit },
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      confidenceIntervals:
        ci === null ? null : { r: { ...ci.r }, alpha: { ...ci.alpha }, a: { ...ci.a }, b: { ...ci.b } },
    };
  }
}

/** Precomputed data and scratch buffers of the objective (module-level so the hot loop keeps its optimized code). */
interface ModifiedBetaGeoObjectiveState {
  n: number;
  frequency: Float64Array;
  recency: Float64Array;
  weight: Float64Array;
  W: number;
  maxX: number;
  weightByX: Float64Array;
  tables: PochhammerTables;
  lnBx: Float64Array;
  distinctT: { values: Float64Array; index: Int32Array };
  lnAT: Float64Array;
  invAT: Float64Array;
  lrT: Float64Array;
  cT: Float64Array;
  tIndex: Int32Array;
  lastGradient: Float64Array;
}

function modifiedBetaGeoEvaluate(
  st: ModifiedBetaGeoObjectiveState,
  r: number,
  alpha: number,
  a: number,
  b: number,
): number {
  const {
    n,
    frequency,
    recency,
    weight,
    maxX,
    weightByX,
    tables,
    lnBx,
    distinctT,
    lnAT,
    invAT,
    lrT,
    cT,
    tIndex,
    lastGradient,
  } = st;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const R = tables.fill(0, r);
  const B = tables.fill(1, b);
  const AB = tables.fill(2, a + b);
  // r ln α enters each customer's terms as −r·log1p(T/α) (and −r·log1p(tₓ/α)): written as r ln α − (r+x) ln(α+T) the
  // two terms cancel for large r and α (the Poisson limit), where a fit reached r ≈ 4e129 with ln L = +1.9e117.
  let sum = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let x = 0; x <= maxX; x++) {
    const w = weightByX[x] as number;
    if (w === 0) continue;
    sum += w * ((R.log[x] as number) + (B.log[x + 1] as number) - (AB.log[x + 1] as number));
    gR += w * (R.inv[x] as number);
    gA -= w * (AB.inv[x + 1] as number);
    gB += w * ((B.inv[x + 1] as number) - (AB.inv[x + 1] as number));
  }
  for (let x = 0; x <= maxX; x++) lnBx[x] = Math.log(b + x);
  const tv = distinctT.values;
  for (let j = 0; j < tv.length; j++) {
    const t = tv[j] as number;
    lrT[j] = Math.log1p(t / alpha);
    lnAT[j] = lnAlpha + (lrT[j] as number);
    invAT[j] = 1 / (alpha + t);
    cT[j] = t / alpha / (alpha + t);
  }
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    const w = weight[i] as number;
    const j = tIndex[i] as number;
    const lT = lnAT[j] as number;
    const tx = recency[i] as number;
    const ar = alpha + tx;
    const lr = Math.log1p(tx / alpha);
    const lR = lnAlpha + lr;
    // ln of (α/(α+T))^r (α+T)^(−x) and of a/(b+x)·(α/(α+tₓ))^r (α+tₓ)^(−x).
    const l3 = -r * (lrT[j] as number) - x * lT;
    const l4 = lnA - (lnBx[x] as number) - r * lr - x * lR;
    const d = l3 - l4;
    const e = Math.exp(-Math.abs(d));
    sum += w * ((d > 0 ? l3 : l4) + Math.log1p(e));
    const p3 = d > 0 ? 1 / (1 + e) : e / (1 + e);
    const p4 = 1 - p3;
    gR -= w * (p3 * (lrT[j] as number) + p4 * lr);
    gAlpha += w * (p3 * (r * (cT[j] as number) - x * (invAT[j] as number)) + (p4 * ((r * tx) / alpha - x)) / ar);
    gA += (w * p4) / a;
    gB -= (w * p4) / (b + x);
  }
  lastGradient[0] = gR;
  lastGradient[1] = gAlpha;
  lastGradient[2] = gA;
  lastGradient[3] = gB;
  return sum;
}

/**
 * MBG/NBD objective (mean negative log-likelihood + penalizer·Σθ²) and analytic gradient in log parameters:
 * ln L = ln B(a, b+x+1) − ln B(a, b) + ln Γ(r+x) − ln Γ(r) + r ln α + ln[(α+T)^(−(r+x)) + a/(b+x)·(α+tₓ)^(−(r+x))].
 * @internal
 */
export function modifiedBetaGeoObjective(
  rows: CompressedRows,
  penalizer: number,
): {
  objective: (phi: Float64Array) => number;
  gradient: (phi: Float64Array, out: Float64Array) => void;
  logLikelihood: (params: BetaGeoParams) => number;
} {
  const n = rows.count;
  const { frequency, recency, weight } = rows;
  const W = rows.totalWeight;
  let maxX = 0;
  for (let i = 0; i < n; i++) if ((frequency[i] as number) > maxX) maxX = frequency[i] as number;
  const weightByX = new Float64Array(maxX + 1);
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    weightByX[x] = (weightByX[x] as number) + (weight[i] as number);
  }
  const tables = new PochhammerTables(maxX + 1);
  const lnBx = new Float64Array(maxX + 1); // ln(b + x)
  const distinctT = distinctValues(rows.T);
  const lnAT = new Float64Array(distinctT.values.length);
  const invAT = new Float64Array(distinctT.values.length);
  const lrT = new Float64Array(distinctT.values.length);
  const cT = new Float64Array(distinctT.values.length);
  const tIndex = distinctT.index;
  const lastPhi = new Float64Array(4).fill(Number.NaN);
  let lastValue = 0;
  const lastGradient = new Float64Array(4);

  const st: ModifiedBetaGeoObjectiveState = {
    n,
    frequency,
    recency,
    weight,
    W,
    maxX,
    weightByX,
    tables,
    lnBx,
    distinctT,
    lnAT,
    invAT,
    lrT,
    cT,
    tIndex,
    lastGradient,
  };
  const ensure = (phi: Float64Array): boolean => {
    if (phi[0] === lastPhi[0] && phi[1] === lastPhi[1] && phi[2] === lastPhi[2] && phi[3] === lastPhi[3]) return true;
    const r = Math.exp(phi[0] as number);
    const alpha = Math.exp(phi[1] as number);
    const a = Math.exp(phi[2] as number);
    const b = Math.exp(phi[3] as number);
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0 && Number.isFinite(r + alpha + a + b))) return false;
    // The evaluation rewrites the cached value and gradient: the cache holds no point until it has succeeded.
    lastPhi.fill(Number.NaN);
    lastValue = modifiedBetaGeoEvaluate(st, r, alpha, a, b);
    if (!Number.isFinite(lastValue)) return false;
    lastPhi.set(phi);
    return true;
  };
  const objective = (phi: Float64Array): number => {
    if (!ensure(phi)) return Number.POSITIVE_INFINITY;
    let pen = 0;
    for (let j = 0; j < 4; j++) pen += Math.exp(2 * (phi[j] as number));
    return -lastValue / W + penalizer * pen;
  };
  const gradient = (phi: Float64Array, out: Float64Array): void => {
    if (!ensure(phi)) {
      out.fill(0);
      return;
    }
    for (let j = 0; j < 4; j++) {
      const th = Math.exp(phi[j] as number);
      out[j] = (-(lastGradient[j] as number) / W + 2 * penalizer * th) * th;
    }
  };
  const logLikelihood = (p: BetaGeoParams): number => {
    lastPhi.fill(Number.NaN);
    return modifiedBetaGeoEvaluate(st, p.r, p.alpha, p.a, p.b);
  };
  return { objective, gradient, logLikelihood };
}

/** Options of {@link fitModifiedBetaGeo}. */
export type ModifiedBetaGeoFitOptions = BtydFitOptions;

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum likelihood: like the BG/NBD, but a customer
 * may also drop out right after the first purchase, so the second term of the likelihood is present for x = 0 too.
 * Same machinery as {@link fitBetaGeo} (row compression, analytic gradient, BFGS in ln θ, delta-method errors).
 *
 * @param customers - `{ frequency, recency, T }` records plus `options.timeUnit`, or a summary table
 * @param options - see {@link BtydFitOptions}
 * @returns the fitted {@link ModifiedBetaGeoModel}
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming a bad record; `EMPTY_INPUT`; `INVALID_OPTION`; `NOT_CONVERGED` in strict mode
 * @see Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models for customer base
 *   analysis", International Journal of Research in Marketing 24(3):201–209, doi:10.1016/j.ijresmar.2006.12.005
 * @example
 * import { fitModifiedBetaGeo, simulateBetaGeo } from 'crm-analytics/clv';
 * const { customers } = simulateBetaGeo({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 5 });
 * fitModifiedBetaGeo(customers, { timeUnit: 'week' }).converged; // => true
 */
export function fitModifiedBetaGeo(
  customers: BtydCustomers,
  options: ModifiedBetaGeoFitOptions = {},
): ModifiedBetaGeoModel {
  const opts = parseOptions(btydFitOptionsSchema, options);
  const { rows, timeUnit } = prepareFitRows(customers, opts);
  const penalizer = opts.penalizer ?? 0;
  const { objective, gradient, logLikelihood } = modifiedBetaGeoObjective(rows, penalizer);
  let maxT = 0;
  for (let i = 0; i < rows.count; i++) if ((rows.T[i] as number) > maxT) maxT = rows.T[i] as number;
  const alpha0 = maxT > 0 ? maxT / 10 : 1;
  const init = opts.initialParams;
  const defaults = [1, alpha0, 1, 1];
  const starts: number[][] = [];
  if (init !== undefined) starts.push(NAMES.map((k, i) => init[k] ?? (defaults[i] as number)));
  starts.push(defaults, [0.5, alpha0 * 0.5, 0.5, 2], [2, alpha0 * 2, 2, 5]);
  const outcome = runFit({
    names: NAMES,
    objective,
    gradient,
    starts,
    totalWeight: rows.totalWeight,
    maxIterations: opts.maxIterations ?? 500,
    ...warmStartFor(rows, (sub) => modifiedBetaGeoObjective(sub, penalizer)),
  });
  checkConvergence('fitModifiedBetaGeo', outcome, opts.strict);
  const params = named(NAMES, outcome.params);
  return new ModifiedBetaGeoModel({
    params,
    timeUnit,
    fit: {
      logLikelihood: logLikelihood(params),
      converged: outcome.converged,
      iterations: outcome.iterations,
      reason: outcome.reason,
      penalizer,
      customerCount: rows.totalWeight,
    },
    standardErrors: outcome.standardErrors === undefined ? null : named(NAMES, outcome.standardErrors),
    confidenceIntervals: namedIntervals(NAMES, outcome.lower, outcome.upper),
  });
}
