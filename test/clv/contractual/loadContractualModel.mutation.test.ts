// Written for the mutants of src/clv/contractual/loadContractualModel.ts that survived Stryker (see
// docs/testing.md): the exact error for a string that is not JSON, and that a JSON without a fit
// (logLikelihood null) gives a model with the defaults of given parameters, whatever its other fit fields say.
import { describe, expect, it } from 'vitest';
import { BetaGeoBetaBinomModel } from '../../../src/clv/contractual/betaGeoBetaBinom.js';
import { loadContractualModel } from '../../../src/clv/contractual/loadContractualModel.js';
import { ShiftedBetaGeometricModel } from '../../../src/clv/contractual/shiftedBetaGeometric.js';
import { thrown } from '../../support/thrown.js';

describe('loadContractualModel', () => {
  it('a string that is not JSON: INVALID_INPUT at json, saying a JSON string was expected', () => {
    for (const text of ['{not json', '', 'undefined']) {
      const error = thrown(() => loadContractualModel(text));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`json: expected a JSON string of a model, got the string ${JSON.stringify(text)}`);
      expect(error.path).toEqual(['json']);
      expect(error.received).toBe(text);
    }
  });

  it('logLikelihood null: the fit fields are ignored, the model has the defaults of given parameters', () => {
    const fitFields = {
      logLikelihood: null,
      converged: false,
      iterations: 7,
      reason: 'custom',
      observations: 12,
    };
    const sbg = loadContractualModel({
      ...new ShiftedBetaGeometricModel({ alpha: 1, beta: 2 }).toJSON(),
      ...fitFields,
      standardErrors: { alpha: 0.1, beta: 0.2 },
    });
    expect(sbg).toBeInstanceOf(ShiftedBetaGeometricModel);
    const bgbb = loadContractualModel({
      ...new BetaGeoBetaBinomModel({ alpha: 1, beta: 2, gamma: 3, delta: 4 }).toJSON(),
      ...fitFields,
      standardErrors: { alpha: 0.1, beta: 0.2, gamma: 0.3, delta: 0.4 },
    });
    expect(bgbb).toBeInstanceOf(BetaGeoBetaBinomModel);
    for (const model of [sbg, bgbb]) {
      expect(model.logLikelihood).toBeNull();
      expect(model.converged).toBe(true);
      expect(model.iterations).toBe(0);
      expect(model.reason).toBe('parameters given');
      expect(model.standardErrors).toBeNull();
      expect(model.confidenceIntervals).toBeNull();
      expect(model.observations).toBe(0);
    }
  });

  it('a fitted JSON keeps every fit field', () => {
    const json = {
      ...new ShiftedBetaGeometricModel({ alpha: 1, beta: 2 }).toJSON(),
      logLikelihood: -100.5,
      converged: false,
      iterations: 7,
      reason: 'custom',
      observations: 12,
      standardErrors: { alpha: 0.1, beta: 0.2 },
    };
    const model = loadContractualModel(json);
    expect(model.toJSON()).toEqual(json);
    const bgbbJson = {
      ...new BetaGeoBetaBinomModel({ alpha: 1, beta: 2, gamma: 3, delta: 4 }).toJSON(),
      logLikelihood: -50,
      converged: true,
      iterations: 3,
      reason: 'r',
      observations: 9,
      standardErrors: { alpha: 0.1, beta: 0.2, gamma: 0.3, delta: 0.4 },
    };
    expect(loadContractualModel(JSON.stringify(bgbbJson)).toJSON()).toEqual(bgbbJson);
  });
});
