/**
 * Shared internals of the buy-'til-you-die models: reading and validating customer summaries, compressing identical
 * rows into weights, time-unit conversion, the fitting driver (log-parameter BFGS, several starts, standard errors),
 * and the option schemas common to every fit.
 * @module
 */
import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, type TimeUnit } from '../../core/dates.js';
import { CrmAnalyticsError, type CrmAnalyticsErrorCode, type ErrorPath } from '../../core/errors.js';
import { emptyInput, invalidValue, invalidWithReason } from '../../core/messages.js';
import { invertSymmetric, minimize } from '../../core/optimize.js';
import {
  expectNonNegative,
  expectNonNegativeInteger,
  inputReadError,
  parseWithSchema,
  readingInput,
  toRecordArray,
} from '../../core/validate.js';
import type { FrequencyRecencyT } from '../../data/types.js';

/** The time units a model can be fitted in (those of the customer summaries). */
export type BtydTimeUnit = TimeUnit;

/**
 * An elapsed time: a number in the model's own time unit, or an object with exactly one unit key,
 * e.g. `{ weeks: 39 }`, `{ months: 12 }`. Months and years are mean Gregorian (30.436875 and 365.2425 days).
 */
export type BtydDuration = number | { days: number } | { weeks: number } | { months: number } | { years: number };

/**
 * Customer summaries as the models take them: an array (or iterable) of `{ frequency, recency, T }` records whose
 * times are in the model's unit, or a `CustomerSummaryTable`-like `{ customers, timeUnit }`, whose times are converted
 * to the model's unit exactly.
 */
export type BtydCustomers<T extends FrequencyRecencyT = FrequencyRecencyT> =
  | Iterable<T>
  | ArrayLike<T>
  | { readonly customers: Iterable<T> | ArrayLike<T>; readonly timeUnit: TimeUnit };

/** Options every fit accepts. */
export interface BtydFitOptions {
  /**
   * Unit of `recency` and `T` when the customers are a plain array (required then); a summary table carries its own
   * and this must then be absent or equal to it.
   */
  timeUnit?: BtydTimeUnit;
  /** L2 penalty λ·Σθ² added to the mean negative log-likelihood per customer (lifetimes' `penalizer_coef`); default 0. */
  penalizer?: number;
  /** Per-record weights (number of customers each record stands for), same length as the customers; default all 1. */
  weights?: ArrayLike<number>;
  /** Start values (in the parameters' natural scale); default: the model's built-in starts. */
  initialParams?: Record<string, number>;
  /** Maximum optimizer iterations per start (default 500). */
  maxIterations?: number;
  /** Throw `NOT_CONVERGED` instead of returning `converged: false` (default false). */
  strict?: boolean;
}

const timeUnitSchema = z.enum(['day', 'week', 'month', 'year']);

/** zod schema of {@link BtydFitOptions}. */
export const btydFitOptionsSchema: z.ZodType<BtydFitOptions> = z
  .object({
    timeUnit: timeUnitSchema.optional(),
    penalizer: z.number().min(0).finite().optional(),
    weights: z
      .custom<ArrayLike<number>>(
        (v) => v !== null && typeof v === 'object' && typeof (v as ArrayLike<number>).length === 'number',
        'expected an array of numbers',
      )
      .optional(),
    initialParams: z.record(z.string(), z.number().positive().finite()).optional(),
    maxIterations: z.number().int().positive().optional(),
    strict: z.boolean().optional(),
  })
  .strict() as z.ZodType<BtydFitOptions>;

/** Columns read from validated customer summaries, in the model's time unit. */
export interface SummaryColumns {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  count: number;
  /** The unit the input declared (table) or `undefined` for a plain array. */
  timeUnit: TimeUnit | undefined;
}

function isTable<T>(
  input: unknown,
): input is { readonly customers: Iterable<T> | ArrayLike<T>; readonly timeUnit: TimeUnit } {
  return (
    input !== null &&
    typeof input === 'object' &&
    !Array.isArray(input) &&
    Object.hasOwn(input, 'customers') &&
    Object.hasOwn(input, 'timeUnit')
  );
}

/**
 * Splits a {@link BtydCustomers} input into its records and declared unit (validating the unit).
 * @internal
 */
