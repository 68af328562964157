// Tests added for mutation testing (docs/testing.md): surviving mutants of src/rfm/rfmScores.ts (option checks, the
// summary fast path's guards, error paths and messages, labels of accessor functions, bin ranges, -0 normalization).
import { describe, expect, it } from 'vitest';
import { type RfmScoresOptions, type RfmScoreTable, rfmScores } from '../../src/rfm/index.js';
import { thrown } from '../support/thrown.js';

interface Summary {
  customerId: unknown;
  T: unknown;
  recency: unknown;
  transactionCount: unknown;
  totalRevenue: unknown;
  [key: string]: unknown;
}

/** A valid summary record (T 10, recency 5, 2 purchases, 10 spent), with `changes` applied. */
function summary(customerId: unknown, changes: Record<string, unknown> = {}): Summary {
  return { customerId, T: 10, recency: 5, transactionCount: 2, totalRevenue: 10, ...changes };
}

/** rfmScores on records and options of any shape, to reach its runtime checks. */
function score(records: readonly unknown[], options?: unknown): RfmScoreTable {
  return rfmScores(records as never[], options as RfmScoresOptions<never>);
}

interface Row {
  id: string;
  days: number;
  orders: number;
  spend: number;
}
const FIELDS = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' } as const;

// Two bins per dimension, scored by hand with the mid-rank rule (4 values, mid-ranks 0.5..3.5 of 4 → 2 below, 2 above):
// days (lower is better) 4, 1, 2, 3 → 1, 2, 2, 1; orders 4, 1, 3, 2 → 2, 1, 2, 1; spend 40, 10, 30, 20 → 2, 1, 2, 1.
const ROWS: Row[] = [
  { id: 'a', days: 4, orders: 4, spend: 40 },
  { id: 'b', days: 1, orders: 1, spend: 10 },
  { id: 'c', days: 2, orders: 3, spend: 30 },
  { id: 'd', days: 3, orders: 2, spend: 20 },
];

function expectError(
  run: () => unknown,
  code: string,
  path: ReadonlyArray<string | number>,
  message: string,
): ReturnType<typeof thrown> {
  const e = thrown(run);
  expect(e.code).toBe(code);
  expect(e.path).toEqual(path);
  expect(e.message).toBe(message);
  return e;
}

