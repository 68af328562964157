// Tests added for mutation testing (docs/testing.md): the wording of the pareto input errors and exact values of the
// fast paths, which the behavioural tests (error codes, properties) left open.
import { describe, expect, it } from 'vitest';
import { gini, herfindahl, lorenzCurve, paretoAnalysis } from '../../src/pareto/index.js';
import { expectCode } from './arbitraries.js';

describe('pareto input errors name the value and the fix', () => {
  it('a total of 0', () => {
    const error = expectCode(() => gini([0, 0]), 'DOMAIN_ERROR');
    expect(error.message).toBe(
      'values: the total value is 0, so value shares (Lorenz curve, Gini, ABC classes) are undefined',
    );
    expect(error.path).toEqual(['values']);
  });

  it('bigint typed arrays', () => {
    const error = expectCode(() => gini(new BigInt64Array(2) as unknown as number[]), 'INVALID_INPUT');
    expect(error.message).toBe('values: expected an array of numbers (not bigints), got an object');
    expectCode(() => herfindahl(new BigUint64Array(1) as unknown as number[]), 'INVALID_INPUT');
  });

  it('a negative value points to the clamp option, with its position', () => {
    const error = expectCode(() => gini([3, -1]), 'INVALID_INPUT');
    expect(error.message).toBe("values[1]: expected a finite number ≥ 0 (or set options.negative to 'clamp'), got -1");
    expect(error.path).toEqual(['values', 1]);
    const typed = expectCode(() => gini(new Float64Array([2, -1])), 'INVALID_INPUT');
    expect(typed.path).toEqual(['values', 1]);
    expect(typed.message).toContain("options.negative to 'clamp'");
    const record = expectCode(() => gini([{ v: 1 }, { v: -2 }], { value: 'v' }), 'INVALID_INPUT');
    expect(record.message).toBe(
      "customers[1].v: expected a finite number ≥ 0 (or set options.negative to 'clamp'), got -2",
    );
  });

  it('a value that is not a finite number', () => {
    expect(expectCode(() => gini([1, Number.NaN]), 'INVALID_INPUT').message).toBe(
      'values[1]: expected a finite number, got NaN',
    );
    expect(expectCode(() => gini(new Float64Array([1, Number.POSITIVE_INFINITY])), 'INVALID_INPUT').path).toEqual([
      'values',
      1,
    ]);
    const record = expectCode(
      () => gini([{ v: 'x' }] as unknown as { v: number }[], { value: (r) => r.v }),
      'INVALID_INPUT',
    );
    expect(record.message).toBe('customers[0].value: expected a finite number, got the string "x"');
  });

  it('empty input, with the item name', () => {
    expect(expectCode(() => gini([]), 'EMPTY_INPUT').message).toBe('values: expected at least 1 value, got none');
    expect(expectCode(() => gini(new Float64Array(0)), 'EMPTY_INPUT').message).toBe(
      'values: expected at least 1 value, got none',
    );
    expect(expectCode(() => gini([] as { v: number }[], { value: 'v' }), 'EMPTY_INPUT').message).toBe(
      'customers: expected at least 1 customer, got none',
    );
  });

  it('a bad value accessor', () => {
    const error = expectCode(() => gini([{ v: 1 }], { value: '' as 'v' }), 'INVALID_OPTION');
    expect(error.message).toBe(
      'options.value: expected a field name or a function (record, index) => value, got the string ""',
    );
    expectCode(() => gini([1], { value: 3 as unknown as 'v' } as never), 'INVALID_OPTION');
  });
});

describe('pareto values: clamping and zeros', () => {
  it("clamps negatives to 0 with negative: 'clamp' for arrays, typed arrays and records", () => {
    // [0, 2, 0]: G = Σ(2i − n − 1)x_(i) / (nΣx) = (2·3 − 4)·2 / (3·2) = 2/3
    expect(gini([-2, 2, -0], { negative: 'clamp' })).toBe(2 / 3);
    expect(gini(new Float64Array([-2, 2, -0]), { negative: 'clamp' })).toBe(2 / 3);
    expect(gini([{ v: -2 }, { v: 2 }, { v: 0 }], { value: 'v', negative: 'clamp' })).toBe(2 / 3);
  });

  it('reads typed arrays of other element types', () => {
    expect(herfindahl(new Int8Array([1, 3, 6])).index).toBeCloseTo(0.46, 15);
    expect(herfindahl(new Uint8Array([0, 0, 5])).index).toBe(1);
  });

  it('herfindahl of [1, 3, 6]: H = (1 + 9 + 36)/100, normalized (H − 1/3)/(2/3), 1/H', () => {
    const result = herfindahl([1, 3, 6]);
    expect(result.index).toBeCloseTo(0.46, 15);
    expect(result.normalized).toBeCloseTo(0.19, 15);
    expect(result.equivalentCount).toBeCloseTo(1 / 0.46, 12);
    expect(result.count).toBe(3);
  });
});

