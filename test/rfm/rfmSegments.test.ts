import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import {
  checkSegmentTable,
  RFM_DEFAULT_SEGMENT_TABLE,
  RFM_QUARTILE_SEGMENT_TABLE,
  type RfmScoreTable,
  type RfmSegmentTable,
  rfmScores,
  rfmSegments,
  rfmSegmentTableSchema,
} from '../../src/rfm/index.js';
import { rRfmSegment } from './rReference.js';

function thrown(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError');
}

/** A score table holding exactly the given cells, one customer each (scores are all that rfmSegments reads). */
function tableOfCells(cells: Array<[number, number, number]>, bins: number): RfmScoreTable {
  return {
    customers: cells.map(([r, f, m], i) => ({
      customerId: i,
      recency: 0,
      frequency: 0,
      monetary: 0,
      revenue: 0,
      recencyScore: r,
      frequencyScore: f,
      monetaryScore: m,
      cell: `${r}${f}${m}`,
      score: r + f + m,
    })),
    bins: { recency: bins, frequency: bins, monetary: bins },
    method: 'quantile',
    monetary: 'total',
    weights: { recency: 1, frequency: 1, monetary: 1 },
    ranges: { recency: [], frequency: [], monetary: [] },
  };
}

function grid(bins: number): Array<[number, number, number]> {
  const cells: Array<[number, number, number]> = [];
  for (let r = 1; r <= bins; r++) for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) cells.push([r, f, m]);
  return cells;
}

describe('rfmSegments with the default (R rfm) table', () => {
  it("assigns every one of the 125 cells as R's rfm_segment() does with its documented vectors", () => {
    const cells = grid(5);
    const result = rfmSegments(tableOfCells(cells, 5));
    result.customers.forEach((c, i) => {
      const [r, f, m] = cells[i] as [number, number, number];
      expect(c.segment).toBe(rRfmSegment(r, f, m));
    });
  });

  it('matches hand-checked cells, first match winning', () => {
    const cells: Array<[number, number, number]> = [
      [5, 5, 5], // Champions
      [5, 4, 5], // Potential Loyalist
      [3, 3, 3], // Potential Loyalist before Loyal Customers (overlap)
      [2, 2, 2], // Loyal Customers
      [3, 1, 5], // Promising
      [4, 1, 1], // New Customers (Promising needs M ≥ 3)
      [1, 4, 5], // Can't Lose Them
      [1, 5, 5], // At Risk (F 5 is outside Can't Lose Them)
      [1, 3, 3], // Need Attention
      [2, 1, 1], // About To Sleep
      [1, 1, 1], // Lost
      [1, 1, 5], // Lost
      [2, 5, 1], // Others: no rule matches
    ];
    expect(rfmSegments(tableOfCells(cells, 5)).customers.map((c) => c.segment)).toEqual([
      'Champions',
      'Potential Loyalist',
      'Potential Loyalist',
      'Loyal Customers',
      'Promising',
      'New Customers',
      "Can't Lose Them",
      'At Risk',
      'Need Attention',
      'About To Sleep',
      'Lost',
      'Lost',
      'Others',
    ]);
  });

  it('lists the segments in table order with the fallback last, and keeps ids and cells', () => {
    const result = rfmSegments(tableOfCells([[5, 5, 5]], 5));
    expect(result.segments).toEqual([...RFM_DEFAULT_SEGMENT_TABLE.rules.map((r) => r.segment), 'Others']);
    expect(result.customers[0]).toEqual({ customerId: 0, cell: '555', segment: 'Champions' });
    expect(result.table.name).toBe('r-rfm');
  });
});

