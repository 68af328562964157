import { describe, expect, it } from 'vitest';
import { customerEquity, lifetimeValue } from '../../../src/clv/index.js';
import { CrmAnalyticsError } from '../../../src/core/errors.js';
import { fc, test } from '../../support/property.js';

function errorOf(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError');
}

describe('customerEquity: current customers', () => {
  it('sums the customers’ lifetime values (hand-checked: 266.67 + 225)', () => {
    const result = customerEquity(
      [
        { margin: 100, retentionRate: 0.8 },
        { margin: 50, retentionRate: 0.9 },
      ],
      { discountRate: 0.1 },
    );
    expect(result.currentCustomers).toBeCloseTo(800 / 3 + 225, 9);
    expect(result.futureCohorts).toBe(0);
    expect(result.total).toBe(result.currentCustomers);
    expect(result.newCustomerValue).toBeNull();
    expect(result.customerCount).toBe(2);
    expect(Array.from(result.customerValues)).toEqual([expect.closeTo(800 / 3, 9), expect.closeTo(225, 9)]);
  });

  it('uses shared defaults for the fields a record does not have', () => {
    const result = customerEquity([{ margin: 100 }, {}, { retentionRate: 0.9 }], {
      discountRate: 0.1,
      margin: 40,
      retentionRate: 0.8,
    });
    expect(Array.from(result.customerValues)).toEqual([
      expect.closeTo(800 / 3, 9),
      expect.closeTo(320 / 3, 9),
      expect.closeTo(180, 9),
    ]);
  });

  it('reads per-customer values through accessors (field names or functions)', () => {
    const rows = [
      { id: 'a', profit: 100, keep: 0.8 },
      { id: 'b', profit: 50, keep: 0.9 },
    ];
    const result = customerEquity(rows, {
      discountRate: 0.1,
      fields: { margin: 'profit', retentionRate: (row: { keep: number }) => row.keep },
    });
    expect(result.total).toBeCloseTo(800 / 3 + 225, 9);
  });

  it('each customer with its own horizon, growth, costs and referral value, as lifetimeValue computes them', () => {
    const customers = [
      { margin: 100, retentionRate: 0.8, periods: 3 },
      { margin: 80, retentionRate: 0.7, marginGrowth: 0.05, retentionCost: 10, referralValue: 4 },
    ];
    const result = customerEquity(customers, { discountRate: 0.1, timing: 'start' });
    const expected = customers.map((c) => lifetimeValue({ ...c, discountRate: 0.1, timing: 'start' }).value);
    expect(result.customerValues[0]).toBeCloseTo(expected[0] as number, 12);
    expect(result.customerValues[1]).toBeCloseTo(expected[1] as number, 12);
  });

  it('accepts any iterable and an empty base', () => {
    const set = new Set([{ margin: 100, retentionRate: 0.8 }]);
    expect(customerEquity(set, { discountRate: 0.1 }).total).toBeCloseTo(800 / 3, 9);
    expect(customerEquity([], { discountRate: 0.1 }).total).toBe(0);
  });
});

describe('customerEquity: future cohorts', () => {
  it('one cohort of 10 prospects, half acquired next period (hand-checked)', () => {
    const result = customerEquity([], {
      discountRate: 0.1,
      margin: 100,
      retentionRate: 0.8,
      futureCohorts: { prospects: 10, acquisitionRate: 0.5, cohorts: 1 },
    });
    // 10 · 0.5 · 266.67 / 1.1
    expect(result.newCustomerValue).toBeCloseTo(800 / 3, 9);
    expect(result.futureCohorts).toBeCloseTo((5 * 800) / 3 / 1.1, 9);
  });

  it('Blattberg & Deighton (1996): per prospect a·m − A + a·m·r/(1+d−r) with start timing', () => {
    // a = 0.2 acquisition rate, A = 30 per prospect, m = 100, r = 0.75, d = 0.15, one cohort acquired at time 1
    const a = 0.2;
    const A = 30;
    const perProspect = a * 100 - A + (a * 100 * 0.75) / (1.15 - 0.75);
    const result = customerEquity([], {
      discountRate: 0.15,
      margin: 100,
      retentionRate: 0.75,
      timing: 'start',
      futureCohorts: { prospects: 1, acquisitionRate: a, acquisitionCostPerProspect: A, cohorts: 1 },
    });
    expect(result.futureCohorts * 1.15).toBeCloseTo(perProspect, 9);
  });

  it('infinitely many cohorts: a perpetuity V/d, or a growing one V/(d − γ)', () => {
    const base = { discountRate: 0.1, margin: 100, retentionRate: 0.8 };
    const perCohort = (10 * 0.5 * 800) / 3;
    const flat = customerEquity([], { ...base, futureCohorts: { prospects: 10, acquisitionRate: 0.5 } });
    expect(flat.futureCohorts).toBeCloseTo(perCohort / 0.1, 7);
    const growing = customerEquity([], {
      ...base,
      futureCohorts: { prospects: 10, acquisitionRate: 0.5, prospectGrowth: 0.04 },
    });
    expect(growing.futureCohorts).toBeCloseTo(perCohort / 0.06, 6);
  });

  it('finite cohorts with growth agree with the term-by-term sum', () => {
    const result = customerEquity([{ margin: 10, retentionRate: 0.5 }], {
      discountRate: 0.08,
      margin: 60,
      retentionRate: 0.7,
      futureCohorts: {
        prospects: 200,
        acquisitionRate: 0.1,
        acquisitionCostPerProspect: 3,
        prospectGrowth: 0.03,
        cohorts: 7,
      },
    });
    const clvNew = (60 * 0.7) / (1.08 - 0.7);
    let expected = 0;
    for (let k = 1; k <= 7; k++) expected += (200 * 1.03 ** (k - 1) * (0.1 * clvNew - 3)) / 1.08 ** k;
    expect(result.futureCohorts).toBeCloseTo(expected, 9);
    expect(result.total).toBeCloseTo(expected + 10 * (0.5 / 0.58), 9);
  });

  it('cohort economics can differ from the shared defaults', () => {
    const result = customerEquity([], {
      discountRate: 0.1,
      margin: 100,
      retentionRate: 0.8,
      futureCohorts: { prospects: 1, acquisitionRate: 1, cohorts: 1, retentionRate: 0.9, margin: 10 },
    });
    expect(result.newCustomerValue).toBeCloseTo(45, 9);
  });

  it('infinitely many cohorts without discounting diverge', () => {
    const error = errorOf(() =>
      customerEquity([], {
        discountRate: 0,
        margin: 1,
        retentionRate: 0.5,
        futureCohorts: { prospects: 1, acquisitionRate: 1 },
      }),
    );
    expect(error.code).toBe('DIVERGENT');
    expect(error.message).toMatch(/options\.futureCohorts\.cohorts: an infinite number of cohorts has no finite value/);
  });
});

