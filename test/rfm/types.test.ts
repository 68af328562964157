import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CustomerSummary } from '../../src/data/types.js';
import * as rfm from '../../src/rfm/index.js';
import {
  type RfmScore,
  type RfmScoreTable,
  type RfmSegmentation,
  type RfmSegmentReportRow,
  rfmDiagnostics,
  rfmScores,
  rfmSegmentReport,
  rfmSegments,
} from '../../src/rfm/index.js';

describe('crm-analytics/rfm public API', () => {
  it('exports exactly these names (a change here is an API change)', () => {
    expect(Object.keys(rfm).sort()).toEqual([
      'RFM_DEFAULT_SEGMENT_TABLE',
      'RFM_FALLBACK_SEGMENT',
      'RFM_MAX_BINS',
      'RFM_MIN_BINS',
      'RFM_QUARTILE_SEGMENT_TABLE',
      'checkSegmentTable',
      'rfmBreakScores',
      'rfmDiagnostics',
      'rfmQuantileScores',
      'rfmScores',
      'rfmScoresOptionsSchema',
      'rfmSegmentReport',
      'rfmSegmentTableSchema',
      'rfmSegments',
    ]);
  });

  it('has the documented types, and rejects misuse at compile time', () => {
    const summaries: CustomerSummary[] = [];
    expectTypeOf(rfmScores<CustomerSummary>).returns.toEqualTypeOf<RfmScoreTable>();
    expectTypeOf<RfmScoreTable['customers'][number]>().toEqualTypeOf<RfmScore>();
    expectTypeOf<RfmScore['cell']>().toEqualTypeOf<string>();
    expectTypeOf(rfmSegments).returns.toEqualTypeOf<RfmSegmentation>();
    expectTypeOf(rfmSegmentReport).returns.toEqualTypeOf<RfmSegmentReportRow[]>();
    expectTypeOf(rfmDiagnostics).returns.toHaveProperty('frequencyMonetaryPearson').toEqualTypeOf<number | null>();

    const rows = [{ id: 'a', days: 1, orders: 2, spend: 3 }];
    // Accessor functions see the record type.
    rfmScores(rows, {
      fields: { customerId: (r) => r.id, recency: (r) => r.days, frequency: 'orders', monetary: (r) => r.spend },
    });
    const misuse = (): void => {
      // @ts-expect-error monetary is 'total' or 'average'
      rfmScores(summaries, { monetary: 'sum' });
      // @ts-expect-error bins is a number
      rfmScores(summaries, { bins: '5' });
      // @ts-expect-error accessors read the record's type
      rfmScores(rows, { fields: { customerId: 'id', recency: (r) => r.nope, frequency: 'orders', monetary: 'spend' } });
      // @ts-expect-error a segment table needs bins and rules
      rfmSegments(rfmScores(rows), { name: 'x' });
    };
    expect(typeof misuse).toBe('function');
  });
});
