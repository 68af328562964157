// Written for the mutants of src/clv/contractual/modelChecks.ts that survived Stryker (see docs/testing.md): exact
// error codes and texts of every input check, the accepted shapes of `split`, the pooled-tail summation of
// repeatFrequencyFit on improper stub distributions, and tracking curves by hand (window, ordering, period limits).
import { describe, expect, it } from 'vitest';
import {
  calibrationVsHoldout,
  type ExpectedPurchasesModel,
  type PurchaseDistributionModel,
  repeatFrequencyFit,
  trackingCurve,
} from '../../../src/clv/contractual/modelChecks.js';
import type { CrmAnalyticsErrorCode } from '../../../src/core/errors.js';
import { thrown } from '../../support/thrown.js';

const DAY_MS = 86_400_000;

function expectError(run: () => unknown, code: CrmAnalyticsErrorCode, message: string): void {
  const error = thrown(run);
  expect(error.message).toBe(message);
  expect(error.code).toBe(code);
}

function boom(): never {
  throw new Error('boom');
}

/** Conditional expectations `rate · t` for every customer. */
function rateModel(rate: number) {
  return {
    conditionalExpectedPurchases: (t: number, customers: readonly unknown[]): number[] => customers.map(() => rate * t),
  };
}

/** A distribution given by a table of P(X = n) (the same for every t); n past the table gives `rest(n)`. */
function tableModel(table: readonly unknown[], rest: (n: number) => number = () => 0): PurchaseDistributionModel {
  return {
    probabilityOfPurchases: (n) => (n < table.length ? (table[n] as number) : rest(n)),
  };
}

/** Geometric purchases with mean t: P(X(t) = n) = (1/(1+t)) (t/(1+t))ⁿ. */
const geometricModel: PurchaseDistributionModel = {
  probabilityOfPurchases: (n, t) => (1 / (1 + t)) * (t / (1 + t)) ** n,
};

function log(rows: readonly [string, number][]): { customerId: string; date: number }[] {
  return rows.map(([customerId, day]) => ({ customerId, date: day * DAY_MS }));
}

describe('calibrationVsHoldout: accepted shapes of split', () => {
  const row = { frequency: 2, holdoutFrequency: 3, holdoutDuration: 4 };
  const expected = { frequency: 2, label: '2', customers: 1, actual: 3, predicted: 2 };

  it('reads an array as the records even when it has a customers property', () => {
    const split = Object.assign([row], { customers: [] });
    expect(calibrationVsHoldout(rateModel(0.5), split).groups).toEqual([expected]);
  });

  it('reads a non-array iterable, and { customers }', () => {
    expect(calibrationVsHoldout(rateModel(0.5), new Set([row])).groups).toEqual([expected]);
    expect(calibrationVsHoldout(rateModel(0.5), { customers: [row] }).groups).toEqual([expected]);
  });

  it('rejects null, a string and a number as split', () => {
    const model = rateModel(1);
    const run = (split: unknown) => () => calibrationVsHoldout(model, split as never);
    expectError(run(null), 'INVALID_INPUT', 'split: expected an array or iterable of records, got null');
    expectError(run('abc'), 'INVALID_INPUT', 'split: expected an array or iterable of records, got the string "abc"');
    expectError(run(5), 'INVALID_INPUT', 'split: expected an array or iterable of records, got 5');
  });

  it('names split.customers when reading it throws, and split when it is empty', () => {
    const split = {
      get customers(): never {
        return boom();
      },
    };
    expectError(
      () => calibrationVsHoldout(rateModel(1), split),
      'INVALID_INPUT',
      'split.customers: reading the value threw (boom)',
    );
    expectError(
      () => calibrationVsHoldout(rateModel(1), []),
      'EMPTY_INPUT',
      'split: expected at least 1 customer, got none',
    );
  });

  it('rejects a non-function, non-string accessor option', () => {
    expectError(
      () => calibrationVsHoldout(rateModel(1), [row], { holdoutFrequency: 42 as never }),
      'INVALID_OPTION',
      'options.holdoutFrequency: expected a field name or a function (record, index) => value, got 42',
    );
  });
});

