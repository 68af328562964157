import { describe, expect, it } from 'vitest';
import { type LifetimeValueInput, lifetimeValue } from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';

interface FullInput {
  margin: number;
  retentionRate: number;
  discountRate: number;
  periods: number;
  marginGrowth: number;
  retentionCost: number;
  acquisitionCost: number;
  referralValue: number;
  timing: 'end' | 'start';
}

/** Independent reference: the defining sum, term by term (no closed form). */
function bruteForce(input: FullInput): number {
  const { margin, retentionRate: r, discountRate: d, marginGrowth: g, retentionCost: c, referralValue: v } = input;
  let sum = -input.acquisitionCost;
  for (let t = 1; t <= input.periods; t++) {
    const time = input.timing === 'end' ? t : t - 1;
    sum += (r ** time * (margin * (1 + g) ** (t - 1) + v - c)) / (1 + d) ** time;
  }
  return sum;
}

function expectCodeAndMessage(run: () => unknown, code: string, message: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CrmAnalyticsError);
  expect((thrown as CrmAnalyticsError).code).toBe(code);
  expect((thrown as CrmAnalyticsError).message).toMatch(message);
}

function relClose(a: number, b: number, rel: number, abs = 1e-9): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b))));
}

describe('lifetimeValue: published closed forms (Gupta & Lehmann 2003, J. Interactive Marketing 17(1))', () => {
  it('infinite horizon, end timing: m·r/(1 + i − r)', () => {
    // m = 100, r = 0.8, i = 0.1: 100 · 0.8/0.3 = 266.67
    expect(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }).value).toBeCloseTo(800 / 3, 10);
    // m = 1, r = 0.9, i = 0.1: the margin multiple 4.5
    expect(lifetimeValue({ margin: 1, retentionRate: 0.9, discountRate: 0.1 }).value).toBeCloseTo(4.5, 12);
  });

  it('infinite horizon, start timing: m·(1 + i)/(1 + i − r)', () => {
    expect(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, timing: 'start' }).value).toBeCloseTo(
      110 / 0.3,
      10,
    );
  });

  it('margin growth: m·r/(1 + i − r(1 + g))', () => {
    // 100 · 0.8 / (1.1 − 0.84) = 307.6923
    const v = lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, marginGrowth: 0.05 }).value;
    expect(v).toBeCloseTo(80 / 0.26, 9);
  });

  it('finite horizon: m·r/(1+i−r)·(1 − (r/(1+i))^T)', () => {
    const T = 5;
    const expected = ((100 * 0.8) / 0.3) * (1 - (0.8 / 1.1) ** T);
    expect(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: T }).value).toBeCloseTo(
      expected,
      10,
    );
  });

  it('acquisition cost is subtracted once, undiscounted (prospects), leaving current customers unchanged', () => {
    const base = lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }).value;
    expect(
      lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, acquisitionCost: 150 }).value,
    ).toBeCloseTo(base - 150, 10);
  });
});

describe('lifetimeValue: worked examples by hand', () => {
  it('three years, margin 100, retention 80%, discount 10% → 164.0872', () => {
    // 100·0.8/1.1 + 100·0.64/1.21 + 100·0.512/1.331 = 72.7273 + 52.8926 + 38.4673
    const result = lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 3 });
    expect(result.value).toBeCloseTo(164.0871525, 6);
    expect(result.periods.map((p) => Number(p.presentValue.toFixed(4)))).toEqual([0, 72.7273, 52.8926, 38.4673]);
    expect(result.periods.map((p) => Number(p.survival.toFixed(3)))).toEqual([1, 0.8, 0.64, 0.512]);
    expect(result.tableComplete).toBe(true);
    expect(result.tableRemainder).toBe(0);
  });

  it('two years with retention cost 10, referral value 5 and acquisition cost 50 → 69.3388', () => {
    // −50 + 0.8·(100 + 5 − 10)/1.1 + 0.64·95/1.21 = −50 + 69.0909 + 50.2479
    const result = lifetimeValue({
      margin: 100,
      retentionRate: 0.8,
      discountRate: 0.1,
      periods: 2,
      retentionCost: 10,
      referralValue: 5,
      acquisitionCost: 50,
    });
    expect(result.value).toBeCloseTo(69.338843, 6);
    expect(result.periods[0]).toEqual({
      period: 0,
      time: 0,
      survival: 1,
      margin: 0,
      referral: 0,
      cost: 50,
      discountFactor: 1,
      presentValue: -50,
    });
  });

  it('start timing: the first period is certain and undiscounted, growth applies from period 2', () => {
    // 100 + 0.8·110/1.1 = 180
    const result = lifetimeValue({
      margin: 100,
      retentionRate: 0.8,
      discountRate: 0.1,
      periods: 2,
      marginGrowth: 0.1,
      timing: 'start',
    });
    expect(result.value).toBeCloseTo(180, 10);
    expect(result.periods[1]).toMatchObject({ time: 0, survival: 1, discountFactor: 1, presentValue: 100 });
  });
});

