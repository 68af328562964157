import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, MS_PER_DAY, type TimeUnit, toEpochMs } from '../core/dates.js';
import { describeValue, emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import {
  type Accessor,
  accessorLabel,
  accessorSchema,
  inputReadError,
  parseOptions,
  readField,
  toAccessorFunction,
  toRecordArray,
} from '../core/validate.js';
import type { CustomerId, CustomerSummary } from '../data/types.js';
import { breakScoresUnchecked, checkBreaks, quantileScoresUnchecked, rRfmScoresUnchecked } from './binScores.js';
import { cellUsesDashes, formatCell } from './segmentTables.js';

/** Where to read each quantity from records that are not {@link CustomerSummary}s: field names or accessors. */
export interface RfmFieldOptions<T> {
  /** The customer id (default: the field `customerId`). */
  customerId?: Accessor<T, CustomerId>;
  /** Time since the last purchase (lower is better), in any unit ≥ 0. Give this or `lastPurchase`. */
  recency?: Accessor<T, number>;
  /** Date of the last purchase (`Date`, ISO string read in UTC, or epoch ms); needs the option `asOf`. */
  lastPurchase?: Accessor<T, Date | string | number>;
  /** Number of purchases (any finite number ≥ 0). */
  frequency?: Accessor<T, number>;
  /** Total spend (finite, ≥ 0); divided by `frequency` when `monetary: 'average'`. */
  monetary?: Accessor<T, number>;
}

/** Strictly increasing breakpoints per dimension (1–9 each, in the units of the values), for `method: 'breaks'`. */
export interface RfmBreaks {
  /** Breakpoints of the time since the last purchase; smaller times score higher. */
  recency: readonly number[];
  /** Breakpoints of the frequency. */
  frequency: readonly number[];
  /** Breakpoints of the monetary value (total or average, as scored). */
  monetary: readonly number[];
}

/** Weights of the weighted score `wR·R + wF·F + wM·M`. */
export interface RfmWeights {
  recency: number;
  frequency: number;
  monetary: number;
}

/** Options of {@link rfmScores}. */
export interface RfmScoresOptions<T = CustomerSummary> {
  /** Number of bins per dimension for `method: 'quantile'`, an integer 2–10. Default 5. */
  bins?: number;
  /**
   * `'quantile'` (default without `breaks`): equal-count bins over the ranked values, ties sharing a score (mid-rank
   * rule, see {@link rfmQuantileScores}). `'breaks'` (default with `breaks`): fixed breakpoints (see {@link rfmBreakScores}).
   * `'r-rfm'`: R `rfm`'s own scores, for migrating and checking — breaks at the type-7 quantiles k / bins plus 1, bins
   * `[b_k, b_{k+1})`, which leaves bins unequal and, with ties, empty (see docs/rfm.md).
   */
  method?: 'quantile' | 'breaks' | 'r-rfm';
  /** Breakpoints per dimension, for `method: 'breaks'`. */
  breaks?: RfmBreaks;
  /**
   * `'total'` (default): score the monetary value as read (a summary's `totalRevenue`). `'average'`: score spend per
   * purchase, monetary ÷ frequency (0 for a customer with frequency 0 and no spend), which is less collinear with F.
   */
  monetary?: 'total' | 'average';
  /** Weights of the weighted `score`. Default 1 / 1 / 1; R `rfm`'s `rfm_score` is 100 / 10 / 1. */
  weights?: Partial<RfmWeights>;
  /**
   * For records other than {@link CustomerSummary}: where to read each quantity. Give all of (`recency` or
   * `lastPurchase`), `frequency` and `monetary`, or none (then records are read as summaries).
   */
  fields?: RfmFieldOptions<T>;
  /** The analysis date for `fields.lastPurchase` (`Date`, ISO string in UTC, or epoch ms). */
  asOf?: Date | string | number;
  /** Unit of the recency computed from `fields.lastPurchase` and `asOf`. Default `'day'`. */
  timeUnit?: TimeUnit;
}

/** One customer's RFM values and scores. */
export interface RfmScore {
  customerId: CustomerId;
  /** Time since the last purchase, in the input's unit (lower is better). */
  recency: number;
  /** The frequency scored (number of purchases). */
  frequency: number;
  /** The monetary value scored: total spend, or spend per purchase with `monetary: 'average'`. */
  monetary: number;
  /** Total spend as read (the same as `monetary` with `monetary: 'total'`). */
  revenue: number;
  /** 1..bins, higher = more recent. */
  recencyScore: number;
  /** 1..bins, higher = more purchases. */
  frequencyScore: number;
  /** 1..bins, higher = more spend. */
  monetaryScore: number;
  /** The three scores as a label, `'545'` (with dashes, `'10-3-4'`, when a dimension has 10 bins). */
  cell: string;
  /** Weighted sum `wR·R + wF·F + wM·M` of the scores. */
  score: number;
}

/** One bin of one dimension: its score, how many customers it holds, and the range of their values. */
export interface RfmBinRange {
  score: number;
  customers: number;
  /** Smallest value in the bin; `null` when the bin is empty. */
  min: number | null;
  /** Largest value in the bin; `null` when the bin is empty. */
  max: number | null;
}

/** The number of bins of each dimension. */
export interface RfmBinCounts {
  recency: number;
  frequency: number;
  monetary: number;
}

/** What {@link rfmScores} returns: one {@link RfmScore} per customer, in input order, plus how they were scored. */
export interface RfmScoreTable {
  customers: RfmScore[];
  bins: RfmBinCounts;
  method: 'quantile' | 'breaks' | 'r-rfm';
  monetary: 'total' | 'average';
  weights: RfmWeights;
  /** Per dimension, each bin's customers and value range, from score 1 up (empty bins included). */
  ranges: { recency: RfmBinRange[]; frequency: RfmBinRange[]; monetary: RfmBinRange[] };
}

/** zod schema of {@link RfmScoresOptions} (breakpoint order is checked after it, naming the offending index). */
export const rfmScoresOptionsSchema: z.ZodType<RfmScoresOptions<never>> = z.strictObject({
  bins: z.number().int().min(2).max(10).optional(),
  method: z.enum(['quantile', 'breaks', 'r-rfm']).optional(),
  breaks: z
    .strictObject({ recency: z.array(z.number()), frequency: z.array(z.number()), monetary: z.array(z.number()) })
    .optional(),
  monetary: z.enum(['total', 'average']).optional(),
  weights: z
    .strictObject({ recency: z.number().optional(), frequency: z.number().optional(), monetary: z.number().optional() })
    .optional(),
  fields: z
    .strictObject({
      customerId: accessorSchema().optional(),
      recency: accessorSchema().optional(),
      lastPurchase: accessorSchema().optional(),
      frequency: accessorSchema().optional(),
      monetary: accessorSchema().optional(),
    })
    .optional(),
  asOf: z.union([z.date(), z.string(), z.number()]).optional(),
  timeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
}) as unknown as z.ZodType<RfmScoresOptions<never>>;

const SUMMARY_HINT =
  'without options.fields, records are read as CustomerSummary (customerId, T, recency, transactionCount, totalRevenue); ' +
  'for other records give options.fields.recency (or lastPurchase with asOf), frequency and monetary';

/** The columns read from the records. */
interface RfmColumns {
  ids: CustomerId[];
  recency: Float64Array;
  frequency: Float64Array;
  revenue: Float64Array;
}

/**
 * RFM scores: rates each customer 1..bins on recency (R, higher = more recent purchase), frequency (F, more purchases)
 * and monetary value (M, more spend), with the cell label (`'545'`) and a weighted score `wR·R + wF·F + wM·M`.
 *
 * Inputs. By default each record is a {@link CustomerSummary} (from `summarizeCustomers`) and is read as
 * R = `T − recency` (time since the last purchase: the summary's `recency` is the time from the first to the last
 * purchase, lifetimes' convention, and must not be scored as is), F = `transactionCount`, M = `totalRevenue` (or
 * `totalRevenue / transactionCount` with `monetary: 'average'`). Other records need `fields`: `recency` (time since
 * the last purchase) or `lastPurchase` plus `asOf`, `frequency` and `monetary`, each a field name or
 * `(record, index) => value`. Nothing is guessed: a record without these fields is an error.
 *
 * Scoring. `method: 'quantile'` (default) makes equal-count bins over the ranked values; customers with equal values
 * always share a score, and a run of ties at a bin edge goes whole to the bin holding its middle (mid-rank rule; see
 * {@link rfmQuantileScores} and docs/rfm.md for how R `rfm` and PyMC-Marketing differ). `method: 'breaks'` uses
 * fixed breakpoints, left-closed like R `rfm`'s custom thresholds (see {@link rfmBreakScores}). `method: 'r-rfm'`
 * reproduces R `rfm`'s scores (type-7 quantile breaks plus 1), for migrating from it or checking against it.
 *
 * Reference: Hughes, A. M. (1994), *Strategic Database Marketing*, Probus (RFM quintile scoring); Fader, Hardie &
 * Lee (2005), "RFM and CLV: Using iso-value curves for customer base analysis", J. Marketing Research 42(4),
 * doi:10.1509/jmkr.2005.42.4.415.
 *
 * @param customers - customer summaries, or any records with `options.fields` (not modified)
 * @param options - see {@link RfmScoresOptions}
 * @returns the scores per customer in input order, the bins, and each bin's value range
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` without records; `INVALID_INPUT` naming the record and field for a missing,
 *   non-finite or negative value (or a summary whose `recency` exceeds `T`); `INVALID_OPTION` for bad options
 *   (bins outside 2–10, breaks not strictly increasing, an incomplete `fields`, `lastPurchase` without `asOf`)
 *
 * @example
 * import { rfmScores } from 'crm-analytics/rfm';
 * const rows = [
 *   { id: 'a', days: 2, orders: 9, spend: 900 },
 *   { id: 'b', days: 40, orders: 1, spend: 30 },
 *   { id: 'c', days: 7, orders: 4, spend: 250 },
 *   { id: 'd', days: 90, orders: 2, spend: 80 },
 * ];
 * const fields = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' };
 * const table = rfmScores(rows, { bins: 4, fields });
 * table.customers[0]; // => { customerId: 'a', recencyScore: 4, frequencyScore: 4, monetaryScore: 4, cell: '444', score: 12 }
 * table.customers[3].cell; // => '122'
 * rfmScores(rows, { bins: 4, fields, weights: { recency: 100, frequency: 10, monetary: 1 } }).customers[1].score; // => 211
 * rfmScores(rows, { bins: 11, fields }); // throws INVALID_OPTION
 * rfmScores(rows); // throws INVALID_INPUT
 */
export function rfmScores<T = CustomerSummary>(
  customers: Iterable<T> | ArrayLike<T>,
  options?: RfmScoresOptions<T>,
): RfmScoreTable {
  const o = parseOptions(rfmScoresOptionsSchema, options) as RfmScoresOptions<T>;
  const method = o.method ?? (o.breaks === undefined ? 'quantile' : 'breaks');
  if (method === 'breaks' && o.breaks === undefined) {
    throw invalidWithReason(['options', 'breaks'], "is required with method: 'breaks'", 'INVALID_OPTION');
  }
  if (method !== 'breaks' && o.breaks !== undefined) {
    throw invalidWithReason(['options', 'breaks'], "is only used with method: 'breaks'", 'INVALID_OPTION');
  }
  let bins: RfmBinCounts;
  if (o.breaks !== undefined) {
    const breaks = o.breaks;
    for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
      checkBreaks(breaks[dimension], ['options', 'breaks', dimension]);
      if (o.bins !== undefined && o.bins !== breaks[dimension].length + 1) {
        throw invalidWithReason(
          ['options', 'bins'],
          `is ${o.bins} but options.breaks.${dimension} makes ${breaks[dimension].length + 1} bins; leave bins out with breaks`,
          'INVALID_OPTION',
          o.bins,
        );
      }
    }
    bins = {
      recency: breaks.recency.length + 1,
      frequency: breaks.frequency.length + 1,
      monetary: breaks.monetary.length + 1,
    };
  } else {
    const b = o.bins ?? 5;
    bins = { recency: b, frequency: b, monetary: b };
  }
  const monetaryMode = o.monetary ?? 'total';
  const weights: RfmWeights = {
    recency: o.weights?.recency ?? 1,
    frequency: o.weights?.frequency ?? 1,
    monetary: o.weights?.monetary ?? 1,
  };
  // The weighted score reaches Σ bins·|weight|: weights near the largest double would make it Infinity (or NaN).
  const largestScore =
    bins.recency * Math.abs(weights.recency) +
    bins.frequency * Math.abs(weights.frequency) +
    bins.monetary * Math.abs(weights.monetary);
  if (!Number.isFinite(largestScore)) {
    throw invalidWithReason(
      ['options', 'weights'],
      `expected weights small enough for a finite weighted score (Σ bins·|weight| = ${largestScore})`,
      'INVALID_OPTION',
    );
  }

  const records = toRecordArray(customers, 'customers');
  if (records.length === 0) throw emptyInput('customers');
  const columns = readColumns(records, o);
  const n = records.length;

  // With total spend the scored column is the revenue column itself (neither is modified below).
  const monetary = monetaryMode === 'total' ? columns.revenue : new Float64Array(n);
  if (monetaryMode === 'average') {
    const labels = monetaryLabels(o.fields);
    for (let i = 0; i < n; i++) {
      const f = columns.frequency[i] as number;
      const r = columns.revenue[i] as number;
      if (f > 0) monetary[i] = r / f;
      else if (r !== 0) {
        throw invalidWithReason(
          ['customers', i, labels.monetary],
          `is ${r} but ${labels.frequency} is 0, so the average spend per purchase is undefined (use monetary: 'total')`,
        );
      }
    }
  }

  let rScores: Uint8Array;
  let fScores: Uint8Array;
  let mScores: Uint8Array;
  if (o.breaks !== undefined) {
    rScores = breakScoresUnchecked(columns.recency, o.breaks.recency, true);
    fScores = breakScoresUnchecked(columns.frequency, o.breaks.frequency, false);
    mScores = breakScoresUnchecked(monetary, o.breaks.monetary, false);
  } else if (method === 'r-rfm') {
    rScores = rRfmScoresUnchecked(columns.recency, bins.recency, true);
    fScores = rRfmScoresUnchecked(columns.frequency, bins.frequency, false);
    mScores = rRfmScoresUnchecked(monetary, bins.monetary, false);
  } else {
    rScores = quantileScoresUnchecked(columns.recency, bins.recency, true);
    fScores = quantileScoresUnchecked(columns.frequency, bins.frequency, false);
    mScores = quantileScoresUnchecked(monetary, bins.monetary, false);
  }

  // Cell labels come from a small lookup (at most 10³ strings), so no string is built per customer.
  const dashed = cellUsesDashes(bins.recency, bins.frequency, bins.monetary);
  // Stryker disable next-line ArrayDeclaration: a preallocated length only; every index is assigned below before any read
  const cellLabels: string[] = new Array(bins.recency * bins.frequency * bins.monetary);
  for (let r = 1; r <= bins.recency; r++)
    for (let f = 1; f <= bins.frequency; f++)
      for (let m = 1; m <= bins.monetary; m++) {
        cellLabels[((r - 1) * bins.frequency + (f - 1)) * bins.monetary + (m - 1)] = formatCell(r, f, m, dashed);
      }

  // Stryker disable next-line ArrayDeclaration: a preallocated length only; indices 0..n-1 are all assigned in order below
  const out: RfmScore[] = new Array(n);
  const { recency: wR, frequency: wF, monetary: wM } = weights;
  const bF = bins.frequency;
  const bM = bins.monetary;
  for (let i = 0; i < n; i++) {
    const r = rScores[i] as number;
    const f = fScores[i] as number;
    const m = mScores[i] as number;
    out[i] = {
      customerId: columns.ids[i] as CustomerId,
      recency: columns.recency[i] as number,
      frequency: columns.frequency[i] as number,
      monetary: monetary[i] as number,
      revenue: columns.revenue[i] as number,
      recencyScore: r,
      frequencyScore: f,
      monetaryScore: m,
      cell: cellLabels[((r - 1) * bF + (f - 1)) * bM + (m - 1)] as string,
      score: wR * r + wF * f + wM * m,
    };
  }

  return {
    customers: out,
    bins,
    method,
    monetary: monetaryMode,
    weights,
    ranges: {
      recency: binRanges(columns.recency, rScores, bins.recency),
      frequency: binRanges(columns.frequency, fScores, bins.frequency),
      monetary: binRanges(monetary, mScores, bins.monetary),
    },
  };
}

