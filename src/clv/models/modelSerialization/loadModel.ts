/**
 * Reading models back from their JSON form (`model.toJSON()`), validated with zod.
 * @module
 */
import * as z from 'zod';
import { parseWithSchema } from '../../../core/validate.js';
import { BetaGeoModel, type SerializedBetaGeoModel } from '../betaGeo.js';
import { GammaGammaModel, type SerializedGammaGammaModel } from '../gammaGamma.js';
import { ModifiedBetaGeoModel, type SerializedModifiedBetaGeoModel } from '../modifiedBetaGeo.js';
import { ParetoNbdModel, type SerializedParetoNbdModel } from '../paretoNbd.js';

const positive = z.number().positive().finite();
const timeUnit = z.enum(['day', 'week', 'month', 'year']);
const interval = z.object({ lower: z.number().finite(), upper: z.number().finite() }).strict();
const fitSummary = z
  .object({
    logLikelihood: z.number().finite(),
    converged: z.boolean(),
    iterations: z.number().int().min(0),
    reason: z.string(),
    penalizer: z.number().min(0).finite(),
    customerCount: z.number().min(0).finite(),
  })
  .strict();

function modelSchema<K extends string, N extends string>(kind: K, names: readonly [N, ...N[]], withUnit: boolean) {
  const params = z.object(Object.fromEntries(names.map((n) => [n, positive])) as Record<N, typeof positive>).strict();
  const intervals = z
    .object(Object.fromEntries(names.map((n) => [n, interval])) as Record<N, typeof interval>)
    .strict();
  return z
    .object({
      model: z.literal(kind),
      version: z.literal(1),
      params,
      ...(withUnit ? { timeUnit } : {}),
      fit: fitSummary.nullable(),
      standardErrors: params.nullable(),
      confidenceIntervals: intervals.nullable(),
    })
    .passthrough();
}

const spendCheck = z
  .object({ correlation: z.number().min(-1).max(1), customers: z.number().min(0), independent: z.boolean() })
  .strict();

/** zod schema of the JSON forms `loadModel` accepts (exported so that storage layers can validate first). */
export const serializedBtydModelSchema: z.ZodType<unknown> = z.union([
  modelSchema('beta-geo', ['r', 'alpha', 'a', 'b'], true),
  modelSchema('modified-beta-geo', ['r', 'alpha', 'a', 'b'], true),
  modelSchema('pareto-nbd', ['r', 'alpha', 's', 'beta'], true),
  modelSchema('gamma-gamma', ['p', 'q', 'gamma'], false).extend({ spendFrequencyCheck: spendCheck.nullable() }),
]);

/** Any model `loadModel` can return. */
export type BtydModel = BetaGeoModel | ModifiedBetaGeoModel | ParetoNbdModel | GammaGammaModel;

/**
 * Rebuilds a fitted model from its JSON form (the output of `model.toJSON()`, or that object after
 * `JSON.stringify`/`JSON.parse`), so that an application can fit once and score later. The input is validated
 * (model kind, version, positive finite parameters, time unit); the result predicts exactly as the original did.
 *
 * @param json - a serialized BG/NBD, MBG/NBD, Pareto/NBD or Gamma-Gamma model
 * @returns the model instance (check `model.model` for its kind)
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the first bad field
 * @example
 * import { GammaGammaModel, loadModel } from 'crm-analytics/clv';
 * const json = JSON.stringify(new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } }));
 * loadModel(JSON.parse(json)).model; // => 'gamma-gamma'
 * loadModel({ model: 'beta-geo', version: 1, params: { r: -1 } }); // throws INVALID_INPUT
 */
export function loadModel(json: unknown): BtydModel {
  // The schema checked every field; the union of the JSON forms names what it guarantees.
  const data = parseWithSchema(serializedBtydModelSchema, json, ['json']) as
    | SerializedBetaGeoModel
    | SerializedModifiedBetaGeoModel
    | SerializedParetoNbdModel
    | SerializedGammaGammaModel;
  switch (data.model) {
    case 'beta-geo':
      return new BetaGeoModel(data);
    case 'modified-beta-geo':
      return new ModifiedBetaGeoModel(data);
    case 'pareto-nbd':
      return new ParetoNbdModel(data);
    case 'gamma-gamma':
      return new GammaGammaModel(data);
  }
}