describe('rfmScores: a whole table, every field', () => {
  it('quantile scores, cells, weighted scores and bin ranges', () => {
    const t = rfmScores(ROWS, { bins: 2, fields: FIELDS });
    expect(t.method).toBe('quantile');
    expect(t.monetary).toBe('total');
    expect(t.bins).toEqual({ recency: 2, frequency: 2, monetary: 2 });
    expect(t.weights).toEqual({ recency: 1, frequency: 1, monetary: 1 });
    expect(t.customers).toEqual([
      {
        customerId: 'a',
        recency: 4,
        frequency: 4,
        monetary: 40,
        revenue: 40,
        recencyScore: 1,
        frequencyScore: 2,
        monetaryScore: 2,
        cell: '122',
        score: 5,
      },
      {
        customerId: 'b',
        recency: 1,
        frequency: 1,
        monetary: 10,
        revenue: 10,
        recencyScore: 2,
        frequencyScore: 1,
        monetaryScore: 1,
        cell: '211',
        score: 4,
      },
      {
        customerId: 'c',
        recency: 2,
        frequency: 3,
        monetary: 30,
        revenue: 30,
        recencyScore: 2,
        frequencyScore: 2,
        monetaryScore: 2,
        cell: '222',
        score: 6,
      },
      {
        customerId: 'd',
        recency: 3,
        frequency: 2,
        monetary: 20,
        revenue: 20,
        recencyScore: 1,
        frequencyScore: 1,
        monetaryScore: 1,
        cell: '111',
        score: 3,
      },
    ]);
    // In each bin the later customer has the smaller value: the max is not simply the last value seen.
    expect(t.ranges).toEqual({
      recency: [
        { score: 1, customers: 2, min: 3, max: 4 },
        { score: 2, customers: 2, min: 1, max: 2 },
      ],
      frequency: [
        { score: 1, customers: 2, min: 1, max: 2 },
        { score: 2, customers: 2, min: 3, max: 4 },
      ],
      monetary: [
        { score: 1, customers: 2, min: 10, max: 20 },
        { score: 2, customers: 2, min: 30, max: 40 },
      ],
    });
  });

  it('weights: R rfm style 100 / 10 / 1, negative and zero weights', () => {
    const rfmStyle = rfmScores(ROWS, {
      bins: 2,
      fields: FIELDS,
      weights: { recency: 100, frequency: 10, monetary: 1 },
    });
    expect(rfmStyle.customers.map((c) => c.score)).toEqual([122, 211, 222, 111]);
    expect(rfmStyle.weights).toEqual({ recency: 100, frequency: 10, monetary: 1 });
    const negative = rfmScores(ROWS, { bins: 2, fields: FIELDS, weights: { recency: -1 } });
    expect(negative.customers.map((c) => c.score)).toEqual([-1 + 2 + 2, -2 + 1 + 1, -2 + 2 + 2, -1 + 1 + 1]);
    expect(negative.weights).toEqual({ recency: -1, frequency: 1, monetary: 1 });
    const zero = rfmScores(ROWS, { bins: 2, fields: FIELDS, weights: { recency: 0, frequency: 0, monetary: 0 } });
    expect(zero.customers.map((c) => c.score)).toEqual([0, 0, 0, 0]);
  });

  it('large finite weights are accepted', () => {
    const t = rfmScores(ROWS, { bins: 2, fields: FIELDS, weights: { recency: 1e307 } });
    expect(t.customers.map((c) => c.score)).toEqual([1e307 + 4, 2e307 + 2, 2e307 + 4, 1e307 + 2]);
  });

  it('fixed breaks with a different number of bins per dimension', () => {
    const rows: Row[] = [
      { id: 'a', days: 5, orders: 0, spend: 50 },
      { id: 'b', days: 20, orders: 1, spend: 150 },
      { id: 'c', days: 12, orders: 3, spend: 100 },
    ];
    // recency [10]: < 10 scores 2 (recent), ≥ 10 scores 1; frequency [1, 2]: 0 → 1, 1 → 2, 3 → 3;
    // monetary [100]: 50 → 1, 100 (on the break) and 150 → 2.
    const t = rfmScores(rows, { fields: FIELDS, breaks: { recency: [10], frequency: [1, 2], monetary: [100] } });
    expect(t.method).toBe('breaks');
    expect(t.bins).toEqual({ recency: 2, frequency: 3, monetary: 2 });
    expect(t.customers.map((c) => [c.recencyScore, c.frequencyScore, c.monetaryScore, c.cell, c.score])).toEqual([
      [2, 1, 1, '211', 4],
      [1, 2, 2, '122', 5],
      [1, 3, 2, '132', 6],
    ]);
    expect(t.ranges).toEqual({
      recency: [
        { score: 1, customers: 2, min: 12, max: 20 },
        { score: 2, customers: 1, min: 5, max: 5 },
      ],
      frequency: [
        { score: 1, customers: 1, min: 0, max: 0 },
        { score: 2, customers: 1, min: 1, max: 1 },
        { score: 3, customers: 1, min: 3, max: 3 },
      ],
      monetary: [
        { score: 1, customers: 1, min: 50, max: 50 },
        { score: 2, customers: 2, min: 100, max: 150 },
      ],
    });
  });

  it('bins equal to the number of bins the breaks make is accepted', () => {
    const t = rfmScores(ROWS, {
      bins: 3,
      fields: FIELDS,
      breaks: { recency: [2, 3], frequency: [2, 3], monetary: [20, 30] },
    });
    expect(t.bins).toEqual({ recency: 3, frequency: 3, monetary: 3 });
    // days 4, 1, 2, 3 → bins (−∞,2) [2,3) [3,∞) numbered from the top: 1, 3, 2, 1.
    expect(t.customers.map((c) => c.recencyScore)).toEqual([1, 3, 2, 1]);
    expect(t.customers.map((c) => c.frequencyScore)).toEqual([3, 1, 3, 2]);
    expect(t.customers.map((c) => c.monetaryScore)).toEqual([3, 1, 3, 2]);
  });

  it('one customer scores the middle bin', () => {
    const t = score([summary('x')]);
    expect(t.customers[0]).toMatchObject({
      recencyScore: 3,
      frequencyScore: 3,
      monetaryScore: 3,
      cell: '333',
      score: 9,
    });
  });
});

