import * as z from 'zod';
import { emptyInput, invalidValue } from '../core/messages.js';
import {
  type Accessor,
  accessorSchema,
  parseOptions,
  readField,
  recordAt,
  toAccessorFunction,
  toRecordArray,
} from '../core/validate.js';

/** Kano categories (Kano et al. 1984; names as in Berger et al. 1993). */
export type KanoCategory = 'Attractive' | 'One-dimensional' | 'Must-be' | 'Indifferent' | 'Reverse' | 'Questionable';

/**
 * A Kano answer: 1 = I like it, 2 = it must be that way, 3 = I am neutral, 4 = I can live with it,
 * 5 = I dislike it.
 */
export type KanoAnswer = 1 | 2 | 3 | 4 | 5;

/** One Kano questionnaire answer pair as {@link kano} reads it by default. */
export interface KanoResponse {
  /** The feature asked about. */
  feature: string;
  /** Answer to the functional question ("if the product has this feature, how do you feel?"), 1–5. */
  functional: number;
  /** Answer to the dysfunctional question ("if it does not have it, how do you feel?"), 1–5. */
  dysfunctional: number;
}

/** Options of {@link kano}. */
export interface KanoOptions<T> {
  /** The feature: field name or accessor returning a string. Default `'feature'`. */
  feature?: Accessor<T, string>;
  /** The functional answer (1–5): field name or accessor. Default `'functional'`. */
  functional?: Accessor<T, number>;
  /** The dysfunctional answer (1–5): field name or accessor. Default `'dysfunctional'`. */
  dysfunctional?: Accessor<T, number>;
}

/** Counts of answers per Kano category. */
export interface KanoCounts {
  /** A. */
  readonly attractive: number;
  /** O. */
  readonly oneDimensional: number;
  /** M. */
  readonly mustBe: number;
  /** I. */
  readonly indifferent: number;
  /** R. */
  readonly reverse: number;
  /** Q. */
  readonly questionable: number;
}

/** One feature's classification in the result of {@link kano}. */
export interface KanoFeatureResult {
  /** The feature. */
  readonly feature: string;
  /** The most frequent category (ties broken M > O > A > I > R > Q). */
  readonly category: KanoCategory;
  /** Number of answer pairs for the feature. */
  readonly n: number;
  /** Answers per category. */
  readonly counts: KanoCounts;
  /**
   * Berger et al. satisfaction coefficient CS+ = (A + O)/(A + O + M + I), from 0 to 1; `null` when
   * A + O + M + I = 0 (every answer Reverse or Questionable).
   */
  readonly satisfactionCoefficient: number | null;
  /**
   * Berger et al. dissatisfaction coefficient CS− = −(O + M)/(A + O + M + I), from −1 to 0; `null` when
   * A + O + M + I = 0.
   */
  readonly dissatisfactionCoefficient: number | null;
}

/** Zod schema of {@link KanoOptions}. */
export const kanoOptionsSchema: z.ZodType<{
  feature: Accessor<unknown, unknown>;
  functional: Accessor<unknown, unknown>;
  dysfunctional: Accessor<unknown, unknown>;
}> = z
  .object({
    feature: accessorSchema<Accessor<unknown, unknown>>().default('feature'),
    functional: accessorSchema<Accessor<unknown, unknown>>().default('functional'),
    dysfunctional: accessorSchema<Accessor<unknown, unknown>>().default('dysfunctional'),
  })
  .strict();

const A = 'Attractive';
const O = 'One-dimensional';
const M = 'Must-be';
const I = 'Indifferent';
const R = 'Reverse';
const Q = 'Questionable';

// The Kano evaluation table: rows = functional answer 1–5, columns = dysfunctional answer 1–5.
const EVALUATION_TABLE: readonly (readonly KanoCategory[])[] = [
  [Q, A, A, A, O],
  [R, I, I, I, M],
  [R, I, I, I, M],
  [R, I, I, I, M],
  [R, R, R, R, Q],
];

