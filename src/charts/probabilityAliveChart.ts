import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
import {
  type ChartBaseOptions,
  type ChartJsonValue,
  chartBaseShape,
  roundForChart,
  specFrame,
  type VegaLiteSpec,
} from './shared.js';

/**
 * Any fitted model that gives P(alive) from `(frequency, recency, T)` in its own time unit: `BetaGeoModel`,
 * `ParetoNbdModel`, `ModifiedBetaGeoModel` of `crm-analytics/clv` all have this method.
 */
export interface ProbabilityAliveChartModel {
  probabilityAlive(customers: { frequency: number; recency: number; T: number }[]): ArrayLike<number>;
}

/** Options of {@link probabilityAliveChart}. */
export interface ProbabilityAliveChartOptions extends ChartBaseOptions {
  /** The customers' age T (time since the first purchase, in the model's unit) at which the matrix is drawn. Required. */
  T: number;
  /** Largest number of repeat purchases on the frequency axis (whole number 1–200, default 20). */
  maxFrequency?: number;
  /** Number of recency columns between 0 and T (whole number 2–200, default 24). */
  recencySteps?: number;
  /** The model's time unit for the axis titles, e.g. `'weeks'` (default `'periods'`). */
  timeUnitLabel?: string;
}

/** zod schema of {@link ProbabilityAliveChartOptions}. */
export const probabilityAliveChartOptionsSchema: z.ZodType<ProbabilityAliveChartOptions> = z.strictObject({
  ...chartBaseShape,
  T: z.number().positive().finite(),
  maxFrequency: z.number().int().min(1).max(200).optional(),
  recencySteps: z.number().int().min(2).max(200).optional(),
  timeUnitLabel: z.string().min(1).optional(),
}) as z.ZodType<ProbabilityAliveChartOptions>;

/**
 * Vega-Lite spec of the probability-alive matrix: for a customer of age T, P(alive) by number of repeat purchases
 * (frequency, rows) and time of the last purchase (recency, columns), the chart of lifetimes'
 * `plot_probability_alive_matrix`. Frequent buyers who have not bought for a while are the ones the model believes
 * gone (bottom-left); a customer with no repeat purchase is alive with probability 1 under BG/NBD.
 *
 * Method: one `model.probabilityAlive` call on the grid; each column's value is taken at the middle of its recency
 * interval; frequency 0 is evaluated at recency 0 (its only valid value) and drawn across the row.
 * Reference: Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), 275–284,
 * doi:10.1287/mksc.1040.0098.
 *
 * @param model - a fitted model with `probabilityAlive(customers)` ({@link ProbabilityAliveChartModel})
 * @param options - `T` (required), `maxFrequency`, `recencySteps`, `timeUnitLabel`, title, size
 * @returns a Vega-Lite spec (plain JSON): a heatmap of (maxFrequency + 1) × recencySteps cells
 * @throws {CrmAnalyticsError} `INVALID_OPTION` for a missing `T` or bad options; `INVALID_INPUT` when the model is not
 *   one or returns a value outside [0, 1]
 *
 * @example
 * import { probabilityAliveChart } from 'crm-analytics/charts';
 * const model = { probabilityAlive: (cs) => cs.map((c) => (c.frequency === 0 ? 1 : c.recency / c.T)) };
 * const spec = probabilityAliveChart(model, { T: 10, maxFrequency: 2, recencySteps: 2 });
 * spec.data.values.length; // => 6
 * spec.data.values[2]; // => { frequency: 1, recencyStart: 0, recencyEnd: 5, probabilityAlive: 0.25 }
 * probabilityAliveChart(model, {}); // throws INVALID_OPTION
 */
export function probabilityAliveChart(
  model: ProbabilityAliveChartModel,
  options: ProbabilityAliveChartOptions,
): VegaLiteSpec {
  const o = parseOptions(probabilityAliveChartOptionsSchema, options);
  if (model === null || typeof model !== 'object' || typeof model.probabilityAlive !== 'function') {
    throw invalidValue(['model'], 'a fitted model with a probabilityAlive(customers) method', model);
  }
  const T = o.T;
  const maxF = o.maxFrequency ?? 20;
  const steps = o.recencySteps ?? 24;
  const width = T / steps;
  const grid: { frequency: number; recency: number; T: number }[] = [{ frequency: 0, recency: 0, T }];
  for (let f = 1; f <= maxF; f++) {
    for (let k = 0; k < steps; k++) grid.push({ frequency: f, recency: (k + 0.5) * width, T });
  }
  const p = model.probabilityAlive(grid) as ArrayLike<number> | null | undefined;
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number' || p.length < grid.length) {
    throw invalidValue(['model', 'probabilityAlive'], `an array of ${grid.length} probabilities`, p);
  }
  const read = (i: number): number => {
    const v = p[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw invalidValue(['model', 'probabilityAlive', i], 'a probability in [0, 1]', v);
    return roundForChart(v);
  };
  // Edges of the recency bins; the last is T itself, since steps × (T / steps) can round above T and, for T near the
  // largest double, overflow to Infinity.
  const edge = (j: number): number => roundForChart(j === steps ? T : j * width);
  const values: ChartJsonValue[] = [];
  const p0 = read(0);
  for (let k = 0; k < steps; k++) {
    values.push({
      frequency: 0,
      recencyStart: edge(k),
      recencyEnd: edge(k + 1),
      probabilityAlive: p0,
    });
  }
  let i = 1;
  for (let f = 1; f <= maxF; f++) {
    for (let k = 0; k < steps; k++) {
      values.push({
        frequency: f,
        recencyStart: edge(k),
        recencyEnd: edge(k + 1),
        probabilityAlive: read(i++),
      });
    }
  }
  const unit = o.timeUnitLabel ?? 'periods';
  return {
    ...specFrame(o, {
      title: 'Probability alive by frequency and recency',
      width: 420,
      height: Math.max(200, Math.min(600, 12 * (maxF + 1))),
      subtitle: `Customers first seen ${Number(T.toFixed(1))} ${unit} ago`,
    }),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: {
        field: 'recencyStart',
        type: 'quantitative',
        title: `Recency: time of the last purchase (${unit} after the first)`,
        scale: { domain: [0, roundForChart(T)], nice: false },
      },
      x2: { field: 'recencyEnd' },
      y: {
        field: 'frequency',
        type: 'ordinal',
        sort: 'descending',
        title: 'Frequency (repeat purchases)',
        axis: { labelOverlap: 'parity' },
      },
      color: {
        field: 'probabilityAlive',
        type: 'quantitative',
        title: 'P(alive)',
        scale: { domain: [0, 1], scheme: 'redyellowgreen' },
        legend: { format: '.0%' },
      },
      tooltip: [
        { field: 'frequency', type: 'ordinal', title: 'Frequency' },
        { field: 'recencyStart', type: 'quantitative', title: 'Recency from', format: ',.1f' },
        { field: 'recencyEnd', type: 'quantitative', title: 'Recency to', format: ',.1f' },
        { field: 'probabilityAlive', type: 'quantitative', title: 'P(alive)', format: '.1%' },
      ],
    },
  };
}
