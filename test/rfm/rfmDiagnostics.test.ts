import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { rfmDiagnostics, rfmScores } from '../../src/rfm/index.js';
import { loadNumericCsv } from '../support/fixtures.js';
import { fc, test } from '../support/property.js';
import { averageRanks, pearson } from '../support/reference.js';

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

describe('rfmDiagnostics', () => {
  it('counts occupied cells out of bins³ and warns above the actionable limit', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      id: i,
      days: (i * 37) % 101,
      orders: (i * 13) % 17,
      spend: (i * 7) % 29,
    }));
    const scores = rfmScores(rows, { fields: FIELDS });
    const d = rfmDiagnostics(scores);
    const cells = new Set(scores.customers.map((c) => c.cell));
    expect(d.possibleCells).toBe(125);
    expect(d.occupiedCells).toBe(cells.size);
    expect(d.occupiedShare).toBeCloseTo(cells.size / 125, 15);
    expect(d.warnings.map((w) => w.code)).toContain('TOO_MANY_CELLS');
    expect(rfmDiagnostics(scores, { maxActionableCells: 125 }).warnings.map((w) => w.code)).not.toContain(
      'TOO_MANY_CELLS',
    );
  });

  it('warns on collinear F and M with the hint to score spend per purchase', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      id: i,
      days: i,
      orders: 1 + (i % 10),
      spend: 25 * (1 + (i % 10)) + (i % 3),
    }));
    const d = rfmDiagnostics(rfmScores(rows, { fields: FIELDS }));
    const x = rows.map((r) => r.orders);
    const y = rows.map((r) => r.spend);
    expect(d.frequencyMonetaryPearson).toBeCloseTo(pearson(x, y), 12);
    expect(d.frequencyMonetarySpearman).toBeCloseTo(pearson(averageRanks(x), averageRanks(y)), 12);
    const warning = d.warnings.find((w) => w.code === 'COLLINEAR_FREQUENCY_MONETARY');
    expect(warning?.message).toContain("monetary: 'average'");
    const average = rfmDiagnostics(rfmScores(rows, { fields: FIELDS, monetary: 'average' }));
    expect(Math.abs(average.frequencyMonetaryPearson as number)).toBeLessThan(0.7);
    expect(average.warnings.map((w) => w.code)).not.toContain('COLLINEAR_FREQUENCY_MONETARY');
  });

  it('returns null correlations (never NaN) for one customer or a constant column', () => {
    expect(rfmDiagnostics(rfmScores([{ id: 1, days: 1, orders: 1, spend: 1 }], { fields: FIELDS }))).toMatchObject({
      frequencyMonetaryPearson: null,
      frequencyMonetarySpearman: null,
      occupiedCells: 1,
    });
    const constant = [1, 2, 3].map((i) => ({ id: i, days: i, orders: 2, spend: i }));
    expect(rfmDiagnostics(rfmScores(constant, { fields: FIELDS })).frequencyMonetaryPearson).toBeNull();
  });

  it('lists bins that ties left empty', () => {
    const rows = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5].map((v, i) => ({ id: i, days: i, orders: v, spend: i }));
    const d = rfmDiagnostics(rfmScores(rows, { fields: FIELDS }));
    expect(d.emptyBins).toEqual({ recency: [], frequency: [1, 3], monetary: [] });
    expect(d.warnings.map((w) => w.code)).toContain('EMPTY_BINS');
  });

  it('on CDNOW (x vs mean repeat spend) matches an independent Pearson and Spearman computation', () => {
    const rows = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
    const scores = rfmScores(rows, {
      fields: {
        customerId: 'ID',
        recency: (r) => (r.T as number) - (r.t_x as number),
        frequency: 'x',
        monetary: 'zbar',
      },
    });
    const d = rfmDiagnostics(scores);
    const x = rows.map((r) => r.x as number);
    const z = rows.map((r) => r.zbar as number);
    expect(d.frequencyMonetaryPearson).toBeCloseTo(pearson(x, z), 10);
    expect(d.frequencyMonetarySpearman).toBeCloseTo(pearson(averageRanks(x), averageRanks(z)), 10);
    expect(d.customers).toBe(2357);
  });

  it('rejects bad options and scores', () => {
    const scores = rfmScores([{ id: 1, days: 1, orders: 1, spend: 1 }], { fields: FIELDS });
    expect(thrown(() => rfmDiagnostics(scores, { correlationThreshold: 2 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => rfmDiagnostics({ ...scores, customers: [] })).code).toBe('EMPTY_INPUT');
    const broken = { ...scores, customers: [{ ...scores.customers[0], frequencyScore: 9 }] } as typeof scores;
    expect(thrown(() => rfmDiagnostics(broken)).code).toBe('INVALID_INPUT');
  });

  test.prop([
    fc.array(fc.record({ days: fc.nat(50), orders: fc.integer({ min: 1, max: 9 }), spend: fc.nat(1000) }), {
      minLength: 2,
      maxLength: 60,
    }),
  ])('correlations lie in [−1, 1] or are null; occupied cells lie in 1..bins³', (raw) => {
    const rows = raw.map((r, id) => ({ id, ...r }));
    const d = rfmDiagnostics(rfmScores(rows, { bins: 3, fields: FIELDS }));
    for (const c of [d.frequencyMonetaryPearson, d.frequencyMonetarySpearman]) {
      if (c !== null) {
        expect(c).toBeGreaterThanOrEqual(-1);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
    expect(d.occupiedCells).toBeGreaterThanOrEqual(1);
    expect(d.occupiedCells).toBeLessThanOrEqual(27);
  });
});
