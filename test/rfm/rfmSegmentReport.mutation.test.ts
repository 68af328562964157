// Tests written for mutants that survived a Stryker run of src/rfm/rfmSegmentReport.ts (docs/testing.md): exact
// error paths and messages, every field of the rows, empty and hand-edited segmentations, overflowing order values.
import { describe, expect, it } from 'vitest';
import {
  RFM_DEFAULT_SEGMENT_TABLE,
  type RfmScore,
  type RfmScoreTable,
  type RfmSegmentation,
  type RfmSegmentReportRow,
  rfmScores,
  rfmSegmentReport,
  rfmSegments,
} from '../../src/rfm/index.js';
import { thrown } from '../support/thrown.js';

interface Customer {
  id: string | undefined;
  cell: [number, number, number];
  recency: number;
  frequency: number;
  monetary: number;
  revenue: number;
}

function score(c: Customer): RfmScore {
  const [r, f, m] = c.cell;
  return {
    customerId: c.id as string,
    recency: c.recency,
    frequency: c.frequency,
    monetary: c.monetary,
    revenue: c.revenue,
    recencyScore: r,
    frequencyScore: f,
    monetaryScore: m,
    cell: `${r}${f}${m}`,
    score: r + f + m,
  };
}

/** A score table on 5 bins holding exactly the given customers (monetary is spend per order, unlike revenue). */
function scoreTable(customers: readonly Customer[]): RfmScoreTable {
  return {
    customers: customers.map(score),
    bins: { recency: 5, frequency: 5, monetary: 5 },
    method: 'quantile',
    monetary: 'average',
    weights: { recency: 1, frequency: 1, monetary: 1 },
    ranges: { recency: [], frequency: [], monetary: [] },
  };
}

// 555 → Champions, 545 and 435 → Potential Loyalist, 111 → Lost (default table, first match wins).
const CUSTOMERS: readonly Customer[] = [
  { id: 'a', cell: [5, 5, 5], recency: 2, frequency: 10, monetary: 50, revenue: 500 },
  { id: 'b', cell: [5, 4, 5], recency: 4, frequency: 3, monetary: 40, revenue: 120 },
  { id: 'c', cell: [4, 3, 5], recency: 10, frequency: 5, monetary: 76, revenue: 380 },
  { id: 'd', cell: [1, 1, 1], recency: 300, frequency: 1, monetary: 0, revenue: 0 },
];

const ACTIONS = RFM_DEFAULT_SEGMENT_TABLE.actions as Record<string, string>;

function emptyRow(segment: string, action: string | null, revenueShare: number | null = 0): RfmSegmentReportRow {
  return {
    segment,
    customers: 0,
    customerShare: 0,
    revenue: 0,
    revenueShare,
    orders: 0,
    averageOrderValue: null,
    meanRecency: null,
    meanFrequency: null,
    meanMonetary: null,
    action,
  };
}

