/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999).
 * @module
 */

import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import * as z from 'zod';
import { CrmAnalyticsError } from '../../core/errors.js';
import { emptyInput, invalidValue } from '../../core/messages.js';
import { expectNonNegativeInteger, inputReadError, parseOptions, toRecordArray } from '../../core/validate.js';
import {
  type BtydFitOptions,
  type BtydFitSummary,
  type BtydInterval,
  btydFitOptionsSchema,
  checkConvergence,
  checkResults,
  named,
  namedIntervals,
  readModelState,
  readWeights,
  runFit,
} from './shared.js';

/** Gamma-Gamma parameters: spend per transaction ~ Gamma(p, ν), with ν ~ Gamma(q, γ) across customers. */
export interface GammaGammaParams {
  /** Shape of each transaction's spend. */
  p: number;
  /** Shape of the distribution of the customers' scale ν. */
  q: number;
  /** Rate of the distribution of ν (in money units; lifetimes calls it `v`). */
  gamma: number;
}

const NAMES = ['p', 'q', 'gamma'] as const;

/** A customer as the Gamma-Gamma model reads it. */
export interface FrequencyMonetary {
  /** Number of repeat transactions (whole number); customers with 0 are not used to fit. */
  frequency: number;
  /** Mean spend of those transactions (money per transaction, > 0 when frequency > 0). */
  monetaryValue: number;
}

/** The spend–frequency independence check the model relies on. */
export interface SpendFrequencyCheck {
  /** Pearson correlation between frequency and mean spend among the repeat buyers (weighted). */
  correlation: number;
  /** Number of repeat buyers it was computed on (sum of weights). */
  customers: number;
  /** Plain-language reading: |ρ| < 0.3 is conventionally taken as weak enough to use the model. */
  independent: boolean;
}

/** Everything that defines a Gamma-Gamma model. */
export interface GammaGammaModelState {
  params: GammaGammaParams;
  fit?: BtydFitSummary | null;
  standardErrors?: GammaGammaParams | null;
  confidenceIntervals?: Record<keyof GammaGammaParams, BtydInterval> | null;
  spendFrequencyCheck?: SpendFrequencyCheck | null;
}

/** The JSON form of a {@link GammaGammaModel}. */
export interface SerializedGammaGammaModel extends GammaGammaModelState {
  model: 'gamma-gamma';
  version: 1;
  fit: BtydFitSummary | null;
  standardErrors: GammaGammaParams | null;
  confidenceIntervals: Record<keyof GammaGammaParams, BtydInterval> | null;
  spendFrequencyCheck: SpendFrequencyCheck | null;
}

/** A fitted (or given) Gamma-Gamma spend model. */
export class GammaGammaModel {
  /** Model kind. */
  readonly model: 'gamma-gamma' = 'gamma-gamma';
  /** The parameters. */
  readonly params: Readonly<GammaGammaParams>;
  /** Fit statistics, or `null` for a model built from given parameters. */
  readonly fit: BtydFitSummary | null;
  /** Maximized log-likelihood (`null` when not fitted). */
  readonly logLikelihood: number | null;
  /** Whether the fit converged (`null` when not fitted). */
  readonly converged: boolean | null;
  /** Optimizer iterations (0 when not fitted). */
  readonly iterations: number;
  /** L2 penalizer of the fit. */
  readonly penalizer: number;
  /** Standard errors, or `null`. */
  readonly standardErrors: Readonly<GammaGammaParams> | null;
  /** 95% intervals θ·exp(±1.96·SE(ln θ)), or `null`. */
  readonly confidenceIntervals: Readonly<Record<keyof GammaGammaParams, BtydInterval>> | null;
  /** Correlation check of the independence assumption (computed when fitted). */
  readonly spendFrequencyCheck: SpendFrequencyCheck | null;

