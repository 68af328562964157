// Barrel for part of crm-analytics/clv (see ./index.ts): discrete-time and contractual retention models
// (shifted-beta-geometric with DERL, BG/BB) and model checking for every purchase-count model.

export type {
  BetaGeoBetaBinomAliveOptions,
  BetaGeoBetaBinomCustomer,
  BetaGeoBetaBinomDertOptions,
  BetaGeoBetaBinomFitOptions,
  BetaGeoBetaBinomJson,
  BetaGeoBetaBinomParams,
  BetaGeoBetaBinomRow,
} from './contractual/betaGeoBetaBinom.js';
export {
  BetaGeoBetaBinomModel,
  betaGeoBetaBinomAliveOptionsSchema,
  betaGeoBetaBinomDertOptionsSchema,
  betaGeoBetaBinomFitOptionsSchema,
  fitBetaGeoBetaBinom,
} from './contractual/betaGeoBetaBinom.js';
export type { DerlOptions, ShiftedBetaGeometricParams } from './contractual/derl.js';
export {
  derlOptionsSchema,
  derlRetentionElasticity,
  discountedExpectedResidualLifetime,
  shiftedBetaGeometricParamsSchema,
} from './contractual/derl.js';
export { contractualModelJsonSchema, loadContractualModel } from './contractual/loadContractualModel.js';
export type {
  CalibrationVsHoldoutGroup,
  CalibrationVsHoldoutOptions,
  CalibrationVsHoldoutResult,
  CheckablePurchaseModel,
  ConditionalPurchaseModel,
  ExpectedPurchasesModel,
  PurchaseDistributionModel,
  RepeatFrequencyBin,
  RepeatFrequencyFitOptions,
  RepeatFrequencyFitResult,
  TrackingCurveOptions,
  TrackingCurvePoint,
  TrackingCurveResult,
} from './contractual/modelChecks.js';
export {
  calibrationVsHoldout,
  calibrationVsHoldoutOptionsSchema,
  repeatFrequencyFit,
  repeatFrequencyFitOptionsSchema,
  trackingCurve,
  trackingCurveOptionsSchema,
} from './contractual/modelChecks.js';
export type { ContractualFitInfo, ContractualFitOptions, PositiveInterval } from './contractual/shared.js';
export { contractualFitOptionsSchema } from './contractual/shared.js';
export type {
  ShiftedBetaGeometricCohortFit,
  ShiftedBetaGeometricCohortInput,
  ShiftedBetaGeometricDurations,
  ShiftedBetaGeometricJson,
} from './contractual/shiftedBetaGeometric.js';
export {
  fitShiftedBetaGeometric,
  fitShiftedBetaGeometricCohorts,
  ShiftedBetaGeometricModel,
} from './contractual/shiftedBetaGeometric.js';
