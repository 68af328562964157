/**
 * The Pareto/NBD model of Schmittlein, Morrison & Colombo (1987): fitting by maximum likelihood with the
 * log-sum-exp likelihood of Fader & Hardie's note, and the per-customer predictions.
 * @module
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import type { TimeUnit } from '../../core/dates.js';
import { hyp2f1 } from '../../core/hypergeometric.js';
import { parseOptions } from '../../core/validate.js';
import type { ProbabilityAliveOptions, ResidualPurchasesOptions } from './betaGeo.js';
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
import type { ParetoNbdParams } from './simulate.js';

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/** Everything that defines a Pareto/NBD model. */
export interface ParetoNbdModelState {
  params: ParetoNbdParams;
  /** Unit of `recency`, `T` and of plain-number times. */
  timeUnit: TimeUnit;
  fit?: BtydFitSummary | null;
  standardErrors?: ParetoNbdParams | null;
  confidenceIntervals?: Record<keyof ParetoNbdParams, BtydInterval> | null;
}

/** The JSON form of a {@link ParetoNbdModel}. */
export interface SerializedParetoNbdModel extends ParetoNbdModelState {
  model: 'pareto-nbd';
  version: 1;
  fit: BtydFitSummary | null;
  standardErrors: ParetoNbdParams | null;
  confidenceIntervals: Record<keyof ParetoNbdParams, BtydInterval> | null;
}

/**
 * Up to this z the power series of ₂F₁(1, B; C; z) (positive terms, falling at least like zⁿ since C > B) reaches
 * 1e-17 relative within about 40/(1 − z) = 40 000 terms: summed directly, it is exact to rounding for any B and C,
 * where the general `hyp2f1` continuation loses precision (or overflows) for B, C ≳ 1e5 (large r + x).
 */
const SERIES_LIMIT = 0.999;

/**
 * H(1, B; C; z) = ₂F₁(1, B; C; z) and its partial derivatives in B, C and z, written to `out` as [H, H_B, H_C, H_z].
 * Power series with running digamma-difference sums for z ≤ 0.999 (C − 1 − B > 0 here, so all terms are positive);
 * beyond, the value from `hyp2f1` and central differences for the derivatives.
 */
function h1WithDerivatives(B: number, C: number, z: number, out: Float64Array, wantDerivatives: boolean): void {
  if (z <= SERIES_LIMIT) {
    let term = 1;
    let sum = 1;
    let sB = 0;
    let sC = 0;
    let dB = 0;
    let dC = 0;
    let dz = 0;
    for (let n = 0; n < 100_000; n++) {
      const next = (term * (B + n) * z) / (C + n);
      if (wantDerivatives) {
        sB += 1 / (B + n);
        sC += 1 / (C + n);
        dB += next * sB;
        dC -= next * sC;
        dz += next * (n + 1);
      }
      term = next;
      sum += term;
      // Stryker disable next-line ArithmeticOperator: sum ≥ 1, so 1e-17 / sum only adds terms below half an ulp of sum
      if (term <= 1e-17 * sum) break;
    }
    out[0] = sum;
    out[1] = dB;
    out[2] = dC;
    out[3] = z > 0 ? dz / z : B / C;
    return;
  }
  out[0] = hyp2f1(1, B, C, z);
  if (!wantDerivatives) return;
  const hB = 1e-6 * Math.max(1, B);
  const hC = 1e-6 * Math.max(1, C);
  const hz = 1e-7 * (1 - z);
  out[1] = (hyp2f1(1, B + hB, C, z) - hyp2f1(1, B - hB, C, z)) / (2 * hB);
  out[2] = (hyp2f1(1, B, C + hC, z) - hyp2f1(1, B, C - hC, z)) / (2 * hC);
  out[3] = (hyp2f1(1, B, C, z + hz) - hyp2f1(1, B, C, z - hz)) / (2 * hz);
}

const scratch = new Float64Array(4);

/**
 * u(τ) = ln of the τ-end of the Pareto/NBD integral term (Fader & Hardie 2005, note 009, rearranged so that no
 * factor (1 − z)^(−s) can overflow): with k = r + s + x,
 * α ≥ β: u = −(r+x) ln(α+τ) − s ln(β+τ) + ln ₂F₁(1, r+x; k+1; (α−β)/(α+τ));
 * α < β: u = (1−r−x) ln(α+τ) − (s+1) ln(β+τ) + ln ₂F₁(1, s+1; k+1; (β−α)/(β+τ)).
 * (Euler's transformation of the note's ₂F₁(k, s+1; k+1; ·) and ₂F₁(k, r+x; k+1; ·).) Writes ∂u/∂(r, α, s, β) to `grad`.
 */
