import * as z from 'zod';
import { emptyInput, invalidValue } from '../core/messages.js';
import { CompensatedAccumulator } from '../core/numeric.js';
import {
  type Accessor,
  accessorSchema,
  parseOptions,
  readField,
  recordAt,
  toAccessorFunction,
  toRecordArray,
} from '../core/validate.js';

/** The four quadrants of an importance–performance grid (Martilla & James 1977). */
export type ImportancePerformanceQuadrant =
  | 'Concentrate here'
  | 'Keep up the good work'
  | 'Low priority'
  | 'Possible overkill';

/** One attribute as {@link importancePerformance} reads it by default. */
export interface ImportancePerformanceAttribute {
  /** Attribute name. */
  attribute: string;
  /** Mean importance rating. */
  importance: number;
  /** Mean performance rating. */
  performance: number;
}

/** Options of {@link importancePerformance}. */
export interface ImportancePerformanceOptions<T> {
  /**
   * Where the grid is split: `'mean'` (default) or `'median'` of the attributes' performance and importance, or
   * a fixed point `[performance, importance]` (x, y on the grid; e.g. the scale midpoints `[3, 3]` on 1–5).
   */
  crosshair?: 'mean' | 'median' | readonly [number, number];
  /** The attribute name: field name or accessor returning a string. Default `'attribute'`. */
  attribute?: Accessor<T, string>;
  /** The importance: field name or accessor. Default `'importance'`. */
  importance?: Accessor<T, number>;
  /** The performance: field name or accessor. Default `'performance'`. */
  performance?: Accessor<T, number>;
}

/** One attribute's placement in an {@link ImportancePerformanceResult}. */
export interface ImportancePerformancePoint {
  /** Attribute name. */
  readonly attribute: string;
  /** Position of the attribute in the input. */
  readonly index: number;
  /** Importance (y). */
  readonly importance: number;
  /** Performance (x). */
  readonly performance: number;
  /** The quadrant. */
  readonly quadrant: ImportancePerformanceQuadrant;
}

/** Result of {@link importancePerformance}. */
export interface ImportancePerformanceResult {
  /** The crosshair used. */
  readonly crosshair: { readonly performance: number; readonly importance: number };
  /** Every attribute with its quadrant, in input order. */
  readonly attributes: readonly ImportancePerformancePoint[];
}

/** Zod schema of {@link ImportancePerformanceOptions}. */
export const importancePerformanceOptionsSchema: z.ZodType<{
  crosshair: 'mean' | 'median' | readonly [number, number];
  attribute: Accessor<unknown, unknown>;
  importance: Accessor<unknown, unknown>;
  performance: Accessor<unknown, unknown>;
}> = z
  .object({
    crosshair: z
      .union([z.literal('mean'), z.literal('median'), z.tuple([z.number().finite(), z.number().finite()])])
      .default('mean'),
    attribute: accessorSchema<Accessor<unknown, unknown>>().default('attribute'),
    importance: accessorSchema<Accessor<unknown, unknown>>().default('importance'),
    performance: accessorSchema<Accessor<unknown, unknown>>().default('performance'),
  })
  .strict();

/**
 * Importance–performance analysis (IPA): places each attribute on a grid of performance (x) against importance
 * (y), split at a crosshair, and names its quadrant:
 * - high importance, low performance → `'Concentrate here'`;
 * - high importance, high performance → `'Keep up the good work'`;
 * - low importance, low performance → `'Low priority'`;
 * - low importance, high performance → `'Possible overkill'`.
 *
 * Ties: a value exactly on the crosshair counts as high (≥), so an attribute on the lines goes to the quadrant
 * above and to the right of them. The median of an even number of attributes is the mean of the two middle ones.
 *
 * @param attributes - one record per attribute (array or iterable)
 * @param options - see {@link ImportancePerformanceOptions}
 * @returns the crosshair and each attribute's quadrant
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `attributes[i].importance` (or `.performance`,
 *   `.attribute`) for a non-finite value or a name that is not a string; `EMPTY_INPUT` for no attributes;
 *   `INVALID_OPTION` for bad options.
 *
 * Reference: Martilla & James (1977), "Importance-performance analysis", J. Marketing 41(1), 77–79,
 * doi:10.1177/002224297704100112.
 *
 * @example
 * import { importancePerformance } from 'crm-analytics/satisfaction';
 * const grid = importancePerformance([
 *   { attribute: 'price', importance: 4.6, performance: 3.1 },
 *   { attribute: 'speed', importance: 4.4, performance: 4.5 },
 *   { attribute: 'décor', importance: 2.1, performance: 4.2 },
 *   { attribute: 'parking', importance: 2.5, performance: 2.8 },
 * ]);
 * grid.crosshair; // => { performance: 3.65, importance: 3.4 }
 * grid.attributes.map((a) => a.quadrant); // => ['Concentrate here', 'Keep up the good work', 'Possible overkill', 'Low priority']
 * importancePerformance([{ attribute: 'x', importance: 3, performance: 3 }], { crosshair: [3, 3] }).attributes[0].quadrant; // => 'Keep up the good work'
 * importancePerformance([]); // throws EMPTY_INPUT
 */