describe('lifetimeValue: edge cases', () => {
  it('r = 0 with end timing is 0 (the first margin is already weighted by r)', () => {
    expect(lifetimeValue({ margin: 100, retentionRate: 0, discountRate: 0.1 }).value).toBe(0);
  });

  it('r = 0 with start timing is exactly the first period’s net flow', () => {
    const v = lifetimeValue({
      margin: 100,
      retentionRate: 0,
      discountRate: 0.1,
      timing: 'start',
      referralValue: 7,
      retentionCost: 3,
    }).value;
    expect(v).toBe(104);
  });

  it('r = 1, d = 0, finite horizon: T × margin', () => {
    expect(lifetimeValue({ margin: 25, retentionRate: 1, discountRate: 0, periods: 12 }).value).toBe(300);
  });

  it('r = 1, d = 0, infinite horizon diverges', () => {
    expectCodeAndMessage(
      () => lifetimeValue({ margin: 25, retentionRate: 1, discountRate: 0 }),
      'DIVERGENT',
      /input\.retentionRate: the infinite-horizon series diverges/,
    );
  });

  it('r(1+g) ≥ 1 + d diverges, naming the growth and saying why', () => {
    expectCodeAndMessage(
      () => lifetimeValue({ margin: 100, retentionRate: 0.9, discountRate: 0.1, marginGrowth: 0.25 }),
      'DIVERGENT',
      /input\.marginGrowth: the infinite-horizon series diverges: retentionRate·\(1 \+ marginGrowth\) = 1\.125 is not below 1 \+ discountRate = 1\.1/,
    );
    // the boundary itself: r(1+g) = 1 + d exactly
    expect(() => lifetimeValue({ margin: 1, retentionRate: 0.5, discountRate: 0, marginGrowth: 1 })).toThrow(
      /diverges/,
    );
  });

  it('a diverging ratio with nothing to sum is not an error: zero margin gives 0', () => {
    expect(lifetimeValue({ margin: 0, retentionRate: 1, discountRate: 0, marginGrowth: 0.5 }).value).toBe(0);
  });

  it('a diverging growth is fine over a finite horizon', () => {
    const input = { margin: 10, retentionRate: 1, discountRate: 0, marginGrowth: 0.5, periods: 3 };
    expect(lifetimeValue(input).value).toBeCloseTo(10 + 15 + 22.5, 10);
  });

  it('g = −1: only the first margin counts', () => {
    expect(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, marginGrowth: -1 }).value).toBeCloseTo(
      80 / 1.1,
      10,
    );
  });

  it('periods = 1', () => {
    expect(lifetimeValue({ margin: 100, retentionRate: 0.5, discountRate: 0.25, periods: 1 }).value).toBe(40);
  });

  it('negative margins are allowed (an unprofitable customer)', () => {
    expect(lifetimeValue({ margin: -100, retentionRate: 0.8, discountRate: 0.1 }).value).toBeCloseTo(-800 / 3, 10);
  });

  it('huge finite horizons with growth that overflows → DOMAIN_ERROR', () => {
    expectCodeAndMessage(
      () => lifetimeValue({ margin: 1, retentionRate: 1, discountRate: 0, marginGrowth: 1, periods: 5000 }),
      'DOMAIN_ERROR',
      /overflows/,
    );
  });

  it('r close to 1: the finite sum keeps its precision', () => {
    const input = { margin: 1, retentionRate: 1 - 1e-12, discountRate: 0, periods: 1000 };
    relClose(lifetimeValue(input).value, bruteForce({ ...defaults(), ...input }), 1e-12);
  });
});

