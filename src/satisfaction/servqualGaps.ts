import * as z from 'zod';
import { emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import { inputReadError, parseOptions, toRecordArray } from '../core/validate.js';
import { ratingScaleSchema } from './validation.js';

/**
 * The SERVQUAL dimensions of Parasuraman, Zeithaml & Berry (1988) as item numbers (1-based, in questionnaire
 * order) of the 22-item instrument: tangibles 1–4, reliability 5–9, responsiveness 10–13, assurance 14–17,
 * empathy 18–22.
 */
export const SERVQUAL_DIMENSIONS: Readonly<Record<string, readonly number[]>> = Object.freeze({
  tangibles: Object.freeze([1, 2, 3, 4]),
  reliability: Object.freeze([5, 6, 7, 8, 9]),
  responsiveness: Object.freeze([10, 11, 12, 13]),
  assurance: Object.freeze([14, 15, 16, 17]),
  empathy: Object.freeze([18, 19, 20, 21, 22]),
});

/** Options of {@link servqualGaps}. */
export interface ServqualGapsOptions {
  /** The answer scale `[min, max]`. Default `[1, 7]` (the SERVQUAL scale). */
  scale?: readonly [number, number];
  /**
   * Dimension name → its item numbers (1-based). Default {@link SERVQUAL_DIMENSIONS}, which needs 22 items;
   * required for any other questionnaire length.
   */
  dimensions?: Readonly<Record<string, readonly number[]>>;
  /**
   * Dimension name → importance weight (non-negative, at least one positive; normalized to sum 1), e.g. the
   * 100 points respondents allocate in SERVQUAL's weighting question. Every dimension needs a weight.
   * Default: equal weights (the unweighted SERVQUAL score).
   */
  weights?: Readonly<Record<string, number>>;
}

/** One item's gap in a {@link ServqualGapsResult}. */
export interface ServqualItemGap {
  /** Item number, 1-based. */
  readonly item: number;
  /** Mean expectation. */
  readonly expectation: number;
  /** Mean perception. */
  readonly perception: number;
  /** perception − expectation (negative: service falls short of expectations). */
  readonly gap: number;
}

/** One dimension's gap in a {@link ServqualGapsResult}. */
export interface ServqualDimensionGap {
  /** Dimension name. */
  readonly dimension: string;
  /** Its item numbers. */
  readonly items: readonly number[];
  /** Mean of the item expectations. */
  readonly expectation: number;
  /** Mean of the item perceptions. */
  readonly perception: number;
  /** Mean of the item gaps (perception − expectation). */
  readonly gap: number;
  /** Normalized weight of the dimension. */
  readonly weight: number;
}

/** Result of {@link servqualGaps}. */
export interface ServqualGapsResult {
  /** Per-item gaps, item 1 first. */
  readonly items: readonly ServqualItemGap[];
  /** Per-dimension gaps, in the order of the dimension mapping. */
  readonly dimensions: readonly ServqualDimensionGap[];
  /** Weighted overall gap Σ w_d·gap_d (equal weights: the unweighted SERVQUAL score). */
  readonly overallGap: number;
}

/** Zod schema of {@link ServqualGapsOptions}. */
export const servqualGapsOptionsSchema: z.ZodType<{
  scale: readonly [number, number];
  dimensions?: Readonly<Record<string, readonly number[]>> | undefined;
  weights?: Readonly<Record<string, number>> | undefined;
}> = z
  .object({
    scale: ratingScaleSchema.default([1, 7]),
    dimensions: z.record(z.string(), z.array(z.number().int().positive()).min(1)).optional(),
    weights: z.record(z.string(), z.number().finite().nonnegative()).optional(),
  })
  .strict();

/**
 * SERVQUAL gap analysis: for each item the gap between mean perception and mean expectation (P − E), the mean
 * gap per service-quality dimension (tangibles, reliability, responsiveness, assurance, empathy by default), and
 * the weighted overall gap Σ w_d·gap_d.
 *
 * Expectations and perceptions are matrices: one row per respondent, one column per item. They may come from
 * different numbers of respondents (each item's means are taken separately); with the same respondents the item
 * gap equals the mean of the respondents' P − E. A dimension's gap is the mean of its items' gaps.
 *
 * @param expectations - rows of expectation answers (respondent × item)
 * @param perceptions - rows of perception answers, same number of items
 * @param options - see {@link ServqualGapsOptions}
 * @returns item, dimension and overall gaps
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `perceptions[i][k]` (or `expectations…`) for an answer off
 *   the scale, or a row of the wrong length; `EMPTY_INPUT` for no rows; `INVALID_OPTION` for a dimension with an
 *   item number beyond the questionnaire, missing dimensions for a non-22-item questionnaire, or weights that do
 *   not match the dimensions.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1988), "SERVQUAL: a multiple-item scale for measuring consumer
 * perceptions of service quality", J. Retailing 64(1), 12–40.
 *
 * @example
 * import { servqualGaps } from 'crm-analytics/satisfaction';
 * const E = [[6, 7, 6], [7, 7, 5]];
 * const P = [[5, 6, 6], [5, 7, 6]];
 * const r = servqualGaps(E, P, { dimensions: { tangibles: [1], reliability: [2, 3] } });
 * r.items.map((i) => i.gap); // => [-1.5, -0.5, 0.5]
 * r.dimensions[1]; // => { dimension: 'reliability', gap: 0 }
 * r.overallGap; // => -0.75
 * servqualGaps([[8, 7, 6]], P, { dimensions: { all: [1, 2, 3] } }); // throws INVALID_INPUT
 */
export function servqualGaps(
  expectations: Iterable<ArrayLike<number>> | ArrayLike<ArrayLike<number>>,
  perceptions: Iterable<ArrayLike<number>> | ArrayLike<ArrayLike<number>>,
  options?: ServqualGapsOptions,
): ServqualGapsResult {
  const opts = parseOptions(servqualGapsOptionsSchema, options);
  const expectationMeans = itemMeans(expectations, 'expectations', opts.scale, undefined);
  const perceptionMeans = itemMeans(perceptions, 'perceptions', opts.scale, expectationMeans.length);
  const K = expectationMeans.length;
  const dimensions = opts.dimensions ?? SERVQUAL_DIMENSIONS;
  if (opts.dimensions === undefined && K !== 22) {
    throw invalidWithReason(
      ['options', 'dimensions'],
      `required: the default SERVQUAL mapping has 22 items, the answers have ${K}`,
      'INVALID_OPTION',
    );
  }
  const names = Object.keys(dimensions);
  if (names.length === 0) {
    throw invalidWithReason(['options', 'dimensions'], 'expected at least one dimension', 'INVALID_OPTION');
  }
  for (const name of names) {
    const list = dimensions[name] as readonly number[];
    for (let j = 0; j < list.length; j++) {
      const item = list[j] as number;
      if (item > K) {
        throw invalidValue(['options', 'dimensions', name, j], `an item number from 1 to ${K}`, item, 'INVALID_OPTION');
      }
    }
  }
  const weights = dimensionWeights(opts.weights, names);

  const items: ServqualItemGap[] = [];
  for (let k = 0; k < K; k++) {
    const expectation = expectationMeans[k] as number;
    const perception = perceptionMeans[k] as number;
    items.push({ item: k + 1, expectation, perception, gap: perception - expectation });
  }
  const overall = new CompensatedAccumulator();
  const dimensionGaps: ServqualDimensionGap[] = [];
  for (let d = 0; d < names.length; d++) {
    const name = names[d] as string;
    const list = dimensions[name] as readonly number[];
    const e = new CompensatedAccumulator();
    const p = new CompensatedAccumulator();
    const g = new CompensatedAccumulator();
    for (const item of list) {
      const row = items[item - 1] as ServqualItemGap;
      e.add(row.expectation);
      p.add(row.perception);
      g.add(row.gap);
    }
    const gap = g.value / list.length;
    const weight = weights[d] as number;
    overall.add(weight * gap);
    dimensionGaps.push({
      dimension: name,
      items: [...list],
      expectation: e.value / list.length,
      perception: p.value / list.length,
      gap,
      weight,
    });
  }
  return { items, dimensions: dimensionGaps, overallGap: overall.value };
}

function itemMeans(
  rows: Iterable<ArrayLike<number>> | ArrayLike<ArrayLike<number>>,
  name: string,
  scale: readonly [number, number],
  expectedItems: number | undefined,
): number[] {
  const list = toRecordArray(rows, name);
  if (list.length === 0) throw emptyInput(name, 1, 'row');
  const [min, max] = scale;
  let K = expectedItems;
  let sums: CompensatedAccumulator[] = [];
  let i = 0;
  try {
    for (; i < list.length; i++) {
      const row: unknown = list[i];
      if (row === null || typeof row !== 'object' || typeof (row as ArrayLike<number>).length !== 'number') {
        throw invalidValue([name, i], 'an array of answers, one per item', row);
      }
      const answers = row as ArrayLike<unknown>;
      if (K === undefined) K = answers.length;
      if (K === 0) throw emptyInput(`${name}[0]`, 1, 'item');
      if (answers.length !== K) {
        throw invalidWithReason([name, i], `expected ${K} answers (one per item), got ${answers.length}`);
      }
      if (sums.length === 0) sums = Array.from({ length: K }, () => new CompensatedAccumulator());
      for (let k = 0; k < K; k++) {
        const v = answers[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
          throw invalidValue([name, i, k], `a number from ${min} to ${max}`, v);
        }
        (sums[k] as CompensatedAccumulator).add(v);
      }
    }
  } catch (cause) {
    throw inputReadError(cause, [name, i]);
  }
  return sums.map((s) => s.value / list.length);
}

function dimensionWeights(weights: Readonly<Record<string, number>> | undefined, names: readonly string[]): number[] {
  if (weights === undefined) return names.map(() => 1 / names.length);
  for (const key of Object.keys(weights)) {
    if (!names.includes(key)) {
      throw invalidWithReason(['options', 'weights', key], 'not one of the dimensions', 'INVALID_OPTION');
    }
  }
  let total = 0;
  const raw = names.map((name) => {
    const w = weights[name];
    if (w === undefined) {
      throw invalidWithReason(['options', 'weights', name], 'expected a weight for every dimension', 'INVALID_OPTION');
    }
    total += w;
    return w;
  });
  if (!(total > 0)) {
    throw invalidWithReason(['options', 'weights'], 'expected at least one positive weight', 'INVALID_OPTION');
  }
  return raw.map((w) => w / total);
}
