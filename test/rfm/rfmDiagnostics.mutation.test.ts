// Tests written for mutants that survived a Stryker run of src/rfm/rfmDiagnostics.ts (docs/testing.md): exact error
// codes, paths and messages, the exact warning texts and thresholds, the correlation guards and the empty-bin lists.
import { describe, expect, it } from 'vitest';
import { type RfmScore, type RfmScoreTable, rfmDiagnostics } from '../../src/rfm/index.js';
import { fc, test } from '../support/property.js';
import { averageRanks, pearson } from '../support/reference.js';
import { thrown } from '../support/thrown.js';

type Bins = { recency: number; frequency: number; monetary: number };
/** [recencyScore, frequencyScore, monetaryScore, frequency, monetary] */
type Row = [number, number, number, number, number];

function customer([r, f, m, frequency, monetary]: Row, i: number): RfmScore {
  return {
    customerId: i,
    recency: 0,
    frequency,
    monetary,
    revenue: monetary,
    recencyScore: r,
    frequencyScore: f,
    monetaryScore: m,
    cell: `${r}${f}${m}`,
    score: r + f + m,
  };
}

/** A hand-built score table: only `customers`, `bins` and `monetary` are read by rfmDiagnostics. */
function table(rows: Row[], bins: Bins = { recency: 3, frequency: 3, monetary: 3 }, monetary = 'total'): RfmScoreTable {
  return {
    customers: rows.map(customer),
    bins,
    method: 'quantile',
    monetary,
    weights: { recency: 1, frequency: 1, monetary: 1 },
    ranges: { recency: [], frequency: [], monetary: [] },
  } as unknown as RfmScoreTable;
}

const spearman = (x: number[], y: number[]): number => pearson(averageRanks(x), averageRanks(y));

/** Rows filling every bin of every dimension of a 3/3/3 table, with the given frequency / monetary columns. */
function fullColumns(x: number[], y: number[]): Row[] {
  return x.map((f, i) => [(i % 3) + 1, (i % 3) + 1, (i % 3) + 1, f, y[i] as number]);
}

const COLLINEAR_TOTAL =
  "M adds little beyond F; score spend per purchase instead (monetary: 'average') or combine F and M into one score.";
const COLLINEAR_AVERAGE =
  'M adds little beyond F; even with spend per purchase; consider dropping M or combining F and M into one score.';
const EMPTY_TAIL = 'many customers share a value; consider fewer bins or fixed breaks for that dimension.';