  /**
   * Builds a model from its parameters, e.g. published estimates.
   *
   * @param state - parameters and optional fit statistics
   * @throws {CrmAnalyticsError} `INVALID_INPUT` if a parameter is not a finite number > 0 or the optional fit
   *   statistics are not finite
   * @example
   * import { GammaGammaModel } from 'crm-analytics/clv';
   * new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } }).params.q; // => 3.74
   */
  constructor(state: GammaGammaModelState) {
    const valid = readModelState(state, NAMES, false, { spendFrequencyCheck: spendFrequencyCheckSchema });
    this.params = Object.freeze(valid.params);
    this.fit = valid.fit;
    this.logLikelihood = this.fit?.logLikelihood ?? null;
    this.converged = this.fit?.converged ?? null;
    this.iterations = this.fit?.iterations ?? 0;
    this.penalizer = this.fit?.penalizer ?? 0;
    this.standardErrors = valid.standardErrors;
    this.confidenceIntervals = valid.confidenceIntervals;
    this.spendFrequencyCheck = (valid.extra.spendFrequencyCheck ?? null) as SpendFrequencyCheck | null;
  }

  /**
   * Expected mean spend per transaction of each customer given their history (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie note 025):
   * E[Z | x, m̄] = (1 − w)·pγ/(q − 1) + w·m̄ with w = px/(px + q − 1); for x = 0 the population mean pγ/(q − 1).
   *
   * @param customers - records with `frequency` and `monetaryValue`
   * @returns money per transaction, in input order
   * @throws {CrmAnalyticsError} `DIVERGENT` when q ≤ 1 (the population mean spend is infinite); `INVALID_INPUT` for a bad record
   * @example
   * import { GammaGammaModel } from 'crm-analytics/clv';
   * const model = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } });
   * model.conditionalExpectedSpend([{ frequency: 0, monetaryValue: 0 }])[0]; // => 35.22
   * model.conditionalExpectedSpend([{ frequency: 2, monetaryValue: 22.35 }])[0]; // => 24.66
   */
  conditionalExpectedSpend(customers: Iterable<FrequencyMonetary> | ArrayLike<FrequencyMonetary>): Float64Array {
    const { q } = this.params;
    if (q <= 1) {
      throw new CrmAnalyticsError(
        'DIVERGENT',
        `params.q: expected q > 1 for a finite mean spend, got ${q} (the population mean pγ/(q − 1) is infinite)`,
      );
    }
    const { frequency, monetary } = readSpendColumns(toRecordArray(customers, 'customers'), 'customers');
    const { p, gamma } = this.params;
    const populationMean = (p * gamma) / (q - 1);
    // A weighted mean of the population mean and the customer's own mean spend: bounded by the larger of the two.
    return checkResults(this.spendFromColumns(frequency, monetary), 'GammaGammaModel.conditionalExpectedSpend', (i) =>
      Math.max(populationMean, monetary[i] as number),
    );
  }

  /**
   * The expected spend from validated columns (used by `customerLifetimeValue`).
   * @internal
   */
  spendFromColumns(frequency: Float64Array, monetary: Float64Array): Float64Array {
    const { p, q, gamma } = this.params;
    const out = new Float64Array(frequency.length);
    const populationMean = (p * gamma) / (q - 1);
    for (let i = 0; i < out.length; i++) {
      const x = frequency[i] as number;
      if (x === 0) {
        out[i] = populationMean;
        continue;
      }
      const w = (p * x) / (p * x + q - 1);
      out[i] = (1 - w) * populationMean + w * (monetary[i] as number);
    }
    return out;
  }

  /**
   * The JSON form; `loadModel` reads it back.
   * @returns the JSON form
   * @example
   * import { GammaGammaModel } from 'crm-analytics/clv';
   * new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 } }).toJSON().model; // => 'gamma-gamma'
   */
  toJSON(): SerializedGammaGammaModel {
    return {
      model: 'gamma-gamma',
      version: 1,
      params: { ...this.params },
      fit: this.fit === null ? null : { ...this.fit },
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      confidenceIntervals:
        this.confidenceIntervals === null
          ? null
          : {
              p: { ...this.confidenceIntervals.p },
              q: { ...this.confidenceIntervals.q },
              gamma: { ...this.confidenceIntervals.gamma },
            },
      spendFrequencyCheck: this.spendFrequencyCheck === null ? null : { ...this.spendFrequencyCheck },
    };
  }
}