describe('rfmScores: option errors', () => {
  it('an accessor that is neither a field name nor a function is INVALID_OPTION', () => {
    for (const bad of [5, null, true, {}]) {
      const e = thrown(() => score(ROWS, { fields: { ...FIELDS, recency: bad } }));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.path).toEqual(['options', 'fields', 'recency']);
      expect(e.message.startsWith('options.fields.recency: ')).toBe(true);
    }
  });

  it("method 'breaks' without breaks", () => {
    expectError(
      () => rfmScores(ROWS, { fields: FIELDS, method: 'breaks' }),
      'INVALID_OPTION',
      ['options', 'breaks'],
      "options.breaks: is required with method: 'breaks'",
    );
  });

  it('breaks with another method', () => {
    const breaks = { recency: [1], frequency: [1], monetary: [1] };
    for (const method of ['quantile', 'r-rfm'] as const) {
      expectError(
        () => rfmScores(ROWS, { fields: FIELDS, method, breaks }),
        'INVALID_OPTION',
        ['options', 'breaks'],
        "options.breaks: is only used with method: 'breaks'",
      );
    }
  });

  it('bins that disagree with the breaks', () => {
    const e = expectError(
      () => rfmScores(ROWS, { fields: FIELDS, bins: 2, breaks: { recency: [10], frequency: [1, 2], monetary: [5] } }),
      'INVALID_OPTION',
      ['options', 'bins'],
      'options.bins: is 2 but options.breaks.frequency makes 3 bins; leave bins out with breaks',
    );
    expect(e.received).toBe(2);
  });

  it('breaks that do not increase name the dimension and index', () => {
    expectError(
      () => rfmScores(ROWS, { fields: FIELDS, breaks: { recency: [1], frequency: [1], monetary: [5, 5] } }),
      'INVALID_OPTION',
      ['options', 'breaks', 'monetary', 1],
      'options.breaks.monetary[1]: expected a number > 5 (breaks must be strictly increasing), got 5',
    );
  });

  it.each([[{ recency: 1e308 }], [{ frequency: -1e308 }], [{ monetary: 1e308 }]])(
    'weights %j overflow the weighted score (5 bins · 1e308)',
    (weights) => {
      expectError(
        () => score([summary('x')], { weights }),
        'INVALID_OPTION',
        ['options', 'weights'],
        'options.weights: expected weights small enough for a finite weighted score (Σ bins·|weight| = Infinity)',
      );
    },
  );

  it('fields.recency and fields.lastPurchase together', () => {
    expectError(
      () => score(ROWS, { fields: { ...FIELDS, lastPurchase: 'last' }, asOf: '2024-01-01' }),
      'INVALID_OPTION',
      ['options', 'fields', 'lastPurchase'],
      'options.fields.lastPurchase: give either fields.recency (time since the last purchase) or fields.lastPurchase with asOf, not both',
    );
  });

  it('asOf or timeUnit without fields.lastPurchase', () => {
    for (const options of [{ fields: FIELDS, asOf: '2024-01-01' }, { asOf: 0 }]) {
      expectError(
        () => score(options.fields === undefined ? [summary('x')] : ROWS, options),
        'INVALID_OPTION',
        ['options', 'asOf'],
        'options.asOf: is only used with options.fields.lastPurchase',
      );
    }
    for (const options of [{ fields: FIELDS, timeUnit: 'week' }, { timeUnit: 'day' }]) {
      expectError(
        () => score(options.fields === undefined ? [summary('x')] : ROWS, options),
        'INVALID_OPTION',
        ['options', 'timeUnit'],
        'options.timeUnit: is only used with options.fields.lastPurchase',
      );
    }
  });

  it('fields.lastPurchase without asOf, or with an invalid asOf', () => {
    const fields = { customerId: 'id', lastPurchase: 'last', frequency: 'orders', monetary: 'spend' };
    const rows = [{ id: 'a', last: '2024-01-01', orders: 1, spend: 1 }];
    expectError(
      () => score(rows, { fields }),
      'INVALID_OPTION',
      ['options', 'asOf'],
      'options.asOf: is required with options.fields.lastPurchase',
    );
    expectError(
      () => score(rows, { fields, asOf: 'not a date' }),
      'INVALID_OPTION',
      ['options', 'asOf'],
      'options.asOf: expected a date (a valid Date, an ISO 8601 string or epoch milliseconds), got the string "not a date"',
    );
  });

  // Summary records carry every field name below, so reading them as summaries would succeed: only the check of
  // `fields` stops these.
  const recencyRequired =
    'options.fields.recency: is required with the other fields (or give fields.lastPurchase with asOf); no value is guessed from summary fields';
  it.each([
    [{ frequency: 'transactionCount' }, ['options', 'fields', 'recency'], recencyRequired],
    [{ monetary: 'totalRevenue' }, ['options', 'fields', 'recency'], recencyRequired],
    [{ frequency: 'transactionCount', monetary: 'totalRevenue' }, ['options', 'fields', 'recency'], recencyRequired],
    [
      { recency: 'recency' },
      ['options', 'fields', 'frequency'],
      'options.fields.frequency: is required with the other fields; no value is guessed from summary fields',
    ],
    [
      { recency: 'recency', frequency: 'transactionCount' },
      ['options', 'fields', 'monetary'],
      'options.fields.monetary: is required with the other fields; no value is guessed from summary fields',
    ],
  ])('incomplete fields %j', (fields, path, message) => {
    expectError(() => score([summary('x'), summary('y')], { fields }), 'INVALID_OPTION', path, message);
  });

  it('fields.lastPurchase alone (with asOf) still needs frequency and monetary', () => {
    expectError(
      () => score([summary('x', { last: '2024-01-01' })], { fields: { lastPurchase: 'last' }, asOf: '2024-02-01' }),
      'INVALID_OPTION',
      ['options', 'fields', 'frequency'],
      'options.fields.frequency: is required with the other fields; no value is guessed from summary fields',
    );
  });
});