function endTerm(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tau: number,
  grad: Float64Array | undefined,
  offset: number,
): number {
  const k = r + s + x;
  const lnA = Math.log(alpha + tau);
  const lnB = Math.log(beta + tau);
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + tau);
    h1WithDerivatives(r + x, k + 1, z, scratch, grad !== undefined);
    const H = scratch[0] as number;
    if (grad !== undefined) {
      const hB = (scratch[1] as number) / H;
      const hC = (scratch[2] as number) / H;
      const hz = (scratch[3] as number) / H;
      grad[offset] = -lnA + hB + hC;
      grad[offset + 1] = -(r + x) / (alpha + tau) + (hz * (beta + tau)) / ((alpha + tau) * (alpha + tau));
      grad[offset + 2] = -lnB + hC;
      grad[offset + 3] = -s / (beta + tau) - hz / (alpha + tau);
    }
    return -(r + x) * lnA - s * lnB + Math.log(H);
  }
  const z = (beta - alpha) / (beta + tau);
  h1WithDerivatives(s + 1, k + 1, z, scratch, grad !== undefined);
  const H = scratch[0] as number;
  if (grad !== undefined) {
    const hB = (scratch[1] as number) / H;
    const hC = (scratch[2] as number) / H;
    const hz = (scratch[3] as number) / H;
    grad[offset] = -lnA + hC;
    grad[offset + 1] = (1 - r - x) / (alpha + tau) - hz / (beta + tau);
    grad[offset + 2] = -lnB + hB + hC;
    grad[offset + 3] = -(s + 1) / (beta + tau) + (hz * (alpha + tau)) / ((beta + tau) * (beta + tau));
  }
  return (1 - r - x) * lnA - (s + 1) * lnB + Math.log(H);
}

/**
 * ln of the bracket of the Pareto/NBD likelihood split in its two parts (both without the common factor
 * Γ(r+x)α^rβ^s/Γ(r)): A₁ = −(r+x) ln(α+T) − s ln(β+T) (alive at T) and A₂ = ln(s/k) + ln A₀ (died in (tₓ, T]).
 */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number): { a1: number; a2: number } {
  const { r, alpha, s, beta } = p;
  const a1 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  // tₓ = T leaves no time to have died unseen (A₀ = 0), also where u overflows to −∞ on both ends.
  if (tx === T) return { a1, a2: Number.NEGATIVE_INFINITY };
  const u1 = endTerm(r, alpha, s, beta, x, tx, undefined, 0);
  const u2 = endTerm(r, alpha, s, beta, x, T, undefined, 0);
  const q = Math.exp(u2 - u1);
  // q ≥ 1 only by rounding (u is decreasing in τ); a NaN (a ₂F₁ that failed) stays NaN, for the caller to report.
  const a2 = q >= 1 ? Number.NEGATIVE_INFINITY : Math.log(s / (r + s + x)) + u1 + Math.log1p(-q);
  return { a1, a2 };
}

function paretoProbabilityAlive(
  params: ParetoNbdParams,
  frequency: Float64Array,
  recency: Float64Array,
  T: Float64Array,
): Float64Array {
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < out.length; i++) {
    const { a1, a2 } = logParts(params, frequency[i] as number, recency[i] as number, T[i] as number);
    out[i] = a2 === Number.NEGATIVE_INFINITY ? 1 : 1 / (1 + Math.exp(a2 - a1));
  }
  return out;
}

/** (1 − (B/(B+t))^(s−1))/(s − 1), continuous at s = 1 (where it is ln((B+t)/B)). */
function survivalIntegral(s: number, B: number, t: number): number {
  const L = Math.log1p(t / B);
  const e = s - 1;
  return e === 0 ? L : -Math.expm1(-e * L) / e;
}

/** A fitted (or given) Pareto/NBD model with its predictions, vectorized over customers in input order. */
export class ParetoNbdModel implements BtydTransactionModel {
  /** Model kind. */
  readonly model: 'pareto-nbd' = 'pareto-nbd';
  /** The parameters (α, β in the model's time unit). */
  readonly params: Readonly<ParetoNbdParams>;
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
  readonly standardErrors: Readonly<ParetoNbdParams> | null;
  /** 95% intervals θ·exp(±1.96·SE(ln θ)), or `null`. */
  readonly confidenceIntervals: Readonly<Record<keyof ParetoNbdParams, BtydInterval>> | null;

