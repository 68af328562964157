/**
 * The binning kernels behind {@link rfmScores}: equal-count (quantile) bins with a mid-rank tie rule, explicit
 * breakpoints, and R `rfm`'s quantile breaks (internal, for `method: 'r-rfm'`). They work on plain numeric columns (typed arrays welcome) and return one score per value.
 * @module
 */

import { CrmAnalyticsError } from '../core/errors.js';
import { invalidValue, invalidWithReason } from '../core/messages.js';
import { inputReadError } from '../core/validate.js';

/**
 * Which end of a column is good: `'higher'` (frequency, monetary: the largest values get the top score) or
 * `'lower'` (recency as time since the last purchase: the smallest values get the top score).
 */
export type RfmScoreDirection = 'higher' | 'lower';

/** Smallest number of bins a score may have. */
export const RFM_MIN_BINS = 2;
/** Largest number of bins a score may have (scores stay one or two digits). */
export const RFM_MAX_BINS = 10;

/**
 * Equal-count (quantile) scores 1..`bins` for a column of values, ties always sharing one score.
 *
 * Method: sort a copy of the values; each run of equal values has `below` values on its bad side and `equal` members.
 * Its mid-rank share is `p = (below + equal / 2) / n`, and the whole run scores `1 + ⌊bins · p⌋`. Without ties this is
 * exactly the equal-count split (bin sizes differ by at most one); a run that straddles a bin edge goes, whole, to the
 * bin that holds its middle (the side where most of its members would have been), which keeps the bins as equal as
 * the ties allow. When the middle falls exactly on an edge (`bins · p` a whole number k), the run goes toward the
 * nearer end of the scale (to bin k in the lower half, k + 1 otherwise), so a run holding exactly the bottom 40% of
 * 5 bins scores 1 and one holding the top 40% scores 5, whichever end is "good". A run larger than a bin leaves
 * neighbouring bins empty (60% tied at the bottom of 5 bins score 2, bins 1 and 3 stay empty); a column of one
 * repeated value scores the middle bin `⌊bins / 2⌋ + 1`. Mid-ranks are the tie convention of Spearman's rank
 * correlation (Kendall 1948, *Rank Correlation Methods*). O(n log n): one typed-array sort, then one pass comparing
 * each value with at most `bins` block boundaries; whole numbers within a range of about 4n (day counts, purchase
 * counts) are counted instead, in O(n + range).
 *
 * @param values - the column (finite numbers; not modified)
 * @param bins - number of bins, an integer from 2 to 10
 * @param direction - `'higher'` (default: larger values score higher) or `'lower'` (smaller values score higher)
 * @returns one score per value, in input order
 * @throws {CrmAnalyticsError} `INVALID_OPTION` for bins outside 2..10; `INVALID_INPUT` for a non-finite value;
 *   `EMPTY_INPUT` for an empty column
 *
 * @example
 * import { rfmQuantileScores } from 'crm-analytics/rfm';
 * Array.from(rfmQuantileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5)); // => [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
 * Array.from(rfmQuantileScores([1, 2, 2, 2, 3, 4], 3)); // => [1, 2, 2, 2, 3, 3]
 * Array.from(rfmQuantileScores([7, 7, 7], 5)); // => [3, 3, 3]
 * Array.from(rfmQuantileScores([1, 1, 1, 1, 2, 2, 3, 4, 6, 9], 5)); // => [1, 1, 1, 1, 3, 3, 4, 4, 5, 5]
 * Array.from(rfmQuantileScores([3, 1, 2], 3, 'lower')); // => [1, 3, 2]
 * rfmQuantileScores([1, 2], 11); // throws INVALID_OPTION
 */
export function rfmQuantileScores(
  values: ArrayLike<number>,
  bins: number,
  direction: RfmScoreDirection = 'higher',
): Uint8Array {
  checkBins(bins, ['bins']);
  checkDirection(direction);
  checkColumn(values);
  const n = values.length;
  if (n === 0)
    throw new CrmAnalyticsError('EMPTY_INPUT', 'values: expected at least 1 value, got none', { path: ['values'] });
  checkFiniteValues(values);
  return quantileScoresUnchecked(values, bins, direction === 'lower');
}

/**
 * Scores from explicit breakpoints: with strictly increasing breaks `b₁ < … < b_k` there are `k + 1` bins
 * `(−∞, b₁), [b₁, b₂), …, [b_k, ∞)`; a value equal to a break belongs to the bin above it (left-closed bins, as in
 * R's `rfm` package custom thresholds). With `direction = 'lower'` the bins are numbered from the other end, so the
 * smallest values get the top score `k + 1`.
 *
 * @param values - the column (finite numbers; not modified)
 * @param breaks - 1 to 9 strictly increasing finite breakpoints, in the units of the values
 * @param direction - `'higher'` (default) or `'lower'`
 * @returns one score 1..breaks.length + 1 per value, in input order
 * @throws {CrmAnalyticsError} `INVALID_OPTION` for breaks that are not 1–9 strictly increasing finite numbers;
 *   `INVALID_INPUT` for a non-finite value
 *
 * @example
 * import { rfmBreakScores } from 'crm-analytics/rfm';
 * Array.from(rfmBreakScores([1, 4, 5, 9], [4, 6])); // => [1, 2, 2, 3]
 * Array.from(rfmBreakScores([3, 30, 300], [7, 90], 'lower')); // => [3, 2, 1]
 * rfmBreakScores([1], [5, 5]); // throws INVALID_OPTION
 */
