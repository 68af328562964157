import * as z from 'zod';
import { dayToDate, periodIndex, periodStartDay } from '../core/dates.js';
import { parseOptions } from '../core/validate.js';
import type { TransactionFieldOptions } from '../data/readTransactions.js';
import type { SkippedRecord } from '../data/types.js';
import {
  dateInputSchema,
  type LifecyclePeriod,
  type LifecycleRecordCounts,
  periodLabel,
  periodStartDate,
  pickFieldOptions,
  readObservedTransactions,
  rowPeriods,
  sortRowsByPeriod,
  transactionFieldShape,
} from './shared.js';

export type { LifecyclePeriod, LifecycleRecordCounts } from './shared.js';

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions<T = unknown> extends TransactionFieldOptions<T> {
  /**
   * Calendar period of cohorts and ages: `'week'` (ISO weeks, Monday to Sunday, labelled `'2024-W09'`),
   * `'month'` (default, labelled `'2024-03'`) or `'quarter'` (labelled `'2024-Q1'`). All in UTC.
   */
  period?: LifecyclePeriod;
  /** What defines a customer's cohort: `'first-purchase'` (default and only choice), the period of the first purchase. */
  cohortBy?: 'first-purchase';
  /**
   * Last day of observation, inclusive (a `Date`, ISO string or epoch ms, read in UTC and truncated to its day).
   * Transactions after it are excluded; ages after its period are absent. Default: the day of the last transaction.
   */
  observationEnd?: Date | string | number;
}

/** zod schema of {@link CohortRetentionOptions} (exported so that embedding tools can reuse it). */
export const cohortRetentionOptionsSchema: z.ZodType<CohortRetentionOptions<never>> = z.strictObject({
  ...transactionFieldShape,
  period: z.enum(['week', 'month', 'quarter']).optional(),
  cohortBy: z.enum(['first-purchase']).optional(),
  observationEnd: dateInputSchema.optional(),
}) as unknown as z.ZodType<CohortRetentionOptions<never>>;

/** One row of the cohort × age matrix. Arrays are indexed by age (0 = the cohort's own period). */
export interface CohortRow {
  /** ISO label of the cohort period: `'2024-03'`, `'2024-W09'` or `'2024-Q1'`. */
  cohort: string;
  /** UTC midnight of the first day of the cohort period. */
  start: Date;
  /** Customers whose first purchase falls in the cohort period. */
  size: number;
  /** `active[a]`: customers of the cohort with at least one transaction in period `cohort + a`. `active[0] = size`. */
  active: number[];
  /** `retention[a] = active[a] / size`, a fraction in [0, 1]; `retention[0] = 1`. */
  retention: number[];
  /** `revenue[a]`: the cohort's summed amounts in period `cohort + a` (returns netted), in the input currency. */
  revenue: number[];
}

/** One point of the average retention curve. */
export interface RetentionCurvePoint {
  /** Age in periods (0 = the cohort period). */
  age: number;
  /** Size-weighted mean retention at this age: Σ active / Σ size over the cohorts counted. */
  retention: number;
  /** Number of cohorts counted (those whose period at this age is fully observed). */
  cohorts: number;
  /** Σ size of the cohorts counted (the weight). */
  customers: number;
}

/** What {@link cohortRetention} returns. */
export interface CohortRetentionResult {
  /** The period of cohorts and ages. */
  period: LifecyclePeriod;
  /** The observation end used (UTC midnight of its day). */
  observationEnd: Date;
  /**
   * Whether the observation end is the last day of its period. When `false`, the last entry of every row (the period
   * containing the observation end) covers only part of its period, and is left out of the retention curve.
   */
  lastPeriodComplete: boolean;
  /** One row per non-empty cohort, oldest first. Rows are ragged: a cohort has `endPeriod − cohortPeriod + 1` ages. */
  cohorts: CohortRow[];
  /** Size-weighted mean retention by age over the cohorts that have fully reached that age. */
  retentionCurve: RetentionCurvePoint[];
  /** Records read, used, after the observation end, and skipped. */
  counts: LifecycleRecordCounts;
  /** Records skipped with `onInvalid: 'skip'`, with reasons. */
  skipped: SkippedRecord[];
}

