/**
 * Boundary validation helpers: zod schemas translated into {@link CrmAnalyticsError}s, accessors,
 * and tight-loop checks for million-row inputs where a schema per record would be too slow.
 * @module
 */
import * as z from 'zod';
import { CrmAnalyticsError, type CrmAnalyticsErrorCode, type ErrorPath } from './errors.js';
import { describeValue, formatPath, invalidValue } from './messages.js';

/**
 * Reads one value from a record: either a field name or a function `(record, index) => value`.
 * A field name is read like a property access (so getters and class instances work), except a name that exists on
 * `Object.prototype` (`constructor`, `toString`, …), which is read as an own property only, so that a missing field
 * never picks up an inherited member.
 */
export type Accessor<T, V> = string | ((record: T, index: number) => V);

/**
 * Zod schema of an accessor option: a non-empty field name or a function `(record, index) => value`. One schema for
 * every option of this kind, so that a wrong one reads the same everywhere:
 * `options.monetary: expected a field name or a function (record, index) => value, got 42`.
 * @internal
 */
export function accessorSchema<A = string | ((...args: never[]) => unknown)>(): z.ZodType<A> {
  return z.custom<A>((v) => (typeof v === 'string' && v.length > 0) || typeof v === 'function', {
    message: 'expected a field name or a function (record, index) => value',
  });
}

/**
 * Whether a field name must be read as an own property (it names a member of `Object.prototype`).
 * @internal
 */
export function needsOwnRead(key: string): boolean {
  return key in Object.prototype;
}

/**
 * Resolves an {@link Accessor} into a function. A missing field reads as `undefined`.
 * @internal
 */
export function toAccessorFunction<T, V>(accessor: Accessor<T, V>): (record: T, index: number) => unknown {
  if (typeof accessor === 'function') return accessor;
  const key = accessor;
  if (needsOwnRead(key)) {
    return (record: T) => {
      if (record === null || typeof record !== 'object') return undefined;
      return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
    };
  }
  return (record: T) => {
    if (record === null || typeof record !== 'object') return undefined;
    return (record as Record<string, unknown>)[key];
  };
}

/**
 * The name under which an accessor's values are reported in messages: the field name,
 * or the logical name of the quantity when the accessor is a function.
 * @internal
 */
export function accessorLabel(accessor: Accessor<unknown, unknown> | undefined, logicalName: string): string {
  return typeof accessor === 'string' ? accessor : logicalName;
}

/**
 * Calls an accessor and turns anything it throws into a {@link CrmAnalyticsError} naming the record.
 * @internal
 */
export function readField<T>(
  read: (record: T, index: number) => unknown,
  record: T,
  index: number,
  path: ErrorPath,
): unknown {
  try {
    return read(record, index);
  } catch (cause) {
    throw new CrmAnalyticsError('INVALID_INPUT', `${formatPath(path)}: reading the value threw (${errorText(cause)})`, {
      path,
      index,
      cause,
    });
  }
}

/**
 * The error to throw when reading the caller's input threw: a {@link CrmAnalyticsError} passes through unchanged;
 * anything else (a throwing getter or proxy trap of the caller's) becomes `INVALID_INPUT` naming `path`, with the
 * original error kept as `cause`. Used around the loops that read caller-owned arrays and records.
 * @internal
 */
export function inputReadError(
  cause: unknown,
  path: ErrorPath,
  code: CrmAnalyticsErrorCode = 'INVALID_INPUT',
): CrmAnalyticsError {
  if (cause instanceof CrmAnalyticsError) return cause;
  return new CrmAnalyticsError(code, `${formatPath(path)}: reading the value threw (${errorText(cause)})`, {
    path,
    cause,
  });
}

/**
 * Runs `read` (a step that reads the caller's input) and turns anything but a {@link CrmAnalyticsError} that it throws
 * into `INVALID_INPUT` naming `path` (see {@link inputReadError}).
 * @internal
 */