export function importancePerformance<T = ImportancePerformanceAttribute>(
  attributes: Iterable<T> | ArrayLike<T>,
  options?: ImportancePerformanceOptions<T>,
): ImportancePerformanceResult {
  const opts = parseOptions(importancePerformanceOptionsSchema, options);
  const records = toRecordArray(attributes, 'attributes');
  const n = records.length;
  if (n === 0) throw emptyInput('attributes', 1, 'attribute');
  const readName = toAccessorFunction(opts.attribute as Accessor<T, unknown>);
  const readImportance = toAccessorFunction(opts.importance as Accessor<T, unknown>);
  const readPerformance = toAccessorFunction(opts.performance as Accessor<T, unknown>);
  const nameLabel = typeof opts.attribute === 'string' ? opts.attribute : 'attribute';
  const importanceLabel = typeof opts.importance === 'string' ? opts.importance : 'importance';
  const performanceLabel = typeof opts.performance === 'string' ? opts.performance : 'performance';
  // Stryker disable next-line ArrayDeclaration: every index 0…n−1 is assigned below, so the initial length is unobservable
  const names: string[] = new Array<string>(n);
  const importance = new Float64Array(n);
  const performance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const record = recordAt(records, i, 'attributes') as T;
    const name = readField(readName, record, i, ['attributes', i, nameLabel]);
    if (typeof name !== 'string') throw invalidValue(['attributes', i, nameLabel], 'a string', name);
    const y = readField(readImportance, record, i, ['attributes', i, importanceLabel]);
    if (typeof y !== 'number' || !Number.isFinite(y))
      throw invalidValue(['attributes', i, importanceLabel], 'a finite number', y);
    const x = readField(readPerformance, record, i, ['attributes', i, performanceLabel]);
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw invalidValue(['attributes', i, performanceLabel], 'a finite number', x);
    names[i] = name;
    importance[i] = y;
    performance[i] = x;
  }
  let cx: number;
  let cy: number;
  if (opts.crosshair === 'mean') {
    cx = meanOf(performance);
    cy = meanOf(importance);
  } else if (opts.crosshair === 'median') {
    cx = medianOf(performance);
    cy = medianOf(importance);
  } else {
    [cx, cy] = opts.crosshair;
  }
  const points: ImportancePerformancePoint[] = [];
  for (let i = 0; i < n; i++) {
    const x = performance[i] as number;
    const y = importance[i] as number;
    points.push({
      attribute: names[i] as string,
      index: i,
      importance: y,
      performance: x,
      quadrant: ipaQuadrant(x, y, cx, cy),
    });
  }
  return { crosshair: { performance: cx, importance: cy }, attributes: points };
}

/** The quadrant of (performance x, importance y) for a crosshair (cx, cy); on the line counts as high. */
function ipaQuadrant(x: number, y: number, cx: number, cy: number): ImportancePerformanceQuadrant {
  const highImportance = y >= cy;
  const highPerformance = x >= cx;
  if (highImportance) return highPerformance ? 'Keep up the good work' : 'Concentrate here';
  return highPerformance ? 'Possible overkill' : 'Low priority';
}

function meanOf(values: Float64Array): number {
  const sum = new CompensatedAccumulator();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    sum.add(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Rounding in sum/n can land outside [min, max] (3 × 0.1 / 3 = 0.10000000000000002); clamping keeps the mean of
  // equal values equal to them, so such attributes sit on the line (and count as high), as documented.
  const mean = sum.value / values.length;
  return mean < min ? min : mean > max ? max : mean;
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : 0.5 * ((sorted[mid - 1] as number) + (sorted[mid] as number));
}