export function unpackCustomers<T>(
  input: unknown,
  name: string,
): { records: readonly T[]; timeUnit: TimeUnit | undefined } {
  try {
    if (isTable<T>(input)) {
      const unit = input.timeUnit;
      if (!timeUnitSchema.safeParse(unit).success)
        throw invalidValue([name, 'timeUnit'], "'day', 'week', 'month' or 'year'", unit);
      return { records: toRecordArray(input.customers, name), timeUnit: unit };
    }
    return { records: toRecordArray(input as Iterable<T>, name), timeUnit: undefined };
  } catch (cause) {
    throw inputReadError(cause, [name]);
  }
}

/**
 * The error naming the first fault of a summary record that readSummaryColumns' check refused (thrown by the field
 * checks, or returned for the two cross-field rules).
 */
function summaryRecordError(fx: unknown, fr: unknown, ft: unknown, path: ErrorPath): CrmAnalyticsError {
  expectNonNegativeInteger(fx, [...path, 'frequency']);
  const r = expectNonNegative(fr, [...path, 'recency']);
  const age = expectNonNegative(ft, [...path, 'T']);
  if (r > age) {
    return invalidWithReason([...path, 'recency'], `expected recency ≤ T (${age}), got ${r}`, 'INVALID_INPUT', r);
  }
  // What the check leaves: a positive recency with frequency 0.
  return invalidWithReason(
    [...path, 'recency'],
    `expected 0 when frequency is 0 (recency is the time of the last repeat purchase), got ${r}`,
    'INVALID_INPUT',
    r,
  );
}

/**
 * Validates customer summaries (`frequency` a whole number ≥ 0, `recency` and `T` finite ≥ 0, `recency ≤ T`,
 * `recency = 0` when `frequency = 0`) and reads them into columns, converting times by `scale` (input unit → model unit).
 * @internal
 */
export function readSummaryColumns(records: readonly unknown[], name: string, scale = 1): SummaryColumns {
  const n = records.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const record = records[i];
      if (record === null || typeof record !== 'object')
        throw invalidValue([name, i], 'a record with frequency, recency and T', record);
      // Each field is read once, as an ordinary property (getters and class instances work, as for accessors).
      const rec = record as { frequency?: unknown; recency?: unknown; T?: unknown };
      const fx = rec.frequency;
      const fr = rec.recency;
      const ft = rec.T;
      // One check without allocating error paths; only a refused record pays for naming its fault.
      if (
        !(
          typeof fx === 'number' &&
          typeof fr === 'number' &&
          typeof ft === 'number' &&
          Number.isInteger(fx) &&
          fx >= 0 &&
          fr >= 0 &&
          fr <= ft &&
          ft < Number.POSITIVE_INFINITY &&
          (fx > 0 || fr === 0)
        )
      ) {
        throw summaryRecordError(fx, fr, ft, [name, i]);
      }
      frequency[i] = fx;
      recency[i] = fr * scale;
      T[i] = ft * scale;
    }
  } catch (cause) {
    throw inputReadError(cause, [name, i]);
  }
  return { frequency, recency, T, count: n, timeUnit: undefined };
}

/** Ratio converting a time in `from` units into `to` units (exact calendar ratio). @internal */
export function unitRatio(from: TimeUnit, to: TimeUnit): number {
  return from === to ? 1 : DAYS_PER_TIME_UNIT[from] / DAYS_PER_TIME_UNIT[to];
}

/**
 * Reads customers for prediction with a model fitted in `modelUnit`: plain arrays are taken to be in the model's unit,
 * tables are converted.
 * @internal
 */
export function readCustomersForModel(input: unknown, modelUnit: TimeUnit, name = 'customers'): SummaryColumns {
  const { records, timeUnit } = unpackCustomers<unknown>(input, name);
  const cols = readSummaryColumns(records, name, timeUnit === undefined ? 1 : unitRatio(timeUnit, modelUnit));
  cols.timeUnit = timeUnit;
  return cols;
}

const DURATION_KEYS: ReadonlyArray<[string, TimeUnit]> = [
  ['days', 'day'],
  ['weeks', 'week'],
  ['months', 'month'],
  ['years', 'year'],
];

/**
 * Converts a {@link BtydDuration} into the model's unit; plain numbers are already in it. Errors carry `path` and
 * `code` (`INVALID_OPTION` for a duration given in the options).
 * @internal
 */