const CATEGORY_ORDER: readonly KanoCategory[] = [A, O, M, I, R, Q];
// The table flattened to slots of CATEGORY_ORDER, row-major (functional − 1)·5 + (dysfunctional − 1).
const EVALUATION_SLOTS: Int8Array = Int8Array.from(EVALUATION_TABLE.flat().map((c) => CATEGORY_ORDER.indexOf(c)));
// Tie-breaking order: the category with the most influence on satisfaction wins (Berger et al. 1993: M > O > A > I),
// then R > Q; as slots of CATEGORY_ORDER.
const TIE_ORDER_SLOTS: readonly number[] = ([M, O, A, I, R, Q] as const).map((c) => CATEGORY_ORDER.indexOf(c));

/**
 * The Kano category of one functional/dysfunctional answer pair, by the standard evaluation table (rows:
 * functional answer, columns: dysfunctional answer; 1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike):
 * ```
 *            dysf: 1  2  3  4  5
 * functional 1:    Q  A  A  A  O
 *            2–4:  R  I  I  I  M
 *            5:    R  R  R  R  Q
 * ```
 *
 * @param functional - answer to the functional question, a whole number 1–5
 * @param dysfunctional - answer to the dysfunctional question, a whole number 1–5
 * @returns the category
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `functional` or `dysfunctional` for anything but 1–5.
 *
 * Reference: Berger, Blauth, Boger, Bolster, Burchill, DuMouchel, Pouliot, Richter, Rubinoff, Shen, Timko &
 * Walden (1993), "Kano's methods for understanding customer-defined quality", Center for Quality of Management
 * Journal 2(4), 3–36; Kano, Seraku, Takahashi & Tsuji (1984), J. Japanese Society for Quality Control 14(2).
 *
 * @example
 * import { kanoCategory } from 'crm-analytics/satisfaction';
 * kanoCategory(1, 5); // => 'One-dimensional'
 * kanoCategory(3, 5); // => 'Must-be'
 * kanoCategory(1, 4); // => 'Attractive'
 * kanoCategory(0, 5); // throws INVALID_INPUT
 */
export function kanoCategory(functional: number, dysfunctional: number): KanoCategory {
  checkAnswer(functional, ['functional']);
  checkAnswer(dysfunctional, ['dysfunctional']);
  return lookup(functional, dysfunctional);
}

function checkAnswer(value: unknown, path: ReadonlyArray<string | number>): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
    throw invalidValue(path, 'a Kano answer, a whole number from 1 to 5', value);
  }
}

function lookup(functional: number, dysfunctional: number): KanoCategory {
  return (EVALUATION_TABLE[functional - 1] as readonly KanoCategory[])[dysfunctional - 1] as KanoCategory;
}

/**
 * Kano analysis of a questionnaire: classifies every answer pair with the Kano evaluation table (see
 * {@link kanoCategory}), counts the categories per feature, assigns each feature its most frequent category,
 * and computes the Berger et al. (1993) coefficients CS+ = (A + O)/(A + O + M + I) (how much satisfaction the
 * feature adds) and CS− = −(O + M)/(A + O + M + I) (how much dissatisfaction its absence causes).
 *
 * Ties for the most frequent category are broken by the rule M > O > A > I (Berger et al. 1993; also Matzler &
 * Hinterhuber 1998: when in doubt, pick the category with the greater impact on satisfaction), then R > Q.
 * Features are reported in order of first appearance.
 *
 * @param responses - answer pairs, one record per respondent and feature (array or iterable)
 * @param options - accessors; see {@link KanoOptions}
 * @returns one result per feature
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming `responses[i].functional` (or `.dysfunctional`,
 *   `.feature`) for an answer that is not a whole number 1–5 or a feature that is not a string;
 *   `EMPTY_INPUT` for no responses; `INVALID_OPTION` for bad options.
 *
 * References: Berger et al. (1993), Center for Quality of Management Journal 2(4), 3–36; Matzler & Hinterhuber
 * (1998), "How to make product development projects more successful by integrating Kano's model of customer
 * satisfaction into quality function deployment", Technovation 18(1), 25–38, doi:10.1016/S0166-4972(97)00072-2.
 *
 * @example
 * import { kano } from 'crm-analytics/satisfaction';
 * const answers = [
 *   { feature: 'wifi', functional: 1, dysfunctional: 5 },
 *   { feature: 'wifi', functional: 1, dysfunctional: 5 },
 *   { feature: 'wifi', functional: 3, dysfunctional: 5 },
 *   { feature: 'spa', functional: 1, dysfunctional: 3 },
 *   { feature: 'spa', functional: 3, dysfunctional: 3 },
 * ];
 * kano(answers)[0]; // => { feature: 'wifi', category: 'One-dimensional', satisfactionCoefficient: 0.6667, dissatisfactionCoefficient: -1 }
 * kano(answers)[1].category; // => 'Attractive'
 * kano([{ feature: 'spa', functional: 6, dysfunctional: 3 }]); // throws INVALID_INPUT
 */
