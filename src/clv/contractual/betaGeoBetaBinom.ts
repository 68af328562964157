/**
 * The beta-geometric/beta-binomial (BG/BB) model of discrete-time, non-contractual purchasing (Fader, Hardie &
 * Shang 2010): at each of a customer's transaction opportunities she buys with probability p while alive, and dies
 * at the start of each opportunity with probability θ; p ~ Beta(α, β) and θ ~ Beta(γ, δ) across customers.
 * @module
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import * as z from 'zod';
import { CrmAnalyticsError } from '../../core/errors.js';
import { emptyInput, formatPath, invalidValue, invalidWithReason } from '../../core/messages.js';
import { logAddExp } from '../../core/numeric.js';
import {
  type Accessor,
  accessorSchema,
  expectNonNegative,
  expectNonNegativeInteger,
  inputReadError,
  parseOptions,
  readField,
  readingInput,
  recordAt,
  toAccessorFunction,
  toRecordArray,
} from '../../core/validate.js';
import {
  type ContractualFitInfo,
  type ContractualFitOptions,
  fitPositiveParameters,
  hypergeometricOneSeries,
  logScaleIntervals,
  logSumByRatios,
  type PositiveInterval,
} from './shared.js';

/** Parameters of the BG/BB model: p ~ Beta(alpha, beta) (purchase), θ ~ Beta(gamma, delta) (dropout). */
export interface BetaGeoBetaBinomParams {
  /** Shape α > 0 of the Beta distribution of the purchase probability p. */
  alpha: number;
  /** Shape β > 0 of the Beta distribution of p. */
  beta: number;
  /** Shape γ > 0 of the Beta distribution of the dropout probability θ. */
  gamma: number;
  /** Shape δ > 0 of the Beta distribution of θ. */
  delta: number;
}

/**
 * One customer's discrete-time history: `periods` = n transaction opportunities after the first purchase,
 * `frequency` = x of them with a purchase, `recency` = t_x, the opportunity of the last purchase (0 when x = 0).
 */
export interface BetaGeoBetaBinomCustomer {
  /** x: opportunities with a purchase (whole number, 0 ≤ x ≤ t_x). */
  frequency: number;
  /** t_x: the opportunity of the last purchase (0 when x = 0; x ≤ t_x ≤ n). */
  recency: number;
  /** n: transaction opportunities observed after the first purchase. */
  periods: number;
}

/** A fitting row: a customer, or a pattern shared by `weights` customers. */
export interface BetaGeoBetaBinomRow extends BetaGeoBetaBinomCustomer {
  /** How many customers have this (frequency, recency, periods); default 1. */
  weights?: number;
}

/** Options of {@link fitBetaGeoBetaBinom}: optimizer settings plus where to read each field. */
export interface BetaGeoBetaBinomFitOptions<T = BetaGeoBetaBinomRow> extends ContractualFitOptions {
  /** Field name or `(row, i) => value` for x (default `'frequency'`). */
  frequency?: Accessor<T, number>;
  /** Field name or accessor for t_x (default `'recency'`). */
  recency?: Accessor<T, number>;
  /** Field name or accessor for n (default `'periods'`). */
  periods?: Accessor<T, number>;
  /** Field name or accessor for the row's count of customers (default `'weights'`; a missing field counts 1). */
  weights?: Accessor<T, number>;
}

const accessor = accessorSchema();

/** zod schema of {@link BetaGeoBetaBinomFitOptions}. */
export const betaGeoBetaBinomFitOptionsSchema: z.ZodType<BetaGeoBetaBinomFitOptions<never>> = z.strictObject({
  maxIterations: z.number().int().min(1).max(100_000).optional(),
  tolerance: z.number().positive().max(1).optional(),
  strict: z.boolean().optional(),
  frequency: accessor.optional(),
  recency: accessor.optional(),
  periods: accessor.optional(),
  weights: accessor.optional(),
}) as unknown as z.ZodType<BetaGeoBetaBinomFitOptions<never>>;