/**
 * Cohort retention matrix: customers grouped by the calendar period of their first purchase (the cohort), and for
 * each later period (the age) how many of them bought, what fraction that is, and what they spent. Ready to plot as a
 * heatmap (cohorts as rows, ages as columns), the usual way to see whether newer customers are kept better than older
 * ones (客户保持率 by cohort).
 *
 * Definitions: a customer's cohort is the period of their first transaction on or before the observation end; they are
 * *active* at age `a` when they have at least one transaction (of any amount) in period `cohort + a`. Then
 * `retention[a] = active[a] / size`, so `retention[0] = 1`. Rows stop at the period containing the observation end
 * (ragged rows: nothing is reported for ages not yet reached). The retention curve at age `a` is
 * `Σ_c active_c[a] / Σ_c size_c` over the cohorts `c` whose period `c + a` ends on or before the observation end, so a
 * partly observed period never drags the average down.
 *
 * Method: one validation pass, a counting sort of the rows by period, one pass counting each customer once per
 * period; revenue is summed with Neumaier compensation. O(n + customers + cohorts × ages).
 *
 * Reference: Fader, P. S. & Hardie, B. G. S. (2007), "How to project customer retention", Journal of Interactive
 * Marketing 21(1), 76–90, doi:10.1002/dir.20074 (retention as the share of a cohort still active by period).
 *
 * @param transactions - transaction records (array or iterable); fields read per {@link TransactionFieldOptions}
 * @param options - see {@link CohortRetentionOptions}
 * @returns the cohort rows, the average retention curve, the observation end and record counts
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the record for a bad transaction (unless `onInvalid: 'skip'`),
 *   `INVALID_OPTION` for bad options, `EMPTY_INPUT` when no valid transaction is on or before the observation end
 *
 * @example
 * import { cohortRetention } from 'crm-analytics/lifecycle';
 * const tx = [
 *   { customerId: 'a', date: '2024-01-05', amount: 10 },
 *   { customerId: 'a', date: '2024-02-10', amount: 20 },
 *   { customerId: 'b', date: '2024-01-20', amount: 5 },
 *   { customerId: 'c', date: '2024-02-03', amount: 8 },
 *   { customerId: 'c', date: '2024-03-31', amount: 4 },
 * ];
 * const result = cohortRetention(tx, { period: 'month' });
 * result.cohorts[0]; // => { cohort: '2024-01', size: 2, active: [2, 1, 0], retention: [1, 0.5, 0], revenue: [15, 20, 0] }
 * result.cohorts[1]; // => { cohort: '2024-02', size: 1, active: [1, 1], retention: [1, 1] }
 * result.retentionCurve.map((p) => p.retention); // => [1, 0.6666666666666666, 0]
 * cohortRetention([], { period: 'month' }); // throws EMPTY_INPUT
 * cohortRetention(tx, { period: 'day' }); // throws INVALID_OPTION
 */
