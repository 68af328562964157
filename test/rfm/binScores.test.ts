import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { rfmBreakScores, rfmQuantileScores } from '../../src/rfm/index.js';
import { fc, test } from '../support/property.js';

const binsArb = fc.integer({ min: 2, max: 10 });
const valuesArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
  minLength: 1,
  maxLength: 200,
});
// Few distinct values, so that ties are frequent.
const tiedValuesArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 200 });

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error.code;
    throw error;
  }
  return undefined;
}

function sizes(scores: ArrayLike<number>, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const bin = (scores[i] as number) - 1;
    out[bin] = (out[bin] as number) + 1;
  }
  return out;
}

describe('rfmQuantileScores: hand-checked values', () => {
  it('splits distinct values into equal-count bins', () => {
    expect(Array.from(rfmQuantileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    // 7 values in 5 bins: mid-ranks (i + ½)/7 · 5 = 0.36, 1.07, 1.79, 2.5, 3.21, 3.93, 4.64.
    expect(Array.from(rfmQuantileScores([1, 2, 3, 4, 5, 6, 7], 5))).toEqual([1, 2, 2, 3, 4, 4, 5]);
  });

  it('keeps input order (scores belong to the values, not to sorted positions)', () => {
    expect(Array.from(rfmQuantileScores([50, 10, 40, 20, 30], 5))).toEqual([5, 1, 4, 2, 3]);
  });

  it('sends a run straddling an edge to the bin that holds its middle', () => {
    // bins of two positions: [0,2) [2,4) [4,6); the run of 2s spans positions 1–3, middle 2.5 → bin 2.
    expect(Array.from(rfmQuantileScores([1, 2, 2, 2, 3, 4], 3))).toEqual([1, 2, 2, 2, 3, 3]);
    // run of 3s spans positions 2–4 (middle 3.5) in bins [0,2) [2,4) [4,6) → bin 2, leaving bin 3 with one value.
    expect(Array.from(rfmQuantileScores([1, 2, 3, 3, 3, 4], 3))).toEqual([1, 1, 2, 2, 2, 3]);
  });

  it('sends a run whose middle is exactly on an edge toward the nearer end of the scale', () => {
    // the bottom 40% tied: middle at 20% = the edge between bins 1 and 2 → bin 1.
    expect(Array.from(rfmQuantileScores([1, 1, 1, 1, 2, 2, 3, 4, 6, 9], 5))).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
    // the top 40% tied: middle at 80% = the edge between bins 4 and 5 → bin 5.
    expect(Array.from(rfmQuantileScores([1, 2, 3, 4, 5, 6, 9, 9, 9, 9], 5))).toEqual([1, 1, 2, 2, 3, 3, 5, 5, 5, 5]);
    // the same for "lower is better": the 40% with the smallest recency score 5.
    expect(Array.from(rfmQuantileScores([0, 0, 0, 0, 5, 6, 7, 8, 9, 10], 5, 'lower'))).toEqual([
      5, 5, 5, 5, 3, 3, 2, 2, 1, 1,
    ]);
  });

  it('leaves bins empty when a run is larger than a bin (60% tied at the bottom score 2)', () => {
    const values = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
    const scores = rfmQuantileScores(values, 5);
    expect(Array.from(scores)).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
    expect(sizes(scores, 5)).toEqual([0, 6, 0, 2, 2]);
  });

  it('scores a single value, or one repeated value, in the middle bin', () => {
    expect(Array.from(rfmQuantileScores([42], 5))).toEqual([3]);
    expect(Array.from(rfmQuantileScores([7, 7, 7, 7], 4))).toEqual([3, 3, 3, 3]);
    expect(Array.from(rfmQuantileScores([7, 7, 7], 2, 'lower'))).toEqual([2, 2, 2]);
  });

  it('treats -0 and 0 as the same value', () => {
    expect(Array.from(rfmQuantileScores([0, -0, 1, 2], 2))).toEqual([1, 1, 2, 2]);
  });

  it('reverses the scale for lower-is-better values', () => {
    expect(Array.from(rfmQuantileScores([3, 1, 2], 3, 'lower'))).toEqual([1, 3, 2]);
  });

  it('does not mutate its input', () => {
    const plain = [5, 3, 9, 1, 3];
    const typed = Float64Array.from(plain);
    rfmQuantileScores(plain, 3);
    rfmQuantileScores(typed, 3, 'lower');
    expect(plain).toEqual([5, 3, 9, 1, 3]);
    expect(Array.from(typed)).toEqual([5, 3, 9, 1, 3]);
  });
});

describe('rfmQuantileScores: bad input', () => {
  it('rejects bins outside 2–10 or not whole', () => {
    for (const bins of [1, 11, 2.5, Number.NaN, 0, -3])
      expect(codeOf(() => rfmQuantileScores([1, 2, 3], bins))).toBe('INVALID_OPTION');
  });
  it('rejects a bad direction', () => {
    expect(codeOf(() => rfmQuantileScores([1, 2], 2, 'up' as 'higher'))).toBe('INVALID_OPTION');
  });
  it('names the non-finite value', () => {
    expect(() => rfmQuantileScores([1, Number.NaN, 3], 2)).toThrow('values[1]: expected a finite number, got NaN');
    expect(codeOf(() => rfmQuantileScores([1, 2, Number.POSITIVE_INFINITY], 2))).toBe('INVALID_INPUT');
  });
  it('rejects an empty column', () => {
    expect(codeOf(() => rfmQuantileScores([], 5))).toBe('EMPTY_INPUT');
  });
});

describe('rfmQuantileScores: properties', () => {
  test.prop([valuesArb, binsArb])('every score is within 1..bins', (values, bins) => {
    for (const s of rfmQuantileScores(values, bins)) {
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(bins);
    }
  });

  test.prop([tiedValuesArb, binsArb])(
    'a strictly higher value never scores lower; equal values score equal',
    (values, bins) => {
      const up = rfmQuantileScores(values, bins);
      const down = rfmQuantileScores(values, bins, 'lower');
      for (let i = 0; i < values.length; i++)
        for (let j = 0; j < values.length; j++) {
          const a = values[i] as number;
          const b = values[j] as number;
          if (a > b) {
            expect(up[i]).toBeGreaterThanOrEqual(up[j] as number);
            expect(down[i]).toBeLessThanOrEqual(down[j] as number);
          } else if (a === b) {
            expect(up[i]).toBe(up[j]);
            expect(down[i]).toBe(down[j]);
          }
        }
    },
  );

  test.prop([tiedValuesArb, binsArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true }))])(
    'is invariant to the order of the input',
    (values, bins, keys) => {
      const order = values.map((_, i) => i);
      const key = order.map(() => keys.next().value as number);
      order.sort((a, b) => (key[a] as number) - (key[b] as number));
      const shuffled = order.map((i) => values[i] as number);
      const scores = rfmQuantileScores(values, bins);
      const shuffledScores = rfmQuantileScores(shuffled, bins);
      order.forEach((original, position) => {
        expect(shuffledScores[position]).toBe(scores[original]);
      });
    },
  );

  test.prop([
    fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 200 }),
    binsArb,
    fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  ])('is invariant to multiplying the values by a positive constant', (values, bins, c) => {
    expect(
      Array.from(
        rfmQuantileScores(
          values.map((v) => v * c),
          bins,
        ),
      ),
    ).toEqual(Array.from(rfmQuantileScores(values, bins)));
  });

  test.prop([valuesArb, binsArb])("'lower' on x equals 'higher' on −x", (values, bins) => {
    expect(Array.from(rfmQuantileScores(values, bins, 'lower'))).toEqual(
      Array.from(
        rfmQuantileScores(
          values.map((v) => -v),
          bins,
        ),
      ),
    );
  });

  test.prop([fc.uniqueArray(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 300 }), binsArb])(
    'distinct values make bins whose sizes differ by at most one',
    (values, bins) => {
      const counts = sizes(rfmQuantileScores(values, bins), bins);
      const n = values.length;
      for (const c of counts) {
        expect(c).toBeGreaterThanOrEqual(Math.floor(n / bins));
        expect(c).toBeLessThanOrEqual(Math.ceil(n / bins));
      }
    },
  );

  test.prop([tiedValuesArb, binsArb])(
    'each run of ties sits in the bin holding its middle (or next to it, on an edge)',
    (values, bins) => {
      const scores = rfmQuantileScores(values, bins);
      const n = values.length;
      for (const v of new Set(values)) {
        const below = values.filter((x) => x < v).length;
        const equal = values.filter((x) => x === v).length;
        const middle = ((below + equal / 2) / n) * bins; // in bin units
        const score = scores[values.indexOf(v)] as number;
        expect(score - 1).toBeLessThanOrEqual(middle);
        expect(score).toBeGreaterThanOrEqual(middle);
      }
    },
  );
});

