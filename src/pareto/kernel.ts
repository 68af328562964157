/**
 * Numeric kernels of `crm-analytics/pareto`, working on `Float64Array`s without per-element objects.
 * Preconditions (checked once by `readParetoValues`): every value finite, ≥ 0, and never −0.
 * Not part of the public API.
 * @module
 */

/** Below this size the built-in typed-array sort is faster than the radix sort's fixed costs. */
const RADIX_MIN_LENGTH = 4096;

function bump(counts: Uint32Array, at: number): void {
  counts[at] = (counts[at] as number) + 1;
}

/**
 * Sorts non-negative finite doubles ascending. May sort in place or return a second buffer (the input's contents are
 * destroyed either way).
 *
 * Method: least-significant-digit radix sort on the IEEE 754 bit patterns, which for non-negative doubles (and +0,
 * never −0) are ordered like the numbers; 6 passes of 11/11/10 bits per 32-bit word, a pass is skipped when every key
 * has the same digit (e.g. the low mantissa bits of whole numbers). About 2× faster than `Float64Array#sort` on
 * 10⁷ values. Knuth, The Art of Computer Programming vol. 3, §5.2.5.
 * @internal
 */
export function sortNonNegativeAscending(values: Float64Array): Float64Array {
  const n = values.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: both paths sort correctly; only the speed differs.
  if (n < RADIX_MIN_LENGTH) return values.sort();
  let a: Float64Array = values;
  let b: Float64Array = new Float64Array(n);
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  // Six digit histograms in one array: for each 32-bit word (low, high), digits of bits 0–10, 11–21, 22–31.
  const hist = new Uint32Array(6 * 2048);
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const lo = words[j] as number;
    const hi = words[j + 1] as number;
    bump(hist, lo & 2047);
    bump(hist, 2048 + ((lo >>> 11) & 2047));
    bump(hist, 4096 + (lo >>> 22));
    bump(hist, 6144 + (hi & 2047));
    bump(hist, 8192 + ((hi >>> 11) & 2047));
    bump(hist, 10240 + (hi >>> 22));
  }
  for (let pass = 0; pass < 6; pass++) {
    const offset = pass * 2048;
    let used = 0;
    // Stryker disable next-line all: skipping a pass whose keys share one digit only saves time; a pass is a no-op then.
    for (let d = 0; d < 2048 && used < 2; d++) if (hist[offset + d] !== 0) used++;
    // Stryker disable next-line ConditionalExpression: as above.
    if (used < 2) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = hist[offset + d] as number;
      hist[offset + d] = sum;
      sum += c;
    }
    const word = pass < 3 ? 0 : 1;
    const shift = (pass % 3) * 11;
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator: the top digit (>>> 22) has 10 bits, so 2047 masks it alike.
    const mask = pass % 3 === 2 ? 1023 : 2047;
    const src = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
    for (let i = 0, j = word; i < n; i++, j += 2) {
      const d = offset + (((src[j] as number) >>> shift) & mask);
      const at = hist[d] as number;
      hist[d] = at + 1;
      b[at] = a[i] as number;
    }
    const t = a;
    a = b;
    b = t;
  }
  return a;
}

/**
 * The positions of `values` ordered by value, highest first, ties in input order (a stable ranking).
 *
 * Method: the same LSD radix sort as {@link sortNonNegativeAscending}, on the complemented bit patterns (so that a
 * larger value has a smaller key) carrying the positions; LSD radix sort is stable, which keeps ties in input order.
 * Preconditions as for the sort; `values` is only read.
 * @internal
 */
