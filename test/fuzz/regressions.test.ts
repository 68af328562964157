// Named regression tests for the bugs the fuzz suite found (docs/testing.md lists them).
import { CrmAnalyticsError } from 'crm-analytics';
import { ShiftedBetaGeometricModel } from 'crm-analytics/clv';
import { churnRate, cohortRetention } from 'crm-analytics/lifecycle';
import { summarizeParallel } from 'crm-analytics/node';
import { gini } from 'crm-analytics/pareto';
import { rfmBreakScores, rfmQuantileScores, rfmScores, rfmSegmentReport, rfmSegments } from 'crm-analytics/rfm';
import { satisfactionRatio } from 'crm-analytics/satisfaction';
import { quoteSqlIdentifier, summarySqlRowsToTable } from 'crm-analytics/sql';
import { describe, expect, it } from 'vitest';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error.code;
    throw error;
  }
  return 'no error';
}

async function asyncCodeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error.code;
    throw error;
  }
  return 'no error';
}

const row = {
  customer_id: 'a',
  frequency: 1,
  recency: 2,
  T: 3,
  monetary_value: 4,
  total_revenue: 9,
  transaction_count: 2,
  first_purchase_day: 0,
  last_purchase_day: 2,
};

describe('fuzz regressions', () => {
  it('an array-like whose length getter throws is an INVALID_INPUT (core toRecordArray)', () => {
    const hostile = Object.defineProperty({}, 'length', {
      get() {
        throw new Error('boom');
      },
    });
    expect(codeOf(() => gini(hostile as ArrayLike<number>))).toBe('INVALID_INPUT');
  });

  it('rfmQuantileScores / rfmBreakScores without a value column throw INVALID_INPUT, not TypeError', () => {
    expect(codeOf(() => rfmQuantileScores(undefined as never, 3))).toBe('INVALID_INPUT');
    expect(codeOf(() => rfmBreakScores(null as never, [1, 2]))).toBe('INVALID_INPUT');
  });

  it('quoteSqlIdentifier rejects a non-string name and an unknown dialect', () => {
    expect(codeOf(() => quoteSqlIdentifier({} as never, 'postgres'))).toBe('INVALID_OPTION');
    expect(codeOf(() => quoteSqlIdentifier('x', 'oracle' as never))).toBe('INVALID_OPTION');
  });

  it('summarySqlRowsToTable rejects a non-array, a sparse array, a bad id, an out-of-range day and bad options', () => {
    expect(codeOf(() => summarySqlRowsToTable('' as never))).toBe('INVALID_INPUT');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    expect(codeOf(() => summarySqlRowsToTable([row, , row] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => summarySqlRowsToTable([{ ...row, customer_id: null }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => summarySqlRowsToTable([{ ...row, first_purchase_day: 1e300 }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => summarySqlRowsToTable([row], { timeUnit: 'fortnight' as never }))).toBe('INVALID_OPTION');
    expect(summarySqlRowsToTable([row]).customers[0]?.totalRevenue).toBe(9);
  });

  it('satisfactionRatio: an expectation so small that the ratio overflows is a DOMAIN_ERROR (was Infinity / NaN)', () => {
    expect(codeOf(() => satisfactionRatio(9, 5e-324))).toBe('DOMAIN_ERROR');
    expect(codeOf(() => satisfactionRatio([6, 9], [5e-324, 9]))).toBe('DOMAIN_ERROR');
    expect(satisfactionRatio(5e-324, 8).ratio).toBe(0);
  });

  it('rfmSegmentReport: averageOrderValue is null, not Infinity, when fractional orders make it overflow', () => {
    const rows = [2, 40, 7, 90, 15, 3].map((days, i) => ({
      id: i,
      days,
      orders: i === 0 ? 5e-324 : (i % 4) + 1,
      spend: 30 * (i + 1),
    }));
    const scores = rfmScores(rows, {
      fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' },
    });
    const report = rfmSegmentReport(scores, rfmSegments(scores));
    for (const segment of report) {
      expect(segment.averageOrderValue === null || Number.isFinite(segment.averageOrderValue)).toBe(true);
    }
    expect(report.some((s) => s.orders > 0 && s.averageOrderValue === null)).toBe(true);
  });

  it('summarizeParallel: null options and uncloneable values are CrmAnalyticsErrors', async () => {
    const input = { customerIds: [1, 2, 1], dates: [0, 864e5, 1728e5], amounts: [1, 2, 3] };
    expect(await asyncCodeOf(() => summarizeParallel(input, null as never))).toBe('INVALID_OPTION');
    const withSymbol = { ...input, dates: [0, Symbol('s'), 1728e5] };
    expect(await asyncCodeOf(() => summarizeParallel(withSymbol as never, { workers: 2 }))).toBe('INVALID_INPUT');
  });

  it('ShiftedBetaGeometricModel curves refuse more than 10^7 periods instead of allocating gigabytes', () => {
    const model = new ShiftedBetaGeometricModel({ alpha: 1, beta: 1 });
    expect(codeOf(() => model.survivalCurve(2 ** 32))).toBe('INVALID_INPUT');
    expect(codeOf(() => model.retentionCurve(1e7 + 1))).toBe('INVALID_INPUT');
    expect(model.survivalCurve(3).length).toBe(4);
  });

  it('lifecycle tables refuse date ranges of more than 100 000 periods instead of running out of memory', () => {
    const edges = [
      { customerId: 'a', date: new Date(-8.64e15), amount: 1 },
      { customerId: 'a', date: new Date(8.64e15), amount: 1 },
    ];
    expect(codeOf(() => churnRate(edges, { period: 'month' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => cohortRetention(edges, { period: 'week' }))).toBe('INVALID_INPUT');
  });
});
