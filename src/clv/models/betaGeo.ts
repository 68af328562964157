/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of Fader, Hardie & Lee (2005):
 * fitting by maximum likelihood, and the per-customer predictions built on it.
 * @module
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { TimeUnit } from '../../core/dates.js';
import { hyp2f1 } from '../../core/hypergeometric.js';
import { invalidValue } from '../../core/messages.js';
import { expectNonNegativeInteger, parseOptions } from '../../core/validate.js';
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
  readDertDiscount,
  readModelState,
  runFit,
  type TransactionKernel,
  warmStartFor,
} from './shared.js';

/** Largest n accepted by `probabilityOfPurchases` (its sum over j < n is O(n)). */
const MAX_PURCHASE_COUNT = 10_000_000;

/**
 * Validates the n of `probabilityOfPurchases`: a whole number from 0 to 10,000,000.
 * @internal
 */
export function readPurchaseCount(n: unknown): number {
  const count = expectNonNegativeInteger(n, ['n']);
  if (count > MAX_PURCHASE_COUNT) throw invalidValue(['n'], 'a whole number from 0 to 10,000,000', n);
  return count;
}

/**
 * Σ_{j<n} Γ(r+j)/(Γ(r) j!) p^r q^j (the NBD probabilities of fewer than n events, p = α/(α+t), q = t/(α+t), given as
 * logs), by the ratio recurrence term(j+1) = term(j)·(r+j)/(j+1)·q: one log per term instead of three gamma functions.
 * Stops once the sum reaches 1, where the caller's bracket 1 − Σ is 0.
 * @internal
 */
export function negativeBinomialHeadSum(r: number, lnP: number, lnQ: number, n: number): number {
  let partial = 0;
  let lnTerm = r * lnP;
  for (let j = 0; j < n && partial < 1; j++) {
    partial += Math.exp(lnTerm);
    lnTerm += Math.log((r + j) / (j + 1)) + lnQ;
  }
  return partial;
}

/** BG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α) per time unit; dropout p ~ Beta(a, b) after each purchase. */
export interface BetaGeoParams {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Rate (scale in time units) of the gamma distribution of purchase rates; in the model's time unit. */
  alpha: number;
  /** Beta distribution of the dropout probability: first shape. */
  a: number;
  /** Beta distribution of the dropout probability: second shape. */
  b: number;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** Everything that defines a BG/NBD model (what `toJSON` writes and the constructor reads). */
export interface BetaGeoModelState {
  params: BetaGeoParams;
  /** Unit of `recency`, `T` and of every time argument given as a plain number. */
  timeUnit: TimeUnit;
  /** Fit statistics; `null` when the model was built from given parameters. */
  fit?: BtydFitSummary | null;
  standardErrors?: BetaGeoParams | null;
  confidenceIntervals?: Record<keyof BetaGeoParams, BtydInterval> | null;
}

/** The JSON form of a {@link BetaGeoModel} (`model.toJSON()`), read back by `loadModel`. */
export interface SerializedBetaGeoModel extends BetaGeoModelState {
  model: 'beta-geo';
  version: 1;
  fit: BtydFitSummary | null;
  standardErrors: BetaGeoParams | null;
  confidenceIntervals: Record<keyof BetaGeoParams, BtydInterval> | null;
}

/** Options of {@link BetaGeoModel.probabilityAlive}. */
export interface ProbabilityAliveOptions {
  /** Probability of being alive this long after `T` (default 0: at `T`); a number in model units or a duration. */
  at?: BtydDuration;
}

/** Options of `expectedResidualPurchases` (DERT). */
export interface ResidualPurchasesOptions {
  /**
   * Continuous discount rate: `{ rate: 0.1, per: 'year' }` reads as a discount factor (1 + 0.1) per year,
   * i.e. a continuous rate δ = ln(1.1) per year, converted to the model's unit.
   */
  discountRate: { rate: number; per: TimeUnit };
}

/** A fitted (or given) BG/NBD model with its predictions, vectorized over customers in input order. */
export class BetaGeoModel implements BtydTransactionModel {
  /** Model kind. */
  readonly model: 'beta-geo' = 'beta-geo';
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
  /** L2 penalizer of the fit (0 when not fitted). */
  readonly penalizer: number;
  /** Standard errors (delta method from the log-parameter Hessian), or `null` when unavailable. */
  readonly standardErrors: Readonly<BetaGeoParams> | null;
  /** 95% intervals θ·exp(±1.96·SE(ln θ)), or `null` when unavailable. */
  readonly confidenceIntervals: Readonly<Record<keyof BetaGeoParams, BtydInterval>> | null;

