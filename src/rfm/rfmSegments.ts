import { invalidValue, invalidWithReason } from '../core/messages.js';
import { inputReadError } from '../core/validate.js';
import type { CustomerId } from '../data/types.js';
import type { RfmScore, RfmScoreTable } from './rfmScores.js';
import {
  cellUsesDashes,
  formatCell,
  RFM_DEFAULT_SEGMENT_TABLE,
  RFM_FALLBACK_SEGMENT,
  type RfmSegmentTable,
  ruleMatches,
  validateSegmentTable,
} from './segmentTables.js';

/** One customer's segment. */
export interface RfmSegmentAssignment {
  customerId: CustomerId;
  /** The customer's cell, as in the scores (`'545'`). */
  cell: string;
  /** The segment of the first matching rule, or the table's fallback (`'Others'`). */
  segment: string;
}

/** What {@link rfmSegments} returns. */
export interface RfmSegmentation {
  /** One assignment per customer, in the order of the scores. */
  customers: RfmSegmentAssignment[];
  /** Every segment the table can assign, in table order, the fallback last. */
  segments: string[];
  /** The (validated) table used. */
  table: RfmSegmentTable;
}

/**
 * Assigns each customer a named segment from their R, F and M scores with a segment table: rules are checked in
 * order and the first match wins; customers no rule matches get the table's fallback (`'Others'`). The default table
 * is R `rfm`'s ten segments on 5 bins ({@link RFM_DEFAULT_SEGMENT_TABLE}); {@link RFM_QUARTILE_SEGMENT_TABLE} is
 * PyMC-Marketing's quartile scheme. A table is written for one number of bins and is only applied to scores with that
 * many bins in every dimension. Each cell's segment is worked out once (at most 10³ cells), then looked up per customer.
 *
 * Reference: Hebbali, A., `rfm` R package, `rfm_segment()` (https://github.com/rsquaredacademy/rfm).
 *
 * @param scores - the output of {@link rfmScores} (not modified)
 * @param table - the segment table, default {@link RFM_DEFAULT_SEGMENT_TABLE}; custom tables are validated
 * @returns each customer's segment, and the list of segments
 * @throws {CrmAnalyticsError} `INVALID_OPTION` for an invalid table or one written for other bins than the scores;
 *   `INVALID_INPUT` for scores outside 1..bins
 *
 * @example
 * import { rfmScores, rfmSegments } from 'crm-analytics/rfm';
 * const rows = [10, 20, 30, 40, 50].map((v, i) => ({ id: i, days: 60 - v, orders: v, spend: v * 10 }));
 * const scores = rfmScores(rows, { fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' } });
 * rfmSegments(scores).customers.map((c) => c.segment); // => ['Lost', 'Loyal Customers', 'Potential Loyalist', 'Potential Loyalist', 'Champions']
 * rfmSegments(scores, { name: 'vip', bins: 5, rules: [{ segment: 'VIP', monetary: [5, 5] }] }).customers[0].segment; // => 'Others'
 * rfmSegments(scores, { name: 'q', bins: 4, rules: [{ segment: 'A', cells: ['444'] }] }); // throws INVALID_OPTION
 */
export function rfmSegments(
  scores: RfmScoreTable,
  table: RfmSegmentTable = RFM_DEFAULT_SEGMENT_TABLE,
): RfmSegmentation {
  const valid = validateSegmentTable(table);
  const bins = readBins(scores);
  if (bins.recency !== valid.bins || bins.frequency !== valid.bins || bins.monetary !== valid.bins) {
    throw invalidWithReason(
      ['table', 'bins'],
      `is ${valid.bins} but the scores have ${bins.recency} / ${bins.frequency} / ${bins.monetary} bins (R / F / M); ` +
        'score with as many bins as the table is written for',
      'INVALID_OPTION',
      valid.bins,
    );
  }
  const lookup = segmentLookup(valid, bins.recency, bins.frequency, bins.monetary);
  const list = scoreList(scores);
  const bR = bins.recency;
  const bF = bins.frequency;
  const bM = bins.monetary;
  // Stryker disable next-line ArrayDeclaration: a preallocated length only; indices 0..n-1 are all assigned in order below before the return
  const out: RfmSegmentAssignment[] = new Array(list.length);
  let i = 0;
  try {
    for (; i < list.length; i++) {
      const s = list[i] as RfmScore;
      if (s === null || typeof s !== 'object') throw invalidValue(['scores', 'customers', i], 'an RfmScore record', s);
      const r = s.recencyScore;
      const f = s.frequencyScore;
      const m = s.monetaryScore;
      // Whole scores within the bins; `x | 0` rejects fractions, strings and anything non-numeric.
      if (
        !(
          r >= 1 &&
          r <= bR &&
          (r | 0) === r &&
          f >= 1 &&
          f <= bF &&
          (f | 0) === f &&
          m >= 1 &&
          m <= bM &&
          (m | 0) === m
        )
      ) {
        throw badScore(s, i, bins);
      }
      const segment = lookup[((r - 1) * bF + (f - 1)) * bM + (m - 1)] as string;
      out[i] = { customerId: s.customerId, cell: s.cell, segment };
    }
  } catch (cause) {
    throw inputReadError(cause, ['scores', 'customers', i]);
  }
  return { customers: out, segments: segmentNames(valid), table: valid };
}