describe('calibrationVsHoldout: records', () => {
  const good = { frequency: 1, holdoutFrequency: 1, holdoutDuration: 1 };
  const run =
    (rows: unknown[], options = {}) =>
    () =>
      calibrationVsHoldout(rateModel(1), rows as never, options);

  it('rejects records that are not objects', () => {
    expectError(run([null]), 'INVALID_INPUT', 'split[0]: expected an object, got null');
    expectError(run([good, 5]), 'INVALID_INPUT', 'split[1]: expected an object, got 5');
  });

  it('names the bad field of the record', () => {
    expectError(
      run([good, { ...good, holdoutFrequency: -1 }]),
      'INVALID_INPUT',
      'split[1].holdoutFrequency: expected a finite number ≥ 0, got -1',
    );
    expectError(
      run([good, { ...good, holdoutDuration: Number.NaN }]),
      'INVALID_INPUT',
      'split[1].holdoutDuration: expected a finite number ≥ 0, got NaN',
    );
    expectError(
      run([good, { ...good, frequency: -2 }]),
      'INVALID_INPUT',
      'split[1].frequency: expected a finite number ≥ 0, got -2',
    );
  });

  it('names the field whose reading threw', () => {
    expectError(
      run([good, good], { holdoutFrequency: (_r: unknown, i: number) => (i === 1 ? boom() : 1) }),
      'INVALID_INPUT',
      'split[1].holdoutFrequency: reading the value threw (boom)',
    );
    expectError(
      run([good, good], { holdoutDuration: (_r: unknown, i: number) => (i === 1 ? boom() : 1) }),
      'INVALID_INPUT',
      'split[1].holdoutDuration: reading the value threw (boom)',
    );
    const throwing = {
      holdoutFrequency: 1,
      holdoutDuration: 1,
      get frequency(): number {
        return boom();
      },
    };
    expectError(run([good, throwing]), 'INVALID_INPUT', 'split[1].frequency: reading the value threw (boom)');
  });

  it('reports a throwing model as a read of split, and a non-finite prediction naming the record', () => {
    const failing = {
      conditionalExpectedPurchases: (): number[] => {
        throw new Error('model failed');
      },
    };
    expectError(
      () => calibrationVsHoldout(failing, [good]),
      'INVALID_INPUT',
      'split: reading the value threw (model failed)',
    );
    const nan = { conditionalExpectedPurchases: () => [1, Number.NaN] };
    expectError(
      () => calibrationVsHoldout(nan, [good, good]),
      'INVALID_INPUT',
      'split[1]: expected a record the model can predict (a finite prediction), got NaN',
    );
    const short = { conditionalExpectedPurchases: () => [1] };
    expectError(
      () => calibrationVsHoldout(short, [good, good]),
      'INVALID_INPUT',
      'split[1]: expected a record the model can predict (a finite prediction), got undefined',
    );
  });

  it('rejects holdout counts whose errors overflow', () => {
    // One error of 1e308: its square overflows (rmse not finite) while the mae is finite.
    expectError(
      () => calibrationVsHoldout(rateModel(0), [{ frequency: 0, holdoutFrequency: 1e308, holdoutDuration: 1 }]),
      'DOMAIN_ERROR',
      'split: the prediction errors overflow (mae 1e+308, rmse Infinity); check the holdout frequencies',
    );
  });
});

describe('repeatFrequencyFit: inputs', () => {
  const run =
    (rows: unknown, options = {}) =>
    () =>
      repeatFrequencyFit(geometricModel, rows as never, options);

  it('rejects a non-iterable and an empty input', () => {
    expectError(
      run('abc'),
      'INVALID_INPUT',
      'summaries: expected an array or iterable of records, got the string "abc"',
    );
    expectError(run([]), 'EMPTY_INPUT', 'summaries: expected at least 1 customer, got none');
  });

  it('rejects records that are not objects and bad frequencies', () => {
    const good = { frequency: 0, T: 1 };
    expectError(run([null]), 'INVALID_INPUT', 'summaries[0]: expected an object, got null');
    expectError(run([good, 5]), 'INVALID_INPUT', 'summaries[1]: expected an object, got 5');
    expectError(
      run([good, { frequency: -1, T: 1 }]),
      'INVALID_INPUT',
      'summaries[1].frequency: expected a finite number ≥ 0, got -1',
    );
    const throwing = {
      T: 1,
      get frequency(): number {
        return boom();
      },
    };
    expectError(run([good, throwing]), 'INVALID_INPUT', 'summaries[1].frequency: reading the value threw (boom)');
  });

  it('names T, periods or time in the message of a bad time', () => {
    expectError(
      run([{ frequency: 1, T: -1 }]),
      'INVALID_INPUT',
      'summaries[0].T: expected a finite number ≥ 0, got -1',
    );
    expectError(
      run([{ frequency: 1 }]),
      'INVALID_INPUT',
      'summaries[0].periods: expected a finite number ≥ 0, got undefined',
    );
    expectError(
      run([{ frequency: 1, T: 1, age: -1 }], { time: 'age' }),
      'INVALID_INPUT',
      'summaries[0].time: expected a finite number ≥ 0, got -1',
    );
    expectError(
      run([{ frequency: 1, T: 1 }], { time: boom }),
      'INVALID_INPUT',
      'summaries[0].time: reading the value threw (boom)',
    );
    const throwingT = {
      frequency: 1,
      get T(): number {
        return boom();
      },
    };
    expectError(
      run([{ frequency: 1, T: 1 }, throwingT]),
      'INVALID_INPUT',
      'summaries[1]: reading the value threw (boom)',
    );
  });

  it('uses the time accessor over T, and labels the pooled bin', () => {
    const fit = repeatFrequencyFit(geometricModel, [{ frequency: 0, T: 1, age: 2 }], { time: 'age', maxFrequency: 2 });
    // t = 2: P(0) = 1/3, P(1) = 2/9, the rest 4/9.
    const expected = [1 / 3, 2 / 9, 4 / 9];
    for (const [x, b] of fit.bins.entries()) expect(b.expected).toBeCloseTo(expected[x] as number, 15);
    expect(fit.bins.map((b) => b.label)).toEqual(['0', '1', '2+']);
    expect(fit.bins.map((b) => b.observed)).toEqual([1, 0, 0]);
  });
});