export function durationInUnit(
  duration: unknown,
  unit: TimeUnit,
  path: ErrorPath,
  code: CrmAnalyticsErrorCode = 'INVALID_INPUT',
): number {
  if (typeof duration === 'number') return expectNonNegative(duration, path, code);
  if (duration !== null && typeof duration === 'object') {
    const keys = Object.keys(duration);
    if (keys.length === 1) {
      for (const [key, from] of DURATION_KEYS) {
        if (keys[0] === key) {
          const given = readingInput([...path, key], () => (duration as Record<string, unknown>)[key], code);
          return expectNonNegative(given, [...path, key], code) * unitRatio(from, unit);
        }
      }
    }
  }
  throw invalidValue(path, 'a number ≥ 0 or one of { days }, { weeks }, { months }, { years }', duration, code);
}

/** Unique (frequency, recency, T) rows with summed weights. */
export interface CompressedRows {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  count: number;
  totalWeight: number;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function hashDouble(h: number, v: number): number {
  f64[0] = v === 0 ? 0 : v; // −0 and 0 hash alike
  h = Math.imul(h ^ (u32[0] as number), 0x9e3779b1);
  h = Math.imul(h ^ (u32[1] as number), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/**
 * Merges identical (frequency, recency, T) rows, adding their weights (rows with weight 0 are dropped).
 * Open-addressing hash on the three doubles: O(n), first-appearance order.
 * @internal
 */
export function compressRows(cols: SummaryColumns, weights: Float64Array | undefined): CompressedRows {
  const n = cols.count;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  let count = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    const x = cols.frequency[i] as number;
    const r = cols.recency[i] as number;
    const t = cols.T[i] as number;
    let slot = hashDouble(hashDouble(hashDouble(0x12345, x), r), t) & mask;
    for (;;) {
      const j = slots[slot] as number;
      if (j < 0) {
        slots[slot] = count;
        frequency[count] = x;
        recency[count] = r;
        T[count] = t;
        weight[count] = w;
        count++;
        break;
      }
      if (frequency[j] === x && recency[j] === r && T[j] === t) {
        weight[j] = (weight[j] as number) + w;
        break;
      }
      // Stryker disable next-line ArithmeticOperator: probing downwards (the mask wraps) finds the same rows, kept in first-appearance order
      slot = (slot + 1) & mask;
    }
    totalWeight += w;
  }
  return {
    frequency: frequency.slice(0, count),
    recency: recency.slice(0, count),
    T: T.slice(0, count),
    weight: weight.slice(0, count),
    count,
    totalWeight,
  };
}

/**
 * Validates `options.weights` against the number of records: finite numbers ≥ 0, not all zero.
 * @internal
 */
export function readWeights(weights: ArrayLike<number> | undefined, n: number): Float64Array | undefined {
  if (weights === undefined) return undefined;
  if (weights.length !== n) {
    throw invalidWithReason(
      ['options', 'weights'],
      `expected ${n} weights (one per customer record), got ${weights.length}`,
      'INVALID_OPTION',
    );
  }
  const out = new Float64Array(n);
  let any = false;
  let i = 0;
  try {
    for (; i < n; i++) {
      const w = weights[i];
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw invalidValue(['options', 'weights', i], 'a finite number ≥ 0', w, 'INVALID_OPTION');
      }
      out[i] = w;
      if (w > 0) any = true;
    }
  } catch (cause) {
    throw inputReadError(cause, ['options', 'weights', i], 'INVALID_OPTION');
  }
  if (!any) throw invalidWithReason(['options', 'weights'], 'expected at least one positive weight', 'INVALID_OPTION');
  return out;
}

/**
 * Largest frequency a fit accepts: the likelihoods tabulate ln Γ(s+x) − ln Γ(s) for x = 0 … max frequency by
 * cumulative sums (exact to rounding), which costs O(max frequency) per evaluation.
 * @internal
 */
export const MAX_FIT_FREQUENCY = 100_000;

/**
 * Reads and validates the training summaries of a fit: unit resolution, record checks, weights, compression.
 * @internal
 */
export function prepareFitRows(
  input: unknown,
  options: BtydFitOptions,
): { rows: CompressedRows; timeUnit: TimeUnit; recordCount: number } {
  const { records, timeUnit: declared } = unpackCustomers<unknown>(input, 'customers');
  if (declared !== undefined && options.timeUnit !== undefined && options.timeUnit !== declared) {
    throw invalidWithReason(
      ['options', 'timeUnit'],
      `the summaries are in ${declared}s; leave options.timeUnit out or set it to '${declared}', got '${options.timeUnit}'`,
      'INVALID_OPTION',
    );
  }
  const timeUnit = declared ?? options.timeUnit;
  if (timeUnit === undefined) {
    throw invalidWithReason(
      ['options', 'timeUnit'],
      "expected 'day', 'week', 'month' or 'year' when the customers are a plain array (the unit of recency and T; a summary table carries its own), got nothing",
      'INVALID_OPTION',
    );
  }
  if (records.length === 0) throw emptyInput('customers', 1, 'customer');
  const cols = readSummaryColumns(records, 'customers');
  // The likelihoods tabulate ln Γ(s+x) − ln Γ(s) for every x up to the largest frequency (see PochhammerTables).
  for (let i = 0; i < cols.count; i++) {
    const x = cols.frequency[i] as number;
    if (x > MAX_FIT_FREQUENCY) {
      throw invalidWithReason(
        ['customers', i, 'frequency'],
        `expected at most ${MAX_FIT_FREQUENCY} repeat purchases per customer for a fit, got ${x}`,
        'INVALID_INPUT',
        x,
      );
    }
  }
  const weights = readWeights(options.weights, cols.count);
  return { rows: compressRows(cols, weights), timeUnit, recordCount: records.length };
}

/** One parameter's estimate with its standard error and 95% interval. */
export interface BtydInterval {
  lower: number;
  upper: number;
}

/** What the fitting driver returns. */
export interface FitOutcome {
  params: Float64Array;
  objective: number;
  iterations: number;
  converged: boolean;
  reason: string;
  standardErrors: Float64Array | undefined;
  lower: Float64Array | undefined;
  upper: Float64Array | undefined;
}

/** A maximum-likelihood problem in log-parameter space. @internal */
export interface FitProblem {
  /** Names of the parameters (for messages). */
  names: readonly string[];
  /** Penalized mean negative log-likelihood at log-parameters φ. */
  objective: (phi: Float64Array) => number;
  /** Its gradient with respect to φ, if available analytically. */
  gradient?: (phi: Float64Array, out: Float64Array) => void;
  /** Start points in the natural scale (tried in order; the best optimum wins). */
  starts: ReadonlyArray<ReadonlyArray<number>>;
  /** Try every start even when an earlier one converged (for likelihoods with flat regions); default false. */
  allStarts?: boolean;
  /** Total weight (customers), which scales the mean objective back to a total for the Hessian. */
  totalWeight: number;
  maxIterations: number;
  /**
   * For large inputs: the same objective on a systematic subsample of the rows (see {@link subsampleRows}). The fit then
   * starts on the subsample and finishes on all rows from its optimum and inverse Hessian, which saves most of the
   * full-data evaluations; the result is the full-data optimum all the same.
   */
  warmStart?: { objective: (phi: Float64Array) => number; gradient: (phi: Float64Array, out: Float64Array) => void };
}

const Z95 = 1.959963984540054;

function gradientOf(problem: FitProblem): (phi: Float64Array, out: Float64Array) => void {
  if (problem.gradient !== undefined) return problem.gradient;
  const f = problem.objective;
  return (phi, out) => {
    const p = Float64Array.from(phi);
    for (let i = 0; i < p.length; i++) {
      const h = 6e-6 * Math.max(1, Math.abs(phi[i] as number));
      p[i] = (phi[i] as number) + h;
      const fp = f(p);
      p[i] = (phi[i] as number) - h;
      const fm = f(p);
      p[i] = phi[i] as number;
      out[i] = (fp - fm) / (2 * h);
    }
  };
}

/**
 * Runs the fit: BFGS from each start in log space (after a subsample warm start for large inputs), keeps the best, then
 * standard errors from the inverse Hessian of the total penalized negative log-likelihood in log parameters (forward
 * differences of the gradient), mapped by the
 * delta method: SE(θ) = θ·SE(ln θ); the 95% interval is θ·exp(±1.96·SE(ln θ)) (a Wald interval on the log scale,
 * which stays positive).
 * @internal
 */
export function runFit(problem: FitProblem): FitOutcome {
  const grad = gradientOf(problem);
  let best: { x: Float64Array; value: number; iterations: number; converged: boolean; reason: string } | undefined;
  let iterations = 0;
  const tolerances = { maxIterations: problem.maxIterations, gradientTolerance: 1e-9, functionTolerance: 1e-14 };
  const first = problem.starts[0];
  if (problem.warmStart !== undefined && first !== undefined) {
    const sub = minimize(
      problem.warmStart.objective,
      first.map((v) => Math.log(v)),
      { ...tolerances, gradient: problem.warmStart.gradient },
    );
    iterations += sub.iterations;
    if (Number.isFinite(sub.value)) {
      const full = minimize(problem.objective, sub.x, {
        ...tolerances,
        gradient: grad,
        ...(sub.inverseHessian === undefined ? {} : { initialInverseHessian: sub.inverseHessian }),
      });
      iterations += full.iterations;
      best = full;
    }
  }
  if (best === undefined || !best.converged || problem.allStarts === true) {
    for (const start of problem.starts) {
      const phi0 = start.map((v) => Math.log(v));
      const result = minimize(problem.objective, phi0, { ...tolerances, gradient: grad });
      iterations += result.iterations;
      if (
        best === undefined ||
        result.value < best.value - 1e-12 ||
        (!best.converged && result.converged && result.value <= best.value + 1e-9)
      ) {
        best = result;
      }
      if (best.converged && problem.allStarts !== true) break;
    }
  }
  if (best === undefined || !Number.isFinite(best.value)) {
    return {
      params: new Float64Array(problem.names.length).fill(Number.NaN),
      objective: Number.POSITIVE_INFINITY,
      iterations,
      converged: false,
      reason: 'the likelihood could not be evaluated at any start point',
      standardErrors: undefined,
      lower: undefined,
      upper: undefined,
    };
  }
  const n = problem.names.length;
  const phi = best.x;
  const params = phi.map((v) => Math.exp(v));
  // Hessian of the total objective in φ by forward differences of the gradient (n extra gradients), symmetrized.
  const H = new Float64Array(n * n);
  const g0 = new Float64Array(n);
  const gp = new Float64Array(n);
  const p = Float64Array.from(phi);
  grad(p, g0);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(phi[j] as number));
    p[j] = (phi[j] as number) + h;
    grad(p, gp);
    p[j] = phi[j] as number;
    for (let i = 0; i < n; i++) H[i * n + j] = (((gp[i] as number) - (g0[i] as number)) / h) * problem.totalWeight;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((H[i * n + j] as number) + (H[j * n + i] as number));
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  const cov = invertSymmetric(H, n);
  let standardErrors: Float64Array | undefined;
  let lower: Float64Array | undefined;
  let upper: Float64Array | undefined;
  if (cov !== undefined) {
    standardErrors = new Float64Array(n);
    lower = new Float64Array(n);
    upper = new Float64Array(n);
    let finite = true;
    for (let i = 0; i < n; i++) {
      const seLog = Math.sqrt(cov[i * n + i] as number);
      const theta = params[i] as number;
      standardErrors[i] = theta * seLog;
      lower[i] = theta * Math.exp(-Z95 * seLog);
      upper[i] = theta * Math.exp(Z95 * seLog);
      finite &&= Number.isFinite(standardErrors[i]) && Number.isFinite(lower[i]) && Number.isFinite(upper[i]);
    }
    // A (near-)singular Hessian at a boundary optimum gives no usable errors: report them as unavailable (null)
    // rather than as Infinity, which JSON cannot carry and `loadModel` would refuse.
    if (!finite) {
      standardErrors = undefined;
      lower = undefined;
      upper = undefined;
    }
  }
  return {
    params,
    objective: best.value,
    iterations,
    converged: best.converged,
    reason: best.reason,
    standardErrors,
    lower,
    upper,
  };
}

