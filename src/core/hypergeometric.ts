/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments, as the buy-'til-you-die models need it
 * (Pareto/NBD likelihood and P(alive), DERT, sBG DERL).
 *
 * Domain: real a, b, c with c not a non-positive integer, and real z ≤ 1 (z = 1 only when c − a − b > 0, by Gauss's
 * theorem; otherwise the value is +Infinity for positive a, b). Outside the domain the result is NaN — callers validate.
 *
 * Method (Abramowitz & Stegun 1964, §15.1–15.3; DLMF §15.2, §15.4, §15.8, https://dlmf.nist.gov/15):
 * - a or b a non-positive integer: the terminating series (a polynomial), summed directly.
 * - z < 0: Pfaff's transformation (A&S 15.3.4) ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)), which maps z
 *   to w = z/(z−1) in (0, 1) and removes the alternating series.
 * - 0 ≤ w ≤ 0.9, or any w < 1 when |c − a − b| > 10: the power series; when c − a − b < 0 it is summed after
 *   Euler's transformation (A&S 15.3.3) ₂F₁(a,b;c;w) = (1−w)^(c−a−b) ₂F₁(c−a, c−b; c; w), whose terms eventually
 *   fall like n^(−|c−a−b|−1)·wⁿ.
 * - 0.9 < w < 1 otherwise: the linear transformation to 1 − w (A&S 15.3.6); when c − a − b is an integer m, the
 *   logarithmic form (A&S 15.3.10–15.3.12, DLMF 15.8.10) with digamma recurrences; when c − a − b is within 1e-5
 *   of an integer, a linear interpolation in c between the integer case and a point 1e-5 away, which avoids the
 *   cancellation between the two 15.3.6 terms (error O(1e-10) relative).
 * Every series is capped at 100 000 terms; one that has not converged by then makes the result NaN (never a
 * truncated, wrong value), and callers turn NaN into a `NOT_CONVERGED` / `DOMAIN_ERROR` of their own.
 * Accuracy: about 1e-13 relative for the series branch, 1e-12 for the transformed branches on moderate parameters
 * (tested against closed forms and mpmath values in test/core/hypergeometric.test.ts).
 * @module
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';

const SERIES_LIMIT = 0.9;
const MAX_TERMS = 100_000;

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** Sign of Γ(x) (0 at the poles x = 0, −1, −2, …). */
function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Γ(n₁)·Γ(n₂)/(Γ(d₁)·Γ(d₂)), with 1/Γ(pole) = 0; no numerator argument may be a pole. */
function gammaRatio(n1: number, n2: number, d1: number, d2: number): number {
  const sign = gammaSign(n1) * gammaSign(n2) * gammaSign(d1) * gammaSign(d2);
  if (sign === 0) return 0;
  return sign * Math.exp(gammaln(n1) + gammaln(n2) - gammaln(d1) - gammaln(d2));
}

/**
 * Power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, summed until the terms stop mattering (or terminate); NaN when 100 000
 * terms were not enough (a truncated sum would be a wrong number, NaN makes callers report it).
 */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0 || Math.abs(term) <= 1e-17 * Math.abs(sum)) return sum;
  }
  return Number.NaN;
}

