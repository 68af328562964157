import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { summarizeCustomers } from '../../src/data/index.js';
import type { CustomerSummary } from '../../src/data/types.js';
import { type RfmScoresOptions, rfmScores, rfmSegments } from '../../src/rfm/index.js';
import { loadCdnowSample, loadNumericCsv } from '../support/fixtures.js';
import { fc, test } from '../support/property.js';
import { rRfmScores, rRfmSegment } from './rReference.js';

function summary(
  customerId: string | number,
  values: { T: number; recency: number; transactionCount: number; totalRevenue: number },
): CustomerSummary {
  return {
    customerId,
    frequency: values.transactionCount - 1,
    monetaryValue: 0,
    firstPurchase: new Date(0),
    lastPurchase: new Date(0),
    ...values,
  };
}

function thrown(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError');
}

interface Row {
  id: number;
  days: number;
  orders: number;
  amount: number;
}
const FIELDS = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'amount' } as const;

// A small table scored by hand with R rfm's documented scheme (see rReference.ts for the algorithm):
// recency days 10..100: type-7 quintile breaks 28, 46, 64, 82 (+1 → 29, 47, 65, 83) → 5 5 4 4 3 3 2 2 1 1.
// amount: breaks 112, 260, 454, 664 (+1) → 1 2 1 3 2 4 3 5 4 5.
// orders 1 1 1 1 2 2 3 4 6 9: breaks 1, 1.6, 2.4, 4.4 (+1 → 2, 2.6, 3.4, 5.4) → 1 1 1 1 2 2 3 4 5 5.
const HAND_TABLE: Row[] = [
  { id: 1, days: 10, orders: 1, amount: 50 },
  { id: 2, days: 20, orders: 1, amount: 120 },
  { id: 3, days: 30, orders: 1, amount: 80 },
  { id: 4, days: 40, orders: 1, amount: 300 },
  { id: 5, days: 50, orders: 2, amount: 200 },
  { id: 6, days: 60, orders: 2, amount: 640 },
  { id: 7, days: 70, orders: 3, amount: 410 },
  { id: 8, days: 80, orders: 4, amount: 900 },
  { id: 9, days: 90, orders: 6, amount: 520 },
  { id: 10, days: 100, orders: 9, amount: 760 },
];

describe('rfmScores on customer summaries', () => {
  it('scores recency as T − recency (time since the last purchase), not the summary recency', () => {
    // a: first-to-last 90 of T 100 → last purchase 10 ago; b: first-to-last 10 of 100 → 90 ago; c: 5 ago.
    const customers = [
      summary('a', { T: 100, recency: 90, transactionCount: 3, totalRevenue: 30 }),
      summary('b', { T: 100, recency: 10, transactionCount: 3, totalRevenue: 30 }),
      summary('c', { T: 5, recency: 0, transactionCount: 3, totalRevenue: 30 }),
    ];
    const table = rfmScores(customers, { bins: 3 });
    expect(table.customers.map((c) => c.recency)).toEqual([10, 90, 5]);
    expect(table.customers.map((c) => c.recencyScore)).toEqual([2, 1, 3]);
    // Scoring the summary's recency as is would have ranked b the most recent: the trap.
    expect(table.customers[1]?.recencyScore).toBe(1);
  });

  it('reads F = transactionCount and M = totalRevenue, or spend per purchase with monetary: average', () => {
    const customers = [
      summary(1, { T: 10, recency: 0, transactionCount: 1, totalRevenue: 100 }),
      summary(2, { T: 10, recency: 5, transactionCount: 10, totalRevenue: 200 }),
    ];
    const total = rfmScores(customers, { bins: 2 });
    expect(total.customers.map((c) => [c.frequency, c.monetary, c.revenue])).toEqual([
      [1, 100, 100],
      [10, 200, 200],
    ]);
    expect(total.customers.map((c) => c.monetaryScore)).toEqual([1, 2]);
    const average = rfmScores(customers, { bins: 2, monetary: 'average' });
    expect(average.monetary).toBe('average');
    expect(average.customers.map((c) => [c.monetary, c.revenue])).toEqual([
      [100, 100],
      [20, 200],
    ]);
    expect(average.customers.map((c) => c.monetaryScore)).toEqual([2, 1]);
  });

  it('agrees with days since the last purchase on CDNOW summaries built from the transaction log', () => {
    const log = loadCdnowSample();
    const { customers } = summarizeCustomers(log, { observationEnd: '1997-09-30', timeUnit: 'day' });
    const table = rfmScores(customers);
    // Independent: the last calibration purchase per customer, straight from the log.
    const last = new Map<number, string>();
    for (const row of log) {
      if (row.date <= '19970930' && (last.get(row.customerId) ?? '') < row.date) last.set(row.customerId, row.date);
    }
    const end = Date.UTC(1997, 8, 30);
    table.customers.forEach((c) => {
      const d = last.get(c.customerId as number) as string;
      const days =
        (end - Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)))) / 86_400_000;
      expect(c.recency).toBe(days);
    });
    // Customer 1 bought on 1997-01-01, 01-18 and 08-02 in the calibration period: 59 days before 09-30.
    expect(table.customers[0]).toMatchObject({ customerId: 1, recency: 59, frequency: 3 });
    expect(table.customers).toHaveLength(2357);
  });
});

