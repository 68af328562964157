import { sampleCorrelation } from 'simple-statistics';
import * as z from 'zod';
import { invalidValue } from '../core/messages.js';
import { inputReadError, parseOptions } from '../core/validate.js';
import type { RfmScore, RfmScoreTable } from './rfmScores.js';
import { readBins, scoreList } from './rfmSegments.js';

/** Options of {@link rfmDiagnostics}. */
export interface RfmDiagnosticsOptions {
  /** Warn when |Pearson| or |Spearman| correlation of frequency with monetary exceeds this. Default 0.7. */
  correlationThreshold?: number;
  /**
   * Warn when more cells than this are occupied: too many segments to act on. Default 20 — a practitioner's rule of
   * thumb (about as many distinct treatments as a marketing team can run), not a published figure.
   */
  maxActionableCells?: number;
}

/** A problem {@link rfmDiagnostics} found, with a code to switch on and a sentence for people. */
export interface RfmDiagnosticWarning {
  code: 'COLLINEAR_FREQUENCY_MONETARY' | 'TOO_MANY_CELLS' | 'EMPTY_BINS';
  message: string;
}

/** What {@link rfmDiagnostics} returns. */
export interface RfmDiagnostics {
  customers: number;
  /** bins_R · bins_F · bins_M. */
  possibleCells: number;
  /** Cells with at least one customer. */
  occupiedCells: number;
  /** occupiedCells ÷ possibleCells. */
  occupiedShare: number;
  /** Pearson correlation of frequency with the monetary value as scored; `null` when undefined (n < 2 or a constant). */
  frequencyMonetaryPearson: number | null;
  /** Spearman (mid-rank) correlation of frequency with the monetary value as scored; `null` when undefined. */
  frequencyMonetarySpearman: number | null;
  /** Scores that no customer got, per dimension (heavy ties empty some bins). */
  emptyBins: { recency: number[]; frequency: number[]; monetary: number[] };
  warnings: RfmDiagnosticWarning[];
}

const optionsSchema: z.ZodType<RfmDiagnosticsOptions> = z.strictObject({
  correlationThreshold: z.number().min(0).max(1).optional(),
  maxActionableCells: z.number().int().min(1).optional(),
}) as unknown as z.ZodType<RfmDiagnosticsOptions>;

/**
 * Checks RFM scores for the two weaknesses textbooks name: too many cells to act on (how many of the bins³ cells are
 * occupied) and the collinearity of frequency with total monetary value (Pearson and Spearman correlation, via
 * simple-statistics' `sampleCorrelation` on the values and on their mid-ranks), warning above 0.7 with the hint to
 * score spend per purchase (`monetary: 'average'`). It also lists bins left empty by ties.
 *
 * Correlations use the values as scored (frequency, and total or average monetary value), so running the diagnostics
 * on `monetary: 'average'` scores shows whether that helped. Spearman uses mid-ranks for ties.
 *
 * Reference: Fader, Hardie & Lee (2005), "RFM and CLV: Using iso-value curves for customer base analysis",
 * J. Marketing Research 42(4), doi:10.1509/jmkr.2005.42.4.415 (F and M are not independent); Spearman, C. (1904),
 * Am. J. Psychology 15(1), doi:10.2307/1412159.
 *
 * @param scores - the output of {@link rfmScores}
 * @param options - thresholds, see {@link RfmDiagnosticsOptions}
 * @returns cell occupancy, F–M correlations, empty bins and warnings
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` for scores without customers; `INVALID_OPTION` for bad thresholds
 *
 * @example
 * import { rfmScores, rfmDiagnostics } from 'crm-analytics/rfm';
 * const rows = [1, 2, 3, 4, 5, 6].map((v) => ({ id: v, days: v, orders: v, spend: 20 * v }));
 * const fields = { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' };
 * const d = rfmDiagnostics(rfmScores(rows, { bins: 3, fields }));
 * d; // => { possibleCells: 27, occupiedCells: 3, frequencyMonetaryPearson: 1, frequencyMonetarySpearman: 1 }
 * d.warnings[0].code; // => 'COLLINEAR_FREQUENCY_MONETARY'
 * rfmDiagnostics(rfmScores(rows, { bins: 3, fields, monetary: 'average' })).frequencyMonetaryPearson; // => null
 */
