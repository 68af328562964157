// Public API of crm-analytics/satisfaction: satisfaction, loyalty and trust indices.
export { type CesDirection, type CesOptions, type CesResult, ces, cesOptionsSchema } from './ces.js';
export { type CsatOptions, type CsatResult, csat, csatOptionsSchema } from './csat.js';
export {
  type DisconfirmationAttribute,
  type DisconfirmationOptions,
  type DisconfirmationResult,
  disconfirmation,
  disconfirmationOptionsSchema,
} from './disconfirmation.js';
export {
  type ImportancePerformanceAttribute,
  type ImportancePerformanceOptions,
  type ImportancePerformancePoint,
  type ImportancePerformanceQuadrant,
  type ImportancePerformanceResult,
  importancePerformance,
  importancePerformanceOptionsSchema,
} from './importancePerformance.js';
export type { SurveyInterval } from './intervals.js';
export {
  type KanoAnswer,
  type KanoCategory,
  type KanoCounts,
  type KanoFeatureResult,
  type KanoOptions,
  type KanoResponse,
  kano,
  kanoCategory,
  kanoOptionsSchema,
} from './kano.js';
export {
  type LoyaltyGroup,
  type LoyaltyVulnerabilityOptions,
  type LoyaltyVulnerabilityResult,
  loyaltyVulnerability,
  loyaltyVulnerabilityOptionsSchema,
} from './loyaltyVulnerability.js';
export {
  type NpsGroup,
  type NpsIntervalMethod,
  type NpsOptions,
  type NpsResult,
  nps,
  npsOptionsSchema,
} from './nps.js';
export {
  type SatisfactionIndexItem,
  type SatisfactionIndexOptions,
  type SatisfactionIndexResult,
  satisfactionIndex,
  satisfactionIndexOptionsSchema,
} from './satisfactionIndex.js';
export {
  type SatisfactionRatioAttribute,
  type SatisfactionRatioOptions,
  type SatisfactionRatioResult,
  type SatisfactionState,
  satisfactionRatio,
  satisfactionRatioOptionsSchema,
} from './satisfactionRatio.js';
export {
  SERVQUAL_DIMENSIONS,
  type ServqualDimensionGap,
  type ServqualGapsOptions,
  type ServqualGapsResult,
  type ServqualItemGap,
  servqualGaps,
  servqualGapsOptionsSchema,
} from './servqualGaps.js';
export {
  type TrustComponents,
  type TrustQuotientOptions,
  trustQuotient,
  trustQuotientOptionsSchema,
} from './trustQuotient.js';