export function kano<T = KanoResponse>(
  responses: Iterable<T> | ArrayLike<T>,
  options?: KanoOptions<T>,
): KanoFeatureResult[] {
  const opts = parseOptions(kanoOptionsSchema, options);
  const records = toRecordArray(responses, 'responses');
  if (records.length === 0) throw emptyInput('responses', 1, 'response');
  const readFeature = toAccessorFunction(opts.feature as Accessor<T, unknown>);
  const readFunctional = toAccessorFunction(opts.functional as Accessor<T, unknown>);
  const readDysfunctional = toAccessorFunction(opts.dysfunctional as Accessor<T, unknown>);
  const featureLabel = typeof opts.feature === 'string' ? opts.feature : 'feature';
  const functionalLabel = typeof opts.functional === 'string' ? opts.functional : 'functional';
  const dysfunctionalLabel = typeof opts.dysfunctional === 'string' ? opts.dysfunctional : 'dysfunctional';
  // Tallies per feature, indexed like CATEGORY_ORDER (A, O, M, I, R, Q).
  const tallies = new Map<string, Int32Array>();
  for (let i = 0; i < records.length; i++) {
    const record = recordAt(records, i, 'responses') as T;
    const feature = readField(readFeature, record, i, ['responses', i, featureLabel]);
    if (typeof feature !== 'string') throw invalidValue(['responses', i, featureLabel], 'a string', feature);
    const f = readField(readFunctional, record, i, ['responses', i, functionalLabel]);
    checkAnswer(f, ['responses', i, functionalLabel]);
    const d = readField(readDysfunctional, record, i, ['responses', i, dysfunctionalLabel]);
    checkAnswer(d, ['responses', i, dysfunctionalLabel]);
    let tally = tallies.get(feature);
    if (tally === undefined) {
      tally = new Int32Array(6);
      tallies.set(feature, tally);
    }
    const slot = EVALUATION_SLOTS[((f as number) - 1) * 5 + (d as number) - 1] as number;
    tally[slot] = (tally[slot] as number) + 1;
  }
  const results: KanoFeatureResult[] = [];
  for (const [feature, tally] of tallies) {
    const [a, o, m, ind, r, q] = tally as unknown as [number, number, number, number, number, number];
    let category: KanoCategory = M;
    let best = -1;
    for (const slot of TIE_ORDER_SLOTS) {
      const count = tally[slot] as number;
      if (count > best) {
        best = count;
        category = CATEGORY_ORDER[slot] as KanoCategory;
      }
    }
    const base = a + o + m + ind;
    results.push({
      feature,
      category,
      n: base + r + q,
      counts: { attractive: a, oneDimensional: o, mustBe: m, indifferent: ind, reverse: r, questionable: q },
      satisfactionCoefficient: base === 0 ? null : (a + o) / base,
      // 0 − x rather than −x so that no −0 is returned when O + M = 0.
      dissatisfactionCoefficient: base === 0 ? null : (0 - (o + m)) / base,
    });
  }
  return results;
}