/** Options of {@link BetaGeoBetaBinomModel.probabilityAlive}. */
export interface BetaGeoBetaBinomAliveOptions {
  /**
   * Opportunities ahead of the last observed one: 0 (default) = alive at opportunity n, 1 = still alive at
   * opportunity n + 1 (what Fader, Hardie & Shang's Table 6 reports), …
   */
  periodsAhead?: number;
}

/** Options of {@link BetaGeoBetaBinomModel.expectedResidualPurchases}. */
export interface BetaGeoBetaBinomDertOptions {
  /** Discount rate per transaction opportunity (> 0), e.g. 0.1 for 10% per year with yearly opportunities. */
  discountRate: number;
}

/** The JSON form of a {@link BetaGeoBetaBinomModel} (see {@link loadContractualModel}). */
export interface BetaGeoBetaBinomJson {
  model: 'beta-geometric-beta-binomial';
  version: 1;
  params: BetaGeoBetaBinomParams;
  logLikelihood: number | null;
  converged: boolean;
  iterations: number;
  reason: string;
  standardErrors: BetaGeoBetaBinomParams | null;
  observations: number;
}

type ParamName = 'alpha' | 'beta' | 'gamma' | 'delta';
const PARAM_NAMES: readonly ParamName[] = ['alpha', 'beta', 'gamma', 'delta'];

/** Validates one (x, t_x, n) triple; `path` names the record. */
function checkTriple(
  x: unknown,
  tx: unknown,
  n: unknown,
  path: ReadonlyArray<string | number>,
): [number, number, number] {
  const frequency = expectNonNegativeInteger(x, [...path, 'frequency']);
  const recency = expectNonNegativeInteger(tx, [...path, 'recency']);
  const periods = expectNonNegativeInteger(n, [...path, 'periods']);
  if (recency > periods) {
    throw invalidWithReason(
      [...path, 'recency'],
      `expected recency ≤ periods (${periods} opportunities), got ${recency}`,
      'INVALID_INPUT',
      recency,
    );
  }
  if (frequency > recency) {
    throw invalidWithReason(
      [...path, 'frequency'],
      `expected frequency ≤ recency (${recency}: the last of x purchases is at opportunity t_x ≥ x), got ${frequency}`,
      'INVALID_INPUT',
      frequency,
    );
  }
  if (frequency === 0 && recency !== 0) {
    throw invalidWithReason(
      [...path, 'recency'],
      `expected recency 0 for a customer with frequency 0, got ${recency}`,
      'INVALID_INPUT',
      recency,
    );
  }
  return [frequency, recency, periods];
}

/**
 * Most transaction opportunities a BG/BB method accepts (n, n*, t): per-customer sums are O(n) multiplications, so
 * 10^7 costs some tens of milliseconds; a larger count is almost surely a unit mistake (days instead of years).
 */
const MAX_OPPORTUNITIES = 10_000_000;

/** Most transaction opportunities of a row that {@link fitBetaGeoBetaBinom} accepts. */
const MAX_FIT_OPPORTUNITIES = 100_000;

/**
 * log L(α, β, γ, δ | x, t_x, n) (Fader, Hardie & Shang 2010, eq. 5), with lbAB = ln B(α, β), lbGD = ln B(γ, δ):
 * the sum over the n − t_x possible dropout opportunities by {@link logSumByRatios}, whose term ratio is
 * (β+t_x−x+i−1)/(α+β+t_x+i−1) · (δ+t_x+i−1)/(γ+δ+t_x+i).
 */
function logLikelihoodOfTriple(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  lbAB: number,
  lbGD: number,
  x: number,
  tx: number,
  n: number,
): number {
  const alive = betaln(alpha + x, beta + n - x) - lbAB + betaln(gamma, delta + n) - lbGD;
  const b0 = beta + tx - x;
  const d0 = delta + tx;
  const dropped = logSumByRatios(
    0,
    n - tx - 1,
    (i) => betaln(alpha + x, b0 + i) - lbAB + betaln(gamma + 1, d0 + i) - lbGD,
    [b0 - 1, d0 - 1, 0],
    [alpha + x + b0 - 1, gamma + d0, 0],
  );
  return logAddExp(alive, dropped);
}