describe('rfmDiagnostics: input errors', () => {
  it('rejects a table without customers with EMPTY_INPUT naming scores.customers', () => {
    const e = thrown(() => rfmDiagnostics(table([])));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.path).toEqual(['scores', 'customers']);
    expect(e.message).toBe('scores.customers: expected at least 1 customer, got an array of length 0');
  });

  it('rejects each score outside its bins, fractional or missing, naming the record and the bins', () => {
    const bins = { recency: 3, frequency: 4, monetary: 5 };
    const bad: Array<[number, number, number]> = [
      [0, 1, 1],
      [4, 1, 1],
      [1.5, 1, 1],
      [1, 0, 1],
      [1, 5, 1],
      [1, 2.5, 1],
      [1, 1, 0],
      [1, 1, 6],
      [1, 1, 4.5],
      [Number.NaN, 1, 1],
    ];
    for (const [r, f, m] of bad) {
      const e = thrown(() =>
        rfmDiagnostics(
          table(
            [
              [3, 4, 5, 1, 1],
              [r, f, m, 2, 2],
            ],
            bins,
          ),
        ),
      );
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['scores', 'customers', 1]);
      expect(e.message).toBe('scores.customers[1]: expected scores within the bins 3 / 4 / 5, got an object');
    }
    // The highest and lowest scores themselves are accepted.
    expect(
      rfmDiagnostics(
        table(
          [
            [3, 4, 5, 1, 1],
            [1, 1, 1, 2, 2],
          ],
          bins,
        ),
      ).occupiedCells,
    ).toBe(2);
  });

  it('rejects a null or missing record as a score outside the bins (not as a read error)', () => {
    for (const s of [null, undefined]) {
      const scores = table([[1, 1, 1, 1, 1]]);
      (scores.customers as unknown[]).push(s);
      const e = thrown(() => rfmDiagnostics(scores));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['scores', 'customers', 1]);
      expect(e.message).toBe(`scores.customers[1]: expected scores within the bins 3 / 3 / 3, got ${s}`);
    }
  });

  it('rejects a non-finite frequency or monetary value, naming the record', () => {
    for (const [f, m] of [
      [Number.NaN, 1],
      [1, Number.POSITIVE_INFINITY],
      [Number.NEGATIVE_INFINITY, 2],
      [3, Number.NaN],
    ] as const) {
      const e = thrown(() =>
        rfmDiagnostics(
          table([
            [1, 1, 1, 1, 1],
            [2, 2, 2, 2, 2],
            [3, 3, 3, f, m],
          ]),
        ),
      );
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['scores', 'customers', 2]);
      expect(e.message).toBe('scores.customers[2]: expected finite frequency and monetary values, got an object');
    }
  });

  it('turns a throwing getter into INVALID_INPUT naming the record, with the cause', () => {
    const scores = table([
      [1, 1, 1, 1, 1],
      [2, 2, 2, 2, 2],
    ]);
    const boom = new Error('boom');
    Object.defineProperty(scores.customers[1], 'monetaryScore', {
      get() {
        throw boom;
      },
    });
    const e = thrown(() => rfmDiagnostics(scores));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['scores', 'customers', 1]);
    expect(e.message).toBe('scores.customers[1]: reading the value threw (boom)');
    expect(e.cause).toBe(boom);
  });
});

