// Tests added for mutation testing (docs/testing.md): surviving mutants of src/satisfaction/satisfactionIndex.ts (exact
// messages and paths, both variance paths against an exact rational evaluation of the documented formula).
import { describe, expect, it } from 'vitest';
import { satisfactionIndex } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

// ---------------------------------------------------------------------------------------------------------------
// Exact reference: the documented method, in rational arithmetic (bigint numerator / denominator), integer answers.
// Var(index) = Σₖ Σₗ wₖ wₗ · nₖₗ σₖₗ / (nₖ nₗ), nₖₗ σₖₗ = (c Σab − Σa Σb)/(c − 1) over the c respondents who answered
// both (0 when c < 2), on the answers rescaled (x − min)/(max − min)·100.

interface Rational {
  readonly p: bigint;
  readonly q: bigint;
}
function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
function rational(p: bigint, q = 1n): Rational {
  const sign = q < 0n ? -1n : 1n;
  const g = gcd(p, q) || 1n;
  return { p: (sign * p) / g, q: (sign * q) / g };
}
const plus = (a: Rational, b: Rational): Rational => rational(a.p * b.q + b.p * a.q, a.q * b.q);
const minus = (a: Rational, b: Rational): Rational => rational(a.p * b.q - b.p * a.q, a.q * b.q);
const times = (a: Rational, b: Rational): Rational => rational(a.p * b.p, a.q * b.q);
const over = (a: Rational, b: Rational): Rational => rational(a.p * b.q, a.q * b.p);
/** The double nearest to a rational (to far below an ulp: at least 64 quotient bits before rounding). */
function toNumber(x: Rational): number {
  const negative = x.p < 0n;
  const p = negative ? -x.p : x.p;
  if (p === 0n) return 0;
  let shift = 0n;
  while ((p << shift) / x.q < 1n << 64n) shift += 64n;
  const value = Number((p << shift) / x.q) / 2 ** Number(shift);
  return negative ? -value : value;
}

type Row = ReadonlyArray<number | null>;
interface Reference {
  index: number;
  variance: number;
  scores: number[];
  answered: number[];
}
function reference(rows: readonly Row[], scale: readonly [number, number], weights: readonly number[]): Reference {
  const K = weights.length;
  const range = BigInt(scale[1] - scale[0]);
  const rescale = (v: number): Rational => rational(BigInt(v - scale[0]) * 100n, range);
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  const w = weights.map((x) => rational(BigInt(x), total));
  const answered = Array.from({ length: K }, (_, k) => rows.filter((row) => row[k] !== null).length);
  const scores = answered.map((count, k) => {
    let sum = rational(0n);
    for (const row of rows) if (row[k] !== null) sum = plus(sum, rescale(row[k] as number));
    return over(sum, rational(BigInt(count)));
  });
  let index = rational(0n);
  for (let k = 0; k < K; k++) index = plus(index, times(w[k] as Rational, scores[k] as Rational));
  let variance = rational(0n);
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < K; l++) {
      const both = rows.filter((row) => row[k] !== null && row[l] !== null);
      const c = BigInt(both.length);
      let covarianceSum = rational(0n);
      if (c >= 2n) {
        let sa = rational(0n);
        let sb = rational(0n);
        let sab = rational(0n);
        for (const row of both) {
          const a = rescale(row[k] as number);
          const b = rescale(row[l] as number);
          sa = plus(sa, a);
          sb = plus(sb, b);
          sab = plus(sab, times(a, b));
        }
        covarianceSum = over(minus(times(rational(c), sab), times(sa, sb)), rational(c - 1n));
      }
      const counts = rational(BigInt((answered[k] as number) * (answered[l] as number)));
      variance = plus(variance, over(times(times(w[k] as Rational, w[l] as Rational), covarianceSum), counts));
    }
  }
  return { index: toNumber(index), variance: toNumber(variance), scores: scores.map(toNumber), answered };
}

const byColumn = [(r: Row) => r[0], (r: Row) => r[1], (r: Row) => r[2]];
const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

// ---------------------------------------------------------------------------------------------------------------

