// Shared fixtures of the probabilistic-model tests.
import type { FrequencyRecencyT } from '../../../src/data/types.js';
import { loadNumericCsv } from '../../support/fixtures.js';

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
