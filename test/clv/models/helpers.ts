// Shared fixtures of the probabilistic-model tests.
import { expect } from 'vitest';
import type { FrequencyRecencyT } from '../../../src/data/types.js';
import { loadNumericCsv } from '../../support/fixtures.js';
import { thrown } from '../../support/thrown.js';

/** CDNOW calibration summaries (2,357 customers, weeks), as published with Fader, Hardie & Lee (2005). */
export function cdnowSummaries(): Array<FrequencyRecencyT & { customerId: number }> {
  return loadNumericCsv('cdnow_customers_summary.csv').map((row) => ({
    customerId: row.ID as number,
    frequency: row.frequency as number,
    recency: row.recency as number,
    T: row.T as number,
  }));
}

/** CDNOW summaries with the mean repeat spend `zbar` (Hardie's Gamma-Gamma note 025 data). */
export function cdnowWithSpend(): Array<FrequencyRecencyT & { monetaryValue: number }> {
  return loadNumericCsv('cdnow_customers_summary_with_transactions.csv').map((row) => ({
    frequency: row.x as number,
    recency: row.t_x as number,
    T: row.T as number,
    monetaryValue: row.zbar as number,
  }));
}

export const relativeError = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** Asserts |actual − expected| ≤ tolerance·|expected|. */
export function expectRelClose(actual: number, expected: number, tolerance = 1e-10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** Asserts that `run` throws a CrmAnalyticsError with exactly this code and message (and path, when given). */
export function expectError(run: () => unknown, code: string, message: string, path?: unknown[]): void {
  const error = thrown(run);
  expect(error.message).toBe(message);
  expect(error.code).toBe(code);
  if (path !== undefined) expect(error.path).toEqual(path);
}

/** Seven hand-made summaries (weeks) for checking likelihoods and gradients against hand-written forms. */
export const SMALL: FrequencyRecencyT[] = [
  { frequency: 0, recency: 0, T: 10 },
  { frequency: 1, recency: 4, T: 10 },
  { frequency: 3, recency: 9, T: 12 },
  { frequency: 2, recency: 2, T: 12 },
  { frequency: 0, recency: 0, T: 12 },
  { frequency: 5, recency: 11.5, T: 12 },
  { frequency: 1, recency: 4, T: 10 },
];
