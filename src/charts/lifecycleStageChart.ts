import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { inputReadError, parseOptions } from '../core/validate.js';
import { type ChartBaseOptions, type ChartJsonValue, chartBaseShape, specFrame, type VegaLiteSpec } from './shared.js';

/** Options of {@link lifecycleStageChart}. */
export type LifecycleStageChartOptions = ChartBaseOptions;

/** zod schema of {@link LifecycleStageChartOptions}. */
export const lifecycleStageChartOptionsSchema: z.ZodType<LifecycleStageChartOptions> = z.strictObject({
  ...chartBaseShape,
}) as z.ZodType<LifecycleStageChartOptions>;

const STAGE_ORDER = ['exploration', 'formation', 'stability', 'decline', 'lapsed'];
const STAGE_COLORS = ['#9ecae1', '#4292c6', '#08519c', '#fd8d3c', '#bdbdbd'];

/**
 * Vega-Lite spec of the number of customers in each lifecycle stage, as bars in lifecycle order (exploration,
 * formation, stability, decline, lapsed; other stage names follow in their given order). Dwyer, F. R., Schurr, P. H. &
 * Oh, S. (1987), "Developing buyer-seller relationships", Journal of Marketing 51(2), 11–27,
 * doi:10.1177/002224298705100202.
 *
 * @param stageCounts - customers per stage, e.g. the `stageCounts` of `lifecycleStage` (`crm-analytics/lifecycle`)
 * @param options - title and size ({@link LifecycleStageChartOptions})
 * @returns a Vega-Lite spec (plain JSON): one bar per stage, labelled with its count
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without stages; `INVALID_INPUT` naming a count that is not a number ≥ 0;
 *   `INVALID_OPTION` for bad options
 *
 * @example
 * import { lifecycleStageChart } from 'crm-analytics/charts';
 * const spec = lifecycleStageChart({ lapsed: 4, exploration: 10, stability: 3 });
 * spec.data.values.map((d) => d.stage); // => ['exploration', 'stability', 'lapsed']
 * lifecycleStageChart({}); // throws EMPTY_INPUT
 */
export function lifecycleStageChart(
  stageCounts: Readonly<Record<string, number>>,
  options: LifecycleStageChartOptions = {},
): VegaLiteSpec {
  try {
    const o = parseOptions(lifecycleStageChartOptionsSchema, options);
    if (stageCounts === null || typeof stageCounts !== 'object') {
      throw invalidValue(['stageCounts'], 'an object of counts by stage', stageCounts);
    }
    const names = Object.keys(stageCounts);
    if (names.length === 0) throw invalidValue(['stageCounts'], 'at least one stage', stageCounts, 'EMPTY_INPUT');
    const ordered = [...STAGE_ORDER.filter((s) => names.includes(s)), ...names.filter((s) => !STAGE_ORDER.includes(s))];
    const values: ChartJsonValue[] = ordered.map((stage) => {
      const count = stageCounts[stage];
      if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
        throw invalidValue(['stageCounts', stage], 'a number ≥ 0', count);
      }
      return { stage, customers: count };
    });
    const colors = ordered.map((s) => {
      const k = STAGE_ORDER.indexOf(s);
      return k < 0 ? '#756bb1' : (STAGE_COLORS[k] as string);
    });
    return {
      ...specFrame(o, { title: 'Customers by lifecycle stage', width: 360, height: 240 }),
      data: { values },
      encoding: {
        x: { field: 'stage', type: 'nominal', sort: ordered, title: null, axis: { labelAngle: 0 } },
        y: { field: 'customers', type: 'quantitative', title: 'Customers' },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'stage', type: 'nominal', scale: { domain: ordered, range: colors }, legend: null },
            tooltip: [
              { field: 'stage', type: 'nominal', title: 'Stage' },
              { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
            ],
          },
        },
        {
          mark: { type: 'text', dy: -6, fontSize: 11 },
          encoding: { text: { field: 'customers', type: 'quantitative', format: ',' } },
        },
      ],
    };
  } catch (cause) {
    throw inputReadError(cause, ['stageCounts']);
  }
}