describe('rfmSegmentReport: every field of every row, by hand', () => {
  it('counts, shares, sums, means and actions of a four-customer table', () => {
    const scores = scoreTable(CUSTOMERS);
    const report = rfmSegmentReport(scores, rfmSegments(scores));
    // Total revenue 500 + 120 + 380 + 0 = 1000; four customers.
    expect(report).toEqual([
      {
        segment: 'Champions',
        customers: 1,
        customerShare: 0.25,
        revenue: 500,
        revenueShare: 0.5,
        orders: 10,
        averageOrderValue: 50,
        meanRecency: 2,
        meanFrequency: 10,
        meanMonetary: 50,
        action: ACTIONS.Champions,
      },
      {
        segment: 'Potential Loyalist',
        customers: 2,
        customerShare: 0.5,
        revenue: 500,
        revenueShare: 0.5,
        orders: 8,
        averageOrderValue: 62.5,
        meanRecency: 7,
        meanFrequency: 4,
        meanMonetary: 58,
        action: ACTIONS['Potential Loyalist'],
      },
      emptyRow('Loyal Customers', ACTIONS['Loyal Customers'] as string),
      emptyRow('Promising', ACTIONS.Promising as string),
      emptyRow('New Customers', ACTIONS['New Customers'] as string),
      emptyRow("Can't Lose Them", ACTIONS["Can't Lose Them"] as string),
      emptyRow('At Risk', ACTIONS['At Risk'] as string),
      emptyRow('Need Attention', ACTIONS['Need Attention'] as string),
      emptyRow('About To Sleep', ACTIONS['About To Sleep'] as string),
      {
        segment: 'Lost',
        customers: 1,
        customerShare: 0.25,
        revenue: 0,
        revenueShare: 0,
        orders: 1,
        // 0 revenue over 1 order is a finite 0, not null.
        averageOrderValue: 0,
        meanRecency: 300,
        meanFrequency: 1,
        meanMonetary: 0,
        action: ACTIONS.Lost,
      },
      emptyRow('Others', ACTIONS.Others as string),
    ]);
  });

  it('matches an end-to-end rfmScores → rfmSegments run (five customers, distinct values)', () => {
    // Cells 111, 222, 333, 444, 555 → Lost, Loyal Customers, Potential Loyalist ×2, Champions.
    const rows = [10, 20, 30, 40, 50].map((v, i) => ({ id: i, days: 60 - v, orders: v / 10, spend: v * 10 }));
    const scores = rfmScores(rows, {
      fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' },
    });
    const report = rfmSegmentReport(scores, rfmSegments(scores));
    expect(report.map((r) => [r.segment, r.customers, r.customerShare, r.revenue, r.orders])).toEqual([
      ['Champions', 1, 0.2, 500, 5],
      ['Potential Loyalist', 2, 0.4, 700, 7],
      ['Loyal Customers', 1, 0.2, 200, 2],
      ['Promising', 0, 0, 0, 0],
      ['New Customers', 0, 0, 0, 0],
      ["Can't Lose Them", 0, 0, 0, 0],
      ['At Risk', 0, 0, 0, 0],
      ['Need Attention', 0, 0, 0, 0],
      ['About To Sleep', 0, 0, 0, 0],
      ['Lost', 1, 0.2, 100, 1],
      ['Others', 0, 0, 0, 0],
    ]);
    expect(report[1]).toMatchObject({ averageOrderValue: 100, meanRecency: 25, meanFrequency: 3.5, meanMonetary: 350 });
    expect(report[1]?.revenueShare).toBe(700 / 1500);
  });

  it('gives null revenue shares when the total revenue is 0, and numbers otherwise', () => {
    const scores = scoreTable(CUSTOMERS.map((c) => ({ ...c, revenue: 0 })));
    const report = rfmSegmentReport(scores, rfmSegments(scores));
    expect(report.map((r) => r.revenueShare)).toEqual(new Array(11).fill(null));
    // Orders but no revenue: an average order value of 0.
    expect(report[0]).toMatchObject({ revenue: 0, orders: 10, averageOrderValue: 0 });
  });

  it('returns null for an average order value that overflows, whether or not revenue × orders does', () => {
    // revenue / orders = 1e318 → Infinity (revenue × orders = 1e298 is finite).
    const tiny = scoreTable([{ id: 'x', cell: [5, 5, 5], recency: 1, frequency: 1e-10, monetary: 1, revenue: 1e308 }]);
    const row = rfmSegmentReport(tiny, rfmSegments(tiny))[0];
    expect(row).toMatchObject({ segment: 'Champions', revenue: 1e308, orders: 1e-10, averageOrderValue: null });
    // revenue × orders overflows but revenue / orders = 1 is fine.
    const big = scoreTable([{ id: 'x', cell: [5, 5, 5], recency: 1, frequency: 1e200, monetary: 1, revenue: 1e200 }]);
    expect(rfmSegmentReport(big, rfmSegments(big))[0]?.averageOrderValue).toBe(1);
  });

  it('reports an empty score table: every row empty, shares 0 (not NaN), revenue shares null', () => {
    const scores = scoreTable([]);
    const segmentation = { customers: [], segments: ['A', 'Others'] } as unknown as RfmSegmentation;
    // No `table`: actions are null.
    expect(rfmSegmentReport(scores, segmentation)).toEqual([emptyRow('A', null, null), emptyRow('Others', null, null)]);
    const report = rfmSegmentReport(scores, rfmSegments(scores));
    expect(report).toHaveLength(11);
    expect(report.every((r) => Object.is(r.customerShare, 0) && r.revenueShare === null)).toBe(true);
  });

  it('reports segments the table does not list after the others, in order of first appearance', () => {
    const scores = scoreTable(CUSTOMERS);
    const segmentation = rfmSegments(scores);
    const edited: RfmSegmentation = {
      ...segmentation,
      customers: segmentation.customers.map((c, i) => ({ ...c, segment: ['VIP', 'Gold', 'VIP', 'Lost'][i] as string })),
    };
    const report = rfmSegmentReport(scores, edited);
    expect(report.map((r) => r.segment)).toEqual([...segmentation.segments, 'VIP', 'Gold']);
    expect(report.slice(0, 9).every((r) => r.customers === 0)).toBe(true);
    expect(report[9]).toMatchObject({ segment: 'Lost', customers: 1, meanRecency: 300 });
    expect(report[10]).toEqual(emptyRow('Others', ACTIONS.Others as string));
    expect(report[11]).toEqual({
      segment: 'VIP',
      customers: 2,
      customerShare: 0.5,
      revenue: 880,
      revenueShare: 0.88,
      orders: 15,
      averageOrderValue: 880 / 15,
      meanRecency: 6,
      meanFrequency: 7.5,
      meanMonetary: 63,
      action: null,
    });
    expect(report[12]).toEqual({
      segment: 'Gold',
      customers: 1,
      customerShare: 0.25,
      revenue: 120,
      revenueShare: 0.12,
      orders: 3,
      averageOrderValue: 40,
      meanRecency: 4,
      meanFrequency: 3,
      meanMonetary: 40,
      action: null,
    });
  });
});