describe('satisfactionIndex: option and input errors (exact codes, paths and messages)', () => {
  it('an item that is neither a field name nor a function is an option error', () => {
    const error = thrown(() =>
      satisfactionIndex([{ a: 1 }, { a: 2 }], { items: [42 as unknown as string], scale: [1, 5] }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/^options\.items\[0\]: /);
    expect(error.path).toEqual(['options', 'items', 0]);
  });

  it('responses that are not an array or iterable are named "responses"', () => {
    const error = thrown(() => satisfactionIndex(42 as unknown as unknown[], { items: ['a'], scale: [1, 5] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('responses: expected an array or iterable of records, got 42');
  });

  it('no responses: EMPTY_INPUT asking for 1 response', () => {
    const error = thrown(() => satisfactionIndex([], { items: ['a'], scale: [1, 5] }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toBe('responses: expected at least 1 response, got none');
    expect(error.path).toEqual(['responses']);
  });

  it('labels of the wrong length: singular and plural wording, INVALID_OPTION at options.labels', () => {
    const one = thrown(() =>
      satisfactionIndex([{ a: 1 }, { a: 2 }], { items: ['a'], scale: [1, 5], labels: ['x', 'y'] }),
    );
    expect(one.code).toBe('INVALID_OPTION');
    expect(one.message).toBe('options.labels: expected 1 label (one per item), got 2');
    expect(one.path).toEqual(['options', 'labels']);
    const two = thrown(() =>
      satisfactionIndex(
        [
          { a: 1, b: 1 },
          { a: 2, b: 2 },
        ],
        { items: ['a', 'b'], scale: [1, 5], labels: ['x'] },
      ),
    );
    expect(two.code).toBe('INVALID_OPTION');
    expect(two.message).toBe('options.labels: expected 2 labels (one per item), got 1');
    const none = thrown(() =>
      satisfactionIndex(
        [
          { a: 1, b: 1 },
          { a: 2, b: 2 },
        ],
        { items: ['a', 'b'], scale: [1, 5], labels: [] },
      ),
    );
    expect(none.message).toBe('options.labels: expected 2 labels (one per item), got 0');
  });

  it('answers off the scale on either side, or not finite numbers, name responses[i].<label>', () => {
    const message = (value: unknown, label = 'a') =>
      thrown(() => satisfactionIndex([{ a: 3 }, { a: value }], { items: ['a'], scale: [1, 5], labels: [label] }));
    const below = message(0);
    expect(below.code).toBe('INVALID_INPUT');
    expect(below.message).toBe('responses[1].a: expected a number from 1 to 5 (or null for no answer), got 0');
    expect(below.index).toBe(1);
    expect(below.path).toEqual(['responses', 1, 'a']);
    expect(message(0.999999).message).toBe(
      'responses[1].a: expected a number from 1 to 5 (or null for no answer), got 0.999999',
    );
    expect(message(5.5, 'quality').message).toBe(
      'responses[1].quality: expected a number from 1 to 5 (or null for no answer), got 5.5',
    );
    expect(message('3').message).toBe(
      'responses[1].a: expected a number from 1 to 5 (or null for no answer), got the string "3"',
    );
    expect(message(Number.POSITIVE_INFINITY).message).toBe(
      'responses[1].a: expected a number from 1 to 5 (or null for no answer), got Infinity',
    );
    expect(message(Number.NaN).message).toBe(
      'responses[1].a: expected a number from 1 to 5 (or null for no answer), got NaN',
    );
    // The ends of the scale themselves are answers.
    expect(satisfactionIndex([{ a: 1 }, { a: 5 }], { items: ['a'], scale: [1, 5] }).index).toBe(50);
  });

  it('a response whose element getter throws is named responses[i], with the cause kept', () => {
    const rows: Array<{ a: number }> = [{ a: 1 }, { a: 2 }, { a: 3 }];
    const boom = new Error('boom');
    Object.defineProperty(rows, 1, {
      get() {
        throw boom;
      },
    });
    const error = thrown(() => satisfactionIndex(rows, { items: ['a'], scale: [1, 5] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('responses[1]: reading the value threw (boom)');
    expect(error.path).toEqual(['responses', 1]);
    expect(error.cause).toBe(boom);
  });

  it('an item with fewer than 2 answers names responses.<label> and the count', () => {
    const one = thrown(() => satisfactionIndex([{ a: 1, b: 2 }, { a: 2 }], { items: ['a', 'b'], scale: [1, 5] }));
    expect(one.code).toBe('INVALID_INPUT');
    expect(one.message).toBe('responses.b: expected at least 2 answers, got 1');
    const none = thrown(() =>
      satisfactionIndex([{ a: 1 }, { a: 2, b: null }], { items: ['a', 'b'], scale: [1, 5], labels: ['x', 'y'] }),
    );
    expect(none.code).toBe('EMPTY_INPUT');
    expect(none.message).toBe('responses.y: expected at least 2 answers, got none');
  });
});

describe('satisfactionIndex: every field against the exact reference', () => {
  it('answers barely varying around the middle, some missing (pairwise path; means that are not doubles)', () => {
    // Rescaled answers 50 + j·100/2^24 (exact doubles); the covariances are ~1e-11, far below the answers' size,
    // so centring on anything but the exact pairwise means shows at once.
    const rows: Row[] = Array.from({ length: 30 }, (_, i) => [
      i % 7 === 3 ? null : 2 ** 23 + ((i * 5 + 1) % 3),
      i % 11 === 5 ? null : 2 ** 23 + ((i * i + 2) % 3),
    ]);
    const scale = [0, 2 ** 24] as const;
    const ref = reference(rows, scale, [1, 3]);
    const r = satisfactionIndex(rows, { items: byColumn.slice(0, 2), scale, weights: [1, 3] });
    expect(ref.answered).toEqual([26, 27]);
    expect(r.n).toBe(30);
    expect(r.complete).toBe(30 - 4 - 3);
    expect(relative(r.index, ref.index)).toBeLessThan(1e-15);
    expect(ref.variance).toBeGreaterThan(0);
    const se = Math.sqrt(ref.variance);
    expect(relative(r.standardError, se)).toBeLessThan(1e-12);
    // t_{0.975, 25} (scipy.stats.t.ppf): ν = minₖ nₖ − 1 = 25.
    const t = 2.0595385527532972;
    expect(Math.abs(r.ci.lower - (ref.index - t * se))).toBeLessThan(1e-12);
    expect(Math.abs(r.ci.upper - (ref.index + t * se))).toBeLessThan(1e-12);
    expect(r.items.map((item) => [item.item, item.weight, item.answered, item.missing])).toEqual([
      ['item1', 0.25, 26, 4],
      ['item2', 0.75, 27, 3],
    ]);
    r.items.forEach((item, k) => {
      expect(relative(item.score, ref.scores[k] as number)).toBeLessThan(1e-15);
      expect(relative(item.mean, ((ref.scores[k] as number) / 100) * 2 ** 24)).toBeLessThan(1e-15);
    });
    expect(r.confidenceLevel).toBe(0.95);
  });

  it('complete answers whose weighted score barely varies: SE without cancellation (complete-case path)', () => {
    // Two items with a + b = 2^20 − e, e ∈ {0, 1}: each item spans the scale, the per-respondent score 50 − 50e/2^20
    // hardly moves. The quadratic form Σ wₖwₗ σₖₗ/n would lose ~6 digits here; the documented sum of squares does not.
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => {
      const a = (i * 2654435761) % 2 ** 20;
      return [a, 2 ** 20 - a - (i % 3 === 0 ? 1 : 0)];
    });
    const scale = [0, 2 ** 20] as const;
    const ref = reference(rows, scale, [1, 1]);
    const r = satisfactionIndex(rows, { items: byColumn.slice(0, 2), scale });
    expect(r.complete).toBe(40);
    expect(relative(r.index, ref.index)).toBeLessThan(1e-15);
    expect(relative(r.standardError, Math.sqrt(ref.variance))).toBeLessThan(1e-12);
    // The same from the per-respondent scores (14 respondents with e = 1 out of 40), in exact arithmetic:
    // scores 50 − d·[e], d = 50/2^20; variance of the mean = d²·(14·26/40)/39/40.
    const d = 50 / 2 ** 20;
    expect(relative(r.standardError, d * Math.sqrt((14 * 26) / 40 / 39 / 40))).toBeLessThan(1e-12);
    const t = 2.022690920036761; // t_{0.975, 39}
    expect(Math.abs(r.ci.lower - (r.index - t * r.standardError))).toBeLessThan(1e-12);
    expect(Math.abs(r.ci.upper - (r.index + t * r.standardError))).toBeLessThan(1e-12);
  });

  it('an indefinite pairwise covariance matrix: the negative total is clamped to a zero standard error', () => {
    // a and b answered together twice with opposite answers (covariance −5000 on 0–100), each otherwise at the
    // middle: Var = ¼(20000/3)/16·2 − 2·¼·10000/16 = 208.33 − 312.5 < 0.
    const rows: Row[] = [
      [0, 2],
      [2, 0],
      [1, null],
      [1, null],
      [null, 1],
      [null, 1],
    ];
    const ref = reference(rows, [0, 2], [1, 1]);
    expect(ref.variance).toBeCloseTo(625 / 3 - 312.5, 9);
    const r = satisfactionIndex(rows, { items: byColumn.slice(0, 2), scale: [0, 2] });
    expect(r.index).toBe(50);
    expect(r.standardError).toBe(0);
    expect(r.ci).toEqual({ lower: 50, upper: 50 });
    expect(r.complete).toBe(2);
    expect(r.items.map((item) => [item.answered, item.missing, item.score, item.mean])).toEqual([
      [4, 2, 50, 1],
      [4, 2, 50, 1],
    ]);
  });

  it('a pair answered together by only two respondents keeps its covariance', () => {
    // As above but the joint pair agrees (covariance +5000): Var = 208.33 + 312.5 = 520.83.
    const rows: Row[] = [
      [0, 0],
      [2, 2],
      [1, null],
      [1, null],
      [null, 1],
      [null, 1],
    ];
    const r = satisfactionIndex(rows, { items: byColumn.slice(0, 2), scale: [0, 2] });
    expect(r.standardError).toBeCloseTo(Math.sqrt(625 / 3 + 312.5), 12);
    expect(relative(r.standardError, Math.sqrt(reference(rows, [0, 2], [1, 1]).variance))).toBeLessThan(1e-14);
  });

  it('a pair answered together by one respondent contributes no covariance (not NaN)', () => {
    // a: 0, 100, 50 (sum of squared deviations 5000, n = 3); b: 100, 0, 50 likewise; one joint respondent.
    // Var = ¼·(3·5000/2)/9 · 2 = 416.67, SE = 20.41.
    const rows: Row[] = [
      [0, 2],
      [2, null],
      [1, null],
      [null, 0],
      [null, 1],
    ];
    const r = satisfactionIndex(rows, { items: byColumn.slice(0, 2), scale: [0, 2] });
    expect(r.standardError).toBeCloseTo(Math.sqrt(1250 / 3), 12);
    expect(r.index).toBe(50);
    // t_{0.975, 2} = 0.95/√(2·0.975·0.025) (closed form for ν = 2): the interval clamps at 0 and 100.
    expect(r.ci).toEqual({ lower: 0, upper: 100 });
    expect(r.complete).toBe(1);
  });

  it('the degrees of freedom come from the least-answered item, wherever it is', () => {
    // a answered 3 times, b 5 times (b last): ν = 2, not 4.
    const rows: Row[] = [
      [3, 3],
      [4, 4],
      [null, 4],
      [3, 3],
      [null, 4],
    ];
    const ref = reference(rows, [1, 5], [1, 1]);
    const se = Math.sqrt(ref.variance);
    const tClosed = (p: number) => (2 * p - 1) / Math.sqrt(2 * p * (1 - p)); // Student t quantile, ν = 2
    for (const [level, t] of [
      [0.95, tClosed(0.975)],
      [0.9, tClosed(0.95)],
    ] as const) {
      const r = satisfactionIndex(rows, { items: byColumn.slice(0, 2), scale: [1, 5], confidenceLevel: level });
      expect(r.confidenceLevel).toBe(level);
      expect(relative(r.standardError, se)).toBeLessThan(1e-13);
      expect(r.ci.lower).toBeGreaterThan(0);
      expect(r.ci.upper).toBeLessThan(100);
      expect(Math.abs(r.ci.lower - (ref.index - t * se))).toBeLessThan(1e-11);
      expect(Math.abs(r.ci.upper - (ref.index + t * se))).toBeLessThan(1e-11);
    }
    // With a least-answered item last, too (b answered 3 times).
    const swapped = rows.map((row) => [row[1] as number | null, row[0] as number | null]);
    const r = satisfactionIndex(swapped, { items: byColumn.slice(0, 2), scale: [1, 5] });
    expect(Math.abs(r.ci.upper - (ref.index + tClosed(0.975) * se))).toBeLessThan(1e-11);
  });

  it('labels, means on the answer scale and equal default weights', () => {
    const rows = [
      { q1: 2, q2: 7, q3: null },
      { q1: 4, q2: 5, q3: 6 },
      { q1: 6, q2: undefined, q3: 4 },
    ];
    const r = satisfactionIndex(rows, { items: ['q1', 'q2', 'q3'], scale: [1, 7], labels: ['x', 'y', 'z'] });
    expect(r.items).toEqual([
      { item: 'x', mean: expect.closeTo(4, 12), score: expect.closeTo(50, 12), weight: 1 / 3, answered: 3, missing: 0 },
      {
        item: 'y',
        mean: expect.closeTo(6, 12),
        score: expect.closeTo(250 / 3, 12),
        weight: 1 / 3,
        answered: 2,
        missing: 1,
      },
      {
        item: 'z',
        mean: expect.closeTo(5, 12),
        score: expect.closeTo(200 / 3, 12),
        weight: 1 / 3,
        answered: 2,
        missing: 1,
      },
    ]);
    expect(r.n).toBe(3);
    expect(r.complete).toBe(1);
    expect(r.index).toBeCloseTo((50 + 250 / 3 + 200 / 3) / 3, 12);
  });
});

// Small integer answers with missing ones; every item answered at least twice.
const answer = fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 4 });
const rowsArb = fc
  .array(fc.tuple(answer, answer, answer), { minLength: 2, maxLength: 25 })
  .filter((rows) => [0, 1, 2].every((k) => rows.filter((r) => r[k] !== null).length >= 2));
const weightArb = fc.tuple(
  fc.integer({ min: 0, max: 9 }),
  fc.integer({ min: 0, max: 9 }),
  fc.integer({ min: 1, max: 9 }),
);

describe('satisfactionIndex: properties against the exact reference', () => {
  test.prop([rowsArb, weightArb], { numRuns: 60 })(
    'index, standard error, interval, scores and counts match the documented formula',
    (rows, weights) => {
      const ref = reference(rows, [0, 6], weights);
      const r = satisfactionIndex(rows, { items: byColumn, scale: [0, 6], weights });
      expect(Math.abs(r.index - ref.index)).toBeLessThan(1e-10);
      const se = Math.sqrt(Math.max(0, ref.variance));
      expect(Math.abs(r.standardError - se)).toBeLessThan(1e-9 * Math.max(1, se));
      expect(r.items.map((item) => item.answered)).toEqual(ref.answered);
      expect(r.items.map((item) => item.missing)).toEqual(ref.answered.map((c) => rows.length - c));
      expect(r.complete).toBe(rows.filter((row) => row.every((v) => v !== null)).length);
      r.items.forEach((item, k) => {
        expect(Math.abs(item.score - (ref.scores[k] as number))).toBeLessThan(1e-10);
        expect(item.weight).toBeCloseTo((weights[k] as number) / (weights[0] + weights[1] + weights[2]), 14);
      });
      expect(r.ci.lower).toBeLessThanOrEqual(r.index);
      expect(r.ci.upper).toBeGreaterThanOrEqual(r.index);
      if (se === 0) expect(r.ci).toEqual({ lower: r.index, upper: r.index });
    },
  );
});