describe('rfmScores on any records', () => {
  it('reads field names and accessor functions', () => {
    const rows = [
      { who: 'x', d: 3, n: 2, s: 10 },
      { who: 'y', d: 1, n: 5, s: 90 },
    ];
    const byName = rfmScores(rows, {
      bins: 2,
      fields: { customerId: 'who', recency: 'd', frequency: 'n', monetary: 's' },
    });
    const byFunction = rfmScores(rows, {
      bins: 2,
      fields: { customerId: (r) => r.who, recency: (r) => r.d, frequency: (r) => r.n, monetary: (r, i) => r.s + i * 0 },
    });
    expect(byName.customers).toEqual(byFunction.customers);
    expect(byName.customers.map((c) => c.cell)).toEqual(['111', '222']);
  });

  it('computes recency from a last-purchase date and asOf, in the chosen unit', () => {
    const rows = [
      { id: 'a', last: '2024-03-01', n: 1, s: 5 },
      { id: 'b', last: new Date(Date.UTC(2024, 2, 29)), n: 2, s: 8 },
      { id: 'c', last: Date.UTC(2024, 1, 2), n: 3, s: 9 },
    ];
    const fields = { customerId: 'id', lastPurchase: 'last', frequency: 'n', monetary: 's' };
    const days = rfmScores(rows, { bins: 3, fields, asOf: '2024-03-31' });
    expect(days.customers.map((c) => c.recency)).toEqual([30, 2, 58]);
    expect(days.customers.map((c) => c.recencyScore)).toEqual([2, 3, 1]);
    const weeks = rfmScores(rows, { bins: 3, fields, asOf: '2024-03-31', timeUnit: 'week' });
    expect(weeks.customers[2]?.recency).toBeCloseTo(58 / 7, 12);
  });

  it('reproduces R rfm on the hand-checked table where no ties sit at a break', () => {
    const table = rfmScores(HAND_TABLE, { fields: FIELDS, weights: { recency: 100, frequency: 10, monetary: 1 } });
    const expectedRecency = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1];
    const expectedMonetary = [1, 2, 1, 3, 2, 4, 3, 5, 4, 5];
    expect(table.customers.map((c) => c.recencyScore)).toEqual(expectedRecency);
    expect(table.customers.map((c) => c.monetaryScore)).toEqual(expectedMonetary);
    // The reference implementation of R's algorithm agrees with the hand computation…
    expect(
      rRfmScores(
        HAND_TABLE.map((r) => r.days),
        5,
        true,
      ),
    ).toEqual(expectedRecency);
    expect(
      rRfmScores(
        HAND_TABLE.map((r) => r.amount),
        5,
        false,
      ),
    ).toEqual(expectedMonetary);
    expect(
      rRfmScores(
        HAND_TABLE.map((r) => r.orders),
        5,
        false,
      ),
    ).toEqual([1, 1, 1, 1, 2, 2, 3, 4, 5, 5]);
    // …and frequency differs where ties matter (documented in docs/rfm.md): the tied 2s take the bin holding their
    // middle (3), not R's bin 2; R's quantile breaks leave its bins at sizes 4 2 1 1 2, ours 4 0 2 2 2.
    expect(table.customers.map((c) => c.frequencyScore)).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
    // R rfm_score = 100R + 10F + M.
    expect(table.customers.map((c) => c.score)).toEqual([511, 512, 411, 413, 332, 334, 243, 245, 154, 155]);
    // Segments with R's documented table, by hand: 511/512/411 New Customers, 413 Promising, 332/334 Potential
    // Loyalist (R's own 322/324 would be Loyal Customers), 243 Loyal Customers, 245 Can't Lose Them, 154/155 At Risk.
    const segments = rfmSegments(table).customers.map((c) => c.segment);
    expect(segments).toEqual([
      'New Customers',
      'New Customers',
      'New Customers',
      'Promising',
      'Potential Loyalist',
      'Potential Loyalist',
      'Loyal Customers',
      "Can't Lose Them",
      'At Risk',
      'At Risk',
    ]);
    table.customers.forEach((c, i) => {
      expect(rRfmSegment(c.recencyScore, c.frequencyScore, c.monetaryScore)).toBe(segments[i]);
    });
  });

  it("shows R rfm's +1 on its breaks: 1..10 in 5 bins gives R sizes 3 2 2 2 1, ours 2 2 2 2 2", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(rRfmScores(values, 5, false)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    const rows = values.map((v) => ({ id: v, days: v, orders: v, amount: v }));
    expect(rfmScores(rows, { fields: FIELDS }).customers.map((c) => c.frequencyScore)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });

  it("reproduces R rfm's own scores with method: 'r-rfm' (hand-checked table, +1 breaks, CDNOW)", () => {
    const table = rfmScores(HAND_TABLE, {
      method: 'r-rfm',
      fields: FIELDS,
      weights: { recency: 100, frequency: 10, monetary: 1 },
    });
    expect(table.method).toBe('r-rfm');
    // By hand from R's algorithm (see HAND_TABLE): R's rfm_score column.
    expect(table.customers.map((c) => c.score)).toEqual([511, 512, 411, 413, 322, 324, 233, 245, 154, 155]);
    const ones = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => ({ id: v, days: v, orders: v, amount: v }));
    const r = rfmScores(ones, { method: 'r-rfm', fields: FIELDS });
    expect(r.ranges.frequency.map((b) => b.customers)).toEqual([3, 2, 2, 2, 1]);
    expect(r.ranges.recency.map((b) => b.customers)).toEqual([1, 2, 2, 2, 3]);
    const cdnow = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
    const scored = rfmScores(cdnow, {
      method: 'r-rfm',
      fields: {
        customerId: 'ID',
        recency: (row) => (row.T as number) - (row.t_x as number),
        frequency: 'x',
        monetary: 'zbar',
      },
    });
    expect(scored.customers.map((c) => c.frequencyScore)).toEqual(
      rRfmScores(
        cdnow.map((row) => row.x as number),
        5,
        false,
      ),
    );
    expect(scored.customers.map((c) => c.recencyScore)).toEqual(
      rRfmScores(
        cdnow.map((row) => (row.T as number) - (row.t_x as number)),
        5,
        true,
      ),
    );
    expect(scored.ranges.frequency.map((b) => b.customers)).toEqual([1411, 0, 439, 214, 293]);
    expect(
      thrown(() =>
        rfmScores(HAND_TABLE, {
          method: 'r-rfm',
          fields: FIELDS,
          breaks: { recency: [1], frequency: [1], monetary: [1] },
        }),
      ).code,
    ).toBe('INVALID_OPTION');
  });

  it('scores with explicit breaks (left-closed, recency reversed)', () => {
    const table = rfmScores(HAND_TABLE, {
      fields: FIELDS,
      breaks: { recency: [30, 90], frequency: [2, 4], monetary: [100, 500, 800] },
    });
    expect(table.method).toBe('breaks');
    expect(table.bins).toEqual({ recency: 3, frequency: 3, monetary: 4 });
    expect(table.customers.map((c) => c.recencyScore)).toEqual([3, 3, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(table.customers.map((c) => c.frequencyScore)).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(table.customers.map((c) => c.monetaryScore)).toEqual([1, 2, 1, 2, 2, 3, 2, 4, 3, 3]);
    expect(table.customers[7]?.cell).toBe('234');
  });

  it('writes cells with dashes when a dimension has 10 bins', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: i, days: i, orders: i, amount: i }));
    const table = rfmScores(rows, { bins: 10, fields: FIELDS });
    expect(table.customers[0]?.cell).toBe('10-1-1');
    expect(table.customers[19]?.cell).toBe('1-10-10');
  });

  it('reports each bin with its customers and value range, empty bins included', () => {
    const rows = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5].map((v, i) => ({ id: i, days: v, orders: v, amount: v }));
    const { ranges } = rfmScores(rows, { fields: FIELDS });
    expect(ranges.frequency).toEqual([
      { score: 1, customers: 0, min: null, max: null },
      { score: 2, customers: 6, min: 1, max: 1 },
      { score: 3, customers: 0, min: null, max: null },
      { score: 4, customers: 2, min: 2, max: 3 },
      { score: 5, customers: 2, min: 4, max: 5 },
    ]);
    expect(ranges.recency.map((r) => r.customers)).toEqual([2, 2, 0, 6, 0]);
  });

  it('accepts any iterable and does not mutate its input', () => {
    const rows = HAND_TABLE.map((r) => ({ ...r }));
    const before = JSON.stringify(rows);
    const fromSet = rfmScores(new Set(rows), { fields: FIELDS });
    const fromArray = rfmScores(rows, { fields: FIELDS });
    expect(fromSet.customers).toEqual(fromArray.customers);
    expect(JSON.stringify(rows)).toBe(before);
  });
});

