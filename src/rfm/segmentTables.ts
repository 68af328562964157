/**
 * Segment tables: named rules over RFM scores, the zod schema that validates custom tables, and the two built-in
 * tables (R `rfm`'s ten segments on 5 bins, PyMC-Marketing's five segments on quartiles), with a suggested action per
 * segment kept as data.
 * @module
 */
import * as z from 'zod';
import { invalidValue, invalidWithReason } from '../core/messages.js';
import { parseWithSchema } from '../core/validate.js';
import { RFM_MAX_BINS, RFM_MIN_BINS } from './binScores.js';

/** An inclusive range of scores `[min, max]`, e.g. `[3, 5]`. */
export type RfmScoreRange = readonly [min: number, max: number];

/**
 * One rule of a segment table. A customer matches when every constraint given holds: each score range
 * (inclusive; a dimension left out matches any score) and, when `cells` is given, the customer's cell is one of them.
 * At least one constraint is required.
 */
export interface RfmSegmentRule {
  /** The segment assigned when the rule matches (several rules may name the same segment). */
  readonly segment: string;
  /** Allowed recency scores (higher = more recent). */
  readonly recency?: RfmScoreRange;
  /** Allowed frequency scores. */
  readonly frequency?: RfmScoreRange;
  /** Allowed monetary scores. */
  readonly monetary?: RfmScoreRange;
  /** Allowed cells, written as {@link rfmScores} writes them: `'345'` (or `'10-3-4'` when the table has 10 bins). */
  readonly cells?: readonly string[];
}

/**
 * A segment table: rules checked in order (the first match wins), for scores on `bins` bins in every dimension.
 * Customers no rule matches get `fallback`.
 */
export interface RfmSegmentTable {
  /** A short name for reports, e.g. `'r-rfm'`. */
  readonly name: string;
  /** The number of bins per dimension the rules are written for (2–10); scores on another scale are rejected. */
  readonly bins: number;
  /** The rules, in priority order. */
  readonly rules: readonly RfmSegmentRule[];
  /** Segment of customers no rule matches. Default `'Others'`. */
  readonly fallback?: string;
  /** A one-line suggested action per segment name (the fallback included), shown by {@link rfmSegmentReport}. */
  readonly actions?: Readonly<Record<string, string>>;
  /** Where the table comes from (citation). */
  readonly source?: string;
}

/** The segment of customers that no rule matches, unless a table names another fallback. */
export const RFM_FALLBACK_SEGMENT = 'Others';

const scoreRangeSchema = z
  .tuple([z.number().int().min(1).max(RFM_MAX_BINS), z.number().int().min(1).max(RFM_MAX_BINS)])
  .refine((range) => range[0] <= range[1], 'expected a range [min, max] with min ≤ max');

const ruleSchema = z
  .strictObject({
    segment: z.string().min(1),
    recency: scoreRangeSchema.optional(),
    frequency: scoreRangeSchema.optional(),
    monetary: scoreRangeSchema.optional(),
    cells: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine(
    (rule) =>
      rule.recency !== undefined ||
      rule.frequency !== undefined ||
      rule.monetary !== undefined ||
      rule.cells !== undefined,
    'expected at least one of recency, frequency, monetary or cells',
  );

/**
 * zod schema of {@link RfmSegmentTable}. {@link rfmSegments} and {@link checkSegmentTable} also check that every
 * range and cell lies within the table's `bins`.
 *
 * @example
 * import { rfmSegmentTableSchema, RFM_DEFAULT_SEGMENT_TABLE } from 'crm-analytics/rfm';
 * rfmSegmentTableSchema.safeParse(RFM_DEFAULT_SEGMENT_TABLE).success; // => true
 * rfmSegmentTableSchema.safeParse({ name: 'x', bins: 5, rules: [{ segment: 'A' }] }).success; // => false
 */
export const rfmSegmentTableSchema: z.ZodType<RfmSegmentTable> = z.strictObject({
  name: z.string().min(1),
  bins: z.number().int().min(RFM_MIN_BINS).max(RFM_MAX_BINS),
  rules: z.array(ruleSchema).min(1),
  fallback: z.string().min(1).optional(),
  actions: z.record(z.string(), z.string()).optional(),
  source: z.string().optional(),
}) as unknown as z.ZodType<RfmSegmentTable>;

/**
 * Whether cells of a table (or scores) with these bins are written with dashes (`'10-3-4'`) rather than as three
 * digits (`'345'`): only when some dimension has 10 bins.
 * @internal
 */
export function cellUsesDashes(binsR: number, binsF: number, binsM: number): boolean {
  return binsR > 9 || binsF > 9 || binsM > 9;
}

/**
 * The cell label of three scores: `'345'`, or `'10-3-4'` when dashed.
 * @internal
 */
export function formatCell(r: number, f: number, m: number, dashed: boolean): string {
  return dashed ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}

/**
 * Validates a segment table (schema, then ranges and cells within its bins), as an `INVALID_OPTION` error naming
 * `table.rules[i]…`.
 * @internal
 */
export function validateSegmentTable(table: unknown, root = 'table'): RfmSegmentTable {
  const parsed = parseWithSchema(rfmSegmentTableSchema, table, [root], 'INVALID_OPTION');
  const bins = parsed.bins;
  const dashed = cellUsesDashes(bins, bins, bins);
  const valid = new Set<string>();
  for (let r = 1; r <= bins; r++)
    for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) valid.add(formatCell(r, f, m, dashed));
  parsed.rules.forEach((rule, i) => {
    for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
      const range = rule[dimension];
      if (range !== undefined && range[1] > bins) {
        throw invalidValue(
          [root, 'rules', i, dimension, 1],
          `a score ≤ ${bins} (the table's bins)`,
          range[1],
          'INVALID_OPTION',
        );
      }
    }
    rule.cells?.forEach((cell, j) => {
      if (!valid.has(cell)) {
        throw invalidWithReason(
          [root, 'rules', i, 'cells', j],
          `expected a cell of ${bins} bins written like ${JSON.stringify(formatCell(bins, 1, bins, dashed))}, got ${JSON.stringify(cell)}`,
          'INVALID_OPTION',
          cell,
        );
      }
    });
  });
  return parsed;
}

