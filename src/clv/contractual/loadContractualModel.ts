/**
 * Reading contractual / discrete-time models back from their JSON form.
 * @module
 */
import * as z from 'zod';
import { parseWithSchema } from '../../core/validate.js';
import { type BetaGeoBetaBinomJson, BetaGeoBetaBinomModel } from './betaGeoBetaBinom.js';
import { type ShiftedBetaGeometricJson, ShiftedBetaGeometricModel } from './shiftedBetaGeometric.js';

const positive = z.number().positive().finite();
const fitFields = {
  version: z.literal(1),
  logLikelihood: z.number().finite().nullable(),
  converged: z.boolean(),
  iterations: z.number().int().min(0),
  reason: z.string(),
  observations: z.number().min(0).finite(),
};
const sbgParams = z.strictObject({ alpha: positive, beta: positive });
const bgbbParams = z.strictObject({ alpha: positive, beta: positive, gamma: positive, delta: positive });

/** zod schema of the JSON written by the contractual models' `toJSON()` (discriminated by `model`). */
export const contractualModelJsonSchema: z.ZodType<ShiftedBetaGeometricJson | BetaGeoBetaBinomJson> =
  z.discriminatedUnion('model', [
    z.strictObject({
      model: z.literal('shifted-beta-geometric'),
      params: sbgParams,
      standardErrors: sbgParams.nullable(),
      ...fitFields,
    }),
    z.strictObject({
      model: z.literal('beta-geometric-beta-binomial'),
      params: bgbbParams,
      standardErrors: bgbbParams.nullable(),
      ...fitFields,
    }),
  ]);

/**
 * Rebuilds a contractual model from the JSON its `toJSON()` wrote (as an object, or as a JSON string), so that an
 * app can fit once and score later. The input is validated: a wrong `model` name, missing fields or non-positive
 * parameters are rejected. (Non-contractual models have their own loader in this area.)
 *
 * @param json - the output of `model.toJSON()`, or `JSON.stringify(model)`
 * @returns a {@link ShiftedBetaGeometricModel} or a {@link BetaGeoBetaBinomModel}, equal in every field
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the offending field (or for a string that is not JSON)
 * @example
 * import { fitShiftedBetaGeometric, loadContractualModel } from 'crm-analytics/clv';
 * const model = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * loadContractualModel(JSON.stringify(model)).params; // => { alpha: 0.704, beta: 1.182 }
 * loadContractualModel({ model: 'shifted-beta-geometric' }); // throws INVALID_INPUT
 */
export function loadContractualModel(json: unknown): ShiftedBetaGeometricModel | BetaGeoBetaBinomModel {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json) as unknown;
    } catch {
      input = undefined;
      parseWithSchema(
        // Stryker disable next-line ArrowFunction: zod's custom check fails on any falsy result, so () => undefined is () => false
        z.custom(() => false, 'expected a JSON string of a model'),
        json,
        ['json'],
      );
    }
  }
  const data = parseWithSchema(contractualModelJsonSchema, input, ['json']);
  // A model built from given parameters has no fit (logLikelihood null); its other fields are the defaults.
  const ll = data.logLikelihood;
  if (data.model === 'shifted-beta-geometric') {
    return new ShiftedBetaGeometricModel(
      data.params,
      ll === null ? null : { ...fitInfo(data, ll), standardErrors: data.standardErrors },
    );
  }
  return new BetaGeoBetaBinomModel(
    data.params,
    ll === null ? null : { ...fitInfo(data, ll), standardErrors: data.standardErrors },
  );
}

function fitInfo(
  data: ShiftedBetaGeometricJson | BetaGeoBetaBinomJson,
  logLikelihood: number,
): { logLikelihood: number; converged: boolean; iterations: number; reason: string; observations: number } {
  return {
    logLikelihood,
    converged: data.converged,
    iterations: data.iterations,
    reason: data.reason,
    observations: data.observations,
  };
}
