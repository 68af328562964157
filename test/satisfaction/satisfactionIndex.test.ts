import { describe, expect, it } from 'vitest';
import { satisfactionIndex } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('satisfactionIndex: reference values (numpy / scipy)', () => {
  // Complete answers on 1–10, weights 0.5/0.3/0.2. The per-respondent index Σ wₖ(xₖ − 1)/9·100 has mean
  // 79.25925925925925 and std(ddof=1)/√6 = 6.6336631636261085; scipy.stats.t.interval(0.95, 5, …) =
  // [62.20688522711225, 96.31163329140625].
  const complete = [
    { a: 8, b: 9, c: 7 },
    { a: 10, b: 9, c: 9 },
    { a: 6, b: 7, c: 5 },
    { a: 9, b: 8, c: 8 },
    { a: 7, b: 7, c: 6 },
    { a: 10, b: 10, c: 9 },
  ];
  it('complete answers: index, standard error and t interval', () => {
    const r = satisfactionIndex(complete, { items: ['a', 'b', 'c'], scale: [1, 10], weights: [5, 3, 2] });
    expect(r.index).toBeCloseTo(79.25925925925925, 10);
    expect(r.standardError).toBeCloseTo(6.6336631636261085, 10);
    expect(r.ci.lower).toBeCloseTo(62.20688522711225, 9);
    expect(r.ci.upper).toBeCloseTo(96.31163329140625, 9);
    expect(r.n).toBe(6);
    expect(r.complete).toBe(6);
    expect(r.items.map((i) => i.weight)).toEqual([0.5, 0.3, 0.2]);
    expect(r.items[0]?.mean).toBeCloseTo(50 / 6, 12);
  });

  // With missing answers (null/undefined), equal weights: item means on 0–100 are 81.48148148148147,
  // 75.92592592592592, 74.07407407407406 (6 answers each); index 77.16049382716048. The delta-method standard
  // error Σₖₗ wₖwₗ nₖₗσₖₗ/(nₖnₗ) with numpy pairwise covariances (ddof=1) is 5.61694477337152; t with
  // minₖ nₖ − 1 = 5 df gives [62.72167762095931, 91.59931003336165].
  const withMissing = [
    { a: 8, b: 9, c: 7 },
    { a: 10, b: null, c: 9 },
    { a: 6, b: 7 },
    { a: 9, b: 8, c: 8 },
    { a: undefined, b: 7, c: 6 },
    { a: 10, b: 10, c: 9 },
    { a: 7, b: 6, c: 7 },
  ];
  it('missing answers are excluded and counted; standard error from pairwise covariances', () => {
    const r = satisfactionIndex(withMissing, { items: ['a', 'b', 'c'], scale: [1, 10] });
    expect(r.items.map((i) => i.score)).toEqual([
      expect.closeTo(81.48148148148147, 10),
      expect.closeTo(75.92592592592592, 10),
      expect.closeTo(74.07407407407406, 10),
    ]);
    expect(r.items.map((i) => [i.answered, i.missing])).toEqual([
      [6, 1],
      [6, 1],
      [6, 1],
    ]);
    expect(r.complete).toBe(4);
    expect(r.index).toBeCloseTo(77.16049382716048, 10);
    expect(r.standardError).toBeCloseTo(5.61694477337152, 10);
    expect(r.ci.lower).toBeCloseTo(62.72167762095931, 9);
    expect(r.ci.upper).toBeCloseTo(91.59931003336165, 9);
  });

  // ACSI convention: (x̄ − 1)/9·100 on 1–10 (REFERENCES.md). One item with mean 8.2 → 80.
  it('follows the ACSI rescaling (x̄ − 1)/9·100', () => {
    const r = satisfactionIndex([{ q: 8 }, { q: 9 }, { q: 7 }, { q: 9 }, { q: 8 }], { items: ['q'], scale: [1, 10] });
    expect(r.index).toBeCloseTo(80, 12);
  });
});