export function rfmBreakScores(
  values: ArrayLike<number>,
  breaks: ArrayLike<number>,
  direction: RfmScoreDirection = 'higher',
): Uint8Array {
  checkBreaks(breaks, ['breaks']);
  checkDirection(direction);
  checkColumn(values);
  checkFiniteValues(values);
  return breakScoresUnchecked(values, breaks, direction === 'lower');
}

/**
 * Mid-rank equal-count scores without validation. Preconditions: finite values, n ≥ 1, bins an integer in 2..10.
 *
 * Whole-number columns within a modest range (days, purchase counts) are counted instead of sorted.
 * @internal
 */
export function quantileScoresUnchecked(values: ArrayLike<number>, bins: number, lowerIsBetter: boolean): Uint8Array {
  const n = values.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  // Stryker disable next-line BooleanLiteral: starting false only skips the counting fast path; sortedScores gives the same scores
  let whole = true;
  for (let k = 0; k < n; k++) {
    const v = values[k] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && v !== Math.floor(v)) whole = false;
  }
  // Whole numbers in a modest range (day counts, purchase counts): a counting pass replaces the sort.
  // Stryker disable next-line BlockStatement: an empty block falls through to sortedScores, which gives the same scores (fast path)
  if (whole && max - min <= Math.min(MAX_COUNTING_RANGE, 4 * n + 1024)) {
    return countingScores(values, bins, lowerIsBetter, min, max - min);
  }
  return sortedScores(values, bins, lowerIsBetter);
}

/** Largest value range scored by counting instead of sorting (a 16M-entry histogram, 64 MB). */
const MAX_COUNTING_RANGE = 1 << 24;

/**
 * The score of a run of `equal` values with `below` values on its bad side, among n (see {@link rfmQuantileScores}).
 * Integer arithmetic: bins·(2·below + equal) < 2·bins·n is exact in doubles, so k is exact and < bins.
 */
function runScore(below: number, equal: number, n: number, bins: number): number {
  const numerator = bins * (2 * below + equal);
  const twiceN = 2 * n;
  const k = Math.floor(numerator / twiceN);
  // A middle exactly on the edge between bins k and k + 1 goes toward the nearer end of the scale.
  return numerator === k * twiceN && k < bins - k ? k : k + 1;
}

function countingScores(
  values: ArrayLike<number>,
  bins: number,
  lowerIsBetter: boolean,
  min: number,
  range: number,
): Uint8Array {
  const n = values.length;
  const counts = new Uint32Array(range + 1);
  for (let k = 0; k < n; k++) {
    const slot = ((values[k] as number) - min) | 0; // `| 0` also folds -0 into 0
    counts[slot] = (counts[slot] as number) + 1;
  }
  const scoreOf = new Uint8Array(range + 1);
  let seen = 0;
  for (let slot = 0; slot <= range; slot++) {
    const equal = counts[slot] as number;
    if (equal === 0) continue;
    scoreOf[slot] = runScore(lowerIsBetter ? n - seen - equal : seen, equal, n, bins);
    seen += equal;
  }
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) out[k] = scoreOf[((values[k] as number) - min) | 0] as number;
  return out;
}

/**
 * Scores are monotone in the value, so after one sort the scoring collapses to at most `bins` blocks of values:
 * each value is then scored by comparing it with the first value of each block, with no per-value search.
 */
function sortedScores(values: ArrayLike<number>, bins: number, lowerIsBetter: boolean): Uint8Array {
  const n = values.length;
  const sorted = Float64Array.from(values);
  sorted.sort();
  // First value and score of each block of equal scores, in ascending order of value (at most `bins` blocks).
  const blockStart = new Float64Array(bins);
  const blockScore = new Uint8Array(bins);
  let blocks = 0;
  let i = 0;
  while (i < n) {
    const v = sorted[i] as number;
    let j = i + 1;
    while (j < n && sorted[j] === v) j++;
    const score = runScore(lowerIsBetter ? n - j : i, j - i, n, bins);
    if (blocks === 0 || blockScore[blocks - 1] !== score) {
      blockStart[blocks] = v;
      blockScore[blocks] = score;
      blocks++;
    }
    i = j;
  }
  const out = new Uint8Array(n);
  const firstScore = blockScore[0] as number;
  for (let k = 0; k < n; k++) {
    const v = values[k] as number;
    let b = 0;
    while (b + 1 < blocks && (blockStart[b + 1] as number) <= v) b++;
    out[k] = b === 0 ? firstScore : (blockScore[b] as number);
  }
  return out;
}