  /**
   * Builds a model from its parameters, e.g. published estimates.
   *
   * @param state - parameters, time unit and optional fit statistics
   * @throws {CrmAnalyticsError} `INVALID_INPUT` if a parameter is not a finite number > 0, the time unit is unknown or
   *   the optional fit statistics are not finite
   * @example
   * import { ParetoNbdModel } from 'crm-analytics/clv';
   * new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' }).params.s; // => 0.606
   */
  constructor(state: ParetoNbdModelState) {
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
   * Expected repeat purchases of a new customer in (0, t] (Schmittlein et al. 1987):
   * E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)] (the limit rβ/α·ln((β+t)/β) at s = 1).
   *
   * @param t - horizon: model units or a duration
   * @returns expected repeat purchases
   * @example
   * import { ParetoNbdModel } from 'crm-analytics/clv';
   * const model = new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' });
   * model.expectedPurchases(39); // => 1.2130
   */
  expectedPurchases(t: BtydDuration): number {
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const { r, alpha, s, beta } = this.params;
    return checkResult(
      ((r * beta) / alpha) * survivalIntegral(s, beta, time),
      'ParetoNbdModel.expectedPurchases',
      (r / alpha) * time,
    );
  }

  /**
   * Expected repeat purchases in (T, T + t] given each customer's history (Fader & Hardie 2005, note 009):
   * E[Y(t) | x, tₓ, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, tₓ, T).
   *
   * @param t - horizon after T: model units or a duration
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @returns one value per customer, in input order
   * @throws {CrmAnalyticsError} `INVALID_INPUT` naming a bad record
   * @example
   * import { ParetoNbdModel } from 'crm-analytics/clv';
   * const model = new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' });
   * model.conditionalExpectedPurchases(39, [{ frequency: 2, recency: 30.43, T: 38.86 }])[0]; // => 1.4551
   */
  conditionalExpectedPurchases(t: BtydDuration, customers: BtydCustomers): Float64Array {
    const time = durationInUnit(t, this.timeUnit, ['t']);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const alive = paretoProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    const kernel = this.transactionKernel();
    for (let i = 0; i < alive.length; i++) {
      alive[i] = (alive[i] as number) * kernel.expectedIfAlive(time, cols.frequency[i] as number, cols.T[i] as number);
    }
    const { r, alpha } = this.params;
    // Bound: P(alive)·E[λ | alive]·t ≤ (r+x)/(α+T)·t.
    return checkResults(
      alive,
      'ParetoNbdModel.conditionalExpectedPurchases',
      (i) => ((r + (cols.frequency[i] as number)) / (alpha + (cols.T[i] as number))) * time,
    );
  }

  /**
   * Probability that each customer is alive at T (Fader & Hardie 2005, note 009), or at T + `at`:
   * P(alive at T+t) = P(alive at T) · ((β+T)/(β+T+t))^s, since given alive at T the dropout rate μ ~ Gamma(s, β+T).
   *
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @param options - `at`: time after T (default 0)
   * @returns probabilities in [0, 1], in input order
   * @example
   * import { ParetoNbdModel } from 'crm-analytics/clv';
   * const model = new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' });
   * model.probabilityAlive([{ frequency: 2, recency: 30.43, T: 38.86 }])[0]; // => 0.8692
   */
  probabilityAlive(customers: BtydCustomers, options: ProbabilityAliveOptions = {}): Float64Array {
    const at = readAtOption(options, this.timeUnit);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const out = paretoProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    if (at > 0) {
      const { s, beta } = this.params;
      for (let i = 0; i < out.length; i++) {
        const B = beta + (cols.T[i] as number);
        out[i] = (out[i] as number) * Math.exp(-s * Math.log1p(at / B));
      }
    }
    return checkResults(out, 'ParetoNbdModel.probabilityAlive', () => 1);
  }

  /**
   * Discounted expected residual transactions (DERT) of each customer with continuous discounting
   * (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2):
   * DERT = (r+x)/(α+T) · P(alive) · E[1/(δ+μ)], μ ~ Gamma(s, β+T), where
   * E[1/(δ+μ)] = (β+T) ∫₀^∞ e^(−δ(β+T)v) (1+v)^(−s) dv = (β+T)·U(1, 2−s, δ(β+T)) (Tricomi's function, DLMF 13.4.4).
   * Method: with z = δ(β+T), U(1, 2−s, z) = e^z z^(s−1) Γ(1−s, z); Γ(a, z) for any real a and z > 0 comes from
   * Legendre's continued fraction when z > 1 and from the series of γ(a, z) (with Γ(a) by reflection) or the upward
   * recurrence Γ(a, z) = (Γ(a+1, z) − z^a e^(−z))/a otherwise.
   *
   * @param customers - `{ frequency, recency, T }` records or a summary table
   * @param options - `discountRate`: e.g. `{ rate: 0.15, per: 'year' }` (annual 15%, i.e. δ = ln 1.15 per year)
   * @returns DERT per customer (discounted number of future purchases), in input order
   * @example
   * import { ParetoNbdModel } from 'crm-analytics/clv';
   * const model = new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' });
   * model.expectedResidualPurchases([{ frequency: 2, recency: 30.43, T: 38.86 }], { discountRate: { rate: 0.15, per: 'year' } })[0] > 0; // => true
   */
  expectedResidualPurchases(customers: BtydCustomers, options: ResidualPurchasesOptions): Float64Array {
    const delta = readDertDiscount(options, this.timeUnit);
    const cols = readCustomersForModel(customers, this.timeUnit);
    const alive = paretoProbabilityAlive(this.params, cols.frequency, cols.recency, cols.T);
    const { r, alpha, s, beta } = this.params;
    for (let i = 0; i < alive.length; i++) {
      const age = cols.T[i] as number;
      const B = beta + age;
      const z = delta * B;
      const meanInverse = B * scaledUpperIncompleteGamma(1 - s, z);
      alive[i] = ((r + (cols.frequency[i] as number)) / (alpha + age)) * (alive[i] as number) * meanInverse;
    }
    // Bound: E[1/(δ+μ)] ≤ 1/δ, so DERT ≤ (r+x)/((α+T)δ).
    return checkResults(
      alive,
      'ParetoNbdModel.expectedResidualPurchases',
      (i) => (r + (cols.frequency[i] as number)) / ((alpha + (cols.T[i] as number)) * delta),
    );
  }

  /**
   * The P(alive) · G(t) factorization used by `customerLifetimeValue`.
   * @internal
   */
  transactionKernel(): TransactionKernel {
    const params = this.params;
    const { r, alpha, s, beta } = params;
    return {
      probabilityAlive: (frequency, recency, T) => paretoProbabilityAlive(params, frequency, recency, T),
      expectedIfAlive: (t, x, T) => (((r + x) * (beta + T)) / (alpha + T)) * survivalIntegral(s, beta + T, t),
    };
  }

  /**
   * The JSON form; `loadModel` reads it back.
   * @returns the JSON form
   * @example
   * import { ParetoNbdModel } from 'crm-analytics/clv';
   * new ParetoNbdModel({ params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, timeUnit: 'week' }).toJSON().model; // => 'pareto-nbd'
   */
  toJSON(): SerializedParetoNbdModel {
    const ci = this.confidenceIntervals;
    return {
      model: 'pareto-nbd',
      version: 1,
      params: { ...this.params },
      timeUnit: this.timeUnit,
      fit: this.fit === null ? null : { ...this.fit },
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      confidenceIntervals:
        ci === null ? null : { r: { ...ci.r }, alpha: { ...ci.alpha }, s: { ...ci.s }, beta: { ...ci.beta } },
    };
  }
}

