import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import {
  RFM_DEFAULT_SEGMENT_TABLE,
  RFM_QUARTILE_SEGMENT_TABLE,
  rfmScores,
  rfmSegmentReport,
  rfmSegments,
} from '../../src/rfm/index.js';

function thrown(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError');
}

const FIELDS = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' };
// Cells by hand (5 bins, distinct values): 111, 222, 333, 444, 555 → Lost, Loyal Customers, Potential Loyalist ×2,
// Champions.
const ROWS = [10, 20, 30, 40, 50].map((v, i) => ({ id: i, days: 60 - v, orders: v / 10, spend: v * 10 }));

describe('rfmSegmentReport', () => {
  const scores = rfmScores(ROWS, { fields: FIELDS });
  const segmentation = rfmSegments(scores);
  const report = rfmSegmentReport(scores, segmentation);

  it('has one row per segment of the table, in order, fallback last, empty segments included', () => {
    expect(report.map((r) => r.segment)).toEqual([...RFM_DEFAULT_SEGMENT_TABLE.rules.map((r) => r.segment), 'Others']);
    expect(report.map((r) => r.customers)).toEqual([1, 2, 1, 0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('computes shares, revenue and means by hand', () => {
    // revenue 100 + 200 + 300 + 400 + 500 = 1500.
    expect(report[0]).toEqual({
      segment: 'Champions',
      customers: 1,
      customerShare: 0.2,
      revenue: 500,
      revenueShare: 500 / 1500,
      orders: 5,
      averageOrderValue: 100,
      meanRecency: 10,
      meanFrequency: 5,
      meanMonetary: 500,
      action: RFM_DEFAULT_SEGMENT_TABLE.actions?.Champions,
    });
    expect(report[1]).toMatchObject({
      segment: 'Potential Loyalist',
      customers: 2,
      customerShare: 0.4,
      revenue: 700,
      meanRecency: 25,
      meanFrequency: 3.5,
      meanMonetary: 350,
    });
    expect(report[1]?.revenueShare).toBeCloseTo(700 / 1500, 15);
    // Potential Loyalist: orders 3 + 4 = 7, revenue 700.
    expect(report[1]).toMatchObject({ orders: 7, averageOrderValue: 100 });
    expect(report[3]).toMatchObject({
      customers: 0,
      orders: 0,
      averageOrderValue: null,
      revenue: 0,
      revenueShare: 0,
      meanRecency: null,
      meanMonetary: null,
    });
    const shares = report.reduce((sum, r) => sum + r.customerShare, 0);
    expect(shares).toBeCloseTo(1, 12);
  });

  it('gives every default segment a one-line action from the table data', () => {
    for (const row of report) {
      expect(typeof row.action).toBe('string');
      expect(row.action).not.toContain('\n');
    }
    expect(report.at(-1)?.action).toBe(RFM_DEFAULT_SEGMENT_TABLE.actions?.Others);
  });

  it('uses the monetary value as scored for the mean, and revenue for the shares', () => {
    const avgScores = rfmScores(ROWS, { fields: FIELDS, monetary: 'average' });
    const avg = rfmSegmentReport(avgScores, rfmSegments(avgScores));
    const total = avg.reduce((sum, r) => sum + r.revenue, 0);
    expect(total).toBe(1500);
    // spend per order is 100 for everyone.
    for (const row of avg) if (row.customers > 0) expect(row.meanMonetary).toBe(100);
  });

  it('reports a null revenue share when there is no revenue, and null actions for tables without them', () => {
    const rows = ROWS.map((r) => ({ ...r, spend: 0 }));
    const s = rfmScores(rows, { bins: 4, fields: FIELDS });
    const table = { ...RFM_QUARTILE_SEGMENT_TABLE, actions: undefined };
    const { actions: _, ...withoutActions } = table;
    const r = rfmSegmentReport(s, rfmSegments(s, withoutActions));
    for (const row of r) {
      expect(row.revenueShare).toBeNull();
      expect(row.action).toBeNull();
    }
  });

  it('refuses a segmentation of other scores', () => {
    const other = rfmScores(ROWS.slice(0, 4), { fields: FIELDS });
    expect(thrown(() => rfmSegmentReport(scores, rfmSegments(other))).code).toBe('INVALID_INPUT');
    const shuffled = rfmSegments(rfmScores([...ROWS].reverse(), { fields: FIELDS }));
    expect(thrown(() => rfmSegmentReport(scores, shuffled)).message).toMatch(
      /^segmentation\.customers\[0\]\.customerId: does not match/,
    );
  });

  it('does not mutate its inputs', () => {
    const before = JSON.stringify([scores, segmentation]);
    rfmSegmentReport(scores, segmentation);
    expect(JSON.stringify([scores, segmentation])).toBe(before);
  });
});
