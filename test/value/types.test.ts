import { describe, expectTypeOf, it } from 'vitest';
import {
  compareOfferings,
  type DeliveredValueResult,
  deliveredValue,
  deliveredValueFromSurvey,
  type OfferingComparison,
  priceOfTime,
} from '../../src/value/index.js';

describe('value: types', () => {
  it('results are typed', () => {
    expectTypeOf(deliveredValue).returns.toEqualTypeOf<DeliveredValueResult>();
    expectTypeOf(deliveredValueFromSurvey).returns.toEqualTypeOf<DeliveredValueResult>();
    expectTypeOf(compareOfferings).returns.toEqualTypeOf<OfferingComparison>();
    expectTypeOf(priceOfTime).returns.toEqualTypeOf<number>();
  });

  it('misuse does not compile', () => {
    const check = (run: () => unknown) => run;
    // @ts-expect-error unknown value component
    check(() => deliveredValue({ value: { quality: 1 }, cost: { monetary: 1 } }));
    // @ts-expect-error cost is required
    check(() => deliveredValue({ value: { product: 1 } }));
    // @ts-expect-error offerings need a name
    check(() => compareOfferings([{ value: {}, cost: { monetary: 1 } }]));
  });
});
