/**
 * Internal kernels of the retention-based CLV: the geometric sums behind {@link lifetimeValue},
 * {@link customerEquity} and {@link retentionImpact}. Inputs are already validated by the callers.
 *
 * Every cash flow of the model is a geometric series:
 * - the margin of period t is `m·(1+g)^(t−1)`, weighted by the survival of the period and discounted,
 *   so consecutive terms have the ratio `q_g = r·(1+g)/(1+d)`;
 * - the referral value `v` and the retention cost `c` do not grow, so their ratio is `q_0 = r/(1+d)`.
 *
 * With `S(q, T) = Σ_{k=0}^{T−1} q^k` (= `(1 − q^T)/(1 − q)`, `T` when q = 1, `1/(1 − q)` when T = ∞ and q < 1)
 * and the timing factor `a` (`r/(1+d)` for margins at the end of each period, `1` at the start):
 *
 * `CLV = −A + a·[ m·S(q_g, T) + (v − c)·S(q_0, T) ]`
 *
 * Numerics: `1 − q` is formed as `((1 − r) + d − r·g)/(1 + d)`, which keeps full relative precision when r is
 * close to 1, and `1 − q^T` as `−expm1(T·ln q)`, which stays accurate when q^T is close to 1.
 * @module
 * @internal
 */
import { invalidWithReason } from '../../core/messages.js';

/** When the margin of a period arrives: at its end (Gupta & Lehmann's base case) or at its start. */
export type LifetimeValueTiming = 'end' | 'start';

/** Validated, defaulted parameters of one customer's CLV. @internal */
export interface RetentionClvParams {
  margin: number;
  retentionRate: number;
  discountRate: number;
  periods: number;
  marginGrowth: number;
  retentionCost: number;
  acquisitionCost: number;
  referralValue: number;
  timing: LifetimeValueTiming;
}

/** One geometric series `Σ_{k=0}^{T−1} q^k` with `q = r·(1+g)/(1+d)`, precomputed pieces. @internal */
export interface GeometricSeries {
  /** `(1+d)·(1 − q) = (1 − r) + d − r·g`, computed without cancellation of `1 − r`. */
  readonly gap: number;
  /** `ln q` (−∞ when q = 0). */
  readonly logRatio: number;
  readonly onePlusD: number;
}

/** @internal */
export function geometricSeries(r: number, g: number, d: number): GeometricSeries {
  return {
    gap: 1 - r + d - r * g,
    logRatio: r === 0 || g === -1 ? Number.NEGATIVE_INFINITY : Math.log(r) + Math.log1p(g) - Math.log1p(d),
    onePlusD: 1 + d,
  };
}

/** Whether the infinite series converges (q < 1). @internal */
export function converges(series: GeometricSeries): boolean {
  return series.logRatio === Number.NEGATIVE_INFINITY || series.gap > 0;
}

/**
 * `Σ_{k=0}^{T−1} q^k` for T ≥ 0 (T may be Infinity; the caller checks {@link converges} first for T = ∞).
 * @internal
 */
export function geometricSum(series: GeometricSeries, periods: number): number {
  return series.onePlusD * scaledGeometricSum(series, periods);
}

/**
 * `Σ_{k=0}^{T−1} q^k / (1+d)`, i.e. `(1 − q^T)/gap`: the form that keeps `m·r/(1 + d − r)` to a single division.
 * @internal
 */
export function scaledGeometricSum(series: GeometricSeries, periods: number): number {
  if (periods === 0) return 0;
  if (series.logRatio === Number.NEGATIVE_INFINITY) return 1 / series.onePlusD;
  if (periods === Number.POSITIVE_INFINITY) return 1 / series.gap;
  if (series.gap === 0) return periods / series.onePlusD;
  // (1 − q^T)/((1+d)(1 − q)) with both factors formed without cancellation.
  return -Math.expm1(periods * series.logRatio) / series.gap;
}

/** `q^n` for n ≥ 0. @internal */
export function geometricPower(series: GeometricSeries, n: number): number {
  if (n === 0) return 1;
  return Math.exp(n * series.logRatio);
}

/** The pieces of one customer's CLV, kept apart so that the table and the tail can reuse them. @internal */
export interface RetentionClvParts {
  /** Timing factor: `r/(1+d)` (end) or `1` (start). */
  timingFactor: number;
  /** `(1+d)` × the timing factor: `r` (end) or `1 + d` (start). */
  timingNumerator: number;
  /** Margin series (ratio `r(1+g)/(1+d)`); unused when {@link RetentionClvParts.combined}. */
  marginSeries: GeometricSeries;
  /** Constant-flow series (ratio `r/(1+d)`) for referral value minus retention cost. */
  flowSeries: GeometricSeries;
  /** Margin coefficient of the margin series (0 when merged into the flow because g = 0). */
  marginCoefficient: number;
  /** Coefficient of the constant-flow series: `v − c` (plus `m` when g = 0). */
  flowCoefficient: number;
}

/** Splits a customer's CLV into its two geometric series; with g = 0 both share a ratio and are merged. @internal */
export function retentionClvParts(p: RetentionClvParams): RetentionClvParts {
  const r = p.retentionRate;
  const d = p.discountRate;
  const flow = p.referralValue - p.retentionCost;
  const merged = p.marginGrowth === 0;
  return {
    timingFactor: p.timing === 'end' ? r / (1 + d) : 1,
    timingNumerator: p.timing === 'end' ? r : 1 + d,
    marginSeries: geometricSeries(r, p.marginGrowth, d),
    flowSeries: geometricSeries(r, 0, d),
    marginCoefficient: merged ? 0 : p.margin,
    flowCoefficient: merged ? p.margin + flow : flow,
  };
}