export function orderByValueDescending(values: Float64Array): Uint32Array {
  const n = values.length;
  let order = new Uint32Array(n);
  // Stryker disable next-line EqualityOperator: a typed array ignores the write at index n.
  for (let i = 0; i < n; i++) order[i] = i;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: both paths give the same stable order.
  if (n < RADIX_MIN_LENGTH) {
    return order.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const hist = new Uint32Array(6 * 2048);
  // At i = n the reads are undefined and the writes ignored; each histogram gains one count of its highest digit
  // (~undefined >>> 0 has every bit set), which comes after every real key and so moves none.
  // Stryker disable next-line EqualityOperator: as above.
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const l = ~(words[j] as number) >>> 0;
    const h = ~(words[j + 1] as number) >>> 0;
    lo[i] = l;
    hi[i] = h;
    bump(hist, l & 2047);
    bump(hist, 2048 + ((l >>> 11) & 2047));
    bump(hist, 4096 + (l >>> 22));
    bump(hist, 6144 + (h & 2047));
    bump(hist, 8192 + ((h >>> 11) & 2047));
    bump(hist, 10240 + (h >>> 22));
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  for (let pass = 0; pass < 6; pass++) {
    const offset = pass * 2048;
    let used = 0;
    // Stryker disable next-line all: skipping a pass whose keys share one digit only saves time; a pass is a no-op then.
    for (let d = 0; d < 2048 && used < 2; d++) if (hist[offset + d] !== 0) used++;
    // Stryker disable next-line ConditionalExpression: as above.
    if (used < 2) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = hist[offset + d] as number;
      hist[offset + d] = sum;
      sum += c;
    }
    const keys = pass < 3 ? lo : hi;
    const shift = (pass % 3) * 11;
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator: the top digit (>>> 22) has 10 bits, so 2047 masks it alike.
    const mask = pass % 3 === 2 ? 1023 : 2047;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: carrying the low word longer only costs time.
    const carryLow = pass < 2; // the low word is not read after pass 2
    for (let i = 0; i < n; i++) {
      const d = offset + (((keys[i] as number) >>> shift) & mask);
      const at = hist[d] as number;
      hist[d] = at + 1;
      // Stryker disable next-line ConditionalExpression: as above.
      if (carryLow) lo2[at] = lo[i] as number;
      hi2[at] = hi[i] as number;
      order2[at] = order[i] as number;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [order, order2] = [order2, order];
  }
  return order;
}

/**
 * Cumulative value of the top-k customers, k = 0…n, from values sorted ascending: `top[k] = Σ` of the k largest.
 * Neumaier-compensated running sum (Neumaier 1974), so `top[n]` is the total to within one rounding.
 * @internal
 */
export function cumulativeFromTop(sortedAscending: Float64Array): Float64Array {
  const n = sortedAscending.length;
  const top = new Float64Array(n + 1);
  let sum = 0;
  let comp = 0;
  // Terms come largest first and are ≥ 0, so sum ≥ x from the second term on and Fast2Sum's error term `sum − t + x`
  // is exact (Dekker 1971); at the first term sum = 0 and the error is 0 either way.
  for (let k = 1; k <= n; k++) {
    const x = sortedAscending[n - k] as number;
    const t = sum + x;
    comp += sum - t + x;
    sum = t;
    top[k] = sum + comp;
  }
  return top;
}

/**
 * An exact power-of-two factor bringing `max` into [1, 2), so that sums of scaled values, of their squares and of
 * rank-weighted values neither overflow nor underflow; multiplying by a power of two changes no ratio.
 * @internal
 */
export function powerOfTwoScale(max: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: callers never pass 0 (not all values are 0); a guard.
  if (!(max > 0)) return 1;
  const exponent = Math.floor(Math.log2(max));
  return 2 ** -Math.max(-1000, Math.min(1000, exponent));
}

/** Concentration figures of a sorted customer base, from one pass. @internal */
export interface SortedScan {
  /** `top[k]` = value of the k largest (k = 0…n), when requested. */
  top: Float64Array | undefined;
  /** Σx (compensated). */
  total: number;
  /** Uncorrected Gini coefficient. */
  gini: number;
  /** Herfindahl index Σ s_i². */
  herfindahl: number;
}

/**
 * One pass from the largest value down: the cumulative value of the top k (Neumaier-compensated, so `top[n]` is the
 * total to within one rounding), the Gini coefficient and the Herfindahl index.
 *
 * Gini: the reference formula `2Σ i·x_(i) / (nΣx) − (n+1)/n` (ascending, i from 1) rearranged as
 * `Σ (2i − n − 1)·x_(i) / (nΣx)` so that equal values cancel exactly; Herfindahl `Σx² / (Σx)²`. Both are summed on
 * values scaled by an exact power of two ({@link powerOfTwoScale}) with compensated sums. A single customer and
 * all-equal values give a Gini coefficient of exactly 0 and H = 1/n exactly. Precondition: n ≥ 1, values ≥ 0, not all 0.
 * @internal
 */
export function scanSorted(sortedAscending: Float64Array, withTop: boolean): SortedScan {
  const n = sortedAscending.length;
  const top = withTop ? new Float64Array(n + 1) : undefined;
  const max = sortedAscending[n - 1] as number;
  const scale = powerOfTwoScale(max);
  let sum = 0; // Σx, unscaled
  let sumC = 0;
  let scaled = 0; // Σ y, y = x·scale
  let scaledC = 0;
  let weighted = 0; // Σ (2i − n − 1)·y
  let weightedC = 0;
  let squares = 0; // Σ y²
  let squaresC = 0;
  for (let k = 1; k <= n; k++) {
    const x = sortedAscending[n - k] as number;
    // Largest first and ≥ 0: Fast2Sum is exact for x, y and q (see cumulativeFromTop); w changes sign, so Neumaier.
    let t = sum + x;
    sumC += sum - t + x;
    sum = t;
    if (top !== undefined) top[k] = sum + sumC;
    const y = x * scale;
    t = scaled + y;
    scaledC += scaled - t + y;
    scaled = t;
    const w = (n - 2 * k + 1) * y; // ascending rank i = n − k + 1, so 2i − n − 1 = n − 2k + 1
    t = weighted + w;
    if (Math.abs(weighted) >= Math.abs(w)) weightedC += weighted - t + w;
    else weightedC += w - t + weighted;
    weighted = t;
    const q = y * y;
    t = squares + q;
    squaresC += squares - t + q;
    squares = t;
  }
  const total = sum + sumC;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the general formulas give 0 and 1/n here too (the
  // weights 2i − n − 1 cancel exactly on equal values); the shortcut only makes that exactness evident.
  if (n === 1 || (sortedAscending[0] as number) === max) return { top, total, gini: 0, herfindahl: 1 / n };
  const scaledTotal = scaled + scaledC;
  const g = (weighted + weightedC) / (n * scaledTotal);
  const h = (squares + squaresC) / (scaledTotal * scaledTotal);
  return { top, total, gini: Math.min(Math.max(g, 0), 1), herfindahl: Math.min(Math.max(h, 1 / n), 1) };
}

/**
 * Share of value brought by the top `fraction` of customers, on the piecewise-linear curve through the points
 * (k/n, top[k]/total): a fractional customer brings that fraction of its value.
 * @internal
 */
export function topShareOf(sortedAscending: Float64Array, top: Float64Array, fraction: number): number {
  const n = sortedAscending.length;
  const total = top[n] as number;
  const position = fraction * n;
  const k = Math.floor(position);
  if (k >= n) return 1;
  const share = ((top[k] as number) + (position - k) * (sortedAscending[n - 1 - k] as number)) / total;
  return Math.min(share, 1);
}

/**
 * Smallest fraction of customers (from the top) whose value reaches `share` of the total, interpolating linearly
 * between customers on the same curve as {@link topShareOf} (its inverse; on flat stretches, the first point).
 * @internal
 */
export function customersForShareOf(top: Float64Array, share: number): number {
  const n = top.length - 1;
  const total = top[n] as number;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: for share 0 the search below also returns 0.
  if (share <= 0) return 0;
  const target = share * total;
  // smallest k with top[k] ≥ target (top is non-decreasing)
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((top[mid] as number) >= target) hi = mid;
    else lo = mid + 1;
  }
  const before = top[lo - 1] as number;
  const step = (top[lo] as number) - before;
  // top[lo − 1] < target ≤ top[lo] (lo is the smallest such index and target > 0 = top[0]), so step > 0 and, rounding
  // being monotonic, 0 < within ≤ 1: the guards below are defensive only.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
  const within = step > 0 ? (target - before) / step : 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
  const f = (lo - 1 + (within > 1 ? 1 : Math.max(within, 0))) / n;
  return Math.min(f, 1);
}

/** The a/b rule of a customer base: the top `customerShare` of customers bring `valueShare` = 1 − customerShare. */
export interface ParetoAbRule {
  /** Fraction of customers (from the top), in [0, 1]; 0.5 when all values are equal. */
  customerShare: number;
  /** Their share of the total value, `1 − customerShare`. */
  valueShare: number;
  /** The rule in percent, rounded to whole numbers that add up to 100, e.g. `"23/77"`. */
  label: string;
}

/**
 * The a/b rule: the point where customer share + value share = 1 on the top-down concentration curve (the Kolkata
 * index k, reflected). Solved exactly on the piecewise-linear curve: g(f) = f + V(f) − 1 is strictly increasing,
 * so find the segment where it changes sign and solve the linear equation there.
 * @internal
 */
export function abRuleOf(sortedAscending: Float64Array, top: Float64Array): ParetoAbRule {
  const n = sortedAscending.length;
  const total = top[n] as number;
  // largest k in [0, n−1] with k/n + top[k]/total ≤ 1
  let lo = 0;
  // Stryker disable next-line ArithmeticOperator: k = n and beyond never satisfy the test (top[n]/total = 1, top[n+1] is undefined).
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    // Stryker disable next-line EqualityOperator: on an exact tie the solution is k/n from either segment.
    if (mid / n + (top[mid] as number) / total <= 1) lo = mid;
    else hi = mid - 1;
  }
  const k = lo;
  const p = (sortedAscending[n - 1 - k] as number) / total;
  let f = (1 - (top[k] as number) / total + k * p) / (1 + n * p);
  // The solution lies in [k/n, (k+1)/n]; the clamps only guard against rounding at 0 and 1.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
  if (f < 0) f = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
  else if (f > 1) f = 1;
  const a = Math.round(f * 100);
  return { customerShare: f, valueShare: 1 - f, label: `${a}/${100 - a}` };
}