describe('rfmSegments with the PyMC-Marketing quartile table', () => {
  it('assigns the listed cells and sends the rest to Others', () => {
    const result = rfmSegments(
      tableOfCells(
        [
          [4, 4, 4],
          [2, 4, 4],
          [1, 4, 4],
          [1, 2, 2],
          [1, 1, 1],
          [2, 1, 2],
          [4, 4, 1],
        ],
        4,
      ),
      RFM_QUARTILE_SEGMENT_TABLE,
    );
    expect(result.customers.map((c) => c.segment)).toEqual([
      'Premium Customer',
      'Repeat Customer',
      'Top Spender',
      'At Risk Customer',
      'Inactive Customer',
      'At Risk Customer',
      'Others',
    ]);
  });

  it('scores and segments real records end to end on 4 bins', () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({
      id: i,
      days: 80 - 10 * i,
      orders: i + 1,
      spend: 10 * (i + 1),
    }));
    const scores = rfmScores(rows, {
      bins: 4,
      fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' },
    });
    const segments = rfmSegments(scores, RFM_QUARTILE_SEGMENT_TABLE).customers.map((c) => c.segment);
    expect(segments).toEqual([
      'Inactive Customer',
      'Inactive Customer',
      'At Risk Customer',
      'At Risk Customer',
      'Premium Customer',
      'Premium Customer',
      'Premium Customer',
      'Premium Customer',
    ]);
  });
});