export function readingInput<R>(path: ErrorPath, read: () => R, code: CrmAnalyticsErrorCode = 'INVALID_INPUT'): R {
  try {
    return read();
  } catch (cause) {
    throw inputReadError(cause, path, code);
  }
}

/**
 * `records[index]`, with a throwing getter on that element turned into `INVALID_INPUT` naming `name[index]`.
 * @internal
 */
export function recordAt<T>(records: ArrayLike<T>, index: number, name = 'customers'): T {
  try {
    return records[index] as T;
  } catch (cause) {
    throw inputReadError(cause, [name, index]);
  }
}

function errorText(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return describeValue(cause);
}

const EXPECTED_BY_TYPE: Record<string, string> = {
  number: 'a finite number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  date: 'a valid Date',
  function: 'a function',
  bigint: 'a bigint',
  int: 'an integer',
  tuple: 'an array',
};

/**
 * Turns one zod issue into our wording: `<path>: expected …, got …`.
 * @internal
 */
export function translateZodIssue(issue: z.core.$ZodIssue, root: ErrorPath, input: unknown): string {
  const path = [...root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const where = formatPath(path);
  const received = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_BY_TYPE[issue.expected] ?? issue.expected;
      return `${where}: expected ${expected}, got ${received.found ? describeValue(received.value) : 'nothing (the field is missing)'}`;
    }
    case 'too_small': {
      const bound = String(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return `${where}: expected at least ${bound} items`;
      if (issue.origin === 'string') return `${where}: expected at least ${bound} characters`;
      return `${where}: expected a number ${issue.inclusive ? '≥' : '>'} ${bound}, got ${describeValue(received.value)}`;
    }
    case 'too_big': {
      const bound = String(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return `${where}: expected at most ${bound} items`;
      if (issue.origin === 'string') return `${where}: expected at most ${bound} characters`;
      return `${where}: expected a number ${issue.inclusive ? '≤' : '<'} ${bound}, got ${describeValue(received.value)}`;
    }
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(received.value)}`;
    case 'unrecognized_keys':
      return `${where}: unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'not_multiple_of':
      return `${where}: expected a multiple of ${String(issue.divisor)}, got ${describeValue(received.value)}`;
    case 'invalid_union': {
      // A union whose every branch failed on the value's own type or value (e.g. a field name or an accessor
      // function): name the alternatives instead of zod's bare "Invalid input".
      const alternatives = unionAlternatives(issue);
      if (alternatives !== null) {
        return `${where}: expected ${alternatives}, got ${received.found ? describeValue(received.value) : 'nothing (the field is missing)'}`;
      }
      return `${where}: expected a value of one of the accepted forms, got ${received.found ? describeValue(received.value) : 'nothing (the field is missing)'}`;
    }
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return `${where}: ${issue.message.replace(/^Invalid input: /, '')}${received.found ? `, got ${describeValue(received.value)}` : ''}`;
    default:
      return `${where}: invalid value`;
  }
}

/** "a string or a function" for a union whose branches each failed with one type or value issue at its root. */
function unionAlternatives(issue: z.core.$ZodIssueInvalidUnion): string | null {
  const names: string[] = [];
  for (const branch of issue.errors) {
    const only = branch[0];
    if (branch.length !== 1 || only === undefined || only.path.length !== 0) return null;
    if (only.code === 'invalid_type') names.push(EXPECTED_BY_TYPE[only.expected] ?? only.expected);
    else if (only.code === 'invalid_value') names.push(...only.values.map((v) => JSON.stringify(v)));
    else return null;
  }
  const unique = [...new Set(names)];
  if (unique.length === 0) return null;
  return unique.length === 1 ? (unique[0] as string) : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || (typeof current !== 'object' && typeof current !== 'function'))
      // Stryker disable next-line ObjectLiteral: `{}` reads the same (found undefined is falsy, value undefined)
      return { found: false, value: undefined };
    const holder = current as Record<PropertyKey, unknown>;
    // Stryker disable next-line ObjectLiteral: `{}` reads the same (found undefined is falsy, value undefined)
    if (!Object.hasOwn(holder, key)) return { found: false, value: undefined };
    try {
      current = holder[key];
    } catch {
      // Stryker disable next-line ObjectLiteral: `{}` reads the same (found undefined is falsy, value undefined)
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}

