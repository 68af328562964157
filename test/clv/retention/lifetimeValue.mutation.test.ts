// Written for the mutants of src/clv/retention/lifetimeValue.ts that survived a Stryker run (see docs/testing.md):
// the periods check, the length of the table for infinite horizons, every field of every row, and overflowing margins.
import { describe, expect, it } from 'vitest';
import type { LifetimeValueInput } from '../../../src/clv/index.js';
import { lifetimeValue } from '../../../src/clv/index.js';
import { fc, test } from '../../support/property.js';
import { thrown } from '../../support/thrown.js';

/** x^k by repeated multiplication (k a small whole number ≥ 0). */
function power(x: number, k: number): number {
  let out = 1;
  for (let i = 0; i < k; i++) out *= x;
  return out;
}

function close(actual: number, expected: number, scale: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(scale)));
}

describe('lifetimeValue: periods must be a whole number ≥ 1 or Infinity', () => {
  it.each([
    [0, '0'],
    [1.5, '1.5'],
    [-1, '-1'],
    ['3', 'the string "3"'],
    [Number.NaN, 'NaN'],
  ])('%s', (periods, shown) => {
    const error = thrown(() => lifetimeValue({ margin: 1, retentionRate: 0.5, discountRate: 0.1, periods } as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'periods']);
    expect(error.message).toBe(`input.periods: expected a whole number ≥ 1 or Infinity, got ${shown}`);
  });
});

describe('lifetimeValue: every row of a finite table, against period-by-period cash flows', () => {
  test.prop([
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: -200, max: 200 }),
    fc.constantFrom(0, 0.3, 0.5, 0.9, 1),
    fc.constantFrom(0, 0.1, 0.25),
    fc.constantFrom(-1, -0.5, 0, 0.1, 0.7),
    fc.constantFrom(0, 5),
    fc.constantFrom(0, 3),
    fc.constantFrom(0, 40),
    fc.constantFrom('end' as const, 'start' as const),
  ])('rows and value', (periods, m, r, d, g, c, v, a, timing) => {
    const input: LifetimeValueInput = {
      margin: m,
      retentionRate: r,
      discountRate: d,
      periods,
      marginGrowth: g,
      retentionCost: c,
      referralValue: v,
      acquisitionCost: a,
      timing,
    };
    const result = lifetimeValue(input);
    expect(result.horizon).toBe(periods);
    expect(result.tableComplete).toBe(true);
    expect(result.tableRemainder).toBe(0);
    expect(result.periods).toHaveLength(periods + 1);
    expect(result.periods[0]).toEqual({
      period: 0,
      time: 0,
      survival: 1,
      margin: 0,
      referral: 0,
      cost: a,
      discountFactor: 1,
      presentValue: 0 - a, // +0, not −0, without an acquisition cost
    });
    let total = -a;
    for (let t = 1; t <= periods; t++) {
      const time = timing === 'end' ? t : t - 1;
      const survival = power(r, time);
      const margin = m * power(1 + g, t - 1);
      const discount = 1 / power(1 + d, time);
      const pv = survival * (margin + v - c) * discount;
      total += pv;
      const row = result.periods[t];
      expect(row?.period).toBe(t);
      expect(row?.time).toBe(time);
      close(row?.survival as number, survival, 1);
      close(row?.margin as number, margin, margin);
      expect(row?.referral).toBe(v);
      expect(row?.cost).toBe(c);
      close(row?.discountFactor as number, discount, 1);
      close(row?.presentValue as number, pv, Math.abs(margin) + v + c);
    }
    close(result.value, total, Math.abs(m) * power(1.7, periods) + 50 * periods + a);
  });

  it('a margin of −0 is listed as +0', () => {
    const result = lifetimeValue({ margin: -0, retentionRate: 0.5, discountRate: 0.1, periods: 2, marginGrowth: 0.5 });
    expect(Object.is(result.periods[1]?.margin, 0)).toBe(true);
    expect(Object.is(result.periods[2]?.margin, 0)).toBe(true);
  });

  it('margins 100·1.5^(t−1) at r = 1, d = 0', () => {
    const result = lifetimeValue({ margin: 100, retentionRate: 1, discountRate: 0, periods: 4, marginGrowth: 0.5 });
    expect(result.periods.map((row) => row.margin)).toEqual([0, 100, 150, 225, 337.5]);
    expect(result.value).toBeCloseTo(812.5, 10);
  });
});