function monetaryLabels<T>(fields: RfmFieldOptions<T> | undefined): { monetary: string; frequency: string } {
  if (fields?.monetary === undefined) return { monetary: 'totalRevenue', frequency: 'transactionCount' };
  return {
    monetary: accessorLabel(fields.monetary as Accessor<unknown, unknown>, 'monetary'),
    frequency: accessorLabel(fields.frequency as Accessor<unknown, unknown>, 'frequency'),
  };
}

function binRanges(values: Float64Array, scores: Uint8Array, bins: number): RfmBinRange[] {
  const counts = new Float64Array(bins + 1);
  const mins = new Float64Array(bins + 1).fill(Number.POSITIVE_INFINITY);
  const maxs = new Float64Array(bins + 1).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i] as number;
    const v = values[i] as number;
    counts[s] = (counts[s] as number) + 1;
    if (v < (mins[s] as number)) mins[s] = v;
    if (v > (maxs[s] as number)) maxs[s] = v;
  }
  const out: RfmBinRange[] = [];
  for (let s = 1; s <= bins; s++) {
    const count = counts[s] as number;
    out.push({
      score: s,
      customers: count,
      min: count === 0 ? null : (mins[s] as number),
      max: count === 0 ? null : (maxs[s] as number),
    });
  }
  return out;
}

