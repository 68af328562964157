// Written for the mutants of src/clv/models/customerLifetimeValue.ts that survived Stryker (see docs/testing.md): the
// discounted sum against the doc comment's formula worked out by hand on stub transaction models (whose evaluation
// times and per-(x, T) evaluation count the doc comment states), the cap of 100 000 discount periods at its boundary,
// the DOMAIN_ERROR of an unrepresentable value, and the exact code, message and path of every rejected input: the
// model, spend-model and spend checks (null, functions, objects without the members), the per-customer spend (length,
// elements, throwing getters), the spend/spendModel choice, the option and customer-table names, and the horizon.
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from '../../../src/clv/models/customerLifetimeValue.js';
import type { GammaGammaModel } from '../../../src/clv/models/gammaGamma.js';
import type { BtydTransactionModel, TransactionKernel } from '../../../src/clv/models/shared.js';
import type { TimeUnit } from '../../../src/core/dates.js';
import { thrown } from '../../support/thrown.js';
import { expectError } from './helpers.js';

type Call = { t: number; x: number; T: number };

/**
 * A hand-made transaction model: P(alive) and E(Y(t) | alive) are given as functions; every call of `expectedIfAlive`
 * is recorded in `calls`.
 */
function stubModel(
  expected: (t: number, x: number, T: number) => number,
  alive: (x: number, recency: number, T: number) => number = () => 1,
  timeUnit: TimeUnit = 'week',
): { model: BtydTransactionModel; calls: Call[] } {
  const calls: Call[] = [];
  const kernel: TransactionKernel = {
    probabilityAlive: (f, r, T) => Float64Array.from(f, (x, i) => alive(x, r[i] as number, T[i] as number)),
    expectedIfAlive: (t, x, T) => {
      calls.push({ t, x, T });
      return expected(t, x, T);
    },
  };
  return { model: { timeUnit, transactionKernel: () => kernel }, calls };
}

function expectRelClose(actual: number, expected: number, tolerance = 1e-13): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const customers = [
  { frequency: 1, recency: 2, T: 5, monetaryValue: 10 },
  { frequency: 3, recency: 4, T: 6, monetaryValue: 20 },
];

