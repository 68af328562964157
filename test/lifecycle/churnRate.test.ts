import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { churnRate, periodRetentionRate } from '../../src/lifecycle/index.js';
import { fc, test } from '../support/property.js';
import { dayOf, isoDay, loadCdnow, type Tx } from './fixtures.js';

// Independent reference (stdlib-only Python script applying the definitions literally, customer by customer):
// CDNOW sample, monthly, inactivityThreshold 3, observation end 1998-06-30.
// Columns: atRisk, churned, acquired, reactivated, activeAtEnd, for 1997-01 … 1998-06.
const CDNOW_CHURN_K3 = [
  [0, 0, 781, 0, 781],
  [781, 0, 857, 0, 1638],
  [1638, 0, 719, 0, 2357],
  [2357, 575, 0, 0, 1782],
  [1782, 700, 0, 22, 1104],
  [1104, 651, 0, 71, 524],
  [524, 117, 0, 86, 493],
  [493, 114, 0, 81, 460],
  [460, 115, 0, 73, 418],
  [418, 104, 0, 74, 388],
  [388, 77, 0, 81, 392],
  [392, 67, 0, 79, 404],
  [404, 68, 0, 59, 395],
  [395, 101, 0, 71, 365],
  [365, 79, 0, 98, 384],
  [384, 60, 0, 51, 375],
  [375, 71, 0, 48, 352],
  [352, 105, 0, 53, 300],
] as const;

describe('churnRate on the CDNOW sample', () => {
  const table = churnRate(loadCdnow(), { period: 'month', inactivityThreshold: 3, observationEnd: '1998-06-30' });

  it('matches the independent monthly table (threshold 3 months)', () => {
    expect(table.periods.length).toBe(18);
    expect(table.periods[0]?.period).toBe('1997-01');
    expect(table.periods[17]?.period).toBe('1998-06');
    table.periods.forEach((p, i) => {
      const [atRisk, churned, acquired, reactivated, activeAtEnd] = CDNOW_CHURN_K3[i]!;
      expect([p.atRisk, p.churned, p.acquired, p.reactivated, p.activeAtEnd]).toEqual([
        atRisk,
        churned,
        acquired,
        reactivated,
        activeAtEnd,
      ]);
    });
  });

  it('pools the churn rate over the periods: 3,004 churned of 12,612 at risk', () => {
    expect(table.churnRate).toBeCloseTo(3004 / 12612, 12);
    expect(table.retentionRate).toBeCloseTo(1 - 3004 / 12612, 12);
    expect(table.periods[3]?.churnRate).toBeCloseTo(575 / 2357, 12);
    expect(table.periods[0]?.churnRate).toBeNull();
  });
});