function checkId(id: unknown, path: ReadonlyArray<string | number>): CustomerId {
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id;
  throw invalidValue(path, 'a customer id (a string or a finite number)', id);
}

function readColumns<T>(records: readonly T[], o: RfmScoresOptions<T>): RfmColumns {
  const fields = o.fields ?? {};
  const hasRecency = fields.recency !== undefined;
  const hasLast = fields.lastPurchase !== undefined;
  const given = hasRecency || hasLast || fields.frequency !== undefined || fields.monetary !== undefined;
  if (hasRecency && hasLast) {
    throw invalidWithReason(
      ['options', 'fields', 'lastPurchase'],
      'give either fields.recency (time since the last purchase) or fields.lastPurchase with asOf, not both',
      'INVALID_OPTION',
    );
  }
  if (o.asOf !== undefined && !hasLast) {
    throw invalidWithReason(['options', 'asOf'], 'is only used with options.fields.lastPurchase', 'INVALID_OPTION');
  }
  if (o.timeUnit !== undefined && !hasLast) {
    throw invalidWithReason(['options', 'timeUnit'], 'is only used with options.fields.lastPurchase', 'INVALID_OPTION');
  }
  if (!given) return readSummaries(records, fields.customerId);

  if (!hasRecency && !hasLast) {
    throw invalidWithReason(
      ['options', 'fields', 'recency'],
      'is required with the other fields (or give fields.lastPurchase with asOf); no value is guessed from summary fields',
      'INVALID_OPTION',
    );
  }
  for (const name of ['frequency', 'monetary'] as const) {
    if (fields[name] === undefined) {
      throw invalidWithReason(
        ['options', 'fields', name],
        'is required with the other fields; no value is guessed from summary fields',
        'INVALID_OPTION',
      );
    }
  }
  let asOfMs = 0;
  let unitMs = MS_PER_DAY;
  if (hasLast) {
    if (o.asOf === undefined) {
      throw invalidWithReason(['options', 'asOf'], 'is required with options.fields.lastPurchase', 'INVALID_OPTION');
    }
    const ms = toEpochMs(o.asOf);
    if (ms === undefined) {
      throw invalidValue(
        ['options', 'asOf'],
        'a date (a valid Date, an ISO 8601 string or epoch milliseconds)',
        o.asOf,
        'INVALID_OPTION',
      );
    }
    asOfMs = ms;
    unitMs = MS_PER_DAY * DAYS_PER_TIME_UNIT[o.timeUnit ?? 'day'];
  }

  const n = records.length;
  // Stryker disable next-line ArrayDeclaration: a preallocated length only; indices 0..n-1 are all assigned in order below
  const ids: CustomerId[] = new Array(n);
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const revenue = new Float64Array(n);
  const readId = toAccessorFunction(fields.customerId ?? 'customerId');
  const idLabel = accessorLabel(fields.customerId as Accessor<unknown, unknown> | undefined, 'customerId');
  const recencyAccessor = (hasLast ? fields.lastPurchase : fields.recency) as Accessor<T, unknown>;
  const readRecency = toAccessorFunction(recencyAccessor);
  const recencyLabel = accessorLabel(
    recencyAccessor as Accessor<unknown, unknown>,
    hasLast ? 'lastPurchase' : 'recency',
  );
  const readFrequency = toAccessorFunction(fields.frequency as Accessor<T, unknown>);
  const frequencyLabel = accessorLabel(fields.frequency as Accessor<unknown, unknown>, 'frequency');
  const readMonetary = toAccessorFunction(fields.monetary as Accessor<T, unknown>);
  const monetaryLabel = accessorLabel(fields.monetary as Accessor<unknown, unknown>, 'monetary');

  let i = 0;
  try {
    for (; i < n; i++) {
      const record = records[i] as T;
      ids[i] = checkId(readField(readId, record, i, ['customers', i, idLabel]), ['customers', i, idLabel]);
      const rawRecency = readField(readRecency, record, i, ['customers', i, recencyLabel]);
      if (hasLast) {
        const ms = toEpochMs(rawRecency);
        if (ms === undefined) {
          throw invalidValue(
            ['customers', i, recencyLabel],
            'a date (a valid Date, an ISO 8601 string or epoch milliseconds)',
            rawRecency,
          );
        }
        if (ms > asOfMs) {
          throw invalidWithReason(
            ['customers', i, recencyLabel],
            `is after options.asOf (${new Date(asOfMs).toISOString()}); expected a last purchase on or before the analysis date`,
            'INVALID_INPUT',
            rawRecency,
          );
        }
        recency[i] = (asOfMs - ms) / unitMs;
      } else {
        recency[i] = nonNegative(rawRecency, ['customers', i, recencyLabel]);
      }
      frequency[i] = nonNegative(readField(readFrequency, record, i, ['customers', i, frequencyLabel]), [
        'customers',
        i,
        frequencyLabel,
      ]);
      revenue[i] = nonNegative(readField(readMonetary, record, i, ['customers', i, monetaryLabel]), [
        'customers',
        i,
        monetaryLabel,
      ]);
    }
  } catch (cause) {
    throw inputReadError(cause, ['customers', i]);
  }
  return { ids, recency, frequency, revenue };
}

