import { describe, expect, it } from 'vitest';
import {
  abcClassify,
  concentrationSummary,
  gini,
  herfindahl,
  lorenzCurve,
  paretoAnalysis,
} from '../../src/pareto/index.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, scale, shuffled } from './arbitraries.js';

describe('herfindahl: published values (R herfindahl() documentation examples, ineq lineage)', () => {
  it('0.1840812 for the ineq income vector', () => {
    expect(herfindahl([541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261]).index).toBeCloseTo(0.1840812, 7);
  });
  it('0.1668737 and 0.1301292 for the two sales vectors', () => {
    expect(herfindahl([261, 29, 33, 15, 39, 28, 95, 5, 6, 28, 69, 8, 105, 38, 15]).index).toBeCloseTo(0.1668737, 7);
    expect(herfindahl([783, 121, 112, 70, 201, 153, 425, 19, 37, 126, 325, 51, 442, 193, 41]).index).toBeCloseTo(
      0.1301292,
      7,
    );
  });
});

describe('herfindahl: hand-computed cases and edges', () => {
  it('[50, 30, 20] → H = 0.38, normalized (0.38 − 1/3)/(2/3) = 0.07, 1/H = 2.6316', () => {
    const r = herfindahl([50, 30, 20]);
    expect(r.index).toBeCloseTo(0.38, 15);
    expect(r.normalized).toBeCloseTo(0.07, 14);
    expect(r.equivalentCount).toBeCloseTo(1 / 0.38, 12);
    expect(r.count).toBe(3);
  });
  it('one customer with everything among n → H = 1, normalized 1', () => {
    expect(herfindahl([0, 0, 9])).toEqual({ index: 1, normalized: 1, equivalentCount: 1, count: 3 });
  });
  it('a single customer → H = 1, normalized 0 (documented convention)', () => {
    expect(herfindahl([4])).toEqual({ index: 1, normalized: 0, equivalentCount: 1, count: 1 });
  });
  it('all-equal values → H = 1/N exactly, normalized exactly 0', () => {
    expect(herfindahl(new Float64Array(7).fill(0.1))).toEqual({
      index: 1 / 7,
      normalized: 0,
      equivalentCount: 7,
      count: 7,
    });
  });
  it('errors: empty, all zero, negative', () => {
    expectCode(() => herfindahl([]), 'EMPTY_INPUT');
    expectCode(() => herfindahl([0, 0]), 'DOMAIN_ERROR');
    expectCode(() => herfindahl([1, -1]), 'INVALID_INPUT');
    expect(herfindahl([1, -1], { negative: 'clamp' }).index).toBe(1);
  });
  it('reads records and does not mutate its input', () => {
    const records = [{ s: 50 }, { s: 30 }, { s: 20 }];
    expect(herfindahl(records, { value: 's' }).index).toBeCloseTo(0.38, 15);
    expect(records).toEqual([{ s: 50 }, { s: 30 }, { s: 20 }]);
  });
});

describe('herfindahl: properties', () => {
  test.prop([customerValues])('1/N ≤ H ≤ 1 and 0 ≤ normalized ≤ 1', (values) => {
    const r = herfindahl(values);
    expect(r.index).toBeGreaterThanOrEqual(1 / values.length - 1e-15);
    expect(r.index).toBeLessThanOrEqual(1);
    expect(r.normalized).toBeGreaterThanOrEqual(0);
    expect(r.normalized).toBeLessThanOrEqual(1);
  });
  test.prop([customerValues, fc.integer(), scale])('is invariant to order and positive scaling', (values, seed, k) => {
    expect(herfindahl(shuffled(values, seed).map((v) => v * k)).index).toBeCloseTo(herfindahl(values).index, 9);
  });
});

describe('herfindahl and gini: extreme magnitudes (exact power-of-two scaling)', () => {
  it('tiny values whose squares underflow: [1e-200, 3e-200] → H = 10/16, Gini 0.25', () => {
    expect(herfindahl([1e-200, 3e-200]).index).toBeCloseTo(0.625, 15);
    expect(gini([1e-200, 3e-200])).toBeCloseTo(0.25, 15);
    expect(concentrationSummary([1e-200, 3e-200]).herfindahl.index).toBeCloseTo(0.625, 15);
  });
  it('huge values whose squares or rank-weighted sums overflow: [1e300, 3e300]', () => {
    expect(herfindahl([1e300, 3e300]).index).toBeCloseTo(0.625, 15);
    expect(gini([1e300, 3e300])).toBeCloseTo(0.25, 15);
  });
  it('a total beyond the largest double → DOMAIN_ERROR', () => {
    expectCode(() => herfindahl([1e308, 1e308]), 'DOMAIN_ERROR');
    expectCode(() => gini([1e308, 1e308]), 'DOMAIN_ERROR');
  });
  // Regression: the compensated sum's error term became ∞ − ∞, so the total arrived as NaN and the message said
  // "the total value is 0".
  it.each([
    ['herfindahl', () => herfindahl([1e308, 1e308])],
    ['gini', () => gini([1e308, 1e308])],
    ['lorenzCurve', () => lorenzCurve([1e308, 1e308])],
    ['paretoAnalysis', () => paretoAnalysis([1e308, 1e308])],
    ['abcClassify', () => abcClassify([1e308, 1e308])],
    ['concentrationSummary', () => concentrationSummary([1e308, 1e308])],
  ])('%s: an overflowing total is reported as overflow, not as a zero total', (_name, run) => {
    expect(run).toThrow(/exceeds the largest double/);
  });
  it('a zero total is reported as zero', () => {
    expect(() => gini([0, 0])).toThrow(/total value is 0/);
  });
});
