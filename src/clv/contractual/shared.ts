/**
 * Internals shared by the contractual / discrete-time models: the maximum-likelihood driver (log-parameter space,
 * standard errors from the inverse Hessian), fit options, and small numeric kernels.
 * @module
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import * as z from 'zod';
import { CrmAnalyticsError } from '../../core/errors.js';
import { hyp2f1 } from '../../core/hypergeometric.js';
import { invertSymmetric, minimize, numericHessian } from '../../core/optimize.js';

/**
 * Options of the contractual fits ({@link fitShiftedBetaGeometric}, {@link fitBetaGeoBetaBinom}).
 */
export interface ContractualFitOptions {
  /** Maximum optimizer iterations (default 500). */
  maxIterations?: number;
  /** Gradient tolerance of the optimizer, relative to max(1, |log-likelihood|) (default 1e-9). */
  tolerance?: number;
  /** Throw `NOT_CONVERGED` instead of returning a model with `converged: false` (default false). */
  strict?: boolean;
}

/** The zod schema of {@link ContractualFitOptions} (shared by the contractual fits). */
export const contractualFitOptionsSchema: z.ZodType<ContractualFitOptions> = z.strictObject({
  maxIterations: z.number().int().min(1).max(100_000).optional(),
  tolerance: z.number().positive().max(1).optional(),
  strict: z.boolean().optional(),
}) as unknown as z.ZodType<ContractualFitOptions>;

/** How a contractual model was obtained: the maximum-likelihood fit's outcome. */
export interface ContractualFitInfo<K extends string> {
  /** Maximized log-likelihood (natural log; counts act as weights). */
  logLikelihood: number;
  /** Whether the optimizer met its tolerance. */
  converged: boolean;
  /** Optimizer iterations used. */
  iterations: number;
  /** Why the optimizer stopped, in words. */
  reason: string;
  /** Asymptotic standard errors (inverse observed information), `null` when the Hessian is not positive definite. */
  standardErrors: Record<K, number> | null;
  /** Number of customers (sum of weights) the model was fitted on. */
  observations: number;
}

/** A 95% Wald interval computed on the log scale (so it stays positive). */
export interface PositiveInterval {
  /** Lower bound, θ·exp(−1.96·SE/θ). */
  lower: number;
  /** Upper bound, θ·exp(+1.96·SE/θ). */
  upper: number;
}

/** Fitted parameters outside [EDGE_LOW, EDGE_HIGH] are taken as a maximum on the boundary (not identified). */
const EDGE_LOW = 1e-4;
const EDGE_HIGH = 1e6;

/**
 * Maximizes a log-likelihood over positive parameters by minimizing −LL in log space; standard errors from the
 * inverse Hessian in log space mapped back by the delta method (exact at the optimum, where the gradient is 0).
 * @internal
 */
export function fitPositiveParameters<K extends string>(
  names: readonly K[],
  logLikelihood: (params: Float64Array) => number,
  start: readonly number[],
  options: ContractualFitOptions,
  observations: number,
  modelName: string,
): { params: Record<K, number> } & ContractualFitInfo<K> {
  const natural = new Float64Array(names.length);
  const objective = (x: Float64Array): number => {
    for (let i = 0; i < x.length; i++) natural[i] = Math.exp(x[i] as number);
    const ll = logLikelihood(natural);
    return Number.isFinite(ll) ? -ll : Number.POSITIVE_INFINITY;
  };
  const result = minimize(
    objective,
    start.map((v) => Math.log(v)),
    {
      maxIterations: options.maxIterations ?? 500,
      gradientTolerance: options.tolerance ?? 1e-9,
    },
  );
  const params = {} as Record<K, number>;
  names.forEach((name, i) => {
    params[name] = Math.exp(result.x[i] as number);
  });
  const ll = -result.value;
  if (!Number.isFinite(ll)) {
    throw new CrmAnalyticsError(
      'NOT_CONVERGED',
      `${modelName}: the log-likelihood could not be evaluated (${result.reason})`,
    );
  }
  let converged = result.converged;
  let reason = result.reason;
  // A maximum that runs off to 0 or ∞ in some parameter (e.g. a cohort with no heterogeneity, or one where everyone
  // left at once) is not an interior optimum: the data do not identify the model. Report it as not converged.
  const offEdge = names.filter((name) => !(params[name] >= EDGE_LOW && params[name] <= EDGE_HIGH));
  if (offEdge.length > 0) {
    converged = false;
    reason = `the likelihood is maximized at the edge of the parameter space (${offEdge
      .map((name) => `${name} = ${params[name].toPrecision(3)}`)
      .join(', ')}): the data do not identify the model`;
  }
  if (!converged && options.strict === true) {
    throw new CrmAnalyticsError('NOT_CONVERGED', `${modelName}: the fit did not converge (${reason})`);
  }
  const n = names.length;
  const hessian = numericHessian(objective, result.x, 1e-4);
  const inverse = invertSymmetric(hessian, n);
  let standardErrors: Record<K, number> | null = null;
  if (inverse !== undefined) {
    const se = {} as Record<K, number>;
    let ok = true;
    names.forEach((name, i) => {
      const variance = inverse[i * n + i] as number;
      if (!(variance > 0)) ok = false;
      se[name] = params[name] * Math.sqrt(variance);
    });
    if (ok) standardErrors = se;
  }
  return {
    params,
    logLikelihood: ll,
    converged,
    iterations: result.iterations,
    reason,
    standardErrors,
    observations,
  };
}