/**
 * Herfindahl–Hirschman index `H = Σ s_i²` of the value shares (unsorted values), summed on values scaled by an exact
 * power of two, and its normalized form `(H − 1/N)/(1 − 1/N)` (0 when N = 1). Precondition: values ≥ 0, not all 0.
 * @internal
 */
export function herfindahlOf(values: ArrayLike<number>): { index: number; normalized: number } {
  const n = values.length;
  let max = 0;
  // The all-equal shortcut gives what the general formula gives (n·y² / (n·y)², correctly rounded, is 1/n); it only
  // makes that exactness evident.
  // Stryker disable next-line BooleanLiteral: as above.
  let allEqual = true;
  const first = values[0] as number;
  // Stryker disable next-line EqualityOperator: values[n] is undefined (no new maximum; at worst no shortcut, as above).
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    // Stryker disable next-line EqualityOperator: an equal value gives the same maximum.
    if (v > max) max = v;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: as above for the shortcut.
    if (v !== first) allEqual = false;
  }
  // Stryker disable next-line ConditionalExpression: as above.
  if (allEqual) return { index: 1 / n, normalized: 0 };
  const scale = powerOfTwoScale(max);
  let sum = 0;
  let sumC = 0;
  let squares = 0;
  let squaresC = 0;
  for (let i = 0; i < n; i++) {
    const y = (values[i] as number) * scale;
    let t = sum + y;
    if (sum >= y) sumC += sum - t + y;
    else sumC += y - t + sum;
    sum = t;
    const q = y * y;
    t = squares + q;
    if (squares >= q) squaresC += squares - t + q;
    else squaresC += q - t + squares;
    squares = t;
  }
  const total = sum + sumC;
  return normalizeHerfindahl((squares + squaresC) / (total * total), n);
}

/** Clamps H to [1/N, 1] and adds the normalized form (0 for N = 1). @internal */
export function normalizeHerfindahl(h: number, n: number): { index: number; normalized: number } {
  const index = Math.min(Math.max(h, 1 / n), 1);
  if (n === 1) return { index, normalized: 0 };
  const normalized = (index - 1 / n) / (1 - 1 / n);
  return { index, normalized: Math.min(Math.max(normalized, 0), 1) };
}