/** ₂F₁ by the logarithmic 1 − w expansion when c = a + b + m, m = 0, 1, 2, … (DLMF 15.8.10). */
function integerCase(a: number, b: number, m: number, w: number): number {
  const y = 1 - w;
  const logY = Math.log(y);
  // First (finite) sum, divided by Γ(a+m)Γ(b+m).
  let s1 = 0;
  if (m > 0) {
    let poch = 1; // (a)_k (b)_k / k!
    let factorial = 1; // (m−1)!
    for (let k = 1; k < m; k++) factorial *= k;
    let mk = factorial; // (m − k − 1)!
    let power = 1; // (−y)^k
    for (let k = 0; k < m; k++) {
      s1 += poch * mk * power;
      poch *= ((a + k) * (b + k)) / (k + 1);
      power *= -y;
      if (k + 1 < m) mk /= m - k - 1;
    }
  }
  // Second (infinite) sum with digamma terms.
  let psi1 = digamma(1); // ψ(k+1)
  let psiM = digamma(m + 1); // ψ(k+m+1)
  let psiA = digamma(a + m); // ψ(a+k+m)
  let psiB = digamma(b + m); // ψ(b+k+m)
  let factM = 1;
  for (let k = 2; k <= m; k++) factM *= k;
  let coefficient = 1 / factM; // (a+m)_k (b+m)_k / (k! (k+m)!) · y^k
  let s2 = 0;
  let largest = 0; // the largest |term| of s2, to detect cancellation
  // Stryker disable next-line BooleanLiteral: the loop only ends without a break when s2 is NaN, and NaN·Γ is NaN either way
  let converged = false;
  for (let k = 0; k < MAX_TERMS; k++) {
    const term = coefficient * (logY - psi1 - psiM + psiA + psiB);
    s2 += term;
    largest = Math.max(largest, Math.abs(term));
    if (k > 2 && Math.abs(term) <= 1e-17 * Math.abs(s2)) {
      converged = true;
      break;
    }
    coefficient *= ((a + m + k) * (b + m + k) * y) / ((k + 1) * (k + m + 1));
    psi1 += 1 / (k + 1);
    psiM += 1 / (k + m + 1);
    psiA += 1 / (a + k + m);
    psiB += 1 / (b + k + m);
    // Stryker disable next-line BlockStatement: a non-integer a, b keeps (a+m+k)(b+m+k) ≠ 0 and the 1e-17 test stops before any underflow; a zero term would stop the loop at the next check anyway
    if (coefficient === 0) {
      // Stryker disable next-line BooleanLiteral: unreachable (see above)
      converged = true;
      break;
    }
  }
  if (!converged) return Number.NaN;
  const c = a + b + m;
  const first = m > 0 ? gammaRatio(c, 1, a + m, b + m) * s1 : 0;
  const scale = gammaRatio(c, 1, a, b) * y ** m;
  const second = scale * (m % 2 === 0 ? 1 : -1) * s2;
  const result = first - second;
  // With a large a·b·(1 − w) the digamma sum's terms grow huge before they fall, and cancel (₂F₁(50, 50; 100; 0.95)
  // came out as −1.2e24): when more than 6 digits are lost, or the result is not finite, the direct series decides
  // (c − a − b = m ≥ 0, so it converges; NaN when 100 000 terms are not enough, never a wrong number).
  if (Number.isFinite(result) && Math.abs(result) >= 1e-3 * Math.max(Math.abs(first), Math.abs(scale) * largest)) {
    return result;
  }
  return series(a, b, c, w);
}

/** ₂F₁ by A&S 15.3.6 (c − a − b not an integer). */
function oneMinusZ(a: number, b: number, c: number, w: number): number {
  const y = 1 - w;
  const d = c - a - b;
  const t1 = gammaRatio(c, d, c - a, c - b) * series(a, b, 1 - d, y);
  const t2 = gammaRatio(c, -d, a, b) * y ** d * series(c - a, c - b, 1 + d, y);
  const sum = t1 + t2;
  // With a large a·b·(1 − w) the two terms are huge and of opposite sign (₂F₁(1, 1e5; 1e5 + 0.5; 0.9995) came out
  // as −2.1e16): when more than 6 digits cancel, or a term is not finite, the direct series decides instead (slow
  // near w = 1, but its terms are positive; NaN when 100 000 terms are not enough, never a wrong number).
  if (Number.isFinite(sum) && Math.abs(sum) >= 1e-6 * Math.max(Math.abs(t1), Math.abs(t2))) return sum;
  return d < 0 ? (1 - w) ** d * series(c - a, c - b, c, w) : series(a, b, c, w);
}