function readCustomers(customers: unknown): Int32Array {
  const rows = toRecordArray(customers as Iterable<unknown>, 'customers');
  const out = new Int32Array(rows.length * 3);
  let i = 0;
  try {
    for (; i < rows.length; i++) {
      const row = rows[i];
      if (row === null || typeof row !== 'object') throw invalidValue(['customers', i], 'an object', row);
      const r = row as Record<string, unknown>;
      const [x, tx, n] = checkTriple(r.frequency, r.recency, r.periods, ['customers', i]);
      if (n > MAX_OPPORTUNITIES) throw invalidValue(['customers', i, 'periods'], 'a whole number ≤ 10,000,000', n);
      out[3 * i] = x;
      out[3 * i + 1] = tx;
      out[3 * i + 2] = n;
    }
  } catch (cause) {
    throw inputReadError(cause, ['customers', i]);
  }
  return out;
}

/**
 * Applies `compute(x, t_x, n)` once per distinct triple and spreads the results over the customers, in input order
 * (customer bases hold far fewer distinct histories than customers in discrete time).
 */
/**
 * The error for a result that came out non-finite: it happens only at extreme parameters (β below about 1e-16, where
 * B(α+x, β+n−x)/B(α, β) loses every digit), so it names the parameters, not the customer's data.
 */
function nonFiniteResult(path: ReadonlyArray<string | number>, value: number): CrmAnalyticsError {
  return new CrmAnalyticsError(
    'DOMAIN_ERROR',
    `${formatPath(path)}: the result is ${value}: the parameters are too extreme to compute it (keep α, β, γ, δ within 1e-12 … 1e12)`,
    { path },
  );
}

function mapDistinct(data: Int32Array, compute: (x: number, tx: number, n: number) => number): Float64Array {
  const out = new Float64Array(data.length / 3);
  const cache = new TripleMap();
  for (let i = 0; i < out.length; i++) {
    const x = data[3 * i] as number;
    const tx = data[3 * i + 1] as number;
    const n = data[3 * i + 2] as number;
    let v = cache.get(x, tx, n);
    if (v === undefined) {
      v = compute(x, tx, n);
      if (!Number.isFinite(v)) throw nonFiniteResult(['customers', i], v);
      cache.set(x, tx, n, v);
    }
    out[i] = v;
  }
  return out;
}

/** A map keyed by whole-number triples x ≤ t_x ≤ n: by n, then by the exact integer t_x·(n+1) + x. */
class TripleMap {
  readonly #byN = new Map<number, Map<number, number>>();
  get(x: number, tx: number, n: number): number | undefined {
    return this.#byN.get(n)?.get(tx * (n + 1) + x);
  }
  set(x: number, tx: number, n: number, value: number): void {
    let inner = this.#byN.get(n);
    if (inner === undefined) {
      inner = new Map();
      this.#byN.set(n, inner);
    }
    inner.set(tx * (n + 1) + x, value);
  }
}

/** A whole number of opportunities from 0 to {@link MAX_OPPORTUNITIES}. */
function checkWhole(value: unknown, name: string): number {
  const n = expectNonNegativeInteger(value, [name]);
  if (n > MAX_OPPORTUNITIES) throw invalidValue([name], 'a whole number from 0 to 10,000,000', value);
  return n;
}

/**
 * A BG/BB model: probability alive, conditional and unconditional expected purchases, the distribution of purchases
 * over n opportunities and DERT. Built by {@link fitBetaGeoBetaBinom}, {@link loadContractualModel}, or from known
 * parameters (`new BetaGeoBetaBinomModel({ alpha, beta, gamma, delta })`).
 *
 * Customers are `{ frequency, recency, periods }` records (x, t_x, n); methods return one value per customer, in
 * input order. Time is counted in transaction opportunities (e.g. years for annual donations).
 *
 * Reference: Fader, P. S., Hardie, B. G. S. & Shang, J. (2010), Marketing Science 29(6), 1086–1108,
 * doi:10.1287/mksc.1100.0580.
 * @example
 * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
 * const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
 * model.expectedPurchases(6); // => 2.22
 * model.logLikelihood; // => null
 */