describe('rfmScores: the customers argument', () => {
  it('not a collection', () => {
    expectError(
      () => rfmScores(null as never),
      'INVALID_INPUT',
      ['customers'],
      'customers: expected an array or iterable of records, got null',
    );
  });
  it('empty', () => {
    expectError(() => rfmScores([]), 'EMPTY_INPUT', ['customers'], 'customers: expected at least 1 record, got none');
  });
  it('a throwing element getter names the record (summaries and fields)', () => {
    const summaries: unknown[] = [summary('x'), summary('y')];
    Object.defineProperty(summaries, 1, {
      get() {
        throw new Error('boom');
      },
    });
    const e = expectError(
      () => score(summaries),
      'INVALID_INPUT',
      ['customers', 1],
      'customers[1]: reading the value threw (boom)',
    );
    expect((e.cause as Error).message).toBe('boom');
    const rows: unknown[] = [...ROWS];
    Object.defineProperty(rows, 2, {
      get() {
        throw new Error('bang');
      },
    });
    expectError(
      () => score(rows, { fields: FIELDS }),
      'INVALID_INPUT',
      ['customers', 2],
      'customers[2]: reading the value threw (bang)',
    );
  });
});

describe('rfmScores: records read through fields', () => {
  it('ids: missing, NaN, infinite or an object are INVALID_INPUT naming the id field', () => {
    const noId = ROWS.map(({ days, orders, spend }) => ({ days, orders, spend }));
    expectError(
      () => score(noId, { fields: { recency: 'days', frequency: 'orders', monetary: 'spend' } }),
      'INVALID_INPUT',
      ['customers', 0, 'customerId'],
      'customers[0].customerId: expected a customer id (a string or a finite number), got undefined',
    );
    for (const [id, got] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [null, 'null'],
      [{}, 'an object'],
    ] as const) {
      const rows = [
        { ...ROWS[0], id: 'ok' },
        { ...ROWS[1], id },
      ];
      expectError(
        () => score(rows, { fields: FIELDS }),
        'INVALID_INPUT',
        ['customers', 1, 'id'],
        `customers[1].id: expected a customer id (a string or a finite number), got ${got}`,
      );
    }
    const numeric = score(
      ROWS.map((r, i) => ({ ...r, id: i * 10 })),
      { fields: FIELDS, bins: 2 },
    );
    expect(numeric.customers.map((c) => c.customerId)).toEqual([0, 10, 20, 30]);
  });

  it('a negative or non-finite value is INVALID_INPUT naming the field', () => {
    expectError(
      () => score([{ ...ROWS[0] }, { ...ROWS[1], days: -1 }], { fields: FIELDS }),
      'INVALID_INPUT',
      ['customers', 1, 'days'],
      'customers[1].days: expected a finite number ≥ 0, got -1',
    );
    expectError(
      () => score([{ ...ROWS[0], spend: Number.NaN }], { fields: FIELDS }),
      'INVALID_INPUT',
      ['customers', 0, 'spend'],
      'customers[0].spend: expected a finite number ≥ 0, got NaN',
    );
  });

  it('-0 is read as +0 in every column', () => {
    const t = rfmScores(
      [
        { id: 'a', days: -0, orders: -0, spend: -0 },
        { id: 'b', days: 3, orders: 2, spend: 5 },
      ],
      { fields: FIELDS, bins: 2 },
    );
    const a = t.customers[0];
    expect(Object.is(a?.recency, 0)).toBe(true);
    expect(Object.is(a?.frequency, 0)).toBe(true);
    expect(Object.is(a?.monetary, 0)).toBe(true);
    expect(Object.is(a?.revenue, 0)).toBe(true);
    expect(Object.is(t.ranges.recency[1]?.min, 0)).toBe(true);
  });

  it('accessor functions are named by the quantity in messages', () => {
    const ok = { id: 'a', days: 1, orders: 1, spend: 1 };
    const fns = {
      customerId: (r: Row) => r.id,
      recency: (r: Row) => r.days,
      frequency: (r: Row) => r.orders,
      monetary: (r: Row) => r.spend,
    };
    expectError(
      () => score([ok, { ...ok, days: -2 }], { fields: fns }),
      'INVALID_INPUT',
      ['customers', 1, 'recency'],
      'customers[1].recency: expected a finite number ≥ 0, got -2',
    );
    expectError(
      () => score([ok, { ...ok, orders: -3 }], { fields: fns }),
      'INVALID_INPUT',
      ['customers', 1, 'frequency'],
      'customers[1].frequency: expected a finite number ≥ 0, got -3',
    );
    expectError(
      () => score([ok, { ...ok, spend: -4 }], { fields: fns }),
      'INVALID_INPUT',
      ['customers', 1, 'monetary'],
      'customers[1].monetary: expected a finite number ≥ 0, got -4',
    );
    expectError(
      () => score([ok, { ...ok, id: Number.NaN }], { fields: fns }),
      'INVALID_INPUT',
      ['customers', 1, 'customerId'],
      'customers[1].customerId: expected a customer id (a string or a finite number), got NaN',
    );
  });

  it('a throwing accessor names the record and the quantity', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const cases = [
      ['customerId', { ...FIELDS, customerId: boom }],
      ['recency', { ...FIELDS, recency: boom }],
      ['frequency', { ...FIELDS, frequency: boom }],
      ['monetary', { ...FIELDS, monetary: boom }],
    ] as const;
    for (const [name, fields] of cases) {
      const e = expectError(
        () => score(ROWS, { fields }),
        'INVALID_INPUT',
        ['customers', 0, name],
        `customers[0].${name}: reading the value threw (boom)`,
      );
      expect(e.index).toBe(0);
    }
    expectError(
      () => score(ROWS, { fields: { ...FIELDS, recency: undefined, lastPurchase: boom }, asOf: 0 }),
      'INVALID_INPUT',
      ['customers', 0, 'lastPurchase'],
      'customers[0].lastPurchase: reading the value threw (boom)',
    );
  });
});

