// Tests added for mutation testing (docs/testing.md): the compensated sums of the pareto kernel, checked against exact
// BigInt arithmetic on inputs where an uncompensated sum is off by about 1e-13 (relative), far beyond the tolerance.
import { describe, expect, it } from 'vitest';
import { concentrationSummary, gini, herfindahl, paretoAnalysis } from '../../src/pareto/index.js';
import { cumulativeFromTop, herfindahlOf, scanSorted } from '../../src/pareto/kernel.js';

/** num/den as a double: BigInt long division to 64 significant bits, then one rounding. */
function ratio(num: bigint, den: bigint): number {
  const negative = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  if (a === 0n) return 0;
  // Shift so that the integer quotient has at least 64 bits, whatever the size of the ratio.
  const shift = BigInt(Math.max(0, b.toString(2).length - a.toString(2).length + 64));
  const q = Number((a << shift) / b) / 2 ** Number(shift);
  return negative ? -q : q;
}

function exact(values: number[]): { S: bigint; Q: bigint; W: bigint; n: number } {
  const sorted = [...values].sort((x, y) => x - y).map((v) => BigInt(v));
  const n = sorted.length;
  let S = 0n;
  let Q = 0n;
  let W = 0n;
  sorted.forEach((x, k) => {
    S += x;
    Q += x * x;
    W += BigInt(2 * (k + 1) - n - 1) * x;
  });
  return { S, Q, W, n };
}

const close = (actual: number, expected: number, rel = 1e-15): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

/** One huge value, a group at 2^-27 of it and a group at 2^-52 of it: every running sum loses digits unless
 * compensated (the squares of the middle group fall below half an ulp of the largest square, and so on). */
function adversarial(order: 'ascending' | 'shuffled'): number[] {
  const values: number[] = [2 ** 52];
  for (let i = 0; i < 4096; i++) values.push(2 ** 25, 1);
  values.push(3, 5, 2 ** 30 + 1);
  if (order === 'ascending') return values.sort((a, b) => a - b);
  // A fixed interleaving: the unsorted Herfindahl path reads them in this order.
  return values
    .map((v, i) => [v, (i * 7919) % values.length] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([v]) => v);
}

/** 2^53 + 2 and 8,191 ones (and a 3): every 1 added to the running total is lost unless compensated, in the sum,
 * the scaled sum and the rank-weighted sum of the Gini coefficient. */
function belowTheUlp(order: 'ascending' | 'shuffled'): number[] {
  const values = [2 ** 53 + 2, 3, ...new Array<number>(8191).fill(1)];
  if (order === 'ascending') return values.sort((a, b) => a - b);
  return values
    .map((v, i) => [v, (i * 7919) % values.length] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([v]) => v);
}

/** 3,000 nearly equal values 2^40 + i: the rank-weighted sum of the Gini coefficient cancels to about 1e-10 of its
 * largest partial sums, and its late terms are larger than the running sum, so both Neumaier branches are needed. */
function nearlyEqual(order: 'ascending' | 'shuffled'): number[] {
  const values = Array.from({ length: 3000 }, (_, i) => 2 ** 40 + i);
  if (order === 'ascending') return values;
  return values.map((_, i) => values[(i * 7919) % values.length] as number);
}

describe.each([
  ['nearly equal values', nearlyEqual],
  ['squares below the ulp', adversarial],
  ['terms below the ulp', belowTheUlp],
])('compensated sums of the pareto kernel match exact arithmetic (%s)', (_, input) => {
  const values = input('ascending');
  const { S, Q, W, n } = exact(values);
  const total = Number(S);
  const expectedGini = ratio(W, BigInt(n) * S);
  const expectedHerfindahl = ratio(Q, S * S);

  it('scanSorted: total, top[k], Gini and Herfindahl', () => {
    const scan = scanSorted(new Float64Array(values), true);
    expect(scan.total).toBe(total);
    close(scan.total, ratio(S, 1n));
    close(scan.gini, expectedGini);
    close(scan.herfindahl, expectedHerfindahl);
    // The cumulative value of the top k against exact prefix sums from the top.
    const top = scan.top as Float64Array;
    let acc = 0n;
    for (let k = 1; k <= n; k++) {
      acc += BigInt(values[n - k] as number);
      if (k % 997 === 0 || k === n || k < 5) expect(top[k]).toBe(Number(acc));
    }
  });

  it('cumulativeFromTop: every prefix from the top', () => {
    const top = cumulativeFromTop(new Float64Array(values));
    expect(top[0]).toBe(0);
    let acc = 0n;
    for (let k = 1; k <= n; k++) {
      acc += BigInt(values[n - k] as number);
      expect(top[k]).toBe(Number(acc));
    }
  });

  it('herfindahlOf on unsorted input, and the public functions', () => {
    const shuffled = input('shuffled');
    const h = herfindahlOf(shuffled);
    close(h.index, expectedHerfindahl);
    close(h.normalized, (expectedHerfindahl - 1 / n) / (1 - 1 / n), 1e-13);
    close(herfindahl(shuffled).index, expectedHerfindahl);
    close(gini(shuffled), expectedGini);
    const summary = concentrationSummary(shuffled);
    close(summary.gini, expectedGini);
    expect(summary.total).toBe(total);
    close(paretoAnalysis(shuffled).gini, expectedGini);
    expect(paretoAnalysis(shuffled).total).toBe(total);
  });
});

describe('the pareto kernel on degenerate inputs', () => {
  it('all-equal values and a single customer are exact', () => {
    const equal = scanSorted(new Float64Array([7, 7, 7]), true);
    expect(equal).toEqual({ top: new Float64Array([0, 7, 14, 21]), total: 21, gini: 0, herfindahl: 1 / 3 });
    expect(scanSorted(new Float64Array([5]), false)).toEqual({ top: undefined, total: 5, gini: 0, herfindahl: 1 });
    expect(herfindahlOf([4, 4, 4, 4])).toEqual({ index: 0.25, normalized: 0 });
    expect(herfindahlOf([9])).toEqual({ index: 1, normalized: 0 });
  });
});