describe('repeatFrequencyFit: the model’s probabilities', () => {
  const one = [{ frequency: 0, T: 1 }];

  it('rejects a probability outside [0, 1] or not a number, with the value received', () => {
    for (const [p, shown] of [
      [1.5, '1.5'],
      [-0.5, '-0.5'],
      [Number.NaN, 'NaN'],
      ['0.5', '0.5'],
    ] as const) {
      const error = thrown(() => repeatFrequencyFit(tableModel([p, 0]), one, { maxFrequency: 1 }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`model.probabilityOfPurchases(0, 1): expected a probability in [0, 1], got ${shown}`);
      expect(error.received).toBe(p);
    }
  });

  it('accepts probabilities within 1e-12 of [0, 1]', () => {
    const fit = repeatFrequencyFit(tableModel([-1e-12, 1 + 1e-12]), one, { maxFrequency: 2 });
    expect(fit.bins[0]?.expected).toBe(-1e-12);
    expect(fit.bins[1]?.expected).toBe(1 + 1e-12);
  });

  it('gives the pooled bin 1 − Σ when that rest is at least 0.001', () => {
    // An improper distribution (P(X ≥ 1) = 0 but P(0) = 0.5): the rest is not summed term by term.
    const fit = repeatFrequencyFit(tableModel([0.5]), one, { maxFrequency: 1 });
    expect(fit.bins.map((b) => b.expected)).toEqual([0.5, 0.5]);
  });

  it('sums a small rest term by term, stopping at a zero or negligible term', () => {
    // P(0) = 0.9995, then 1e-4, then terms below 1e-17 of the sum (or zero): the rest is 1e-4, not 1 − 0.9995.
    const negligible = repeatFrequencyFit(
      tableModel([0.9995, 1e-4], () => 1e-30),
      one,
      { maxFrequency: 1 },
    );
    expect(negligible.bins[1]?.expected).toBe(1e-4);
    const zero = repeatFrequencyFit(tableModel([0.9995, 1e-4]), one, { maxFrequency: 1 });
    expect(zero.bins[1]?.expected).toBe(1e-4);
    // A zero first term stops at once, even when later terms are positive.
    const zeroFirst = repeatFrequencyFit(tableModel([0.9995, 0, 1e-4]), one, { maxFrequency: 1 });
    expect(zeroFirst.bins[1]?.expected).toBe(0);
  });

  it('keeps 1 − Σ when the terms do not become negligible within 1000 terms', () => {
    const rest = 1 - 0.9995;
    // Terms exactly 1e-17 times the sum are not negligible (the sum stays 1e-4: 1e-21 is below its half ulp).
    const atThreshold = repeatFrequencyFit(
      tableModel([0.9995, 1e-4], () => 1e-17 * 1e-4),
      one,
      { maxFrequency: 1 },
    );
    expect(atThreshold.bins[1]?.expected).toBe(rest);
    // Constant terms never converge.
    const constant = repeatFrequencyFit(
      tableModel([0.9995], () => 1e-3),
      one,
      { maxFrequency: 1 },
    );
    expect(constant.bins[1]?.expected).toBe(rest);
    // Terms 1 … 1000 are 1e-7 and term 1001 is 0: the zero lies past the 1000 terms summed.
    const late = repeatFrequencyFit(
      tableModel([0.9995], (n) => (n <= 1000 ? 1e-7 : 0)),
      one,
      { maxFrequency: 1 },
    );
    expect(late.bins[1]?.expected).toBe(rest);
    // … and a zero at term 1000 is reached: the rest is the sum of 999 terms.
    const reached = repeatFrequencyFit(
      tableModel([0.9995], (n) => (n < 1000 ? 1e-7 : 0)),
      one,
      { maxFrequency: 1 },
    );
    expect(reached.bins[1]?.expected).toBeCloseTo(999e-7, 15);
  });
});

describe('trackingCurve by hand', () => {
  const linear: ExpectedPurchasesModel = { expectedPurchases: (t) => t };

  it('defaults to weeks when the model has no (known) time unit', () => {
    const rows = log([
      ['a', 0],
      ['a', 13],
    ]);
    for (const model of [linear, { ...linear, timeUnit: 'fortnight' as never }]) {
      const curve = trackingCurve(model, rows);
      expect(curve.timeUnit).toBe('week');
      expect(curve.points.map((p) => p.expectedCumulative)).toEqual([1, 2]);
    }
  });

  it('sorts the first days and takes each customer’s earliest and last day, whatever the input order', () => {
    // Firsts: c day 6, b day 4, a day 0 (a is seen first on day 10); the last record is not the last day.
    const rows = log([
      ['c', 6],
      ['b', 4],
      ['a', 10],
      ['a', 0],
      ['b', 9],
      ['a', 3],
    ]);
    const model: ExpectedPurchasesModel = { expectedPurchases: (t) => 1 + t };
    const curve = trackingCurve(model, rows, { timeUnit: 'day', periodLength: 2 });
    // Boundaries 2, 4, 6, 8, 10 (days 0 … 10); b, joining on day 4, counts from the period ending on day 6.
    expect(curve.points.map((p) => p.expectedCumulative)).toEqual([3, 5, 7 + 3, 9 + 5 + 3, 11 + 7 + 5]);
    // Repeat days 3 (a), 9 (b), 10 (a).
    expect(curve.points.map((p) => p.actualCumulative)).toEqual([0, 1, 1, 1, 2]);
    expect(curve.points.map((p) => p.time)).toEqual([2, 4, 6, 8, 10]);
    expect(curve.customers).toBe(3);
  });

  it('leaves out customers joining before start and transactions after end', () => {
    const rows = log([
      ['a', 0],
      ['a', 3],
      ['b', 5],
      ['b', 12],
      ['b', 20],
      ['c', 14],
    ]);
    const curve = trackingCurve(linear, rows, {
      timeUnit: 'day',
      periodLength: 3,
      start: 4 * DAY_MS,
      end: 13 * DAY_MS,
    });
    // Window days 4 … 13: three periods ending on days 7, 10, 13; only b counts (ages 2, 5, 8).
    expect(curve.customers).toBe(1);
    expect(curve.points.map((p) => p.expectedCumulative)).toEqual([2, 5, 8]);
    expect(curve.points.map((p) => p.actualCumulative)).toEqual([0, 0, 1]);
    expect(curve.points.map((p) => p.time)).toEqual([3, 6, 9]);
    expect(curve.points.map((p) => p.end.toISOString())).toEqual([
      '1970-01-08T00:00:00.000Z',
      '1970-01-11T00:00:00.000Z',
      '1970-01-14T00:00:00.000Z',
    ]);
  });

  it('uses fractional ages unless wholePeriods is set', () => {
    const rows = log([
      ['a', 0],
      ['b', 3],
      ['b', 13],
    ]);
    const curve = trackingCurve(linear, rows, { timeUnit: 'week' });
    // a: ages 1 and 2 weeks; b: 4/7 and 11/7.
    expect(curve.points[0]?.expectedCumulative).toBeCloseTo(1 + 4 / 7, 14);
    expect(curve.points[1]?.expectedCumulative).toBeCloseTo(2 + 11 / 7, 14);
    const whole = trackingCurve(linear, rows, { timeUnit: 'week', wholePeriods: true });
    expect(whole.points.map((p) => p.expectedCumulative)).toEqual([1, 3]);
  });

  it('reports a window of exactly one period, and exactly 100 000 periods', () => {
    const one = trackingCurve(
      linear,
      log([
        ['a', 0],
        ['a', 6],
      ]),
      { timeUnit: 'week' },
    );
    expect(one.points).toHaveLength(1);
    expect(one.points[0]?.actualCumulative).toBe(1);
    const many = trackingCurve(
      linear,
      log([
        ['a', 0],
        ['a', 99_999],
      ]),
      { timeUnit: 'day' },
    );
    expect(many.points).toHaveLength(100_000);
    expect(many.points.at(-1)?.actualCumulative).toBe(1);
  });
});

describe('trackingCurve errors', () => {
  const linear: ExpectedPurchasesModel = { expectedPurchases: (t) => t };
  const run =
    (rows: unknown, options = {}) =>
    () =>
      trackingCurve(linear, rows as never, options);
  const pair = log([
    ['a', 0],
    ['a', 10],
  ]);

  it('rejects a non-iterable and an empty input', () => {
    expectError(
      run('abc'),
      'INVALID_INPUT',
      'transactions: expected an array or iterable of records, got the string "abc"',
    );
    expectError(run([]), 'EMPTY_INPUT', 'transactions: expected at least 1 transaction, got none');
  });

  it('names the bad record and field', () => {
    const good = { customerId: 'a', date: 0 };
    expectError(run([null]), 'INVALID_INPUT', 'transactions[0]: expected an object, got null');
    expectError(run([good, 5]), 'INVALID_INPUT', 'transactions[1]: expected an object, got 5');
    expectError(
      run([good, { customerId: null, date: 0 }]),
      'INVALID_INPUT',
      'transactions[1].customerId: expected a string or number, got null',
    );
    expectError(
      run([
        good,
        {
          date: 0,
          get customerId(): string {
            return boom();
          },
        },
      ]),
      'INVALID_INPUT',
      'transactions[1].customerId: reading the value threw (boom)',
    );
    expectError(
      run([
        good,
        {
          customerId: 'a',
          get date(): number {
            return boom();
          },
        },
      ]),
      'INVALID_INPUT',
      'transactions[1].date: reading the value threw (boom)',
    );
    expectError(
      run([good, { customerId: 'a', date: 'not a date' }]),
      'INVALID_INPUT',
      'transactions[1].date: expected a date (a valid Date, an ISO 8601 string or epoch ms), got the string "not a date"',
    );
    const rows: unknown[] = [good, good];
    Object.defineProperty(rows, 1, { get: boom });
    expectError(run(rows), 'INVALID_INPUT', 'transactions[1]: reading the value threw (boom)');
  });

  it('rejects bad start and end options', () => {
    expectError(
      run(pair, { start: 'soon' }),
      'INVALID_OPTION',
      'options.start: expected a date (a valid Date, an ISO 8601 string or epoch ms), got the string "soon"',
    );
    expectError(
      run(pair, { end: 'soon' }),
      'INVALID_OPTION',
      'options.end: expected a date (a valid Date, an ISO 8601 string or epoch ms), got the string "soon"',
    );
  });

  it('rejects an empty window and a window nobody joins in', () => {
    const windowMessage = 'transactions: expected at least 1 transaction in the window, got none';
    expectError(run(pair, { end: -DAY_MS }), 'EMPTY_INPUT', windowMessage);
    expectError(run(pair, { start: 8 * DAY_MS, end: 5 * DAY_MS }), 'EMPTY_INPUT', windowMessage);
    expectError(
      run(pair, { start: 5 * DAY_MS }),
      'EMPTY_INPUT',
      'transactions: expected at least 1 customer joining in the window, got none',
    );
  });

  it('rejects a period longer than the window or too short for 100 000 periods', () => {
    const week = log([
      ['a', 0],
      ['a', 6],
    ]);
    expectError(
      run(week, { timeUnit: 'week', periodLength: 2 }),
      'INVALID_OPTION',
      'options.periodLength: expected a period no longer than the window (7 days from start to end), got 2',
    );
    expectError(
      run(
        log([
          ['a', 0],
          ['a', 100_000],
        ]),
        { timeUnit: 'day' },
      ),
      'INVALID_OPTION',
      'options.periodLength: expected a period long enough for at most 100000 periods in the window (100001 days from start to end), got 1',
    );
  });

  it('rejects a non-finite expectation of the model', () => {
    const nan = { expectedPurchases: () => Number.NaN };
    const error = thrown(() => trackingCurve(nan, pair, { timeUnit: 'day', periodLength: 5 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('model.expectedPurchases(5): expected a finite number, got NaN');
    expect(error.received).toBeNaN();
  });
});