export class BetaGeoBetaBinomModel {
  /** The fitted (or given) parameters. */
  readonly params: Readonly<BetaGeoBetaBinomParams>;
  /** Maximized log-likelihood, `null` when the model was built from given parameters. */
  readonly logLikelihood: number | null;
  /** Whether the optimizer met its tolerance (`true` for given parameters). */
  readonly converged: boolean;
  /** Optimizer iterations (0 for given parameters). */
  readonly iterations: number;
  /** Why the optimizer stopped. */
  readonly reason: string;
  /** Standard errors from the inverse Hessian, `null` when unavailable. */
  readonly standardErrors: Readonly<BetaGeoBetaBinomParams> | null;
  /** 95% intervals computed on the log scale, `null` when there are no standard errors. */
  readonly confidenceIntervals: Readonly<Record<ParamName, PositiveInterval>> | null;
  /** Customers (sum of weights) the model was fitted on; 0 for given parameters. */
  readonly observations: number;
  readonly #lbAB: number;
  readonly #lbGD: number;

  /**
   * @param params - `{ alpha, beta, gamma, delta }`, all finite and > 0
   * @param fit - the fit's outcome; omit for a model from known parameters
   * @throws {CrmAnalyticsError} `INVALID_INPUT` for bad parameters
   */
  constructor(params: BetaGeoBetaBinomParams, fit?: ContractualFitInfo<ParamName> | null) {
    const checked = {} as BetaGeoBetaBinomParams;
    for (const name of PARAM_NAMES) {
      const v = readingInput(['params', name], () => params?.[name]);
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
        throw invalidValue(['params', name], 'a finite number > 0', v);
      }
      checked[name] = v;
    }
    this.params = Object.freeze(checked);
    this.logLikelihood = fit ? fit.logLikelihood : null;
    this.converged = fit ? fit.converged : true;
    this.iterations = fit ? fit.iterations : 0;
    this.reason = fit ? fit.reason : 'parameters given';
    this.standardErrors = fit?.standardErrors ? Object.freeze({ ...fit.standardErrors }) : null;
    this.confidenceIntervals = logScaleIntervals(this.params, this.standardErrors);
    this.observations = fit ? fit.observations : 0;
    this.#lbAB = betaln(checked.alpha, checked.beta);
    this.#lbGD = betaln(checked.gamma, checked.delta);
  }

  /** log L(α, β, γ, δ | x, t_x, n) (Fader, Hardie & Shang 2010, eq. 5). */
  #logLikelihoodOf(x: number, tx: number, n: number): number {
    const { alpha, beta, gamma, delta } = this.params;
    return logLikelihoodOfTriple(alpha, beta, gamma, delta, this.#lbAB, this.#lbGD, x, tx, n);
  }

  /**
   * Probability that each customer is alive at opportunity n + periodsAhead, given (x, t_x, n)
   * (Fader, Hardie & Shang 2010, eq. 11):
   * `P(alive at n+m) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+m)/B(γ,δ) / L(α,β,γ,δ | x, t_x, n)`.
   *
   * Reference: Fader, P. S., Hardie, B. G. S. & Shang, J. (2010), "Customer-base analysis in a discrete-time
   * noncontractual setting", Marketing Science 29(6), 1086–1108, doi:10.1287/mksc.1100.0580.
   * @param customers - `{ frequency, recency, periods }` records
   * @param options - `periodsAhead` (default 0: alive at opportunity n)
   * @returns one probability in [0, 1] per customer
   * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the record for inconsistent (x, t_x, n) or n > 10^7
   * @example
   * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
   * const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
   * Array.from(model.probabilityAlive([{ frequency: 6, recency: 6, periods: 6 }], { periodsAhead: 1 })); // => [0.93]
   */
  probabilityAlive(
    customers: Iterable<BetaGeoBetaBinomCustomer> | ArrayLike<BetaGeoBetaBinomCustomer>,
    options: BetaGeoBetaBinomAliveOptions = {},
  ): Float64Array {
    const { periodsAhead = 0 } = parseOptions(betaGeoBetaBinomAliveOptionsSchema, options);
    const { alpha, beta, gamma, delta } = this.params;
    return mapDistinct(readCustomers(customers), (x, tx, n) => {
      const num = betaln(alpha + x, beta + n - x) - this.#lbAB + betaln(gamma, delta + n + periodsAhead) - this.#lbGD;
      return Math.min(1, Math.exp(num - this.#logLikelihoodOf(x, tx, n)));
    });
  }

  /**
   * Expected number of purchases of each customer in the next `futurePeriods` opportunities, n+1 … n+n*
   * (Fader, Hardie & Shang 2010, eq. 13):
   * `E[X(n, n+n*)] = B(α+x+1, β+n−x)/B(α,β) / L · Σ_{k=1}^{n*} B(γ, δ+n+k)/B(γ,δ)`
   * (the sum in closed form δ/(γ−1)·Γ(γ+δ)/Γ(1+δ)·[Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]).
   *
   * Reference: Fader, Hardie & Shang (2010), Marketing Science 29(6), doi:10.1287/mksc.1100.0580.
   * @param futurePeriods - n*, whole number of opportunities ≥ 0
   * @param customers - `{ frequency, recency, periods }` records
   * @returns one expectation per customer
   * @throws {CrmAnalyticsError} `INVALID_INPUT` for a bad n* or record (n* and n at most 10^7)
   * @example
   * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
   * const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
   * Array.from(model.conditionalExpectedPurchases(5, [{ frequency: 6, recency: 6, periods: 6 }])); // => [3.75]
   */
  conditionalExpectedPurchases(
    futurePeriods: number,
    customers: Iterable<BetaGeoBetaBinomCustomer> | ArrayLike<BetaGeoBetaBinomCustomer>,
  ): Float64Array {
    const horizon = checkWhole(futurePeriods, 'futurePeriods');
    const data = readCustomers(customers);
    const { alpha, beta, gamma, delta } = this.params;
    const sums = new Map<number, number>();
    return mapDistinct(data, (x, tx, n) => {
      let s = sums.get(n);
      if (s === undefined) {
        s = this.#survivalSum(n, horizon);
        sums.set(n, s);
      }
      // exp(…) = E[p · 1{alive at n} | x, t_x, n] ≤ 1 and s is conditional on survival to n, so neither factor
      // under- or overflows where the product is representable (a large γ makes B(γ, δ+n)/B(γ, δ) underflow).
      return s === 0
        ? 0
        : Math.exp(
            betaln(alpha + x + 1, beta + n - x) -
              this.#lbAB +
              betaln(gamma, delta + n) -
              this.#lbGD -
              this.#logLikelihoodOf(x, tx, n),
          ) * s;
    });
  }

  /**
   * Σ_{k=1}^{horizon} B(γ, δ+n+k)/B(γ, δ+n): expected opportunities alive in (n, n+horizon] of a customer alive at n
   * (relative to B(γ, δ+n), which underflows for a large γ and n).
   */
  #survivalSum(n: number, horizon: number): number {
    if (horizon === 0) return 0;
    const { gamma, delta } = this.params;
    if (horizon <= 100_000 || Math.abs(gamma - 1) < 1e-6) {
      let term = (delta + n) / (gamma + delta + n);
      let sum = term;
      for (let k = 2; k <= horizon; k++) {
        term *= (delta + n + k - 1) / (gamma + delta + n + k - 1);
        sum += term;
      }
      return sum;
    }
    // Telescoping closed form: Σ = Γ(γ+δ+n)/Γ(δ+n) · (f(n) − f(n+h))/(γ−1) = (δ+n)(1 − f(n+h)/f(n))/(γ−1),
    // f(m) = Γ(δ+m+1)/Γ(γ+δ+m).
    const lf = (m: number): number => gammaln(delta + m + 1) - gammaln(gamma + delta + m);
    const diff = -Math.expm1(lf(n + horizon) - lf(n));
    return ((delta + n) * diff) / (gamma - 1);
  }

  /**
   * Expected number of purchases of a new customer in her first n opportunities
   * (Fader, Hardie & Shang 2010, eq. 9): `E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))]`.
   * @param periods - n, whole number of opportunities ≥ 0
   * @returns the expectation
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when n is not a whole number from 0 to 10^7
   * @example
   * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
   * new BetaGeoBetaBinomModel({ alpha: 1, beta: 1, gamma: 1, delta: 1 }).expectedPurchases(1); // => 0.25
   */
  expectedPurchases(periods: number): number {
    const n = checkWhole(periods, 'periods');
    const { alpha, beta } = this.params;
    return (alpha / (alpha + beta)) * this.#survivalSum(0, n);
  }

  /**
   * Probability that a new customer makes exactly x purchases in her first n opportunities
   * (Fader, Hardie & Shang 2010, eq. 8):
   * `P(X(n) = x) = C(n,x)·B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ) + Σ_{i=x}^{n−1} C(i,x)·B(α+x, β+i−x)/B(α,β)·B(γ+1, δ+i)/B(γ,δ)`.
   * @param purchases - x, whole number ≥ 0
   * @param periods - n, whole number ≥ 0
   * @returns the probability (0 when x > n)
   * @throws {CrmAnalyticsError} `INVALID_INPUT` when x or n is not a whole number from 0 to 10^7
   * @example
   * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
   * const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
   * model.probabilityOfPurchases(0, 6) * 11104; // => 3455.8
   */
  probabilityOfPurchases(purchases: number, periods: number): number {
    const x = checkWhole(purchases, 'purchases');
    const n = checkWhole(periods, 'periods');
    if (x > n) return 0;
    const { alpha, beta, gamma, delta } = this.params;
    const lbAB = this.#lbAB;
    const lbGD = this.#lbGD;
    // ln C(a, b) = −ln(a+1) − ln B(b+1, a−b+1): betaln keeps its digits for large a, where gammaln differences do not.
    const logChoose = (a: number, b: number): number => -Math.log(a + 1) - betaln(b + 1, a - b + 1);
    const alive = logChoose(n, x) + betaln(alpha + x, beta + n - x) - lbAB + betaln(gamma, delta + n) - lbGD;
    // Dropout after opportunity i (x ≤ i < n); the term ratio is
    // i/(i−x) · (β+i−1−x)/(α+β+i−1) · (δ+i−1)/(γ+δ+i) (C(i,x) and the two beta functions, one step each).
    const dropped = logSumByRatios(
      x,
      n - 1,
      (i) => logChoose(i, x) + betaln(alpha + x, beta + i - x) - lbAB + betaln(gamma + 1, delta + i) - lbGD,
      [0, beta - 1 - x, delta - 1],
      [-x, alpha + beta - 1, gamma + delta],
    );
    return Math.min(1, Math.exp(logAddExp(alive, dropped)));
  }

  /**
   * Discounted expected residual transactions (DERT) of each customer: the present value of her expected purchases
   * at opportunities n+1, n+2, …, discounted by (1+d) per opportunity (Fader, Hardie & Shang 2010, eq. 14):
   * `DERT = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/(B(γ,δ)(1+d)) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L`.
   * Multiply by the value per transaction to get a residual lifetime value.
   * @param customers - `{ frequency, recency, periods }` records
   * @param options - `discountRate` per opportunity (> 0)
   * @returns one DERT per customer
   * @throws {CrmAnalyticsError} `INVALID_INPUT` for a bad record, `INVALID_OPTION` for a bad rate, `NOT_CONVERGED`
   *   when the series cannot be summed to full precision (a rate near 0 with n in the millions)
   * @example
   * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
   * const model = new BetaGeoBetaBinomModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
   * Array.from(model.expectedResidualPurchases([{ frequency: 6, recency: 6, periods: 6 }], { discountRate: 0.1 })); // => [5.91]
   */
  expectedResidualPurchases(
    customers: Iterable<BetaGeoBetaBinomCustomer> | ArrayLike<BetaGeoBetaBinomCustomer>,
    options: BetaGeoBetaBinomDertOptions,
  ): Float64Array {
    const { discountRate } = parseOptions(betaGeoBetaBinomDertOptionsSchema, options);
    const data = readCustomers(customers);
    const { alpha, beta, gamma, delta } = this.params;
    const z = 1 / (1 + discountRate);
    const tails = new Map<number, number>();
    return mapDistinct(data, (x, tx, n) => {
      let tail = tails.get(n);
      if (tail === undefined) {
        tail =
          betaln(gamma, delta + n + 1) -
          this.#lbGD +
          Math.log(z * hypergeometricOneSeries(delta + n + 1, gamma + delta + n + 1, z).value);
        tails.set(n, tail);
      }
      return Math.exp(betaln(alpha + x + 1, beta + n - x) - this.#lbAB + tail - this.#logLikelihoodOf(x, tx, n));
    });
  }

  /**
   * The model as plain JSON data; {@link loadContractualModel} reads it back.
   * @returns a {@link BetaGeoBetaBinomJson}
   * @example
   * import { BetaGeoBetaBinomModel } from 'crm-analytics/clv';
   * new BetaGeoBetaBinomModel({ alpha: 1, beta: 2, gamma: 3, delta: 4 }).toJSON(); // => { model: 'beta-geometric-beta-binomial', params: { alpha: 1, beta: 2, gamma: 3, delta: 4 } }
   */
  toJSON(): BetaGeoBetaBinomJson {
    return {
      model: 'beta-geometric-beta-binomial',
      version: 1,
      params: { ...this.params },
      logLikelihood: this.logLikelihood,
      converged: this.converged,
      iterations: this.iterations,
      reason: this.reason,
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      observations: this.observations,
    };
  }
}

/** zod schema of {@link BetaGeoBetaBinomAliveOptions}. */
export const betaGeoBetaBinomAliveOptionsSchema: z.ZodType<BetaGeoBetaBinomAliveOptions> = z.strictObject({
  periodsAhead: z.number().int().min(0).max(1e9).optional(),
}) as unknown as z.ZodType<BetaGeoBetaBinomAliveOptions>;

/** zod schema of {@link BetaGeoBetaBinomDertOptions}. */
export const betaGeoBetaBinomDertOptionsSchema: z.ZodType<BetaGeoBetaBinomDertOptions> = z.strictObject({
  discountRate: z.number().positive().finite(),
});

/** Compressed fitting data: distinct (x, t_x, n) with summed weights. */
interface CompressedRows {
  x: Int32Array;
  tx: Int32Array;
  n: Int32Array;
  w: Float64Array;
  total: number;
}

function readRows<T>(rows: Iterable<T> | ArrayLike<T>, options: BetaGeoBetaBinomFitOptions<T>): CompressedRows {
  const records = toRecordArray(rows, 'rows');
  if (records.length === 0) throw emptyInput('rows', 1, 'row');
  const fx = toAccessorFunction<T, number>(options.frequency ?? 'frequency');
  const ftx = toAccessorFunction<T, number>(options.recency ?? 'recency');
  const fn = toAccessorFunction<T, number>(options.periods ?? 'periods');
  const weightField = options.weights ?? 'weights';
  const fw = toAccessorFunction<T, number>(weightField);
  const groups = new TripleMap();
  const keys: number[] = [];
  const triples: number[] = [];
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const row = recordAt(records, i, 'rows') as T;
    if (row === null || typeof row !== 'object') throw invalidValue(['rows', i], 'an object', row);
    const [x, tx, n] = checkTriple(
      readField(fx, row, i, ['rows', i, 'frequency']),
      readField(ftx, row, i, ['rows', i, 'recency']),
      readField(fn, row, i, ['rows', i, 'periods']),
      ['rows', i],
    );
    const rawWeight = readField(fw, row, i, ['rows', i, 'weights']);
    const w =
      rawWeight === undefined && typeof weightField === 'string'
        ? 1
        : expectNonNegative(rawWeight, ['rows', i, 'weights']);
    if (w === 0) continue;
    // Each likelihood evaluation sums over the n − t_x dropout opportunities of every distinct row, and a fit needs
    // hundreds of evaluations: 10^5 keeps a fit within seconds.
    if (n > MAX_FIT_OPPORTUNITIES) throw invalidValue(['rows', i, 'periods'], 'a whole number ≤ 100,000', n);
    const at = groups.get(x, tx, n);
    if (at === undefined) {
      groups.set(x, tx, n, keys.length);
      keys.push(w);
      triples.push(x, tx, n);
    } else keys[at] = (keys[at] as number) + w;
    total += w;
  }
  if (keys.length === 0) throw emptyInput('rows', 1, 'row with a positive weight');
  const m = keys.length;
  const out: CompressedRows = {
    x: new Int32Array(m),
    tx: new Int32Array(m),
    n: new Int32Array(m),
    w: Float64Array.from(keys),
    total,
  };
  // Stryker disable next-line EqualityOperator: k = m writes past the end of the Int32Arrays, which typed arrays ignore
  for (let k = 0; k < m; k++) {
    out.x[k] = triples[3 * k] as number;
    out.tx[k] = triples[3 * k + 1] as number;
    out.n[k] = triples[3 * k + 2] as number;
  }
  return out;
}

