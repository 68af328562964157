import { describe, expect, it } from 'vitest';
import { type ImportancePerformanceQuadrant, importancePerformance } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

const sample = [
  { attribute: 'price', importance: 4.6, performance: 3.1 },
  { attribute: 'speed', importance: 4.4, performance: 4.5 },
  { attribute: 'décor', importance: 2.1, performance: 4.2 },
  { attribute: 'parking', importance: 2.5, performance: 2.8 },
  { attribute: 'staff', importance: 3.9, performance: 3.9 },
];

describe('importancePerformance: Martilla & James (1977) quadrants', () => {
  // Hand computation: mean performance (3.1 + 4.5 + 4.2 + 2.8 + 3.9)/5 = 3.7, mean importance 17.5/5 = 3.5.
  it('mean crosshair', () => {
    const r = importancePerformance(sample);
    expect(r.crosshair.performance).toBeCloseTo(3.7, 12);
    expect(r.crosshair.importance).toBeCloseTo(3.5, 12);
    expect(r.attributes.map((a) => [a.attribute, a.quadrant])).toEqual([
      ['price', 'Concentrate here'],
      ['speed', 'Keep up the good work'],
      ['décor', 'Possible overkill'],
      ['parking', 'Low priority'],
      ['staff', 'Keep up the good work'],
    ]);
  });
  // Medians: performance sorted 2.8 3.1 3.9 4.2 4.5 → 3.9; importance 2.1 2.5 3.9 4.4 4.6 → 3.9.
  it('median crosshair; "staff" sits exactly on both lines and counts as high/high', () => {
    const r = importancePerformance(sample, { crosshair: 'median' });
    expect(r.crosshair).toEqual({ performance: 3.9, importance: 3.9 });
    expect(r.attributes[4]?.quadrant).toBe('Keep up the good work');
  });
  it('median of an even count is the mean of the two middle values', () => {
    const r = importancePerformance(sample.slice(0, 4), { crosshair: 'median' });
    expect(r.crosshair.performance).toBeCloseTo((3.1 + 4.2) / 2, 12);
  });
  it('a fixed crosshair [performance, importance] (scale midpoints)', () => {
    const r = importancePerformance(sample, { crosshair: [3, 3] });
    expect(r.crosshair).toEqual({ performance: 3, importance: 3 });
    expect(r.attributes.map((a) => a.quadrant)).toEqual([
      'Keep up the good work',
      'Keep up the good work',
      'Possible overkill',
      'Low priority',
      'Keep up the good work',
    ]);
  });
  it('on one line only: performance on the line counts as high performance', () => {
    const r = importancePerformance([{ attribute: 'x', importance: 1, performance: 3 }], { crosshair: [3, 3] });
    expect(r.attributes[0]?.quadrant).toBe('Possible overkill');
  });
  it('equal values sit on the mean crosshair and count as high (no rounding drift: 3 × 0.1 / 3)', () => {
    const r = importancePerformance(
      ['a', 'b', 'c'].map((attribute) => ({ attribute, importance: 0.1, performance: 0.7 })),
    );
    expect(r.crosshair).toEqual({ performance: 0.7, importance: 0.1 });
    expect(r.attributes.every((a) => a.quadrant === 'Keep up the good work')).toBe(true);
  });
  it('accessors', () => {
    const rows = [{ name: 'a', imp: 5, perf: 1 }];
    const r = importancePerformance(rows, {
      attribute: 'name',
      importance: (d) => d.imp,
      performance: (d) => d.perf,
      crosshair: [3, 3],
    });
    expect(r.attributes[0]).toMatchObject({ attribute: 'a', quadrant: 'Concentrate here', index: 0 });
  });
  it('does not mutate its input (median sorts a copy)', () => {
    const copy = structuredClone(sample);
    importancePerformance(sample, { crosshair: 'median' });
    expect(sample).toEqual(copy);
  });
});

describe('importancePerformance: bad input', () => {
  it('a non-finite importance names attributes[i].importance', () => {
    const error = thrown(() =>
      importancePerformance([
        { attribute: 'a', importance: 3, performance: 3 },
        { attribute: 'b', importance: Number.NaN, performance: 3 },
      ]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^attributes\[1\]\.importance: /);
  });
  it('a missing name', () => {
    expect(thrown(() => importancePerformance([{ importance: 3, performance: 3 }] as never)).message).toContain(
      'attributes[0].attribute',
    );
  });
  it('empty input and a bad crosshair', () => {
    expect(thrown(() => importancePerformance([])).code).toBe('EMPTY_INPUT');
    expect(thrown(() => importancePerformance(sample, { crosshair: 'mode' as 'mean' })).code).toBe('INVALID_OPTION');
  });
});

const coordinate = fc.double({ min: -100, max: 100, noNaN: true });
describe('importancePerformance: properties', () => {
  test.prop([coordinate, coordinate, coordinate, coordinate, coordinate, coordinate])(
    'moving an attribute changes its quadrant only if it crosses a crosshair line',
    (cx, cy, x1, y1, x2, y2) => {
      const quadrant = (x: number, y: number): ImportancePerformanceQuadrant =>
        (
          importancePerformance([{ attribute: 'a', importance: y, performance: x }], { crosshair: [cx, cy] })
            .attributes[0] as { quadrant: ImportancePerformanceQuadrant }
        ).quadrant;
      const sameSideX = x1 >= cx === x2 >= cx;
      const sameSideY = y1 >= cy === y2 >= cy;
      if (sameSideX && sameSideY) expect(quadrant(x2, y2)).toBe(quadrant(x1, y1));
      else expect(quadrant(x2, y2)).not.toBe(quadrant(x1, y1));
    },
  );
  test.prop([fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 30 })])(
    'with the mean crosshair, at least one attribute is high on each axis',
    (points) => {
      const r = importancePerformance(
        points.map(([x, y], i) => ({ attribute: `a${i}`, importance: y, performance: x })),
      );
      const high = (q: ImportancePerformanceQuadrant): boolean =>
        q === 'Keep up the good work' || q === 'Concentrate here';
      expect(r.attributes.some((a) => high(a.quadrant))).toBe(true);
    },
  );
});
