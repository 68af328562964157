// Public API of crm-analytics/rfm.
export type { RfmScoreDirection } from './binScores.js';
export { RFM_MAX_BINS, RFM_MIN_BINS, rfmBreakScores, rfmQuantileScores } from './binScores.js';
export type { RfmSegmentOverlap, RfmSegmentTableCheck } from './checkSegmentTable.js';
export { checkSegmentTable } from './checkSegmentTable.js';
export type { RfmDiagnostics, RfmDiagnosticsOptions, RfmDiagnosticWarning } from './rfmDiagnostics.js';
export { rfmDiagnostics } from './rfmDiagnostics.js';
export type {
  RfmBinCounts,
  RfmBinRange,
  RfmBreaks,
  RfmFieldOptions,
  RfmScore,
  RfmScoresOptions,
  RfmScoreTable,
  RfmWeights,
} from './rfmScores.js';
export { rfmScores, rfmScoresOptionsSchema } from './rfmScores.js';
export type { RfmSegmentReportRow } from './rfmSegmentReport.js';
export { rfmSegmentReport } from './rfmSegmentReport.js';
export type { RfmSegmentAssignment, RfmSegmentation } from './rfmSegments.js';
export { rfmSegments } from './rfmSegments.js';
export type { RfmScoreRange, RfmSegmentRule, RfmSegmentTable } from './segmentTables.js';
export {
  RFM_DEFAULT_SEGMENT_TABLE,
  RFM_FALLBACK_SEGMENT,
  RFM_QUARTILE_SEGMENT_TABLE,
  rfmSegmentTableSchema,
} from './segmentTables.js';
