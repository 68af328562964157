// Barrel for part of crm-analytics/clv (see ./index.ts): the probabilistic non-contractual ("buy 'til you die")
// models — BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma — discounted CLV, simulators and model loading.
export type {
  BetaGeoFitOptions,
  BetaGeoModelState,
  BetaGeoParams,
  ProbabilityAliveOptions,
  ResidualPurchasesOptions,
  SerializedBetaGeoModel,
} from './models/betaGeo.js';
export { BetaGeoModel, fitBetaGeo } from './models/betaGeo.js';
export type { BtydDiscountRate, CustomerLifetimeValueInput } from './models/customerLifetimeValue.js';
export { customerLifetimeValue } from './models/customerLifetimeValue.js';
export type {
  FrequencyMonetary,
  GammaGammaFitOptions,
  GammaGammaModelState,
  GammaGammaParams,
  SerializedGammaGammaModel,
  SpendFrequencyCheck,
} from './models/gammaGamma.js';
export { fitGammaGamma, GammaGammaModel } from './models/gammaGamma.js';
export type { BtydModel } from './models/modelSerialization/loadModel.js';
export { loadModel, serializedBtydModelSchema } from './models/modelSerialization/loadModel.js';
export type {
  ModifiedBetaGeoFitOptions,
  ModifiedBetaGeoModelState,
  SerializedModifiedBetaGeoModel,
} from './models/modifiedBetaGeo.js';
export { fitModifiedBetaGeo, ModifiedBetaGeoModel } from './models/modifiedBetaGeo.js';
export type { ParetoNbdFitOptions, ParetoNbdModelState, SerializedParetoNbdModel } from './models/paretoNbd.js';
export { fitParetoNbd, ParetoNbdModel } from './models/paretoNbd.js';
export type {
  BtydCustomers,
  BtydDuration,
  BtydFitOptions,
  BtydFitSummary,
  BtydInterval,
  BtydTimeUnit,
  BtydTransactionModel,
} from './models/shared.js';
export { btydFitOptionsSchema } from './models/shared.js';
export type {
  ParetoNbdParams,
  SimulatedCustomer,
  SimulatedPurchase,
  SimulationOptions,
  SimulationResult,
} from './models/simulate.js';
export { simulateBetaGeo, simulateParetoNbd } from './models/simulate.js';