describe('lorenzCurve: exact points', () => {
  it('all vertices of [6, 1, 3]', () => {
    expect(lorenzCurve([6, 1, 3])).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1 / 3, valueShare: 0.1 },
      { customerShare: 2 / 3, valueShare: 0.4 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });

  it('steps interpolate between customers', () => {
    const points = lorenzCurve([1, 3, 6], { steps: 4 });
    expect(points.map((p) => p.customerShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const shares = points.map((p) => p.valueShare);
    // position j·n/steps: 0.75 → 0.75·1; 1.5 → 1 + 0.5·3; 2.25 → 4 + 0.25·6; over a total of 10
    expect(shares[0]).toBe(0);
    expect(shares[1]).toBeCloseTo(0.075, 15);
    expect(shares[2]).toBeCloseTo(0.25, 15);
    expect(shares[3]).toBeCloseTo(0.55, 15);
    expect(shares[4]).toBe(1);
    expect(lorenzCurve([5], { steps: 1 })).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });

  it('the compensated running sum keeps a small value next to huge ones', () => {
    // Exact total 2e16 + 3 rounds to 2e16 + 4; a plain running sum loses the 1 (1 + 1e16 → 1e16) and gives 2e16.
    const points = lorenzCurve([1e16 + 2, 1, 1e16]);
    expect(points[1]?.valueShare).toBe(1 / (2e16 + 4));
    expect(points[2]?.valueShare).toBe(1e16 / (2e16 + 4));
  });
});

describe('pareto values: paths and normalization', () => {
  it('names values or customers in errors about the whole input', () => {
    expect(expectCode(() => gini(5 as unknown as number[]), 'INVALID_INPUT').message).toBe(
      'values: expected an array or iterable of records, got 5',
    );
    expect(expectCode(() => gini(5 as unknown as { v: number }[], { value: 'v' }), 'INVALID_INPUT').message).toBe(
      'customers: expected an array or iterable of records, got 5',
    );
    expect(expectCode(() => gini(new Float64Array([0, 0])), 'DOMAIN_ERROR').path).toEqual(['values']);
    expect(expectCode(() => gini([{ v: 0 }], { value: 'v' }), 'DOMAIN_ERROR').message).toBe(
      'customers: the total value is 0, so value shares (Lorenz curve, Gini, ABC classes) are undefined',
    );
  });

  it('rejects an infinite value read from a record, and a throwing accessor, at its position', () => {
    const infinite = expectCode(
      () => gini([{ v: 1 }, { v: Number.POSITIVE_INFINITY }], { value: 'v' }),
      'INVALID_INPUT',
    );
    expect(infinite.message).toBe('customers[1].v: expected a finite number, got Infinity');
    const getter = {
      get v(): number {
        throw new Error('boom');
      },
    };
    const throwing = expectCode(() => gini([getter], { value: 'v' }), 'INVALID_INPUT');
    expect(throwing.message).toBe('customers[0].v: reading the value threw (boom)');
    expect(throwing.path).toEqual(['customers', 0, 'v']);
  });

  it('reads −0 as +0, so that the radix sort (n ≥ 4096) puts it first', () => {
    // −0 has the sign bit set: unnormalized, the bit-pattern sort would order it after every positive value.
    const ones = new Array<number>(5000).fill(1);
    ones[0] = -0;
    expect(lorenzCurve(ones)[1]?.valueShare).toBe(0);
    expect(lorenzCurve(new Float64Array(ones))[1]?.valueShare).toBe(0);
    expect(
      lorenzCurve(
        ones.map((v) => ({ v })),
        { value: 'v' },
      )[1]?.valueShare,
    ).toBe(0);
  });

  it('paretoAnalysis queries take a fraction or share from 0 to 1', () => {
    const analysis = paretoAnalysis([1, 3, 6]);
    expect(expectCode(() => analysis.topShare(1.5), 'INVALID_INPUT').message).toBe(
      'fraction: expected a number from 0 to 1, got 1.5',
    );
    expect(expectCode(() => analysis.customersForShare(-0.1), 'INVALID_INPUT').path).toEqual(['share']);
    expectCode(() => analysis.topShare(Number.NaN), 'INVALID_INPUT');
    expectCode(() => analysis.topShare('0.5' as unknown as number), 'INVALID_INPUT');
  });
});

describe('lorenzCurve: compensated sums', () => {
  it('cumulative values are the correctly rounded exact sums of the doubles (Python fractions)', () => {
    // float(sum(map(Fraction, xs[:k]))) / float(sum(map(Fraction, xs))); the sum ≥ x branch of Neumaier's step matters
    const shares = lorenzCurve([0.7, 0.3, 0.1, 0.3, 0.2]).map((p) => p.valueShare);
    expect(shares).toEqual([0, 0.06250000000000001, 0.18750000000000006, 0.375, 0.5625000000000001, 1]);
  });
});
