import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/harness.js';
import { abcClassify, concentrationSummary, gini, herfindahl, paretoAnalysis } from '../../src/pareto/index.js';
import { loadNumericCsv } from '../support/fixtures.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, giniByMeanDifference } from './arbitraries.js';

describe('concentrationSummary', () => {
  it('hand-computed [50, 30, 15, 5]', () => {
    const s = concentrationSummary(new Float64Array([5, 50, 15, 30]));
    expect(s.count).toBe(4);
    expect(s.total).toBe(100);
    expect(s.gini).toBeCloseTo(0.375, 15);
    expect(s.herfindahl.index).toBeCloseTo(0.25 + 0.09 + 0.0225 + 0.0025, 15);
    expect(s.topShare).toEqual({ fraction: 0.2, share: 0.4 });
    expect(s.customersForShare.customerShare).toBeCloseTo(0.5, 15);
    expect(s.abRule.label).toBe('36/64');
    expect(s.abc.classes.map((c) => [c.label, c.count, c.valueShare])).toEqual([
      ['A', 2, 0.8],
      ['B', 1, 0.15],
      ['C', 1, 0.05],
    ]);
  });
  it('options: topFraction, share, correction, thresholds, labels, boundary', () => {
    const s = concentrationSummary([60, 30, 10], {
      topFraction: 0.5,
      share: 0.5,
      correction: 'sample',
      thresholds: [0.5],
      labels: ['key', 'rest'],
      boundary: 'exclude',
    });
    expect(s.topShare.share).toBeCloseTo(0.75, 15);
    expect(s.customersForShare.customerShare).toBeCloseTo(0.5 / 0.6 / 3, 15);
    expect(s.gini).toBeCloseTo(gini([60, 30, 10], { correction: 'sample' }), 15);
    expect(s.abc.classes.map((c) => [c.label, c.count])).toEqual([
      ['key', 0],
      ['rest', 3],
    ]);
  });
  it('errors', () => {
    expectCode(() => concentrationSummary([]), 'EMPTY_INPUT');
    expectCode(() => concentrationSummary([0]), 'DOMAIN_ERROR');
    expectCode(() => concentrationSummary([1], { share: -1 }), 'INVALID_OPTION');
    expectCode(() => concentrationSummary([1], { thresholds: [0.5], labels: ['a', 'b', 'c'] }), 'INVALID_OPTION');
  });
  it('does not mutate a Float64Array input', () => {
    const values = new Float64Array([3, 1, 2]);
    concentrationSummary(values);
    expect([...values]).toEqual([3, 1, 2]);
  });
  it('agrees with the per-concept functions on 20,000 values (radix path)', () => {
    const random = seededRandom(9);
    const values = Float64Array.from({ length: 20_000 }, () => Math.round(Math.exp(4 * random()) * 100) / 100);
    const s = concentrationSummary(values);
    const p = paretoAnalysis(values);
    expect(s.gini).toBeCloseTo(gini(values), 12);
    expect(s.herfindahl.index).toBeCloseTo(herfindahl(values).index, 12);
    expect(s.topShare.share).toBeCloseTo(p.topShare(0.2), 12);
    expect(s.abRule).toEqual(p.abRule);
    expect(s.abc.classes).toEqual(abcClassify(values).classes);
  });
});

describe('concentrationSummary: properties', () => {
  test.prop([customerValues, fc.double({ min: 0, max: 1, noNaN: true })])(
    'matches paretoAnalysis and abcClassify',
    (values, f) => {
      const s = concentrationSummary(values, { topFraction: f, share: f });
      const p = paretoAnalysis(values);
      expect(s.topShare.share).toBeCloseTo(p.topShare(f), 12);
      expect(s.customersForShare.customerShare).toBeCloseTo(p.customersForShare(f), 12);
      expect(s.abRule.customerShare).toBeCloseTo(p.abRule.customerShare, 12);
      expect(s.gini).toBeCloseTo(p.gini, 12);
      expect(s.abc.classes.map((c) => c.count)).toEqual(abcClassify(values).classes.map((c) => c.count));
    },
  );
});

describe('on the CDNOW customer summaries (2,357 customers, repeat spend x · z̄ in calibration)', () => {
  const rows = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
  const spend = rows.map((r) => (r.x as number) * (r.zbar as number));
  it('Gini equals the mean-absolute-difference definition; the figures agree across functions', () => {
    const summary = concentrationSummary(spend);
    expect(summary.count).toBe(2357);
    expect(summary.gini).toBeCloseTo(giniByMeanDifference(spend), 10);
    const analysis = paretoAnalysis(rows, { value: (r) => (r.x as number) * (r.zbar as number) });
    expect(analysis.abRule).toEqual(summary.abRule);
    // most CDNOW customers never came back (x = 0): very concentrated repeat spend
    expect(summary.gini).toBeGreaterThan(0.7);
    expect(summary.customersForShare.customerShare).toBeLessThan(0.2);
  });
});