describe('satisfactionIndex: accessors, labels and edge cases', () => {
  it('accepts accessor functions and labels them item1, item2, …', () => {
    const rows = [
      [3, 4],
      [5, 4],
    ];
    const r = satisfactionIndex(rows, { items: [(row) => row[0], (row) => row[1]], scale: [1, 5] });
    expect(r.items.map((i) => i.item)).toEqual(['item1', 'item2']);
    // item means 4 and 4 on 1–5 → (4 − 1)/4·100 = 75 each
    expect(r.index).toBeCloseTo(75, 12);
  });
  it('labels override the names', () => {
    const r = satisfactionIndex([{ a: 1 }, { a: 2 }], { items: ['a'], scale: [1, 5], labels: ['quality'] });
    expect(r.items[0]?.item).toBe('quality');
  });
  it('all answers at the top give 100 with a degenerate interval', () => {
    const r = satisfactionIndex([{ a: 5 }, { a: 5 }], { items: ['a'], scale: [1, 5] });
    expect(r.index).toBe(100);
    expect(r.standardError).toBe(0);
    expect(r.ci).toEqual({ lower: 100, upper: 100 });
  });
  it('does not mutate its input', () => {
    const rows = [
      { a: 1, b: null },
      { a: 2, b: 3 },
      { a: 4, b: 3 },
    ];
    const copy = structuredClone(rows);
    satisfactionIndex(rows, { items: ['a', 'b'], scale: [1, 5] });
    expect(rows).toEqual(copy);
  });
});

describe('satisfactionIndex: bad input', () => {
  it('an out-of-scale answer names responses[i].<item>', () => {
    const error = thrown(() => satisfactionIndex([{ q1: 5 }, { q1: 11 }], { items: ['q1'], scale: [1, 10] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^responses\[1\]\.q1: /);
    expect(error.index).toBe(1);
  });
  it('a present non-numeric answer is an error, not a missing one', () => {
    const error = thrown(() => satisfactionIndex([{ q1: 5 }, { q1: '7' }], { items: ['q1'], scale: [1, 10] }));
    expect(error.message).toContain('responses[1].q1');
    expect(
      thrown(() => satisfactionIndex([{ q1: 5 }, { q1: Number.NaN }], { items: ['q1'], scale: [1, 10] })).code,
    ).toBe('INVALID_INPUT');
  });
  it('an accessor that throws names the response', () => {
    const error = thrown(() =>
      satisfactionIndex([{ q: 1 }, { q: 2 }], {
        items: [
          (_r, i) => {
            if (i === 1) throw new Error('boom');
            return 1;
          },
        ],
        scale: [1, 5],
      }),
    );
    expect(error.message).toContain('responses[1].item1');
  });
  it('empty responses', () => {
    expect(thrown(() => satisfactionIndex([], { items: ['a'], scale: [1, 5] })).code).toBe('EMPTY_INPUT');
  });
  it('an item with fewer than 2 answers', () => {
    const error = thrown(() => satisfactionIndex([{ a: 1, b: 2 }, { a: 2 }], { items: ['a', 'b'], scale: [1, 5] }));
    expect(error.message).toContain('responses.b');
  });
  it('bad options', () => {
    expect(thrown(() => satisfactionIndex([{ a: 1 }], { items: [], scale: [1, 5] })).code).toBe('INVALID_OPTION');
    expect(
      thrown(() => satisfactionIndex([{ a: 1 }, { a: 2 }], { items: ['a'], scale: [1, 5], weights: [1, 2] })).message,
    ).toContain('options.weights');
    expect(
      thrown(() => satisfactionIndex([{ a: 1 }, { a: 2 }], { items: ['a'], scale: [1, 5], weights: [0] })).code,
    ).toBe('INVALID_OPTION');
    expect(thrown(() => satisfactionIndex([{ a: 1 }], { items: ['a'], scale: [5, 5] })).message).toContain(
      'options.scale',
    );
  });
});

const answer = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null, freq: 6 });
const rowsArb = fc
  .array(fc.tuple(answer, answer, answer), { minLength: 2, maxLength: 60 })
  .filter((rows) => [0, 1, 2].every((k) => rows.filter((r) => r[k] !== null).length >= 2));
