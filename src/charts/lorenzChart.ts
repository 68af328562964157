import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
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

/** A point of a Lorenz curve, as `lorenzCurve` of `crm-analytics/pareto` returns it. */
export interface LorenzChartPoint {
  /** Cumulative share of customers, lowest value first, in [0, 1]. */
  customerShare: number;
  /** Their cumulative share of the value, in [0, 1]. */
  valueShare: number;
}

/** Options of {@link lorenzChart}. */
export interface LorenzChartOptions extends ChartBaseOptions {
  /** The Gini coefficient, shown in the subtitle when given (a number in [0, 1]). */
  gini?: number;
  /** What the value is, for the axis title (default `'revenue'`). */
  valueLabel?: string;
}

/** zod schema of {@link LorenzChartOptions}. */
export const lorenzChartOptionsSchema: z.ZodType<LorenzChartOptions> = z.strictObject({
  ...chartBaseShape,
  gini: z.number().min(0).max(1).optional(),
  valueLabel: z.string().min(1).optional(),
}) as z.ZodType<LorenzChartOptions>;

/**
 * Vega-Lite spec of a Lorenz curve: the cumulative share of value against the cumulative share of customers (lowest
 * first), with the line of equality for reference. The further the curve sags below the diagonal, the more the value
 * is concentrated in few customers; the Gini coefficient (twice the area between them) goes in the subtitle.
 *
 * Pass the points of `lorenzCurve(values, { steps: 200 })` for a large customer base (a few hundred points draw the
 * same curve as a million). Lorenz, M. O. (1905), "Methods of measuring the concentration of wealth", Publications of
 * the American Statistical Association 9(70), 209–219, doi:10.2307/2276207.
 *
 * @param points - Lorenz points `{ customerShare, valueShare }`, each share in [0, 1]
 * @param options - title, size, `gini`, `valueLabel` ({@link LorenzChartOptions})
 * @returns a Vega-Lite spec (plain JSON) with two layers: the diagonal and the curve
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without points; `INVALID_INPUT` naming a point whose share is not a
 *   number in [0, 1]; `INVALID_OPTION` for bad options
 *
 * @example
 * import { lorenzChart } from 'crm-analytics/charts';
 * const spec = lorenzChart([{ customerShare: 0, valueShare: 0 }, { customerShare: 0.5, valueShare: 0.25 }, { customerShare: 1, valueShare: 1 }], { gini: 0.25 });
 * spec.layer.length; // => 2
 * spec.title; // => { text: 'Lorenz curve of customer revenue', subtitle: 'Gini coefficient 0.250' }
 * lorenzChart([]); // throws EMPTY_INPUT
 */
export function lorenzChart(
  points: ArrayLike<LorenzChartPoint> | Iterable<LorenzChartPoint>,
  options: LorenzChartOptions = {},
): VegaLiteSpec {
  const o = parseOptions(lorenzChartOptionsSchema, options);
  const list = chartList(points, 'points');
  const values: ChartJsonValue[] = list.map((p, i) => {
    const x = finiteField(p, 'customerShare', ['points', i]);
    const y = finiteField(p, 'valueShare', ['points', i]);
    if (x < 0 || x > 1) throw invalidValue(['points', i, 'customerShare'], 'a share in [0, 1]', x);
    if (y < 0 || y > 1) throw invalidValue(['points', i, 'valueShare'], 'a share in [0, 1]', y);
    return { customerShare: roundForChart(x), valueShare: roundForChart(y) };
  });
  const valueLabel = o.valueLabel ?? 'revenue';
  const x = {
    field: 'customerShare',
    type: 'quantitative',
    title: 'Share of customers (lowest value first)',
    axis: { format: '.0%' },
    scale: { domain: [0, 1] },
  };
  const y = {
    field: 'valueShare',
    type: 'quantitative',
    title: `Share of ${valueLabel}`,
    axis: { format: '.0%' },
    scale: { domain: [0, 1] },
  };
  return {
    ...specFrame(o, {
      title: `Lorenz curve of customer ${valueLabel}`,
      width: 360,
      height: 360,
      subtitle: o.gini === undefined ? undefined : `Gini coefficient ${o.gini.toFixed(3)}`,
    }),
    layer: [
      {
        data: {
          values: [
            { customerShare: 0, valueShare: 0 },
            { customerShare: 1, valueShare: 1 },
          ],
        },
        mark: { type: 'line', color: '#9e9e9e', strokeDash: [4, 4] },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'area', line: { color: '#1f77b4' }, color: '#1f77b4', opacity: 0.25 },
        encoding: { x, y },
      },
    ],
  };
}