/**
 * Upper incomplete gamma Γ(a, z) for real a and z > 0: Legendre's continued fraction (modified Lentz) when
 * z > 1.5 + |a|; otherwise Γ(a) − γ(a, z) with the power series of γ for a > 0, and for a ≤ 0 the downward recurrence
 * Γ(a, z) = (Γ(a+1, z) − z^a e^(−z))/a from a + m in (0, 1), or from Γ(0, z) = E₁(z) when a is an integer
 * (DLMF 8.8.2, 8.9.2, 6.6.2).
 * @internal
 */
export function upperIncompleteGamma(a: number, z: number): number {
  if (fractionConverges(a, z)) {
    // Legendre continued fraction Γ(a,z) = e^(−z) z^a / (z + 1 − a − 1·(1−a)/(z + 3 − a − …)).
    return Math.exp(-z + a * Math.log(z)) * legendreFraction(a, z);
  }
  if (a > 0) return lowerComplementSeries(a, z);
  // a ≤ 0: start from b = a + m in (0, 1) (or b = 0 with E₁ when a is an integer) and step down m times.
  const m = Number.isInteger(a) ? -a : Math.ceil(-a);
  const b = a + m;
  let value = b === 0 ? exponentialIntegralE1(z) : lowerComplementSeries(b, z);
  for (let step = 0; step < m; step++) {
    const b1 = b - step - 1;
    value = (value - Math.exp(b1 * Math.log(z) - z)) / b1;
  }
  return value;
}

