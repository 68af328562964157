import { describe, expect, it } from 'vitest';
import { type KanoCategory, kano, kanoCategory } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('kanoCategory: the evaluation table (REFERENCES.md; Berger et al. 1993)', () => {
  const table: KanoCategory[][] = [
    ['Questionable', 'Attractive', 'Attractive', 'Attractive', 'One-dimensional'],
    ['Reverse', 'Indifferent', 'Indifferent', 'Indifferent', 'Must-be'],
    ['Reverse', 'Indifferent', 'Indifferent', 'Indifferent', 'Must-be'],
    ['Reverse', 'Indifferent', 'Indifferent', 'Indifferent', 'Must-be'],
    ['Reverse', 'Reverse', 'Reverse', 'Reverse', 'Questionable'],
  ];
  for (let f = 1; f <= 5; f++) {
    it(`functional ${f}`, () => {
      for (let d = 1; d <= 5; d++) expect(kanoCategory(f, d)).toBe(table[f - 1]?.[d - 1]);
    });
  }
  it('rejects answers outside 1–5', () => {
    expect(thrown(() => kanoCategory(1, 6)).message).toMatch(/^dysfunctional: /);
    expect(thrown(() => kanoCategory(1.5, 2)).code).toBe('INVALID_INPUT');
  });
});

/** n copies of one answer pair for `feature`. */
function pairs(feature: string, functional: number, dysfunctional: number, n: number) {
  return Array.from({ length: n }, () => ({ feature, functional, dysfunctional }));
}

describe('kano: counts, categories and Berger coefficients', () => {
  // Hand computation for "wifi": A = 5 (1,3), O = 8 (1,5), M = 12 (2,5), I = 3 (3,3), R = 1 (5,1), Q = 1 (1,1).
  // Base A + O + M + I = 28. CS+ = (5 + 8)/28 = 0.464286; CS− = −(8 + 12)/28 = −0.714286. Most frequent: M.
  const answers = [
    ...pairs('wifi', 1, 3, 5),
    ...pairs('wifi', 1, 5, 8),
    ...pairs('wifi', 2, 5, 12),
    ...pairs('wifi', 3, 3, 3),
    ...pairs('wifi', 5, 1, 1),
    ...pairs('wifi', 1, 1, 1),
    ...pairs('spa', 1, 4, 4),
    ...pairs('spa', 4, 4, 4),
  ];
  it('classifies a feature and computes CS+ and CS−', () => {
    const [wifi] = kano(answers);
    expect(wifi?.feature).toBe('wifi');
    expect(wifi?.n).toBe(30);
    expect(wifi?.counts).toEqual({
      attractive: 5,
      oneDimensional: 8,
      mustBe: 12,
      indifferent: 3,
      reverse: 1,
      questionable: 1,
    });
    expect(wifi?.category).toBe('Must-be');
    expect(wifi?.satisfactionCoefficient).toBeCloseTo(13 / 28, 15);
    expect(wifi?.dissatisfactionCoefficient).toBeCloseTo(-20 / 28, 15);
  });
  it('ties follow M > O > A > I (spa: A 4, I 4 → Attractive)', () => {
    const spa = kano(answers)[1];
    expect(spa?.category).toBe('Attractive');
    expect(spa?.satisfactionCoefficient).toBe(0.5);
    expect(Object.is(spa?.dissatisfactionCoefficient, 0)).toBe(true);
  });
  it('more tie-breaks: O beats A, M beats O, I beats R', () => {
    expect(kano([...pairs('x', 1, 5, 2), ...pairs('x', 1, 2, 2)])[0]?.category).toBe('One-dimensional');
    expect(kano([...pairs('x', 1, 5, 2), ...pairs('x', 2, 5, 2)])[0]?.category).toBe('Must-be');
    expect(kano([...pairs('x', 3, 3, 1), ...pairs('x', 5, 1, 1)])[0]?.category).toBe('Indifferent');
  });
  it('only Reverse/Questionable answers: coefficients are null', () => {
    const [r] = kano(pairs('x', 5, 1, 3));
    expect(r?.category).toBe('Reverse');
    expect(r?.satisfactionCoefficient).toBeNull();
    expect(r?.dissatisfactionCoefficient).toBeNull();
  });
  it('features in order of first appearance; accessors', () => {
    const rows = [
      ['b', 1, 5],
      ['a', 2, 5],
    ] as const;
    const r = kano(rows, { feature: (x) => x[0], functional: (x) => x[1], dysfunctional: (x) => x[2] });
    expect(r.map((x) => [x.feature, x.category])).toEqual([
      ['b', 'One-dimensional'],
      ['a', 'Must-be'],
    ]);
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(answers);
    kano(answers);
    expect(answers).toEqual(copy);
  });
});

describe('kano: bad input', () => {
  it('an answer outside 1–5 names responses[i].functional', () => {
    const error = thrown(() =>
      kano([
        { feature: 'a', functional: 1, dysfunctional: 5 },
        { feature: 'a', functional: 0, dysfunctional: 5 },
      ]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^responses\[1\]\.functional: /);
  });
  it('a non-string feature', () => {
    expect(thrown(() => kano([{ feature: 3, functional: 1, dysfunctional: 5 }] as never)).message).toContain(
      'responses[0].feature',
    );
  });
  it('empty input', () => {
    expect(thrown(() => kano([])).code).toBe('EMPTY_INPUT');
  });
});

const answer = fc.integer({ min: 1, max: 5 });
describe('kano: properties', () => {
  test.prop([fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), answer, answer), { minLength: 1, maxLength: 200 })])(
    'coefficients in range, counts add up, the category is a most frequent one',
    (rows) => {
      const results = kano(
        rows.map(([feature, functional, dysfunctional]) => ({ feature, functional, dysfunctional })),
      );
      expect(results.reduce((s, r) => s + r.n, 0)).toBe(rows.length);
      for (const r of results) {
        const c = r.counts;
        expect(c.attractive + c.oneDimensional + c.mustBe + c.indifferent + c.reverse + c.questionable).toBe(r.n);
        if (r.satisfactionCoefficient !== null && r.dissatisfactionCoefficient !== null) {
          expect(r.satisfactionCoefficient).toBeGreaterThanOrEqual(0);
          expect(r.satisfactionCoefficient).toBeLessThanOrEqual(1);
          expect(r.dissatisfactionCoefficient).toBeGreaterThanOrEqual(-1);
          expect(r.dissatisfactionCoefficient).toBeLessThanOrEqual(0);
        }
        const byCategory: Record<KanoCategory, number> = {
          Attractive: c.attractive,
          'One-dimensional': c.oneDimensional,
          'Must-be': c.mustBe,
          Indifferent: c.indifferent,
          Reverse: c.reverse,
          Questionable: c.questionable,
        };
        expect(byCategory[r.category]).toBe(Math.max(...Object.values(byCategory)));
      }
    },
  );
});