  /**
   * Builds a model from its parameters (and optionally fit statistics), e.g. published estimates.
   *
   * @param state - parameters, time unit and optional fit statistics
   * @throws {CrmAnalyticsError} `INVALID_INPUT` if a parameter is not a finite number > 0, the time unit is unknown or
   *   the optional fit statistics are not finite
   * @example
   * import { BetaGeoModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * model.params.alpha; // => 4.414
   * new BetaGeoModel({ params: { r: 0, alpha: 1, a: 1, b: 1 }, timeUnit: 'week' }); // throws INVALID_INPUT
   */
  constructor(state: BetaGeoModelState) {
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
   * Expected number of repeat purchases of a new (randomly chosen) customer in (0, t]: FHL (2005) eq. 9,
   * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
   *
   * @param t - horizon: model units or a duration such as `{ weeks: 39 }`
   * @returns expected repeat purchases
   * @example
   * import { BetaGeoModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * model.expectedPurchases(78); // => 1.8605
   */
  expectedPurchases(t: BtydDuration): number {
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const { r, alpha, a, b } = this.params;
    if (time === 0) return 0;
    // E[X(t)] is E[Y(t) | x = 0, T = 0] (a new customer is alive): same kernel. Bound: E[λ]·t = r·t/α.
    return checkResult(
      betaGeoExpectedIfAlive(r, alpha, a, b, time, 0, 0),
      'BetaGeoModel.expectedPurchases',
      (r / alpha) * time,
    );
  }

  /**
   * Expected repeat purchases in (T, T + t] of each customer given their history: FHL (2005) eq. 10,
   * E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
   *
   * @param t - horizon after each customer's T: model units or a duration
   * @param customers - `{ frequency, recency, T }` records (model units) or a summary table (converted)
   * @returns one value per customer, in input order
   * @throws {CrmAnalyticsError} `INVALID_INPUT` for a bad record (named), e.g. recency > T
   * @example
   * import { BetaGeoModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * model.conditionalExpectedPurchases(39, [{ frequency: 2, recency: 30.43, T: 38.86 }])[0]; // => 1.226
   * model.conditionalExpectedPurchases(39, [{ frequency: 2, recency: 40, T: 38.86 }]); // throws INVALID_INPUT
   */
  conditionalExpectedPurchases(t: BtydDuration, customers: BtydCustomers): Float64Array {
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const { r, alpha } = this.params;
    // Bound: P(alive)·E[λ | alive]·t ≤ (r+x)/(α+T)·t (posterior λ ~ Gamma(r+x, α+T) given alive).
    return checkResults(
      betaGeoConditionalExpected(this.params, time, cols.frequency, cols.recency, cols.T),
      'BetaGeoModel.conditionalExpectedPurchases',
      (i) => ((r + (cols.frequency[i] as number)) / (alpha + (cols.T[i] as number))) * time,
    );
  }

  /**
   * Probability that each customer is still alive at T (or at T + `at`): Fader, Hardie & Lee, Hardie note 021 (brucehardie.com/notes/021),
   * P(alive | x, tₓ, T) = 1 / (1 + δₓ₌₀' · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)), which is 1 when x = 0.
   * At a later time T + t (no purchase needed in between to stay alive, but each purchase may be the last), the
   * posterior given alive at T has λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x), and staying alive for t more has
   * probability e^(−λpt), so P(alive at T+t) = P(alive at T) · ₂F₁(r+x, a; a+b+x; −t/(α+T)) (our derivation,
   * by the Euler integral of ₂F₁).
   *
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @param options - `at`: time after T (default 0)
   * @returns probabilities in [0, 1], in input order
   * @example
   * import { BetaGeoModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * model.probabilityAlive([{ frequency: 0, recency: 0, T: 38.86 }])[0]; // => 1
   * model.probabilityAlive([{ frequency: 2, recency: 30.43, T: 38.86 }])[0]; // => 0.7266
   */
  probabilityAlive(customers: BtydCustomers, options: ProbabilityAliveOptions = {}): Float64Array {
    const at = readAtOption(options, this.timeUnit);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const out = betaGeoProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    if (at > 0) {
      const { r, alpha, a, b } = this.params;
      for (let i = 0; i < out.length; i++) {
        const x = cols.frequency[i] as number;
        const age = cols.T[i] as number;
        out[i] = (out[i] as number) * survivalFactor(a, r + x, a + b + x, at / (alpha + age));
      }
    }
    return checkResults(out, 'BetaGeoModel.probabilityAlive', () => 1);
  }

  /**
   * Discounted expected residual transactions (DERT) of each customer with continuous discounting: the expected
   * number of future purchases, each discounted by e^(−δt). Given alive at T, λ ~ Gamma(r+x, α+T) and
   * p ~ Beta(a, b+x) a posteriori and each purchase may be the last, so DERT = P(alive) · E[λ/(δ + λp)], which is
   * DERT = P(alive) · (r+x)/(α+T) · ∫₀^∞ e^(−δu) ₂F₁(r+x+1, a; a+b+x; −u/(α+T)) du (our derivation, by the Euler
   * integral of ₂F₁). The integral is evaluated by exp-sinh (double-exponential) quadrature in s = δu with step 1/16
   * on t ∈ [−6, 6] (Takahasi & Mori 1974, doi:10.2977/prims/1195192451), once per distinct (frequency, T).
   *
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @param options - `discountRate`: e.g. `{ rate: 0.15, per: 'year' }` (δ = ln 1.15 per year, converted to model units)
   * @returns DERT per customer, in input order
   * @throws {CrmAnalyticsError} `INVALID_OPTION` without a positive discount rate; `INVALID_INPUT` naming a bad record
   * @example
   * import { BetaGeoModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * model.expectedResidualPurchases([{ frequency: 2, recency: 30.43, T: 38.86 }], { discountRate: { rate: 0.15, per: 'year' } })[0]; // => 5.1794
   */
  expectedResidualPurchases(customers: BtydCustomers, options: ResidualPurchasesOptions): Float64Array {
    const delta = readDertDiscount(options, this.timeUnit);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const out = betaGeoProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    const { r, alpha, a, b } = this.params;
    const cache = new Map<number, Map<number, number>>();
    for (let i = 0; i < out.length; i++) {
      const x = cols.frequency[i] as number;
      const age = cols.T[i] as number;
      let inner = cache.get(x);
      if (inner === undefined) {
        inner = new Map();
        cache.set(x, inner);
      }
      let value = inner.get(age);
      if (value === undefined) {
        const B = alpha + age;
        const k = r + x;
        let sum = 0;
        const h = 1 / 16;
        for (let j = -96; j <= 96; j++) {
          const t = j * h;
          const sv = Math.exp((Math.PI / 2) * Math.sinh(t));
          if (sv > 800) break; // e^(−s) below 1e-347: nothing left
          const weight = sv * (Math.PI / 2) * Math.cosh(t);
          sum += weight * Math.exp(-sv) * survivalFactor(a, k + 1, a + b + x, sv / (delta * B));
        }
        value = (k / B) * ((sum * h) / delta);
        inner.set(age, value);
      }
      out[i] = (out[i] as number) * value;
    }
    // Bound: λ/(δ + λp) ≤ λ/δ, so DERT ≤ E[λ | alive]/δ = (r+x)/((α+T)δ).
    return checkResults(
      out,
      'BetaGeoModel.expectedResidualPurchases',
      (i) => (r + (cols.frequency[i] as number)) / ((alpha + (cols.T[i] as number)) * delta),
    );
  }

  /**
   * Probability that a new customer makes exactly n repeat purchases in (0, t]: FHL (2005) eq. 8,
   * P(X(t)=n) = B(a, b+n)/B(a,b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
   *   + δₙ₍>0₎ B(a+1, b+n−1)/B(a,b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
   *
   * @param n - number of repeat purchases (whole number from 0 to 10,000,000: the sum over j < n is O(n))
   * @param t - horizon: model units or a duration
   * @returns the probability
   * @example
   * import { BetaGeoModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * [0, 1, 2, 3].map((n) => model.probabilityOfPurchases(n, 39)).reduce((s, p) => s + p, 0) < 1; // => true
   * model.probabilityOfPurchases(0.5, 39); // throws INVALID_INPUT
   */
  probabilityOfPurchases(n: number, t: BtydDuration): number {
    const count = readPurchaseCount(n);
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const { r, alpha, a, b } = this.params;
    const lnBab = betaln(a, b);
    const lnP = Math.log(alpha / (alpha + time));
    const lnQ = time === 0 ? Number.NEGATIVE_INFINITY : Math.log(time / (alpha + time));
    const logTerm = (j: number): number =>
      // j = 0 directly: for r near 1e308, gammaln(r) − gammaln(r) is ∞ − ∞.
      j === 0 ? r * lnP : gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lnP + j * lnQ;
    const first = Math.exp(betaln(a, b + count) - lnBab + logTerm(count));
    if (count === 0) return checkResult(first, 'BetaGeoModel.probabilityOfPurchases', 1);
    const partial = negativeBinomialHeadSum(r, lnP, lnQ, count);
    const second = Math.exp(betaln(a + 1, b + count - 1) - lnBab) * Math.max(0, 1 - partial);
    return checkResult(first + second, 'BetaGeoModel.probabilityOfPurchases', 1);
  }

  /**
   * The P(alive) · G(t) factorization used by `customerLifetimeValue`.
   * @internal
   */
  transactionKernel(): TransactionKernel {
    const params = this.params;
    const { r, alpha, a, b } = params;
    return {
      probabilityAlive: (frequency, recency, T) => betaGeoProbabilityAlive(params, frequency, recency, T),
      expectedIfAlive: (t, x, T) => betaGeoExpectedIfAlive(r, alpha, a, b, t, x, T),
    };
  }

  /**
   * Serializes the model (parameters, unit, fit statistics) to a JSON-safe object; `loadModel` reads it back.
   *
   * @returns the JSON form
   * @example
   * import { BetaGeoModel, loadModel } from 'crm-analytics/clv';
   * const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
   * loadModel(JSON.parse(JSON.stringify(model))).params; // => { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
   */
  toJSON(): SerializedBetaGeoModel {
    return {
      model: 'beta-geo',
      version: 1,
      params: { ...this.params },
      timeUnit: this.timeUnit,
      fit: this.fit === null ? null : { ...this.fit },
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      confidenceIntervals: copyIntervals(this.confidenceIntervals),
    };
  }
}

function copyIntervals(
  intervals: Readonly<Record<keyof BetaGeoParams, BtydInterval>> | null,
): Record<keyof BetaGeoParams, BtydInterval> | null {
  if (intervals === null) return null;
  return {
    r: { ...intervals.r },
    alpha: { ...intervals.alpha },
    a: { ...intervals.a },
    b: { ...intervals.b },
  };
}

/**
 * G(t; x, T) = (a+b+x−1)/(a−1) · [1 − (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t): the expected purchases in
 * (T, T+t] of a customer known to be alive. The formula is 0/0 at a = 1; within 1e-5 of it the value is interpolated
 * linearly between a = 1 ± 1e-5 (error about 1e-10 relative, instead of the 1e-16/|a−1| cancellation).
 * @internal
 */
export function betaGeoExpectedIfAlive(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number,
  T: number,
): number {
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const at = (aa: number): number =>
    ((aa + b + x - 1) / (aa - 1)) * (1 - oneMinusZPowerTimesF(r + x, b + x, aa + b + x - 1, z));
  const delta = 1e-5;
  if (Math.abs(a - 1) >= delta) return at(a);
  const lo = at(1 - delta);
  const hi = at(1 + delta);
  return lo + ((a - (1 - delta)) / (2 * delta)) * (hi - lo);
}

/**
 * (1−z)^A · ₂F₁(A, B; C; z) through Euler's transformation, = (1−z)^(C−B) · ₂F₁(C−A, C−B; C; z), which keeps the
 * huge (1−z)^(−A) growth of ₂F₁ for large A (large frequencies) out of floating point.
 */
function oneMinusZPowerTimesF(A: number, B: number, C: number, z: number): number {
  // Both forms are equal; take the one whose ₂F₁ stays bounded as z → 1: the direct one when C − A − B ≥ 0 (e.g.
  // a > 1 + r + x), Euler's otherwise (its ₂F₁ has C − (C−A) − (C−B) = A + B − C > 0). The other would multiply an
  // overflowing ₂F₁ by an underflowing power (0 · ∞ = NaN).
  if (C - A - B >= 0) return Math.exp(A * Math.log1p(-z)) * hyp2f1(A, B, C, z);
  return Math.exp((C - B) * Math.log1p(-z)) * hyp2f1(C - A, C - B, C, z);
}

/**
 * ₂F₁(A, B; C; −u) for u ≥ 0 and A, B, C > 0 with C > A: the Laplace transform E[e^(−λpt)] that carries P(alive) and
 * DERT forward in time, a number in (0, 1]. Pfaff's transformation on A, (1+u)^(−A) ₂F₁(A, C−B; C; u/(1+u)), keeps the
 * power in log space (no overflow of (1+u)^(B) for large B = r + x); callers pass the dropout shape first.
 * @internal
 */
export function survivalFactor(A: number, B: number, C: number, u: number): number {
  if (u === 0) return 1;
  const w = u / (1 + u);
  return Math.exp(-A * Math.log1p(u)) * hyp2f1(A, C - B, C, w);
}

/** P(alive) columns kernel (no validation). @internal */
export function betaGeoProbabilityAlive(
  params: BetaGeoParams,
  frequency: Float64Array,
  recency: Float64Array,
  T: Float64Array,
): Float64Array {
  const { r, alpha, a, b } = params;
  const n = frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    if (x === 0) {
      out[i] = 1;
      continue;
    }
    const logOdds =
      (r + x) * Math.log((alpha + (T[i] as number)) / (alpha + (recency[i] as number))) + Math.log(a / (b + x - 1));
    out[i] = 1 / (1 + Math.exp(logOdds));
  }
  return out;
}

/** Conditional expectation kernel, cached over (frequency, T) pairs (the ₂F₁ part does not depend on recency). @internal */
export function betaGeoConditionalExpected(
  params: BetaGeoParams,
  t: number,
  frequency: Float64Array,
  recency: Float64Array,
  T: Float64Array,
): Float64Array {
  const { r, alpha, a, b } = params;
  const n = frequency.length;
  const out = new Float64Array(n);
  if (t === 0) return out;
  const cache = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    const age = T[i] as number;
    let inner = cache.get(x);
    if (inner === undefined) {
      inner = new Map();
      cache.set(x, inner);
    }
    let numerator = inner.get(age);
    if (numerator === undefined) {
      numerator = betaGeoExpectedIfAlive(r, alpha, a, b, t, x, age);
      inner.set(age, numerator);
    }
    if (x === 0) {
      out[i] = numerator;
      continue;
    }
    const logOdds = (r + x) * Math.log((alpha + age) / (alpha + (recency[i] as number))) + Math.log(a / (b + x - 1));
    out[i] = numerator / (1 + Math.exp(logOdds));
  }
  return out;
}

/** Options of {@link fitBetaGeo}. */
export type BetaGeoFitOptions = BtydFitOptions;

/** Precomputed data and scratch buffers of the objective (module-level so the hot loop keeps its optimized code). */
interface BetaGeoObjectiveState {
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

function betaGeoEvaluate(
  st: BetaGeoObjectiveState,
  r: number,
  alpha: number,
  a: number,
  b: number,
  wantGradient: boolean,
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
  // ln Γ(s+x) − ln Γ(s) and ψ(s+x) − ψ(s) for s = r, b, a+b and every x up to the largest frequency.
  const R = tables.fill(0, r);
  const B = tables.fill(1, b);
  const AB = tables.fill(2, a + b);
  // r ln α enters each customer's terms as −r·log1p(T/α) (and −r·log1p(tₓ/α)): written as r ln α − (r+x) ln(α+T) the
  // two terms cancel for large r and α (the Poisson limit), losing every digit by r ≈ 1e16.
  let sum = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let x = 0; x <= maxX; x++) {
    const w = weightByX[x] as number;
    if (w === 0) continue;
    sum += w * ((R.log[x] as number) + (B.log[x] as number) - (AB.log[x] as number));
    gR += w * (R.inv[x] as number);
    gA -= w * (AB.inv[x] as number);
    gB += w * ((B.inv[x] as number) - (AB.inv[x] as number));
  }
  for (let x = 1; x <= maxX; x++) lnBx[x] = Math.log(b + x - 1);
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
    // ln of (α/(α+T))^r (α+T)^(−x) and its derivatives in r and α.
    const l3 = -r * (lrT[j] as number) - x * lT;
    const d3r = -(lrT[j] as number);
    const d3a = r * (cT[j] as number) - x * (invAT[j] as number);
    if (x === 0) {
      sum += w * l3;
      gR += w * d3r;
      gAlpha += w * d3a;
      continue;
    }
    const tx = recency[i] as number;
    const ar = alpha + tx;
    const lr = Math.log1p(tx / alpha);
    const lR = lnAlpha + lr;
    const l4 = lnA - (lnBx[x] as number) - r * lr - x * lR;
    // log(e^l3 + e^l4) = max + log1p(e^−|l3−l4|)
    const d = l3 - l4;
    const e = Math.exp(-Math.abs(d));
    sum += w * ((d > 0 ? l3 : l4) + Math.log1p(e));
    if (wantGradient) {
      const p3 = d > 0 ? 1 / (1 + e) : e / (1 + e);
      const p4 = 1 - p3;
      gR += w * (p3 * d3r - p4 * lr);
      gAlpha += w * (p3 * d3a + (p4 * ((r * tx) / alpha - x)) / ar);
      gA += (w * p4) / a;
      gB -= (w * p4) / (b + x - 1);
    }
  }
  if (wantGradient) {
    lastGradient[0] = gR;
    lastGradient[1] = gAlpha;
    lastGradient[2] = gA;
    lastGradient[3] = gB;
  }
  return sum;
}