describe('churnRate definitions on hand-built logs', () => {
  // a buys every month Jan–Apr; b buys in Jan and Apr; c buys in Feb only; d buys in Mar and May (partial).
  const tx: Tx[] = [
    { customerId: 'a', date: '2024-01-03', amount: 5 },
    { customerId: 'a', date: '2024-02-03', amount: 5 },
    { customerId: 'a', date: '2024-02-20', amount: 5 },
    { customerId: 'a', date: '2024-03-03', amount: 5 },
    { customerId: 'a', date: '2024-04-03', amount: 5 },
    { customerId: 'b', date: '2024-01-15', amount: 5 },
    { customerId: 'b', date: '2024-04-15', amount: 5 },
    { customerId: 'c', date: '2024-02-10', amount: 5 },
    { customerId: 'd', date: '2024-03-10', amount: 5 },
    { customerId: 'd', date: '2024-05-10', amount: 5 },
  ];

  it('threshold 1: churned as soon as a month passes without a purchase', () => {
    const t = churnRate(tx, { inactivityThreshold: 1, observationEnd: '2024-04-30' });
    expect(t.periods.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(t.periods.map((p) => [p.atRisk, p.churned, p.retained, p.acquired, p.reactivated, p.activeAtEnd])).toEqual([
      [0, 0, 0, 2, 0, 2], // Jan: a, b acquired
      [2, 1, 1, 1, 0, 2], // Feb: b churns, c acquired
      [2, 1, 1, 1, 0, 2], // Mar: c churns, d acquired
      [2, 1, 1, 0, 1, 2], // Apr: d churns, b comes back
    ]);
    expect(t.periods.map((p) => p.churnRate)).toEqual([null, 0.5, 0.5, 0.5]);
    expect(t.churnRate).toBeCloseTo(3 / 6, 12);
  });

  it('threshold 2: churned only after two months in a row without a purchase', () => {
    const t = churnRate(tx, { inactivityThreshold: 2, observationEnd: '2024-04-30' });
    expect(t.periods.map((p) => [p.atRisk, p.churned, p.acquired, p.reactivated, p.activeAtEnd])).toEqual([
      [0, 0, 2, 0, 2],
      [2, 0, 1, 0, 3],
      [3, 1, 1, 0, 3], // b: last purchase Jan, no purchase Feb, Mar → churned in Mar
      [3, 1, 0, 1, 3], // c: last Feb → churned in Apr; b reactivated
    ]);
  });

  it('leaves out a period cut short by the observation end', () => {
    const t = churnRate(tx, { inactivityThreshold: 1, observationEnd: '2024-05-20' });
    expect(t.periods.at(-1)?.period).toBe('2024-04');
    const full = churnRate(tx, { inactivityThreshold: 1, observationEnd: '2024-05-31' });
    expect(full.periods.at(-1)).toMatchObject({ period: '2024-05', atRisk: 2, churned: 2, reactivated: 1 });
  });

  it('reports null rates when nobody is at risk, and an empty table when no period is complete', () => {
    const t = churnRate([{ customerId: 1, date: '2024-01-10', amount: 1 }]);
    expect(t.periods).toEqual([]);
    expect(t.churnRate).toBeNull();
    const one = churnRate([{ customerId: 1, date: '2024-01-10', amount: 1 }], { observationEnd: '2024-01-31' });
    expect(one.periods).toMatchObject([
      { period: '2024-01', atRisk: 0, acquired: 1, churnRate: null, retentionRate: null },
    ]);
  });

  it('works by ISO week and by quarter', () => {
    const w = churnRate(
      [
        { customerId: 1, date: '2024-01-01', amount: 1 }, // Monday of 2024-W01
        { customerId: 1, date: '2024-01-08', amount: 1 },
        { customerId: 2, date: '2024-01-07', amount: 1 }, // Sunday of 2024-W01
      ],
      { period: 'week', observationEnd: '2024-01-14' },
    );
    expect(w.periods.map((p) => [p.period, p.atRisk, p.churned])).toEqual([
      ['2024-W01', 0, 0],
      ['2024-W02', 2, 1],
    ]);
    const q = churnRate(tx, { period: 'quarter', observationEnd: '2024-06-30' });
    expect(q.periods.map((p) => [p.period, p.atRisk, p.churned, p.acquired])).toEqual([
      ['2024-Q1', 0, 0, 4],
      ['2024-Q2', 4, 1, 0],
    ]);
  });

  it('periodRetentionRate gives the complementary table', () => {
    const r = periodRetentionRate(tx, { inactivityThreshold: 1, observationEnd: '2024-04-30' });
    expect(r.periods.map((p) => [p.period, p.atRisk, p.retained, p.retentionRate])).toEqual([
      ['2024-01', 0, 0, null],
      ['2024-02', 2, 1, 0.5],
      ['2024-03', 2, 1, 0.5],
      ['2024-04', 2, 1, 0.5],
    ]);
    expect(r.retentionRate).toBeCloseTo(0.5, 12);
  });

  it('skips bad records with onInvalid: skip and reports them', () => {
    const t = periodRetentionRate([...tx, { customerId: 'e', date: '2024-01-01', amount: Number.NaN }], {
      onInvalid: 'skip',
      observationEnd: '2024-04-30',
    });
    expect(t.counts).toEqual({ read: 11, used: 9, afterObservationEnd: 1, skipped: 1 });
    expect(t.skipped[0]?.reason).toBe('transactions[10].amount: expected a finite number, got NaN');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(tx);
    churnRate(tx, { inactivityThreshold: 2 });
    periodRetentionRate(tx);
    expect(tx).toEqual(copy);
  });

  it('rejects bad options and names bad records', () => {
    for (const bad of [0, 1.5, -1, Number.NaN]) {
      expect(() => churnRate(tx, { inactivityThreshold: bad })).toThrowError(/^options\.inactivityThreshold/);
    }
    expect(() => periodRetentionRate(tx, { period: 'day' as 'week' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => churnRate([{ customerId: '', date: '2024-01-01', amount: 1 }])).toThrowError(
      /^transactions\[0\]\.customerId: expected a customer id/,
    );
    expect(() => churnRate([])).toThrowError(CrmAnalyticsError);
  });
});

/** The definitions applied literally, customer by customer and month by month (slow, obviously right). */
function naiveChurn(tx: Tx[], threshold: number, endIso: string) {
  const monthOf = (iso: string): number => {
    const d = new Date(`${iso}T00:00:00Z`);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const end = monthOf(endIso);
  const lastComplete = new Date(Date.parse(`${endIso}T00:00:00Z`) + 86_400_000).getUTCDate() === 1 ? end : end - 1;
  const purchases = new Map<string | number, Set<number>>();
  for (const t of tx) {
    if (t.date > endIso) continue;
    if (!purchases.has(t.customerId)) purchases.set(t.customerId, new Set());
    purchases.get(t.customerId)!.add(monthOf(t.date));
  }
  const activeAt = (ps: Set<number>, t: number): boolean => {
    for (let p = t; p > t - threshold; p--) if (ps.has(p)) return true;
    return false;
  };
  const first = Math.min(...[...purchases.values()].map((ps) => Math.min(...ps)));
  const out: number[][] = [];
  for (let t = first; t <= lastComplete; t++) {
    let atRisk = 0;
    let churned = 0;
    let acquired = 0;
    let reactivated = 0;
    let active = 0;
    for (const ps of purchases.values()) {
      const f = Math.min(...ps);
      const before = f <= t - 1 && activeAt(ps, t - 1);
      const now = f <= t && activeAt(ps, t);
      if (before) atRisk++;
      if (before && !now) churned++;
      if (f === t) acquired++;
      if (f < t && ps.has(t) && !before) reactivated++;
      if (now) active++;
    }
    out.push([atRisk, churned, acquired, reactivated, active]);
  }
  return out;
}

const START = dayOf('2023-01-01');
const txArb = fc.array(
  fc.record({
    customerId: fc.integer({ min: 0, max: 8 }),
    day: fc.integer({ min: START, max: START + 500 }),
    amount: fc.integer({ min: 0, max: 100 }),
  }),
  { minLength: 1, maxLength: 60 },
);
const toTx = (rows: { customerId: number; day: number; amount: number }[]): Tx[] =>
  rows.map((r) => ({ customerId: r.customerId, date: isoDay(r.day), amount: r.amount }));

describe('churnRate properties', () => {
  test.prop([txArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 520 })])(
    'matches the definitions applied literally (monthly)',
    (rows, threshold, endOffset) => {
      const tx = toTx(rows);
      const end = isoDay(START + endOffset);
      if (!tx.some((t) => t.date <= end)) return;
      const table = churnRate(tx, { period: 'month', inactivityThreshold: threshold, observationEnd: end });
      expect(table.periods.map((p) => [p.atRisk, p.churned, p.acquired, p.reactivated, p.activeAtEnd])).toEqual(
        naiveChurn(tx, threshold, end),
      );
    },
  );

  test.prop([
    txArb,
    fc.integer({ min: 1, max: 6 }),
    fc.constantFrom('week' as const, 'month' as const, 'quarter' as const),
  ])('rates are in [0, 1], churn + retention = 1, and the flows balance', (rows, threshold, period) => {
    const table = churnRate(toTx(rows), { period, inactivityThreshold: threshold });
    let previous = 0;
    for (const p of table.periods) {
      expect(p.atRisk).toBe(previous);
      expect(p.activeAtEnd).toBe(p.retained + p.acquired + p.reactivated);
      expect(p.churned).toBeLessThanOrEqual(p.atRisk);
      if (p.churnRate === null) expect(p.atRisk).toBe(0);
      else {
        expect(p.churnRate).toBeGreaterThanOrEqual(0);
        expect(p.churnRate).toBeLessThanOrEqual(1);
        expect(p.churnRate + (p.retentionRate as number)).toBeCloseTo(1, 12);
      }
      previous = p.activeAtEnd;
    }
  });

  test.prop([txArb, fc.integer({ min: 1, max: 3 })])(
    'a longer inactivity threshold never churns more customers in total',
    (rows, threshold) => {
      const tx = toTx(rows);
      const end = isoDay(START + 520);
      const short = churnRate(tx, { inactivityThreshold: threshold, observationEnd: end });
      const long = churnRate(tx, { inactivityThreshold: threshold + 1, observationEnd: end });
      const total = (t: typeof short): number => t.periods.reduce((s, p) => s + p.churned, 0);
      expect(total(long)).toBeLessThanOrEqual(total(short));
    },
  );
});
