import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { calibrationHoldoutSplit, createSummaryBuilder, summarizeCustomers } from '../../src/data/index.js';
import type { CustomerSummary } from '../../src/data/types.js';
import { loadCdnowSample, loadNumericCsv } from '../support/fixtures.js';
import { fc, test } from '../support/property.js';

const cdnow = loadCdnowSample();

describe('summarizeCustomers on CDNOW (reproduces lifetimes / Fader-Hardie-Lee 2005)', () => {
  const { customers, counts } = summarizeCustomers(cdnow, {
    period: 'day',
    timeUnit: 'week',
    observationEnd: '1997-09-30',
  });
  const expected = loadNumericCsv('cdnow_customers_summary.csv');
  const withMonetary = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
  const byId = new Map(customers.map((c) => [c.customerId, c]));

  it('has the 2,357 customers and uses the 4,960 calibration rows', () => {
    expect(customers).toHaveLength(2357);
    expect(counts).toEqual({ read: 6919, used: 4960, afterObservationEnd: 1959, skipped: 0 });
  });

  it('frequencies identical; recency and T equal the file after rounding to 2 decimals', () => {
    for (const row of expected) {
      const c = byId.get(row.ID as number) as CustomerSummary;
      expect(c.frequency).toBe(row.frequency);
      expect(Math.round(c.recency * 100) / 100).toBeCloseTo(row.recency as number, 10);
      expect(Math.round(c.T * 100) / 100).toBeCloseTo(row.T as number, 10);
    }
    expect(customers.reduce((s, c) => s + c.frequency, 0)).toBe(2457);
  });

  it('monetary values equal zbar within half a cent', () => {
    for (const row of withMonetary) {
      const c = byId.get(row.ID as number) as CustomerSummary;
      expect(Math.abs(c.monetaryValue - (row.zbar as number))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('agrees with an independent naive computation of every field', () => {
    const days = new Map<number, Map<string, number>>();
    for (const r of cdnow) {
      if (r.date > '19970930') continue;
      const m = days.get(r.customerId) ?? new Map<string, number>();
      m.set(r.date, (m.get(r.date) ?? 0) + r.amount);
      days.set(r.customerId, m);
    }
    const toDays = (s: string): number =>
      Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
    const end = toDays('19970930');
    for (const [id, m] of days) {
      const dates = [...m.keys()].sort();
      const c = byId.get(id) as CustomerSummary;
      const first = toDays(dates[0] as string);
      const last = toDays(dates[dates.length - 1] as string);
      expect(c.frequency).toBe(dates.length - 1);
      expect(c.recency).toBeCloseTo((last - first) / 7, 12);
      expect(c.T).toBeCloseTo((end - first) / 7, 12);
      const repeat = dates.slice(1).map((d) => m.get(d) as number);
      const mean = repeat.length ? repeat.reduce((a, b) => a + b, 0) / repeat.length : 0;
      expect(c.monetaryValue).toBeCloseTo(mean, 9);
      expect(c.firstPurchase.getTime()).toBe(first * 86_400_000);
    }
  });
});

describe('summarizeCustomers conventions', () => {
  it('counts purchases in the same period once and sums their amounts (day, week, month)', () => {
    const log = [
      { customerId: 'a', date: '2024-01-01', amount: 10 }, // Monday
      { customerId: 'a', date: '2024-01-01', amount: 5 },
      { customerId: 'a', date: '2024-01-07', amount: 20 }, // Sunday, same ISO week
      { customerId: 'a', date: '2024-01-08', amount: 40 }, // next week
      { customerId: 'a', date: '2024-02-01', amount: 100 }, // next month
    ];
    const day = summarizeCustomers(log).customers[0] as CustomerSummary;
    expect(day).toMatchObject({
      frequency: 3,
      recency: 31,
      T: 31,
      monetaryValue: (20 + 40 + 100) / 3,
      transactionCount: 5,
    });
    const week = summarizeCustomers(log, { period: 'week' }).customers[0] as CustomerSummary;
    expect(week).toMatchObject({ frequency: 2, monetaryValue: (40 + 100) / 2 });
    const month = summarizeCustomers(log, { period: 'month', monetary: 'mean' }).customers[0] as CustomerSummary;
    expect(month).toMatchObject({ frequency: 1, monetaryValue: (75 + 100) / 2, totalRevenue: 175 });
    const total = summarizeCustomers(log, { monetary: 'total' }).customers[0] as CustomerSummary;
    expect(total.monetaryValue).toBe(175);
  });

  it('measures recency and T in the requested unit with calendar-average months and years', () => {
    const log = [
      { customerId: 1, date: '2023-01-01', amount: 1 },
      { customerId: 1, date: '2024-01-01', amount: 1 },
    ];
    const opts = { observationEnd: '2024-01-01' } as const;
    expect(summarizeCustomers(log, { ...opts, timeUnit: 'day' }).customers[0]?.recency).toBe(365);
    expect(summarizeCustomers(log, { ...opts, timeUnit: 'week' }).customers[0]?.recency).toBeCloseTo(365 / 7, 12);
    expect(summarizeCustomers(log, { ...opts, timeUnit: 'month' }).customers[0]?.recency).toBeCloseTo(
      365 / 30.436875,
      12,
    );
    expect(summarizeCustomers(log, { ...opts, timeUnit: 'year' }).customers[0]?.recency).toBeCloseTo(
      365 / 365.2425,
      12,
    );
  });

  it('reads dates in UTC in every accepted form and truncates them to the day', () => {
    const forms = [
      '2024-03-10',
      '20240310',
      '2024-03-10T23:59:59',
      '2024-03-10T23:30:00Z',
      '2024-03-11T01:00:00+02:00',
      new Date(Date.UTC(2024, 2, 10, 12)),
      Date.UTC(2024, 2, 10, 6),
    ];
    for (const date of forms) {
      const c = summarizeCustomers([{ customerId: 1, date, amount: 1 }]).customers[0] as CustomerSummary;
      expect(c.firstPurchase.toISOString(), String(date)).toBe('2024-03-10T00:00:00.000Z');
    }
  });

  it('excludes transactions after the observation end (inclusive end) and reports them', () => {
    const log = [
      { customerId: 1, date: '2024-01-01', amount: 1 },
      { customerId: 1, date: '2024-01-31T18:00:00Z', amount: 2 },
      { customerId: 1, date: '2024-02-01', amount: 4 },
      { customerId: 2, date: '2024-02-05', amount: 8 },
    ];
    const table = summarizeCustomers(log, { observationEnd: '2024-01-31' });
    expect(table.customers).toHaveLength(1);
    expect(table.customers[0]).toMatchObject({ frequency: 1, recency: 30, T: 30, totalRevenue: 3 });
    expect(table.counts).toEqual({ read: 4, used: 2, afterObservationEnd: 2, skipped: 0 });
    expect(table.observationEnd?.toISOString()).toBe('2024-01-31T00:00:00.000Z');
  });

  it('nets negative amounts (returns) into the period total', () => {
    const log = [
      { customerId: 1, date: '2024-01-01', amount: 50 },
      { customerId: 1, date: '2024-01-02', amount: 30 },
      { customerId: 1, date: '2024-01-02', amount: -10 },
    ];
    expect(summarizeCustomers(log).customers[0]).toMatchObject({ frequency: 1, monetaryValue: 20, totalRevenue: 70 });
  });

  it('treats ids like __proto__, constructor and toString as ordinary ids, and 1 and "1" as different', () => {
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 1, '1'];
    const log = ids.map((customerId, i) => ({ customerId, date: `2024-01-0${i + 1}`, amount: i + 1 }));
    const { customers } = summarizeCustomers(log);
    expect(customers.map((c) => c.customerId)).toEqual(ids);
    expect(customers.map((c) => c.totalRevenue)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.prototype).not.toHaveProperty('frequency');
  });

  it('accepts field names and accessor functions', () => {
    const rows = [
      { cust: 'x', order_date: '2024-01-01', total: '12.5' },
      { cust: 'x', order_date: '2024-01-03', total: '7.5' },
    ];
    const { customers } = summarizeCustomers(rows, {
      customerId: (r) => r.cust,
      date: 'order_date',
      amount: (r) => Number(r.total),
    });
    expect(customers[0]).toMatchObject({ customerId: 'x', frequency: 1, monetaryValue: 7.5, totalRevenue: 20 });
  });

  it('returns an empty table for empty input', () => {
    const table = summarizeCustomers([]);
    expect(table.customers).toEqual([]);
    expect(table.observationEnd).toBeNull();
    expect(table.counts).toEqual({ read: 0, used: 0, afterObservationEnd: 0, skipped: 0 });
  });

  it('accepts any iterable, e.g. a generator', () => {
    function* gen(): Generator<{ customerId: number; date: string; amount: number }> {
      yield { customerId: 1, date: '2024-01-01', amount: 1 };
      yield { customerId: 1, date: '2024-01-02', amount: 2 };
    }
    expect(summarizeCustomers(gen()).customers[0]?.frequency).toBe(1);
  });

  it('does not mutate its input', () => {
    const log = Object.freeze([
      Object.freeze({ customerId: 2, date: '2024-01-05', amount: 3 }),
      Object.freeze({ customerId: 1, date: '2024-01-01', amount: 1 }),
    ]);
    const copy = structuredClone(log);
    summarizeCustomers(log, { observationEnd: '2024-02-01' });
    expect(log).toEqual(copy);
  });
});

describe('summarizeCustomers bad input', () => {
  const catchError = (fn: () => unknown): CrmAnalyticsError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof CrmAnalyticsError) return e;
      throw new Error(`expected a CrmAnalyticsError, got ${String(e)}`);
    }
    throw new Error('expected a throw');
  };
  const good = { customerId: 1, date: '2024-01-01', amount: 1 };

  it.each([
    [{ ...good, amount: Number.NaN }, 'transactions[1].amount: expected a finite number, got NaN'],
    [{ ...good, amount: Number.POSITIVE_INFINITY }, 'transactions[1].amount: expected a finite number, got Infinity'],
    [{ ...good, amount: '12' }, 'transactions[1].amount: expected a finite number, got the string "12"'],
    [{ ...good, date: '2024-02-30' }, 'transactions[1].date: expected a date'],
    [{ ...good, date: new Date(Number.NaN) }, 'transactions[1].date: expected a date'],
    [{ ...good, date: 'yesterday' }, 'transactions[1].date: expected a date'],
    [{ date: '2024-01-01', amount: 1 }, 'transactions[1].customerId: expected a customer id'],
    [{ ...good, customerId: '' }, 'transactions[1].customerId: expected a customer id'],
    [null, 'transactions[1]: expected a transaction record'],
  ])('names the record and field: %o', (bad, message) => {
    const error = catchError(() => summarizeCustomers([good, bad]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.index).toBe(1);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('skips invalid records with onInvalid: "skip" and reports them with reasons', () => {
    const table = summarizeCustomers([good, { ...good, amount: Number.NaN }, { ...good, date: 'x' }], {
      onInvalid: 'skip',
    });
    expect(table.customers).toHaveLength(1);
    expect(table.counts).toMatchObject({ read: 3, used: 1, skipped: 2 });
    expect(table.skipped).toEqual([
      { index: 1, field: 'amount', reason: 'transactions[1].amount: expected a finite number, got NaN' },
      { index: 2, field: 'date', reason: expect.stringContaining('transactions[2].date: expected a date') },
    ]);
  });

  it('turns an accessor that throws into a CrmAnalyticsError naming the record', () => {
    const error = catchError(() =>
      summarizeCustomers([good, good], {
        amount: (_r, i) => {
          if (i === 1) throw new Error('boom');
          return 1;
        },
      }),
    );
    expect(error.message).toBe('transactions[1].amount: reading the value threw (boom)');
  });

  it('rejects bad options with INVALID_OPTION naming the option', () => {
    expect(catchError(() => summarizeCustomers([good], { period: 'year' as 'day' })).message).toMatch(
      /^options\.period: expected one of/,
    );
    expect(catchError(() => summarizeCustomers([good], { observationEnd: 'soon' })).message).toMatch(
      /^options\.observationEnd: expected a date/,
    );
    expect(catchError(() => summarizeCustomers([good], { typo: 1 } as never)).code).toBe('INVALID_OPTION');
  });

  it('rejects a non-iterable input', () => {
    expect(catchError(() => summarizeCustomers(42 as never)).code).toBe('INVALID_INPUT');
  });
});

const txArb = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('a', 'b', '__proto__', 'constructor')),
  date: fc
    .integer({ min: 0, max: 400 })
    .map((d) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000 + (d % 3) * 3_600_000)),
  amount: fc.integer({ min: -500, max: 100_000 }).map((c) => c / 100),
});
const logArb = fc.array(txArb, { maxLength: 80 });