/**
 * e^z z^(−a) Γ(a, z) (= U(1, 1+a, z), Tricomi's function), without forming e^z or Γ(a, z) when the continued fraction
 * applies (they cancel exactly: the fraction itself is the value), and in log space otherwise. Forming
 * e^z·z^(s−1)·Γ(1−s, z) directly overflows to ∞·0 = NaN once z = δ(β+T) passes about 709.
 * @internal
 */
export function scaledUpperIncompleteGamma(a: number, z: number): number {
  if (fractionConverges(a, z)) return legendreFraction(a, z);
  const g = upperIncompleteGamma(a, z);
  return g > 0 ? Math.exp(z - a * Math.log(z) + Math.log(g)) : g;
}

/**
 * Where Legendre's continued fraction is used: z > 1.5 + |a|, and also every a ≤ 0 with z ≥ 1.5 or a ≤ −10. There it
 * converges in at most about 130 terms to within 1e−15 (checked against mpmath at 40 digits for a from −1000 to −0.5
 * and z from 0.001 to 30), while the downward recurrence from a + m loses digits once z is near |a| (a = −10, z = 10:
 * 7e−5 relative) and takes |a| steps (a = 1 − s with s near 1e308 never ended).
 */
function fractionConverges(a: number, z: number): boolean {
  return z > 1.5 + Math.abs(a) || (a <= 0 && (z >= 1.5 || a <= -10));
}

