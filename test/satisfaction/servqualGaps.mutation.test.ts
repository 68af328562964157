// Tests written for the surviving mutants of src/satisfaction/servqualGaps.ts (docs/testing.md): exact error codes,
// paths and messages of every input and option check, and every result field against a computation in the test.
import { describe, expect, it } from 'vitest';
import { servqualGaps } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

const dims3 = { dimensions: { all: [1, 2, 3] } };

describe('servqualGaps: row and answer checks', () => {
  it('no expectation rows: EMPTY_INPUT naming expectations', () => {
    const e = thrown(() => servqualGaps([], [[4]], { dimensions: { a: [1] } }));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('expectations: expected at least 1 row, got none');
    expect(e.path).toEqual(['expectations']);
  });
  it('no perception rows: EMPTY_INPUT naming perceptions', () => {
    const e = thrown(() => servqualGaps([[4]], [], { dimensions: { a: [1] } }));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('perceptions: expected at least 1 row, got none');
  });
  it('a null row', () => {
    const e = thrown(() => servqualGaps([[4, 4], null as unknown as number[]], [[4, 4]], dims3));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('expectations[1]: expected an array of answers, one per item, got null');
    expect(e.path).toEqual(['expectations', 1]);
    expect(e.index).toBe(1);
  });
  it('a string row (has a length, but is not an object)', () => {
    const e = thrown(() => servqualGaps([[4, 4]], ['44' as unknown as number[]], { dimensions: { a: [1, 2] } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('perceptions[0]: expected an array of answers, one per item, got the string "44"');
  });
  it('a number row', () => {
    const e = thrown(() => servqualGaps([5 as unknown as number[]], [[4]], { dimensions: { a: [1] } }));
    expect(e.message).toBe('expectations[0]: expected an array of answers, one per item, got 5');
  });
  it('an object row without a length', () => {
    const e1 = thrown(() => servqualGaps([{} as unknown as number[]], [[4]], { dimensions: { a: [1] } }));
    expect(e1.message).toBe('expectations[0]: expected an array of answers, one per item, got an object');
    const e2 = thrown(() => servqualGaps([[4]], [[4], {} as unknown as number[]], { dimensions: { a: [1] } }));
    expect(e2.message).toBe('perceptions[1]: expected an array of answers, one per item, got an object');
    expect(e2.code).toBe('INVALID_INPUT');
  });
  it('an array-like row (object with a length) is read', () => {
    const row = { length: 2, 0: 3, 1: 5 } as ArrayLike<number>;
    const r = servqualGaps([row], [[4, 4]], { dimensions: { a: [1, 2] } });
    expect(r.items).toEqual([
      { item: 1, expectation: 3, perception: 4, gap: 1 },
      { item: 2, expectation: 5, perception: 4, gap: -1 },
    ]);
  });
  it('an empty first row: EMPTY_INPUT naming expectations[0]', () => {
    const e = thrown(() => servqualGaps([[]], [[4]], { dimensions: { a: [1] } }));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('expectations[0]: expected at least 1 item, got none');
    expect(e.path).toEqual(['expectations[0]']);
  });
  it('a row of the wrong length, in expectations and in perceptions', () => {
    const e1 = thrown(() =>
      servqualGaps(
        [
          [4, 4, 4],
          [4, 4],
        ],
        [[4, 4, 4]],
        dims3,
      ),
    );
    expect(e1.code).toBe('INVALID_INPUT');
    expect(e1.message).toBe('expectations[1]: expected 3 answers (one per item), got 2');
    expect(e1.path).toEqual(['expectations', 1]);
    const e2 = thrown(() => servqualGaps([[4, 4, 4]], [[4, 4, 4, 4]], dims3));
    expect(e2.message).toBe('perceptions[0]: expected 3 answers (one per item), got 4');
    const e3 = thrown(() => servqualGaps([[4, 4, 4]], [[4, 4]], dims3));
    expect(e3.message).toBe('perceptions[0]: expected 3 answers (one per item), got 2');
  });
  it('answers off the scale, not finite or not numbers name [row][item]', () => {
    const cases: [unknown, string][] = [
      [8, '8'],
      [0, '0'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      ['5', 'the string "5"'],
      [null, 'null'],
    ];
    for (const [bad, shown] of cases) {
      const e = thrown(() =>
        servqualGaps(
          [[4, 4, 4]],
          [
            [4, 4, 4],
            [4, 4, bad as number],
          ],
          dims3,
        ),
      );
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`perceptions[1][2]: expected a number from 1 to 7, got ${shown}`);
      expect(e.path).toEqual(['perceptions', 1, 2]);
      expect(e.index).toBe(1);
    }
    const e = thrown(() => servqualGaps([[4, 7.5]], [[4, 4]], { scale: [0, 7], dimensions: { a: [1, 2] } }));
    expect(e.message).toBe('expectations[0][1]: expected a number from 0 to 7, got 7.5');
  });
  it('answers at the ends of the scale are accepted', () => {
    const r = servqualGaps([[1, 7]], [[7, 1]], { dimensions: { a: [1, 2] } });
    expect(r.items.map((i) => i.gap)).toEqual([6, -6]);
    const r2 = servqualGaps([[-2.5, 2.5]], [[2.5, -2.5]], { scale: [-2.5, 2.5], dimensions: { a: [1, 2] } });
    expect(r2.items.map((i) => i.gap)).toEqual([5, -5]);
  });
  it('a throwing getter on an answer is INVALID_INPUT naming the row', () => {
    const row = [4, 4];
    Object.defineProperty(row, 1, {
      get() {
        throw new Error('boom');
      },
    });
    const e = thrown(() => servqualGaps([[4, 4], row], [[4, 4]], { dimensions: { a: [1, 2] } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('expectations[1]: reading the value threw (boom)');
    expect(e.path).toEqual(['expectations', 1]);
    expect((e.cause as Error).message).toBe('boom');
  });
  it('a throwing getter on a row', () => {
    const rows: number[][] = [[4], [4]];
    Object.defineProperty(rows, 1, {
      get() {
        throw new Error('no row');
      },
    });
    const e = thrown(() => servqualGaps([[4]], rows, { dimensions: { a: [1] } }));
    expect(e.message).toBe('perceptions[1]: reading the value threw (no row)');
  });
});

describe('servqualGaps: dimension and weight options', () => {
  it('the default mapping with a questionnaire that is not 22 items long', () => {
    const e = thrown(() => servqualGaps([[4, 4, 4]], [[4, 4, 4]]));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe(
      'options.dimensions: required: the default SERVQUAL mapping has 22 items, the answers have 3',
    );
    expect(e.path).toEqual(['options', 'dimensions']);
    const long = Array.from({ length: 23 }, () => 4);
    expect(thrown(() => servqualGaps([long], [long])).message).toBe(
      'options.dimensions: required: the default SERVQUAL mapping has 22 items, the answers have 23',
    );
  });
  it('no dimensions at all', () => {
    const e = thrown(() => servqualGaps([[4]], [[4]], { dimensions: {} }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.dimensions: expected at least one dimension');
    expect(e.path).toEqual(['options', 'dimensions']);
  });
  it('an item number beyond the questionnaire names its place in the mapping', () => {
    const e = thrown(() => servqualGaps([[4, 4, 4]], [[4, 4, 4]], { dimensions: { a: [1], b: [2, 3, 4] } }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.dimensions.b[2]: expected an item number from 1 to 3, got 4');
    expect(e.path).toEqual(['options', 'dimensions', 'b', 2]);
    expect(e.received).toBe(4);
    expect(e.index).toBe(2);
  });
  it('the last item number is accepted', () => {
    const r = servqualGaps([[4, 4, 4]], [[4, 4, 5]], { dimensions: { last: [3] } });
    expect(r.dimensions).toEqual([{ dimension: 'last', items: [3], expectation: 4, perception: 5, gap: 1, weight: 1 }]);
    expect(r.overallGap).toBe(1);
  });
  it('a weight for an unknown dimension', () => {
    const e = thrown(() => servqualGaps([[4]], [[4]], { dimensions: { a: [1] }, weights: { a: 1, other: 1 } }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights.other: not one of the dimensions');
    expect(e.path).toEqual(['options', 'weights', 'other']);
  });
  it('a missing weight', () => {
    const e = thrown(() => servqualGaps([[4, 4]], [[4, 4]], { dimensions: { a: [1], b: [2] }, weights: { a: 1 } }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights.b: expected a weight for every dimension');
    expect(e.path).toEqual(['options', 'weights', 'b']);
  });
  it('all weights zero', () => {
    const e = thrown(() =>
      servqualGaps([[4, 4]], [[4, 4]], { dimensions: { a: [1], b: [2] }, weights: { a: 0, b: 0 } }),
    );
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights: expected at least one positive weight');
    expect(e.path).toEqual(['options', 'weights']);
  });
  it('one zero weight and one positive weight', () => {
    const r = servqualGaps([[4, 4]], [[2, 7]], { dimensions: { a: [1], b: [2] }, weights: { a: 0, b: 5 } });
    expect(r.dimensions.map((d) => d.weight)).toEqual([0, 1]);
    expect(r.overallGap).toBe(3);
  });
});

describe('servqualGaps: results', () => {
  it('every field of a small questionnaire, by hand', () => {
    // E item means: (6+7)/2 = 6.5, (7+7)/2 = 7, (6+5)/2 = 5.5; P item means: 5, 6.5, 6 (3 rows).
    const E = [
      [6, 7, 6],
      [7, 7, 5],
    ];
    const P = [
      [5, 6, 6],
      [5, 7, 6],
      [5, 6.5, 6],
    ];
    const r = servqualGaps(E, P, { dimensions: { x: [3, 1], y: [2] }, weights: { x: 3, y: 1 } });
    expect(r.items).toEqual([
      { item: 1, expectation: 6.5, perception: 5, gap: -1.5 },
      { item: 2, expectation: 7, perception: 6.5, gap: -0.5 },
      { item: 3, expectation: 5.5, perception: 6, gap: 0.5 },
    ]);
    expect(r.dimensions).toEqual([
      { dimension: 'x', items: [3, 1], expectation: 6, perception: 5.5, gap: -0.5, weight: 0.75 },
      { dimension: 'y', items: [2], expectation: 7, perception: 6.5, gap: -0.5, weight: 0.25 },
    ]);
    expect(r.overallGap).toBe(-0.5);
  });
  const answer = fc.integer({ min: 1, max: 5 });
  test.prop([
    fc
      .integer({ min: 1, max: 4 })
      .chain((k) =>
        fc.tuple(
          fc.array(fc.array(answer, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 5 }),
          fc.array(fc.array(answer, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 5 }),
        ),
      ),
  ])('item and dimension means against a direct computation', ([E, P]) => {
    const K = (E[0] as number[]).length;
    const mean = (rows: number[][], k: number) => rows.reduce((s, row) => s + (row[k] as number), 0) / rows.length;
    const first = Array.from({ length: K }, (_, i) => i + 1);
    const r = servqualGaps(E, P, { scale: [1, 5], dimensions: { all: first, one: [1] } });
    for (let k = 0; k < K; k++) {
      const item = r.items[k];
      expect(item?.item).toBe(k + 1);
      expect(item?.expectation).toBeCloseTo(mean(E, k), 12);
      expect(item?.perception).toBeCloseTo(mean(P, k), 12);
      expect(item?.gap).toBeCloseTo(mean(P, k) - mean(E, k), 12);
    }
    const all = r.dimensions[0];
    const avg = (f: (k: number) => number) => first.reduce((s, i) => s + f(i - 1), 0) / K;
    expect(all?.expectation).toBeCloseTo(
      avg((k) => mean(E, k)),
      12,
    );
    expect(all?.perception).toBeCloseTo(
      avg((k) => mean(P, k)),
      12,
    );
    expect(all?.gap).toBeCloseTo(
      avg((k) => mean(P, k) - mean(E, k)),
      12,
    );
    expect(r.dimensions.map((d) => d.weight)).toEqual([0.5, 0.5]);
    expect(r.overallGap).toBeCloseTo(0.5 * (all?.gap as number) + 0.5 * (mean(P, 0) - mean(E, 0)), 12);
  });
});
