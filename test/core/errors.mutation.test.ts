// Written for the mutants of src/core/errors.ts that survived Stryker (see docs/testing.md): the error's name, its
// empty defaults, a `cause` only when one is given, and isCrmAnalyticsError on look-alikes from other bundle copies.
import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError, isCrmAnalyticsError } from '../../src/core/errors.js';

/** An error as a second copy of the library would throw it: same name and a code, another class. */
function lookAlike(name: string, code: unknown): Error {
  const error = new Error('values: expected at least one value');
  error.name = name;
  return Object.assign(error, { code });
}

describe('CrmAnalyticsError', () => {
  it('is named CrmAnalyticsError and defaults path and issues to empty, index and received to undefined', () => {
    const error = new CrmAnalyticsError('EMPTY_INPUT', 'values: none');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CrmAnalyticsError');
    expect(String(error)).toBe('CrmAnalyticsError: values: none');
    expect(error.message).toBe('values: none');
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.path).toEqual([]);
    expect(error.issues).toEqual([]);
    expect(error.index).toBeUndefined();
    expect(error.received).toBeUndefined();
  });

  it('has a cause only when one is given', () => {
    expect('cause' in new CrmAnalyticsError('INVALID_INPUT', 'x')).toBe(false);
    expect('cause' in new CrmAnalyticsError('INVALID_INPUT', 'x', { path: ['a'] })).toBe(false);
    expect('cause' in new CrmAnalyticsError('INVALID_INPUT', 'x', { cause: undefined })).toBe(false);
    const cause = new Error('inner');
    const error = new CrmAnalyticsError('INVALID_INPUT', 'x', { cause });
    expect(Object.hasOwn(error, 'cause')).toBe(true);
    expect(error.cause).toBe(cause);
    // A falsy cause is still a cause.
    expect(new CrmAnalyticsError('INVALID_INPUT', 'x', { cause: 0 }).cause).toBe(0);
  });

  it('keeps the given details as they are', () => {
    const issues = [{ code: 'custom', message: 'm', path: [] }] as never;
    const received = { any: 'value' };
    const error = new CrmAnalyticsError('DOMAIN_ERROR', 'y', { path: ['rows', 3], index: 3, received, issues });
    expect(error.path).toEqual(['rows', 3]);
    expect(error.index).toBe(3);
    expect(error.received).toBe(received);
    expect(error.issues).toBe(issues);
  });
});

describe('isCrmAnalyticsError', () => {
  it('recognizes our class even when its name was changed', () => {
    const error = new CrmAnalyticsError('INVALID_OPTION', 'options.x: bad');
    expect(isCrmAnalyticsError(error)).toBe(true);
    error.name = 'Renamed';
    expect(isCrmAnalyticsError(error)).toBe(true);
  });

  it('recognizes an Error named CrmAnalyticsError with a string code (another bundle copy)', () => {
    expect(isCrmAnalyticsError(lookAlike('CrmAnalyticsError', 'EMPTY_INPUT'))).toBe(true);
    expect(isCrmAnalyticsError(lookAlike('CrmAnalyticsError', ''))).toBe(true);
  });

  it('rejects errors with another name, without a string code, and non-errors', () => {
    expect(isCrmAnalyticsError(new Error('x'))).toBe(false);
    expect(isCrmAnalyticsError(new TypeError('x'))).toBe(false);
    expect(isCrmAnalyticsError(lookAlike('Error', 'EMPTY_INPUT'))).toBe(false);
    expect(isCrmAnalyticsError(lookAlike('', 'EMPTY_INPUT'))).toBe(false);
    expect(isCrmAnalyticsError(lookAlike('CrmAnalyticsError', 42))).toBe(false);
    expect(isCrmAnalyticsError(lookAlike('CrmAnalyticsError', undefined))).toBe(false);
    expect(isCrmAnalyticsError({ name: 'CrmAnalyticsError', code: 'EMPTY_INPUT', message: 'x' })).toBe(false);
    expect(isCrmAnalyticsError({ code: 'EMPTY_INPUT' })).toBe(false);
    expect(isCrmAnalyticsError(null)).toBe(false);
    expect(isCrmAnalyticsError(undefined)).toBe(false);
    expect(isCrmAnalyticsError('CrmAnalyticsError')).toBe(false);
  });
});
