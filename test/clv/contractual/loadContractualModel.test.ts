import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BetaGeoBetaBinomCustomer } from '../../../src/clv/contractual/betaGeoBetaBinom.js';
import {
  BetaGeoBetaBinomModel,
  type CheckablePurchaseModel,
  contractualModelJsonSchema,
  type DerlOptions,
  fitBetaGeoBetaBinom,
  fitShiftedBetaGeometric,
  loadContractualModel,
  ShiftedBetaGeometricModel,
} from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { loadDonations } from './helpers.js';

function expectCode(run: () => unknown, code: string): CrmAnalyticsError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CrmAnalyticsError);
  expect((thrown as CrmAnalyticsError).code).toBe(code);
  return thrown as CrmAnalyticsError;
}

describe('loadContractualModel', () => {
  it('round-trips a fitted sBG model (object and string), equal in every field and prediction', () => {
    const model = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
    for (const json of [model.toJSON(), JSON.stringify(model)]) {
      const loaded = loadContractualModel(json);
      expect(loaded).toBeInstanceOf(ShiftedBetaGeometricModel);
      expect(loaded.toJSON()).toEqual(model.toJSON());
      expect((loaded as ShiftedBetaGeometricModel).derl({ discountRate: 0.1 })).toBe(model.derl({ discountRate: 0.1 }));
      expect(loaded.confidenceIntervals).toEqual(model.confidenceIntervals);
    }
  });

  it('round-trips a fitted BG/BB model', () => {
    const model = fitBetaGeoBetaBinom(loadDonations());
    const loaded = loadContractualModel(JSON.parse(JSON.stringify(model)));
    expect(loaded).toBeInstanceOf(BetaGeoBetaBinomModel);
    expect(loaded.toJSON()).toEqual(model.toJSON());
    const c = [{ frequency: 2, recency: 4, periods: 6 }];
    expect((loaded as BetaGeoBetaBinomModel).probabilityAlive(c)).toEqual(model.probabilityAlive(c));
  });

  it('round-trips models built from given parameters', () => {
    const model = new BetaGeoBetaBinomModel({ alpha: 1, beta: 2, gamma: 3, delta: 4 });
    const loaded = loadContractualModel(model.toJSON());
    expect(loaded.toJSON()).toEqual(model.toJSON());
    expect(loaded.logLikelihood).toBeNull();
  });

  it('the schema accepts exactly what toJSON writes', () => {
    expect(
      contractualModelJsonSchema.safeParse(new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 }).toJSON()).success,
    ).toBe(true);
  });

  it('rejects malformed JSON, naming the field', () => {
    const good = new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 }).toJSON();
    expect(
      expectCode(() => loadContractualModel({ ...good, params: { alpha: -1, beta: 1 } }), 'INVALID_INPUT').message,
    ).toContain('json.params.alpha');
    expectCode(() => loadContractualModel({ ...good, model: 'bg-nbd' }), 'INVALID_INPUT');
    expectCode(() => loadContractualModel({ ...good, version: 2 }), 'INVALID_INPUT');
    expectCode(() => loadContractualModel('{not json'), 'INVALID_INPUT');
    expectCode(() => loadContractualModel(null), 'INVALID_INPUT');
  });

  it('does not mutate its input', () => {
    const json = fitShiftedBetaGeometric([100, 60, 40]).toJSON();
    const copy = structuredClone(json);
    loadContractualModel(json);
    expect(json).toEqual(copy);
  });
});

describe('types', () => {
  it('BG/BB satisfies the model-checking interface; the loader returns the union', () => {
    expectTypeOf<BetaGeoBetaBinomModel>().toMatchTypeOf<CheckablePurchaseModel<BetaGeoBetaBinomCustomer>>();
    expectTypeOf(loadContractualModel).returns.toEqualTypeOf<ShiftedBetaGeometricModel | BetaGeoBetaBinomModel>();
    const sbg = new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 });
    // @ts-expect-error: renewals is a whole number option, not a string
    const misuse = { discountRate: 0.1, renewals: '1' } satisfies DerlOptions;
    expect(() => sbg.derl(misuse as unknown as DerlOptions)).toThrow();
    // @ts-expect-error: the sBG needs both shapes
    expect(() => new ShiftedBetaGeometricModel({ alpha: 1 })).toThrow();
  });
});
