import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
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

/** One cohort, as in the `cohorts` of `cohortRetention` (`crm-analytics/lifecycle`). */
export interface CohortHeatmapRow {
  /** Cohort label, e.g. `'2024-03'`. */
  cohort: string;
  /** Customers in the cohort. */
  size: number;
  /** `retention[a]`: share of the cohort active at age `a` (0..1). */
  retention: ArrayLike<number>;
}

/** Options of {@link cohortHeatmapChart}. */
export interface CohortHeatmapChartOptions extends ChartBaseOptions {
  /** Show only the most recent cohorts (whole number 1–500, default 24). */
  maxCohorts?: number;
  /** Show ages 1 … maxAge (whole number 1–500, default 24). */
  maxAge?: number;
  /** The period of cohorts and ages for the axis title (default `'month'`). */
  periodLabel?: string;
}

/** zod schema of {@link CohortHeatmapChartOptions}. */
export const cohortHeatmapChartOptionsSchema: z.ZodType<CohortHeatmapChartOptions> = z.strictObject({
  ...chartBaseShape,
  maxCohorts: z.number().int().min(1).max(500).optional(),
  maxAge: z.number().int().min(1).max(500).optional(),
  periodLabel: z.string().min(1).optional(),
}) as z.ZodType<CohortHeatmapChartOptions>;

/**
 * Vega-Lite spec of the cohort retention heatmap: one row per cohort (customers by the period of their first purchase,
 * newest at the bottom, with the cohort size in the label), one column per age (periods since the cohort's), each cell
 * the share of the cohort that bought in that period. Age 0 (always 100%) is left out so that the colour scale shows
 * the differences that matter. Reading down a column compares how well newer cohorts are kept.
 * Fader, P. S. & Hardie, B. G. S. (2007), "How to project customer retention", Journal of Interactive Marketing
 * 21(1), 76–90, doi:10.1002/dir.20074.
 *
 * @param result - the output of `cohortRetention` (`{ cohorts }`) or rows `{ cohort, size, retention }`, oldest first
 * @param options - `maxCohorts`, `maxAge`, `periodLabel`, title, size ({@link CohortHeatmapChartOptions})
 * @returns a Vega-Lite spec (plain JSON): a heatmap with the retention as a percentage in each cell
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without cohorts; `INVALID_INPUT` naming a cohort with a missing label or
 *   size, or a retention outside [0, 1]; `INVALID_OPTION` for bad options
 *
 * @example
 * import { cohortHeatmapChart } from 'crm-analytics/charts';
 * const spec = cohortHeatmapChart({ cohorts: [{ cohort: '2024-01', size: 2, retention: [1, 0.5, 0] }, { cohort: '2024-02', size: 1, retention: [1, 1] }] });
 * spec.data.values; // => [{ cohort: '2024-01 (2)', age: 1, retention: 0.5 }, { cohort: '2024-01 (2)', age: 2, retention: 0 }, { cohort: '2024-02 (1)', age: 1, retention: 1 }]
 * cohortHeatmapChart({ cohorts: [] }); // throws EMPTY_INPUT
 */
export function cohortHeatmapChart(
  result: { readonly cohorts: ArrayLike<CohortHeatmapRow> } | ArrayLike<CohortHeatmapRow>,
  options: CohortHeatmapChartOptions = {},
): VegaLiteSpec {
  try {
    const o = parseOptions(cohortHeatmapChartOptionsSchema, options);
    const input =
      result !== null && typeof result === 'object' && !Array.isArray(result) && 'cohorts' in result
        ? result.cohorts
        : (result as ArrayLike<CohortHeatmapRow>);
    const all = chartList(input, 'cohorts');
    const maxCohorts = o.maxCohorts ?? 24;
    const maxAge = o.maxAge ?? 24;
    const first = Math.max(0, all.length - maxCohorts);
    const order: string[] = [];
    const values: ChartJsonValue[] = [];
    for (let i = first; i < all.length; i++) {
      const row = all[i];
      const cohort = labelField(row, 'cohort', ['cohorts', i]);
      const size = finiteField(row, 'size', ['cohorts', i]);
      const label = `${cohort} (${size.toLocaleString('en-US')})`;
      order.push(label);
      const retention = (row as { retention?: unknown }).retention as ArrayLike<unknown> | undefined;
      if (retention === null || typeof retention !== 'object' || typeof retention.length !== 'number') {
        throw invalidValue(['cohorts', i, 'retention'], 'an array of shares', retention);
      }
      for (let a = 1; a < retention.length && a <= maxAge; a++) {
        const r = retention[a];
        if (typeof r !== 'number' || !(r >= 0 && r <= 1)) {
          throw invalidValue(['cohorts', i, 'retention', a], 'a share in [0, 1]', r);
        }
        values.push({ cohort: label, age: a, retention: roundForChart(r) });
      }
    }
    let top = 0;
    for (const v of values) top = Math.max(top, (v as { retention: number }).retention);
    const period = o.periodLabel ?? 'month';
    const ages = maxAgeSeen(values);
    return {
      ...specFrame(o, {
        title: 'Cohort retention',
        width: Math.min(720, Math.max(240, 28 * ages)),
        height: Math.min(720, Math.max(120, 18 * order.length)),
        subtitle: `Share of each cohort (first purchase ${period}, size in brackets) buying again, by ${period}s since`,
      }),
      data: { values },
      encoding: {
        x: {
          field: 'age',
          type: 'ordinal',
          title: `${period[0]?.toUpperCase() ?? ''}${period.slice(1)}s since the first purchase`,
          axis: { labelAngle: 0 },
        },
        y: { field: 'cohort', type: 'ordinal', sort: order, title: 'Cohort (customers)' },
      },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: {
              field: 'retention',
              type: 'quantitative',
              title: 'Retention',
              scale: { scheme: 'greens' },
              legend: { format: '.0%' },
            },
            tooltip: [
              { field: 'cohort', type: 'ordinal', title: 'Cohort' },
              { field: 'age', type: 'ordinal', title: `${period}s since` },
              { field: 'retention', type: 'quantitative', title: 'Retention', format: '.1%' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 8 },
          encoding: {
            text: { field: 'retention', type: 'quantitative', format: '.0%' },
            color: {
              condition: { test: `datum.retention > ${roundForChart(0.6 * top)}`, value: '#ffffff' },
              value: '#222222',
            },
          },
        },
      ],
    };
  } catch (cause) {
    throw inputReadError(cause, ['cohorts']);
  }
}

function maxAgeSeen(values: readonly ChartJsonValue[]): number {
  let m = 1;
  for (const v of values) {
    const a = (v as { age: number }).age;
    if (a > m) m = a;
  }
  return m;
}
