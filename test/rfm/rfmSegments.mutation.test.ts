// Tests written for mutants that survived a Stryker run of src/rfm/rfmSegments.ts (docs/testing.md): the bins and
// score checks dimension by dimension with exact messages, repeated segment names, and the lookup of unequal grids.
import { describe, expect, it } from 'vitest';
import {
  type RfmScore,
  type RfmScoreTable,
  type RfmSegmentTable,
  rfmSegmentReport,
  rfmSegments,
} from '../../src/rfm/index.js';
import { scoreList, segmentLookup, segmentNames } from '../../src/rfm/rfmSegments.js';
import { thrown } from '../support/thrown.js';

type Bins = { recency: number; frequency: number; monetary: number };

function record(r: unknown, f: unknown, m: unknown, i: number): RfmScore {
  return {
    customerId: i,
    recency: 0,
    frequency: 0,
    monetary: 0,
    revenue: 0,
    recencyScore: r as number,
    frequencyScore: f as number,
    monetaryScore: m as number,
    cell: `${r}${f}${m}`,
    score: 0,
  };
}

/** A score table holding exactly the given cells, one customer each. */
function cellsTable(
  cells: ReadonlyArray<readonly [unknown, unknown, unknown]>,
  bins: number | Bins = 5,
): RfmScoreTable {
  return {
    customers: cells.map(([r, f, m], i) => record(r, f, m, i)),
    bins: typeof bins === 'number' ? { recency: bins, frequency: bins, monetary: bins } : bins,
    method: 'quantile',
    monetary: 'total',
    weights: { recency: 1, frequency: 1, monetary: 1 },
    ranges: { recency: [], frequency: [], monetary: [] },
  };
}

const withBins = (bins: unknown): RfmScoreTable => ({ ...cellsTable([[1, 1, 1]]), bins }) as unknown as RfmScoreTable;

describe('rfmSegments: the table must be written for the bins of every dimension', () => {
  it('names the table bins and the scores bins when any one dimension differs', () => {
    for (const [bins, shown] of [
      [{ recency: 4, frequency: 5, monetary: 5 }, '4 / 5 / 5'],
      [{ recency: 5, frequency: 4, monetary: 5 }, '5 / 4 / 5'],
      [{ recency: 5, frequency: 5, monetary: 6 }, '5 / 5 / 6'],
      [{ recency: 5, frequency: 6, monetary: 6 }, '5 / 6 / 6'],
    ] as const) {
      const e = thrown(() => rfmSegments(cellsTable([[1, 1, 1]], bins)));
      expect([e.code, e.message, e.received]).toEqual([
        'INVALID_OPTION',
        `table.bins: is 5 but the scores have ${shown} bins (R / F / M); score with as many bins as the table is ` +
          'written for',
        5,
      ]);
    }
  });
});