/**
 * 95% intervals on the log scale: exp(log θ ± 1.96·SE(θ)/θ).
 * @internal
 */
export function logScaleIntervals<K extends string>(
  params: Readonly<Record<K, number>>,
  standardErrors: Readonly<Record<K, number>> | null,
): Record<K, PositiveInterval> | null {
  if (standardErrors === null) return null;
  const out = {} as Record<K, PositiveInterval>;
  for (const key of Object.keys(params) as K[]) {
    const value = params[key];
    const spread = (1.959963984540054 * standardErrors[key]) / value;
    out[key] = { lower: value * Math.exp(-spread), upper: value * Math.exp(spread) };
  }
  return out;
}

/** Most terms {@link hypergeometricOneSeries} sums directly: with z ≤ 0.999 it needs < 50 000 (remainder bound). */
const MAX_ONE_SERIES_TERMS = 1_000_000;

/**
 * ₂F₁(1, b; c; z) for 0 ≤ b < c and 0 ≤ z < 1, and z·d/dz of it (Σ k·t_k, used for elasticities).
 *
 * For z ≤ 0.999 the power series Σ (b)_k/(c)_k z^k is summed directly: every term ratio (b+k)/(c+k)·z is below z,
 * so the remainder after term t_k is at most t_k·z/(1−z), and summation stops when that bound is below 1e-16 of the
 * sum (within 50 000 terms at z = 0.999; the loop is capped at 10^6 and throws `NOT_CONVERGED` if that is ever
 * reached). Closer to 1 the series needs too many terms, and the general ₂F₁ of `core/hypergeometric` (linear
 * transformation to 1 − z) is used, with d/dz ₂F₁(1, b; c; z) = (b/c)·₂F₁(2, b+1; c+1; z) (A&S 15.2.1); when that
 * gives no finite value (its series did not converge, e.g. for b in the millions), the direct sum is tried after
 * all, and a `NOT_CONVERGED` error is thrown if it does not converge within its cap: never a truncated number.
 * @throws {CrmAnalyticsError} `NOT_CONVERGED` when the value cannot be computed to full precision
 * @internal
 */
export function hypergeometricOneSeries(b: number, c: number, z: number): { value: number; zDerivative: number } {
  if (z > 0.999) {
    const value = hyp2f1(1, b, c, z);
    const zDerivative = z * (b / c) * hyp2f1(2, b + 1, c + 1, z);
    if (Number.isFinite(value) && Number.isFinite(zDerivative) && value > 0) return { value, zDerivative };
    // The transformation's own series did not converge (e.g. b in the millions): the direct sum below still does
    // when z ≤ 1 − 5e-5 or so, and throws NOT_CONVERGED otherwise.
    if (z >= 1) throw seriesNotConverged(b, c, z);
  }
  let term = 1;
  let sum = 1;
  let weighted = 0;
  const tailFactor = z / (1 - z);
  for (let k = 0; k < MAX_ONE_SERIES_TERMS; k++) {
    term *= ((b + k) / (c + k)) * z;
    sum += term;
    weighted += (k + 1) * term;
    if (term === 0) return { value: sum, zDerivative: weighted };
    // Stryker disable next-line ArithmeticOperator: the weighted-tail bound below implies this one (Σ j·t_j < (k+1)·sum); term/tailFactor only adds terms < 1e-16·sum for z < 0.5 (no change in 540 (b, c, z) tried)
    const tail = term * tailFactor;
    const weightedTail = term * ((k + 1) * tailFactor + tailFactor / (1 - z));
    if (tail <= 1e-16 * sum && weightedTail <= 1e-16 * Math.max(weighted, Number.MIN_VALUE)) {
      return { value: sum, zDerivative: weighted };
    }
  }
  throw seriesNotConverged(b, c, z);
}

