/**
 * Shared numeric kernels.
 * @module
 */

/**
 * Sum with Neumaier's compensated summation: the error does not grow with the number of terms,
 * which matters for money totals over millions of rows.
 *
 * Method: Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen",
 * ZAMM 54(1), doi:10.1002/zamm.19740540106. Finite values; a total beyond the largest double is ±Infinity (never
 * NaN: the compensation term, which holds ∞ − ∞ after an overflow, is then left out).
 * @internal
 */
export function compensatedSum(values: ArrayLike<number>, start = 0, end: number = values.length): number {
  let sum = 0;
  let compensation = 0;
  for (let i = start; i < end; i++) {
    const x = values[i] as number;
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  // Once the sum overflows, the compensation holds ∞ − ∞ = NaN: the overflowed sum is the answer.
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/**
 * A running compensated (Neumaier) accumulator, for sums built one value at a time.
 * @internal
 */
export class CompensatedAccumulator {
  private sum = 0;
  private compensation = 0;
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    // Once the sum overflows, the compensation holds ∞ − ∞ = NaN: the overflowed sum is the answer.
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}

/**
 * Maximum of an array-like without spreading it into `Math.max` (which overflows the stack on large inputs).
 * Returns `-Infinity` for an empty input.
 * @internal
 */
export function maxOf(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > max) max = v;
  }
  return max;
}

/**
 * Minimum of an array-like without spreading. Returns `Infinity` for an empty input.
 * @internal
 */
export function minOf(values: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
  }
  return min;
}

/**
 * `log(exp(a) + exp(b))` without overflow.
 * @internal
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * Relative/absolute closeness test used by properties and fits: |a − b| ≤ max(abs, rel·max(|a|, |b|)).
 * @internal
 */
export function isClose(a: number, b: number, rel = 1e-9, abs = 0): boolean {
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}
