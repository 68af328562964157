/**
 * Internal validation pieces shared by the satisfaction functions: option schemas for a rating scale and a
 * confidence level, and tight-loop readers for score lists. Not part of the public API.
 * @module
 */
import * as z from 'zod';
import { emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import { inputReadError, toRecordArray } from '../core/validate.js';

/** A rating scale `[min, max]` with finite ends and min < max. */
export const ratingScaleSchema: z.ZodType<readonly [number, number]> = z
  .tuple([z.number().finite(), z.number().finite()])
  .refine(([min, max]) => min < max, { message: 'expected a scale [min, max] with min < max' });

/** A rating scale whose ends are whole numbers (category scales such as 1–5). */
export const integerScaleSchema: z.ZodType<readonly [number, number]> = z
  .tuple([z.number().int(), z.number().int()])
  .refine(([min, max]) => min < max, { message: 'expected a scale [min, max] of whole numbers with min < max' });

/** A two-sided confidence level strictly between 0 and 1. */
export const confidenceLevelSchema: z.ZodNumber = z.number().gt(0).lt(1);

/** Non-negative finite weights. */
export const weightListSchema: z.ZodType<readonly number[]> = z.array(z.number().finite().nonnegative());

/**
 * Materializes a list of scores (array, array-like or iterable) without copying arrays.
 * @internal
 */
export function toScoreArray(scores: Iterable<unknown> | ArrayLike<unknown>, name: string): readonly unknown[] {
  return toRecordArray(scores as Iterable<unknown>, name);
}

/**
 * Reads a list of scores that must be finite numbers within [min, max] (whole numbers when `integer`),
 * naming the offending position (`scores[12]`). At least `minimum` scores are required.
 * @internal
 */
export function readScaleScores(
  scores: Iterable<number> | ArrayLike<number>,
  name: string,
  scale: readonly [number, number],
  integer: boolean,
  minimum = 1,
): Float64Array {
  const list = toScoreArray(scores, name);
  if (list.length < minimum) throw emptyInput(name, minimum, 'score', list.length);
  const [min, max] = scale;
  const out = new Float64Array(list.length);
  const expected = `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  let i = 0;
  try {
    for (; i < list.length; i++) {
      const value = list[i];
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < min ||
        value > max ||
        (integer && !Number.isInteger(value))
      ) {
        throw invalidValue([name, i], expected, value);
      }
      out[i] = value;
    }
  } catch (cause) {
    throw inputReadError(cause, [name, i]);
  }
  return out;
}

/**
 * Normalizes weights to sum to 1, or returns equal weights when none are given.
 * `path` names the option for the messages (`options.weights`).
 * @internal
 */
export function normalizeWeights(weights: readonly number[] | undefined, count: number, optionName: string): number[] {
  if (weights === undefined) return new Array<number>(count).fill(1 / count);
  if (weights.length !== count) {
    throw invalidWithReason(
      ['options', optionName],
      `expected ${count} weight${count === 1 ? '' : 's'} (one per item), got ${weights.length}`,
      'INVALID_OPTION',
    );
  }
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0)) {
    throw invalidWithReason(['options', optionName], 'expected at least one positive weight', 'INVALID_OPTION');
  }
  return weights.map((w) => w / total);
}

/**
 * Reads one number or a list of numbers (one per attribute) as finite numbers, naming the position on error
 * (`expected[2]`, or `expected` for a single number).
 * @internal
 */
export function readAttributeValues(
  values: number | ArrayLike<number>,
  name: string,
  check: (value: number) => boolean,
  expected: string,
): { values: number[]; single: boolean } {
  try {
    if (typeof values === 'number') {
      if (!Number.isFinite(values) || !check(values)) throw invalidValue([name], expected, values);
      return { values: [values], single: true };
    }
    if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<number>).length !== 'number') {
      throw invalidValue([name], 'a number or an array of numbers', values);
    }
    if (values.length === 0) throw emptyInput(name, 1, 'value');
    // Stryker disable next-line ArrayDeclaration: the loop assigns every index, so an unsized array ends the same
    const out: number[] = new Array<number>(values.length);
    let i = 0;
    try {
      for (; i < values.length; i++) {
        const v: unknown = values[i];
        if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) throw invalidValue([name, i], expected, v);
        out[i] = v;
      }
    } catch (cause) {
      throw inputReadError(cause, [name, i]);
    }
    return { values: out, single: false };
  } catch (cause) {
    throw inputReadError(cause, [name]);
  }
}