describe('customerEquity: bad input', () => {
  it('names the record and field', () => {
    const error = errorOf(() =>
      customerEquity(
        [
          { margin: 1, retentionRate: 0.5 },
          { margin: 1, retentionRate: 1.5 },
        ],
        { discountRate: 0.1 },
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('customers[1].retentionRate: expected a finite number in [0, 1], got 1.5');
    expect(error.index).toBe(1);
  });

  it('a missing value with no shared default', () => {
    const error = errorOf(() => customerEquity([{ retentionRate: 0.5 }], { discountRate: 0.1 }));
    expect(error.message).toMatch(
      /customers\[0\]\.margin: expected a finite number, got undefined \(and no shared default margin/,
    );
  });

  it('NaN in a record, a non-number, an accessor that throws', () => {
    expect(
      errorOf(() => customerEquity([{ margin: Number.NaN, retentionRate: 0.5 }], { discountRate: 0.1 })).message,
    ).toMatch(/customers\[0\]\.margin: expected a finite number, got NaN/);
    expect(errorOf(() => customerEquity([{ margin: '5', retentionRate: 0.5 }], { discountRate: 0.1 })).message).toMatch(
      /customers\[0\]\.margin: expected a finite number, got the string "5"/,
    );
    const throwing = () => {
      throw new Error('boom');
    };
    expect(errorOf(() => customerEquity([{}], { discountRate: 0.1, fields: { margin: throwing } })).message).toMatch(
      /customers\[0\]\.margin: reading the value threw \(boom\)/,
    );
  });

  it('a customer whose series diverges is named', () => {
    const error = errorOf(() => customerEquity([{ margin: 1, retentionRate: 1 }], { discountRate: 0 }));
    expect(error.code).toBe('DIVERGENT');
    expect(error.message).toMatch(/^customers\[0\]\.retentionRate:/);
  });

  it('bad options: negative or NaN discount rate, unknown option, not iterable', () => {
    expect(errorOf(() => customerEquity([], { discountRate: -0.1 })).message).toMatch(/options\.discountRate/);
    expect(errorOf(() => customerEquity([], { discountRate: Number.NaN })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => customerEquity([], { discountRate: 0.1, retention: 1 } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => customerEquity(42 as never, { discountRate: 0.1 })).code).toBe('INVALID_INPUT');
  });

  it('does not mutate its input', () => {
    const customers = Object.freeze([Object.freeze({ margin: 100, retentionRate: 0.8 })]);
    const options = Object.freeze({ discountRate: 0.1 });
    customerEquity(customers, options);
    expect(customers).toEqual([{ margin: 100, retentionRate: 0.8 }]);
  });
});

describe('customerEquity: properties', () => {
  const customer = fc.record({
    margin: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    retentionRate: fc.double({ min: 0, max: 0.99, noNaN: true }),
  });
  const base = fc.array(customer, { maxLength: 30 });
  const d = fc.double({ min: 0, max: 0.5, noNaN: true });

  test.prop([base, d])('equals the sum of lifetimeValue over the customers', (customers, discountRate) => {
    const result = customerEquity(customers, { discountRate });
    let expected = 0;
    for (const c of customers) expected += lifetimeValue({ ...c, discountRate }).value;
    const scale = 1 + customers.reduce((acc, c) => acc + Math.abs(c.margin) * 100, 0);
    expect(Math.abs(result.total - expected)).toBeLessThanOrEqual(1e-10 * scale);
  });

  test.prop([base, base, d])('is additive over customer bases and invariant to their order', (a, b, discountRate) => {
    const whole = customerEquity([...a, ...b], { discountRate }).total;
    const parts = customerEquity(a, { discountRate }).total + customerEquity(b, { discountRate }).total;
    const reversed = customerEquity([...b, ...a].reverse(), { discountRate }).total;
    const scale = 1 + [...a, ...b].reduce((acc, c) => acc + Math.abs(c.margin) * 100, 0);
    expect(Math.abs(whole - parts)).toBeLessThanOrEqual(1e-10 * scale);
    expect(Math.abs(whole - reversed)).toBeLessThanOrEqual(1e-10 * scale);
  });
});
