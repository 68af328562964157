// Tests written for mutants that survived a Stryker run of src/lifecycle/shared.ts (docs/testing.md): the exact
// empty-input errors, the limit on tabulated periods, the per-row period path for sparse logs, and labels of
// periods before year 0.
import { describe, expect, it } from 'vitest';
import { churnRate, cohortRetention } from '../../src/lifecycle/index.js';
import { thrown } from '../support/thrown.js';

const DAY = 86_400_000;

describe('lifecycle: reading the transactions', () => {
  it('names the empty log and the log with nothing on or before the observation end', () => {
    const none = thrown(() => cohortRetention([]));
    expect([none.code, none.message]).toEqual([
      'EMPTY_INPUT',
      'transactions: expected at least 1 valid transaction, got none',
    ]);
    const late = thrown(() =>
      churnRate([{ customerId: 'a', date: '2024-05-01', amount: 1 }], { observationEnd: '2024-01-01' }),
    );
    expect([late.code, late.message]).toEqual([
      'EMPTY_INPUT',
      'transactions: expected at least 1 transaction on or before the observation end, got none',
    ]);
  });

  it('tabulates at most 100,000 periods: exactly that many is fine, one more is an error naming the span', () => {
    const monday = Date.UTC(2000, 0, 3);
    const log = (weeks: number) => [
      { customerId: 'a', date: monday, amount: 1 },
      { customerId: 'b', date: monday + 7 * (weeks - 1) * DAY, amount: 1 },
    ];
    expect(cohortRetention(log(100_000), { period: 'week' }).cohorts).toHaveLength(2);
    // churnRate reports the transitions between consecutive periods: one fewer.
    expect(churnRate(log(100_000), { period: 'week' }).periods).toHaveLength(99_999);
    for (const run of [
      () => cohortRetention(log(100_001), { period: 'week' }),
      () => churnRate(log(100_001), { period: 'week' }),
    ]) {
      const e = thrown(run);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/^transactions: the transactions span 100001 periods \(\d+ … \d+\); at most 100000/);
    }
  });

  it('gives a sparse log (dates far apart, computed per row) the same periods as a dense one (a lookup table)', () => {
    const sparse = [
      { customerId: 'a', date: '2000-01-15', amount: 1 },
      { customerId: 'b', date: '2010-06-15', amount: 2 },
      { customerId: 'a', date: '2000-03-02', amount: 1 },
    ];
    const r = cohortRetention(sparse, { period: 'month' });
    expect(r.cohorts.map((c) => [c.cohort, c.size, c.active.slice(0, 3)])).toEqual([
      ['2000-01', 1, [1, 0, 1]],
      ['2010-06', 1, [1]],
    ]);
    const q = cohortRetention(sparse, { period: 'quarter' });
    expect(q.cohorts.map((c) => [c.cohort, c.active.slice(0, 2)])).toEqual([
      ['2000-Q1', [1, 0]],
      ['2010-Q2', [1]],
    ]);
  });

  it('labels periods before year 0 with a minus sign and four digits', () => {
    const tx = [
      { customerId: 'a', date: Date.UTC(-100, 2, 1), amount: 1 },
      { customerId: 'b', date: Date.UTC(-99, 11, 31), amount: 1 },
    ];
    expect(cohortRetention(tx, { period: 'month' }).cohorts.map((c) => c.cohort)).toEqual(['-0100-03', '-0099-12']);
    expect(cohortRetention(tx, { period: 'quarter' }).cohorts.map((c) => c.cohort)).toEqual(['-0100-Q1', '-0099-Q4']);
    expect(cohortRetention([tx[0]!], { period: 'week' }).cohorts.map((c) => c.cohort)).toEqual(['-0100-W09']);
  });
});

describe('lifecycle: sums and rates at their edges', () => {
  it('cohortRetention sums a cell’s revenue with compensation (1e16 + 1 + 1 + 1 − 1e16 = 3, not 0)', () => {
    const tx = [
      { customerId: 'a', date: '2024-01-02', amount: 1e16 },
      { customerId: 'a', date: '2024-01-03', amount: 1 },
      { customerId: 'a', date: '2024-01-04', amount: 1 },
      { customerId: 'b', date: '2024-01-05', amount: 1 },
      { customerId: 'b', date: '2024-01-06', amount: -1e16 },
    ];
    expect(cohortRetention(tx, { period: 'month' }).cohorts[0]?.revenue).toEqual([3]);
    // The same with the large amounts last, where the compensation takes the other branch.
    expect(cohortRetention([...tx].reverse(), { period: 'month' }).cohorts[0]?.revenue).toEqual([3]);
  });

  it('churnRate has no overall rates (null, not NaN) when no customer was ever at risk', () => {
    const r = churnRate([{ customerId: 'a', date: '2024-01-02', amount: 1 }], { period: 'month' });
    expect([r.churnRate, r.retentionRate]).toEqual([null, null]);
  });
});
