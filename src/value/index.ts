// Public API of crm-analytics/value: customer-delivered value (Kotler), the customer's view of customer value.

export type {
  CompareOfferingsOptions,
  DeliveredValueDriver,
  Offering,
  OfferingComparison,
  RankedOffering,
} from './compareOfferings.js';
export { compareOfferings, compareOfferingsOptionsSchema } from './compareOfferings.js';
export type {
  CustomerCostComponent,
  CustomerCostComponents,
  CustomerValueComponent,
  CustomerValueComponents,
  DeliveredValueBreakdown,
  DeliveredValueComponent,
  DeliveredValueResult,
  DeliveredValueWeights,
} from './components.js';
export {
  customerCostComponentsSchema,
  customerValueComponentsSchema,
  deliveredValueWeightsSchema,
} from './components.js';
export type { DeliveredValueInput } from './deliveredValue.js';
export { deliveredValue, deliveredValueInputSchema } from './deliveredValue.js';
export type { DeliveredValueFromSurveyOptions, SurveyDeliveredValueInput } from './deliveredValueFromSurvey.js';
export {
  deliveredValueFromSurvey,
  deliveredValueFromSurveyOptionsSchema,
  surveyDeliveredValueInputSchema,
} from './deliveredValueFromSurvey.js';
export { priceOfTime } from './priceOfTime.js';