/**
 * Whether a rule matches scores r, f, m (with their cell label).
 * @internal
 */
export function ruleMatches(rule: RfmSegmentRule, r: number, f: number, m: number, cell: string): boolean {
  const { recency, frequency, monetary, cells } = rule;
  if (recency !== undefined && (r < recency[0] || r > recency[1])) return false;
  if (frequency !== undefined && (f < frequency[0] || f > frequency[1])) return false;
  if (monetary !== undefined && (m < monetary[0] || m > monetary[1])) return false;
  if (cells !== undefined && !cells.includes(cell)) return false;
  return true;
}

/** Freezes a constant and everything inside it (iteratively; only used on the built-in tables). */
function deepFreeze<T extends object>(value: T): T {
  const stack: object[] = [value];
  while (stack.length > 0) {
    const current = stack.pop() as object;
    Object.freeze(current);
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) stack.push(child);
    }
  }
  return value;
}

/**
 * The default segment table: the ten segments documented by R's `rfm` package for scores on 5 bins, in its order
 * (first match wins; unmatched customers are `'Others'`). Score ranges R / F / M:
 * Champions 5/5/5 · Potential Loyalist 3–5/3–5/2–5 · Loyal Customers 2–4/2–4/2–4 · Promising 3–4/1–3/3–5 ·
 * New Customers 4–5/1–3/1–5 · Can't Lose Them 1–2/3–4/4–5 · At Risk 1–2/2–5/4–5 · Need Attention 1–3/3–5/3–5 ·
 * About To Sleep 2–3/1–3/1–4 · Lost 1/1–5/1–5. The rules overlap by design (see {@link checkSegmentTable}); some
 * cells (e.g. `'251'`) match none. Each segment has a one-line suggested action in `actions` (our wording).
 *
 * Source: Hebbali, A. `rfm` R package, vignette "Introduction to RFM" and `rfm_segment()` example
 * (https://github.com/rsquaredacademy/rfm).
 *
 * @example
 * import { RFM_DEFAULT_SEGMENT_TABLE } from 'crm-analytics/rfm';
 * RFM_DEFAULT_SEGMENT_TABLE.bins; // => 5
 * RFM_DEFAULT_SEGMENT_TABLE.rules.length; // => 10
 * RFM_DEFAULT_SEGMENT_TABLE.rules[1]; // => { segment: 'Potential Loyalist', recency: [3, 5], frequency: [3, 5], monetary: [2, 5] }
 */