/**
 * Throws `NOT_CONVERGED` in strict mode when the optimizer did not meet its tolerance.
 * @internal
 */
export function checkConvergence(model: string, outcome: FitOutcome, strict: boolean | undefined): void {
  if (!outcome.params.every((v) => Number.isFinite(v) && v > 0)) {
    throw new CrmAnalyticsError(
      'NOT_CONVERGED',
      `${model}: the maximum-likelihood fit found no valid parameters (${outcome.reason}); try initialParams, a penalizer or more data`,
    );
  }
  if (strict === true && !outcome.converged) {
    throw new CrmAnalyticsError(
      'NOT_CONVERGED',
      `${model}: the maximum-likelihood fit did not converge (${outcome.reason}); try initialParams, a penalizer or more data`,
    );
  }
}

/** Builds a named record from parallel arrays. @internal */
export function named<K extends string>(names: readonly K[], values: ArrayLike<number>): Record<K, number> {
  const out = {} as Record<K, number>;
  names.forEach((k, i) => {
    out[k] = values[i] as number;
  });
  return out;
}

/** Builds the named intervals record, or null. @internal */
export function namedIntervals<K extends string>(
  names: readonly K[],
  lower: ArrayLike<number> | undefined,
  upper: ArrayLike<number> | undefined,
): Record<K, BtydInterval> | null {
  if (lower === undefined || upper === undefined) return null;
  const out = {} as Record<K, BtydInterval>;
  names.forEach((k, i) => {
    out[k] = { lower: lower[i] as number, upper: upper[i] as number };
  });
  return out;
}

