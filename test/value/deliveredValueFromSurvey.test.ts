import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { deliveredValueFromSurvey } from '../../src/value/index.js';
import { fc, test } from '../support/property.js';

function errorOf(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError');
}

describe('deliveredValueFromSurvey: worked examples', () => {
  it('1–5 ratings rescaled to 0–100 and averaged per side', () => {
    // value: product 5 → 100, service 3 → 50 → 75; cost: monetary 4 → 75, time 2 → 25 → 50
    const result = deliveredValueFromSurvey({ value: { product: 5, service: 3 }, cost: { monetary: 4, time: 2 } });
    expect(result).toMatchObject({
      totalCustomerValue: 75,
      totalCustomerCost: 50,
      deliveredValue: 25,
      valueRatio: 1.5,
    });
    expect(result.components.value).toEqual({ product: 50, service: 25, personnel: 0, image: 0 });
  });

  it('importance weights: (3·100 + 1·50)/4 = 87.5', () => {
    const result = deliveredValueFromSurvey({
      value: { product: 5, service: 3 },
      cost: { monetary: 4 },
      importance: { product: 3, service: 1 },
    });
    expect(result.totalCustomerValue).toBeCloseTo(87.5, 12);
    expect(result.totalCustomerCost).toBeCloseTo(75, 12);
  });

  it('a 1–7 scale: 7 → 100, 4 → 50, 1 → 0', () => {
    const result = deliveredValueFromSurvey(
      { value: { product: 7, image: 1 }, cost: { monetary: 4 } },
      { scale: { min: 1, max: 7 } },
    );
    expect(result.totalCustomerValue).toBeCloseTo(50, 12);
    expect(result.totalCustomerCost).toBeCloseTo(50, 12);
    expect(result.deliveredValue).toBeCloseTo(0, 12);
  });
});

describe('deliveredValueFromSurvey: edge cases and errors', () => {
  it('every cost at the bottom of the scale → DOMAIN_ERROR (ratio undefined)', () => {
    expect(
      errorOf(() => deliveredValueFromSurvey({ value: { product: 5 }, cost: { monetary: 1, time: 1 } })).code,
    ).toBe('DOMAIN_ERROR');
  });

  it('ratings outside the scale are named', () => {
    const error = errorOf(() =>
      deliveredValueFromSurvey({ value: { product: 8 }, cost: { monetary: 4 } }, { scale: { min: 1, max: 7 } }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('input.value.product: expected a rating in [1, 7], got 8');
    expect(errorOf(() => deliveredValueFromSurvey({ value: { product: 0 }, cost: { monetary: 4 } })).message).toMatch(
      /input\.value\.product: expected a rating in \[1, 5\], got 0/,
    );
  });

  it('a side with nothing rated, or only zero importance', () => {
    expect(errorOf(() => deliveredValueFromSurvey({ value: {}, cost: { monetary: 4 } })).message).toMatch(
      /^input\.value: expected at least one rated component/,
    );
    expect(
      errorOf(() => deliveredValueFromSurvey({ value: { product: 3 }, cost: { time: 4 }, importance: { time: 0 } }))
        .message,
    ).toMatch(/^input\.cost: expected at least one rated component/);
  });

  it('bad scale, NaN rating, negative importance', () => {
    expect(
      errorOf(() =>
        deliveredValueFromSurvey({ value: { product: 3 }, cost: { time: 4 } }, { scale: { min: 5, max: 1 } }),
      ).code,
    ).toBe('INVALID_OPTION');
    expect(
      errorOf(() => deliveredValueFromSurvey({ value: { product: Number.NaN }, cost: { time: 4 } })).message,
    ).toMatch(/input\.value\.product: expected a finite number, got NaN/);
    expect(
      errorOf(() => deliveredValueFromSurvey({ value: { product: 3 }, cost: { time: 4 }, importance: { time: -1 } }))
        .message,
    ).toMatch(/input\.importance\.time/);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ value: Object.freeze({ product: 4 }), cost: Object.freeze({ time: 2 }) });
    deliveredValueFromSurvey(input);
    expect(input).toEqual({ value: { product: 4 }, cost: { time: 2 } });
  });
});

const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
const survey = fc.record({
  value: fc.record({ product: fc.integer({ min: 1, max: 5 }), service: rating, personnel: rating, image: rating }),
  cost: fc.record({ monetary: fc.integer({ min: 2, max: 5 }), time: rating, energy: rating, physical: rating }),
  importance: fc.record(
    {
      product: fc.integer({ min: 1, max: 5 }),
      service: fc.integer({ min: 0, max: 5 }),
      monetary: fc.integer({ min: 1, max: 5 }),
      time: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: [] },
  ),
});

describe('deliveredValueFromSurvey: properties', () => {
  test.prop([survey])('delivered value = total value − total cost; both totals in [0, 100]', (input) => {
    const result = deliveredValueFromSurvey(input);
    expect(result.deliveredValue).toBe(result.totalCustomerValue - result.totalCustomerCost);
    for (const total of [result.totalCustomerValue, result.totalCustomerCost]) {
      expect(total).toBeGreaterThanOrEqual(0);
      expect(total).toBeLessThanOrEqual(100 + 1e-9);
    }
  });

  test.prop([survey, fc.integer({ min: 1, max: 10 })])(
    'invariant to multiplying every importance by the same factor, and to a linear change of the rating scale',
    (input, k) => {
      const base = deliveredValueFromSurvey(input);
      const names = ['product', 'service', 'personnel', 'image', 'monetary', 'time', 'energy', 'physical'] as const;
      const given: Record<string, number | undefined> = input.importance;
      const importance = Object.fromEntries(names.map((key) => [key, (given[key] ?? 1) * k]));
      const weighted = deliveredValueFromSurvey({ ...input, importance });
      expect(weighted.totalCustomerValue).toBeCloseTo(base.totalCustomerValue, 9);
      expect(weighted.totalCustomerCost).toBeCloseTo(base.totalCustomerCost, 9);
      // the same answers on a 0–10 scale: x ↦ 2.5·(x − 1)
      const map = (side: Record<string, number | undefined>) =>
        Object.fromEntries(Object.entries(side).map(([key, x]) => [key, x === undefined ? x : 2.5 * (x - 1)]));
      const rescaled = deliveredValueFromSurvey(
        { ...input, value: map(input.value), cost: map(input.cost) },
        { scale: { min: 0, max: 10 } },
      );
      expect(rescaled.deliveredValue).toBeCloseTo(base.deliveredValue, 9);
      expect(rescaled.valueRatio).toBeCloseTo(base.valueRatio, 9);
    },
  );
});