describe('custom segment tables', () => {
  const table: RfmSegmentTable = {
    name: 'two-by-two',
    bins: 2,
    rules: [
      { segment: 'Best', recency: [2, 2], frequency: [2, 2] },
      { segment: 'Recent', recency: [2, 2] },
      { segment: 'Big', cells: ['112', '122'] },
    ],
    fallback: 'Rest',
  };

  it('checks rules in order and uses the table fallback', () => {
    const result = rfmSegments(tableOfCells(grid(2), 2), table);
    expect(result.customers.map((c) => `${c.cell}:${c.segment}`)).toEqual([
      '111:Rest',
      '112:Big',
      '121:Rest',
      '122:Big',
      '211:Recent',
      '212:Recent',
      '221:Best',
      '222:Best',
    ]);
    expect(result.segments).toEqual(['Best', 'Recent', 'Big', 'Rest']);
  });

  it('validates tables with zod and names the problem', () => {
    let e = thrown(() => rfmSegments(tableOfCells([[1, 1, 1]], 2), { ...table, rules: [{ segment: 'A' }] }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/^table\.rules\[0\]: expected at least one of recency, frequency, monetary or cells/);
    e = thrown(() =>
      rfmSegments(tableOfCells([[1, 1, 1]], 2), { ...table, rules: [{ segment: 'A', recency: [2, 1] }] }),
    );
    expect(e.message).toMatch(/^table\.rules\[0\]\.recency/);
    e = thrown(() =>
      rfmSegments(tableOfCells([[1, 1, 1]], 2), { ...table, rules: [{ segment: 'A', frequency: [1, 3] }] }),
    );
    expect(e.message).toBe("table.rules[0].frequency[1]: expected a score ≤ 2 (the table's bins), got 3");
    e = thrown(() => rfmSegments(tableOfCells([[1, 1, 1]], 2), { ...table, rules: [{ segment: 'A', cells: ['13'] }] }));
    expect(e.message).toMatch(/^table\.rules\[0\]\.cells\[0\]: expected a cell of 2 bins/);
    expect(thrown(() => rfmSegments(tableOfCells([[1, 1, 1]], 2), { ...table, bins: 11 })).code).toBe('INVALID_OPTION');
    expect(rfmSegmentTableSchema.safeParse(table).success).toBe(true);
    expect(rfmSegmentTableSchema.safeParse({ ...table, extra: 1 }).success).toBe(false);
  });

  it('refuses a table written for other bins than the scores', () => {
    const e = thrown(() => rfmSegments(tableOfCells([[1, 1, 1]], 5), RFM_QUARTILE_SEGMENT_TABLE));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/^table\.bins: is 4 but the scores have 5 \/ 5 \/ 5 bins/);
  });

  it('rejects scores outside the bins, naming the customer', () => {
    const e = thrown(() =>
      rfmSegments(
        tableOfCells(
          [
            [1, 1, 1],
            [1, 6, 1],
          ],
          5,
        ),
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('scores.customers[1].frequencyScore: expected a whole number from 1 to 5, got 6');
    expect(thrown(() => rfmSegments(tableOfCells([[1.5, 1, 1]], 5))).message).toMatch(/recencyScore/);
    expect(thrown(() => rfmSegments({} as RfmScoreTable)).code).toBe('INVALID_INPUT');
  });

  it('does not mutate the scores or the table', () => {
    const scores = tableOfCells(grid(2), 2);
    const before = JSON.stringify(scores);
    const tableBefore = JSON.stringify(table);
    rfmSegments(scores, table);
    expect(JSON.stringify(scores)).toBe(before);
    expect(JSON.stringify(table)).toBe(tableBefore);
  });

  it('keeps the built-in tables frozen', () => {
    expect(Object.isFrozen(RFM_DEFAULT_SEGMENT_TABLE)).toBe(true);
    expect(Object.isFrozen(RFM_DEFAULT_SEGMENT_TABLE.rules[0]?.recency)).toBe(true);
    expect(Object.isFrozen(RFM_QUARTILE_SEGMENT_TABLE.rules[0]?.cells)).toBe(true);
  });
});

describe('checkSegmentTable', () => {
  it("reports the R table's overlaps and uncovered cells over the 125-cell grid", () => {
    const check = checkSegmentTable(RFM_DEFAULT_SEGMENT_TABLE);
    expect(check.cells).toBe(125);
    // Independent count: cells where R's vectors find no segment.
    const uncovered = grid(5).filter(([r, f, m]) => rRfmSegment(r, f, m) === 'Others');
    expect(check.uncovered).toEqual(uncovered.map(([r, f, m]) => `${r}${f}${m}`));
    expect(check.covered).toBe(125 - uncovered.length);
    expect(check.uncovered).toContain('251');
    const overlap333 = check.overlaps.find((o) => o.cell === '333');
    expect(overlap333?.segments.slice(0, 2)).toEqual(['Potential Loyalist', 'Loyal Customers']);
    expect(check.shadowedRules).toEqual([]);
  });

  it('finds no overlap in the PyMC-Marketing table and 18 uncovered quartile cells', () => {
    const check = checkSegmentTable(RFM_QUARTILE_SEGMENT_TABLE);
    expect(check.cells).toBe(64);
    expect(check.overlaps).toEqual([]);
    expect(check.covered).toBe(46);
    expect(check.uncovered).toHaveLength(18);
    expect(check.uncovered).toContain('441');
  });

  it('flags a rule that never wins a cell', () => {
    const check = checkSegmentTable({
      name: 't',
      bins: 2,
      rules: [
        { segment: 'A', recency: [1, 2] },
        { segment: 'B', cells: ['111'] },
      ],
    });
    expect(check.shadowedRules).toEqual([1]);
    expect(check.overlaps).toEqual([{ cell: '111', rules: [0, 1], segments: ['A', 'B'] }]);
    expect(check.uncovered).toEqual([]);
  });

  it('rejects an invalid table', () => {
    expect(thrown(() => checkSegmentTable({ name: '', bins: 5, rules: [] })).code).toBe('INVALID_OPTION');
  });
});

describe('tables for 10 bins', () => {
  it('match dashed cells and ranges', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: i, days: 20 - i, orders: i, spend: i }));
    const scores = rfmScores(rows, {
      bins: 10,
      fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' },
    });
    const table: RfmSegmentTable = {
      name: 'deciles',
      bins: 10,
      rules: [
        { segment: 'Top decile', cells: ['10-10-10'] },
        { segment: 'Bottom half', frequency: [1, 5] },
      ],
    };
    const segments = rfmSegments(scores, table).customers;
    expect(segments[19]).toEqual({ customerId: 19, cell: '10-10-10', segment: 'Top decile' });
    expect(segments[0]?.segment).toBe('Bottom half');
    expect(segments[12]?.segment).toBe('Others');
    expect(thrown(() => checkSegmentTable({ ...table, rules: [{ segment: 'x', cells: ['101010'] }] })).code).toBe(
      'INVALID_OPTION',
    );
  });
});