/** Legendre's continued fraction for e^z z^(−a) Γ(a, z), where {@link fractionConverges} (modified Lentz). */
function legendreFraction(a: number, z: number): number {
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Γ(a, z) = Γ(a) − γ(a, z) for a > 0 with γ by its power series (z moderate). */
function lowerComplementSeries(a: number, z: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= z / (a + n);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  const lower = Math.exp(-z + a * Math.log(z)) * sum;
  return Math.exp(gammaln(a)) - lower;
}

/** E₁(z) for z > 0 (series; z here is ≤ 1.5 + |a|, and a = 0, so z ≤ 1.5). */
function exponentialIntegralE1(z: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 1; k < 200; k++) {
    term *= -z / k;
    const add = term / k;
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return -0.5772156649015329 - Math.log(z) - sum;
}

/** Precomputed data and scratch buffers of the objective (module-level so the hot loop keeps its optimized code). */
interface ParetoNbdObjectiveState {
  n: number;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  W: number;
  maxX: number;
  weightByX: Float64Array;
  tables: PochhammerTables;
  P: number;
  pairX: number[];
  pairT: number[];
  pairOf: Int32Array;
  uT: Float64Array;
  duT: Float64Array;
  du1: Float64Array;
  lastGradient: Float64Array;
}

function paretoNbdEvaluate(
  st: ParetoNbdObjectiveState,
  r: number,
  alpha: number,
  s: number,
  beta: number,
  wantGradient: boolean,
): number {
  const {
    n,
    frequency,
    recency,
    T,
    weight,
    W,
    maxX,
    weightByX,
    tables,
    P,
    pairX,
    pairT,
    pairOf,
    uT,
    duT,
    du1,
    lastGradient,
  } = st;
  const R = tables.fill(0, r);
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  let sum = W * (r * lnAlpha + s * lnBeta);
  let gR = W * lnAlpha;
  let gAlpha = (W * r) / alpha;
  let gS = W * lnBeta;
  let gBeta = (W * s) / beta;
  for (let x = 0; x <= maxX; x++) {
    const w = weightByX[x] as number;
    if (w === 0) continue;
    sum += w * (R.log[x] as number);
    gR += w * (R.inv[x] as number);
  }
  for (let j = 0; j < P; j++) {
    uT[j] = endTerm(r, alpha, s, beta, pairX[j] as number, pairT[j] as number, wantGradient ? duT : undefined, 4 * j);
  }
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    const w = weight[i] as number;
    const age = T[i] as number;
    const lnAT = Math.log(alpha + age);
    const lnBT = Math.log(beta + age);
    const a1 = -(r + x) * lnAT - s * lnBT;
    const j = pairOf[i] as number;
    const u2 = uT[j] as number;
    const u1 = endTerm(r, alpha, s, beta, x, recency[i] as number, wantGradient ? du1 : undefined, 0);
    const q = Math.exp(u2 - u1);
    const k = r + s + x;
    if (!(q < 1)) {
      sum += w * a1;
      if (wantGradient) {
        gR -= w * lnAT;
        gAlpha -= (w * (r + x)) / (alpha + age);
        gS -= w * lnBT;
        gBeta -= (w * s) / (beta + age);
      }
      continue;
    }
    const a2 = Math.log(s / k) + u1 + Math.log1p(-q);
    const d = a1 - a2;
    const e = Math.exp(-Math.abs(d));
    sum += w * ((d > 0 ? a1 : a2) + Math.log1p(e));
    if (wantGradient) {
      const p1 = d > 0 ? 1 / (1 + e) : e / (1 + e);
      const p2 = 1 - p1;
      const inv = 1 / (1 - q);
      const o = 4 * j;
      // ∂ ln A₀ = (∂u₁ − q ∂u₂)/(1 − q)
      const l0 = ((du1[0] as number) - q * (duT[o] as number)) * inv;
      const l1 = ((du1[1] as number) - q * (duT[o + 1] as number)) * inv;
      const l2 = ((du1[2] as number) - q * (duT[o + 2] as number)) * inv;
      const l3 = ((du1[3] as number) - q * (duT[o + 3] as number)) * inv;
      gR += w * (p1 * -lnAT + p2 * (l0 - 1 / k));
      gAlpha += w * ((p1 * -(r + x)) / (alpha + age) + p2 * l1);
      gS += w * (p1 * -lnBT + p2 * (1 / s - 1 / k + l2));
      gBeta += w * ((p1 * -s) / (beta + age) + p2 * l3);
    }
  }
  if (wantGradient) {
    lastGradient[0] = gR;
    lastGradient[1] = gAlpha;
    lastGradient[2] = gS;
    lastGradient[3] = gBeta;
  }
  return sum;
}

/**
 * The Pareto/NBD objective (mean negative log-likelihood + penalizer·Σθ²) and its analytic gradient in log parameters.
 * The T-end term depends on (x, T) only and is computed once per distinct pair.
 * @internal
 */
export function paretoNbdObjective(
  rows: CompressedRows,
  penalizer: number,
): {
  objective: (phi: Float64Array) => number;
  gradient: (phi: Float64Array, out: Float64Array) => void;
  logLikelihood: (params: ParetoNbdParams) => number;
} {
  const n = rows.count;
  const { frequency, recency, T, weight } = rows;
  const W = rows.totalWeight;
  let maxX = 0;
  for (let i = 0; i < n; i++) if ((frequency[i] as number) > maxX) maxX = frequency[i] as number;
  const weightByX = new Float64Array(maxX + 1);
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    weightByX[x] = (weightByX[x] as number) + (weight[i] as number);
  }
  // Distinct (x, T) pairs.
  const pairOf = new Int32Array(n);
  const pairX: number[] = [];
  const pairT: number[] = [];
  const pairMap = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    const t = T[i] as number;
    let inner = pairMap.get(x);
    if (inner === undefined) {
      inner = new Map();
      pairMap.set(x, inner);
    }
    let j = inner.get(t);
    if (j === undefined) {
      j = pairX.length;
      inner.set(t, j);
      pairX.push(x);
      pairT.push(t);
    }
    pairOf[i] = j;
  }
  const P = pairX.length;
  const uT = new Float64Array(P);
  const duT = new Float64Array(4 * P);
  const du1 = new Float64Array(4);
  const tables = new PochhammerTables(maxX);
  const lastPhi = new Float64Array(4).fill(Number.NaN);
  let lastValue = 0;
  const lastGradient = new Float64Array(4);

  const st: ParetoNbdObjectiveState = {
    n,
    frequency,
    recency,
    T,
    weight,
    W,
    maxX,
    weightByX,
    tables,
    P,
    pairX,
    pairT,
    pairOf,
    uT,
    duT,
    du1,
    lastGradient,
  };

  const ensure = (phi: Float64Array): boolean => {
    if (phi[0] === lastPhi[0] && phi[1] === lastPhi[1] && phi[2] === lastPhi[2] && phi[3] === lastPhi[3]) return true;
    const th = [0, 1, 2, 3].map((j) => Math.exp(phi[j] as number));
    const [r, alpha, s, beta] = th as [number, number, number, number];
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0 && Number.isFinite(r + alpha + s + beta))) return false;
    // The evaluation rewrites the cached value and gradient: the cache holds no point until it has succeeded.
    lastPhi.fill(Number.NaN);
    lastValue = paretoNbdEvaluate(st, r, alpha, s, beta, true);
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
  const logLikelihood = (p: ParetoNbdParams): number => {
    lastPhi.fill(Number.NaN);
    // Stryker disable next-line BooleanLiteral: the gradient is a by-product here; lastPhi is cleared, so it is never read
    return paretoNbdEvaluate(st, p.r, p.alpha, p.s, p.beta, false);
  };
  return { objective, gradient, logLikelihood };
}