/**
 * Throws `DIVERGENT` when an infinite horizon makes a non-zero series diverge.
 * @internal
 */
export function assertConvergent(
  p: RetentionClvParams,
  parts: RetentionClvParts,
  path: ReadonlyArray<string | number>,
): void {
  if (p.periods !== Number.POSITIVE_INFINITY || parts.timingFactor === 0) return;
  if (parts.marginCoefficient !== 0 && !converges(parts.marginSeries)) {
    throw invalidWithReason(
      [...path, 'marginGrowth'],
      `the infinite-horizon series diverges: retentionRate·(1 + marginGrowth) = ${p.retentionRate * (1 + p.marginGrowth)} is not below 1 + discountRate = ${1 + p.discountRate}; give a finite number of periods or a discount rate above retentionRate·(1 + marginGrowth) − 1`,
      'DIVERGENT',
    );
  }
  if (parts.flowCoefficient !== 0 && !converges(parts.flowSeries)) {
    const what = p.marginGrowth === 0 ? 'margin + referralValue − retentionCost' : 'referralValue − retentionCost';
    throw invalidWithReason(
      [...path, 'retentionRate'],
      `the infinite-horizon series diverges: with retentionRate = 1 and discountRate = 0 the per-period ${what} (${parts.flowCoefficient}) is never discounted nor lost; give a finite number of periods, a discount rate > 0 or a retention rate < 1`,
      'DIVERGENT',
    );
  }
}

/**
 * Present value of periods `from + 1 … to` (to may be Infinity) of the relationship, without the acquisition cost.
 * @internal
 */
export function presentValueOfPeriods(parts: RetentionClvParts, from: number, to: number): number {
  const count = to - from;
  if (count <= 0 || parts.timingFactor === 0) return 0;
  return (
    seriesValue(parts, parts.marginSeries, parts.marginCoefficient, from, count) +
    seriesValue(parts, parts.flowSeries, parts.flowCoefficient, from, count)
  );
}

function seriesValue(
  parts: RetentionClvParts,
  series: GeometricSeries,
  coefficient: number,
  from: number,
  count: number,
): number {
  if (coefficient === 0) return 0;
  // q = 0: only the first term (q^0 = 1) exists; keep it exact (r = 0 with start timing is exactly the first flow).
  if (series.logRatio === Number.NEGATIVE_INFINITY) return from === 0 ? coefficient * parts.timingFactor : 0;
  return parts.timingNumerator * coefficient * geometricPower(series, from) * scaledGeometricSum(series, count);
}

/**
 * The closed-form CLV as a scalar kernel without allocations: `NaN` when an infinite series diverges (the caller
 * then asks {@link retentionClvValue} for the error) and ±Infinity/NaN on overflow.
 * @internal
 */
export function retentionClvKernel(
  margin: number,
  r: number,
  d: number,
  periods: number,
  g: number,
  retentionCost: number,
  referralValue: number,
  acquisitionCost: number,
  end: boolean,
): number {
  const flow = referralValue - retentionCost;
  const merged = g === 0;
  const onePlusD = 1 + d;
  const numerator = end ? r : onePlusD;
  const factor = end ? r / onePlusD : 1;
  let sum = 0;
  if (!merged && margin !== 0) sum += kernelSeries(margin, r, g, d, onePlusD, periods, numerator, factor);
  const flowCoefficient = merged ? margin + flow : flow;
  if (flowCoefficient !== 0) sum += kernelSeries(flowCoefficient, r, 0, d, onePlusD, periods, numerator, factor);
  return sum - acquisitionCost;
}

function kernelSeries(
  coefficient: number,
  r: number,
  g: number,
  d: number,
  onePlusD: number,
  periods: number,
  numerator: number,
  factor: number,
): number {
  if (factor === 0) return 0;
  // q = 0: only the first term exists; keep it exact (r = 0 with start timing is exactly the first flow).
  if (r === 0 || g === -1) return coefficient * factor;
  const gap = 1 - r + d - r * g;
  if (periods === Number.POSITIVE_INFINITY) return gap > 0 ? (numerator * coefficient) / gap : Number.NaN;
  if (gap === 0) return (numerator * coefficient * periods) / onePlusD;
  return (numerator * coefficient * -Math.expm1(periods * (Math.log(r) + Math.log1p(g) - Math.log1p(d)))) / gap;
}

/**
 * The closed-form CLV of validated parameters; throws `DIVERGENT` (infinite horizon, q ≥ 1) or `DOMAIN_ERROR`
 * (a finite result that overflows a double).
 * @internal
 */
export function retentionClvValue(p: RetentionClvParams, path: ReadonlyArray<string | number>): number {
  const value = retentionClvKernel(
    p.margin,
    p.retentionRate,
    p.discountRate,
    p.periods,
    p.marginGrowth,
    p.retentionCost,
    p.referralValue,
    p.acquisitionCost,
    p.timing === 'end',
  );
  if (Number.isFinite(value)) return value;
  assertConvergent(p, retentionClvParts(p), path);
  throw invalidWithReason(
    path,
    'the lifetime value overflows a double (too many periods with too fast growth)',
    'DOMAIN_ERROR',
  );
}
