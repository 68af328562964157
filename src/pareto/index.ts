// Public API of crm-analytics/pareto: 80/20 concentration (Pareto analysis, a/b rule), Lorenz curve, Gini,
// Herfindahl, ABC classes and the customer pyramid.
export type {
  AbcBoundary,
  AbcClassification,
  AbcClassifyOptions,
  AbcClassSummary,
  AbcCustomer,
  ParsedAbcClassifyOptions,
} from './abcClassify.js';
export { abcClassify, abcClassifyOptionsSchema, DEFAULT_ABC_THRESHOLDS } from './abcClassify.js';
export type {
  ConcentrationSummary,
  ConcentrationSummaryOptions,
  ParsedConcentrationSummaryOptions,
} from './concentrationSummary.js';
export { concentrationSummary, concentrationSummaryOptionsSchema } from './concentrationSummary.js';
export type {
  CustomerPyramid,
  CustomerPyramidCustomer,
  CustomerPyramidOptions,
  CustomerPyramidTier,
  CustomerPyramidTierSummary,
  ParsedCustomerPyramidOptions,
} from './customerPyramid.js';
export { customerPyramid, customerPyramidOptionsSchema, DEFAULT_CUSTOMER_PYRAMID_TIERS } from './customerPyramid.js';
export type { GiniCorrection, GiniOptions, ParsedGiniOptions } from './gini.js';
export { gini, giniOptionsSchema } from './gini.js';
export type { HerfindahlOptions, HerfindahlResult, ParsedHerfindahlOptions } from './herfindahl.js';
export { herfindahl, herfindahlOptionsSchema } from './herfindahl.js';
export type { LorenzCurveOptions, LorenzPoint, ParsedLorenzCurveOptions } from './lorenzCurve.js';
export { lorenzCurve, lorenzCurveOptionsSchema } from './lorenzCurve.js';
export type {
  ParetoAbRule,
  ParetoAnalysisJSON,
  ParetoAnalysisOptions,
  ParetoRow,
  ParsedParetoAnalysisOptions,
} from './paretoAnalysis.js';
export { ParetoAnalysisResult, paretoAnalysis, paretoAnalysisOptionsSchema } from './paretoAnalysis.js';
export type { NegativeValuePolicy, ParetoValueOptions } from './values.js';
export { negativeValuePolicySchema } from './values.js';
