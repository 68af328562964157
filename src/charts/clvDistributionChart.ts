import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import { inputReadError, parseOptions } from '../core/validate.js';
import {
  type ChartBaseOptions,
  type ChartJsonValue,
  chartBaseShape,
  chartList,
  roundForChart,
  specFrame,
  type VegaLiteSpec,
} from './shared.js';

/** Options of {@link clvDistributionChart}. */
export interface ClvDistributionChartOptions extends ChartBaseOptions {
  /** Number of bars (whole number 2–200, default 30). */
  bins?: number;
  /**
   * Values above this quantile of the data are gathered in the last bar, so that a long tail does not squash the
   * histogram into one bar (in (0, 1], default 0.99; 1 keeps the full range).
   */
  clipQuantile?: number;
  /** Currency shown in the axis title, e.g. `'USD'` (default: none). */
  currency?: string;
}

/** zod schema of {@link ClvDistributionChartOptions}. */
export const clvDistributionChartOptionsSchema: z.ZodType<ClvDistributionChartOptions> = z.strictObject({
  ...chartBaseShape,
  bins: z.number().int().min(2).max(200).optional(),
  clipQuantile: z.number().gt(0).max(1).optional(),
  currency: z.string().optional(),
}) as z.ZodType<ClvDistributionChartOptions>;

/**
 * Vega-Lite spec of the distribution of customer lifetime values: a histogram of equal-width bins from the smallest
 * value (or 0) to the `clipQuantile` quantile, the values above it gathered in the last bar, and the mean and median
 * in the subtitle. The bins are computed here, so the spec carries `bins` data points whatever the number of
 * customers. Quantile: the order statistic at ⌈q·n⌉ (type 1, the inverse of the empirical distribution).
 *
 * @param values - CLV per customer (array or typed array of finite numbers), e.g. from `customerLifetimeValue`
 * @param options - `bins`, `clipQuantile`, `currency`, title, size ({@link ClvDistributionChartOptions})
 * @returns a Vega-Lite spec (plain JSON): one bar per bin `{ start, end, customers }`
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without values; `INVALID_INPUT` naming a value that is not finite;
 *   `INVALID_OPTION` for bad options
 *
 * @example
 * import { clvDistributionChart } from 'crm-analytics/charts';
 * const spec = clvDistributionChart([0, 1, 2, 3, 100], { bins: 3, clipQuantile: 0.8 });
 * spec.data.values; // => [{ start: 0, end: 1, customers: 1 }, { start: 1, end: 2, customers: 1 }, { start: 2, end: 3, customers: 3 }]
 * clvDistributionChart([]); // throws EMPTY_INPUT
 */
export function clvDistributionChart(
  values: ArrayLike<number> | Iterable<number>,
  options: ClvDistributionChartOptions = {},
): VegaLiteSpec {
  const o = parseOptions(clvDistributionChartOptionsSchema, options);
  const list = chartList(ArrayBuffer.isView(values) ? Array.from(values as ArrayLike<number>) : values, 'values');
  const sorted = new Float64Array(list.length);
  const sum = new CompensatedAccumulator();
  let i = 0;
  try {
    for (; i < list.length; i++) {
      const v = list[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidValue(['values', i], 'a finite number', v);
      sorted[i] = v;
      // Scaled by 1/n as it is added, so that the mean of values near ±1.8e308 does not overflow.
      sum.add(v / list.length);
    }
  } catch (cause) {
    throw inputReadError(cause, ['values', i]);
  }
  sorted.sort();
  const n = sorted.length;
  const q = o.clipQuantile ?? 0.99;
  const lo = Math.min(0, sorted[0] as number);
  let hi = sorted[Math.max(0, Math.ceil(q * n) - 1)] as number;
  if (!(hi > lo)) hi = (sorted[n - 1] as number) > lo ? (sorted[n - 1] as number) : lo + Math.max(1, Math.abs(lo));
  const bins = o.bins ?? 30;
  // Equal-width bins on [lo, hi]. Values near ±1.8e308 make hi − lo overflow: the bins are then computed on the halves
  // of the values (exact, as halving a double is). A range of a few subnormals would make the width 0: it is widened to
  // one smallest double per bin.
  const halves = !Number.isFinite(hi - lo);
  const scale = halves ? 0.5 : 1;
  let width = (hi * scale - lo * scale) / bins;
  if (width === 0) {
    width = Number.MIN_VALUE;
    hi = lo + bins * Number.MIN_VALUE;
  }
  const edge = (k: number): number => (k === bins ? hi : (lo * scale + k * width) / scale);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(((sorted[i] as number) * scale - lo * scale) / width)));
    counts[k] = (counts[k] as number) + 1;
  }
  const data: ChartJsonValue[] = counts.map((c, k) => ({
    start: roundForChart(edge(k)),
    end: roundForChart(edge(k + 1)),
    customers: c,
  }));
  const median =
    n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : (sorted[n / 2 - 1] as number) / 2 + (sorted[n / 2] as number) / 2;
  const money = o.currency === undefined || o.currency === '' ? '' : ` (${o.currency})`;
  const fmt = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const clipped = (sorted[n - 1] as number) > hi;
  return {
    ...specFrame(o, {
      title: 'Distribution of customer lifetime value',
      width: 420,
      height: 260,
      subtitle: `${n.toLocaleString('en-US')} customers; mean ${fmt(sum.value)}, median ${fmt(median)}${clipped ? `; the last bar holds every value ≥ ${fmt(hi)}` : ''}`,
    }),
    data: { values: data },
    mark: { type: 'bar', color: '#3182bd', binSpacing: 1 },
    encoding: {
      x: { field: 'start', type: 'quantitative', title: `Customer lifetime value${money}`, bin: { binned: true } },
      x2: { field: 'end' },
      y: { field: 'customers', type: 'quantitative', title: 'Customers' },
      tooltip: [
        { field: 'start', type: 'quantitative', title: 'From', format: ',.2f' },
        { field: 'end', type: 'quantitative', title: 'To', format: ',.2f' },
        { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
      ],
    },
  };
}