/** Validates a model parameter record: every name present, finite and > 0. @internal */
export function readPositiveParams<K extends string>(
  params: unknown,
  names: readonly K[],
  name: string,
): Record<K, number> {
  try {
    if (params === null || typeof params !== 'object') throw invalidValue([name], 'an object of parameters', params);
    const out = {} as Record<K, number>;
    for (const k of names) {
      const v = (params as Record<string, unknown>)[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
        throw invalidValue([name, k], 'a finite number > 0', v);
      out[k] = v;
    }
    return out;
  } catch (cause) {
    throw inputReadError(cause, [name]);
  }
}

/** Fit statistics common to every fitted model. */
export interface BtydFitSummary {
  /** Maximized log-likelihood (unpenalized, total over customers, weights applied). */
  logLikelihood: number;
  /** Whether the optimizer met its tolerance. */
  converged: boolean;
  /** Optimizer iterations (all starts). */
  iterations: number;
  /** Why the optimizer stopped. */
  reason: string;
  /** The L2 penalizer used. */
  penalizer: number;
  /** Number of customers (sum of weights). */
  customerCount: number;
}

/**
 * ln Γ(s+x) − ln Γ(s) = Σ_{k<x} ln(s+k) and ψ(s+x) − ψ(s) = Σ_{k<x} 1/(s+k) for x = 0 … maxX, by cumulative sums
 * (integer x only): far cheaper than a gamma function per customer, and exact to rounding.
 * Several tables (slots) share one object so that repeated evaluations reuse the buffers.
 * @internal
 */
export class PochhammerTables {
  private readonly maxX: number;
  private readonly slots: Array<{ log: Float64Array; inv: Float64Array }> = [];
  constructor(maxX: number) {
    this.maxX = maxX;
  }
  /** Fills slot `slot` for shape `s` and returns it. */
  fill(slot: number, s: number): { log: Float64Array; inv: Float64Array } {
    let t = this.slots[slot];
    if (t === undefined) {
      t = { log: new Float64Array(this.maxX + 1), inv: new Float64Array(this.maxX + 1) };
      this.slots[slot] = t;
    }
    const { log, inv } = t;
    let l = 0;
    let v = 0;
    log[0] = 0;
    inv[0] = 0;
    for (let x = 1; x <= this.maxX; x++) {
      const sk = s + x - 1;
      l += Math.log(sk);
      v += 1 / sk;
      log[x] = l;
      inv[x] = v;
    }
    return t;
  }
}

/**
 * The distinct values of a column and, per row, the index of its value (first-appearance order).
 * @internal
 */
export function distinctValues(column: Float64Array): { values: Float64Array; index: Int32Array } {
  const map = new Map<number, number>();
  const index = new Int32Array(column.length);
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    let j = map.get(v);
    if (j === undefined) {
      j = values.length;
      map.set(v, j);
      values.push(v);
    }
    index[i] = j;
  }
  return { values: Float64Array.from(values), index };
}