/**
 * Builds the BG/NBD objective over compressed rows: mean negative log-likelihood (FHL 2005 eq. 6, in the
 * log-sum-exp form of Hardie's note 004) plus penalizer·Σθ², and its analytic gradient in log parameters.
 * Terms depending only on the frequency (gamma and beta functions, digammas) are computed once per distinct frequency.
 * @internal
 */
export function betaGeoObjective(
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
  // Weight per frequency value (for the terms that depend on x only).
  let maxX = 0;
  for (let i = 0; i < n; i++) if ((frequency[i] as number) > maxX) maxX = frequency[i] as number;
  const weightByX = new Float64Array(maxX + 1);
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    weightByX[x] = (weightByX[x] as number) + (weight[i] as number);
  }
  const tables = new PochhammerTables(maxX);
  const lnBx = new Float64Array(maxX + 1); // ln(b + x − 1), x ≥ 1
  const distinctT = distinctValues(rows.T);
  const lnAT = new Float64Array(distinctT.values.length);
  const invAT = new Float64Array(distinctT.values.length);
  const lrT = new Float64Array(distinctT.values.length);
  const cT = new Float64Array(distinctT.values.length);
  const tIndex = distinctT.index;
  const lastPhi = new Float64Array(4).fill(Number.NaN);
  let lastValue = 0;
  const lastGradient = new Float64Array(4);

  const st: BetaGeoObjectiveState = {
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
    lastValue = betaGeoEvaluate(st, r, alpha, a, b, true);
    if (!Number.isFinite(lastValue)) return false;
    lastPhi.set(phi);
    return true;
  };
  const objective = (phi: Float64Array): number => {
    if (!ensure(phi)) return Number.POSITIVE_INFINITY;
    const r = Math.exp(phi[0] as number);
    const alpha = Math.exp(phi[1] as number);
    const a = Math.exp(phi[2] as number);
    const b = Math.exp(phi[3] as number);
    return -lastValue / W + penalizer * (r * r + alpha * alpha + a * a + b * b);
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
  const logLikelihood = (p: BetaGeoParams): number => betaGeoEvaluate(st, p.r, p.alpha, p.a, p.b, false);
  return { objective, gradient, logLikelihood };
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) to customer summaries by maximum likelihood.
 *
 * Likelihood per customer (FHL 2005 eq. 6): L = B(a, b+x)/B(a, b) · Γ(r+x)α^r/Γ(r) · [1/(α+T)^(r+x)
 * + δₓ₍>0₎ · a/(b+x−1) · 1/(α+tₓ)^(r+x)], summed in log-sum-exp form. Identical (x, tₓ, T) rows are merged into
 * weights first. Optimization: BFGS in ln θ with the analytic gradient, from lifetimes' start (all ones, α scaled to
 * max T/10) and two more starts; standard errors from the inverse Hessian (delta method, see `runFit`).
 * The penalizer follows lifetimes: objective = −(Σ wᵢ ln Lᵢ)/Σ wᵢ + λ Σθ² (lifetimes penalizes α in its internally
 * rescaled time, so penalized fits differ from lifetimes' in α).
 *
 * @param customers - `{ frequency, recency, T }` records plus `options.timeUnit`, or a summary table `{ customers, timeUnit }`
 * @param options - see {@link BtydFitOptions}
 * @returns the fitted {@link BetaGeoModel}
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming a bad record (negative or non-finite values, recency > T,
 *   frequency 0 with recency > 0, non-integer frequency); `EMPTY_INPUT`; `INVALID_OPTION`; `NOT_CONVERGED` in strict mode
 * @see Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the Pareto/NBD model",
 *   Marketing Science 24(2):275–284, doi:10.1287/mksc.1040.0098; Hardie, "Implementing the BG/NBD model for customer
 *   base analysis in Excel" (2005), http://brucehardie.com/notes/004/
 * @example
 * import { fitBetaGeo, simulateBetaGeo } from 'crm-analytics/clv';
 * const { customers } = simulateBetaGeo({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 3000, T: 39, seed: 7 });
 * const model = fitBetaGeo(customers, { timeUnit: 'week' });
 * model.converged; // => true
 * fitBetaGeo([{ frequency: 1.5, recency: 2, T: 5 }], { timeUnit: 'week' }); // throws INVALID_INPUT
 * fitBetaGeo([{ frequency: 1, recency: 2, T: 5 }]); // throws INVALID_OPTION
 */
export function fitBetaGeo(customers: BtydCustomers, options: BetaGeoFitOptions = {}): BetaGeoModel {
  const opts = parseOptions(btydFitOptionsSchema, options);
  const { rows, timeUnit } = prepareFitRows(customers, opts);
  const penalizer = opts.penalizer ?? 0;
  const { objective, gradient, logLikelihood } = betaGeoObjective(rows, penalizer);
  let maxT = 0;
  for (let i = 0; i < rows.count; i++) if ((rows.T[i] as number) > maxT) maxT = rows.T[i] as number;
  const alpha0 = maxT > 0 ? maxT / 10 : 1;
  const init = opts.initialParams;
  const starts: number[][] = [];
  if (init !== undefined) starts.push(NAMES.map((k, i) => init[k] ?? [1, alpha0, 1, 1][i] ?? 1));
  starts.push([1, alpha0, 1, 1], [0.5, alpha0 * 0.5, 0.5, 2], [2, alpha0 * 2, 2, 5]);
  const outcome = runFit({
    names: NAMES,
    objective,
    gradient,
    starts,
    totalWeight: rows.totalWeight,
    maxIterations: opts.maxIterations ?? 500,
    ...warmStartFor(rows, (sub) => betaGeoObjective(sub, penalizer)),
  });
  checkConvergence('fitBetaGeo', outcome, opts.strict);
  const params = named(NAMES, outcome.params);
  return new BetaGeoModel({
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