function readSpendColumns(
  records: readonly unknown[],
  name: string,
): { frequency: Float64Array; monetary: Float64Array } {
  const n = records.length;
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const record = records[i];
      if (record === null || typeof record !== 'object') {
        throw invalidValue([name, i], 'a record with frequency and monetaryValue', record);
      }
      // Each field is read once, as an ordinary property (getters and class instances work, as for accessors).
      const fx = (record as { frequency?: unknown }).frequency;
      const m = (record as { monetaryValue?: unknown }).monetaryValue;
      // Fast path without allocating error paths.
      if (
        typeof fx === 'number' &&
        Number.isInteger(fx) &&
        fx >= 0 &&
        typeof m === 'number' &&
        Number.isFinite(m) &&
        (fx === 0 || m > 0)
      ) {
        frequency[i] = fx;
        monetary[i] = m;
        continue;
      }
      const x = expectNonNegativeInteger(fx, [name, i, 'frequency']);
      if (x > 0) {
        if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0) {
          throw invalidValue([name, i, 'monetaryValue'], 'a finite number > 0 (mean spend of the repeat purchases)', m);
        }
      } else if (m !== undefined && (typeof m !== 'number' || !Number.isFinite(m))) {
        throw invalidValue([name, i, 'monetaryValue'], 'a finite number', m);
      }
      frequency[i] = x;
      monetary[i] = typeof m === 'number' ? m : 0;
    }
  } catch (cause) {
    throw inputReadError(cause, [name, i]);
  }
  return { frequency, monetary };
}

const spendFrequencyCheckSchema = z
  .object({ correlation: z.number().min(-1).max(1), customers: z.number().min(0).finite(), independent: z.boolean() })
  .strict()
  .nullable()
  .optional();

/** Options of {@link fitGammaGamma} (`timeUnit` does not apply). */
export type GammaGammaFitOptions = Omit<BtydFitOptions, 'timeUnit'>;

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the customers with at least one repeat purchase
 * (records with frequency 0 are skipped, as the model requires).
 *
 * Per customer with x transactions of mean spend m̄ (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie note 025):
 * ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
 * BFGS in log parameters with the analytic gradient; gamma-function terms are computed once per distinct x.
 * The model assumes spend per transaction is independent of the number of transactions: the result carries the
 * Pearson correlation between frequency and m̄ among repeat buyers (`spendFrequencyCheck`).
 *
 * @param customers - records with `frequency` and `monetaryValue` (mean spend per repeat transaction)
 * @param options - penalizer, weights, start values, strict mode
 * @returns the fitted {@link GammaGammaModel}
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming a bad record; `EMPTY_INPUT` with no repeat buyer; `NOT_CONVERGED` in strict mode
 * @see Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis", Journal of
 *   Marketing Research 42(4):415–430, doi:10.1509/jmkr.2005.42.4.415; Hardie, "The Gamma-Gamma model of monetary
 *   value" (2013), http://brucehardie.com/notes/025/
 * @example
 * import { fitGammaGamma } from 'crm-analytics/clv';
 * const model = fitGammaGamma([
 *   { frequency: 2, monetaryValue: 22.35 }, { frequency: 1, monetaryValue: 11.77 }, { frequency: 5, monetaryValue: 47.5 },
 *   { frequency: 3, monetaryValue: 26.1 }, { frequency: 1, monetaryValue: 19.9 }, { frequency: 4, monetaryValue: 15.2 },
 * ]);
 * model.params.p > 0; // => true
 * fitGammaGamma([{ frequency: 0, monetaryValue: 0 }]); // throws EMPTY_INPUT
 */