const canonical = (customers: CustomerSummary[]): Map<unknown, CustomerSummary> =>
  new Map(customers.map((c) => [c.customerId, c]));

describe('summarizeCustomers properties', () => {
  test.prop([logArb, fc.constantFrom('day', 'week', 'month' as const)])(
    'frequency ≤ transactions − 1, 0 ≤ recency ≤ T, counts add up',
    (log, period) => {
      const table = summarizeCustomers(log, { period });
      for (const c of table.customers) {
        expect(c.frequency).toBeGreaterThanOrEqual(0);
        expect(c.frequency).toBeLessThanOrEqual(c.transactionCount - 1);
        expect(c.recency).toBeGreaterThanOrEqual(0);
        expect(c.recency).toBeLessThanOrEqual(c.T);
        expect(Number.isFinite(c.monetaryValue)).toBe(true);
      }
      expect(table.customers.reduce((s, c) => s + c.transactionCount, 0)).toBe(log.length);
    },
  );

  test.prop([logArb, fc.integer()])('is invariant to the order of the input, to the last bit', (log, seed) => {
    const shuffled = fc.sample(fc.shuffledSubarray(log, { minLength: log.length }), { seed, numRuns: 1 })[0] ?? [];
    expect(canonical(summarizeCustomers(shuffled).customers)).toEqual(canonical(summarizeCustomers(log).customers));
  });

  test.prop([logArb, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('day', 'week' as const)])(
    'merging builders over any split equals summarizing the whole',
    (log, cuts, period) => {
      const points = [...new Set(cuts.map((c) => (log.length === 0 ? 0 : c % (log.length + 1))))].sort((a, b) => a - b);
      const parts: (typeof log)[] = [];
      let prev = 0;
      for (const p of [...points, log.length]) {
        parts.push(log.slice(prev, p));
        prev = p;
      }
      const end = '2024-06-01';
      const merged = parts
        .map((part) => createSummaryBuilder({ period, observationEnd: end }).addMany(part))
        .reduce((a, b) => a.merge(b));
      const whole = summarizeCustomers(log, { period, observationEnd: end });
      const result = merged.build();
      expect(result.customers).toEqual(whole.customers);
      expect(result.counts).toEqual(whole.counts);
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 3 })])(
    'scaling amounts by a power of two scales monetary values exactly',
    (log, k) => {
      const f = 2 ** k;
      const base = summarizeCustomers(log).customers;
      const scaled = summarizeCustomers(log.map((t) => ({ ...t, amount: t.amount * f }))).customers;
      scaled.forEach((c, i) => {
        expect(c.totalRevenue).toBe((base[i] as CustomerSummary).totalRevenue * f);
      });
    },
  );
});

