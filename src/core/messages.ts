/**
 * Every error message of the library is assembled here, so that wording stays consistent:
 * `<path>: expected <what>, got <received>`.
 * @module
 */
import { CrmAnalyticsError, type CrmAnalyticsErrorCode, type ErrorPath } from './errors.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path as a person reads it: `['transactions', 12, 'amount']` → `transactions[12].amount`.
 * @internal
 */
export function formatPath(path: ErrorPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (out === '') out = part;
    else if (IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? 'input' : out;
}

/**
 * Describes a received value briefly and safely (never calls user getters or toString).
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (Object.is(value, -0)) return '-0';
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (Array.isArray(value)) return `an array of length ${value.length}`;
      if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
      return 'an object';
  }
}

/**
 * Builds a {@link CrmAnalyticsError} whose message is `<path>: expected <expected>, got <received>`.
 * @internal
 */
export function invalidValue(
  path: ErrorPath,
  expected: string,
  received: unknown,
  code: CrmAnalyticsErrorCode = 'INVALID_INPUT',
): CrmAnalyticsError {
  const index = findIndex(path);
  return new CrmAnalyticsError(code, `${formatPath(path)}: expected ${expected}, got ${describeValue(received)}`, {
    path,
    received,
    ...(index === undefined ? {} : { index }),
  });
}

/**
 * Builds a {@link CrmAnalyticsError} with a free-form reason: `<path>: <reason>`.
 * @internal
 */
export function invalidWithReason(
  path: ErrorPath,
  reason: string,
  code: CrmAnalyticsErrorCode = 'INVALID_INPUT',
  received?: unknown,
): CrmAnalyticsError {
  const index = findIndex(path);
  return new CrmAnalyticsError(code, `${formatPath(path)}: ${reason}`, {
    path,
    ...(received === undefined ? {} : { received }),
    ...(index === undefined ? {} : { index }),
  });
}

/**
 * The error for a collection with fewer than `minimum` items (`EMPTY_INPUT` when it has none).
 * @internal
 */
export function emptyInput(name: string, minimum = 1, what = 'record', got = 0): CrmAnalyticsError {
  return new CrmAnalyticsError(
    got === 0 ? 'EMPTY_INPUT' : 'INVALID_INPUT',
    `${name}: expected at least ${minimum} ${what}${minimum === 1 ? '' : 's'}, got ${got === 0 ? 'none' : got}`,
    { path: [name] },
  );
}

function findIndex(path: ErrorPath): number | undefined {
  for (const part of path) if (typeof part === 'number') return part;
  return undefined;
}