function defaults(): FullInput {
  return {
    margin: 0,
    retentionRate: 0,
    discountRate: 0,
    periods: 1,
    marginGrowth: 0,
    retentionCost: 0,
    acquisitionCost: 0,
    referralValue: 0,
    timing: 'end',
  };
}

describe('lifetimeValue: the cash-flow table', () => {
  it('infinite horizon: truncated where the tail is below 1e-12 of the value, with the remainder reported', () => {
    const result = lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1 });
    expect(result.tableComplete).toBe(false);
    expect(result.horizon).toBe(Number.POSITIVE_INFINITY);
    // (0.8/1.1)^n ≤ 1e-12 first at n = 87
    expect(result.periods.length).toBe(1 + 87);
    expect(result.tableRemainder).toBeGreaterThan(0);
    expect(result.tableRemainder).toBeLessThanOrEqual(1e-12 * result.value);
    const sum = result.periods.reduce((acc, p) => acc + p.presentValue, 0);
    relClose(sum + result.tableRemainder, result.value, 1e-13);
  });

  it('slowly converging series stop at maxTablePeriods (default 1000)', () => {
    const result = lifetimeValue({ margin: 1, retentionRate: 0.999, discountRate: 0 });
    expect(result.value).toBeCloseTo(999, 9);
    expect(result.periods.length).toBe(1001);
    expect(result.tableRemainder).toBeCloseTo(999 * 0.999 ** 1000, 8);
  });

  it('finite horizons longer than the limit are truncated too; the limit is an option', () => {
    const result = lifetimeValue(
      { margin: 1, retentionRate: 0.9, discountRate: 0, periods: 50 },
      { maxTablePeriods: 10 },
    );
    expect(result.periods.length).toBe(11);
    expect(result.tableComplete).toBe(false);
    const sum = result.periods.reduce((acc, p) => acc + p.presentValue, 0);
    relClose(sum + result.tableRemainder, result.value, 1e-13);
    expect(
      lifetimeValue({ margin: 1, retentionRate: 0.9, discountRate: 0 }, { maxTablePeriods: 0 }).periods,
    ).toHaveLength(1);
  });

  it('a relationship worth nothing still has its first row', () => {
    expect(lifetimeValue({ margin: 0, retentionRate: 0.5, discountRate: 0.1 }).periods).toHaveLength(2);
  });
});