/**
 * BG/BB log-likelihood over compressed rows (eq. 5 per distinct (x, t_x, n), times its weight), each row's sum over
 * dropout opportunities by a ratio recurrence ({@link logSumByRatios}): O(n − t_x) multiplications per row.
 * @internal
 */
export function betaGeoBetaBinomLogLikelihood(params: ArrayLike<number>, data: CompressedRows): number {
  const alpha = params[0] as number;
  const beta = params[1] as number;
  const gamma = params[2] as number;
  const delta = params[3] as number;
  const lbAB = betaln(alpha, beta);
  const lbGD = betaln(gamma, delta);
  let ll = 0;
  for (let k = 0; k < data.w.length; k++) {
    const x = data.x[k] as number;
    const tx = data.tx[k] as number;
    const n = data.n[k] as number;
    ll += (data.w[k] as number) * logLikelihoodOfTriple(alpha, beta, gamma, delta, lbAB, lbGD, x, tx, n);
  }
  return ll;
}

/**
 * Fits the BG/BB model (Fader, Hardie & Shang 2010) by maximum likelihood on discrete-time histories
 * (frequency x, recency t_x, opportunities n), with counts as weights; identical rows are compressed first.
 *
 * Likelihood of one customer (eq. 5):
 * `L = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ)`.
 * Fitted in log-parameter space by BFGS; standard errors from the inverse Hessian (delta method).
 *
 * Reference: Fader, P. S., Hardie, B. G. S. & Shang, J. (2010), "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6), 1086–1108, doi:10.1287/mksc.1100.0580.
 *
 * @param rows - `{ frequency, recency, periods, weights? }` records (or other fields through the options)
 * @param options - accessors and optimizer settings ({@link BetaGeoBetaBinomFitOptions})
 * @returns a fitted {@link BetaGeoBetaBinomModel}
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the row for negative or non-integer values, periods > 10^5,
 *   recency beyond the opportunities, frequency beyond recency; `EMPTY_INPUT` for no rows; `NOT_CONVERGED` in strict mode
 * @example
 * import { fitBetaGeoBetaBinom } from 'crm-analytics/clv';
 * const model = fitBetaGeoBetaBinom([
 *   { frequency: 0, recency: 0, periods: 3, weights: 40 },
 *   { frequency: 1, recency: 1, periods: 3, weights: 10 },
 *   { frequency: 1, recency: 3, periods: 3, weights: 8 },
 *   { frequency: 2, recency: 3, periods: 3, weights: 12 },
 *   { frequency: 3, recency: 3, periods: 3, weights: 30 },
 * ]);
 * model.converged; // => true
 * fitBetaGeoBetaBinom([{ frequency: 1, recency: 7, periods: 6 }]); // throws INVALID_INPUT
 */
export function fitBetaGeoBetaBinom<T = BetaGeoBetaBinomRow>(
  rows: Iterable<T> | ArrayLike<T>,
  options: BetaGeoBetaBinomFitOptions<T> = {},
): BetaGeoBetaBinomModel {
  const parsed = parseOptions(betaGeoBetaBinomFitOptionsSchema, options) as BetaGeoBetaBinomFitOptions<T>;
  const data = readRows(rows, parsed);
  const fit = fitPositiveParameters(
    PARAM_NAMES,
    (p) => betaGeoBetaBinomLogLikelihood(p, data),
    [1, 1, 1, 1],
    parsed,
    data.total,
    'fitBetaGeoBetaBinom',
  );
  return new BetaGeoBetaBinomModel(fit.params, fit);
}