/**
 * Validates `input` against a zod schema; on failure throws a {@link CrmAnalyticsError} whose message
 * names the first offending path (and how many other problems there are), with the zod issues kept on `issues`.
 *
 * @param root - the caller-facing name of the argument, e.g. `['options']` or `['customers', 3]`
 * @internal
 */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root: ErrorPath,
  code: CrmAnalyticsErrorCode = 'INVALID_INPUT',
): z.output<S> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(input) as ReturnType<S['safeParse']>;
  } catch (cause) {
    throw new CrmAnalyticsError(code, `${formatPath(root)}: could not be read (${errorText(cause)})`, {
      path: root,
      cause,
    });
  }
  if (result.success) return result.data as z.output<S>;
  const issues = result.error.issues;
  const first = issues[0];
  if (first === undefined) throw new CrmAnalyticsError(code, `${formatPath(root)}: invalid value`, { path: root });
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const path = [...root, ...first.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const index = path.find((p): p is number => typeof p === 'number');
  return throwError(
    new CrmAnalyticsError(code, translateZodIssue(first, root, input) + more, {
      path,
      issues,
      received: valueAt(input, first.path).value,
      ...(index === undefined ? {} : { index }),
    }),
  );
}

function throwError(error: CrmAnalyticsError): never {
  throw error;
}

/**
 * Options objects: validates with `schema`, reporting problems under `options.<field>` with code `INVALID_OPTION`.
 * @internal
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, name = 'options'): z.output<S> {
  return parseWithSchema(schema, options ?? {}, [name], 'INVALID_OPTION');
}

/**
 * Tight-loop check: a finite number (not NaN, not ±Infinity), else an error naming the path.
 * @internal
 */
export function expectFinite(value: unknown, path: ErrorPath): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidValue(path, 'a finite number', value);
  return value;
}

/**
 * Tight-loop check: a finite number ≥ 0 (`code` for an option: `INVALID_OPTION`).
 * @internal
 */
export function expectNonNegative(
  value: unknown,
  path: ErrorPath,
  code: CrmAnalyticsErrorCode = 'INVALID_INPUT',
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidValue(path, 'a finite number ≥ 0', value, code);
  }
  return value === 0 ? 0 : value; // normalizes -0
}

/**
 * Tight-loop check: a non-negative integer.
 * @internal
 */
export function expectNonNegativeInteger(value: unknown, path: ErrorPath): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidValue(path, 'a whole number ≥ 0', value);
  }
  return value === 0 ? 0 : value;
}

/**
 * Materializes an iterable (or array-like) of records into an array without copying arrays,
 * rejecting anything that is not iterable.
 * @internal
 */
export function toRecordArray<T>(input: Iterable<T> | ArrayLike<T>, name: string): readonly T[] {
  if (Array.isArray(input)) return input as readonly T[];
  if (input !== null && typeof input === 'object') {
    if (Symbol.iterator in input) {
      try {
        return Array.from(input as Iterable<T>);
      } catch (cause) {
        throw new CrmAnalyticsError('INVALID_INPUT', `${name}: iterating the input threw (${errorText(cause)})`, {
          path: [name],
          cause,
        });
      }
    }
    // Stryker disable next-line BooleanLiteral: the initial value is overwritten before it is read, never read after
    let arrayLike = false;
    try {
      arrayLike = typeof (input as ArrayLike<T>).length === 'number';
      if (arrayLike) return Array.from(input as ArrayLike<T>);
    } catch (cause) {
      throw new CrmAnalyticsError('INVALID_INPUT', `${name}: reading the input threw (${errorText(cause)})`, {
        path: [name],
        cause,
      });
    }
  }
  throw invalidValue([name], 'an array or iterable of records', input);
}