describe('rfmSegments: each score is checked, naming the customer and the dimension', () => {
  const message = (i: number, field: string, b: number, got: string): string =>
    `scores.customers[${i}].${field}: expected a whole number from 1 to ${b}, got ${got}`;

  it('rejects 0, bins + 1, fractions and non-numbers in every dimension', () => {
    for (const [bad, got] of [
      [0, '0'],
      [6, '6'],
      [2.5, '2.5'],
      [-1, '-1'],
      ['3', 'the string "3"'],
      [undefined, 'undefined'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const cases: Array<[readonly [unknown, unknown, unknown], string]> = [
        [[bad, 3, 3], 'recencyScore'],
        [[3, bad, 3], 'frequencyScore'],
        [[3, 3, bad], 'monetaryScore'],
      ];
      for (const [cell, field] of cases) {
        const e = thrown(() => rfmSegments(cellsTable([[5, 5, 5], cell])));
        expect([e.code, e.message]).toEqual(['INVALID_INPUT', message(1, field, 5, got)]);
      }
    }
  });

  it('names the first bad dimension, a score equal to the bins being valid', () => {
    for (const [cell, field, got] of [
      [[5, 0, 5], 'frequencyScore', '0'],
      [[5, 5, 0], 'monetaryScore', '0'],
      [[1, 6, 0], 'frequencyScore', '6'],
      [[0, 6, 0], 'recencyScore', '0'],
    ] as const) {
      const e = thrown(() => rfmSegments(cellsTable([cell])));
      expect(e.message).toBe(message(0, field, 5, got));
    }
    // Bins 4: a score of 4 is the top one, 5 is out.
    expect(thrown(() => rfmSegments(cellsTable([[4, 4, 5]], 4), quartileTable())).message).toBe(
      message(0, 'monetaryScore', 4, '5'),
    );
  });

  it('accepts scores at both ends of the bins', () => {
    const result = rfmSegments(
      cellsTable([
        [1, 1, 1],
        [5, 5, 5],
        [1, 5, 5],
        [5, 1, 1],
      ]),
    );
    expect(result.customers.map((c) => c.segment)).toEqual(['Lost', 'Champions', 'At Risk', 'New Customers']);
  });

  it('rejects a customer that is not a record, naming it', () => {
    for (const [bad, got] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [5, '5'],
      ['555', 'the string "555"'],
    ] as const) {
      const scores = cellsTable([
        [1, 1, 1],
        [2, 2, 2],
      ]);
      (scores.customers as unknown[])[1] = bad;
      const e = thrown(() => rfmSegments(scores));
      expect([e.code, e.message]).toEqual([
        'INVALID_INPUT',
        `scores.customers[1]: expected an RfmScore record, got ${got}`,
      ]);
    }
  });

  it('falls back to naming the record when a score reads differently the second time', () => {
    const scores = cellsTable([[2, 2, 2]]);
    let reads = 0;
    Object.defineProperty(scores.customers[0], 'recencyScore', {
      get: () => (reads++ === 0 ? 0 : 3),
    });
    const e = thrown(() => rfmSegments(scores));
    expect([e.code, e.message]).toEqual([
      'INVALID_INPUT',
      'scores.customers[0]: expected an RfmScore record, got an object',
    ]);
  });

  it('turns a throwing getter into INVALID_INPUT naming the customer', () => {
    const scores = cellsTable([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    const boom = new Error('boom');
    Object.defineProperty(scores.customers[1], 'frequencyScore', {
      get: () => {
        throw boom;
      },
    });
    const e = thrown(() => rfmSegments(scores));
    expect([e.code, e.message, e.cause]).toEqual([
      'INVALID_INPUT',
      'scores.customers[1]: reading the value threw (boom)',
      boom,
    ]);
  });
});

describe('rfmSegments: the bins of the scores', () => {
  it('rejects scores without bins', () => {
    for (const [scores, got] of [
      [null, 'undefined'],
      [{}, 'undefined'],
      [{ customers: [], bins: null }, 'null'],
      [{ customers: [], bins: 5 }, '5'],
      [{ customers: [], bins: 'x' }, 'the string "x"'],
    ] as const) {
      const e = thrown(() => rfmSegments(scores as unknown as RfmScoreTable));
      expect([e.code, e.message]).toEqual(['INVALID_INPUT', `scores.bins: expected the bins of rfmScores, got ${got}`]);
    }
  });

  it('rejects bins that are not whole numbers from 2 to 10, naming the dimension', () => {
    for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
      for (const [bad, got] of [
        [1, '1'],
        [11, '11'],
        [4.5, '4.5'],
        ['5', 'the string "5"'],
        [undefined, 'undefined'],
        [Number.NaN, 'NaN'],
      ] as const) {
        const e = thrown(() => rfmSegments(withBins({ recency: 5, frequency: 5, monetary: 5, [dimension]: bad })));
        expect([e.code, e.message]).toEqual([
          'INVALID_INPUT',
          `scores.bins.${dimension}: expected a whole number from 2 to 10, got ${got}`,
        ]);
      }
    }
  });

  it('accepts 2 and 10 bins', () => {
    const two: RfmSegmentTable = { name: 't', bins: 2, rules: [{ segment: 'Top', recency: [2, 2] }] };
    expect(rfmSegments(cellsTable([[2, 1, 2]], 2), two).customers[0]?.segment).toBe('Top');
    const ten: RfmSegmentTable = { name: 't', bins: 10, rules: [{ segment: 'Top', cells: ['10-1-10'] }] };
    const scores = cellsTable(
      [
        [10, 1, 10],
        [10, 10, 10],
      ],
      10,
    );
    expect(rfmSegments(scores, ten).customers.map((c) => c.segment)).toEqual(['Top', 'Others']);
  });

  it('rejects a customers field that is not an array', () => {
    for (const [customers, got] of [
      [undefined, 'undefined'],
      ['x', 'the string "x"'],
      [{ length: 0 }, 'an object'],
    ] as const) {
      const scores = { ...cellsTable([]), customers } as unknown as RfmScoreTable;
      const e = thrown(() => rfmSegments(scores));
      expect([e.code, e.message]).toEqual([
        'INVALID_INPUT',
        `scores.customers: expected an array of scores (the output of rfmScores), got ${got}`,
      ]);
    }
    for (const bad of [null, undefined]) {
      const e = thrown(() => scoreList(bad as unknown as RfmScoreTable));
      expect(e.message).toBe('scores.customers: expected an array of scores (the output of rfmScores), got undefined');
      expect(thrown(() => rfmSegmentReport(bad as unknown as RfmScoreTable, rfmSegments(cellsTable([])))).message).toBe(
        'scores.customers: expected an array of scores (the output of rfmScores), got undefined',
      );
    }
  });
});

function quartileTable(): RfmSegmentTable {
  return { name: 'q', bins: 4, rules: [{ segment: 'Top', recency: [4, 4] }] };
}

describe('rfmSegments: segment names', () => {
  it('lists a segment named by several rules once, and the fallback once when a rule names it', () => {
    const table: RfmSegmentTable = {
      name: 't',
      bins: 3,
      rules: [
        { segment: 'A', recency: [3, 3] },
        { segment: 'B', recency: [2, 2] },
        { segment: 'A', frequency: [3, 3] },
        { segment: 'Others', monetary: [3, 3] },
      ],
    };
    const result = rfmSegments(
      cellsTable(
        [
          [3, 1, 1],
          [2, 1, 1],
          [1, 3, 1],
          [1, 1, 3],
          [1, 1, 1],
        ],
        3,
      ),
      table,
    );
    expect(result.segments).toEqual(['A', 'B', 'Others']);
    expect(result.customers.map((c) => c.segment)).toEqual(['A', 'B', 'A', 'Others', 'Others']);
    expect(segmentNames({ ...table, fallback: 'Rest' })).toEqual(['A', 'B', 'Others', 'Rest']);
    expect(segmentNames({ ...table, fallback: 'B' })).toEqual(['A', 'B', 'Others']);
  });

  it('returns one assignment per customer, none for no customers', () => {
    const empty = rfmSegments(cellsTable([]));
    expect(empty.customers).toEqual([]);
    const one = rfmSegments(cellsTable([[5, 5, 5]]));
    expect(one.customers).toEqual([{ customerId: 0, cell: '555', segment: 'Champions' }]);
    expect(one.customers).toHaveLength(1);
  });
});

describe('segmentLookup on a grid with unequal bins', () => {
  it('indexes ((r − 1)·bF + (f − 1))·bM + (m − 1) over a 2 × 3 × 4 grid', () => {
    const table: RfmSegmentTable = {
      name: 't',
      bins: 4,
      rules: [
        { segment: 'Top', cells: ['234'] },
        { segment: 'R2', recency: [2, 2] },
      ],
      fallback: 'Rest',
    };
    const lookup = segmentLookup(table, 2, 3, 4);
    // r = 1: 12 cells, all Rest; r = 2: 12 cells, the last (f 3, m 4) Top, the others R2.
    expect(lookup).toEqual([...new Array(12).fill('Rest'), ...new Array(11).fill('R2'), 'Top']);
    // 3 × 2 × 2: r = 1 and r = 3 fall back, r = 2 is R2 ('234' is not a cell of this grid).
    expect(segmentLookup(table, 3, 2, 2)).toEqual([
      ...new Array(4).fill('Rest'),
      ...new Array(4).fill('R2'),
      ...new Array(4).fill('Rest'),
    ]);
  });
});
