import {
  cellUsesDashes,
  formatCell,
  type RfmSegmentTable,
  ruleMatches,
  validateSegmentTable,
} from './segmentTables.js';

/** A cell that several rules match; the first rule wins. */
export interface RfmSegmentOverlap {
  cell: string;
  /** Indexes of the matching rules, in order. */
  rules: number[];
  /** Their segments, in the same order (the first is the one assigned). */
  segments: string[];
}

/** What {@link checkSegmentTable} reports about a table over its whole bins³ grid. */
export interface RfmSegmentTableCheck {
  /** bins³. */
  cells: number;
  /** Cells matched by at least one rule. */
  covered: number;
  /** Cells matched by more than one rule (allowed: the first match wins, but it may be unintended). */
  overlaps: RfmSegmentOverlap[];
  /** Cells no rule matches: their customers get the fallback segment. */
  uncovered: string[];
  /** Rules that never win a cell, because earlier rules take all their cells (likely a mistake). */
  shadowedRules: number[];
}

/**
 * Checks a segment table over every cell of its bins³ grid: which cells several rules match (overlaps, resolved by
 * the first match), which cells no rule matches (their customers get the fallback, `'Others'`), and which rules never
 * win a cell. Overlaps are allowed — R `rfm`'s table relies on them — but a report makes them visible in review.
 *
 * Reference: Hebbali, A., `rfm` R package, `rfm_segment()` (first match wins; https://github.com/rsquaredacademy/rfm).
 *
 * @param table - the segment table (validated like in {@link rfmSegments})
 * @returns the grid size, coverage, overlaps, uncovered cells and shadowed rules
 * @throws {CrmAnalyticsError} `INVALID_OPTION` for an invalid table
 *
 * @example
 * import { checkSegmentTable, RFM_DEFAULT_SEGMENT_TABLE, RFM_QUARTILE_SEGMENT_TABLE } from 'crm-analytics/rfm';
 * checkSegmentTable(RFM_QUARTILE_SEGMENT_TABLE).overlaps.length; // => 0
 * checkSegmentTable(RFM_QUARTILE_SEGMENT_TABLE).uncovered.length; // => 18
 * checkSegmentTable(RFM_DEFAULT_SEGMENT_TABLE).uncovered.includes('251'); // => true
 * checkSegmentTable({ name: 't', bins: 2, rules: [{ segment: 'A', recency: [2, 2] }, { segment: 'B', cells: ['222'] }] }); // => { cells: 8, covered: 4, shadowedRules: [1] }
 * checkSegmentTable({ name: 't', bins: 5, rules: [{ segment: 'A', recency: [4, 6] }] }); // throws INVALID_OPTION
 */
export function checkSegmentTable(table: RfmSegmentTable): RfmSegmentTableCheck {
  const valid = validateSegmentTable(table);
  const b = valid.bins;
  const dashed = cellUsesDashes(b, b, b);
  const overlaps: RfmSegmentOverlap[] = [];
  const uncovered: string[] = [];
  const wins = new Array<boolean>(valid.rules.length).fill(false);
  let covered = 0;
  for (let r = 1; r <= b; r++)
    for (let f = 1; f <= b; f++)
      for (let m = 1; m <= b; m++) {
        const cell = formatCell(r, f, m, dashed);
        const matching: number[] = [];
        valid.rules.forEach((rule, index) => {
          if (ruleMatches(rule, r, f, m, cell)) matching.push(index);
        });
        if (matching.length === 0) {
          uncovered.push(cell);
          continue;
        }
        covered++;
        wins[matching[0] as number] = true;
        if (matching.length > 1) {
          overlaps.push({
            cell,
            rules: matching,
            // Stryker disable next-line OptionalChaining,StringLiteral: index comes from valid.rules.forEach, so the rule always exists and the fallback is never used
            segments: matching.map((index) => valid.rules[index]?.segment ?? ''),
          });
        }
      }
  const shadowedRules: number[] = [];
  wins.forEach((won, index) => {
    if (!won) shadowedRules.push(index);
  });
  return { cells: b * b * b, covered, overlaps, uncovered, shadowedRules };
}