export function rfmDiagnostics(scores: RfmScoreTable, options?: RfmDiagnosticsOptions): RfmDiagnostics {
  const o = parseOptions(optionsSchema, options);
  const threshold = o.correlationThreshold ?? 0.7;
  const maxCells = o.maxActionableCells ?? 20;
  const list = scoreList(scores);
  const bins = readBins(scores);
  const n = list.length;
  if (n === 0) throw invalidValue(['scores', 'customers'], 'at least 1 customer', list, 'EMPTY_INPUT');
  const bF = bins.frequency;
  const bM = bins.monetary;
  const possibleCells = bins.recency * bF * bM;
  const occupied = new Uint8Array(possibleCells);
  const seen = {
    recency: new Uint8Array(bins.recency + 1),
    frequency: new Uint8Array(bF + 1),
    monetary: new Uint8Array(bM + 1),
  };
  // Stryker disable next-line ArrayDeclaration: the loop below fills indices 0..n-1 in order; the preset length is unobservable
  const frequency: number[] = new Array(n);
  // Stryker disable next-line ArrayDeclaration: the loop below fills indices 0..n-1 in order; the preset length is unobservable
  const monetary: number[] = new Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const s = list[i] as RfmScore;
      const r = s?.recencyScore;
      const f = s?.frequencyScore;
      const m = s?.monetaryScore;
      if (
        !(
          r >= 1 &&
          r <= bins.recency &&
          (r | 0) === r &&
          f >= 1 &&
          f <= bF &&
          (f | 0) === f &&
          m >= 1 &&
          m <= bM &&
          (m | 0) === m
        )
      ) {
        throw invalidValue(['scores', 'customers', i], `scores within the bins ${bins.recency} / ${bF} / ${bM}`, s);
      }
      if (!Number.isFinite(s.frequency) || !Number.isFinite(s.monetary)) {
        throw invalidValue(['scores', 'customers', i], 'finite frequency and monetary values', s);
      }
      occupied[((r - 1) * bF + (f - 1)) * bM + (m - 1)] = 1;
      seen.recency[r] = 1;
      seen.frequency[f] = 1;
      seen.monetary[m] = 1;
      frequency[i] = s.frequency;
      monetary[i] = s.monetary;
    }
  } catch (cause) {
    throw inputReadError(cause, ['scores', 'customers', i]);
  }
  let occupiedCells = 0;
  for (let c = 0; c < possibleCells; c++) occupiedCells += occupied[c] as number;

  const pearson = correlationOrNull(frequency, monetary, sampleCorrelation);
  // Spearman's rho is Pearson's correlation of the mid-ranks (what simple-statistics' sampleRankCorrelation computes);
  // ranking here with one typed-array sort keeps it fast on millions of customers.
  const spearman = correlationOrNull(frequency, monetary, (x, y) => sampleCorrelation(midranks(x), midranks(y)));
  const emptyBins = {
    recency: missingScores(seen.recency),
    frequency: missingScores(seen.frequency),
    monetary: missingScores(seen.monetary),
  };

  const warnings: RfmDiagnosticWarning[] = [];
  const strongest = Math.max(Math.abs(pearson ?? 0), Math.abs(spearman ?? 0));
  if (strongest > threshold) {
    const averageHint =
      scores.monetary === 'average'
        ? 'even with spend per purchase; consider dropping M or combining F and M into one score'
        : "score spend per purchase instead (monetary: 'average') or combine F and M into one score";
    warnings.push({
      code: 'COLLINEAR_FREQUENCY_MONETARY',
      message: `frequency and monetary value are strongly correlated (Pearson ${format(pearson)}, Spearman ${format(spearman)} > ${threshold}): M adds little beyond F; ${averageHint}.`,
    });
  }
  if (occupiedCells > maxCells) {
    warnings.push({
      code: 'TOO_MANY_CELLS',
      message: `${occupiedCells} of ${possibleCells} cells are occupied, more than the ${maxCells} a team can act on: group cells into named segments (rfmSegments) or use fewer bins.`,
    });
  }
  const emptyCount = emptyBins.recency.length + emptyBins.frequency.length + emptyBins.monetary.length;
  if (emptyCount > 0) {
    warnings.push({
      code: 'EMPTY_BINS',
      message: `ties left ${emptyCount} bin${emptyCount === 1 ? '' : 's'} empty (R: [${emptyBins.recency.join(', ')}], F: [${emptyBins.frequency.join(', ')}], M: [${emptyBins.monetary.join(', ')}]): many customers share a value; consider fewer bins or fixed breaks for that dimension.`,
    });
  }
  return {
    customers: n,
    possibleCells,
    occupiedCells,
    occupiedShare: occupiedCells / possibleCells,
    frequencyMonetaryPearson: pearson,
    frequencyMonetarySpearman: spearman,
    emptyBins,
    warnings,
  };
}

function correlationOrNull(x: number[], y: number[], correlation: (a: number[], b: number[]) => number): number | null {
  // simple-statistics throws below two points and returns NaN for a constant column: check first so no NaN escapes.
  if (x.length < 2 || isConstant(x) || isConstant(y)) return null;
  const value = correlation(x, y);
  if (!Number.isFinite(value)) return null;
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.min(1, Math.max(-1, value));
}

/** Average 0-based rank of each value (ties share the mean of the positions they span). */
function midranks(values: number[]): number[] {
  const n = values.length;
  const sorted = Float64Array.from(values);
  sorted.sort();
  // Stryker disable next-line ArrayDeclaration: the loop below fills indices 0..n-1 in order; the preset length is unobservable
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    hi = n;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if ((sorted[mid] as number) <= v) end = mid + 1;
      else hi = mid;
    }
    out[i] = (lo + end - 1) / 2;
  }
  return out;
}

function isConstant(values: number[]): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

function missingScores(seen: Uint8Array): number[] {
  const out: number[] = [];
  for (let s = 1; s < seen.length; s++) if (seen[s] === 0) out.push(s);
  return out;
}

function format(value: number | null): string {
  return value === null ? 'undefined' : value.toFixed(2);
}
