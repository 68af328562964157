// Written for the mutants of src/clv/models/shared.ts that survived Stryker (see docs/testing.md): the input side of
// the models. Which inputs count as a summary table (null, arrays and functions carrying `customers`/`timeUnit`), the
// exact error texts of the customer, duration and weight checks, class instances whose fields are prototype getters
// (read on the fast path, which the validating path would reject), the merging of identical rows (duplicates at
// index 0, weight-0 rows, −0 against 0, hundreds of rows that share frequency and T so that hash slots collide) and
// the lengths of the merged columns.
import { describe, expect, it } from 'vitest';
import {
  compressRows,
  durationInUnit,
  readCustomersForModel,
  readSummaryColumns,
  readWeights,
  type SummaryColumns,
  unpackCustomers,
} from '../../../src/clv/models/shared.js';
import { thrown } from '../../support/thrown.js';

/** Hand-made columns for compressRows. */
function columns(rows: ReadonlyArray<readonly [number, number, number]>): SummaryColumns {
  return {
    frequency: Float64Array.from(rows, (r) => r[0]),
    recency: Float64Array.from(rows, (r) => r[1]),
    T: Float64Array.from(rows, (r) => r[2]),
    count: rows.length,
    timeUnit: undefined,
  };
}

/** A customer summary whose three fields are getters on its class's prototype (no own properties). */
class Summary {
  readonly #values: readonly [number, number, number];
  constructor(frequency: number, recency: number, T: number) {
    this.#values = [frequency, recency, T];
  }
  get frequency(): number {
    return this.#values[0];
  }
  get recency(): number {
    return this.#values[1];
  }
  get T(): number {
    return this.#values[2];
  }
}

const throwing = (): never => {
  throw new Error('boom');
};