describe('rfmSegmentReport: errors, with exact paths and messages', () => {
  const scores = (): RfmScoreTable => scoreTable(CUSTOMERS);

  it('rejects scores without a customers array', () => {
    const e = thrown(() => rfmSegmentReport(null as unknown as RfmScoreTable, rfmSegments(scores())));
    expect([e.code, e.message]).toEqual([
      'INVALID_INPUT',
      'scores.customers: expected an array of scores (the output of rfmScores), got undefined',
    ]);
  });

  it('rejects a segmentation without a customers array (null, missing or not an array)', () => {
    for (const [segmentation, got] of [
      [null, 'undefined'],
      [undefined, 'undefined'],
      [{}, 'undefined'],
      [{ customers: 'abc', segments: [] }, 'the string "abc"'],
      [{ customers: { length: 4 }, segments: [] }, 'an object'],
    ] as const) {
      const e = thrown(() => rfmSegmentReport(scores(), segmentation as unknown as RfmSegmentation));
      expect([e.code, e.message]).toEqual([
        'INVALID_INPUT',
        `segmentation.customers: expected an array of segments (the output of rfmSegments), got ${got}`,
      ]);
    }
  });

  it('rejects a segmentation with fewer or more customers than the scores', () => {
    const full = rfmSegments(scores());
    for (const n of [0, 3, 5]) {
      const customers = Array.from({ length: n }, (_, i) => full.customers[i % 4]);
      const e = thrown(() => rfmSegmentReport(scores(), { ...full, customers } as RfmSegmentation));
      expect([e.code, e.message]).toEqual([
        'INVALID_INPUT',
        `segmentation.customers: has ${n} customers but the scores have 4; segment the same scores`,
      ]);
    }
  });

  it('rejects a segmentation whose segments are not a list', () => {
    const full = rfmSegments(scores());
    for (const [segments, got] of [
      ['abc', 'the string "abc"'],
      [undefined, 'undefined'],
      [{ length: 1 }, 'an object'],
    ] as const) {
      const e = thrown(() => rfmSegmentReport(scores(), { ...full, segments } as unknown as RfmSegmentation));
      expect([e.code, e.message]).toEqual([
        'INVALID_INPUT',
        `segmentation.segments: expected the list of segments (the output of rfmSegments), got ${got}`,
      ]);
    }
  });

  const mismatch = (i: number): string =>
    `segmentation.customers[${i}].customerId: does not match the customer at the same position of the scores; ` +
    'segment the same scores';

  it('rejects assignments that are not objects, or whose customer differs, naming the position', () => {
    const full = rfmSegments(scores());
    for (const bad of [null, undefined, 'a', 7, { ...full.customers[1], customerId: 'zz' }]) {
      const customers = [...full.customers];
      customers[1] = bad as (typeof customers)[number];
      const e = thrown(() => rfmSegmentReport(scores(), { ...full, customers }));
      expect([e.code, e.message]).toEqual(['INVALID_INPUT', mismatch(1)]);
    }
  });

  it('rejects a primitive assignment even when the score has no customer id', () => {
    const noId = scoreTable([{ ...(CUSTOMERS[0] as Customer), id: undefined }]);
    for (const bad of ['Champions', 5, true]) {
      const segmentation = { customers: [bad], segments: ['Champions', 'Others'] } as unknown as RfmSegmentation;
      const e = thrown(() => rfmSegmentReport(noId, segmentation));
      expect([e.code, e.message]).toEqual(['INVALID_INPUT', mismatch(0)]);
    }
  });

  it('rejects scores that are not objects, even against an assignment without a customer id', () => {
    const assignment = { customerId: undefined, cell: '555', segment: 'Champions' };
    const segmentation = { customers: [assignment], segments: ['Champions', 'Others'] } as unknown as RfmSegmentation;
    for (const bad of [null, 'x', 3]) {
      const table = { ...scoreTable([]), customers: [bad] } as unknown as RfmScoreTable;
      const e = thrown(() => rfmSegmentReport(table, segmentation));
      expect([e.code, e.message]).toEqual(['INVALID_INPUT', mismatch(0)]);
    }
  });

  it('rejects a revenue, recency, frequency or monetary value that is not a finite number', () => {
    const segmentation = rfmSegments(scores());
    for (const field of ['revenue', 'recency', 'frequency', 'monetary'] as const) {
      for (const [value, got] of [
        [Number.NaN, 'NaN'],
        [Number.POSITIVE_INFINITY, 'Infinity'],
        [Number.NEGATIVE_INFINITY, '-Infinity'],
        ['7', 'the string "7"'],
        [undefined, 'undefined'],
      ] as const) {
        const table = scores();
        table.customers[2] = { ...(table.customers[2] as RfmScore), [field]: value };
        const e = thrown(() => rfmSegmentReport(table, segmentation));
        expect([e.code, e.message]).toEqual([
          'INVALID_INPUT',
          `scores.customers[2].${field}: expected a finite number, got ${got}`,
        ]);
      }
    }
  });

  it('turns a throwing getter into INVALID_INPUT naming the customer, with the cause', () => {
    const segmentation = rfmSegments(scores());
    const table = scores();
    const boom = new Error('boom');
    const record = { ...(table.customers[3] as RfmScore) };
    Object.defineProperty(record, 'monetary', {
      get() {
        throw boom;
      },
    });
    table.customers[3] = record;
    const e = thrown(() => rfmSegmentReport(table, segmentation));
    expect([e.code, e.message, e.cause]).toEqual([
      'INVALID_INPUT',
      'scores.customers[3]: reading the value threw (boom)',
      boom,
    ]);
  });
});
