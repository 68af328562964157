// Written for the mutants of src/clv/retention/customerEquity.ts that survived Stryker (see docs/testing.md): every
// validation branch with its exact code and message, and the results against explicit discounted sums.
import { describe, expect, it } from 'vitest';
import { type CustomerEquityOptions, customerEquity } from '../../../src/clv/index.js';
import { thrown } from '../../support/thrown.js';

/** The largest double below x (x > 0). */
function nextDown(x: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = (bits[0] as bigint) - 1n;
  return new Float64Array(bits.buffer)[0] as number;
}

interface Economics {
  margin: number;
  retentionRate: number;
  discountRate: number;
  periods?: number;
  marginGrowth?: number;
  retentionCost?: number;
  referralValue?: number;
  start?: boolean;
}

/** CLV as an explicit sum of the discounted period values (end of period: survival r^t, discount (1+d)^t). */
function clv(e: Economics): number {
  const periods = e.periods ?? Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let t = 1; t <= Math.min(periods, 20_000); t++) {
    const k = e.start === true ? t - 1 : t;
    const cash = e.margin * (1 + (e.marginGrowth ?? 0)) ** (t - 1) + (e.referralValue ?? 0) - (e.retentionCost ?? 0);
    const term = (cash * e.retentionRate ** k) / (1 + e.discountRate) ** k;
    sum += term;
    if (t > 50 && Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

function expectRelClose(actual: number, expected: number, tolerance = 1e-10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

function errorOf(customers: unknown, options: unknown) {
  return thrown(() => customerEquity(customers as never[], options as CustomerEquityOptions<never>));
}

describe('customerEquity: option validation', () => {
  it('a field accessor must be a field name or a function', () => {
    const error = errorOf([{ margin: 1, retentionRate: 0.5 }], { discountRate: 0.1, fields: { margin: 5 } });
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe(
      'options.fields.margin: expected a field name or a function (record, index) => value, got 5',
    );
  });

  it('horizons: Infinity and whole numbers ≥ 1 pass, anything else is INVALID_OPTION', () => {
    const one = customerEquity([{ margin: 100, retentionRate: 0.8 }], { discountRate: 0.1, periods: 1 });
    expectRelClose(one.total, (100 * 0.8) / 1.1, 1e-14);
    const inf = customerEquity([{ margin: 100, retentionRate: 0.8 }], {
      discountRate: 0.1,
      periods: Number.POSITIVE_INFINITY,
    });
    expectRelClose(inf.total, 800 / 3, 1e-13);
    for (const bad of [0, 1.5, -1, '3', Number.NEGATIVE_INFINITY, Number.NaN]) {
      const error = errorOf([], { discountRate: 0.1, periods: bad });
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toMatch(/^options\.periods: expected a whole number ≥ 1 or Infinity/);
    }
    const cohorts = errorOf([], {
      discountRate: 0.1,
      margin: 1,
      retentionRate: 0.5,
      futureCohorts: { prospects: 1, acquisitionRate: 1, cohorts: 2.5 },
    });
    expect(cohorts.code).toBe('INVALID_OPTION');
    expect(cohorts.message).toMatch(/^options\.futureCohorts\.cohorts: expected a whole number ≥ 1 or Infinity/);
  });
});

describe('customerEquity: per-customer field validation', () => {
  const base = { margin: 100, retentionRate: 0.8 };

  function fieldError(record: Record<string, unknown>) {
    return errorOf(
      [
        { margin: 1, retentionRate: 0.5 },
        { ...base, ...record },
      ],
      { discountRate: 0.1 },
    );
  }

  it('retentionRate outside [0, 1] or not a number', () => {
    for (const [value, shown] of [
      [1.5, '1.5'],
      [-0.1, '-0.1'],
      [Number.NaN, 'NaN'],
      ['0.5', 'the string "0.5"'],
    ] as const) {
      const error = fieldError({ retentionRate: value });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`customers[1].retentionRate: expected a finite number in [0, 1], got ${shown}`);
    }
  });

  it('marginGrowth: ≥ −1 and finite; −1 and negative growth are valid', () => {
    for (const [value, shown] of [
      [-1.5, '-1.5'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const error = fieldError({ marginGrowth: value });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`customers[1].marginGrowth: expected a finite number ≥ -1, got ${shown}`);
    }
    const shrinking = customerEquity([{ ...base, marginGrowth: -0.5 }], { discountRate: 0.1 });
    expectRelClose(shrinking.total, clv({ ...base, discountRate: 0.1, marginGrowth: -0.5 }), 1e-12);
    const once = customerEquity([{ ...base, marginGrowth: -1 }], { discountRate: 0.1 });
    expectRelClose(once.total, (100 * 0.8) / 1.1, 1e-14);
  });

  it('periods: a whole number ≥ 1 or Infinity', () => {
    for (const [value, shown] of [
      [0, '0'],
      [1.5, '1.5'],
      [-2, '-2'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const error = fieldError({ periods: value });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`customers[1].periods: expected a whole number ≥ 1 or Infinity, got ${shown}`);
    }
    expectRelClose(customerEquity([{ ...base, periods: 1 }], { discountRate: 0.1 }).total, (100 * 0.8) / 1.1, 1e-14);
    const two = customerEquity([{ ...base, periods: 2 }], { discountRate: 0.1 }).total;
    expectRelClose(two, 80 / 1.1 + 64 / 1.21, 1e-14);
  });

  it('retentionCost and referralValue: finite and ≥ 0', () => {
    for (const field of ['retentionCost', 'referralValue']) {
      for (const [value, shown] of [
        [-1, '-1'],
        [Number.POSITIVE_INFINITY, 'Infinity'],
        [Number.NaN, 'NaN'],
      ] as const) {
        const error = fieldError({ [field]: value });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.message).toBe(`customers[1].${field}: expected a finite number ≥ 0, got ${shown}`);
      }
    }
  });

  it('margin: finite', () => {
    const error = fieldError({ margin: Number.POSITIVE_INFINITY });
    expect(error.message).toBe('customers[1].margin: expected a finite number, got Infinity');
  });

  it('a missing value without a shared default says so', () => {
    const error = errorOf([{ retentionRate: 0.5 }], { discountRate: 0.1 });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'customers[0].margin: expected a finite number, got undefined (and no shared default margin was given)',
    );
    const rate = errorOf([{ margin: 5 }], { discountRate: 0.1 });
    expect(rate.message).toBe(
      'customers[0].retentionRate: expected a finite number in [0, 1], got undefined (and no shared default retentionRate was given)',
    );
  });

  it('errors name the accessor’s field name, or the quantity for a function accessor', () => {
    const byName = errorOf([{ profit: 'x', keep: 0.5 }], {
      discountRate: 0.1,
      fields: { margin: 'profit', retentionRate: 'keep' },
    });
    expect(byName.message).toBe('customers[0].profit: expected a finite number, got the string "x"');
    expect(byName.path).toEqual(['customers', 0, 'profit']);
    const byFunction = errorOf([{ keep: 2 }], {
      discountRate: 0.1,
      margin: 5,
      fields: { retentionRate: (row: { keep: number }) => row.keep },
    });
    expect(byFunction.message).toBe('customers[0].retentionRate: expected a finite number in [0, 1], got 2');
  });

  it('customers that are not a collection, and elements or fields whose reading throws', () => {
    const notIterable = errorOf(42, { discountRate: 0.1 });
    expect(notIterable.code).toBe('INVALID_INPUT');
    expect(notIterable.message).toBe('customers: expected an array or iterable of records, got 42');

    const rows: unknown[] = [{ margin: 1, retentionRate: 0.5 }, {}];
    Object.defineProperty(rows, 1, {
      get() {
        throw new Error('boom');
      },
    });
    const element = errorOf(rows, { discountRate: 0.1 });
    expect(element.code).toBe('INVALID_INPUT');
    expect(element.message).toBe('customers[1]: reading the value threw (boom)');
    expect(element.path).toEqual(['customers', 1]);

    const record = { retentionRate: 0.5 };
    Object.defineProperty(record, 'margin', {
      get() {
        throw new Error('bad getter');
      },
    });
    const field = errorOf([record], { discountRate: 0.1 });
    expect(field.message).toBe('customers[0].margin: reading the value threw (bad getter)');
  });
});

describe('customerEquity: future cohorts', () => {
  it('a new customer without margin or retention rate (none shared either) is an error naming the cohort field', () => {
    const margin = errorOf([], {
      discountRate: 0.1,
      retentionRate: 0.5,
      futureCohorts: { prospects: 1, acquisitionRate: 1 },
    });
    expect(margin.code).toBe('INVALID_INPUT');
    expect(margin.path).toEqual(['options', 'futureCohorts', 'margin']);
    expect(margin.message).toBe(
      'options.futureCohorts.margin: expected a finite number, got undefined (and no shared default margin was given)',
    );
    const rate = errorOf([], { discountRate: 0.1, margin: 10, futureCohorts: { prospects: 1, acquisitionRate: 1 } });
    expect(rate.code).toBe('INVALID_INPUT');
    expect(rate.message).toBe(
      'options.futureCohorts.retentionRate: expected a finite number in [0, 1], got undefined (and no shared default retentionRate was given)',
    );
  });

  it('cohorts worth nothing need no convergence (prospects 0, or acquisition rate and cost 0)', () => {
    const customers = [{ margin: 100, retentionRate: 0.8 }];
    for (const future of [
      { prospects: 0, acquisitionRate: 0.5, prospectGrowth: 0.5 },
      { prospects: 10, acquisitionRate: 0, prospectGrowth: 0.5 },
    ]) {
      const result = customerEquity(customers, {
        discountRate: 0.1,
        margin: 50,
        retentionRate: 0.5,
        futureCohorts: future,
      });
      expect(Object.is(result.futureCohorts, 0)).toBe(true);
      expectRelClose(result.total, 800 / 3, 1e-13);
      expectRelClose(result.newCustomerValue as number, (50 * 0.5) / 0.6, 1e-13);
    }
  });

  it('a finite number of cohorts growing faster than the discount rate: explicit sum', () => {
    const d = 0.1;
    const newValue = clv({ margin: 100, retentionRate: 0.8, discountRate: d });
    const result = customerEquity([], {
      discountRate: d,
      margin: 100,
      retentionRate: 0.8,
      futureCohorts: {
        prospects: 10,
        acquisitionRate: 0.5,
        acquisitionCostPerProspect: 20,
        prospectGrowth: 0.3,
        cohorts: 3,
      },
    });
    let expected = 0;
    for (let k = 1; k <= 3; k++) expected += (10 * 1.3 ** (k - 1) * (0.5 * newValue - 20)) / (1 + d) ** k;
    expectRelClose(result.futureCohorts, expected, 1e-12);
    expectRelClose(result.total, expected, 1e-12);
    expectRelClose(result.newCustomerValue as number, newValue, 1e-12);
    expect(result.currentCustomers).toBe(0);
    expect(result.customerCount).toBe(0);
  });

  it('an infinite number of cohorts growing at least as fast as the discount rate is DIVERGENT', () => {
    const options = { discountRate: 0.1, margin: 100, retentionRate: 0.8 };
    const error = errorOf([], {
      ...options,
      futureCohorts: { prospects: 10, acquisitionRate: 0.5, prospectGrowth: 0.2 },
    });
    expect(error.code).toBe('DIVERGENT');
    expect(error.path).toEqual(['options', 'futureCohorts', 'cohorts']);
    expect(error.message).toBe(
      'options.futureCohorts.cohorts: an infinite number of cohorts has no finite value: prospectGrowth (0.2) is not below discountRate (0.1); give a finite number of cohorts',
    );
    const flat = errorOf([], { ...options, discountRate: 0, futureCohorts: { prospects: 10, acquisitionRate: 0.5 } });
    expect(flat.code).toBe('DIVERGENT');
    expect(flat.message).toBe(
      'options.futureCohorts.cohorts: an infinite number of cohorts has no finite value: prospectGrowth (0) is not below discountRate (0); give a finite number of cohorts',
    );
  });

  it('growth one ulp below the discount rate still converges: n·(a·CLV)/(d − γ)', () => {
    const d = 0.2;
    const growth = nextDown(d);
    const result = customerEquity([], {
      discountRate: d,
      margin: 1,
      retentionRate: 0.5,
      futureCohorts: { prospects: 1, acquisitionRate: 1, prospectGrowth: growth },
    });
    // Σ_{k≥1} (1+γ)^(k−1)/(1+d)^k = 1/(d − γ)
    const newValue = 0.5 / 0.7;
    expectRelClose(result.futureCohorts, newValue / (d - growth), 1e-12);
    expect(Number.isFinite(result.total)).toBe(true);
  });

  it('cohorts whose value overflows a double are DOMAIN_ERROR', () => {
    const d = 0.1;
    const error = errorOf([], {
      discountRate: d,
      margin: 1,
      retentionRate: 0.5,
      futureCohorts: { prospects: 1e300, acquisitionRate: 1, prospectGrowth: nextDown(d) },
    });
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.path).toEqual(['options', 'futureCohorts', 'cohorts']);
    expect(error.message).toBe('options.futureCohorts.cohorts: the value of the cohorts overflows a double');
  });

  it('every field of the result against explicit sums (start timing, overrides, costs and referrals)', () => {
    const d = 0.08;
    const customers = [
      { margin: 120, retentionRate: 0.75, periods: 4, retentionCost: 5 },
      { margin: 60, retentionRate: 0.9, marginGrowth: 0.02, referralValue: 3 },
      { margin: -10, retentionRate: 0.6 },
    ];
    const result = customerEquity(customers, {
      discountRate: d,
      timing: 'start',
      referralValue: 1,
      futureCohorts: {
        prospects: 50,
        acquisitionRate: 0.2,
        acquisitionCostPerProspect: 4,
        prospectGrowth: 0.03,
        cohorts: Number.POSITIVE_INFINITY,
        margin: 80,
        retentionRate: 0.7,
        marginGrowth: 0.01,
        retentionCost: 2,
        periods: 6,
      },
    });
    const values = [
      clv({ ...customers[0], referralValue: 1, discountRate: d, start: true } as Economics),
      clv({ ...customers[1], discountRate: d, start: true } as Economics),
      clv({ ...customers[2], referralValue: 1, discountRate: d, start: true } as Economics),
    ];
    expect(result.customerCount).toBe(3);
    expect(result.customerValues).toHaveLength(3);
    for (let i = 0; i < 3; i++) expectRelClose(result.customerValues[i] as number, values[i] as number, 1e-11);
    const current = (values[0] as number) + (values[1] as number) + (values[2] as number);
    expectRelClose(result.currentCustomers, current, 1e-11);
    const newValue = clv({
      margin: 80,
      retentionRate: 0.7,
      marginGrowth: 0.01,
      retentionCost: 2,
      referralValue: 1,
      periods: 6,
      discountRate: d,
      start: true,
    });
    expectRelClose(result.newCustomerValue as number, newValue, 1e-12);
    let future = 0;
    for (let k = 1; k < 3000; k++) future += (50 * 1.03 ** (k - 1) * (0.2 * newValue - 4)) / (1 + d) ** k;
    expectRelClose(result.futureCohorts, future, 1e-10);
    expectRelClose(result.total, current + future, 1e-10);
  });
});
