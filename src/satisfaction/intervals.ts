/**
 * Internal interval kernels of the satisfaction area: the normal and Student t quantiles, the Wilson score
 * interval for a proportion, and a symmetric Wald interval. Not part of the public API.
 *
 * Why not simple-statistics' `probit`: it inverts an approximate error function (max error about 3e-3;
 * `probit(0.975)` gives 1.9572 instead of 1.95996), which would shift every published interval in the third
 * decimal. The normal quantile here is Wichura's AS 241 (PPND16), accurate to about 1e-16.
 * @module
 */
import betaln from '@stdlib/math-base-special-betaln';

/** A two-sided confidence interval, on the scale of the estimate it belongs to. */
export interface SurveyInterval {
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
}

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1.
 *
 * Method: Wichura (1988), "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3), 477–484, doi:10.2307/2347330 — rational approximations in three regions
 * (|p − ½| ≤ 0.425; then r = √(−ln min(p, 1 − p)) ≤ 5 or > 5), relative accuracy about 1e-16. The
 * coefficients are the published 20-digit values written as their nearest doubles (shortest round-trip form).
 * Precondition: 0 < p < 1 (callers validate the confidence level).
 * @internal
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  // Stryker disable next-line EqualityOperator: q = 0 never gets here (|q| > 0.425 in the tails), so q < 0 and q <= 0 agree
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.0103343992922881e-7 * r + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  // Stryker disable next-line EqualityOperator: q = 0 never gets here (|q| > 0.425 in the tails), so q < 0 and q <= 0 agree
  return q < 0 ? -value : value;
}

/**
 * Regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz), using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
 *
 * Method: DLMF §8.17(v), eq. 8.17.22; Lentz's algorithm as in Press et al., Numerical Recipes (3rd ed.), §6.4.
 * Preconditions: a, b > 0 and 0 ≤ x ≤ 1.
 * @internal
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - betaln(a, b)) / a;
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  // Stryker disable next-line EqualityOperator: 1 − y in binary64 is 0 or at least 2^-53 in magnitude, so < and <= 1e-300 both mean d = 0
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let numerator = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + numerator * d;
    // Stryker disable next-line EqualityOperator: 1 + y in binary64 is 0 or at least 2^-53 in magnitude, so < and <= 1e-300 both mean d = 0
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + numerator / c;
    // Stryker disable next-line EqualityOperator: 1 + y in binary64 is 0 or at least 2^-53 in magnitude, so < and <= 1e-300 both mean c = 0
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    numerator = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + numerator * d;
    // Stryker disable next-line EqualityOperator: 1 + y in binary64 is 0 or at least 2^-53 in magnitude, so < and <= 1e-300 both mean d = 0
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + numerator / c;
    // Stryker disable next-line EqualityOperator: 1 + y in binary64 is 0 or at least 2^-53 in magnitude, so < and <= 1e-300 both mean c = 0
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    // Stryker disable next-line EqualityOperator: the only double within 1e-16 of 1 is 1 itself (neighbours 1 − 2^-53, 1 + 2^-52), so < and <= agree
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return front * f;
}

/**
 * Student t quantile for 0.5 ≤ p < 1 and ν > 0 degrees of freedom.
 *
 * Method: the upper tail is P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½); that tail is increasing in
 * x = ν/(ν+t²), so x is found by bisection to machine precision and t = √(ν(1 − x)/x).
 * Robust rather than fast; it is called once per interval.
 * @internal
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  if (p <= 0.5) return 0;
  const tail = 1 - p;
  const half = degreesOfFreedom / 2;
  let lo = 0;
  let hi = 1;
  // Stryker disable next-line EqualityOperator: bisection of [0, 1] reaches mid === lo or hi within about 1075 halvings, so the cap is never hit
  for (let iteration = 0; iteration < 2000; iteration++) {
    const mid = 0.5 * (lo + hi);
    // Stryker disable next-line ConditionalExpression: once mid equals an end, later passes reassign that end to itself (f(lo) < tail ≤ f(hi) holds); only slower
    if (mid === lo || mid === hi) break;
    if (0.5 * regularizedIncompleteBeta(mid, half, 0.5) < tail) lo = mid;
    else hi = mid;
  }
  const x = 0.5 * (lo + hi);
  return Math.sqrt((degreesOfFreedom * (1 - x)) / x);
}

/**
 * The two-sided critical value z_{1−α/2} for a confidence level 1 − α.
 * @internal
 */
export function normalCriticalValue(confidenceLevel: number): number {
  return normalQuantile(0.5 + confidenceLevel / 2);
}

/**
 * The two-sided critical value t_{1−α/2, ν}.
 * @internal
 */
export function studentTCriticalValue(confidenceLevel: number, degreesOfFreedom: number): number {
  return studentTQuantile(0.5 + confidenceLevel / 2, degreesOfFreedom);
}

/**
 * Wilson (1927) score interval for a binomial proportion x/n at critical value z:
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
 *
 * Reference: Wilson (1927), JASA 22(158), 209–212, doi:10.1080/01621459.1927.10502953;
 * Newcombe (1998), Statistics in Medicine 17(8), 857–872 (method 3).
 * Precondition: 0 ≤ x ≤ n, n ≥ 1.
 * @internal
 */
export function wilsonInterval(successes: number, n: number, z: number): SurveyInterval {
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The bounds are exactly 0 / 1 at x = 0 / x = n; clamp the rounding.
  const lower = successes === 0 ? 0 : Math.max(0, (center - half) / denominator);
  const upper = successes === n ? 1 : Math.min(1, (center + half) / denominator);
  return { lower, upper };
}

/**
 * Symmetric (Wald-type) interval `estimate ± critical·standardError`, clamped to [min, max].
 * @internal
 */
export function symmetricInterval(
  estimate: number,
  standardError: number,
  critical: number,
  min: number = Number.NEGATIVE_INFINITY,
  max: number = Number.POSITIVE_INFINITY,
): SurveyInterval {
  const half = critical * standardError;
  return { lower: Math.max(min, estimate - half), upper: Math.min(max, estimate + half) };
}