/**
 * What the CLV and other cross-model code needs from a purchase-count model: E[Y(t) | x, tₓ, T] factors as
 * P(alive | x, tₓ, T) · G(t; x, T), where G (the expectation given alive) does not depend on tₓ.
 * @internal
 */
export interface TransactionKernel {
  probabilityAlive(frequency: Float64Array, recency: Float64Array, T: Float64Array): Float64Array;
  expectedIfAlive(t: number, x: number, T: number): number;
}

/** A fitted purchase-count model usable by `customerLifetimeValue` (BG/NBD, MBG/NBD, Pareto/NBD). */
export interface BtydTransactionModel {
  /** Unit of the model's times. */
  readonly timeUnit: TimeUnit;
  /** Kernel used by `customerLifetimeValue` (internal). */
  transactionKernel(): TransactionKernel;
}

/**
 * A deterministic systematic subsample of compressed rows for warm starts, or `undefined` when there are at most
 * 2·`target` rows: rows whose weight is at least the sampling step k are kept whole; of the others every k-th is kept
 * with its weight multiplied by k (so weighted sums stay unbiased).
 * @internal
 */
export function subsampleRows(rows: CompressedRows, target = 20_000): CompressedRows | undefined {
  if (rows.count <= 2 * target) return undefined;
  const k = Math.ceil(rows.count / target);
  const keep: number[] = [];
  const weights: number[] = [];
  let light = 0;
  for (let i = 0; i < rows.count; i++) {
    const w = rows.weight[i] as number;
    if (w >= k) {
      keep.push(i);
      weights.push(w);
    } else {
      if (light % k === 0) {
        keep.push(i);
        weights.push(w * k);
      }
      light++;
    }
  }
  const m = keep.length;
  const out: CompressedRows = {
    frequency: new Float64Array(m),
    recency: new Float64Array(m),
    T: new Float64Array(m),
    weight: Float64Array.from(weights),
    count: m,
    totalWeight: 0,
  };
  let total = 0;
  for (let j = 0; j < m; j++) {
    const i = keep[j] as number;
    out.frequency[j] = rows.frequency[i] as number;
    out.recency[j] = rows.recency[i] as number;
    out.T[j] = rows.T[i] as number;
    total += weights[j] as number;
  }
  out.totalWeight = total;
  return out;
}