describe('lifetimeValue: bad input', () => {
  const good = { margin: 100, retentionRate: 0.8, discountRate: 0.1 };
  it.each([
    ['retentionRate', -0.1, /input\.retentionRate: expected a number ≥ 0, got -0\.1/],
    ['retentionRate', 1.2, /input\.retentionRate: expected a number ≤ 1, got 1\.2/],
    ['discountRate', -0.01, /input\.discountRate: expected a number ≥ 0, got -0\.01/],
    ['periods', 0, /input\.periods: expected a whole number ≥ 1 or Infinity, got 0/],
    ['periods', 2.5, /input\.periods/],
    ['marginGrowth', -1.5, /input\.marginGrowth/],
    ['retentionCost', -1, /input\.retentionCost/],
    ['acquisitionCost', -1, /input\.acquisitionCost/],
    ['referralValue', -1, /input\.referralValue/],
    ['timing', 'middle', /input\.timing/],
  ])('%s = %s', (field, bad, message) => {
    expectCodeAndMessage(() => lifetimeValue({ ...good, [field]: bad }), 'INVALID_INPUT', message);
  });

  it.each([
    'margin',
    'retentionRate',
    'discountRate',
    'periods',
    'marginGrowth',
    'retentionCost',
    'acquisitionCost',
    'referralValue',
  ])('NaN in %s names the field', (field) => {
    expectCodeAndMessage(
      () => lifetimeValue({ ...good, [field]: Number.NaN }),
      'INVALID_INPUT',
      new RegExp(`input\\.${field}: .*got NaN`),
    );
  });

  it('a misspelt field is rejected, not ignored', () => {
    expectCodeAndMessage(
      () => lifetimeValue({ ...good, retention: 0.9 } as unknown as LifetimeValueInput),
      'INVALID_INPUT',
      /"retention"/,
    );
  });

  it('a missing required field', () => {
    expectCodeAndMessage(
      () => lifetimeValue({ margin: 1, discountRate: 0.1 } as unknown as LifetimeValueInput),
      'INVALID_INPUT',
      /input\.retentionRate: expected a finite number, got nothing/,
    );
  });

  it('bad options', () => {
    expect(() => lifetimeValue(good, { maxTablePeriods: -1 })).toThrow(/options\.maxTablePeriods/);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ ...good, periods: 4, marginGrowth: 0.02, timing: 'start' as const });
    const copy = { ...input };
    lifetimeValue(input);
    expect(input).toEqual(copy);
  });
});

// ---------- properties ----------

const rate = fc.double({ min: 0, max: 1, noNaN: true });
const discount = fc.double({ min: 0, max: 0.5, noNaN: true });
const money = fc.double({ min: 0, max: 1e4, noNaN: true });
const timing = fc.constantFrom<'end' | 'start'>('end', 'start');
const horizon = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constant(Number.POSITIVE_INFINITY));

/** Inputs whose infinite series converge (r < 1 keeps r/(1+d) < 1; growth is kept below the gap). */
const convergent = fc
  .record({
    margin: money,
    retentionRate: fc.double({ min: 0, max: 0.98, noNaN: true }),
    discountRate: discount,
    growthShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    retentionCost: money,
    referralValue: money,
    acquisitionCost: money,
    timing,
    periods: horizon,
  })
  .map(({ growthShare, ...x }) => ({
    ...x,
    // g ≤ 1 with r(1+g) ≤ r + 0.9·(1 + d − r) < 1 + d
    marginGrowth:
      x.retentionRate === 0 ? 0 : Math.min(1, (growthShare * (1 + x.discountRate - x.retentionRate)) / x.retentionRate),
  }));

/** Net flows ≥ 0 in every period (margin ≥ retention cost, no shrinking margins). */
const profitable = convergent.map((x) => ({ ...x, retentionCost: Math.min(x.retentionCost, x.margin) }));

const value = (input: LifetimeValueInput): number => lifetimeValue(input, { maxTablePeriods: 0 }).value;
const slack = (a: number, b: number): number => 1e-9 * (1 + Math.abs(a) + Math.abs(b));