/**
 * Scores as R's `rfm` package computes them (`rfm_table_*`): breaks are R's default (type 7) quantiles at
 * k / bins plus 1, and the bins `[min, b₁), [b₁, b₂), …, [b_{bins−1}, max + 1)` score 1..bins, reversed for
 * lower-is-better values (recency in days). Ties repeat breaks, which leaves bins empty, as R does.
 * Preconditions: finite values, n ≥ 1, bins an integer in 2..10.
 * @internal
 */
export function rRfmScoresUnchecked(values: ArrayLike<number>, bins: number, lowerIsBetter: boolean): Uint8Array {
  const sorted = Float64Array.from(values);
  sorted.sort();
  const breaks = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) breaks[k - 1] = quantileType7(sorted, k / bins) + 1;
  // Repeated breaks are fine here: a value at or above both skips the empty bin between them.
  return breakScoresUnchecked(values, breaks, lowerIsBetter);
}

/**
 * R's default quantile (Hyndman & Fan 1996, type 7) of sorted values: linear interpolation at h = (n − 1)·p.
 * @internal
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Break scores without validation. Preconditions: finite values; 1–9 strictly increasing finite breaks.
 * @internal
 */
export function breakScoresUnchecked(
  values: ArrayLike<number>,
  breaks: ArrayLike<number>,
  lowerIsBetter: boolean,
): Uint8Array {
  const k = breaks.length;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let above = 0; // number of breaks ≤ v
    while (above < k && (breaks[above] as number) <= v) above++;
    out[i] = lowerIsBetter ? k + 1 - above : above + 1;
  }
  return out;
}

/**
 * Validates a number of bins (an integer 2..10) as an option.
 * @internal
 */
export function checkBins(bins: unknown, path: ReadonlyArray<string | number>): number {
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < RFM_MIN_BINS || bins > RFM_MAX_BINS) {
    throw invalidValue(path, `a whole number from ${RFM_MIN_BINS} to ${RFM_MAX_BINS}`, bins, 'INVALID_OPTION');
  }
  return bins;
}

/** Every value finite; a throwing element getter of the caller's becomes INVALID_INPUT naming its position. */
function checkFiniteValues(values: ArrayLike<unknown>): void {
  let i = 0;
  try {
    for (; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidValue(['values', i], 'a finite number', v);
    }
  } catch (cause) {
    throw inputReadError(cause, ['values', i]);
  }
}

/** The value column must be array-like (a missing or non-array argument is an input error, not a TypeError). */
function checkColumn(values: unknown): void {
  try {
    const list = values as ArrayLike<unknown> | null | undefined;
    if (list === null || typeof list !== 'object' || typeof list.length !== 'number') {
      throw invalidValue(['values'], 'an array of numbers', values);
    }
  } catch (cause) {
    throw inputReadError(cause, ['values']);
  }
}

/**
 * Validates breakpoints: 1..9 finite, strictly increasing numbers, as an option.
 * @internal
 */
export function checkBreaks(breaks: unknown, path: ReadonlyArray<string | number>): ArrayLike<number> {
  try {
    const list = breaks as ArrayLike<unknown> | null | undefined;
    if (list === null || typeof list !== 'object' || typeof list.length !== 'number') {
      throw invalidValue(path, 'an array of breakpoints', breaks, 'INVALID_OPTION');
    }
    if (list.length < RFM_MIN_BINS - 1 || list.length > RFM_MAX_BINS - 1) {
      throw invalidWithReason(
        path,
        `expected ${RFM_MIN_BINS - 1} to ${RFM_MAX_BINS - 1} breakpoints (${RFM_MIN_BINS} to ${RFM_MAX_BINS} bins), got ${list.length}`,
        'INVALID_OPTION',
      );
    }
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      if (typeof b !== 'number' || !Number.isFinite(b))
        throw invalidValue([...path, i], 'a finite number', b, 'INVALID_OPTION');
      const previous = i > 0 ? (list[i - 1] as number) : Number.NEGATIVE_INFINITY;
      if (!(b > previous)) {
        throw invalidValue(
          [...path, i],
          `a number > ${previous} (breaks must be strictly increasing)`,
          b,
          'INVALID_OPTION',
        );
      }
    }
    return list as ArrayLike<number>;
  } catch (cause) {
    throw inputReadError(cause, path, 'INVALID_OPTION');
  }
}

function checkDirection(direction: unknown): void {
  if (direction !== 'higher' && direction !== 'lower') {
    throw invalidValue(['direction'], "'higher' or 'lower'", direction, 'INVALID_OPTION');
  }
}
