import { describe, expectTypeOf, it } from 'vitest';
import {
  type BetaGeoModel,
  type BtydDiscountRate,
  type BtydModel,
  customerLifetimeValue,
  fitBetaGeo,
  fitGammaGamma,
  type GammaGammaModel,
  loadModel,
} from '../../../src/index.js';

describe('types of the probabilistic models', () => {
  it('predictions are Float64Array and fits return model classes', () => {
    expectTypeOf(fitBetaGeo).returns.toEqualTypeOf<BetaGeoModel>();
    expectTypeOf(fitGammaGamma).returns.toEqualTypeOf<GammaGammaModel>();
    expectTypeOf<BetaGeoModel['probabilityAlive']>().returns.toEqualTypeOf<Float64Array>();
    expectTypeOf(loadModel).returns.toEqualTypeOf<BtydModel>();
    expectTypeOf(customerLifetimeValue).returns.toEqualTypeOf<Float64Array>();
  });
  it('rejects misuse at compile time', () => {
    const model = null as unknown as BetaGeoModel;
    const check = (): void => {
      // @ts-expect-error a duration has exactly one known unit key
      model.expectedPurchases({ fortnights: 2 });
      // @ts-expect-error the discount rate must say its period
      const rate: BtydDiscountRate = { rate: 0.1 };
      customerLifetimeValue({ transactionModel: model, customers: [], horizon: { months: 1 }, discountRate: rate });
      // @ts-expect-error records need frequency, recency and T
      fitBetaGeo([{ frequency: 1, recency: 2 }], { timeUnit: 'week' });
      // @ts-expect-error time units are a closed set
      fitBetaGeo([], { timeUnit: 'fortnight' });
    };
    expectTypeOf(check).toBeFunction();
  });
});