export const RFM_DEFAULT_SEGMENT_TABLE: RfmSegmentTable = deepFreeze({
  name: 'r-rfm',
  bins: 5,
  rules: [
    { segment: 'Champions', recency: [5, 5], frequency: [5, 5], monetary: [5, 5] },
    { segment: 'Potential Loyalist', recency: [3, 5], frequency: [3, 5], monetary: [2, 5] },
    { segment: 'Loyal Customers', recency: [2, 4], frequency: [2, 4], monetary: [2, 4] },
    { segment: 'Promising', recency: [3, 4], frequency: [1, 3], monetary: [3, 5] },
    { segment: 'New Customers', recency: [4, 5], frequency: [1, 3], monetary: [1, 5] },
    { segment: "Can't Lose Them", recency: [1, 2], frequency: [3, 4], monetary: [4, 5] },
    { segment: 'At Risk', recency: [1, 2], frequency: [2, 5], monetary: [4, 5] },
    { segment: 'Need Attention', recency: [1, 3], frequency: [3, 5], monetary: [3, 5] },
    { segment: 'About To Sleep', recency: [2, 3], frequency: [1, 3], monetary: [1, 4] },
    { segment: 'Lost', recency: [1, 1], frequency: [1, 5], monetary: [1, 5] },
  ],
  fallback: RFM_FALLBACK_SEGMENT,
  actions: {
    Champions: 'Retain: reward them, give early access, ask for reviews and referrals.',
    'Potential Loyalist': 'Grow loyalty: offer membership or a loyalty programme, recommend related products.',
    'Loyal Customers': 'Upsell: offer higher-value products and ask for reviews.',
    Promising: 'Build the relationship: onboarding content and trials to earn a second purchase.',
    'New Customers': 'Onboard: welcome series and support toward the first repeat purchase.',
    "Can't Lose Them": 'Win back personally: direct contact, renewals and a survey of what went wrong.',
    'At Risk': 'Reactivate: personalised offers and reminders before they lapse for good.',
    'Need Attention': 'Re-engage: limited-time offers based on their past purchases.',
    'About To Sleep': 'Revive: popular products and modest discounts to restart purchasing.',
    Lost: 'Low-cost win-back only, or stop spending marketing budget on them.',
    [RFM_FALLBACK_SEGMENT]: 'No rule matched: review these cells or extend the segment table.',
  },
  source: 'Hebbali, A., rfm R package (rsquaredacademy/rfm), vignette "Introduction to RFM", rfm_segment().',
});

/**
 * PyMC-Marketing's default segments for quartile scores (4 bins; score 4 is best in every dimension), as listed
 * cells: Premium Customer, Repeat Customer, Top Spender, At Risk Customer, Inactive Customer; the other 18 of the 64
 * cells fall to the fallback (PyMC-Marketing calls it `'Other'`; here `'Others'` like every table).
 *
 * Source: PyMC-Marketing, `pymc_marketing.clv.utils.rfm_segments` default `segment_config`
 * (https://github.com/pymc-labs/pymc-marketing).
 *
 * @example
 * import { RFM_QUARTILE_SEGMENT_TABLE } from 'crm-analytics/rfm';
 * RFM_QUARTILE_SEGMENT_TABLE.bins; // => 4
 * RFM_QUARTILE_SEGMENT_TABLE.rules.map((rule) => rule.cells?.length); // => [8, 7, 13, 11, 7]
 */
export const RFM_QUARTILE_SEGMENT_TABLE: RfmSegmentTable = deepFreeze({
  name: 'pymc-marketing-quartiles',
  bins: 4,
  rules: [
    { segment: 'Premium Customer', cells: ['334', '443', '444', '344', '434', '433', '343', '333'] },
    { segment: 'Repeat Customer', cells: ['244', '234', '232', '332', '143', '233', '243'] },
    {
      segment: 'Top Spender',
      cells: ['424', '414', '144', '314', '324', '124', '224', '423', '413', '133', '323', '313', '134'],
    },
    {
      segment: 'At Risk Customer',
      cells: ['422', '223', '212', '122', '222', '132', '322', '312', '412', '123', '214'],
    },
    { segment: 'Inactive Customer', cells: ['411', '111', '113', '114', '112', '211', '311'] },
  ],
  fallback: RFM_FALLBACK_SEGMENT,
  actions: {
    'Premium Customer': 'Retain: loyalty rewards and premium service.',
    'Repeat Customer': 'Upsell: raise spend per order with bundles and higher tiers.',
    'Top Spender': 'Raise frequency: reminders, replenishment and subscription offers.',
    'At Risk Customer': 'Win back: targeted reactivation offers.',
    'Inactive Customer': 'Low-cost reactivation only, or stop spending marketing budget on them.',
    [RFM_FALLBACK_SEGMENT]: 'No rule matched: review these cells or extend the segment table.',
  },
  source: 'PyMC-Marketing, pymc_marketing.clv.utils.rfm_segments, default segment_config.',
});