function nonNegative(value: unknown, path: ReadonlyArray<string | number>): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidValue(path, 'a finite number ≥ 0', value);
  }
  return value === 0 ? 0 : value;
}

/** The hot path for summaries: direct property reads, checks inline, errors built only on failure. */
function readSummaries<T>(records: readonly T[], customerId: Accessor<T, CustomerId> | undefined): RfmColumns {
  const n = records.length;
  // Stryker disable next-line ArrayDeclaration: a preallocated length only; indices 0..n-1 are all assigned in order below
  const ids: CustomerId[] = new Array(n);
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const revenue = new Float64Array(n);
  const readId = customerId === undefined ? undefined : toAccessorFunction(customerId);
  const idLabel = accessorLabel(customerId as Accessor<unknown, unknown> | undefined, 'customerId');
  let i = 0;
  try {
    for (; i < n; i++) {
      const record = records[i] as unknown;
      if (record === null || typeof record !== 'object')
        throw invalidValue(['customers', i], 'a customer summary object', record);
      const c = record as CustomerSummary;
      const T = c.T;
      const rec = c.recency;
      const count = c.transactionCount;
      const total = c.totalRevenue;
      // One combined test on the fast path; the slow path below finds and words the problem.
      if (
        !(
          typeof T === 'number' &&
          typeof rec === 'number' &&
          typeof count === 'number' &&
          typeof total === 'number' &&
          T >= 0 &&
          T < Number.POSITIVE_INFINITY &&
          rec >= 0 &&
          rec <= T &&
          count >= 0 &&
          count < Number.POSITIVE_INFINITY &&
          total >= 0 &&
          total < Number.POSITIVE_INFINITY
        )
      ) {
        throw summaryError(c, i);
      }
      const id = readId === undefined ? c.customerId : readField(readId, record as T, i, ['customers', i, idLabel]);
      ids[i] = typeof id === 'string' ? id : checkId(id, ['customers', i, idLabel]);
      // −0 (a summary field, or T − recency with T = −0) is read as +0, as on every other path.
      const sinceLast = T - rec;
      recency[i] = sinceLast === 0 ? 0 : sinceLast;
      frequency[i] = count === 0 ? 0 : count;
      revenue[i] = total === 0 ? 0 : total;
    }
  } catch (cause) {
    throw inputReadError(cause, ['customers', i]);
  }
  return { ids, recency, frequency, revenue };
}

function summaryError(c: CustomerSummary, i: number): Error {
  const fields = ['T', 'recency', 'transactionCount', 'totalRevenue'] as const;
  for (const field of fields) {
    const v = (c as unknown as Record<string, unknown>)[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      const missing = v === undefined && !Object.hasOwn(c, field);
      return invalidWithReason(
        ['customers', i, field],
        `expected a finite number ≥ 0, got ${missing ? 'nothing (the field is missing)' : describeValue(v)}${missing ? `; ${SUMMARY_HINT}` : ''}`,
        'INVALID_INPUT',
        v,
      );
    }
  }
  return invalidWithReason(
    ['customers', i, 'recency'],
    `expected at most T (${c.T}), got ${c.recency}: a summary's recency is the time from the first to the last purchase, within T`,
    'INVALID_INPUT',
    c.recency,
  );
}
