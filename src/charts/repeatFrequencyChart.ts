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

/** One bin of a repeat-frequency check, as in the `bins` of `repeatFrequencyFit` (`crm-analytics/clv`). */
export interface RepeatFrequencyChartBin {
  /** `'0'`, `'1'`, …, `'7+'`. */
  label: string;
  /** Customers observed with this many repeat purchases. */
  observed: number;
  /** Customers the model expects. */
  expected: number;
}

/** The input of {@link repeatFrequencyChart}: the bins, and optionally the chi-square test shown in the subtitle. */
export interface RepeatFrequencyChartInput {
  bins: ArrayLike<RepeatFrequencyChartBin>;
  /** Pearson's chi-square statistic. */
  chiSquare?: number;
  /** Its degrees of freedom. */
  degreesOfFreedom?: number;
  /** Its p-value (`null` when undefined). */
  pValue?: number | null;
}

/** Options of {@link repeatFrequencyChart}. */
export interface RepeatFrequencyChartOptions extends ChartBaseOptions {
  /** Name of the model in the legend (default `'Model'`), e.g. `'BG/NBD'`. */
  modelLabel?: string;
}

/** zod schema of {@link RepeatFrequencyChartOptions}. */
export const repeatFrequencyChartOptionsSchema: z.ZodType<RepeatFrequencyChartOptions> = z.strictObject({
  ...chartBaseShape,
  modelLabel: z.string().min(1).optional(),
}) as z.ZodType<RepeatFrequencyChartOptions>;

/**
 * Vega-Lite spec of the in-sample fit check of a purchase-count model: the number of customers with 0, 1, 2, …
 * repeat purchases, observed next to what the model expects (Fader, Hardie & Lee 2005, Figure 2; lifetimes'
 * `plot_period_transactions`), with the chi-square statistic in the subtitle when given. Bars that match mean the
 * model reproduces how purchases are spread across customers. Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005),
 * Marketing Science 24(2), 275–284, doi:10.1287/mksc.1040.0098.
 *
 * @param fit - the output of `repeatFrequencyFit`, or `{ bins: [{ label, observed, expected }] }`
 * @param options - `modelLabel`, title, size ({@link RepeatFrequencyChartOptions})
 * @returns a Vega-Lite spec (plain JSON): paired bars per bin
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without bins; `INVALID_INPUT` naming a bin without a label or count;
 *   `INVALID_OPTION` for bad options
 *
 * @example
 * import { repeatFrequencyChart } from 'crm-analytics/charts';
 * const spec = repeatFrequencyChart({ bins: [{ label: '0', observed: 10, expected: 9.5 }, { label: '1+', observed: 5, expected: 5.5 }], chiSquare: 0.07, degreesOfFreedom: 1, pValue: 0.79 });
 * spec.data.values[1]; // => { label: '0', source: 'Model', customers: 9.5 }
 * spec.title.subtitle; // => 'Chi-square 0.07 on 1 degree of freedom, p = 0.790'
 * repeatFrequencyChart({ bins: [] }); // throws EMPTY_INPUT
 */
export function repeatFrequencyChart(
  fit: RepeatFrequencyChartInput,
  options: RepeatFrequencyChartOptions = {},
): VegaLiteSpec {
  try {
    const o = parseOptions(repeatFrequencyChartOptionsSchema, options);
    const list = chartList(
      (fit as { bins?: ArrayLike<RepeatFrequencyChartBin> } | null)?.bins as ArrayLike<RepeatFrequencyChartBin>,
      'bins',
    );
    const model = o.modelLabel ?? 'Model';
    const order: string[] = [];
    const values: ChartJsonValue[] = [];
    list.forEach((bin, i) => {
      const label = labelField(bin, 'label', ['bins', i]);
      order.push(label);
      values.push({ label, source: 'Observed', customers: finiteField(bin, 'observed', ['bins', i]) });
      values.push({ label, source: model, customers: roundForChart(finiteField(bin, 'expected', ['bins', i])) });
    });
    let subtitle: string | undefined;
    if (typeof fit.chiSquare === 'number' && Number.isFinite(fit.chiSquare)) {
      const df = fit.degreesOfFreedom;
      subtitle = `Chi-square ${fit.chiSquare.toFixed(2)}`;
      if (typeof df === 'number') subtitle += ` on ${df} degree${df === 1 ? '' : 's'} of freedom`;
      if (typeof fit.pValue === 'number')
        subtitle += fit.pValue < 0.001 ? ', p < 0.001' : `, p = ${fit.pValue.toFixed(3)}`;
    }
    return {
      ...specFrame(o, { title: 'Repeat purchases: observed vs model', width: 420, height: 260, subtitle }),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'label',
          type: 'ordinal',
          sort: order,
          title: 'Repeat purchases in the calibration period',
          axis: { labelAngle: 0 },
        },
        xOffset: { field: 'source', type: 'nominal', sort: ['Observed', model] },
        y: { field: 'customers', type: 'quantitative', title: 'Customers' },
        color: {
          field: 'source',
          type: 'nominal',
          title: null,
          scale: { domain: ['Observed', model], range: ['#636363', '#3182bd'] },
        },
        tooltip: [
          { field: 'label', type: 'ordinal', title: 'Repeat purchases' },
          { field: 'source', type: 'nominal', title: 'Source' },
          { field: 'customers', type: 'quantitative', title: 'Customers', format: ',.1f' },
        ],
      },
    };
  } catch (cause) {
    throw inputReadError(cause, ['fit']);
  }
}