describe('lifetimeValue: properties', () => {
  test.prop([convergent, money])('increases with the margin', (input, extra) => {
    const a = value(input);
    const b = value({ ...input, margin: input.margin + extra });
    expect(b).toBeGreaterThanOrEqual(a - slack(a, b));
  });

  test.prop([profitable, rate])('increases with retention when each period’s net flow is ≥ 0', (input, u) => {
    // the largest retention that keeps r(1 + g) below 1 + d (and below 0.98)
    const rMax = Math.min(0.98, (0.999 * (1 + input.discountRate)) / (1 + input.marginGrowth));
    if (rMax <= input.retentionRate) return;
    const a = value(input);
    const b = value({ ...input, retentionRate: input.retentionRate + u * (rMax - input.retentionRate) });
    expect(b).toBeGreaterThanOrEqual(a - slack(a, b));
  });

  test.prop([profitable, discount])(
    'decreases with the discount rate when each period’s net flow is ≥ 0',
    (input, extra) => {
      const a = value(input);
      const b = value({ ...input, discountRate: input.discountRate + extra });
      expect(b).toBeLessThanOrEqual(a + slack(a, b));
    },
  );

  test.prop([convergent, money, money])('decreases with retention and acquisition costs', (input, dc, da) => {
    const a = value(input);
    const b = value({ ...input, retentionCost: input.retentionCost + dc });
    const c = value({ ...input, acquisitionCost: input.acquisitionCost + da });
    expect(b).toBeLessThanOrEqual(a + slack(a, b));
    relClose(c, a - da, 1e-12, 1e-8 * (1 + Math.abs(a)));
  });

  test.prop([convergent])('a finite horizon tends to the infinite closed form', (input) => {
    const infinite = value({ ...input, periods: Number.POSITIVE_INFINITY });
    const scale = 1 + Math.abs(infinite) + input.acquisitionCost;
    const long = value({ ...input, periods: 20_000 });
    expect(Math.abs(long - infinite)).toBeLessThanOrEqual(1e-8 * scale);
    // and the distance shrinks geometrically: with g = 0, V(∞) − V(T) = q^T·(V(∞) + A)
    const flat = { ...input, marginGrowth: 0, periods: Number.POSITIVE_INFINITY };
    const vInf = value(flat);
    const q = input.retentionRate / (1 + input.discountRate);
    for (const T of [1, 5, 30]) {
      const vT = value({ ...flat, periods: T });
      expect(Math.abs(vInf - vT - q ** T * (vInf + input.acquisitionCost))).toBeLessThanOrEqual(1e-9 * scale);
    }
  });

  test.prop([convergent])(
    'start vs end timing (g = 0): start·r = end·(1 + d), each cash flow is one period earlier (discount × (1 + d)), and over an infinite horizon start = end + the first net flow',
    (input) => {
      const base = { ...input, marginGrowth: 0, acquisitionCost: 0 };
      const end = lifetimeValue({ ...base, timing: 'end' });
      const start = lifetimeValue({ ...base, timing: 'start' });
      const d = input.discountRate;
      const r = input.retentionRate;
      const scale = 1 + Math.abs(start.value) * (1 + d);
      expect(Math.abs(start.value * r - end.value * (1 + d))).toBeLessThanOrEqual(1e-9 * scale);
      const rows = Math.min(end.periods.length, start.periods.length);
      for (let t = 1; t < rows; t++) {
        relClose(
          start.periods[t]?.discountFactor as number,
          (end.periods[t]?.discountFactor as number) * (1 + d),
          1e-12,
        );
      }
      if (input.periods === Number.POSITIVE_INFINITY) {
        const first = input.margin + input.referralValue - input.retentionCost;
        expect(Math.abs(start.value - end.value - first)).toBeLessThanOrEqual(1e-9 * scale);
      }
    },
  );

  test.prop([convergent])('r = 0: end timing gives −A, start timing exactly the first net flow − A', (input) => {
    const zero = { ...input, retentionRate: 0 };
    expect(value({ ...zero, timing: 'end' })).toBe(0 - input.acquisitionCost);
    const start = value({ ...zero, timing: 'start' });
    expect(start).toBeCloseTo(input.margin + input.referralValue - input.retentionCost - input.acquisitionCost, 9);
  });

  test.prop([convergent])('the periods table sums to value (with the remainder of a truncated table)', (input) => {
    const result = lifetimeValue(input);
    let sum = 0;
    for (const row of result.periods) sum += row.presentValue;
    const scale = 1 + result.periods.reduce((acc, p) => acc + Math.abs(p.presentValue), 0);
    expect(Math.abs(sum + result.tableRemainder - result.value)).toBeLessThanOrEqual(1e-10 * scale);
    if (result.tableComplete) expect(result.tableRemainder).toBe(0);
  });

  test.prop([convergent.filter((x) => x.periods !== Number.POSITIVE_INFINITY)])(
    'the closed form agrees with the term-by-term sum',
    (input) => {
      const expected = bruteForce({ ...input, periods: input.periods });
      const got = value(input);
      const scale = 1 + Math.abs(expected) + input.margin * input.periods;
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-10 * scale);
    },
  );
});
