import { describe, expect, it } from 'vitest';
import { gini, lorenzCurve } from '../../src/pareto/index.js';
import { fc, test } from '../support/property.js';
import { customerValues, expectCode, scale, shuffled } from './arbitraries.js';

describe('lorenzCurve: hand-computed cases', () => {
  it('[50, 30, 15, 5] → (0,0), (¼,0.05), (½,0.2), (¾,0.5), (1,1)', () => {
    const points = lorenzCurve([50, 30, 15, 5]);
    const expected = [
      [0, 0],
      [0.25, 0.05],
      [0.5, 0.2],
      [0.75, 0.5],
      [1, 1],
    ];
    expect(points).toHaveLength(5);
    points.forEach((p, i) => {
      expect(p.customerShare).toBeCloseTo(expected[i]?.[0] as number, 15);
      expect(p.valueShare).toBeCloseTo(expected[i]?.[1] as number, 15);
    });
  });
  it('steps read points off the segments: [0, 10] with 4 steps → 0, 0, 0, 0.5, 1', () => {
    expect(lorenzCurve([0, 10], { steps: 4 }).map((p) => p.valueShare)).toEqual([0, 0, 0, 0.5, 1]);
  });
});

describe('lorenzCurve: edge cases', () => {
  it('a single customer gives the straight line (0,0)–(1,1)', () => {
    expect(lorenzCurve([7])).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });
  it('all-equal values give the diagonal', () => {
    for (const p of lorenzCurve([2, 2, 2, 2, 2])) expect(p.valueShare).toBeCloseTo(p.customerShare, 15);
  });
  it('empty → EMPTY_INPUT; all zeros → DOMAIN_ERROR; bad steps → INVALID_OPTION', () => {
    expectCode(() => lorenzCurve([]), 'EMPTY_INPUT');
    expectCode(() => lorenzCurve([0]), 'DOMAIN_ERROR');
    expectCode(() => lorenzCurve([1], { steps: 0 }), 'INVALID_OPTION');
    expectCode(() => lorenzCurve([1], { steps: 1.5 }), 'INVALID_OPTION');
  });
  it('reads records with an accessor', () => {
    const points = lorenzCurve([{ m: 3 }, { m: 1 }], { value: 'm' });
    expect(points[1]).toEqual({ customerShare: 0.5, valueShare: 0.25 });
  });
  it('does not mutate its input', () => {
    const values = [3, 1, 2];
    lorenzCurve(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('lorenzCurve: properties', () => {
  test.prop([customerValues])('runs from (0,0) to exactly (1,1), non-decreasing and convex', (values) => {
    const points = lorenzCurve(values);
    expect(points).toHaveLength(values.length + 1);
    expect(points[0]).toEqual({ customerShare: 0, valueShare: 0 });
    expect(points[points.length - 1]).toEqual({ customerShare: 1, valueShare: 1 });
    let previousSlope = -1;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] as { customerShare: number; valueShare: number };
      const b = points[i] as { customerShare: number; valueShare: number };
      expect(b.customerShare).toBeGreaterThan(a.customerShare);
      expect(b.valueShare).toBeGreaterThanOrEqual(a.valueShare);
      const slope = (b.valueShare - a.valueShare) / (b.customerShare - a.customerShare);
      expect(slope).toBeGreaterThanOrEqual(previousSlope - 1e-9);
      previousSlope = slope;
      expect(b.valueShare).toBeLessThanOrEqual(b.customerShare + 1e-12); // below the diagonal
    }
  });
  test.prop([customerValues])('twice the area between the curve and the diagonal is the Gini coefficient', (values) => {
    const points = lorenzCurve(values);
    let area = 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] as { customerShare: number; valueShare: number };
      const b = points[i] as { customerShare: number; valueShare: number };
      area += ((b.customerShare - a.customerShare) * (a.valueShare + b.valueShare)) / 2;
    }
    expect(1 - 2 * area).toBeCloseTo(gini(values), 9);
  });
  test.prop([customerValues, fc.integer(), scale])(
    'is invariant to order and to positive scaling',
    (values, seed, k) => {
      const base = lorenzCurve(values);
      const other = lorenzCurve(shuffled(values, seed).map((v) => v * k));
      base.forEach((p, i) => {
        expect(other[i]?.valueShare).toBeCloseTo(p.valueShare, 9);
      });
    },
  );
  test.prop([customerValues, fc.integer({ min: 1, max: 50 })])(
    'steps give points on the full curve',
    (values, steps) => {
      const full = lorenzCurve(values);
      const n = values.length;
      for (const p of lorenzCurve(values, { steps })) {
        const position = p.customerShare * n;
        const k = Math.min(Math.floor(position), n - 1);
        const a = full[k] as { valueShare: number };
        const b = full[k + 1] as { valueShare: number };
        expect(p.valueShare).toBeCloseTo(a.valueShare + (position - k) * (b.valueShare - a.valueShare), 9);
      }
    },
  );
});
