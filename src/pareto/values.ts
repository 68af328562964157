/**
 * Internal pieces shared by the 80/20 functions: option schemas for the value accessor and the negative-value
 * policy, and the tight-loop reader that turns numbers, typed arrays or records into one validated `Float64Array`.
 * Not part of the public API (the public types are re-exported from `./index.ts`).
 * @module
 */
import * as z from 'zod';
import { emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import {
  type Accessor,
  accessorLabel,
  accessorSchema,
  inputReadError,
  readField,
  recordAt,
  toAccessorFunction,
  toRecordArray,
} from '../core/validate.js';

/**
 * What to do with a negative value (a customer whose refunds exceed purchases, a loss-making customer):
 * `'error'` rejects it with `INVALID_INPUT` naming the record; `'clamp'` counts it as 0 (the customer still counts in
 * the number of customers, but brings no value). Shares, the Lorenz curve and the Gini coefficient are only defined
 * for non-negative values, so there is no option to keep negatives as they are.
 */
export type NegativeValuePolicy = 'error' | 'clamp';

/** Options shared by every function of `crm-analytics/pareto` that reads customer values. */
export interface ParetoValueOptions<T> {
  /**
   * How to read each customer's value from a record: a field name or a function `(record, index) => number`.
   * Omit it when the input is a plain array or typed array of numbers.
   */
  value?: Accessor<T, number>;
  /** Policy for negative values (default `'error'`); see {@link NegativeValuePolicy}. */
  negative?: NegativeValuePolicy;
}

/** Zod schema of a value accessor: a non-empty field name or a function (the shared accessor schema). @internal */
export const valueAccessorSchema: z.ZodType<Accessor<unknown, number>> = accessorSchema<Accessor<unknown, number>>();

/**
 * Zod schema of {@link NegativeValuePolicy}.
 *
 * @example
 * import { negativeValuePolicySchema } from 'crm-analytics/pareto';
 * negativeValuePolicySchema.safeParse('clamp').success; // => true
 * negativeValuePolicySchema.safeParse('keep').success; // => false
 */
export const negativeValuePolicySchema: z.ZodType<NegativeValuePolicy> = z.enum(['error', 'clamp']);

/** The shape of the shared options, for building each function's strict schema. @internal */
export const valueOptionShape: {
  value: z.ZodOptional<z.ZodType<Accessor<unknown, number>>>;
  negative: z.ZodOptional<z.ZodType<NegativeValuePolicy>>;
} = {
  value: valueAccessorSchema.optional(),
  negative: negativeValuePolicySchema.optional(),
};

/** Values read and validated from the caller's input. @internal */
export interface ReadValues {
  /** A fresh copy: finite, ≥ 0, no −0 (callers may sort or overwrite it). */
  values: Float64Array;
  /** The input items (records or numbers) by position, to hand back to the caller in per-customer output. */
  source: ArrayLike<unknown>;
  /** `'customers'` for records read with an accessor, `'values'` for numbers. */
  name: string;
}

const CLAMP_HINT = "a finite number ≥ 0 (or set options.negative to 'clamp')";

function check(raw: unknown, negative: NegativeValuePolicy | undefined, path: ReadonlyArray<string | number>): number {
  // Stryker disable next-line ConditionalExpression: Number.isFinite rejects every non-number too.
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw invalidValue(path, 'a finite number', raw);
  if (raw < 0) {
    if (negative === 'clamp') return 0;
    throw invalidValue(path, CLAMP_HINT, raw);
  }
  // Stryker disable next-line ConditionalExpression: only ±0 reach here with raw === 0.
  return raw === 0 ? 0 : raw; // normalizes -0 so that the bit-pattern sort sees every zero as +0
}

/**
 * Reads the customers' values into a fresh `Float64Array`, checking each in a tight loop (finite, and the negative
 * policy: `'clamp'` turns a negative value into 0, anything else (`'error'`, the default, or undefined) rejects it).
 * Typed arrays are copied with one bulk conversion and checked in place. An empty input throws `EMPTY_INPUT`.
 * @internal
 */
export function readParetoValues(
  input: Iterable<unknown> | ArrayLike<unknown>,
  accessor: Accessor<unknown, number> | undefined,
  negative: NegativeValuePolicy | undefined,
): ReadValues {
  if (accessor === undefined) {
    if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
      if (input instanceof BigInt64Array || input instanceof BigUint64Array) {
        throw invalidValue(['values'], 'an array of numbers (not bigints)', input);
      }
      const typed = input as unknown as ArrayLike<number>;
      if (typed.length === 0) throw emptyInput('values', 1, 'value');
      const values = new Float64Array(typed);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number;
        // Stryker disable next-line ConditionalExpression: a fast path; check() returns a valid number unchanged.
        if (v > 0 && v < Number.POSITIVE_INFINITY) continue;
        values[i] = check(v, negative, ['values', i]);
      }
      return { values, source: typed, name: 'values' };
    }
    const list = toRecordArray(input as Iterable<unknown>, 'values');
    if (list.length === 0) throw emptyInput('values', 1, 'value');
    const values = new Float64Array(list.length);
    let i = 0;
    try {
      for (; i < list.length; i++) {
        const v = list[i];
        values[i] =
          // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path; check() returns a valid number unchanged.
          typeof v === 'number' && v > 0 && v < Number.POSITIVE_INFINITY ? v : check(v, negative, ['values', i]);
      }
    } catch (cause) {
      // A getter on an element of the caller's array.
      throw inputReadError(cause, ['values', i]);
    }
    return { values, source: list, name: 'values' };
  }
  const records = toRecordArray(input as Iterable<unknown>, 'customers');
  if (records.length === 0) throw emptyInput('customers', 1, 'customer');
  const read = toAccessorFunction(accessor);
  const label = accessorLabel(accessor as Accessor<unknown, unknown>, 'value');
  const values = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const raw = readField(read, recordAt(records, i), i, ['customers', i, label]);
    values[i] =
      // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path; check() returns a valid number unchanged.
      typeof raw === 'number' && raw > 0 && raw < Number.POSITIVE_INFINITY
        ? raw
        : check(raw, negative, ['customers', i, label]);
  }
  return { values, source: records, name: 'customers' };
}

/**
 * Checks the total value of a customer base: 0 makes shares (Lorenz curve, Gini, ABC) undefined (`DOMAIN_ERROR`),
 * and so does a total beyond the largest double (values near 1.8e308).
 * @internal
 */
export function checkTotal(total: number, name: string): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an overflowing compensated total is NaN, not +∞ (see below).
  if (total > 0 && total < Number.POSITIVE_INFINITY) return;
  throw invalidWithReason(
    [name],
    // Values are finite and ≥ 0, so the total is 0, or it overflowed: +∞, or NaN when the compensated sum's error
    // term became ∞ − ∞.
    total === 0
      ? 'the total value is 0, so value shares (Lorenz curve, Gini, ABC classes) are undefined'
      : 'the total value exceeds the largest double, so value shares cannot be computed',
    'DOMAIN_ERROR',
  );
}

/**
 * Checks a share or fraction argument of a result method: a finite number in [0, 1].
 * @internal
 */
export function expectUnitInterval(x: unknown, name: string): number {
  // Stryker disable next-line ConditionalExpression: Number.isFinite rejects every non-number too.
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1) {
    throw invalidValue([name], 'a number from 0 to 1', x);
  }
  return x;
}
