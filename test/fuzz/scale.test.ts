// Large inputs: 10^6-element arrays must not overflow the stack (no spreads like Math.max(...arr), no recursion
// over data), and a 10^5-row input must not take 100× a 10^4-row input (no accidental quadratic path).
// Ratios, not absolute times, so the checks hold on a loaded machine.
import { fitShiftedBetaGeometric, valueSplit } from 'crm-analytics/clv';
import { summarizeColumns, summarizeCustomers } from 'crm-analytics/data';
import { churnRate, cohortRetention, lifecycleStage } from 'crm-analytics/lifecycle';
import {
  abcClassify,
  concentrationSummary,
  customerPyramid,
  gini,
  herfindahl,
  lorenzCurve,
  paretoAnalysis,
} from 'crm-analytics/pareto';
import { rfmBreakScores, rfmQuantileScores, rfmScores } from 'crm-analytics/rfm';
import { ces, csat, loyaltyVulnerability, nps } from 'crm-analytics/satisfaction';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/harness.js';

const MILLION = 1_000_000;
const random = seededRandom(13);
const money = Float64Array.from({ length: MILLION }, () => Math.floor(random() * 10_000) / 100);
const moneyArray = Array.from(money);
const scores10 = Array.from({ length: MILLION }, () => Math.floor(random() * 11));
const scores5 = Array.from({ length: MILLION }, () => 1 + Math.floor(random() * 5));
const scores7 = Array.from({ length: MILLION }, () => 1 + Math.floor(random() * 7));

describe('10^6-element inputs (no stack overflow, finite results)', () => {
  const cases: Array<[string, () => unknown]> = [
    ['gini', () => gini(moneyArray)],
    ['herfindahl', () => herfindahl(money)],
    ['lorenzCurve (100 steps)', () => lorenzCurve(money, { steps: 100 })],
    ['concentrationSummary', () => concentrationSummary(money)],
    ['abcClassify', () => abcClassify(money).classes],
    ['customerPyramid', () => customerPyramid(money).tiers],
    ['paretoAnalysis', () => paretoAnalysis(money).topShare(0.2)],
    ['rfmQuantileScores', () => rfmQuantileScores(moneyArray, 5)[0]],
    ['rfmBreakScores', () => rfmBreakScores(money, [10, 50])[0]],
    ['nps', () => nps(scores10).nps],
    ['csat', () => csat(scores5).share],
    ['ces', () => ces(scores7).mean],
    ['loyaltyVulnerability', () => loyaltyVulnerability(scores5).loyal.share],
    ['valueSplit', () => valueSplit({ history: moneyArray, forecast: moneyArray, discountRate: 0.0001 }).total],
    [
      'fitShiftedBetaGeometric (10^6 durations)',
      () =>
        fitShiftedBetaGeometric({
          durations: Array.from({ length: MILLION }, (_, i) => 1 + (i % 8)),
          censored: Array.from({ length: MILLION }, (_, i) => i % 3 === 0),
        }).params.alpha,
    ],
    [
      'summarizeColumns (10^6 rows)',
      () =>
        summarizeColumns({
          customerIds: Int32Array.from({ length: MILLION }, (_, i) => i % 50_000),
          dates: Float64Array.from({ length: MILLION }, (_, i) => (i % 700) * 86_400_000),
          amounts: money,
        }).customers.length,
    ],
  ];
  it.each(cases)('%s', (_, run) => {
    const result = run();
    const text = JSON.stringify(result, (_k, v) => (ArrayBuffer.isView(v) ? undefined : v));
    expect(text === undefined || !/NaN|Infinity|null/.test(text)).toBe(true);
  });
});

/** Mean time per run (ms) over `repeats` back-to-back runs: garbage collection is paid as it is at scale. */
function meanTime(run: () => unknown, repeats: number): number {
  const start = performance.now();
  for (let r = 0; r < repeats; r++) run();
  return (performance.now() - start) / repeats;
}

function transactions(n: number): Array<{ customerId: string; date: string; amount: number }> {
  const rnd = seededRandom(n);
  const start = Date.UTC(2022, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    customerId: `c${Math.floor(rnd() * (n / 5))}`,
    date: new Date(start + Math.floor(rnd() * 700) * 86_400_000).toISOString().slice(0, 10),
    amount: 1 + (i % 97),
  }));
}

describe('growth: 10^5 rows take less than 100× the time of 10^4 rows', () => {
  const small = transactions(10_000);
  const large = transactions(100_000);
  const summaries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: i, days: i % 365, orders: 1 + (i % 13), spend: (i * 37) % 1000 }));
  const smallRfm = summaries(10_000);
  const largeRfm = summaries(100_000);
  const fields = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' };
  const cases: Array<[string, (big: boolean) => unknown]> = [
    ['summarizeCustomers', (big) => summarizeCustomers(big ? large : small)],
    ['cohortRetention', (big) => cohortRetention(big ? large : small, { period: 'month' })],
    ['churnRate', (big) => churnRate(big ? large : small, { period: 'month' })],
    ['lifecycleStage', (big) => lifecycleStage(big ? large : small)],
    ['rfmScores', (big) => rfmScores(big ? largeRfm : smallRfm, { fields })],
    ['gini', (big) => gini(big ? money.subarray(0, 100_000) : money.subarray(0, 10_000))],
  ];
  it.each(cases)('%s', (_, run) => {
    run(false); // warm up the JIT
    run(true);
    // Up to three attempts: other test files share the cores, and a true quadratic path fails all three.
    let ratio = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 3 && ratio >= 100; attempt++) {
      ratio = Math.min(
        ratio,
        meanTime(() => run(true), 2) /
          Math.max(
            meanTime(() => run(false), 20),
            0.05,
          ),
      );
    }
    expect(ratio).toBeLessThan(100);
  });
});
