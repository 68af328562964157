// Tests written for mutants that survived a Stryker run of src/rfm/segmentTables.ts (docs/testing.md): when cells
// are written with dashes (a 10-bin dimension, not 9), rules with only a monetary range, and the range error's code.
import { describe, expect, it } from 'vitest';
import { checkSegmentTable, type RfmSegmentTable, rfmScores, rfmSegments } from '../../src/rfm/index.js';
import { cellUsesDashes, validateSegmentTable } from '../../src/rfm/segmentTables.js';
import { thrown } from '../support/thrown.js';

describe('cellUsesDashes: only a dimension with 10 bins needs dashes', () => {
  it('is false up to 9 bins everywhere and true when any one dimension has 10', () => {
    expect(cellUsesDashes(9, 9, 9)).toBe(false);
    expect(cellUsesDashes(2, 5, 4)).toBe(false);
    expect(cellUsesDashes(10, 9, 9)).toBe(true);
    expect(cellUsesDashes(9, 10, 9)).toBe(true);
    expect(cellUsesDashes(9, 9, 10)).toBe(true);
    expect(cellUsesDashes(2, 2, 10)).toBe(true);
    expect(cellUsesDashes(10, 10, 10)).toBe(true);
  });

  it('writes the cells of rfmScores with dashes exactly when one dimension has 10 bins', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: i, days: 100 - 10 * i, orders: i + 1, spend: i + 1 }));
    const fields = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' };
    const nine = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5];
    const ten = [...nine, 9.5];
    const cellOfLast = (breaks: { recency: number[]; frequency: number[]; monetary: number[] }): string | undefined =>
      rfmScores(rows, { fields, breaks }).customers.at(-1)?.cell;
    // The last customer: most recent (10 days), 10 orders, spend 10: the top score in every dimension.
    const recent = [15, 25, 35, 45, 55, 65, 75, 85, 95];
    expect(cellOfLast({ recency: recent, frequency: [5], monetary: [5] })).toBe('10-2-2');
    expect(cellOfLast({ recency: [50], frequency: ten, monetary: [5] })).toBe('2-10-2');
    expect(cellOfLast({ recency: [50], frequency: [5], monetary: ten })).toBe('2-2-10');
    expect(cellOfLast({ recency: recent.slice(1), frequency: nine, monetary: nine })).toBe('999');
  });

  it('reads the cells of a 9-bin table without dashes', () => {
    const table: RfmSegmentTable = { name: 'nine', bins: 9, rules: [{ segment: 'Top', cells: ['919', '999'] }] };
    const check = checkSegmentTable(table);
    expect([check.cells, check.covered, check.uncovered.length, check.uncovered[0]]).toEqual([729, 2, 727, '111']);
    expect(
      thrown(() => validateSegmentTable({ ...table, rules: [{ segment: 'Top', cells: ['9-1-9'] }] })).message,
    ).toBe('table.rules[0].cells[0]: expected a cell of 9 bins written like "919", got "9-1-9"');
  });
});

describe('segment table rules', () => {
  it('accepts a rule with a monetary range only', () => {
    const table: RfmSegmentTable = { name: 'vip', bins: 2, rules: [{ segment: 'VIP', monetary: [2, 2] }] };
    expect(validateSegmentTable(table)).toEqual(table);
    const check = checkSegmentTable(table);
    expect([check.covered, check.uncovered]).toEqual([4, ['111', '121', '211', '221']]);
  });

  it('rejects a range beyond the table bins with INVALID_OPTION in every dimension', () => {
    for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
      const table = {
        name: 't',
        bins: 5,
        rules: [
          { segment: 'A', recency: [1, 5] },
          { segment: 'B', [dimension]: [2, 6] },
        ],
      };
      const e = thrown(() => rfmSegments({} as never, table as unknown as RfmSegmentTable));
      expect([e.code, e.message, e.received]).toEqual([
        'INVALID_OPTION',
        `table.rules[1].${dimension}[1]: expected a score ≤ 5 (the table's bins), got 6`,
        6,
      ]);
      expect(thrown(() => validateSegmentTable(table, 'segments')).message).toBe(
        `segments.rules[1].${dimension}[1]: expected a score ≤ 5 (the table's bins), got 6`,
      );
    }
  });
});