const weightsArb = fc.tuple(
  fc.double({ min: 0.01, max: 10, noNaN: true }),
  fc.double({ min: 0.01, max: 10, noNaN: true }),
  fc.double({ min: 0.01, max: 10, noNaN: true }),
);
const items = [(r: (number | null)[]) => r[0], (r: (number | null)[]) => r[1], (r: (number | null)[]) => r[2]];

describe('satisfactionIndex: properties', () => {
  test.prop([rowsArb, weightsArb])('index and interval lie in [0, 100]; the interval contains the index', (rows, w) => {
    const r = satisfactionIndex(rows, { items, scale: [1, 7], weights: w });
    expect(r.index).toBeGreaterThanOrEqual(-1e-9);
    expect(r.index).toBeLessThanOrEqual(100 + 1e-9);
    expect(r.ci.lower).toBeGreaterThanOrEqual(0);
    expect(r.ci.upper).toBeLessThanOrEqual(100);
    expect(r.ci.lower).toBeLessThanOrEqual(r.index + 1e-9);
    expect(r.ci.upper).toBeGreaterThanOrEqual(r.index - 1e-9);
    expect(r.standardError).toBeGreaterThanOrEqual(0);
  });

  test.prop([
    rowsArb,
    weightsArb,
    fc.double({ min: 0.1, max: 20, noNaN: true }),
    fc.double({ min: -50, max: 50, noNaN: true }),
  ])('is invariant to a linear rescaling of answers and scale (a·x + b, a > 0)', (rows, w, a, b) => {
    const base = satisfactionIndex(rows, { items, scale: [1, 7], weights: w });
    const moved = rows.map((row) => row.map((x) => (x === null ? null : a * x + b)));
    // Rounded multiplication and addition are monotone, so a·x + b stays within [a·1 + b, a·7 + b] exactly.
    const r = satisfactionIndex(moved, { items, scale: [a * 1 + b, a * 7 + b], weights: w });
    expect(r.index).toBeCloseTo(base.index, 5);
    expect(r.standardError).toBeCloseTo(base.standardError, 5);
  });

  test.prop([rowsArb])('with no missing answers, the SE is that of the per-respondent weighted score', (rows) => {
    const full = rows.map((row) => row.map((x) => x ?? 4));
    const r = satisfactionIndex(full, { items, scale: [1, 7], weights: [1, 2, 3] });
    const scores = full.map((row) => ((row[0] as number) * 1 + (row[1] as number) * 2 + (row[2] as number) * 3) / 6);
    const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
    const variance = scores.reduce((s, x) => s + (x - mean) ** 2, 0) / (scores.length - 1);
    expect(r.standardError).toBeCloseTo((Math.sqrt(variance / scores.length) / 6) * 100, 8);
  });

  // On complete answers: with missing answers the pairwise covariances of tiny samples (some pairs answered
  // together once, so taken as 0) are not guaranteed to shrink when the responses are replicated.
  test.prop([rowsArb, fc.integer({ min: 2, max: 5 })])(
    'the interval narrows as n grows (complete responses repeated k times)',
    (rows, k) => {
      const full = rows.map((row) => row.map((x) => x ?? 1));
      const a = satisfactionIndex(full, { items, scale: [1, 7] });
      const b = satisfactionIndex(Array.from({ length: k }, () => full).flat(), { items, scale: [1, 7] });
      expect(b.ci.upper - b.ci.lower).toBeLessThanOrEqual(a.ci.upper - a.ci.lower + 1e-9);
    },
  );
});