describe('createSummaryBuilder', () => {
  it('refuses to merge builders with different options, or a builder into itself', () => {
    const a = createSummaryBuilder({ period: 'day' });
    expect(() => a.merge(createSummaryBuilder({ period: 'week' }))).toThrow(/different period/);
    expect(() => a.merge(a)).toThrow(CrmAnalyticsError);
    expect(() => a.merge({} as never)).toThrow(CrmAnalyticsError);
  });

  it('shifts the indices of skipped records of a merged builder', () => {
    const a = createSummaryBuilder({ onInvalid: 'skip' }).addMany([{ customerId: 1, date: '2024-01-01', amount: 1 }]);
    const b = createSummaryBuilder({ onInvalid: 'skip' }).addMany([{ customerId: 1, date: 'bad', amount: 1 }]);
    const table = a.merge(b).build();
    expect(table.skipped[0]?.index).toBe(1);
    expect(a.size).toBe(1);
  });
});

describe('calibrationHoldoutSplit', () => {
  it('on CDNOW: calibration summaries equal summarizeCustomers up to the calibration end; holdout agrees with a naive count', () => {
    const split = calibrationHoldoutSplit(cdnow, {
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
      timeUnit: 'week',
    });
    const calibration = summarizeCustomers(cdnow, { observationEnd: '1997-09-30', timeUnit: 'week' }).customers;
    expect(split.customers).toHaveLength(2357);
    split.customers.forEach((c, i) => {
      const { holdoutFrequency, holdoutMonetary, holdoutDuration, ...base } = c;
      expect(base).toEqual(calibration[i]);
      expect(holdoutDuration).toBeCloseTo(273 / 7, 12);
    });
    const holdoutDays = new Map<number, Map<string, number>>();
    for (const r of cdnow) {
      if (r.date <= '19970930') continue;
      const m = holdoutDays.get(r.customerId) ?? new Map<string, number>();
      m.set(r.date, (m.get(r.date) ?? 0) + r.amount);
      holdoutDays.set(r.customerId, m);
    }
    for (const c of split.customers) {
      const m = holdoutDays.get(c.customerId as number);
      expect(c.holdoutFrequency).toBe(m?.size ?? 0);
      const mean = m ? [...m.values()].reduce((a, b) => a + b, 0) / m.size : 0;
      expect(c.holdoutMonetary).toBeCloseTo(mean, 9);
    }
    expect(split.counts).toEqual({ read: 6919, used: 6919, afterObservationEnd: 0, skipped: 0 });
  });

  it('requires the observation end to be after the calibration end', () => {
    expect(() =>
      calibrationHoldoutSplit([{ customerId: 1, date: '2024-01-01', amount: 1 }], {
        calibrationEnd: '2024-02-01',
        observationEnd: '2024-01-15',
      }),
    ).toThrow(/options\.observationEnd: must be after calibrationEnd/);
    expect(() => calibrationHoldoutSplit([], {} as never)).toThrow(/options\.calibrationEnd/);
  });
});
