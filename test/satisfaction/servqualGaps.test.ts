import { describe, expect, it } from 'vitest';
import { SERVQUAL_DIMENSIONS, servqualGaps } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

/** A 22-item row: value per dimension block (tangibles 1–4, reliability 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22). */
function row(t: number, rel: number, res: number, a: number, e: number): number[] {
  return [...Array(4).fill(t), ...Array(5).fill(rel), ...Array(4).fill(res), ...Array(4).fill(a), ...Array(5).fill(e)];
}

describe('servqualGaps: the 22-item instrument (Parasuraman, Zeithaml & Berry 1988)', () => {
  const E = [row(6, 6, 6, 6, 6), row(6, 6, 6, 6, 6)];
  const P = [row(5, 4, 6, 7, 5), row(5, 6, 6, 5, 4)];
  // Hand computation: mean perceptions per dimension 5, 5, 6, 6, 4.5 → gaps −1, −1, 0, 0, −1.5;
  // unweighted overall (−1 − 1 + 0 + 0 − 1.5)/5 = −0.7.
  it('default dimension mapping and the unweighted score', () => {
    const r = servqualGaps(E, P);
    expect(r.items).toHaveLength(22);
    expect(r.dimensions.map((d) => [d.dimension, d.gap])).toEqual([
      ['tangibles', -1],
      ['reliability', -1],
      ['responsiveness', 0],
      ['assurance', 0],
      ['empathy', -1.5],
    ]);
    expect(r.dimensions[4]?.items).toEqual([18, 19, 20, 21, 22]);
    expect(r.overallGap).toBeCloseTo(-0.7, 14);
    expect(r.items[9]).toEqual({ item: 10, expectation: 6, perception: 6, gap: 0 });
  });
  // Weights 10/30/20/30/10 points → −1·0.1 − 1·0.3 + 0 + 0 − 1.5·0.1 = −0.55.
  it('dimension weights (points out of 100)', () => {
    const r = servqualGaps(E, P, {
      weights: { tangibles: 10, reliability: 30, responsiveness: 20, assurance: 30, empathy: 10 },
    });
    expect(r.overallGap).toBeCloseTo(-0.55, 14);
    expect(r.dimensions.map((d) => d.weight)).toEqual([0.1, 0.3, 0.2, 0.3, 0.1]);
  });
  it('the default mapping covers items 1–22 once each', () => {
    expect(
      Object.values(SERVQUAL_DIMENSIONS)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });
  it('different numbers of respondents for E and P', () => {
    const r = servqualGaps([row(6, 6, 6, 6, 6)], P);
    expect(r.dimensions[0]?.gap).toBe(-1);
  });
});

describe('servqualGaps: custom dimensions and edge cases', () => {
  it('a short questionnaire with custom dimensions', () => {
    const r = servqualGaps(
      [
        [6, 7, 6],
        [7, 7, 5],
      ],
      [
        [5, 6, 6],
        [5, 7, 6],
      ],
      { dimensions: { tangibles: [1], reliability: [2, 3] } },
    );
    expect(r.items.map((i) => i.gap)).toEqual([-1.5, -0.5, 0.5]);
    expect(r.dimensions[1]).toMatchObject({ dimension: 'reliability', expectation: 6.25, perception: 6.25, gap: 0 });
    expect(r.overallGap).toBeCloseTo(-0.75, 14);
  });
  it('does not mutate its inputs', () => {
    const E = [[6, 7]];
    const P = [[5, 7]];
    servqualGaps(E, P, { dimensions: { all: [1, 2] } });
    expect([E, P]).toEqual([[[6, 7]], [[5, 7]]]);
  });
});

describe('servqualGaps: bad input', () => {
  it('an answer off the scale names perceptions[i][k]', () => {
    const error = thrown(() =>
      servqualGaps(
        [[4, 4]],
        [
          [4, 4],
          [4, 8],
        ],
        { dimensions: { all: [1, 2] } },
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^perceptions\[1\]\[1\]: /);
    expect(error.index).toBe(1);
  });
  it('rows of different lengths', () => {
    expect(thrown(() => servqualGaps([[4, 4]], [[4]], { dimensions: { all: [1] } })).message).toContain(
      'perceptions[0]',
    );
  });
  it('empty inputs', () => {
    expect(thrown(() => servqualGaps([], [[4]])).code).toBe('EMPTY_INPUT');
  });
  it('the default mapping needs 22 items', () => {
    expect(thrown(() => servqualGaps([[4]], [[4]])).message).toContain('options.dimensions');
  });
  it('a dimension item beyond the questionnaire, and weights that do not match', () => {
    expect(thrown(() => servqualGaps([[4]], [[4]], { dimensions: { all: [2] } })).code).toBe('INVALID_OPTION');
    expect(
      thrown(() => servqualGaps([[4]], [[4]], { dimensions: { all: [1] }, weights: { other: 1 } })).message,
    ).toContain('options.weights.other');
    expect(
      thrown(() => servqualGaps([[4, 4]], [[4, 4]], { dimensions: { a: [1], b: [2] }, weights: { a: 1 } })).message,
    ).toContain('options.weights.b');
  });
});

const answer = fc.integer({ min: 1, max: 7 });
describe('servqualGaps: properties', () => {
  test.prop([
    fc.array(fc.array(answer, { minLength: 22, maxLength: 22 }), { minLength: 1, maxLength: 20 }),
    fc.array(fc.array(answer, { minLength: 22, maxLength: 22 }), { minLength: 1, maxLength: 20 }),
  ])('gaps lie in [−6, 6] and the overall gap is between the smallest and largest dimension gap', (E, P) => {
    const r = servqualGaps(E, P);
    const gaps = r.dimensions.map((d) => d.gap);
    for (const item of r.items) {
      expect(Math.abs(item.gap)).toBeLessThanOrEqual(6);
      expect(item.gap).toBeCloseTo(item.perception - item.expectation, 12);
    }
    expect(r.overallGap).toBeGreaterThanOrEqual(Math.min(...gaps) - 1e-12);
    expect(r.overallGap).toBeLessThanOrEqual(Math.max(...gaps) + 1e-12);
  });
  test.prop([fc.array(fc.array(answer, { minLength: 22, maxLength: 22 }), { minLength: 1, maxLength: 20 })])(
    'identical expectations and perceptions give zero gaps',
    (rows) => {
      expect(servqualGaps(rows, rows).overallGap).toBeCloseTo(0, 12);
    },
  );
});