function seriesNotConverged(b: number, c: number, z: number): CrmAnalyticsError {
  return new CrmAnalyticsError(
    'NOT_CONVERGED',
    `options.discountRate: the series ₂F₁(1, ${b}; ${c}; ${z}) did not converge to full precision; use a larger discount rate`,
    { path: ['options', 'discountRate'] },
  );
}

/** Terms between exact re-evaluations in {@link logSumByRatios}: bounds the rounding drift of the recurrence. */
const ANCHOR_EVERY = 4096;

/**
 * log Σ_{i=first}^{last} t_i for a positive sequence given by its exact log term `logTermAt(i)` and its term ratio,
 * a rational function of i: t_i / t_{i−1} = ((i+p₁)(i+p₂)(i+p₃)) / ((i+q₁)(i+q₂)(i+q₃)) (a factor that is not
 * needed is passed as p = q = 0). −Infinity for an empty range.
 *
 * Method: the terms are produced by the ratio recurrence (one division each, instead of several log-gamma calls) and
 * summed in linear space relative to a running scale that is moved whenever the sum passes 1e280, so nothing
 * overflows; every 4096 terms the term is re-read from `logTermAt`, so the relative drift of the recurrence stays
 * below ~1e-12. Terms that underflow are below 1e-308 of the running sum. Cost O(last − first) flops and
 * O((last − first)/4096 + 1) calls of `logTermAt`.
 * @internal
 */
export function logSumByRatios(
  first: number,
  last: number,
  logTermAt: (i: number) => number,
  p: readonly [number, number, number],
  q: readonly [number, number, number],
): number {
  if (last < first) return Number.NEGATIVE_INFINITY;
  let scale = logTermAt(first);
  if (!Number.isFinite(scale)) return scale;
  const [p1, p2, p3] = p;
  const [q1, q2, q3] = q;
  let term = 1;
  let sum = 1;
  let sinceAnchor = 0;
  for (let i = first + 1; i <= last; i++) {
    if (++sinceAnchor === ANCHOR_EVERY) {
      sinceAnchor = 0;
      const exact = logTermAt(i) - scale;
      if (exact > 600) {
        sum *= Math.exp(-exact);
        scale += exact;
        term = 1;
      } else term = Math.exp(exact);
    } else {
      const num = (i + p1) * (i + p2) * (i + p3);
      const den = (i + q1) * (i + q2) * (i + q3);
      // A parameter near 1.8e308 overflows the products (∞/∞ = NaN): then one factor at a time.
      term *=
        num < Number.POSITIVE_INFINITY && den < Number.POSITIVE_INFINITY
          ? num / den
          : ((i + p1) / (i + q1)) * ((i + p2) / (i + q2)) * ((i + p3) / (i + q3));
    }
    sum += term;
    if (sum > 1e280) {
      const shift = Math.log(sum);
      scale += shift;
      term /= sum;
      sum = 1;
    }
  }
  return scale + Math.log(sum);
}

/**
 * Upper tail of the chi-square distribution, P(X ≥ x) for X ~ χ²(df): the regularized upper incomplete gamma
 * Q(df/2, x/2), by its series for x < a + 1 and Lentz's continued fraction otherwise (Press et al. 2007,
 * *Numerical Recipes* 3rd ed., §6.2).
 * @internal
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  const y = x / 2;
  const logPrefix = -y + a * Math.log(y) - gammaln(a);
  if (y < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      del *= y / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(logPrefix)));
  }
  const tiny = 1e-300;
  let b = y + 1 - a;
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
  return Math.min(1, Math.max(0, Math.exp(logPrefix) * h));
}