export function cohortRetention<T>(
  transactions: Iterable<T> | ArrayLike<T>,
  options: CohortRetentionOptions<T> = {},
): CohortRetentionResult {
  const o = parseOptions(cohortRetentionOptionsSchema, options) as CohortRetentionOptions<T>;
  const period: LifecyclePeriod = o.period ?? 'month';
  const observed = readObservedTransactions(transactions, pickFieldOptions(o), o.observationEnd);
  const { columns, endDay } = observed;
  const { amount, customer } = columns;
  const customers = columns.ids.length;
  const endPeriod = periodIndex(endDay, period);
  const lastPeriodComplete = periodStartDay(endPeriod + 1, period) - 1 === endDay;
  const periodOf = rowPeriods(columns, period);

  const {
    firstPeriod: firstCohort,
    span,
    start,
    rows: byPeriod,
  } = sortRowsByPeriod(columns, periodOf, endDay, endPeriod);

  // Cohort of each customer (offset from firstCohort): the first period in which they are met.
  const cohortOf = new Int32Array(customers).fill(-1);
  const sizes = new Float64Array(span);
  for (let j = 0; j < span; j++) {
    const end = start[j + 1] as number;
    for (let q = start[j] as number; q < end; q++) {
      const k = customer[byPeriod[q] as number] as number;
      if ((cohortOf[k] as number) < 0) {
        cohortOf[k] = j;
        sizes[j] = (sizes[j] as number) + 1;
      }
    }
  }
  // One flat cell store: cohort j (when non-empty) holds ages 0 … endPeriod − j from cell rowStart[j] on.
  const rowStart = new Int32Array(span).fill(-1);
  let cells = 0;
  for (let j = 0; j < span; j++) {
    if ((sizes[j] as number) === 0) continue;
    rowStart[j] = cells;
    cells += span - j;
  }
  const activeCells = new Float64Array(cells);
  const revenueCells = new Float64Array(cells);
  const compensationCells = new Float64Array(cells);

  const lastSeen = new Int32Array(customers).fill(-1);
  for (let j = 0; j < span; j++) {
    const end = start[j + 1] as number;
    for (let q = start[j] as number; q < end; q++) {
      const r = byPeriod[q] as number;
      const k = customer[r] as number;
      const c = cohortOf[k] as number;
      const cell = (rowStart[c] as number) + j - c;
      if ((lastSeen[k] as number) !== j) {
        activeCells[cell] = (activeCells[cell] as number) + 1;
        lastSeen[k] = j;
      }
      // Neumaier compensated running sum per cell.
      const x = amount[r] as number;
      const s = revenueCells[cell] as number;
      const t = s + x;
      compensationCells[cell] =
        (compensationCells[cell] as number) + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
      revenueCells[cell] = t;
    }
  }

  const cohorts: CohortRow[] = [];
  const curveActive = new Float64Array(span);
  const curveSize = new Float64Array(span);
  const curveCount = new Float64Array(span);
  for (let j = 0; j < span; j++) {
    const first = rowStart[j] as number;
    if (first < 0) continue;
    const size = sizes[j] as number;
    const ages = span - j;
    const active = new Array<number>(ages);
    const retention = new Array<number>(ages);
    const revenue = new Array<number>(ages);
    // The last age (the period holding the observation end) counts in the curve only when that period is complete.
    const fullAges = lastPeriodComplete ? ages : ages - 1;
    for (let a = 0; a < ages; a++) {
      const n = activeCells[first + a] as number;
      active[a] = n;
      retention[a] = n / size;
      const rev = (revenueCells[first + a] as number) + (compensationCells[first + a] as number);
      revenue[a] = rev === 0 ? 0 : rev;
      if (a < fullAges) {
        curveActive[a] = (curveActive[a] as number) + n;
        curveSize[a] = (curveSize[a] as number) + size;
        curveCount[a] = (curveCount[a] as number) + 1;
      }
    }
    const c = firstCohort + j;
    cohorts.push({
      cohort: periodLabel(c, period),
      start: periodStartDate(c, period),
      size,
      active,
      retention,
      revenue,
    });
  }
  const retentionCurve: RetentionCurvePoint[] = [];
  for (let a = 0; a < span; a++) {
    const weight = curveSize[a] as number;
    if (weight === 0) break;
    retentionCurve.push({
      age: a,
      retention: (curveActive[a] as number) / weight,
      cohorts: curveCount[a] as number,
      customers: weight,
    });
  }
  return {
    period,
    observationEnd: dayToDate(endDay),
    lastPeriodComplete,
    cohorts,
    retentionCurve,
    counts: observed.counts,
    skipped: observed.skipped,
  };
}
