import { invalidValue, invalidWithReason } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import { inputReadError } from '../core/validate.js';
import type { RfmScore, RfmScoreTable } from './rfmScores.js';
import type { RfmSegmentAssignment, RfmSegmentation } from './rfmSegments.js';
import { scoreList } from './rfmSegments.js';

const VALUE_FIELDS = ['revenue', 'recency', 'frequency', 'monetary'] as const;

/** One segment's line of {@link rfmSegmentReport}. */
export interface RfmSegmentReportRow {
  segment: string;
  /** Number of customers in the segment. */
  customers: number;
  /** customers ÷ all customers (0..1). */
  customerShare: number;
  /** Sum of the customers' total spend (`revenue` of the scores), compensated summation. */
  revenue: number;
  /** revenue ÷ all revenue (0..1); `null` when the total revenue is 0. */
  revenueShare: number | null;
  /** Sum of the customers' frequency (purchases), as R `rfm`'s segment summary counts orders. */
  orders: number;
  /** revenue ÷ orders, the average order value; `null` when the segment has no orders (or the quotient overflows). */
  averageOrderValue: number | null;
  /** Mean time since the last purchase, in the input's unit; `null` for an empty segment. */
  meanRecency: number | null;
  /** Mean frequency; `null` for an empty segment. */
  meanFrequency: number | null;
  /** Mean monetary value as scored (total, or per purchase with `monetary: 'average'`); `null` for an empty segment. */
  meanMonetary: number | null;
  /** The table's one-line suggested action for the segment, `null` when the table has none. */
  action: string | null;
}

/**
 * A per-segment summary of RFM segments: size and share of customers, revenue and share of revenue, orders and
 * average order value, mean recency, frequency and monetary value, and the segment table's suggested action (data in the table, e.g. "Retain: …" for
 * Champions). One row per segment of the table, in table order with the fallback last, empty segments included.
 * The values come from the scores, which carry what was read from the customers, so nothing is read twice.
 *
 * Reference: Hebbali, A., `rfm` R package, `rfm_segment_summary()` (customers, orders, revenue per segment;
 * https://github.com/rsquaredacademy/rfm).
 *
 * @param scores - the output of {@link rfmScores}
 * @param segmentation - the output of {@link rfmSegments} for the same scores
 * @returns one row per segment
 * @throws {CrmAnalyticsError} `INVALID_INPUT` when the segmentation does not belong to the scores (other length or
 *   customer order)
 *
 * @example
 * import { rfmScores, rfmSegments, rfmSegmentReport } from 'crm-analytics/rfm';
 * const rows = [10, 20, 30, 40, 50].map((v, i) => ({ id: i, days: 60 - v, orders: v, spend: v * 10 }));
 * const scores = rfmScores(rows, { fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' } });
 * const report = rfmSegmentReport(scores, rfmSegments(scores));
 * report[0]; // => { segment: 'Champions', customers: 1, customerShare: 0.2, revenue: 500, revenueShare: 0.3333, meanRecency: 10 }
 * report[1]; // => { segment: 'Potential Loyalist', customers: 2, revenue: 700, meanFrequency: 35 }
 * report[report.length - 1]; // => { segment: 'Others', customers: 0, meanRecency: null }
 */
export function rfmSegmentReport(scores: RfmScoreTable, segmentation: RfmSegmentation): RfmSegmentReportRow[] {
  const list = scoreList(scores);
  const assignments = (segmentation as { customers?: unknown } | null | undefined)?.customers;
  if (!Array.isArray(assignments)) {
    throw invalidValue(['segmentation', 'customers'], 'an array of segments (the output of rfmSegments)', assignments);
  }
  if (assignments.length !== list.length) {
    throw invalidWithReason(
      ['segmentation', 'customers'],
      `has ${assignments.length} customers but the scores have ${list.length}; segment the same scores`,
    );
  }
  if (!Array.isArray(segmentation.segments)) {
    throw invalidValue(
      ['segmentation', 'segments'],
      'the list of segments (the output of rfmSegments)',
      segmentation.segments,
    );
  }
  const names = segmentation.segments.map(String);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    index.set(name, i);
  });
  const counts: number[] = [];
  const sums = {
    revenue: [] as CompensatedAccumulator[],
    recency: [] as CompensatedAccumulator[],
    frequency: [] as CompensatedAccumulator[],
    monetary: [] as CompensatedAccumulator[],
  };
  const addSegment = (): void => {
    counts.push(0);
    sums.revenue.push(new CompensatedAccumulator());
    sums.recency.push(new CompensatedAccumulator());
    sums.frequency.push(new CompensatedAccumulator());
    sums.monetary.push(new CompensatedAccumulator());
  };
  for (let i = 0; i < names.length; i++) addSegment();
  const total = new CompensatedAccumulator();
  let i = 0;
  try {
    for (; i < list.length; i++) {
      const s = list[i] as RfmScore;
      const a = assignments[i] as RfmSegmentAssignment;
      if (
        a === null ||
        typeof a !== 'object' ||
        s === null ||
        typeof s !== 'object' ||
        !Object.is(a.customerId, s.customerId)
      ) {
        throw invalidWithReason(
          ['segmentation', 'customers', i, 'customerId'],
          'does not match the customer at the same position of the scores; segment the same scores',
        );
      }
      for (const field of VALUE_FIELDS) {
        const v = s[field];
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw invalidValue(['scores', 'customers', i, field], 'a finite number', v);
      }
      let j = index.get(a.segment);
      if (j === undefined) {
        // A segment the table does not list (a hand-edited segmentation): reported after the others.
        j = names.length;
        names.push(String(a.segment));
        index.set(a.segment, j);
        addSegment();
      }
      counts[j] = (counts[j] as number) + 1;
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      sums.revenue[j]?.add(s.revenue);
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      sums.recency[j]?.add(s.recency);
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      sums.frequency[j]?.add(s.frequency);
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      sums.monetary[j]?.add(s.monetary);
      total.add(s.revenue);
    }
  } catch (cause) {
    throw inputReadError(cause, ['scores', 'customers', i]);
  }
  const n = list.length;
  const totalRevenue = total.value;
  const actions: Readonly<Record<string, string>> = segmentation.table?.actions ?? {};
  return names.map((segment, j) => {
    const c = counts[j] as number;
    // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
    const revenue = sums.revenue[j]?.value ?? 0;
    // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
    const orders = sums.frequency[j]?.value ?? 0;
    const action = Object.hasOwn(actions, segment) ? (actions[segment] as string) : null;
    return {
      segment,
      customers: c,
      customerShare: n === 0 ? 0 : c / n,
      revenue,
      revenueShare: totalRevenue === 0 ? null : revenue / totalRevenue,
      orders,
      // null when undefined: no orders, or (fractional frequencies near 0) a quotient that overflows.
      averageOrderValue: orders === 0 || !Number.isFinite(revenue / orders) ? null : revenue / orders,
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      meanRecency: c === 0 ? null : (sums.recency[j]?.value ?? 0) / c,
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      meanFrequency: c === 0 ? null : (sums.frequency[j]?.value ?? 0) / c,
      // Stryker disable next-line OptionalChaining: j indexes an accumulator that always exists (one per name); the `?.` only satisfies the type checker
      meanMonetary: c === 0 ? null : (sums.monetary[j]?.value ?? 0) / c,
      action,
    };
  });
}