export function fitGammaGamma(
  customers: Iterable<FrequencyMonetary> | ArrayLike<FrequencyMonetary>,
  options: GammaGammaFitOptions = {},
): GammaGammaModel {
  const opts = parseOptions(btydFitOptionsSchema, options);
  const records = toRecordArray(customers, 'customers');
  const { frequency, monetary } = readSpendColumns(records, 'customers');
  const allWeights = readWeights(opts.weights, records.length);
  // Keep the repeat buyers.
  let m = 0;
  for (let i = 0; i < frequency.length; i++) if ((frequency[i] as number) > 0 && (allWeights?.[i] ?? 1) > 0) m++;
  if (m === 0) throw emptyInput('customers', 1, 'customer with frequency > 0');
  const xs = new Float64Array(m);
  const lnM = new Float64Array(m);
  const ms = new Float64Array(m);
  const ws = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < frequency.length; i++) {
    const w = allWeights?.[i] ?? 1;
    if ((frequency[i] as number) > 0 && w > 0) {
      xs[k] = frequency[i] as number;
      ms[k] = monetary[i] as number;
      lnM[k] = Math.log(monetary[i] as number);
      ws[k] = w;
      k++;
    }
  }
  const penalizer = opts.penalizer ?? 0;
  const { objective, gradient, logLikelihood } = gammaGammaObjective(xs, ms, lnM, ws, penalizer);
  let W = 0;
  for (let i = 0; i < m; i++) W += ws[i] as number;
  const init = opts.initialParams;
  const starts: number[][] = [];
  if (init !== undefined) starts.push(NAMES.map((name, i) => init[name] ?? ([1, 1, 1][i] as number)));
  starts.push([1, 1, 1], [5, 3, 10], [0.5, 5, 50]);
  const outcome = runFit({
    names: NAMES,
    objective,
    gradient,
    starts,
    totalWeight: W,
    maxIterations: opts.maxIterations ?? 500,
  });
  checkConvergence('fitGammaGamma', outcome, opts.strict);
  const params = named(NAMES, outcome.params);
  return new GammaGammaModel({
    params,
    fit: {
      logLikelihood: logLikelihood(params),
      converged: outcome.converged,
      iterations: outcome.iterations,
      reason: outcome.reason,
      penalizer,
      customerCount: W,
    },
    standardErrors: outcome.standardErrors === undefined ? null : named(NAMES, outcome.standardErrors),
    confidenceIntervals: namedIntervals(NAMES, outcome.lower, outcome.upper),
    spendFrequencyCheck: correlationCheck(xs, ms, ws, W),
  });
}

function correlationCheck(xs: Float64Array, ms: Float64Array, ws: Float64Array, W: number): SpendFrequencyCheck {
  let mx = 0;
  let mm = 0;
  for (let i = 0; i < xs.length; i++) {
    mx += (ws[i] as number) * (xs[i] as number);
    mm += (ws[i] as number) * (ms[i] as number);
  }
  mx /= W;
  mm /= W;
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dm = (ms[i] as number) - mm;
    const w = ws[i] as number;
    sxx += w * dx * dx;
    smm += w * dm * dm;
    sxm += w * dx * dm;
  }
  const correlation = sxx > 0 && smm > 0 ? sxm / Math.sqrt(sxx * smm) : 0;
  return { correlation, customers: W, independent: Math.abs(correlation) < 0.3 };
}

/** Precomputed data and scratch buffers of the objective (module-level so the hot loop keeps its optimized code). */
interface GammaGammaObjectiveState {
  n: number;
  xs: Float64Array;
  ms: Float64Array;
  ws: Float64Array;
  W: number;
  G: number;
  groupX: number[];
  groupW: number[];
  groupOf: Int32Array;
  sumWXLnM: number;
  sumWLnM: number;
  sumWXLnX: number;
  lastGradient: Float64Array;
}