describe('rfmDiagnostics: results and warnings', () => {
  it('returns no warning at all for a full, weakly correlated table', () => {
    // Correlation exactly 0: x = 1, 2, 3 against y = 1, 3, 1 (each cell on the diagonal).
    const d = rfmDiagnostics(table(fullColumns([1, 2, 3], [1, 3, 1])));
    expect(d).toEqual({
      customers: 3,
      possibleCells: 27,
      occupiedCells: 3,
      occupiedShare: 3 / 27,
      frequencyMonetaryPearson: 0,
      frequencyMonetarySpearman: 0,
      emptyBins: { recency: [], frequency: [], monetary: [] },
      warnings: [],
    });
  });

  it('warns on a correlation strictly above the threshold only', () => {
    const rows = fullColumns([1, 2, 3], [1, 3, 1]);
    // Both correlations are exactly 0: a threshold of 0 is not exceeded.
    expect(rfmDiagnostics(table(rows), { correlationThreshold: 0 }).warnings).toEqual([]);
    // A perfect correlation (clamped to exactly 1) does not exceed a threshold of 1 either.
    const perfect = rfmDiagnostics(table(fullColumns([1, 2, 3], [2, 4, 6])), { correlationThreshold: 1 });
    expect([perfect.frequencyMonetaryPearson, perfect.frequencyMonetarySpearman]).toEqual([1, 1]);
    expect(perfect.warnings).toEqual([]);
    const warned = rfmDiagnostics(table(fullColumns([1, 2, 3], [2, 4, 6])), { correlationThreshold: 0.99 });
    expect(warned.warnings).toEqual([
      {
        code: 'COLLINEAR_FREQUENCY_MONETARY',
        message: `frequency and monetary value are strongly correlated (Pearson 1.00, Spearman 1.00 > 0.99): ${COLLINEAR_TOTAL}`,
      },
    ]);
  });

  it('uses the default threshold 0.7 and the hint for average monetary scores', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [-1, 2, 1, 4, 3, 5];
    const p = pearson(x, y);
    const s = spearman(x, y);
    expect(Math.min(p, s)).toBeGreaterThan(0.7);
    for (const [monetary, hint] of [
      ['total', COLLINEAR_TOTAL],
      ['average', COLLINEAR_AVERAGE],
    ] as const) {
      const d = rfmDiagnostics(table(fullColumns(x, y), undefined, monetary));
      expect(d.frequencyMonetaryPearson).toBeCloseTo(p, 12);
      expect(d.frequencyMonetarySpearman).toBeCloseTo(s, 12);
      expect(d.warnings).toEqual([
        {
          code: 'COLLINEAR_FREQUENCY_MONETARY',
          message: `frequency and monetary value are strongly correlated (Pearson ${p.toFixed(2)}, Spearman ${s.toFixed(2)} > 0.7): ${hint}`,
        },
      ]);
    }
  });

  it('warns when only Pearson exceeds the threshold, and when only Spearman does', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // An outlier at the top drives Pearson up while the ranks fall.
    const yP = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1000];
    // An outlier at the bottom keeps the ranks monotone (Spearman 1) while Pearson stays low.
    const yS = [-1000, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const [y, high, threshold] of [
      [yP, 'pearson', 0.5],
      [yS, 'spearman', 0.6],
    ] as const) {
      const p = pearson(x, y);
      const s = spearman(x, y);
      if (high === 'pearson') expect([p > threshold, Math.abs(s) < threshold]).toEqual([true, true]);
      else expect([s > threshold, Math.abs(p) < threshold]).toEqual([true, true]);
      const d = rfmDiagnostics(table(fullColumns(x, y)), { correlationThreshold: threshold });
      expect(d.frequencyMonetaryPearson).toBeCloseTo(p, 12);
      expect(d.frequencyMonetarySpearman).toBeCloseTo(s, 12);
      expect(d.warnings).toEqual([
        {
          code: 'COLLINEAR_FREQUENCY_MONETARY',
          message: `frequency and monetary value are strongly correlated (Pearson ${p.toFixed(2)}, Spearman ${s.toFixed(2)} > ${threshold}): ${COLLINEAR_TOTAL}`,
        },
      ]);
    }
  });

  it('strongly negative correlations warn too (absolute value)', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [6, 5, 4, 3, 2, 1];
    const d = rfmDiagnostics(table(fullColumns(x, y)));
    expect([d.frequencyMonetaryPearson, d.frequencyMonetarySpearman]).toEqual([-1, -1]);
    expect(d.warnings).toEqual([
      {
        code: 'COLLINEAR_FREQUENCY_MONETARY',
        message: `frequency and monetary value are strongly correlated (Pearson -1.00, Spearman -1.00 > 0.7): ${COLLINEAR_TOTAL}`,
      },
    ]);
  });

  it('says "undefined" for a correlation that overflows, and still warns on the other', () => {
    // Products of values near 1e200 overflow: Pearson is ∞/∞, reported as null; the ranks are fine.
    const x = [1e200, 2e200, 3e200];
    const d = rfmDiagnostics(table(fullColumns(x, x)));
    expect(d.frequencyMonetaryPearson).toBeNull();
    expect(d.frequencyMonetarySpearman).toBe(1);
    expect(d.warnings).toEqual([
      {
        code: 'COLLINEAR_FREQUENCY_MONETARY',
        message: `frequency and monetary value are strongly correlated (Pearson undefined, Spearman 1.00 > 0.7): ${COLLINEAR_TOTAL}`,
      },
    ]);
  });

  it('returns null correlations for one customer, two of them defined', () => {
    const one = rfmDiagnostics(table([[2, 2, 2, 5, 7]], { recency: 2, frequency: 2, monetary: 2 }));
    expect(one).toEqual({
      customers: 1,
      possibleCells: 8,
      occupiedCells: 1,
      occupiedShare: 1 / 8,
      frequencyMonetaryPearson: null,
      frequencyMonetarySpearman: null,
      emptyBins: { recency: [1], frequency: [1], monetary: [1] },
      warnings: [
        {
          code: 'EMPTY_BINS',
          message: `ties left 3 bins empty (R: [1], F: [1], M: [1]): ${EMPTY_TAIL}`,
        },
      ],
    });
    const two = rfmDiagnostics(
      table(
        [
          [1, 1, 1, 1, 10],
          [2, 2, 2, 2, 5],
        ],
        { recency: 2, frequency: 2, monetary: 2 },
      ),
    );
    expect(two.frequencyMonetaryPearson).toBeCloseTo(-1, 12);
    expect(two.frequencyMonetarySpearman).toBeCloseTo(-1, 12);
  });

  it('returns null for a constant column even where the mean rounds away from the value', () => {
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004: a naive correlation would see a tiny spread in a constant column.
    for (const [x, y] of [
      [
        [0.1, 0.1, 0.1],
        [1, 2, 4],
      ],
      [
        [1, 2, 4],
        [0.1, 0.1, 0.1],
      ],
      [
        [0.1, 0.1, 0.1],
        [0.1, 0.1, 0.1],
      ],
    ]) {
      const d = rfmDiagnostics(table(fullColumns(x as number[], y as number[])), { correlationThreshold: 0 });
      expect([d.frequencyMonetaryPearson, d.frequencyMonetarySpearman]).toEqual([null, null]);
      expect(d.warnings).toEqual([]);
    }
  });

  it('warns on occupied cells strictly above maxActionableCells, with the exact message', () => {
    const rows: Row[] = [
      [1, 1, 1, 1, 1],
      [2, 1, 1, 1, 1],
      [1, 2, 1, 1, 1],
      [2, 2, 1, 1, 1],
    ];
    const bins = { recency: 2, frequency: 2, monetary: 2 };
    // 4 cells: 11 1, 21 1, 12 1, 22 1; monetary bin 2 left empty.
    const at = rfmDiagnostics(table(rows, bins), { maxActionableCells: 4 });
    expect(at.occupiedCells).toBe(4);
    expect(at.occupiedShare).toBe(0.5);
    expect(at.warnings.map((w) => w.code)).toEqual(['EMPTY_BINS']);
    const above = rfmDiagnostics(table(rows, bins), { maxActionableCells: 3 });
    expect(above.warnings).toEqual([
      {
        code: 'TOO_MANY_CELLS',
        message:
          '4 of 8 cells are occupied, more than the 3 a team can act on: group cells into named segments (rfmSegments) or use fewer bins.',
      },
      { code: 'EMPTY_BINS', message: `ties left 1 bin empty (R: [], F: [], M: [2]): ${EMPTY_TAIL}` },
    ]);
  });

  it('lists the top bin of each dimension as empty when nobody got it', () => {
    const bins = { recency: 3, frequency: 4, monetary: 5 };
    const rows: Row[] = [
      [1, 1, 1, 1, 5],
      [2, 2, 2, 2, 3],
      [1, 3, 3, 3, 1],
      [2, 1, 4, 4, 2],
    ];
    const d = rfmDiagnostics(table(rows, bins));
    expect(d.emptyBins).toEqual({ recency: [3], frequency: [4], monetary: [5] });
    expect(d.warnings.filter((w) => w.code === 'EMPTY_BINS')).toEqual([
      { code: 'EMPTY_BINS', message: `ties left 3 bins empty (R: [3], F: [4], M: [5]): ${EMPTY_TAIL}` },
    ]);
    for (const [dimension, expected] of [
      ['recency', { recency: [3], frequency: [], monetary: [] }],
      ['frequency', { recency: [], frequency: [3], monetary: [] }],
      ['monetary', { recency: [], frequency: [], monetary: [3] }],
    ] as const) {
      const full = fullColumns([1, 2, 3, 4, 5, 6], [3, 1, 2, 6, 4, 5]).map((row): Row => {
        const out = [...row] as Row;
        const k = dimension === 'recency' ? 0 : dimension === 'frequency' ? 1 : 2;
        if (out[k] === 3) out[k] = 2;
        return out;
      });
      const e = rfmDiagnostics(table(full));
      expect(e.emptyBins).toEqual(expected);
      const label =
        dimension === 'recency'
          ? 'R: [3], F: [], M: []'
          : dimension === 'frequency'
            ? 'R: [], F: [3], M: []'
            : 'R: [], F: [], M: [3]';
      expect(e.warnings.filter((w) => w.code === 'EMPTY_BINS')).toEqual([
        { code: 'EMPTY_BINS', message: `ties left 1 bin empty (${label}): ${EMPTY_TAIL}` },
      ]);
    }
  });

  it('lists several empty bins per dimension, in order, comma-separated', () => {
    const bins = { recency: 5, frequency: 5, monetary: 5 };
    const rows: Row[] = [
      [1, 1, 2, 1, 1],
      [3, 3, 4, 2, 3],
    ];
    const d = rfmDiagnostics(table(rows, bins));
    expect(d.emptyBins).toEqual({ recency: [2, 4, 5], frequency: [2, 4, 5], monetary: [1, 3, 5] });
    expect(d.warnings.filter((w) => w.code === 'EMPTY_BINS')).toEqual([
      {
        code: 'EMPTY_BINS',
        message: `ties left 9 bins empty (R: [2, 4, 5], F: [2, 4, 5], M: [1, 3, 5]): ${EMPTY_TAIL}`,
      },
    ]);
  });
});