describe('rfmScores: lastPurchase with asOf', () => {
  const fields = { customerId: 'id', lastPurchase: 'last', frequency: 'orders', monetary: 'spend' };
  const rows = [
    { id: 'a', last: '2024-01-31', orders: 1, spend: 1 },
    { id: 'b', last: '2024-01-01', orders: 2, spend: 2 },
    { id: 'c', last: new Date(Date.UTC(2024, 0, 24)), orders: 3, spend: 3 },
    { id: 'd', last: Date.UTC(2024, 0, 30, 12), orders: 4, spend: 4 },
  ];

  it('recency is the time from the last purchase to asOf; a purchase on asOf is 0', () => {
    const t = score(rows, { fields, asOf: '2024-01-31' });
    expect(t.customers.map((c) => c.recency)).toEqual([0, 30, 7, 0.5]);
    const weeks = score(rows, { fields, asOf: new Date(Date.UTC(2024, 0, 31)), timeUnit: 'week' });
    expect(weeks.customers.map((c) => c.recency)).toEqual([0, 30 / 7, 1, 0.5 / 7]);
  });

  it('a purchase after asOf is INVALID_INPUT naming the field', () => {
    const e = expectError(
      () => score(rows, { fields, asOf: Date.UTC(2024, 0, 30) }),
      'INVALID_INPUT',
      ['customers', 0, 'last'],
      'customers[0].last: is after options.asOf (2024-01-30T00:00:00.000Z); expected a last purchase on or before the analysis date',
    );
    expect(e.received).toBe('2024-01-31');
  });

  it('an invalid date is INVALID_INPUT; an accessor function is named lastPurchase', () => {
    expectError(
      () => score([{ ...rows[0], last: 'garbage' }], { fields, asOf: '2024-02-01' }),
      'INVALID_INPUT',
      ['customers', 0, 'last'],
      'customers[0].last: expected a date (a valid Date, an ISO 8601 string or epoch milliseconds), got the string "garbage"',
    );
    expectError(
      () =>
        score([rows[0], { ...rows[1], last: 'garbage' }], {
          fields: { ...fields, lastPurchase: (r: { last: unknown }) => r.last },
          asOf: '2024-02-01',
        }),
      'INVALID_INPUT',
      ['customers', 1, 'lastPurchase'],
      'customers[1].lastPurchase: expected a date (a valid Date, an ISO 8601 string or epoch milliseconds), got the string "garbage"',
    );
  });
});

