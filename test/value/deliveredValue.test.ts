import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { type DeliveredValueInput, deliveredValue, priceOfTime } from '../../src/value/index.js';
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

describe('deliveredValue: Kotler’s customer-delivered value, worked by hand', () => {
  it('TCV 1000 − TCC 600 = 400, ratio 5/3', () => {
    const result = deliveredValue({
      value: { product: 600, service: 200, personnel: 100, image: 100 },
      cost: { monetary: 500, time: 60, energy: 30, physical: 10 },
    });
    expect(result.totalCustomerValue).toBe(1000);
    expect(result.totalCustomerCost).toBe(600);
    expect(result.deliveredValue).toBe(400);
    expect(result.valueRatio).toBeCloseTo(5 / 3, 15);
    expect(result.components.value).toEqual({ product: 600, service: 200, personnel: 100, image: 100 });
    expect(result.components.cost).toEqual({ monetary: 500, time: 60, energy: 30, physical: 10 });
  });

  it('time priced with priceOfTime: 2 h at 30 an hour', () => {
    const result = deliveredValue({ value: { product: 300 }, cost: { monetary: 200, time: priceOfTime(2, 30) } });
    expect(result.totalCustomerCost).toBe(260);
    expect(result.deliveredValue).toBe(40);
  });

  it('weights scale each component; missing weights are 1 and missing components 0', () => {
    const result = deliveredValue({
      value: { product: 100, image: 40 },
      cost: { monetary: 50, energy: 10 },
      weights: { image: 0.5, energy: 2 },
    });
    expect(result.totalCustomerValue).toBe(120);
    expect(result.totalCustomerCost).toBe(70);
    expect(result.components.value.service).toBe(0);
    expect(result.components.cost.energy).toBe(20);
  });
});

describe('deliveredValue: edge cases and errors', () => {
  it('zero total cost → DOMAIN_ERROR, never Infinity', () => {
    const error = errorOf(() => deliveredValue({ value: { product: 10 }, cost: { monetary: 0 } }));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toMatch(/^input\.cost: the total customer cost is 0/);
    expect(errorOf(() => deliveredValue({ value: {}, cost: { monetary: 5 }, weights: { monetary: 0 } })).code).toBe(
      'DOMAIN_ERROR',
    );
  });

  it('zero value is fine: delivered value is minus the cost, ratio 0', () => {
    expect(deliveredValue({ value: {}, cost: { time: 5 } })).toMatchObject({ deliveredValue: -5, valueRatio: 0 });
  });

  it.each([
    [{ value: { product: -1 }, cost: { monetary: 1 } }, /input\.value\.product: expected a number ≥ 0, got -1/],
    [{ value: { product: 1 }, cost: { time: Number.NaN } }, /input\.cost\.time: expected a finite number, got NaN/],
    [{ value: { product: 1 }, cost: { monetary: Number.POSITIVE_INFINITY } }, /input\.cost\.monetary/],
    [{ value: { product: 1 }, cost: { monetary: 1 }, weights: { image: -2 } }, /input\.weights\.image/],
    [{ value: { produkt: 1 }, cost: { monetary: 1 } }, /input\.value: unknown option "produkt"/],
    [{ value: { product: 1 } }, /input\.cost: expected an object/],
  ])('rejects %o', (input, message) => {
    const error = errorOf(() => deliveredValue(input as DeliveredValueInput));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({
      value: Object.freeze({ product: 5 }),
      cost: Object.freeze({ monetary: 2 }),
      weights: Object.freeze({ product: 2 }),
    });
    deliveredValue(input);
    expect(input).toEqual({ value: { product: 5 }, cost: { monetary: 2 }, weights: { product: 2 } });
  });
});

describe('priceOfTime', () => {
  it('hours × value of time', () => {
    expect(priceOfTime(0.25, 48)).toBe(12);
    expect(priceOfTime(0, 48)).toBe(0);
  });
  it.each([
    [-1, 10, /^hours/],
    [1, -10, /^valueOfTimePerHour/],
    [Number.NaN, 10, /^hours: expected a finite number ≥ 0, got NaN/],
    [1, Number.POSITIVE_INFINITY, /^valueOfTimePerHour/],
  ])('priceOfTime(%s, %s) throws INVALID_INPUT', (h, v, message) => {
    const error = errorOf(() => priceOfTime(h, v));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
  });
  test.prop([fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true })])(
    'is linear in hours',
    (h, v) => {
      expect(priceOfTime(2 * h, v)).toBeCloseTo(2 * priceOfTime(h, v), 6);
    },
  );
});

const amount = fc.double({ min: 0, max: 1e6, noNaN: true });
const maybe = fc.option(amount, { nil: undefined });
const components = fc.record({
  value: fc.record({ product: maybe, service: maybe, personnel: maybe, image: maybe }, { requiredKeys: [] }),
  cost: fc.record(
    { monetary: fc.double({ min: 1e-3, max: 1e6, noNaN: true }), time: maybe, energy: maybe, physical: maybe },
    { requiredKeys: ['monetary'] },
  ),
  weights: fc.option(fc.record({ product: maybe, service: maybe, image: maybe, time: maybe }, { requiredKeys: [] }), {
    nil: undefined,
  }),
});

describe('deliveredValue: properties', () => {
  test.prop([components])('delivered value = total value − total cost, ratio × cost = value', (input) => {
    const result = deliveredValue(input as DeliveredValueInput);
    expect(result.deliveredValue).toBe(result.totalCustomerValue - result.totalCustomerCost);
    expect(result.valueRatio * result.totalCustomerCost).toBeCloseTo(result.totalCustomerValue, 3);
    expect(result.totalCustomerValue).toBeGreaterThanOrEqual(0);
    expect(result.totalCustomerCost).toBeGreaterThan(0);
  });

  test.prop([components])('the weighted components add up to the totals', (input) => {
    const result = deliveredValue(input as DeliveredValueInput);
    const v = Object.values(result.components.value).reduce((a, b) => a + b, 0);
    const c = Object.values(result.components.cost).reduce((a, b) => a + b, 0);
    expect(v).toBeCloseTo(result.totalCustomerValue, 6);
    expect(c).toBeCloseTo(result.totalCustomerCost, 6);
  });

  test.prop([components, fc.double({ min: 0.01, max: 100, noNaN: true })])(
    'rescaling the currency scales the difference and leaves the ratio unchanged',
    (input, k) => {
      const scaled = {
        ...input,
        value: Object.fromEntries(Object.entries(input.value).map(([key, x]) => [key, x === undefined ? x : x * k])),
        cost: Object.fromEntries(Object.entries(input.cost).map(([key, x]) => [key, x === undefined ? x : x * k])),
      };
      const a = deliveredValue(input as DeliveredValueInput);
      const b = deliveredValue(scaled as DeliveredValueInput);
      expect(Math.abs(b.valueRatio - a.valueRatio)).toBeLessThanOrEqual(1e-9 * (1 + a.valueRatio));
      expect(Math.abs(b.deliveredValue - k * a.deliveredValue)).toBeLessThanOrEqual(
        1e-9 * k * (a.totalCustomerValue + a.totalCustomerCost),
      );
    },
  );
});