function gammaGammaEvaluate(st: GammaGammaObjectiveState, p: number, q: number, gamma: number): number {
  const { n, xs, ms, ws, W, G, groupX, groupW, groupOf, sumWXLnM, sumWLnM, sumWXLnX, lastGradient } = st;
  const lnGamma = Math.log(gamma);
  let sum = -W * gammaln(q) + W * q * lnGamma + p * sumWXLnM - sumWLnM + p * sumWXLnX;
  let gp = sumWXLnM + sumWXLnX;
  let gq = -W * digamma(q) + W * lnGamma;
  let gg = (W * q) / gamma;
  for (let g = 0; g < G; g++) {
    const x = groupX[g] as number;
    const w = groupW[g] as number;
    sum += w * (gammaln(p * x + q) - gammaln(p * x));
    const psiSum = digamma(p * x + q);
    gp += w * x * (psiSum - digamma(p * x));
    gq += w * psiSum;
  }
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const w = ws[i] as number;
    const denom = gamma + x * (ms[i] as number);
    const lnD = Math.log(denom);
    const shape = p * x + q;
    sum -= w * shape * lnD;
    gp -= w * x * lnD;
    gq -= w * lnD;
    gg -= (w * shape) / denom;
  }
  void groupOf;
  lastGradient[0] = gp;
  lastGradient[1] = gq;
  lastGradient[2] = gg;
  return sum;
}

/** Gamma-Gamma objective and gradient in log parameters. @internal */
export function gammaGammaObjective(
  xs: Float64Array,
  ms: Float64Array,
  lnM: Float64Array,
  ws: Float64Array,
  penalizer: number,
): {
  objective: (phi: Float64Array) => number;
  gradient: (phi: Float64Array, out: Float64Array) => void;
  logLikelihood: (params: GammaGammaParams) => number;
} {
  const n = xs.length;
  // Distinct frequencies carry the gamma-function terms.
  const groupIndex = new Map<number, number>();
  const groupOf = new Int32Array(n);
  const groupX: number[] = [];
  const groupW: number[] = [];
  let W = 0;
  let sumWXLnM = 0;
  let sumWLnM = 0;
  let sumWXLnX = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const w = ws[i] as number;
    let g = groupIndex.get(x);
    if (g === undefined) {
      g = groupX.length;
      groupIndex.set(x, g);
      groupX.push(x);
      groupW.push(0);
    }
    groupOf[i] = g;
    groupW[g] = (groupW[g] as number) + w;
    W += w;
    sumWXLnM += w * x * (lnM[i] as number);
    sumWLnM += w * (lnM[i] as number);
    sumWXLnX += w * x * Math.log(x);
  }
  const G = groupX.length;
  const lastPhi = new Float64Array(3).fill(Number.NaN);
  let lastValue = 0;
  const lastGradient = new Float64Array(3);

  const st: GammaGammaObjectiveState = {
    n,
    xs,
    ms,
    ws,
    W,
    G,
    groupX,
    groupW,
    groupOf,
    sumWXLnM,
    sumWLnM,
    sumWXLnX,
    lastGradient,
  };
  const ensure = (phi: Float64Array): boolean => {
    if (phi[0] === lastPhi[0] && phi[1] === lastPhi[1] && phi[2] === lastPhi[2]) return true;
    const p = Math.exp(phi[0] as number);
    const q = Math.exp(phi[1] as number);
    const g = Math.exp(phi[2] as number);
    if (!(p > 0 && q > 0 && g > 0 && Number.isFinite(p + q + g))) return false;
    // The evaluation rewrites the cached value and gradient: the cache holds no point until it has succeeded.
    lastPhi.fill(Number.NaN);
    lastValue = gammaGammaEvaluate(st, p, q, g);
    if (!Number.isFinite(lastValue)) return false;
    lastPhi.set(phi);
    return true;
  };
  const objective = (phi: Float64Array): number => {
    if (!ensure(phi)) return Number.POSITIVE_INFINITY;
    let pen = 0;
    for (let j = 0; j < 3; j++) pen += Math.exp(2 * (phi[j] as number));
    return -lastValue / W + penalizer * pen;
  };
  const gradient = (phi: Float64Array, out: Float64Array): void => {
    if (!ensure(phi)) {
      out.fill(0);
      return;
    }
    for (let j = 0; j < 3; j++) {
      const th = Math.exp(phi[j] as number);
      out[j] = (-(lastGradient[j] as number) / W + 2 * penalizer * th) * th;
    }
  };
  const logLikelihood = (params: GammaGammaParams): number => {
    lastPhi.fill(Number.NaN);
    return gammaGammaEvaluate(st, params.p, params.q, params.gamma);
  };
  return { objective, gradient, logLikelihood };
}