describe('rfmDiagnostics: against an independent computation', () => {
  const binsArb = fc.record({
    recency: fc.integer({ min: 2, max: 4 }),
    frequency: fc.integer({ min: 2, max: 4 }),
    monetary: fc.integer({ min: 2, max: 4 }),
  });
  test.prop([
    binsArb.chain((bins) =>
      fc.tuple(
        fc.constant(bins),
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: bins.recency }),
            fc.integer({ min: 1, max: bins.frequency }),
            fc.integer({ min: 1, max: bins.monetary }),
            fc.integer({ min: 0, max: 6 }),
            fc.integer({ min: 0, max: 6 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
      ),
    ),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 30 }),
  ])('every field matches', ([bins, rows], threshold, maxCells) => {
    const d = rfmDiagnostics(table(rows as Row[], bins), {
      correlationThreshold: threshold,
      maxActionableCells: maxCells,
    });
    const possible = bins.recency * bins.frequency * bins.monetary;
    const cells = new Set(rows.map(([r, f, m]) => `${r}/${f}/${m}`)).size;
    const missing = (k: 0 | 1 | 2, b: number): number[] =>
      Array.from({ length: b }, (_, i) => i + 1).filter((s) => !rows.some((row) => row[k] === s));
    const emptyBins = {
      recency: missing(0, bins.recency),
      frequency: missing(1, bins.frequency),
      monetary: missing(2, bins.monetary),
    };
    const x = rows.map((row) => row[3]);
    const y = rows.map((row) => row[4]);
    const defined = new Set(x).size > 1 && new Set(y).size > 1;
    expect(d.customers).toBe(rows.length);
    expect(d.possibleCells).toBe(possible);
    expect(d.occupiedCells).toBe(cells);
    expect(d.occupiedShare).toBe(cells / possible);
    expect(d.emptyBins).toEqual(emptyBins);
    if (defined) {
      expect(d.frequencyMonetaryPearson).toBeCloseTo(pearson(x, y), 12);
      expect(d.frequencyMonetarySpearman).toBeCloseTo(spearman(x, y), 12);
    } else {
      expect([d.frequencyMonetaryPearson, d.frequencyMonetarySpearman]).toEqual([null, null]);
    }
    const strongest = Math.max(Math.abs(d.frequencyMonetaryPearson ?? 0), Math.abs(d.frequencyMonetarySpearman ?? 0));
    const empty = emptyBins.recency.length + emptyBins.frequency.length + emptyBins.monetary.length;
    const codes = [
      ...(strongest > threshold ? ['COLLINEAR_FREQUENCY_MONETARY'] : []),
      ...(cells > maxCells ? ['TOO_MANY_CELLS'] : []),
      ...(empty > 0 ? ['EMPTY_BINS'] : []),
    ];
    expect(d.warnings.map((w) => w.code)).toEqual(codes);
  });
});