/**
 * The `warmStart` entry of a {@link FitProblem} for rows that are worth subsampling (spread into the problem).
 * @internal
 */
export function warmStartFor(
  rows: CompressedRows,
  build: (sub: CompressedRows) => {
    objective: (phi: Float64Array) => number;
    gradient: (phi: Float64Array, out: Float64Array) => void;
  },
): {
  warmStart?: { objective: (phi: Float64Array) => number; gradient: (phi: Float64Array, out: Float64Array) => void };
} {
  const sub = subsampleRows(rows);
  if (sub === undefined) return {};
  const { objective, gradient } = build(sub);
  return { warmStart: { objective, gradient } };
}

const finiteSchema = z.number().finite();

/** zod schema of {@link BtydFitSummary}. @internal */
export const fitSummarySchema: z.ZodType<BtydFitSummary> = z
  .object({
    logLikelihood: finiteSchema,
    converged: z.boolean(),
    iterations: z.number().int().min(0).finite(),
    reason: z.string(),
    penalizer: z.number().min(0).finite(),
    customerCount: z.number().min(0).finite(),
  })
  .strict();

/** The validated parts of a model state other than the parameters. @internal */
export interface ModelStateExtras<K extends string> {
  timeUnit: TimeUnit;
  fit: BtydFitSummary | null;
  standardErrors: Record<K, number> | null;
  confidenceIntervals: Record<K, BtydInterval> | null;
  extra: Record<string, unknown>;
}

/**
 * Validates the state a model is built from: an object, its parameters (finite > 0, named `params.<name>`), the time
 * unit (when the model has one) and the optional fit statistics, standard errors (finite ≥ 0) and intervals (finite),
 * so that a model never carries a NaN or an unknown unit into its predictions or its JSON form.
 * @internal
 */
export function readModelState<K extends string>(
  state: unknown,
  names: readonly K[],
  withUnit: boolean,
  extraShape: Record<string, z.ZodType> = {},
): { params: Record<K, number> } & ModelStateExtras<K> {
  try {
    if (state === null || typeof state !== 'object') {
      throw invalidValue(['state'], 'an object with params (and timeUnit)', state);
    }
    const params = readPositiveParams((state as { params?: unknown }).params, names, 'params');
    const perName = <T extends z.ZodType>(schema: T) =>
      z.object(Object.fromEntries(names.map((k) => [k, schema])) as Record<K, T>).strict();
    const schema = z.object({
      ...(withUnit ? { timeUnit: timeUnitSchema } : {}),
      fit: fitSummarySchema.nullable().optional(),
      standardErrors: perName(z.number().min(0).finite()).nullable().optional(),
      confidenceIntervals: perName(z.object({ lower: finiteSchema, upper: finiteSchema }).strict())
        .nullable()
        .optional(),
      ...extraShape,
    });
    const data = parseWithSchema(schema, state, []) as Record<string, unknown>;
    return {
      params,
      timeUnit: (data.timeUnit ?? 'week') as TimeUnit,
      fit: (data.fit ?? null) as BtydFitSummary | null,
      standardErrors: (data.standardErrors ?? null) as Record<K, number> | null,
      confidenceIntervals: (data.confidenceIntervals ?? null) as Record<K, BtydInterval> | null,
      extra: data,
    };
  } catch (cause) {
    throw inputReadError(cause, ['state']);
  }
}

