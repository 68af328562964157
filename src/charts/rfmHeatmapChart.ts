import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import { inputReadError, parseOptions, readingInput } from '../core/validate.js';
import {
  type ChartBaseOptions,
  type ChartJsonValue,
  chartBaseShape,
  chartList,
  finiteField,
  roundForChart,
  specFrame,
  type VegaLiteSpec,
} from './shared.js';

/** The fields of one customer's RFM score that the heatmap reads (an `RfmScore` of `crm-analytics/rfm` has them). */
export interface RfmHeatmapCustomer {
  /** 1..bins, higher = more recent. */
  recencyScore: number;
  /** 1..bins, higher = more purchases. */
  frequencyScore: number;
  /** The monetary value scored (total or average spend). */
  monetary: number;
}

/** Options of {@link rfmHeatmapChart}. */
export interface RfmHeatmapChartOptions extends ChartBaseOptions {
  /** Currency or unit shown in the colour legend title, e.g. `'USD'` (default: none). */
  currency?: string;
}

/** zod schema of {@link RfmHeatmapChartOptions}. */
export const rfmHeatmapChartOptionsSchema: z.ZodType<RfmHeatmapChartOptions> = z.strictObject({
  ...chartBaseShape,
  currency: z.string().optional(),
}) as z.ZodType<RfmHeatmapChartOptions>;

/**
 * Vega-Lite spec of the R×F heatmap: one cell per (recency score, frequency score), coloured by the customers' mean
 * monetary value and labelled with the number of customers. It shows at a glance where the valuable customers sit
 * (top right: recent and frequent) and how many are slipping (bottom right: frequent but not recent).
 *
 * The cells are aggregated here, so the spec carries at most bins² data points whatever the number of customers.
 * Reference: Fader, Hardie & Lee (2005), "RFM and CLV: Using iso-value curves for customer base analysis",
 * J. Marketing Research 42(4), 415–430, doi:10.1509/jmkr.2005.42.4.415 (value by recency × frequency).
 *
 * @param scores - the output of `rfmScores` (`{ customers }`) or an array of `{ recencyScore, frequencyScore, monetary }`
 * @param options - title, size, `currency` ({@link RfmHeatmapChartOptions})
 * @returns a Vega-Lite spec (plain JSON): a rect layer (colour = mean monetary) and a text layer (customers)
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without customers; `INVALID_INPUT` naming a customer whose scores are not
 *   whole numbers ≥ 1 or whose monetary value is not finite; `INVALID_OPTION` for bad options
 *
 * @example
 * import { rfmHeatmapChart } from 'crm-analytics/charts';
 * const spec = rfmHeatmapChart([{ recencyScore: 2, frequencyScore: 1, monetary: 10 }, { recencyScore: 2, frequencyScore: 1, monetary: 30 }, { recencyScore: 1, frequencyScore: 2, monetary: 5 }]);
 * spec.data.values; // => [{ recencyScore: 1, frequencyScore: 2, customers: 1, meanMonetary: 5 }, { recencyScore: 2, frequencyScore: 1, customers: 2, meanMonetary: 20 }]
 * rfmHeatmapChart({ customers: [] }); // throws EMPTY_INPUT
 */
export function rfmHeatmapChart(
  scores: { readonly customers: ArrayLike<RfmHeatmapCustomer> } | ArrayLike<RfmHeatmapCustomer>,
  options: RfmHeatmapChartOptions = {},
): VegaLiteSpec {
  const o = parseOptions(rfmHeatmapChartOptionsSchema, options);
  const input =
    scores !== null && typeof scores === 'object' && !Array.isArray(scores) && 'customers' in scores
      ? readingInput(['scores', 'customers'], () => scores.customers)
      : (scores as ArrayLike<RfmHeatmapCustomer>);
  const list = chartList(input, 'customers');
  // Keyed by both scores (a numeric key such as r·1000 + f would merge cells once a score reaches 1000).
  const cells = new Map<string, { r: number; f: number; n: number; sum: CompensatedAccumulator }>();
  let i = 0;
  try {
    for (; i < list.length; i++) {
      const c = list[i];
      const r = finiteField(c, 'recencyScore', ['customers', i]);
      const f = finiteField(c, 'frequencyScore', ['customers', i]);
      const m = finiteField(c, 'monetary', ['customers', i]);
      if (!Number.isInteger(r) || r < 1) throw invalidValue(['customers', i, 'recencyScore'], 'a whole number ≥ 1', r);
      if (!Number.isInteger(f) || f < 1)
        throw invalidValue(['customers', i, 'frequencyScore'], 'a whole number ≥ 1', f);
      const key = `${r},${f}`;
      let cell = cells.get(key);
      if (cell === undefined) {
        cell = { r, f, n: 0, sum: new CompensatedAccumulator() };
        cells.set(key, cell);
      }
      cell.n++;
      // Halved as it is added (exact), so that sums of values near ±1.8e308 do not overflow before the division.
      cell.sum.add(m / 2);
    }
  } catch (cause) {
    throw inputReadError(cause, ['customers', i]);
  }
  const values: ChartJsonValue[] = [...cells.values()]
    .sort((a, b) => a.r - b.r || a.f - b.f)
    .map((c) => ({
      recencyScore: c.r,
      frequencyScore: c.f,
      customers: c.n,
      meanMonetary: roundForChart(meanOfHalves(c.sum.value, c.n)),
    }));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    const m = (v as { meanMonetary: number }).meanMonetary;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  // Labels on the darkest cells are drawn in white (0.4·lo + 0.6·hi cannot overflow, unlike lo + 0.6·(hi − lo)).
  const dark = roundForChart(0.4 * lo + 0.6 * hi);
  const money =
    o.currency === undefined || o.currency === '' ? 'Mean monetary value' : `Mean monetary value (${o.currency})`;
  return {
    ...specFrame(o, { title: 'RFM: recency × frequency', width: 320, height: 320 }),
    data: { values },
    encoding: {
      x: { field: 'frequencyScore', type: 'ordinal', title: 'Frequency score (F)', axis: { labelAngle: 0 } },
      y: { field: 'recencyScore', type: 'ordinal', title: 'Recency score (R)', sort: 'descending' },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'meanMonetary', type: 'quantitative', title: money, scale: { scheme: 'blues' } },
          tooltip: [
            { field: 'recencyScore', type: 'ordinal', title: 'R' },
            { field: 'frequencyScore', type: 'ordinal', title: 'F' },
            { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
            { field: 'meanMonetary', type: 'quantitative', title: money, format: ',.2f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'customers', type: 'quantitative', format: ',' },
          color:
            hi > lo
              ? { condition: { test: `datum.meanMonetary > ${dark}`, value: '#ffffff' }, value: '#222222' }
              : { value: '#222222' },
        },
      },
    ],
  };
}

/** The mean from a sum of halved values: (2·halfSum)/n, dividing first when doubling would overflow. */
function meanOfHalves(halfSum: number, n: number): number {
  const doubled = 2 * halfSum;
  return Number.isFinite(doubled) ? doubled / n : 2 * (halfSum / n);
}
