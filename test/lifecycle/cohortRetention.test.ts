import { describe, expect, expectTypeOf, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { cohortRetention } from '../../src/lifecycle/index.js';
import { fc, test } from '../support/property.js';
import { dayOf, isoDay, loadCdnow, type Tx } from './fixtures.js';

// Reference values computed independently (a stdlib-only Python script over the same file with sets per
// cohort × month, not this library): CDNOW sample, observation end 1998-06-30.
const CDNOW_MONTHLY = {
  '1997-01': {
    size: 781,
    active: [781, 124, 95, 70, 65, 77, 65, 53, 52, 45, 62, 59, 45, 47, 63, 37, 37, 33],
    revenue: [
      28592.7, 7003.73, 4241.64, 3755.36, 3833.25, 3547.5, 3172.31, 2313.48, 2292.67, 2252.57, 3124.26, 3281.14, 2141.8,
      2061.44, 2809.23, 1615.13, 1477.02, 1327.56,
    ],
  },
  '1997-02': {
    size: 857,
    active: [857, 134, 110, 75, 77, 75, 61, 61, 74, 70, 59, 57, 59, 70, 56, 59, 60],
    revenue: [
      33430.08, 6418.37, 4983.66, 3590.41, 3196.16, 4595.6, 3534.36, 2963.21, 3571.71, 3339.76, 2838.77, 3172.44,
      2812.88, 3563.94, 2643.79, 3443.45, 2581.67,
    ],
  },
  '1997-03': {
    size: 719,
    active: [719, 87, 84, 78, 63, 64, 55, 57, 73, 65, 47, 51, 78, 32, 38, 45],
    revenue: [
      32812.09, 4103.03, 3456.67, 3163.59, 3098.32, 2914.92, 2102.44, 3020.77, 3687.36, 2992.93, 2042.58, 2805.39,
      3476.88, 1752.61, 1457.67, 1681.64,
    ],
  },
} as const;
const CDNOW_CURVE = [
  1.0, 0.146373, 0.122613, 0.094612, 0.086975, 0.091642, 0.076793, 0.07255, 0.084429, 0.076368, 0.071277, 0.070853,
  0.077217, 0.063216, 0.06661, 0.059822, 0.059219, 0.042254,
];

const cdnow = loadCdnow();

describe('cohortRetention on the CDNOW sample (observation end 1998-06-30)', () => {
  const result = cohortRetention(cdnow, { period: 'month', observationEnd: '1998-06-30' });

  it('finds the three monthly cohorts of Q1 1997 (2,357 customers, as the data set is defined)', () => {
    expect(result.cohorts.map((c) => c.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(result.cohorts.reduce((s, c) => s + c.size, 0)).toBe(2357);
    expect(result.counts).toEqual({ read: 6919, used: 6919, afterObservationEnd: 0, skipped: 0 });
    expect(result.lastPeriodComplete).toBe(true);
    expect(result.observationEnd).toEqual(new Date('1998-06-30T00:00:00Z'));
  });

  it('matches the independent active counts and revenue per cohort × month', () => {
    for (const row of result.cohorts) {
      const ref = CDNOW_MONTHLY[row.cohort as keyof typeof CDNOW_MONTHLY];
      expect(row.size).toBe(ref.size);
      expect(row.active).toEqual(ref.active);
      expect(row.revenue.length).toBe(ref.revenue.length);
      row.revenue.forEach((r, a) => {
        expect(r).toBeCloseTo(ref.revenue[a] as number, 6);
      });
      row.retention.forEach((r, a) => {
        expect(r).toBeCloseTo((ref.active[a] as number) / ref.size, 12);
      });
    }
  });

  it('matches the independent size-weighted retention curve', () => {
    expect(result.retentionCurve.length).toBe(CDNOW_CURVE.length);
    result.retentionCurve.forEach((p, a) => {
      expect(p.age).toBe(a);
      expect(p.retention).toBeCloseTo(CDNOW_CURVE[a] as number, 6);
    });
    expect(result.retentionCurve[17]).toMatchObject({ cohorts: 1, customers: 781 });
    expect(result.retentionCurve[16]).toMatchObject({ cohorts: 2, customers: 781 + 857 });
  });

  it('puts all of CDNOW in one quarterly cohort, 1997-Q1', () => {
    const q = cohortRetention(cdnow, { period: 'quarter', observationEnd: '1998-06-30' });
    expect(q.cohorts.length).toBe(1);
    expect(q.cohorts[0]).toMatchObject({ cohort: '1997-Q1', size: 2357, start: new Date('1997-01-01T00:00:00Z') });
    expect(q.cohorts[0]?.active.length).toBe(6);
  });

  it('labels weekly cohorts by ISO week: 1997-01-01 (a Wednesday) is in 1997-W01, starting Monday 1996-12-30', () => {
    const w = cohortRetention(cdnow, { period: 'week', observationEnd: '1998-06-30' });
    expect(w.cohorts[0]).toMatchObject({ cohort: '1997-W01', start: new Date('1996-12-30T00:00:00Z') });
    expect(w.cohorts.at(-1)?.cohort).toBe('1997-W13');
    expect(w.cohorts.reduce((s, c) => s + c.size, 0)).toBe(2357);
  });
});

describe('cohortRetention on hand-built logs', () => {
  const tx: Tx[] = [
    { customerId: 'a', date: '2024-01-05', amount: 10 },
    { customerId: 'a', date: '2024-01-20', amount: 5 },
    { customerId: 'a', date: '2024-03-10', amount: 20 },
    { customerId: 'b', date: '2024-01-31', amount: 7 },
    { customerId: 'c', date: '2024-02-01', amount: 3 },
    { customerId: 'c', date: '2024-02-15', amount: -1 },
    { customerId: 'c', date: '2024-04-15', amount: 0 },
  ];

  it('counts a customer once per period, nets returns in revenue and counts zero-amount transactions as activity', () => {
    const r = cohortRetention(tx, { period: 'month', observationEnd: '2024-04-30' });
    expect(r.cohorts).toMatchObject([
      { cohort: '2024-01', size: 2, active: [2, 0, 1, 0], retention: [1, 0, 0.5, 0], revenue: [22, 0, 20, 0] },
      { cohort: '2024-02', size: 1, active: [1, 0, 1], retention: [1, 0, 1], revenue: [2, 0, 0] },
    ]);
  });

  it('gives ragged rows: a cohort has ages up to the period of the observation end only', () => {
    const r = cohortRetention(tx, { period: 'month', observationEnd: '2024-04-30' });
    expect(r.cohorts.map((c) => c.active.length)).toEqual([4, 3]);
  });

  it('marks a partial last period and leaves it out of the retention curve', () => {
    const r = cohortRetention(tx, { period: 'month', observationEnd: '2024-04-15' });
    expect(r.lastPeriodComplete).toBe(false);
    expect(r.cohorts.map((c) => c.active.length)).toEqual([4, 3]);
    // Ages 0–2 are complete for the January cohort, 0–1 for February; age 3 (April) is partial for January.
    expect(r.retentionCurve.map((p) => p.age)).toEqual([0, 1, 2]);
    expect(r.retentionCurve[1]).toMatchObject({ retention: 0, cohorts: 2, customers: 3 });
    expect(r.retentionCurve[2]).toMatchObject({ retention: 0.5, cohorts: 1, customers: 2 });
  });

  it('excludes transactions after the observation end, and customers who only buy after it', () => {
    const r = cohortRetention(tx, { period: 'month', observationEnd: '2024-01-31' });
    expect(r.cohorts).toMatchObject([{ cohort: '2024-01', size: 2, active: [2] }]);
    expect(r.counts).toEqual({ read: 7, used: 3, afterObservationEnd: 4, skipped: 0 });
  });

  it('reads the observation end as an ISO string, a Date or epoch milliseconds, truncated to its UTC day', () => {
    const iso = cohortRetention(tx, { observationEnd: '2024-03-31' });
    const date = cohortRetention(tx, { observationEnd: new Date('2024-03-31T23:59:00Z') });
    const ms = cohortRetention(tx, { observationEnd: Date.UTC(2024, 2, 31, 12) });
    expect(date.cohorts).toEqual(iso.cohorts);
    expect(ms.cohorts).toEqual(iso.cohorts);
    expect(ms.observationEnd).toEqual(new Date('2024-03-31T00:00:00Z'));
    expect(iso.lastPeriodComplete).toBe(true);
  });

  it('defaults the observation end to the last transaction day', () => {
    const r = cohortRetention(tx);
    expect(r.period).toBe('month');
    expect(r.observationEnd).toEqual(new Date('2024-04-15T00:00:00Z'));
  });

  it('skips empty cohort periods', () => {
    const r = cohortRetention(
      [
        { customerId: 1, date: '2024-01-10', amount: 1 },
        { customerId: 2, date: '2024-03-10', amount: 1 },
      ],
      { period: 'month' },
    );
    expect(r.cohorts.map((c) => c.cohort)).toEqual(['2024-01', '2024-03']);
  });

  it('labels ISO weeks across year ends (2021-01-01 is in 2020-W53, 2019-12-30 in 2020-W01)', () => {
    const labels = (date: string): string | undefined =>
      cohortRetention([{ customerId: 1, date, amount: 1 }], { period: 'week' }).cohorts[0]?.cohort;
    expect(labels('2021-01-01')).toBe('2020-W53');
    expect(labels('2019-12-30')).toBe('2020-W01');
    expect(labels('2024-03-01')).toBe('2024-W09');
    expect(labels('2024-12-29')).toBe('2024-W52');
    expect(labels('2024-12-30')).toBe('2025-W01');
  });

  it('labels quarters', () => {
    const r = cohortRetention([{ customerId: 1, date: '2024-11-30', amount: 1 }], { period: 'quarter' });
    expect(r.cohorts[0]).toMatchObject({ cohort: '2024-Q4', start: new Date('2024-10-01T00:00:00Z') });
  });

  it('reads fields through names or accessors, and iterables', () => {
    const custom = tx.map((t) => ({ who: t.customerId, when: new Date(`${t.date}T12:00:00Z`), value: t.amount }));
    const byName = cohortRetention(custom, { customerId: 'who', date: 'when', amount: 'value' });
    const byFn = cohortRetention(
      (function* () {
        yield* custom;
      })(),
      { customerId: (r) => r.who, date: (r) => r.when, amount: (r) => r.value },
    );
    expect(byName.cohorts).toEqual(cohortRetention(tx).cohorts);
    expect(byFn.cohorts).toEqual(byName.cohorts);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(tx);
    cohortRetention(tx, { period: 'week' });
    expect(tx).toEqual(copy);
  });

  it('has the documented types', () => {
    expectTypeOf(cohortRetention(tx).cohorts[0]!.retention).toEqualTypeOf<number[]>();
    // @ts-expect-error 'day' is not a cohort period
    expect(() => cohortRetention(tx, { period: 'day' })).toThrow(CrmAnalyticsError);
  });
});

describe('cohortRetention errors', () => {
  it('names the bad record', () => {
    const bad = [
      { customerId: 'a', date: '2024-01-01', amount: 1 },
      { customerId: 'a', date: '2024-01-02', amount: Number.NaN },
    ];
    expect(() => cohortRetention(bad)).toThrowError('transactions[1].amount: expected a finite number, got NaN');
    try {
      cohortRetention(bad);
    } catch (e) {
      expect(e).toBeInstanceOf(CrmAnalyticsError);
      expect((e as CrmAnalyticsError).code).toBe('INVALID_INPUT');
      expect((e as CrmAnalyticsError).index).toBe(1);
    }
  });

  it('skips bad records with onInvalid: skip and reports them', () => {
    const r = cohortRetention(
      [
        { customerId: 'a', date: '2024-01-01', amount: 1 },
        { customerId: 'a', date: 'not a date', amount: 1 },
      ],
      { onInvalid: 'skip' },
    );
    expect(r.counts).toEqual({ read: 2, used: 1, afterObservationEnd: 0, skipped: 1 });
    expect(r.skipped[0]).toMatchObject({ index: 1, field: 'date' });
  });

  it('throws EMPTY_INPUT without transactions, or with none on or before the observation end', () => {
    expect(() => cohortRetention([])).toThrowError(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() =>
      cohortRetention([{ customerId: 'a', date: '2024-05-01', amount: 1 }], { observationEnd: '2024-01-01' }),
    ).toThrowError(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });

  it('rejects bad options with INVALID_OPTION naming the option', () => {
    expect(() => cohortRetention([], { observationEnd: '2024-13-01' })).toThrowError(
      /^options\.observationEnd: expected a date/,
    );
    expect(() => cohortRetention([], { period: 'year' as 'month' })).toThrowError(/^options\.period/);
    expect(() => cohortRetention([], { cohortBy: 'signup' as 'first-purchase' })).toThrowError(/^options\.cohortBy/);
    expect(() => cohortRetention([], { colour: 'red' } as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

const START = dayOf('2023-01-01');
const txArb = fc.array(
  fc.record({
    customerId: fc.integer({ min: 0, max: 12 }),
    day: fc.integer({ min: START, max: START + 730 }),
    amount: fc.double({ min: -50, max: 500, noNaN: true, noDefaultInfinity: true }),
  }),
  { minLength: 1, maxLength: 80 },
);
const toTx = (rows: { customerId: number; day: number; amount: number }[]): Tx[] =>
  rows.map((r) => ({ customerId: r.customerId, date: isoDay(r.day), amount: r.amount }));
const periodArb = fc.constantFrom('week' as const, 'month' as const, 'quarter' as const);

describe('cohortRetention properties', () => {
  test.prop([txArb, periodArb])('retention is in [0, 1], age 0 is 100%, active ≤ size', (rows, period) => {
    const r = cohortRetention(toTx(rows), { period });
    for (const c of r.cohorts) {
      expect(c.retention[0]).toBe(1);
      expect(c.active[0]).toBe(c.size);
      for (let a = 0; a < c.active.length; a++) {
        expect(c.retention[a]).toBeGreaterThanOrEqual(0);
        expect(c.retention[a]).toBeLessThanOrEqual(1);
        expect(c.active[a]).toBeLessThanOrEqual(c.size);
      }
    }
    for (const p of r.retentionCurve) {
      expect(p.retention).toBeGreaterThanOrEqual(0);
      expect(p.retention).toBeLessThanOrEqual(1);
    }
  });

  test.prop([txArb, periodArb])('cohort sizes add up to the customers and revenue to the total', (rows, period) => {
    const r = cohortRetention(toTx(rows), { period });
    expect(r.cohorts.reduce((s, c) => s + c.size, 0)).toBe(new Set(rows.map((x) => x.customerId)).size);
    const total = rows.reduce((s, x) => s + x.amount, 0);
    const cells = r.cohorts.reduce((s, c) => s + c.revenue.reduce((u, v) => u + v, 0), 0);
    expect(cells).toBeCloseTo(total, 6);
  });

  test.prop([txArb, fc.integer()])('does not depend on the order of the records', (rows, seed) => {
    const shuffled = [...rows];
    let s = seed >>> 0;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const a = cohortRetention(toTx(rows));
    const b = cohortRetention(toTx(shuffled));
    expect(b.cohorts.map((c) => [c.cohort, c.size, c.active])).toEqual(
      a.cohorts.map((c) => [c.cohort, c.size, c.active]),
    );
    b.cohorts.forEach((c, i) => {
      c.revenue.forEach((v, k) => {
        expect(v).toBeCloseTo(a.cohorts[i]!.revenue[k]!, 6);
      });
    });
  });

  test.prop([txArb])('matches a naive count with JavaScript Dates (monthly)', (rows) => {
    const tx = toTx(rows);
    const r = cohortRetention(tx, { period: 'month' });
    const monthOf = (iso: string): number => {
      const d = new Date(`${iso}T00:00:00Z`);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    };
    const first = new Map<number, number>();
    for (const t of tx)
      first.set(t.customerId as number, Math.min(first.get(t.customerId as number) ?? Infinity, monthOf(t.date)));
    const active = new Map<string, Set<number>>();
    for (const t of tx) {
      const c = first.get(t.customerId as number)!;
      const key = `${c}:${monthOf(t.date) - c}`;
      if (!active.has(key)) active.set(key, new Set());
      active.get(key)!.add(t.customerId as number);
    }
    for (const row of r.cohorts) {
      const [y, m] = row.cohort.split('-').map(Number) as [number, number];
      const c = y * 12 + m - 1;
      row.active.forEach((n, a) => {
        expect(n).toBe(active.get(`${c}:${a}`)?.size ?? 0);
      });
    }
  });
});