describe('lifetimeValue: where the table of an infinite horizon stops', () => {
  // The table stops at the first n ≥ 1 with Σ_{t>n} |PV_t| ≤ tolerance · (Σ_t |PV_t| + acquisitionCost).
  it('an acquisition cost counts in the gross value', () => {
    // PV_t = 4·0.5^t: Σ_{t>n} = 4·0.5^n, Σ = 4, gross = 4 + 3 = 7; 4·2^−n ≤ 7/1024 first holds at n = 10.
    const result = lifetimeValue(
      { margin: 4, retentionRate: 0.5, discountRate: 0, acquisitionCost: 3 },
      { tableTolerance: 2 ** -10 },
    );
    expect(4 * 2 ** -9 > 7 * 2 ** -10).toBe(true);
    expect(4 * 2 ** -10 <= 7 * 2 ** -10).toBe(true);
    expect(result.periods).toHaveLength(11);
    expect(result.tableComplete).toBe(false);
    close(result.tableRemainder, 4 * 2 ** -10, 1);
    close(result.value, 1, 1);
  });

  it('a growing margin alone', () => {
    // q = 0.8·1.05/1.1; the tail after n is gross·q^n, so n is the first with q^n ≤ 1e-12.
    const q = (0.8 * 1.05) / 1.1;
    let n = 1;
    while (q ** n > 1e-12) n++;
    expect(n).toBe(103);
    const result = lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, marginGrowth: 0.05 });
    expect(result.periods).toHaveLength(n + 1);
    close(result.value, (100 * 0.8) / (1.1 - 0.8 * 1.05), 300);
    const row = result.periods[n];
    close(row?.presentValue as number, (100 * 0.8 * q ** (n - 1)) / 1.1, 1);
  });

  it('a decaying margin at r = 1, d = 0: value 20, the table stops after 40 periods', () => {
    // PV_t = 10·0.5^(t−1): Σ = 20, Σ_{t>n} = 20·0.5^n ≤ 20e-12 first at n = 40.
    const result = lifetimeValue({ margin: 10, retentionRate: 1, discountRate: 0, marginGrowth: -0.5 });
    expect(result.value).toBeCloseTo(20, 12);
    expect(result.periods).toHaveLength(41);
    expect(result.periods[40]?.presentValue).toBeCloseTo(10 * 0.5 ** 39, 20);
    expect(result.periods[40]?.margin).toBe(10 * 0.5 ** 39);
  });

  it('nothing to value at r = 1, d = 0: one period', () => {
    const result = lifetimeValue({ margin: 0, retentionRate: 1, discountRate: 0 });
    expect(result.value).toBe(0);
    expect(result.periods).toHaveLength(2);
    expect(result.tableComplete).toBe(false);
    expect(result.tableRemainder).toBe(0);
    expect(result.periods[1]?.presentValue).toBe(0);
  });

  it('a zero margin with a huge growth rate does not disturb the referral flows', () => {
    // Only the referral value 1 counts: PV_t = (0.9/1.1)^t, the tail after n is gross·q^n with q = 0.9/1.1.
    const q = 0.9 / 1.1;
    let n = 1;
    while (q ** n > 1e-12) n++;
    expect(n).toBe(138);
    const result = lifetimeValue({
      margin: 0,
      retentionRate: 0.9,
      discountRate: 0.1,
      marginGrowth: 1e6,
      referralValue: 1,
    });
    close(result.value, 0.9 / 0.2, 5);
    expect(result.periods).toHaveLength(n + 1);
    for (let t = 1; t <= n; t++) {
      const row = result.periods[t];
      expect(row?.margin).toBe(0);
      close(row?.presentValue as number, q ** t, 1);
    }
  });
});

describe('lifetimeValue: a grown margin beyond the largest double', () => {
  it('stops the table before that period and reports the rest in tableRemainder', () => {
    // margin (1 + 1e6)^(t−1) overflows first at t = 53; PV_t = q^(t−1)/(1 + 1e7) with q = (1 + 1e6)/(1 + 1e7).
    expect(Number.isFinite((1 + 1e6) ** 51)).toBe(true);
    expect(Number.isFinite((1 + 1e6) ** 52)).toBe(false);
    const result = lifetimeValue({ margin: 1, retentionRate: 1, discountRate: 1e7, marginGrowth: 1e6, periods: 100 });
    expect(result.horizon).toBe(100);
    expect(result.periods).toHaveLength(53);
    expect(result.tableComplete).toBe(false);
    const logQ = Math.log(1 + 1e6) - Math.log(1 + 1e7);
    let remainder = 0;
    for (let t = 53; t <= 100; t++) remainder += Math.exp((t - 1) * logQ) / (1 + 1e7);
    expect(Math.abs(result.tableRemainder - remainder)).toBeLessThanOrEqual(1e-9 * remainder);
    close(result.value * 9e6, 1, 1);
    expect(Math.abs((result.periods[52]?.margin as number) - (1 + 1e6) ** 51)).toBeLessThanOrEqual(
      1e-12 * (1 + 1e6) ** 51,
    );
  });
});