describe('unpackCustomers: what counts as a summary table', () => {
  it('rejects null as not an array or iterable (no table check reads properties of null)', () => {
    const e = thrown(() => unpackCustomers(null, 'customers'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers: expected an array or iterable of records, got null');
  });

  it('takes an array as the records even when it has own customers and timeUnit properties', () => {
    const records = Object.assign([{ frequency: 1, recency: 1, T: 2 }], {
      customers: [{ frequency: 5, recency: 3, T: 4 }],
      timeUnit: 'year',
    });
    const out = unpackCustomers(records, 'customers');
    expect(out.records).toBe(records);
    expect(out.timeUnit).toBeUndefined();
  });

  it('rejects a function that carries customers and timeUnit properties', () => {
    const fn = Object.assign(() => 0, { customers: [{ frequency: 1, recency: 1, T: 2 }], timeUnit: 'week' });
    const e = thrown(() => unpackCustomers(fn, 'customers'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers: expected an array or iterable of records, got a function');
  });

  it('needs both customers and timeUnit: an object with only one of them is not a table', () => {
    for (const input of [{ customers: [{ frequency: 1, recency: 1, T: 2 }] }, { timeUnit: 'week' }]) {
      const e = thrown(() => unpackCustomers(input, 'customers'));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe('customers: expected an array or iterable of records, got an object');
    }
  });

  it('reads a table with its declared unit', () => {
    const customers = [{ frequency: 1, recency: 1, T: 2 }];
    const out = unpackCustomers({ customers, timeUnit: 'month' }, 'customers');
    expect(out.records).toBe(customers);
    expect(out.timeUnit).toBe('month');
  });

  it('rejects an unknown time unit with the exact message', () => {
    const e = thrown(() => unpackCustomers({ customers: [], timeUnit: 'fortnight' }, 'people'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe("people.timeUnit: expected 'day', 'week', 'month' or 'year', got the string \"fortnight\"");
    expect(e.path).toEqual(['people', 'timeUnit']);
    // Through readCustomersForModel too: an unknown unit never reaches the unit conversion.
    const e2 = thrown(() =>
      readCustomersForModel({ customers: [{ frequency: 0, recency: 0, T: 1 }], timeUnit: 'x' }, 'week'),
    );
    expect(e2.message).toBe("customers.timeUnit: expected 'day', 'week', 'month' or 'year', got the string \"x\"");
  });

  it('turns a throwing timeUnit getter into INVALID_INPUT naming the input', () => {
    const table = { customers: [{ frequency: 1, recency: 1, T: 2 }] } as Record<string, unknown>;
    Object.defineProperty(table, 'timeUnit', { get: throwing, enumerable: true });
    const e = thrown(() => unpackCustomers(table, 'people'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('people: reading the value threw (boom)');
    expect(e.path).toEqual(['people']);
    expect((e.cause as Error).message).toBe('boom');
  });
});

describe('readSummaryColumns', () => {
  it('reads class instances whose fields are prototype getters, scaling the times', () => {
    // One record per branch of the fast path: frequency 0 with recency 0, recency equal to T, 0 < recency < T.
    const records = [new Summary(1, 0.5, 2), new Summary(0, 0, 3), new Summary(2, 4, 4)];
    const cols = readSummaryColumns(records, 'customers', 7);
    expect(Array.from(cols.frequency)).toEqual([1, 0, 2]);
    expect(Array.from(cols.recency)).toEqual([3.5, 0, 28]);
    expect(Array.from(cols.T)).toEqual([14, 21, 28]);
    expect(cols.count).toBe(3);
    // Through readCustomersForModel: a table in days read by a weekly model.
    const weekly = readCustomersForModel({ customers: [new Summary(3, 7, 14)], timeUnit: 'day' }, 'week');
    expect(Array.from(weekly.recency)).toEqual([1]);
    expect(Array.from(weekly.T)).toEqual([2]);
    expect(weekly.timeUnit).toBe('day');
  });

  it('rejects a recency or a T given as a numeric string', () => {
    const r = thrown(() => readSummaryColumns([{ frequency: 1, recency: '1', T: 2 }], 'customers'));
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.message).toBe('customers[0].recency: expected a finite number ≥ 0, got the string "1"');
    const t = thrown(() =>
      readSummaryColumns(
        [
          { frequency: 1, recency: 1, T: 2 },
          { frequency: 1, recency: 1, T: '2' },
        ],
        'c',
      ),
    );
    expect(t.code).toBe('INVALID_INPUT');
    expect(t.message).toBe('c[1].T: expected a finite number ≥ 0, got the string "2"');
    expect(t.index).toBe(1);
    const f = thrown(() => readSummaryColumns([{ frequency: '1', recency: 1, T: 2 }], 'customers'));
    expect(f.message).toBe('customers[0].frequency: expected a whole number ≥ 0, got the string "1"');
  });

  it('rejects a negative recency of a repeat customer', () => {
    const e = thrown(() => readSummaryColumns([{ frequency: 1, recency: -1, T: 2 }], 'customers'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers[0].recency: expected a finite number ≥ 0, got -1');
  });

  it('rejects null, primitive and function records with the record message', () => {
    const fn = Object.assign(() => 0, { frequency: 1, recency: 1, T: 2 });
    const cases: Array<[unknown, string]> = [
      [null, 'customers[1]: expected a record with frequency, recency and T, got null'],
      [5, 'customers[1]: expected a record with frequency, recency and T, got 5'],
      [fn, 'customers[1]: expected a record with frequency, recency and T, got a function'],
    ];
    for (const [bad, message] of cases) {
      const e = thrown(() => readSummaryColumns([{ frequency: 0, recency: 0, T: 1 }, bad], 'customers'));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(message);
      expect(e.path).toEqual(['customers', 1]);
    }
  });

  it('rejects recency > T with the bound in the message', () => {
    const e = thrown(() => readSummaryColumns([{ frequency: 1, recency: 3, T: 2 }], 'customers'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers[0].recency: expected recency ≤ T (2), got 3');
    expect(e.received).toBe(3);
  });

  it('rejects a positive recency with frequency 0, below T and equal to T', () => {
    const below = thrown(() => readSummaryColumns([{ frequency: 0, recency: 1, T: 2 }], 'customers'));
    expect(below.code).toBe('INVALID_INPUT');
    expect(below.message).toBe(
      'customers[0].recency: expected 0 when frequency is 0 (recency is the time of the last repeat purchase), got 1',
    );
    const equal = thrown(() => readSummaryColumns([{ frequency: 0, recency: 2, T: 2 }], 'customers'));
    expect(equal.message).toBe(
      'customers[0].recency: expected 0 when frequency is 0 (recency is the time of the last repeat purchase), got 2',
    );
  });

  it('turns a throwing field getter into INVALID_INPUT naming the record', () => {
    const bad = { frequency: 1, T: 2 } as Record<string, unknown>;
    Object.defineProperty(bad, 'recency', { get: throwing, enumerable: true });
    const e = thrown(() => readSummaryColumns([{ frequency: 0, recency: 0, T: 1 }, bad], 'customers'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers[1]: reading the value threw (boom)');
    expect(e.path).toEqual(['customers', 1]);
  });

  // Regression: the validating path used to read own properties only, so an invalid class instance (fields as
  // prototype getters) was reported as missing its frequency instead of by its real fault.
  it('reports the real fault of an invalid class-instance record, reading each field once', () => {
    const e = thrown(() => readSummaryColumns([new Summary(1, 5, 2)], 'customers'));
    expect(e.message).toBe('customers[0].recency: expected recency ≤ T (2), got 5');
    let reads = 0;
    const counted = {
      frequency: 1,
      get recency() {
        reads++;
        return 5;
      },
      T: 2,
    };
    expect(thrown(() => readSummaryColumns([counted], 'customers')).message).toBe(
      'customers[0].recency: expected recency ≤ T (2), got 5',
    );
    expect(reads).toBe(1);
  });
});

describe('durationInUnit', () => {
  it('converts each unit key into the model unit', () => {
    expect(durationInUnit({ days: 14 }, 'week', ['t'])).toBe(2);
    expect(durationInUnit({ weeks: 3 }, 'day', ['t'])).toBe(21);
    expect(durationInUnit({ years: 2 }, 'day', ['t'])).toBe(730.485);
    expect(durationInUnit(2.5, 'month', ['t'])).toBe(2.5);
  });

  it('reads −0 as +0, plain and under a unit key', () => {
    expect(Object.is(durationInUnit(-0, 'week', ['t']), 0)).toBe(true);
    expect(Object.is(durationInUnit({ weeks: -0 }, 'week', ['t']), 0)).toBe(true);
  });

  it('rejects a negative plain number naming the duration', () => {
    const e = thrown(() => durationInUnit(-1, 'week', ['horizon']));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('horizon: expected a finite number ≥ 0, got -1');
  });

  it('rejects null, undefined, two keys and an unknown key with the exact message', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'null'],
      [undefined, 'undefined'],
      [{ days: 7, weeks: 1 }, 'an object'],
      [{ hours: 3 }, 'an object'],
      ['7', 'the string "7"'],
    ];
    for (const [bad, got] of cases) {
      const e = thrown(() => durationInUnit(bad, 'week', ['horizon']));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(
        `horizon: expected a number ≥ 0 or one of { days }, { weeks }, { months }, { years }, got ${got}`,
      );
      expect(e.path).toEqual(['horizon']);
    }
  });

  it('names the key of a negative or throwing unit value', () => {
    const negative = thrown(() => durationInUnit({ months: -2 }, 'week', ['horizon']));
    expect(negative.code).toBe('INVALID_INPUT');
    expect(negative.message).toBe('horizon.months: expected a finite number ≥ 0, got -2');
    const value = {} as Record<string, unknown>;
    Object.defineProperty(value, 'days', { get: throwing, enumerable: true });
    const e = thrown(() => durationInUnit(value, 'week', ['horizon']));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('horizon.days: reading the value threw (boom)');
    expect(e.path).toEqual(['horizon', 'days']);
  });

  it('gives every error the path segments and code it is called with', () => {
    const path = ['options', 'at'];
    const cases: Array<[unknown, string, unknown[]]> = [
      [-1, 'options.at: expected a finite number ≥ 0, got -1', ['options', 'at']],
      [{ weeks: Number.NaN }, 'options.at.weeks: expected a finite number ≥ 0, got NaN', ['options', 'at', 'weeks']],
      [
        'soon',
        'options.at: expected a number ≥ 0 or one of { days }, { weeks }, { months }, { years }, got the string "soon"',
        ['options', 'at'],
      ],
    ];
    for (const [bad, message, at] of cases) {
      const e = thrown(() => durationInUnit(bad, 'week', path, 'INVALID_OPTION'));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toBe(message);
      expect(e.path).toEqual(at);
    }
    const value = {} as Record<string, unknown>;
    Object.defineProperty(value, 'days', { get: throwing, enumerable: true });
    const e = thrown(() => durationInUnit(value, 'week', path, 'INVALID_OPTION'));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['options', 'at', 'days']);
    expect(path).toEqual(['options', 'at']);
  });
});

describe('compressRows', () => {
  it('merges duplicates (including of row 0) in first-appearance order and trims the columns', () => {
    const out = compressRows(
      columns([
        [1, 2, 5],
        [0, 0, 5],
        [1, 2, 5],
        [3, 4, 6],
        [0, 0, 5],
        [1, 2, 5],
      ]),
      undefined,
    );
    expect(out.count).toBe(3);
    expect(Array.from(out.frequency)).toEqual([1, 0, 3]);
    expect(Array.from(out.recency)).toEqual([2, 0, 4]);
    expect(Array.from(out.T)).toEqual([5, 5, 6]);
    expect(Array.from(out.weight)).toEqual([3, 2, 1]);
    expect(out.totalWeight).toBe(6);
  });

  it('drops rows of weight 0 and adds the weights of the others', () => {
    const out = compressRows(
      columns([
        [1, 1, 3],
        [2, 2, 3],
        [1, 1, 3],
        [4, 1, 3],
      ]),
      Float64Array.from([1.5, 0, 2, 0.25]),
    );
    expect(out.count).toBe(2);
    expect(Array.from(out.frequency)).toEqual([1, 4]);
    expect(Array.from(out.weight)).toEqual([3.5, 0.25]);
    expect(out.weight.length).toBe(2);
    expect(out.totalWeight).toBe(3.75);
  });

  it('treats −0 and 0 as the same value', () => {
    const rows: Array<[number, number, number]> = [];
    for (let t = 1; t <= 12; t++) rows.push([0, 0, t], [0, -0, t], [-0, -0, t]);
    const out = compressRows(columns(rows), undefined);
    expect(out.count).toBe(12);
    expect(Array.from(out.T)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(Array.from(out.weight)).toEqual(new Array(12).fill(3));
  });

  it('keeps apart hundreds of distinct rows sharing frequency and T (hash slots collide)', () => {
    const rows: Array<[number, number, number]> = [];
    for (let k = 0; k < 600; k++) rows.push([1, k / 8, 100]);
    for (let k = 0; k < 600; k++) rows.push([k % 7, 3, 100]);
    const out = compressRows(columns(rows), undefined);
    // 600 recencies with frequency 1, then 7 frequencies with recency 3, of which (1, 3, 100) is already row 24.
    expect(out.count).toBe(606);
    expect(Array.from(out.recency.subarray(0, 600))).toEqual(rows.slice(0, 600).map((r) => r[1]));
    expect(Array.from(out.frequency.subarray(600))).toEqual([0, 2, 3, 4, 5, 6]);
    expect(out.weight[24]).toBe(1 + 86);
    expect(out.totalWeight).toBe(1200);
  });
});

describe('readWeights', () => {
  it('returns undefined without weights and a copy otherwise (0 allowed)', () => {
    expect(readWeights(undefined, 3)).toBeUndefined();
    const out = readWeights([0, 2.5, 0], 3) as Float64Array;
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([0, 2.5, 0]);
  });

  it('rejects a length different from the number of records', () => {
    const e = thrown(() => readWeights([1], 2));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights: expected 2 weights (one per customer record), got 1');
    expect(e.path).toEqual(['options', 'weights']);
  });

  it('rejects negative, NaN, infinite and non-number weights after a valid one', () => {
    const cases: Array<[unknown, string]> = [
      [-1, '-1'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['1', 'the string "1"'],
    ];
    for (const [bad, got] of cases) {
      const e = thrown(() => readWeights([1, bad] as unknown as ArrayLike<number>, 2));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toBe(`options.weights[1]: expected a finite number ≥ 0, got ${got}`);
      expect(e.path).toEqual(['options', 'weights', 1]);
    }
  });

  it('rejects weights that are all zero', () => {
    const e = thrown(() => readWeights([0, 0], 2));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights: expected at least one positive weight');
    expect(e.path).toEqual(['options', 'weights']);
  });

  it('turns a throwing element getter into an error naming the element', () => {
    const weights = { length: 2, 0: 1 } as Record<string | number, unknown>;
    Object.defineProperty(weights, 1, { get: throwing });
    const e = thrown(() => readWeights(weights as unknown as ArrayLike<number>, 2));
    // INVALID_OPTION like every other weights error (it was INVALID_INPUT).
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.weights[1]: reading the value threw (boom)');
    expect(e.path).toEqual(['options', 'weights', 1]);
  });
});
