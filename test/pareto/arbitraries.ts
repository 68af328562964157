// Shared fast-check generators and helpers for the crm-analytics/pareto tests.

import { expect } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { fc } from '../support/property.js';

/** Non-negative customer values with a positive total: continuous, with zeros and ties mixed in. */
export const customerValues: fc.Arbitrary<number[]> = fc
  .array(
    fc.oneof(
      fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 5 }),
      fc.constant(0),
    ),
    { minLength: 1, maxLength: 120 },
  )
  .filter((values) => values.some((v) => v > 1e-300));

/** Values with many ties (small integers), for class and tier monotonicity. */
export const tiedValues: fc.Arbitrary<number[]> = fc
  .array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 80 })
  .filter((values) => values.some((v) => v > 0));

/** A positive scale factor (currency conversion). */
export const scale: fc.Arbitrary<number> = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

/** Asserts that `run` throws a CrmAnalyticsError with `code`, and returns it. */
export function expectCode(run: () => unknown, code: string): CrmAnalyticsError {
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

/** Gini by the mean absolute difference, ΣΣ|xi − xj| / (2 n² μ): an independent definition for cross-checks. */
export function giniByMeanDifference(values: readonly number[]): number {
  const n = values.length;
  let total = 0;
  let differences = 0;
  for (const x of values) {
    total += x;
    for (const y of values) differences += Math.abs(x - y);
  }
  return differences / (2 * n * total);
}

/** Deterministic shuffle (mulberry32). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