describe("rfmScores: monetary: 'average'", () => {
  it('scores spend per purchase, 0 for no purchases and no spend', () => {
    const t = score(
      [
        summary('a', { transactionCount: 4, totalRevenue: 100 }),
        summary('b', { transactionCount: 0, totalRevenue: 0 }),
        summary('c', { transactionCount: 2, totalRevenue: 10 }),
      ],
      { monetary: 'average', bins: 3 },
    );
    expect(t.monetary).toBe('average');
    expect(t.customers.map((c) => [c.monetary, c.revenue])).toEqual([
      [25, 100],
      [0, 0],
      [5, 10],
    ]);
    expect(t.customers.map((c) => c.monetaryScore)).toEqual([3, 1, 2]);
  });

  it('spend without purchases names the spend and count fields', () => {
    expectError(
      () => score([summary('a'), summary('b', { transactionCount: 0, totalRevenue: 5 })], { monetary: 'average' }),
      'INVALID_INPUT',
      ['customers', 1, 'totalRevenue'],
      "customers[1].totalRevenue: is 5 but transactionCount is 0, so the average spend per purchase is undefined (use monetary: 'total')",
    );
    const rows = [{ id: 'a', days: 1, orders: 0, spend: 7 }];
    expectError(
      () => score(rows, { fields: FIELDS, monetary: 'average' }),
      'INVALID_INPUT',
      ['customers', 0, 'spend'],
      "customers[0].spend: is 7 but orders is 0, so the average spend per purchase is undefined (use monetary: 'total')",
    );
    const fns = {
      recency: (r: Row) => r.days,
      frequency: (r: Row) => r.orders,
      monetary: (r: Row) => r.spend,
    };
    expectError(
      () => score(rows, { fields: { ...fns, customerId: 'id' }, monetary: 'average' }),
      'INVALID_INPUT',
      ['customers', 0, 'monetary'],
      "customers[0].monetary: is 7 but frequency is 0, so the average spend per purchase is undefined (use monetary: 'total')",
    );
  });
});