describe('rfmBreakScores', () => {
  it('uses left-closed bins: a value equal to a break goes up', () => {
    expect(Array.from(rfmBreakScores([1, 4, 5, 6, 9], [4, 6]))).toEqual([1, 2, 2, 3, 3]);
  });
  it('numbers bins from the other end for lower-is-better values', () => {
    expect(Array.from(rfmBreakScores([3, 7, 30, 90, 300], [7, 90], 'lower'))).toEqual([3, 2, 2, 1, 1]);
  });
  it('rejects breaks that are not strictly increasing, naming the index', () => {
    expect(() => rfmBreakScores([1], [1, 5, 5])).toThrow(
      'breaks[2]: expected a number > 5 (breaks must be strictly increasing), got 5',
    );
    expect(codeOf(() => rfmBreakScores([1], [3, 2]))).toBe('INVALID_OPTION');
  });
  it('rejects too few or too many breaks, and non-finite breaks', () => {
    expect(codeOf(() => rfmBreakScores([1], []))).toBe('INVALID_OPTION');
    expect(codeOf(() => rfmBreakScores([1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe('INVALID_OPTION');
    expect(codeOf(() => rfmBreakScores([1], [1, Number.NaN]))).toBe('INVALID_OPTION');
  });
  it('rejects non-finite values', () => {
    expect(codeOf(() => rfmBreakScores([1, Number.NaN], [1]))).toBe('INVALID_INPUT');
  });
  test.prop([valuesArb, fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 9 })])(
    'scores lie in 1..breaks + 1 and grow with the value',
    (values, rawBreaks) => {
      const breaks = [...rawBreaks].sort((a, b) => a - b);
      const scores = rfmBreakScores(values, breaks);
      values.forEach((v, i) => {
        // Reference: 1 + the number of breaks ≤ v.
        expect(scores[i]).toBe(1 + breaks.filter((b) => b <= v).length);
      });
    },
  );
});

describe('rfmQuantileScores: counting and sorting paths agree', () => {
  test.prop([fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), binsArb, fc.boolean()])(
    'whole numbers (counted) score like the same values shifted by ½ (sorted)',
    (values, bins, lower) => {
      const direction = lower ? 'lower' : 'higher';
      expect(Array.from(rfmQuantileScores(values, bins, direction))).toEqual(
        Array.from(
          rfmQuantileScores(
            values.map((v) => v + 0.5),
            bins,
            direction,
          ),
        ),
      );
    },
  );
  it('sorts whole numbers spread over a wide range', () => {
    expect(Array.from(rfmQuantileScores([0, 1e12, 5, 5e11], 2))).toEqual([1, 2, 1, 2]);
  });
});