/**
 * Reads the `at` of {@link ProbabilityAliveOptions}-like options (absent options: 0).
 * @internal
 */
export function readAtOption(options: unknown, unit: TimeUnit): number {
  if (options === undefined) return 0;
  if (options === null || typeof options !== 'object') {
    throw invalidValue(['options'], 'an object such as { at: 4 }', options, 'INVALID_OPTION');
  }
  const at = readingInput(['options', 'at'], () => (options as { at?: unknown }).at, 'INVALID_OPTION');
  return at === undefined ? 0 : durationInUnit(at, unit, ['options', 'at'], 'INVALID_OPTION');
}

/**
 * Reads the continuous discount rate δ per model unit of the DERT options `{ discountRate: { rate, per } }`:
 * δ = ln(1 + rate) per `per`, converted to `unit`.
 * @internal
 */
export function readDertDiscount(options: unknown, unit: TimeUnit): number {
  const rate = readingInput(
    ['options', 'discountRate'],
    () =>
      options !== null && typeof options === 'object'
        ? (options as { discountRate?: unknown }).discountRate
        : undefined,
    'INVALID_OPTION',
  );
  const value = readingInput(
    ['options', 'discountRate', 'rate'],
    () => (rate !== null && typeof rate === 'object' ? (rate as { rate?: unknown }).rate : undefined),
    'INVALID_OPTION',
  );
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new CrmAnalyticsError(
      'INVALID_OPTION',
      'options.discountRate.rate: expected a finite number > 0 (DERT diverges without discounting)',
      { path: ['options', 'discountRate', 'rate'], received: value },
    );
  }
  const per = readingInput(['options', 'discountRate', 'per'], () => (rate as { per?: unknown }).per, 'INVALID_OPTION');
  if (!timeUnitSchema.safeParse(per).success) {
    throw invalidValue(['options', 'discountRate', 'per'], "'day', 'week', 'month' or 'year'", per, 'INVALID_OPTION');
  }
  const delta = Math.log1p(value) / unitRatio(per as TimeUnit, unit);
  if (!(delta > 0)) {
    throw invalidWithReason(
      ['options', 'discountRate', 'rate'],
      `expected a rate whose continuous equivalent per ${unit} is > 0, got ${value} per ${String(per)}`,
      'INVALID_OPTION',
      value,
    );
  }
  return delta;
}

/**
 * Checks a model's results before they are returned: each must be finite, ≥ 0 and at most `upper(i)` (a bound that
 * holds mathematically, e.g. 1 for a probability or E[λ]·t for an expected count). Excursions of rounding size
 * (1e-9 relative) are clamped; anything else means the special functions lost all precision at these parameters, and
 * is reported as `DOMAIN_ERROR` instead of a wrong number.
 * @internal
 */
export function checkResults(
  out: Float64Array,
  method: string,
  upper: (i: number) => number,
  name = 'customers',
): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const v = out[i] as number;
    const hi = upper(i);
    const slack = 1e-9 * Math.max(1, Number.isFinite(hi) ? hi : 1);
    if (Number.isFinite(v) && v >= 0 && v <= hi) continue;
    if (v < 0 && v >= -slack) {
      out[i] = 0;
      continue;
    }
    if (Number.isFinite(hi) && v > hi && v <= hi + slack) {
      out[i] = hi;
      continue;
    }
    throw new CrmAnalyticsError(
      'DOMAIN_ERROR',
      `${method}: ${out.length === 1 && name === '' ? 'the result' : `the result for ${name}[${i}]`} cannot be computed accurately at these parameters (got ${v}, expected a finite number in [0, ${hi}]); the model's special functions lose all precision this far out`,
      { path: name === '' ? [] : [name, i], received: v },
    );
  }
  return out;
}

/** {@link checkResults} for one number. @internal */
export function checkResult(value: number, method: string, upper: number): number {
  return checkResults(Float64Array.of(value), method, () => upper, '')[0] as number;
}
