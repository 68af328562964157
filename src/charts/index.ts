// Public API of crm-analytics/charts: pure functions returning Vega-Lite specs (plain JSON, no runtime dependency)
// for the charts of the report. Render them with vega-embed, in a notebook, or to SVG with vega + vega-lite.
export type { ClvDistributionChartOptions } from './clvDistributionChart.js';
export { clvDistributionChart, clvDistributionChartOptionsSchema } from './clvDistributionChart.js';
export type { CohortHeatmapChartOptions, CohortHeatmapRow } from './cohortHeatmapChart.js';
export { cohortHeatmapChart, cohortHeatmapChartOptionsSchema } from './cohortHeatmapChart.js';
export type { CustomerPyramidChartOptions, CustomerPyramidChartTier } from './customerPyramidChart.js';
export { customerPyramidChart, customerPyramidChartOptionsSchema } from './customerPyramidChart.js';
export type { LifecycleStageChartOptions } from './lifecycleStageChart.js';
export { lifecycleStageChart, lifecycleStageChartOptionsSchema } from './lifecycleStageChart.js';
export type { LorenzChartOptions, LorenzChartPoint } from './lorenzChart.js';
export { lorenzChart, lorenzChartOptionsSchema } from './lorenzChart.js';
export type { ProbabilityAliveChartModel, ProbabilityAliveChartOptions } from './probabilityAliveChart.js';
export { probabilityAliveChart, probabilityAliveChartOptionsSchema } from './probabilityAliveChart.js';
export type {
  RepeatFrequencyChartBin,
  RepeatFrequencyChartInput,
  RepeatFrequencyChartOptions,
} from './repeatFrequencyChart.js';
export { repeatFrequencyChart, repeatFrequencyChartOptionsSchema } from './repeatFrequencyChart.js';
export type { RetentionCurveChartOptions, RetentionCurveChartPoint } from './retentionCurveChart.js';
export { retentionCurveChart, retentionCurveChartOptionsSchema } from './retentionCurveChart.js';
export type { RfmHeatmapChartOptions, RfmHeatmapCustomer } from './rfmHeatmapChart.js';
export { rfmHeatmapChart, rfmHeatmapChartOptionsSchema } from './rfmHeatmapChart.js';
export type { RfmSegmentChartOptions, RfmSegmentChartRow } from './rfmSegmentChart.js';
export { rfmSegmentChart, rfmSegmentChartOptionsSchema } from './rfmSegmentChart.js';
export type { ChartBaseOptions, ChartJsonValue, VegaLiteSpec } from './shared.js';
export { VEGA_LITE_SCHEMA_URL } from './shared.js';
