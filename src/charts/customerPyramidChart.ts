import * as z from 'zod';
import { invalidValue, invalidWithReason } from '../core/messages.js';
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

/** One tier, as in the `tiers` of `customerPyramid` (`crm-analytics/pareto`). */
export interface CustomerPyramidChartTier {
  name: string;
  /** Number of customers in the tier. */
  count: number;
  /** Share of the total value (0..1). */
  valueShare: number;
}

/** Options of {@link customerPyramidChart}. */
export type CustomerPyramidChartOptions = ChartBaseOptions;

/** zod schema of {@link CustomerPyramidChartOptions}. */
export const customerPyramidChartOptionsSchema: z.ZodType<CustomerPyramidChartOptions> = z.strictObject({
  ...chartBaseShape,
}) as z.ZodType<CustomerPyramidChartOptions>;

/**
 * Vega-Lite spec of the customer pyramid: one centred bar per tier, best tier on top, each bar as wide as the
 * number of customers in its tier and every tier above it (so the shape is a pyramid whatever the tier sizes), coloured
 * and labelled by the tier's share of value, so that the few customers at the top who bring most of the value stand
 * out. Zeithaml, V. A., Rust, R. T. & Lemon, K. N. (2001), "The customer pyramid: creating and serving
 * profitable customers", California Management Review 43(4), 118–142.
 *
 * @param pyramid - the output of `customerPyramid` (`{ tiers }`) or its tiers `{ name, count, valueShare }`, best first
 * @param options - title and size ({@link CustomerPyramidChartOptions})
 * @returns a Vega-Lite spec (plain JSON): centred bars and labels
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without tiers; `INVALID_INPUT` naming a tier with a negative count or a
 *   missing name or share, or counts whose total overflows; `INVALID_OPTION` for bad options
 *
 * @example
 * import { customerPyramidChart } from 'crm-analytics/charts';
 * const spec = customerPyramidChart({ tiers: [{ name: 'platinum', count: 2, valueShare: 0.6 }, { name: 'lead', count: 8, valueShare: 0.4 }] });
 * spec.data.values[0]; // => { tier: 'platinum', customers: 2, left: -1, right: 1, valueShare: 0.6, label: 'platinum: 2 customers, 60% of value' }
 * spec.data.values[1]; // => { tier: 'lead', customers: 8, left: -5, right: 5 }
 * customerPyramidChart([]); // throws EMPTY_INPUT
 */
export function customerPyramidChart(
  pyramid: { readonly tiers: ArrayLike<CustomerPyramidChartTier> } | ArrayLike<CustomerPyramidChartTier>,
  options: CustomerPyramidChartOptions = {},
): VegaLiteSpec {
  try {
    const o = parseOptions(customerPyramidChartOptionsSchema, options);
    const input =
      pyramid !== null && typeof pyramid === 'object' && !Array.isArray(pyramid) && 'tiers' in pyramid
        ? pyramid.tiers
        : (pyramid as ArrayLike<CustomerPyramidChartTier>);
    const list = chartList(input, 'tiers');
    const order: string[] = [];
    let cumulative = 0;
    const values: ChartJsonValue[] = list.map((tier, i) => {
      const name = labelField(tier, 'name', ['tiers', i]);
      const count = finiteField(tier, 'count', ['tiers', i]);
      if (count < 0) throw invalidValue(['tiers', i, 'count'], 'a number ≥ 0', count);
      const share = finiteField(tier, 'valueShare', ['tiers', i]);
      order.push(name);
      const label = `${name}: ${count.toLocaleString('en-US')} customer${count === 1 ? '' : 's'}, ${Math.round(share * 100)}% of value`;
      cumulative += count;
      if (!Number.isFinite(cumulative)) {
        throw invalidWithReason(
          ['tiers', i, 'count'],
          `expected counts whose total is a finite number, got a total above ${Number.MAX_VALUE}`,
          'INVALID_INPUT',
          count,
        );
      }
      return {
        tier: name,
        customers: count,
        left: -cumulative / 2,
        right: cumulative / 2,
        valueShare: roundForChart(share),
        label,
      };
    });
    return {
      ...specFrame(o, { title: 'Customer pyramid', width: 420, height: 40 * list.length + 20 }),
      data: { values },
      encoding: { y: { field: 'tier', type: 'nominal', sort: order, title: null, axis: null } },
      layer: [
        {
          mark: { type: 'bar', cornerRadius: 2 },
          encoding: {
            x: { field: 'left', type: 'quantitative', axis: null, title: null },
            x2: { field: 'right' },
            color: {
              field: 'valueShare',
              type: 'quantitative',
              scale: { scheme: 'goldorange' },
              legend: { format: '.0%', title: 'Share of value' },
            },
            tooltip: [
              { field: 'tier', type: 'nominal', title: 'Tier' },
              { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
              { field: 'valueShare', type: 'quantitative', title: 'Share of value', format: '.1%' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 11, color: '#222222' },
          encoding: { text: { field: 'label', type: 'nominal' }, x: { datum: 0, type: 'quantitative' } },
        },
      ],
    };
  } catch (cause) {
    throw inputReadError(cause, ['pyramid']);
  }
}