describe('customerLifetimeValue on hand-made models', () => {
  it('is spend × P(alive) × Σ_k [E(t_k) − E(t_{k−1})] / (1 + d)^(t_k/L), the last step cut at the horizon', () => {
    // E(t | x, T) = t²·(x + 1)/(T + 1) and P(alive) = 1/(x + 2): L = 2 weeks a period, H = 2.5 periods, d = 0.1.
    const { model, calls } = stubModel(
      (t, x, T) => (t * t * (x + 1)) / (T + 1),
      (x) => 1 / (x + 2),
    );
    const clv = customerLifetimeValue({
      transactionModel: model,
      spend: [7, 3],
      customers,
      horizon: 2.5,
      discountRate: { rate: 0.1, per: 'month' },
      modelUnitsPerPeriod: 2,
    });
    // Times 2, 4, 5 weeks: E = c·4, c·16, c·25, so the increments are c·4, c·12, c·9 at 1, 2 and 2.5 periods.
    const sum = 4 / 1.1 + 12 / 1.1 ** 2 + 9 / 1.1 ** 2.5;
    expectRelClose(clv[0]!, 7 * (1 / 3) * (2 / 6) * sum);
    expectRelClose(clv[1]!, 3 * (1 / 5) * (4 / 7) * sum);
    expect(calls).toEqual([
      { t: 2, x: 1, T: 5 },
      { t: 4, x: 1, T: 5 },
      { t: 5, x: 1, T: 5 },
      { t: 2, x: 3, T: 6 },
      { t: 4, x: 3, T: 6 },
      { t: 5, x: 3, T: 6 },
    ]);
  });

  it('evaluates the model at t_k = k·L for k = 1 … H on a whole horizon (L by default the calendar ratio)', () => {
    const { model, calls } = stubModel((t) => t, undefined, 'day');
    const clv = customerLifetimeValue({
      transactionModel: model,
      spend: [1, 1],
      customers,
      horizon: { weeks: 3 },
      discountRate: { rate: 0.5, per: 'week' },
    });
    expect(calls.map((c) => c.t)).toEqual([7, 14, 21, 7, 14, 21]);
    const expected = 7 / 1.5 + 7 / 1.5 ** 2 + 7 / 1.5 ** 3;
    expectRelClose(clv[0]!, expected);
    expectRelClose(clv[1]!, expected);
  });

  it('evaluates the model once per distinct (frequency, T) pair, as the doc comment states', () => {
    const { model, calls } = stubModel((t, x, T) => t * (x + T));
    const clv = customerLifetimeValue({
      transactionModel: model,
      spend: [1, 2, 3, 4],
      customers: [
        { frequency: 1, recency: 1, T: 5 },
        { frequency: 1, recency: 1, T: 6 },
        { frequency: 1, recency: 2, T: 5 },
        { frequency: 2, recency: 1, T: 5 },
      ],
      horizon: 2,
      discountRate: { rate: 0, per: 'week' },
    });
    expect(calls.map((c) => [c.x, c.T])).toEqual([
      [1, 5],
      [1, 5],
      [1, 6],
      [1, 6],
      [2, 5],
      [2, 5],
    ]);
    // No discounting: the sum telescopes to E(2 weeks) = 2·(x + T).
    expect(Array.from(clv)).toEqual([12, 28, 36, 56]);
  });

  it('takes the spend from a spend model given the records', () => {
    const { model } = stubModel((t) => 3 * t);
    const seen: unknown[] = [];
    const spendModel = {
      conditionalExpectedSpend: (records: ReadonlyArray<{ monetaryValue: number }>) => {
        seen.push(records);
        return Float64Array.from(records, (r) => r.monetaryValue / 2);
      },
    } as unknown as GammaGammaModel;
    const clv = customerLifetimeValue({
      transactionModel: model,
      spendModel,
      customers,
      horizon: 1,
      discountRate: { rate: 0.25, per: 'week' },
    });
    expect(seen).toEqual([customers]);
    expectRelClose(clv[0]!, (5 * 3) / 1.25);
    expectRelClose(clv[1]!, (10 * 3) / 1.25);
  });

  it('allows 100 000 discount periods and rejects more (INVALID_INPUT, with the horizon received)', () => {
    const { model } = stubModel((t) => t);
    const base = {
      transactionModel: model,
      spend: [1],
      customers: [{ frequency: 0, recency: 0, T: 1 }],
      discountRate: { rate: 0, per: 'day' as const },
      modelUnitsPerPeriod: 1,
    };
    expect(Array.from(customerLifetimeValue({ ...base, horizon: 100_000 }))).toEqual([100_000]);
    const error = thrown(() => customerLifetimeValue({ ...base, horizon: 100_001 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'input.horizon: expected at most 100000 discount periods (one model evaluation per period), got 100001 days',
    );
    expect(error.path).toEqual(['input', 'horizon']);
    expect(error.received).toBe(100_001);
  });

  it('throws DOMAIN_ERROR naming the customer whose value overflows', () => {
    const { model } = stubModel((t) => t);
    const error = thrown(() =>
      customerLifetimeValue({
        transactionModel: model,
        spend: [1, 1e308],
        customers,
        horizon: 10,
        discountRate: { rate: 0, per: 'week' },
      }),
    );
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.message).toBe(
      'customerLifetimeValue: the value of customers[1] is not representable (spend 1e+308 × P(alive) 1 × discounted purchases 10)',
    );
    expect(error.path).toEqual(['customers', 1]);
    expect(error.received).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('customerLifetimeValue input checks', () => {
  const base = () => ({
    transactionModel: stubModel((t) => t).model,
    customers,
    horizon: 1,
    discountRate: { rate: 0, per: 'week' as const },
  });
  const withModel = (transactionModel: unknown) => () =>
    customerLifetimeValue({ ...base(), spend: [1, 1], transactionModel: transactionModel as BtydTransactionModel });
  const withSpendModel = (spendModel: unknown) => () =>
    customerLifetimeValue({ ...base(), spendModel: spendModel as GammaGammaModel });
  const withSpend = (spend: unknown) => () => customerLifetimeValue({ ...base(), spend: spend as ArrayLike<number> });

  it('rejects a transaction model that is null, a function, or lacks transactionKernel or timeUnit', () => {
    const kernel = stubModel((t) => t).model.transactionKernel;
    const expectedText = 'input.transactionModel: expected a fitted BG/NBD, MBG/NBD or Pareto/NBD model, got';
    expectError(withModel(null), 'INVALID_OPTION', `${expectedText} null`, ['input', 'transactionModel']);
    const fn = Object.assign(() => 0, { transactionKernel: kernel, timeUnit: 'week' });
    expectError(withModel(fn), 'INVALID_OPTION', `${expectedText} a function`);
    expectError(withModel({ timeUnit: 'week' }), 'INVALID_OPTION', `${expectedText} an object`);
    expectError(withModel({ transactionKernel: kernel }), 'INVALID_OPTION', `${expectedText} an object`);
    expectError(withModel({ transactionKernel: kernel, timeUnit: 7 }), 'INVALID_OPTION', `${expectedText} an object`);
    expectError(withModel('week'), 'INVALID_OPTION', `${expectedText} the string "week"`);
  });

  it('rejects a spend model that is null, a function, or lacks conditionalExpectedSpend', () => {
    const expectedText = 'input.spendModel: expected a Gamma-Gamma model, got';
    const spend = () => new Float64Array([1, 1]);
    expectError(withSpendModel(null), 'INVALID_OPTION', `${expectedText} null`, ['input', 'spendModel']);
    expectError(
      withSpendModel(Object.assign(() => 0, { conditionalExpectedSpend: spend })),
      'INVALID_OPTION',
      `${expectedText} a function`,
    );
    expectError(withSpendModel({ conditionalExpectedSpend: 1 }), 'INVALID_OPTION', `${expectedText} an object`);
    expectError(withSpendModel({}), 'INVALID_OPTION', `${expectedText} an object`);
  });

  it('rejects spend that is null, a string, a function or an object without a length', () => {
    const expectedText = 'input.spend: expected an array of numbers, got';
    expectError(withSpend(null), 'INVALID_OPTION', `${expectedText} null`, ['input', 'spend']);
    expectError(withSpend('12'), 'INVALID_OPTION', `${expectedText} the string "12"`);
    expectError(
      withSpend(Object.assign((a: number, b: number) => a + b, { 0: 1, 1: 1 })),
      'INVALID_OPTION',
      `${expectedText} a function`,
    );
    expectError(withSpend({ 0: 1, 1: 1 }), 'INVALID_OPTION', `${expectedText} an object`);
    expectError(withSpend({ 0: 1, 1: 1, length: '2' }), 'INVALID_OPTION', `${expectedText} an object`);
  });

  it('rejects spend of another length than the customers', () => {
    expectError(withSpend([1]), 'INVALID_OPTION', 'input.spend: expected 2 values (one per customer), got 1', [
      'input',
      'spend',
    ]);
    expectError(withSpend([1, 2, 3]), 'INVALID_OPTION', 'input.spend: expected 2 values (one per customer), got 3');
  });

  it('rejects a spend value that is not a finite number, naming its index', () => {
    expectError(withSpend([1, Number.NaN]), 'INVALID_OPTION', 'input.spend[1]: expected a finite number, got NaN', [
      'input',
      'spend',
      1,
    ]);
    expectError(
      withSpend([Number.POSITIVE_INFINITY, 1]),
      'INVALID_OPTION',
      'input.spend[0]: expected a finite number, got Infinity',
    );
    expectError(withSpend([1, '5']), 'INVALID_OPTION', 'input.spend[1]: expected a finite number, got the string "5"');
    expectError(
      withSpend({ length: 2, 0: 1 }),
      'INVALID_OPTION',
      'input.spend[1]: expected a finite number, got undefined',
    );
  });

  it('turns throwing getters of spend into INVALID_OPTION naming the length or the element', () => {
    let reads = 0;
    const lengthThrows = {
      0: 1,
      1: 1,
      get length() {
        reads++;
        if (reads > 1) throw new Error('length gone');
        return 2;
      },
    };
    expectError(
      withSpend(lengthThrows),
      'INVALID_OPTION',
      'input.spend.length: reading the value threw (length gone)',
      ['input', 'spend', 'length'],
    );
    const elementThrows = {
      length: 2,
      0: 1,
      get 1() {
        throw new Error('no element');
      },
    };
    expectError(withSpend(elementThrows), 'INVALID_OPTION', 'input.spend[1]: reading the value threw (no element)', [
      'input',
      'spend',
      1,
    ]);
  });

  it('needs exactly one of spendModel and spend', () => {
    const spendModel = { conditionalExpectedSpend: () => new Float64Array([1, 1]) } as unknown as GammaGammaModel;
    expectError(
      () => customerLifetimeValue({ ...base(), spendModel, spend: [1, 1] }),
      'INVALID_OPTION',
      'input.spend: give either spendModel or spend, not both',
      ['input', 'spend'],
    );
    expectError(
      () => customerLifetimeValue(base()),
      'INVALID_OPTION',
      'input.spendModel: expected a Gamma-Gamma model (or per-customer spend), got nothing',
      ['input', 'spendModel'],
    );
  });

  it('names options under input, a customer table under customers, and the horizon under input.horizon', () => {
    expectError(
      () => customerLifetimeValue({ ...base(), spend: [1, 1], discountRate: { rate: -1, per: 'week' } }),
      'INVALID_OPTION',
      'input.discountRate.rate: expected a number ≥ 0, got -1',
      ['input', 'discountRate', 'rate'],
    );
    expectError(
      () =>
        customerLifetimeValue({
          ...base(),
          spend: [1, 1],
          customers: { customers, timeUnit: 'hour' as TimeUnit },
        }),
      'INVALID_INPUT',
      `customers.timeUnit: expected 'day', 'week', 'month' or 'year', got the string "hour"`,
      ['customers', 'timeUnit'],
    );
    expectError(
      () => customerLifetimeValue({ ...base(), spend: [1, 1], horizon: -1 }),
      'INVALID_INPUT',
      'input.horizon: expected a finite number ≥ 0, got -1',
      ['input', 'horizon'],
    );
    expectError(
      () => customerLifetimeValue({ ...base(), spend: [1, 1], horizon: { months: Number.NaN } }),
      'INVALID_INPUT',
      'input.horizon.months: expected a finite number ≥ 0, got NaN',
      ['input', 'horizon', 'months'],
    );
  });
});
