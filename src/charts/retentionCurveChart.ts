import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { inputReadError, parseOptions } from '../core/validate.js';
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

/** One point of an average retention curve, as in the `retentionCurve` of `cohortRetention`. */
export interface RetentionCurveChartPoint {
  /** Age in periods (0 = the cohort period). */
  age: number;
  /** Share of customers active at this age (0..1). */
  retention: number;
}

/** Options of {@link retentionCurveChart}. */
export interface RetentionCurveChartOptions extends ChartBaseOptions {
  /** The period of ages for the axis title (default `'month'`). */
  periodLabel?: string;
}

/** zod schema of {@link RetentionCurveChartOptions}. */
export const retentionCurveChartOptionsSchema: z.ZodType<RetentionCurveChartOptions> = z.strictObject({
  ...chartBaseShape,
  periodLabel: z.string().min(1).optional(),
}) as z.ZodType<RetentionCurveChartOptions>;

/**
 * Vega-Lite spec of the average retention curve: the size-weighted share of customers active at each age after their
 * first purchase, over the cohorts that reached that age (age 0 left out, as it is 100% by definition).
 * Fader, P. S. & Hardie, B. G. S. (2007), "How to project customer retention", Journal of Interactive Marketing
 * 21(1), 76–90, doi:10.1002/dir.20074.
 *
 * @param curve - the `retentionCurve` of `cohortRetention`, or points `{ age, retention }`
 * @param options - `periodLabel`, title, size ({@link RetentionCurveChartOptions})
 * @returns a Vega-Lite spec (plain JSON): a line with points
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without points after age 0; `INVALID_INPUT` naming a point whose retention
 *   is outside [0, 1]; `INVALID_OPTION` for bad options
 *
 * @example
 * import { retentionCurveChart } from 'crm-analytics/charts';
 * retentionCurveChart([{ age: 0, retention: 1 }, { age: 1, retention: 0.3 }]).data.values; // => [{ age: 1, retention: 0.3 }]
 * retentionCurveChart([{ age: 0, retention: 1 }]); // throws EMPTY_INPUT
 */
export function retentionCurveChart(
  curve: ArrayLike<RetentionCurveChartPoint> | Iterable<RetentionCurveChartPoint>,
  options: RetentionCurveChartOptions = {},
): VegaLiteSpec {
  try {
    const o = parseOptions(retentionCurveChartOptionsSchema, options);
    const list = chartList(curve, 'curve');
    const values: ChartJsonValue[] = [];
    list.forEach((p, i) => {
      const age = finiteField(p, 'age', ['curve', i]);
      const r = finiteField(p, 'retention', ['curve', i]);
      if (r < 0 || r > 1) throw invalidValue(['curve', i, 'retention'], 'a share in [0, 1]', r);
      if (age >= 1) values.push({ age, retention: roundForChart(r) });
    });
    chartList(values, 'curve');
    const period = o.periodLabel ?? 'month';
    return {
      ...specFrame(o, { title: 'Average retention by age', width: 420, height: 240 }),
      data: { values },
      mark: { type: 'line', point: true, color: '#31a354' },
      encoding: {
        x: {
          field: 'age',
          type: 'quantitative',
          title: `${period}s since the first purchase`,
          axis: { tickMinStep: 1 },
        },
        y: { field: 'retention', type: 'quantitative', title: 'Share of customers buying', axis: { format: '.0%' } },
        tooltip: [
          { field: 'age', type: 'quantitative', title: 'Age' },
          { field: 'retention', type: 'quantitative', title: 'Retention', format: '.1%' },
        ],
      },
    };
  } catch (cause) {
    throw inputReadError(cause, ['curve']);
  }
}
