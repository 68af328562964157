import { describe, expectTypeOf, it } from 'vitest';
import {
  type CustomerEquityResult,
  customerEquity,
  type LifetimeValueResult,
  lifetimeValue,
  marginMultiple,
  type RetentionImpactResult,
  retentionImpact,
  type ValueSplitResult,
  valueSplit,
} from '../../../src/clv/index.js';

describe('retention CLV: types', () => {
  it('results are typed', () => {
    expectTypeOf(lifetimeValue).returns.toEqualTypeOf<LifetimeValueResult>();
    expectTypeOf(marginMultiple).returns.toEqualTypeOf<number>();
    expectTypeOf(retentionImpact).returns.toEqualTypeOf<RetentionImpactResult>();
    expectTypeOf(valueSplit).returns.toEqualTypeOf<ValueSplitResult>();
    expectTypeOf(customerEquity<{ margin: number }>).returns.toEqualTypeOf<CustomerEquityResult>();
  });

  it('misuse does not compile', () => {
    const check = (run: () => unknown) => run;
    // @ts-expect-error retentionRate is required
    check(() => lifetimeValue({ margin: 1, discountRate: 0.1 }));
    // @ts-expect-error timing is 'end' | 'start'
    check(() => lifetimeValue({ margin: 1, retentionRate: 0.5, discountRate: 0.1, timing: 'middle' }));
    // @ts-expect-error the discount rate of customerEquity is required
    check(() => customerEquity([{ margin: 1 }], {}));
    // @ts-expect-error retentionDelta is required
    check(() => retentionImpact({ margin: 1, retentionRate: 0.5, discountRate: 0.1 }, {}));
    // @ts-expect-error history is a list of numbers
    check(() => valueSplit({ history: ['1'], forecast: [], discountRate: 0 }));
  });
});