/** ₂F₁ for 0.9 < w < 1. */
function nearOne(a: number, b: number, c: number, w: number): number {
  const d = c - a - b;
  const m = Math.round(d);
  const eps = d - m;
  if (Math.abs(eps) >= 1e-5) return oneMinusZ(a, b, c, w);
  if (m < 0) {
    // Euler's transformation makes the integer non-negative.
    return (1 - w) ** d * nearOne(c - a, c - b, c, w);
  }
  const f0 = integerCase(a, b, m, w);
  if (eps === 0) return f0;
  const delta = eps > 0 ? 1e-5 : -1e-5;
  const fd = oneMinusZ(a, b, a + b + m + delta, w);
  return f0 + (eps / delta) * (fd - f0);
}

/** ₂F₁ for 0 ≤ w < 1. */
function unitInterval(a: number, b: number, c: number, w: number): number {
  if (w === 0) return 1;
  const d = c - a - b;
  const euler = d < 0;
  if (euler && (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b))) {
    // Euler's transformation leaves a polynomial: exact at any w.
    return (1 - w) ** d * series(c - a, c - b, c, w);
  }
  // With |c − a − b| > 10 the (transformed) terms fall like n^(−11) even at w → 1, so the series stays short.
  if (w <= SERIES_LIMIT || Math.abs(d) > 10) {
    if (euler && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
      return (1 - w) ** d * series(c - a, c - b, c, w);
    }
    return series(a, b, c, w);
  }
  return nearOne(a, b, c, w);
}

/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, analytically continued to real z ≤ 1.
 *
 * See the module comment for the method and domain; NaN outside the domain (c a non-positive integer, z > 1,
 * non-finite arguments), and NaN when a series needed more than 100 000 terms.
 *
 * @param a - first numerator parameter
 * @param b - second numerator parameter
 * @param c - denominator parameter (not 0, −1, −2, …)
 * @param z - argument, z ≤ 1
 * @returns ₂F₁(a, b; c; z)
 * @internal
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(z)) return Number.NaN;
  if (isNonPositiveInteger(c) || z > 1) return Number.NaN;
  // Stryker disable next-line LogicalOperator: a fast path; a or b = 0 gives the one-term series 1 and z = 0 gives w = 0 → 1 below
  if (a === 0 || b === 0 || z === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z);
  if (z === 1) {
    const d = c - a - b;
    if (d > 0) return gammaRatio(c, d, c - a, c - b);
    return Number.POSITIVE_INFINITY;
  }
  if (z < 0) {
    // Pfaff: use the numerator parameter that leaves the better-conditioned series.
    const w = z / (z - 1);
    if (isNonPositiveInteger(c - b)) return (1 - z) ** -a * series(a, c - b, c, w);
    if (isNonPositiveInteger(c - a)) return (1 - z) ** -b * series(b, c - a, c, w);
    return (1 - z) ** -a * unitInterval(a, c - b, c, w);
  }
  return unitInterval(a, b, c, z);
}

/**
 * Natural logarithm of ₂F₁(a, b; c; z) for arguments where ₂F₁ is positive (e.g. a, b, c > 0 and z < 1), computed
 * so that the large prefactors of Pfaff's transformation stay in log space: for z < 0,
 * ln ₂F₁ = −a·ln(1 − z) + ln ₂F₁(a, c − b; c; z/(z − 1)). NaN when the value is not positive.
 * @internal
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (z < 0 && Number.isFinite(z) && !isNonPositiveInteger(c)) {
    const w = z / (z - 1);
    const inner = isNonPositiveInteger(c - b) ? series(a, c - b, c, w) : unitInterval(a, c - b, c, w);
    return inner > 0 ? -a * Math.log1p(-z) + Math.log(inner) : Number.NaN;
  }
  const value = hyp2f1(a, b, c, z);
  return value > 0 ? Math.log(value) : Number.NaN;
}
