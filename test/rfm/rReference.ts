// An independent re-implementation, for tests only, of how R's `rfm` package (rsquaredacademy/rfm, R/utils.R `bins`,
// `bins_lower`, `bins_upper`, and the scoring loops of rfm_table_*) scores a column, written from its source:
// breaks = quantile(x, k/n, type = 7) + 1 for k = 1..n−1; bins [min, b₁), [b₁, b₂), …, [b_{n−1}, max + 1);
// the i-th bin scores i (frequency, monetary) or n + 1 − i (recency in days).
// And of R's `rfm_segment()`: the vectors of its documented example, first match wins, else "Others".

/** R's default quantile (type 7): linear interpolation between order statistics at h = (n − 1)·p. */
export function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

export function rRfmScores(values: readonly number[], bins: number, reverse: boolean): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const breaks: number[] = [];
  for (let k = 1; k < bins; k++) breaks.push(quantileType7(sorted, k / bins) + 1);
  const lower = [sorted[0] as number, ...breaks];
  const upper = [...breaks, (sorted[sorted.length - 1] as number) + 1];
  return values.map((v) => {
    let score = Number.NaN;
    for (let i = 1; i <= bins; i++) {
      if (v >= (lower[i - 1] as number) && v < (upper[i - 1] as number)) score = reverse ? bins + 1 - i : i;
    }
    return score;
  });
}

const NAMES = [
  'Champions',
  'Potential Loyalist',
  'Loyal Customers',
  'Promising',
  'New Customers',
  "Can't Lose Them",
  'At Risk',
  'Need Attention',
  'About To Sleep',
  'Lost',
];
const RECENCY_LOWER = [5, 3, 2, 3, 4, 1, 1, 1, 2, 1];
const RECENCY_UPPER = [5, 5, 4, 4, 5, 2, 2, 3, 3, 1];
const FREQUENCY_LOWER = [5, 3, 2, 1, 1, 3, 2, 3, 1, 1];
const FREQUENCY_UPPER = [5, 5, 4, 3, 3, 4, 5, 5, 3, 5];
const MONETARY_LOWER = [5, 2, 2, 3, 1, 4, 4, 3, 1, 1];
const MONETARY_UPPER = [5, 5, 4, 5, 5, 5, 5, 5, 4, 5];

export function rRfmSegment(r: number, f: number, m: number): string {
  for (let i = 0; i < NAMES.length; i++) {
    if (
      r >= (RECENCY_LOWER[i] as number) &&
      r <= (RECENCY_UPPER[i] as number) &&
      f >= (FREQUENCY_LOWER[i] as number) &&
      f <= (FREQUENCY_UPPER[i] as number) &&
      m >= (MONETARY_LOWER[i] as number) &&
      m <= (MONETARY_UPPER[i] as number)
    ) {
      return NAMES[i] as string;
    }
  }
  return 'Others';
}