describe('rfmScores: bad input and options', () => {
  const good = HAND_TABLE;
  it('rejects an empty input', () => {
    expect(thrown(() => rfmScores([], { fields: FIELDS })).code).toBe('EMPTY_INPUT');
  });
  it('names the record and field for non-finite or negative frequency and monetary', () => {
    const bad = (patch: Partial<Row>, at = 3): Row[] => good.map((r, i) => (i === at ? { ...r, ...patch } : r));
    let e = thrown(() => rfmScores(bad({ orders: Number.NaN }), { fields: FIELDS }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('customers[3].orders: expected a finite number ≥ 0, got NaN');
    e = thrown(() => rfmScores(bad({ amount: -5 }), { fields: FIELDS }));
    expect(e.message).toBe('customers[3].amount: expected a finite number ≥ 0, got -5');
    expect(e.index).toBe(3);
    e = thrown(() => rfmScores(bad({ amount: Number.POSITIVE_INFINITY }, 0), { fields: FIELDS }));
    expect(e.path).toEqual(['customers', 0, 'amount']);
    e = thrown(() => rfmScores(bad({ days: -1 }), { fields: FIELDS }));
    expect(e.message).toContain('customers[3].days');
  });
  it('names bad summary fields and the recency > T trap', () => {
    const customers = [summary('a', { T: 10, recency: 12, transactionCount: 2, totalRevenue: 5 })];
    const e = thrown(() => rfmScores(customers));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^customers\[0\]\.recency: expected at most T \(10\), got 12/);
    const negative = [summary('a', { T: 10, recency: 2, transactionCount: 2, totalRevenue: -5 })];
    expect(thrown(() => rfmScores(negative)).message).toBe(
      'customers[0].totalRevenue: expected a finite number ≥ 0, got -5',
    );
  });
  it('never guesses: records without summary fields and without options.fields are an error', () => {
    const e = thrown(() => rfmScores(good as unknown as CustomerSummary[]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('customers[0].T: expected a finite number ≥ 0, got nothing (the field is missing)');
    expect(e.message).toContain('options.fields.recency');
  });
  it('requires all of recency (or lastPurchase), frequency and monetary fields', () => {
    const partial = { recency: 'days', frequency: 'orders' };
    const e = thrown(() => rfmScores(good, { fields: partial }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/^options\.fields\.monetary: is required/);
    expect(thrown(() => rfmScores(good, { fields: { frequency: 'orders', monetary: 'amount' } })).code).toBe(
      'INVALID_OPTION',
    );
    expect(
      thrown(() => rfmScores(good, { fields: { ...FIELDS, lastPurchase: 'x' }, asOf: '2024-01-01' })).message,
    ).toMatch(/^options\.fields\.lastPurchase/);
  });
  it('requires asOf with lastPurchase, and only with it', () => {
    const fields = { lastPurchase: 'last', frequency: 'n', monetary: 's' };
    expect(thrown(() => rfmScores([{ last: '2024-01-01', n: 1, s: 1, customerId: 1 }], { fields })).message).toMatch(
      /^options\.asOf: is required/,
    );
    expect(thrown(() => rfmScores(good, { fields: FIELDS, asOf: '2024-01-01' })).message).toMatch(/^options\.asOf/);
    expect(thrown(() => rfmScores(good, { fields: FIELDS, timeUnit: 'week' })).code).toBe('INVALID_OPTION');
    expect(
      thrown(() => rfmScores([{ last: 'soon', n: 1, s: 1, customerId: 1 }], { fields, asOf: '2024-01-01' })).message,
    ).toMatch(/^customers\[0\]\.last: expected a date/);
    expect(
      thrown(() => rfmScores([{ last: '2024-02-01', n: 1, s: 1, customerId: 1 }], { fields, asOf: '2024-01-01' }))
        .message,
    ).toMatch(/^customers\[0\]\.last: is after options\.asOf/);
    expect(thrown(() => rfmScores(good, { fields, asOf: 'not a date' })).code).toBe('INVALID_OPTION');
  });
  it('rejects bins outside 2–10', () => {
    for (const bins of [1, 11, 3.5]) {
      const e = thrown(() => rfmScores(good, { fields: FIELDS, bins }));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toMatch(/^options\.bins/);
    }
  });
  it('rejects breaks that are not strictly increasing, naming the dimension and index', () => {
    const e = thrown(() =>
      rfmScores(good, { fields: FIELDS, breaks: { recency: [30, 90], frequency: [2, 2], monetary: [100] } }),
    );
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe(
      'options.breaks.frequency[1]: expected a number > 2 (breaks must be strictly increasing), got 2',
    );
    expect(thrown(() => rfmScores(good, { fields: FIELDS, method: 'breaks' })).message).toMatch(/^options\.breaks/);
    expect(
      thrown(() =>
        rfmScores(good, {
          fields: FIELDS,
          method: 'quantile',
          breaks: { recency: [1], frequency: [1], monetary: [1] },
        }),
      ).code,
    ).toBe('INVALID_OPTION');
    expect(
      thrown(() =>
        rfmScores(good, { fields: FIELDS, bins: 4, breaks: { recency: [1], frequency: [1], monetary: [1] } }),
      ).message,
    ).toMatch(/^options\.bins/);
  });
  it('rejects unknown options and a monetary mode that is not total or average', () => {
    expect(thrown(() => rfmScores(good, { fields: FIELDS, bin: 5 } as RfmScoresOptions<Row>)).code).toBe(
      'INVALID_OPTION',
    );
    expect(
      thrown(() => rfmScores(good, { fields: FIELDS, monetary: 'amount' } as unknown as RfmScoresOptions<Row>)).message,
    ).toMatch(/^options\.monetary/);
  });
  it('rejects average spend for a customer with spend but no purchases', () => {
    const rows = [
      { id: 1, days: 1, orders: 0, amount: 5 },
      { id: 2, days: 2, orders: 1, amount: 5 },
    ];
    const e = thrown(() => rfmScores(rows, { fields: FIELDS, monetary: 'average' }));
    expect(e.message).toMatch(/^customers\[0\]\.amount: is 5 but orders is 0/);
    const zero = rfmScores([{ ...rows[0], amount: 0 } as Row, rows[1] as Row], { fields: FIELDS, monetary: 'average' });
    expect(zero.customers[0]?.monetary).toBe(0);
  });
  it('rejects bad customer ids and an accessor that throws', () => {
    expect(thrown(() => rfmScores([{ ...good[0], id: null }], { fields: FIELDS })).message).toMatch(
      /^customers\[0\]\.id: expected a customer id/,
    );
    const e = thrown(() =>
      rfmScores(good, {
        fields: {
          ...FIELDS,
          frequency: () => {
            throw new Error('boom');
          },
        },
      }),
    );
    expect(e.message).toBe('customers[0].frequency: reading the value threw (boom)');
  });
});

describe('rfmScores on the CDNOW summary fixture', () => {
  // ID, x (repeat transactions), t_x (weeks first→last), T (weeks), zbar (mean repeat spend; 0 when x = 0).
  const rows = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
  const fields = {
    customerId: 'ID',
    recency: (r: Record<string, number>) => (r.T as number) - (r.t_x as number),
    frequency: 'x',
    monetary: 'zbar',
  };

  it('scores the 2,357 customers; the 1,411 one-time buyers share F and M scores', () => {
    const table = rfmScores(rows, { fields });
    expect(table.customers).toHaveLength(2357);
    const oneTime = table.customers.filter((c) => c.frequency === 0);
    expect(oneTime).toHaveLength(1411); // 2,357 − 946 repeat buyers (datasets README)
    expect(new Set(oneTime.map((c) => c.frequencyScore))).toEqual(new Set([2]));
    expect(new Set(oneTime.map((c) => c.monetaryScore))).toEqual(new Set([2]));
    // The run of 1,411 zeros spans ranks 0–59.9%; its middle (29.9%) is in the second quintile, so F = 1 stays empty,
    // where R's quantile breaks would give these customers F = 1 and leave bins 2–3 empty.
    // The 439 customers with x = 1 hold ranks 1411–1849 (middle 69.2%): the fourth quintile.
    const once = table.customers.filter((c) => c.frequency === 1);
    expect(once).toHaveLength(439);
    expect(new Set(once.map((c) => c.frequencyScore))).toEqual(new Set([4]));
    expect(table.ranges.frequency.map((b) => b.customers)).toEqual([0, 1411, 0, 439, 507]);
    const rF = rRfmScores(
      rows.map((r) => r.x as number),
      5,
      false,
    );
    expect(new Set(rF.filter((_, i) => rows[i]?.x === 0))).toEqual(new Set([1]));
  });

  it('gives the most recent buyers the top recency score and keeps customers with equal recency together', () => {
    const table = rfmScores(rows, { fields });
    const byRecency = new Map<number, number>();
    for (const c of table.customers) {
      const seen = byRecency.get(c.recency);
      if (seen !== undefined) expect(c.recencyScore).toBe(seen);
      byRecency.set(c.recency, c.recencyScore);
    }
    const smallest = table.customers.reduce((min, c) => (c.recency < min ? c.recency : min), Number.POSITIVE_INFINITY);
    expect(table.customers.filter((c) => c.recency === smallest).every((c) => c.recencyScore === 5)).toBe(true);
  });
});

describe('rfmScores: properties', () => {
  const rowArb = fc.record({
    days: fc.integer({ min: 0, max: 30 }),
    orders: fc.integer({ min: 1, max: 8 }),
    amount: fc.integer({ min: 0, max: 500 }),
  });
  const rowsArb = fc.array(rowArb, { minLength: 1, maxLength: 80 }).map((rs) => rs.map((r, id) => ({ id, ...r })));
  const binsArb = fc.integer({ min: 2, max: 10 });

  test.prop([rowsArb, binsArb])('all scores lie in 1..bins and score = R + F + M', (rows, bins) => {
    for (const c of rfmScores(rows, { bins, fields: FIELDS }).customers) {
      for (const s of [c.recencyScore, c.frequencyScore, c.monetaryScore]) {
        expect(s).toBeGreaterThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(bins);
      }
      expect(c.score).toBe(c.recencyScore + c.frequencyScore + c.monetaryScore);
    }
  });

  test.prop([rowsArb, binsArb])(
    'more purchases never score lower on F; a more recent purchase never scores lower on R',
    (rows, bins) => {
      const scored = rfmScores(rows, { bins, fields: FIELDS }).customers;
      for (const a of scored)
        for (const b of scored) {
          if (a.frequency > b.frequency) expect(a.frequencyScore).toBeGreaterThanOrEqual(b.frequencyScore);
          if (a.recency < b.recency) expect(a.recencyScore).toBeGreaterThanOrEqual(b.recencyScore);
          if (a.monetary > b.monetary) expect(a.monetaryScore).toBeGreaterThanOrEqual(b.monetaryScore);
          if (a.frequency === b.frequency) expect(a.frequencyScore).toBe(b.frequencyScore);
          if (a.recency === b.recency) expect(a.recencyScore).toBe(b.recencyScore);
        }
    },
  );

  test.prop([rowsArb, binsArb])("method 'r-rfm' keeps scores in 1..bins, monotone, ties equal", (rows, bins) => {
    const scored = rfmScores(rows, { bins, method: 'r-rfm', fields: FIELDS }).customers;
    for (const a of scored) {
      expect(a.frequencyScore).toBeGreaterThanOrEqual(1);
      expect(a.frequencyScore).toBeLessThanOrEqual(bins);
      expect(a.recencyScore).toBeGreaterThanOrEqual(1);
      expect(a.recencyScore).toBeLessThanOrEqual(bins);
      for (const b of scored) {
        if (a.frequency > b.frequency) expect(a.frequencyScore).toBeGreaterThanOrEqual(b.frequencyScore);
        if (a.recency < b.recency) expect(a.recencyScore).toBeGreaterThanOrEqual(b.recencyScore);
        if (a.monetary === b.monetary) expect(a.monetaryScore).toBe(b.monetaryScore);
      }
    }
  });

  test.prop([rowsArb, binsArb])('is invariant to the order of the customers', (rows, bins) => {
    const forward = rfmScores(rows, { bins, fields: FIELDS }).customers;
    const backward = rfmScores([...rows].reverse(), { bins, fields: FIELDS }).customers;
    const byId = new Map(backward.map((c) => [c.customerId, c]));
    for (const c of forward) expect(byId.get(c.customerId)).toEqual(c);
  });

  test.prop([
    rowsArb,
    binsArb,
    // Whole and power-of-two constants scale exactly through amount · c / orders; an arbitrary double can split two
    // equal averages (1/3 and 3/9) by one rounding, which is floating point, not the scoring (any double is tested
    // with total monetary values below).
    fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(0.5, 0.25, 1 / 1024)),
    fc.constantFrom<'total' | 'average'>('total', 'average'),
  ])('is invariant to multiplying monetary values by a positive constant', (rows, bins, c, monetary) => {
    const base = rfmScores(rows, { bins, monetary, fields: FIELDS }).customers;
    const scaled = rfmScores(
      rows.map((r) => ({ ...r, amount: r.amount * c })),
      { bins, monetary, fields: FIELDS },
    ).customers;
    expect(scaled.map((s) => s.cell)).toEqual(base.map((s) => s.cell));
  });

  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 1e6 }), { minLength: 2, maxLength: 200 }), binsArb])(
    'makes bins of nearly equal size when the values are distinct',
    (values, bins) => {
      const rows = values.map((v, id) => ({ id, days: v, orders: v, amount: v }));
      const { ranges } = rfmScores(rows, { bins, fields: FIELDS });
      for (const dimension of [ranges.recency, ranges.frequency, ranges.monetary]) {
        for (const bin of dimension) {
          expect(bin.customers).toBeGreaterThanOrEqual(Math.floor(values.length / bins));
          expect(bin.customers).toBeLessThanOrEqual(Math.ceil(values.length / bins));
        }
      }
    },
  );
});

describe('rfmScores: monetary scaling by any positive double', () => {
  test.prop([
    fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 80 }),
    fc.integer({ min: 2, max: 10 }),
    fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  ])('leaves total-monetary scores unchanged', (amounts, bins, c) => {
    const rows = amounts.map((amount, id) => ({ id, days: id % 7, orders: 1 + (id % 3), amount }));
    const scaled = rows.map((r) => ({ ...r, amount: r.amount * c }));
    expect(rfmScores(scaled, { bins, fields: FIELDS }).customers.map((s) => s.monetaryScore)).toEqual(
      rfmScores(rows, { bins, fields: FIELDS }).customers.map((s) => s.monetaryScore),
    );
  });
});