/**
 * The segment of every cell of a bins grid, indexed `((r−1)·bF + (f−1))·bM + (m−1)`.
 * @internal
 */
export function segmentLookup(table: RfmSegmentTable, bR: number, bF: number, bM: number): string[] {
  const fallback = table.fallback ?? RFM_FALLBACK_SEGMENT;
  const dashed = cellUsesDashes(bR, bF, bM);
  // Stryker disable next-line ArrayDeclaration: a preallocated length only; the loops assign every index in order before the return
  const lookup: string[] = new Array(bR * bF * bM);
  for (let r = 1; r <= bR; r++)
    for (let f = 1; f <= bF; f++)
      for (let m = 1; m <= bM; m++) {
        const cell = formatCell(r, f, m, dashed);
        const rule = table.rules.find((candidate) => ruleMatches(candidate, r, f, m, cell));
        lookup[((r - 1) * bF + (f - 1)) * bM + (m - 1)] = rule === undefined ? fallback : rule.segment;
      }
  return lookup;
}

/**
 * The distinct segment names of a table, in rule order, the fallback last.
 * @internal
 */
export function segmentNames(table: RfmSegmentTable): string[] {
  const names: string[] = [];
  for (const rule of table.rules) if (!names.includes(rule.segment)) names.push(rule.segment);
  const fallback = table.fallback ?? RFM_FALLBACK_SEGMENT;
  if (!names.includes(fallback)) names.push(fallback);
  return names;
}

/**
 * The customers array of a score table, checked to be an array.
 * @internal
 */
export function scoreList(scores: RfmScoreTable): readonly RfmScore[] {
  const list = (scores as { customers?: unknown } | null | undefined)?.customers;
  if (!Array.isArray(list))
    throw invalidValue(['scores', 'customers'], 'an array of scores (the output of rfmScores)', list);
  return list as readonly RfmScore[];
}

/**
 * The bins of a score table, checked to be whole numbers 2..10.
 * @internal
 */
export function readBins(scores: RfmScoreTable): { recency: number; frequency: number; monetary: number } {
  const bins = (scores as { bins?: unknown } | null | undefined)?.bins as Record<string, unknown> | undefined;
  if (bins === null || typeof bins !== 'object') throw invalidValue(['scores', 'bins'], 'the bins of rfmScores', bins);
  for (const d of ['recency', 'frequency', 'monetary']) {
    const b = bins[d];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 2 || b > 10) {
      throw invalidValue(['scores', 'bins', d], 'a whole number from 2 to 10', b);
    }
  }
  return bins as unknown as { recency: number; frequency: number; monetary: number };
}

function badScore(s: RfmScore, i: number, bins: { recency: number; frequency: number; monetary: number }): Error {
  const record = s as unknown as Record<string, unknown> | null;
  for (const [field, b] of [
    ['recencyScore', bins.recency],
    ['frequencyScore', bins.frequency],
    ['monetaryScore', bins.monetary],
  ] as const) {
    // Stryker disable next-line LogicalOperator: badScore is only called for objects (non-objects are rejected before), so this guard is always false
    const v = record === null || typeof record !== 'object' ? undefined : record[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > b) {
      return invalidValue(['scores', 'customers', i, field], `a whole number from 1 to ${b}`, v);
    }
  }
  return invalidValue(['scores', 'customers', i], 'an RfmScore record', s);
}