describe('rfmScores: customer summaries', () => {
  it('edge values accepted: T = 0, recency = T, no purchases, no spend', () => {
    const t = score([
      summary('a', { T: 0, recency: 0, transactionCount: 0, totalRevenue: 0 }),
      summary('b', { T: 8, recency: 8 }),
      summary('c', { T: 9, recency: 2, transactionCount: 5, totalRevenue: 3 }),
    ]);
    expect(t.customers.map((c) => [c.recency, c.frequency, c.revenue])).toEqual([
      [0, 0, 0],
      [0, 2, 10],
      [7, 5, 3],
    ]);
  });

  it('totalRevenue -0 is read as +0', () => {
    const t = score([summary('a', { totalRevenue: -0 }), summary('b')]);
    expect(Object.is(t.customers[0]?.revenue, 0)).toBe(true);
    expect(Object.is(t.customers[0]?.monetary, 0)).toBe(true);
  });

  it('a customerId accessor is used (field name or function)', () => {
    const records = [summary('x', { name: 'first' }), summary('y', { name: 'second' })];
    expect(score(records, { fields: { customerId: 'name' } }).customers.map((c) => c.customerId)).toEqual([
      'first',
      'second',
    ]);
    expect(
      score(records, { fields: { customerId: (_r: unknown, i: number) => i + 100 } }).customers.map(
        (c) => c.customerId,
      ),
    ).toEqual([100, 101]);
  });

  it('a throwing customerId accessor names the record', () => {
    expectError(
      () =>
        score([summary('x')], {
          fields: {
            customerId: () => {
              throw new Error('boom');
            },
          },
        }),
      'INVALID_INPUT',
      ['customers', 0, 'customerId'],
      'customers[0].customerId: reading the value threw (boom)',
    );
  });

  it('a bad id is INVALID_INPUT naming the id field; numbers are fine', () => {
    for (const [id, got] of [
      [Number.NaN, 'NaN'],
      [null, 'null'],
      [undefined, 'undefined'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
    ] as const) {
      expectError(
        () => score([summary('ok'), summary(id)]),
        'INVALID_INPUT',
        ['customers', 1, 'customerId'],
        `customers[1].customerId: expected a customer id (a string or a finite number), got ${got}`,
      );
    }
    expectError(
      () =>
        score([summary('ok', { name: 'n' }), summary('x', { name: Number.NaN })], { fields: { customerId: 'name' } }),
      'INVALID_INPUT',
      ['customers', 1, 'name'],
      'customers[1].name: expected a customer id (a string or a finite number), got NaN',
    );
    expect(score([summary(0), summary(-7)]).customers.map((c) => c.customerId)).toEqual([0, -7]);
  });

  it('a record that is not an object', () => {
    for (const [record, got] of [
      [null, 'null'],
      [5, '5'],
      ['abc', 'the string "abc"'],
    ] as const) {
      expectError(
        () => score([summary('ok'), record]),
        'INVALID_INPUT',
        ['customers', 1],
        `customers[1]: expected a customer summary object, got ${got}`,
      );
    }
  });

  // Each bad field on its own (the others valid): numeric strings would pass the later comparisons by coercion.
  it.each([
    ['T', '5', 'the string "5"'],
    ['recency', '5', 'the string "5"'],
    ['transactionCount', '2', 'the string "2"'],
    ['totalRevenue', '10', 'the string "10"'],
    ['T', Number.NaN, 'NaN'],
    ['T', Number.POSITIVE_INFINITY, 'Infinity'],
    ['T', -1, '-1'],
    ['recency', -1, '-1'],
    ['recency', Number.NaN, 'NaN'],
    ['transactionCount', -1, '-1'],
    ['transactionCount', Number.POSITIVE_INFINITY, 'Infinity'],
    ['transactionCount', Number.NaN, 'NaN'],
    ['totalRevenue', -1, '-1'],
    ['totalRevenue', Number.POSITIVE_INFINITY, 'Infinity'],
    ['totalRevenue', null, 'null'],
    ['T', undefined, 'undefined'],
  ])('summary field %s = %s is INVALID_INPUT naming the field', (field, value, got) => {
    const e = expectError(
      () => score([summary('ok'), summary('bad', { [field]: value })]),
      'INVALID_INPUT',
      ['customers', 1, field],
      `customers[1].${field}: expected a finite number ≥ 0, got ${got}`,
    );
    expect(e.index).toBe(1);
  });

  it('a missing summary field says so and how to read other records', () => {
    const record = summary('bad');
    delete record.totalRevenue;
    expectError(
      () => score([summary('ok'), record]),
      'INVALID_INPUT',
      ['customers', 1, 'totalRevenue'],
      'customers[1].totalRevenue: expected a finite number ≥ 0, got nothing (the field is missing); without options.fields, ' +
        'records are read as CustomerSummary (customerId, T, recency, transactionCount, totalRevenue); for other records give ' +
        'options.fields.recency (or lastPurchase with asOf), frequency and monetary',
    );
  });

  it('recency beyond T', () => {
    for (const [T, recency] of [
      [0, 1],
      [3, 5],
    ] as const) {
      const e = expectError(
        () => score([summary('ok'), summary('bad', { T, recency })]),
        'INVALID_INPUT',
        ['customers', 1, 'recency'],
        `customers[1].recency: expected at most T (${T}), got ${recency}: a summary's recency is the time from the first to the last purchase, within T`,
      );
      expect(e.received).toBe(recency);
    }
  });
});

describe('rfmScores on summaries reads −0 as +0 (regression)', () => {
  it('a transaction count of −0, and T − recency with T = −0, come back as +0 in the scores and the ranges', () => {
    const t = score([summary('a', { T: -0, recency: 0, transactionCount: -0, totalRevenue: 0 }), summary('b')]);
    const a = t.customers.find((c) => c.customerId === 'a');
    expect(Object.is(a?.frequency, 0)).toBe(true);
    expect(Object.is(a?.recency, 0)).toBe(true);
    const frequencyBin = t.ranges.frequency.find((r) => r.score === a?.frequencyScore);
    const recencyBin = t.ranges.recency.find((r) => r.score === a?.recencyScore);
    expect(Object.is(frequencyBin?.min, 0) && Object.is(frequencyBin?.max, 0)).toBe(true);
    expect(Object.is(recencyBin?.min, 0) && Object.is(recencyBin?.max, 0)).toBe(true);
  });
});
