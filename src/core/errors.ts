import type { z } from 'zod';

/**
 * Stable machine-readable error codes. Callers may switch on `error.code`;
 * a code, once published, keeps its meaning.
 *
 * - `INVALID_INPUT`: a record or argument has a bad value (wrong type, NaN, out of range).
 * - `INVALID_OPTION`: an option is malformed or options contradict each other.
 * - `EMPTY_INPUT`: the computation needs at least one record and got none.
 * - `NOT_CONVERGED`: an iterative fit stopped before meeting its tolerance (strict mode).
 * - `DIVERGENT`: the requested quantity is infinite (e.g. an infinite-horizon series that does not converge).
 * - `DOMAIN_ERROR`: the inputs are individually valid but the result is undefined for them
 *   (e.g. a ratio with a zero denominator).
 */
export type CrmAnalyticsErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_OPTION'
  | 'EMPTY_INPUT'
  | 'NOT_CONVERGED'
  | 'DIVERGENT'
  | 'DOMAIN_ERROR';

/** A path into the caller's input, such as `['transactions', 12, 'amount']`. */
export type ErrorPath = ReadonlyArray<string | number>;

/** Structured details carried by every {@link CrmAnalyticsError}. */
export interface CrmAnalyticsErrorDetails {
  /** Where in the input the problem is, e.g. `['transactions', 12, 'amount']`. */
  readonly path?: ErrorPath;
  /** The index of the offending record in its collection, when there is one. */
  readonly index?: number;
  /** The offending value as received (not copied; may be any type). */
  readonly received?: unknown;
  /** The original validation issues (zod), when the error was translated from them. */
  readonly issues?: ReadonlyArray<z.core.$ZodIssue>;
  /** The underlying error, if this one wraps another. */
  readonly cause?: unknown;
}

/**
 * The one error type thrown by crm-analytics for bad input or an impossible computation.
 *
 * Its `message` names the offending record and field, e.g.
 * `transactions[12].amount: expected a finite number, got NaN`; its `code` is stable
 * (see {@link CrmAnalyticsErrorCode}); `path`, `index` and `received` carry the same facts as data,
 * and `issues` keeps the original zod issues when the error was translated from a schema check.
 *
 * @example
 * import { CrmAnalyticsError } from 'crm-analytics';
 * const error = new CrmAnalyticsError('INVALID_INPUT', 'transactions[3].amount: expected a finite number, got NaN', { index: 3 });
 * error instanceof Error; // => true
 * error.code; // => 'INVALID_INPUT'
 * error.index; // => 3
 */
export class CrmAnalyticsError extends Error {
  /** Stable machine-readable code. */
  readonly code: CrmAnalyticsErrorCode;
  /** Path into the input, e.g. `['transactions', 12, 'amount']` (empty when not about one value). */
  readonly path: ErrorPath;
  /** Index of the offending record, when there is one. */
  readonly index: number | undefined;
  /** The offending value as received. */
  readonly received: unknown;
  /** The original zod issues, when translated from a schema check (empty otherwise). */
  readonly issues: ReadonlyArray<z.core.$ZodIssue>;

  constructor(code: CrmAnalyticsErrorCode, message: string, details: CrmAnalyticsErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CrmAnalyticsError';
    this.code = code;
    this.path = details.path ?? [];
    this.index = details.index;
    this.received = details.received;
    this.issues = details.issues ?? [];
  }
}

/**
 * Whether a value is a {@link CrmAnalyticsError}, also across bundle copies
 * (checks the name and code, not only the prototype chain).
 *
 * @example
 * import { CrmAnalyticsError, isCrmAnalyticsError } from 'crm-analytics';
 * isCrmAnalyticsError(new CrmAnalyticsError('EMPTY_INPUT', 'values: expected at least one value')); // => true
 * isCrmAnalyticsError(new Error('x')); // => false
 */
export function isCrmAnalyticsError(value: unknown): value is CrmAnalyticsError {
  return (
    value instanceof CrmAnalyticsError ||
    (value instanceof Error &&
      value.name === 'CrmAnalyticsError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
