import { describe, expect, it } from 'vitest';
import { acquisitionVsRetention } from '../../src/lifecycle/index.js';
import { fc, test } from '../support/property.js';

describe('acquisitionVsRetention', () => {
  it("applies the textbook's rules of thumb as documented defaults (5×, 25 told, 8 prospects, 1 buyer)", () => {
    const r = acquisitionVsRetention({ customers: 2000, customersLost: 300, retentionCost: 40 });
    expect(r.assumptions).toEqual({
      customers: 2000,
      customersLost: 300,
      retentionCost: 40,
      acquisitionCost: 200,
      acquisitionToRetentionCostRatio: 5,
      dissatisfiedCustomers: 300,
      satisfiedCustomers: 1700,
      peopleToldPerDissatisfiedCustomer: 25,
      prospectsPerSatisfiedCustomer: 8,
      buyersPerSatisfiedCustomer: 1,
    });
    expect(r.costToRetainLostCustomers).toBe(12_000);
    expect(r.costToReplaceLostCustomers).toBe(60_000);
    expect(r.savingFromRetention).toBe(48_000);
    expect(r.peopleReachedByDissatisfied).toBe(7500);
    expect(r.referralProspects).toBe(13_600);
    expect(r.referralBuyers).toBe(1700);
  });

  it('derives the retention cost from the acquisition cost, or takes both as given', () => {
    const fromAcquisition = acquisitionVsRetention({
      customers: 100,
      customersLost: 10,
      acquisitionCost: 90,
      acquisitionToRetentionCostRatio: 3,
    });
    expect(fromAcquisition.assumptions.retentionCost).toBe(30);
    const both = acquisitionVsRetention({ customers: 100, customersLost: 10, acquisitionCost: 70, retentionCost: 35 });
    expect(both.assumptions.acquisitionToRetentionCostRatio).toBe(2);
    expect(both.savingFromRetention).toBe(350);
    const free = acquisitionVsRetention({ customers: 100, customersLost: 10, acquisitionCost: 70, retentionCost: 0 });
    expect(free.assumptions.acquisitionToRetentionCostRatio).toBeNull();
  });

  it('takes every word-of-mouth figure as an input', () => {
    const r = acquisitionVsRetention({
      customers: 100,
      customersLost: 10,
      retentionCost: 1,
      dissatisfiedCustomers: 4,
      satisfiedCustomers: 50,
      peopleToldPerDissatisfiedCustomer: 10,
      prospectsPerSatisfiedCustomer: 3,
      buyersPerSatisfiedCustomer: 0.5,
    });
    expect([r.peopleReachedByDissatisfied, r.referralProspects, r.referralBuyers]).toEqual([40, 150, 25]);
  });

  it('names the bad input', () => {
    expect(() => acquisitionVsRetention({ customers: 10, customersLost: 20, retentionCost: 1 })).toThrowError(
      'inputs.customersLost: expected customersLost ≤ customers',
    );
    expect(() => acquisitionVsRetention({ customers: 10, customersLost: 1 })).toThrowError(/^inputs\.retentionCost/);
    expect(() =>
      acquisitionVsRetention({
        customers: 10,
        customersLost: 1,
        retentionCost: 1,
        acquisitionCost: 5,
        acquisitionToRetentionCostRatio: 5,
      }),
    ).toThrowError(/^inputs\.acquisitionToRetentionCostRatio/);
    expect(() => acquisitionVsRetention({ customers: -1, customersLost: 0, retentionCost: 1 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/^inputs\.customers:/) }),
    );
    expect(() => acquisitionVsRetention({ customers: 10, customersLost: 1, retentionCost: Number.NaN })).toThrowError(
      /^inputs\.retentionCost/,
    );
    expect(() =>
      acquisitionVsRetention({ customers: 10, customersLost: 1, retentionCost: 1, buyersPerSatisfiedCustomer: 9 }),
    ).toThrowError(/^inputs\.buyersPerSatisfiedCustomer/);
    expect(() =>
      acquisitionVsRetention({ customers: 10, customersLost: 1, retentionCost: 1, churn: 2 } as never),
    ).toThrowError(/unknown option "churn"/);
  });

  it('does not mutate its input', () => {
    const inputs = { customers: 10, customersLost: 2, retentionCost: 3 };
    const copy = { ...inputs };
    acquisitionVsRetention(inputs);
    expect(inputs).toEqual(copy);
  });
});

describe('acquisitionVsRetention properties', () => {
  const inputsArb = fc
    .record({
      customers: fc.integer({ min: 0, max: 1e6 }),
      lostShare: fc.double({ min: 0, max: 1, noNaN: true }),
      retentionCost: fc.double({ min: 0, max: 1e4, noNaN: true }),
      ratio: fc.double({ min: 0.1, max: 20, noNaN: true }),
    })
    .map(({ customers, lostShare, retentionCost, ratio }) => ({
      customers,
      customersLost: Math.floor(customers * lostShare),
      retentionCost,
      acquisitionToRetentionCostRatio: ratio,
    }));

  test.prop([inputsArb])('retaining saves (ratio − 1) × lost × retention cost', (inputs) => {
    const r = acquisitionVsRetention(inputs);
    const expected = (inputs.acquisitionToRetentionCostRatio - 1) * inputs.customersLost * inputs.retentionCost;
    expect(r.savingFromRetention).toBeCloseTo(expected, 3);
    expect(
      Math.sign(r.savingFromRetention) * Math.sign(inputs.acquisitionToRetentionCostRatio - 1),
    ).toBeGreaterThanOrEqual(0);
  });

  test.prop([inputsArb, fc.integer({ min: 1, max: 10 })])('scales linearly with the base', (inputs, k) => {
    const a = acquisitionVsRetention(inputs);
    const b = acquisitionVsRetention({
      ...inputs,
      customers: inputs.customers * k,
      customersLost: inputs.customersLost * k,
    });
    expect(b.costToReplaceLostCustomers).toBeCloseTo(a.costToReplaceLostCustomers * k, 3);
    expect(b.referralProspects).toBeCloseTo(a.referralProspects * k, 6);
  });
});
