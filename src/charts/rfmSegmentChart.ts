import * as z from 'zod';
import { inputReadError, parseOptions } from '../core/validate.js';
import {
  type ChartBaseOptions,
  type ChartJsonValue,
  chartBaseShape,
  chartList,
  finiteField,
  labelField,
  roundForChart,
  specFrame,
  type VegaLiteSpec,
} from './shared.js';

/** One segment's line, as `rfmSegmentReport` of `crm-analytics/rfm` returns it. */
export interface RfmSegmentChartRow {
  segment: string;
  /** Customers ÷ all customers (0..1). */
  customerShare: number;
  /** Revenue ÷ all revenue (0..1), or `null` when the total revenue is 0 (drawn as 0). */
  revenueShare: number | null;
}

/** Options of {@link rfmSegmentChart}. */
export interface RfmSegmentChartOptions extends ChartBaseOptions {
  /** Leave out segments with no customers (default `true`). */
  hideEmpty?: boolean;
}

/** zod schema of {@link RfmSegmentChartOptions}. */
export const rfmSegmentChartOptionsSchema: z.ZodType<RfmSegmentChartOptions> = z.strictObject({
  ...chartBaseShape,
  hideEmpty: z.boolean().optional(),
}) as z.ZodType<RfmSegmentChartOptions>;

/**
 * Vega-Lite spec comparing each RFM segment's share of customers with its share of revenue, as paired horizontal
 * bars: segments whose revenue bar is longer than their customer bar are worth more than their head count.
 * Segments keep the order of the rows (the segment table's order). Reference: Hebbali, A., `rfm` R package,
 * `rfm_plot_segment` (https://github.com/rsquaredacademy/rfm).
 *
 * @param rows - the output of `rfmSegmentReport`, or rows `{ segment, customerShare, revenueShare }`
 * @param options - title, size, `hideEmpty` ({@link RfmSegmentChartOptions})
 * @returns a Vega-Lite spec (plain JSON) with one row of two bars per segment
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without rows; `INVALID_INPUT` naming a row without a segment name or a
 *   share; `INVALID_OPTION` for bad options
 *
 * @example
 * import { rfmSegmentChart } from 'crm-analytics/charts';
 * const spec = rfmSegmentChart([{ segment: 'Champions', customerShare: 0.2, revenueShare: 0.6 }, { segment: 'Lost', customerShare: 0.8, revenueShare: 0.4 }]);
 * spec.data.values.length; // => 4
 * spec.data.values[1]; // => { segment: 'Champions', measure: 'Share of revenue', share: 0.6 }
 * rfmSegmentChart([]); // throws EMPTY_INPUT
 */
export function rfmSegmentChart(
  rows: ArrayLike<RfmSegmentChartRow> | Iterable<RfmSegmentChartRow>,
  options: RfmSegmentChartOptions = {},
): VegaLiteSpec {
  try {
    const o = parseOptions(rfmSegmentChartOptionsSchema, options);
    const list = chartList(rows, 'rows');
    const hideEmpty = o.hideEmpty ?? true;
    const values: ChartJsonValue[] = [];
    const order: string[] = [];
    list.forEach((row, i) => {
      const segment = labelField(row, 'segment', ['rows', i]);
      const customerShare = finiteField(row, 'customerShare', ['rows', i]);
      const raw = (row as { revenueShare?: unknown }).revenueShare;
      const revenueShare = raw === null ? 0 : finiteField(row, 'revenueShare', ['rows', i]);
      if (hideEmpty && customerShare === 0) return;
      order.push(segment);
      values.push({ segment, measure: 'Share of customers', share: roundForChart(customerShare) });
      values.push({ segment, measure: 'Share of revenue', share: roundForChart(revenueShare) });
    });
    return {
      ...specFrame(o, { title: 'RFM segments: customers and revenue', width: 420, height: 300 }),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'segment', type: 'nominal', title: null, sort: order },
        yOffset: { field: 'measure', type: 'nominal', sort: ['Share of customers', 'Share of revenue'] },
        x: { field: 'share', type: 'quantitative', title: 'Share', axis: { format: '.0%' } },
        color: {
          field: 'measure',
          type: 'nominal',
          title: null,
          scale: { domain: ['Share of customers', 'Share of revenue'], range: ['#9ecae1', '#08519c'] },
        },
        tooltip: [
          { field: 'segment', type: 'nominal', title: 'Segment' },
          { field: 'measure', type: 'nominal', title: 'Measure' },
          { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
        ],
      },
    };
  } catch (cause) {
    throw inputReadError(cause, ['rows']);
  }
}