/** Options of {@link fitParetoNbd}. */
export type ParetoNbdFitOptions = BtydFitOptions;

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to customer summaries by maximum likelihood.
 *
 * Likelihood (Fader & Hardie 2005, note 009): L = Γ(r+x)α^rβ^s/Γ(r) · [1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x)·A₀],
 * with A₀ the difference of two ₂F₁ terms at tₓ and T. Computed in log space: ln A₀ = u(tₓ) + log1p(−e^(u(T)−u(tₓ))),
 * the two parts combined by log-sum-exp, and each ₂F₁ rewritten by Euler's transformation so that nothing overflows
 * for large frequencies (where lifetimes' `_log_A_0` needs special handling). Analytic gradient (series derivatives of
 * ₂F₁(1, B; C; z) in B, C, z); BFGS in ln θ from several starts until one converges.
 *
 * @param customers - `{ frequency, recency, T }` records plus `options.timeUnit`, or a summary table
 * @param options - see {@link BtydFitOptions}
 * @returns the fitted {@link ParetoNbdModel}
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming a bad record; `EMPTY_INPUT`; `INVALID_OPTION`; `NOT_CONVERGED` in strict mode
 * @see Schmittlein, Morrison & Colombo (1987), Management Science 33(1):1–24, doi:10.1287/mnsc.33.1.1; Fader &
 *   Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions", http://brucehardie.com/notes/009/
 * @example
 * import { fitParetoNbd, simulateParetoNbd } from 'crm-analytics/clv';
 * const { customers } = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 3000, T: 39, seed: 3 });
 * fitParetoNbd(customers, { timeUnit: 'week' }).converged; // => true
 */
export function fitParetoNbd(customers: BtydCustomers, options: ParetoNbdFitOptions = {}): ParetoNbdModel {
  const opts = parseOptions(btydFitOptionsSchema, options);
  const { rows, timeUnit } = prepareFitRows(customers, opts);
  const penalizer = opts.penalizer ?? 0;
  const { objective, gradient, logLikelihood } = paretoNbdObjective(rows, penalizer);
  let maxT = 0;
  for (let i = 0; i < rows.count; i++) if ((rows.T[i] as number) > maxT) maxT = rows.T[i] as number;
  const scale = maxT > 0 ? maxT / 10 : 1;
  const init = opts.initialParams;
  const starts: number[][] = [];
  const defaults = [1, scale, 1, scale];
  if (init !== undefined) starts.push(NAMES.map((k, i) => init[k] ?? (defaults[i] as number)));
  starts.push(defaults, [0.5, scale * 2, 0.5, scale * 2], [2, scale * 0.5, 2, scale * 0.5]);
  const outcome = runFit({
    names: NAMES,
    objective,
    gradient,
    starts,
    totalWeight: rows.totalWeight,
    maxIterations: opts.maxIterations ?? 500,
    ...warmStartFor(rows, (sub) => paretoNbdObjective(sub, penalizer)),
  });
  checkConvergence('fitParetoNbd', outcome, opts.strict);
  const params = named(NAMES, outcome.params);
  return new ParetoNbdModel({
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
