/**
 * Seeded simulators of the BG/NBD and Pareto/NBD purchase processes, for tests, demos and parameter-recovery checks.
 * @module
 */
import * as z from 'zod';
import { CrmAnalyticsError } from '../../core/errors.js';
import { invalidValue } from '../../core/messages.js';
import { inputReadError, parseOptions } from '../../core/validate.js';
import type { BetaGeoParams } from './betaGeo.js';
import { readPositiveParams } from './shared.js';

/** Pareto/NBD parameters: purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β), both per time unit. */
export interface ParetoNbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Rate of the gamma distribution of purchase rates (in time units). */
  alpha: number;
  /** Shape of the gamma distribution of dropout rates. */
  s: number;
  /** Rate of the gamma distribution of dropout rates (in time units). */
  beta: number;
}

/** Options of the simulators. */
export interface SimulationOptions {
  /** Number of customers (whole number ≥ 1). */
  customers: number;
  /** Observation length per customer since the first purchase (model time units): one number for all, or one per customer. */
  T: number | ArrayLike<number>;
  /** Seed of the pseudo-random generator (default 1); the same seed gives the same customers. */
  seed?: number;
  /** Also return the purchase times (default false). */
  transactions?: boolean;
}

/** A simulated customer: the summary the models take, plus the hidden truth. */
export interface SimulatedCustomer {
  customerId: number;
  frequency: number;
  recency: number;
  T: number;
  /** Whether the customer is still alive at T (hidden in real data). */
  alive: boolean;
  /** The customer's purchase rate λ per time unit. */
  purchaseRate: number;
}

/** A simulated repeat purchase (time since the customer's first purchase, in model units). */
export interface SimulatedPurchase {
  customerId: number;
  time: number;
}

/** What the simulators return. */
export interface SimulationResult {
  customers: SimulatedCustomer[];
  /** Repeat purchase times (empty unless `options.transactions`); the first purchase at time 0 is not listed. */
  transactions: SimulatedPurchase[];
}

/** Largest number of simulated customers (each is an object in the result). */
const MAX_SIMULATED_CUSTOMERS = 1_000_000;
/**
 * Largest number of simulated purchases in one call, 10^7 (10^6 when the purchases are returned as objects): with
 * purchase rates near ∞, or dropout probabilities near 0 and a long T, the process would otherwise not end.
 */
function purchaseBudget(keep: boolean): number {
  return keep ? 1_000_000 : 10_000_000;
}

function tooManyPurchases(keep: boolean): CrmAnalyticsError {
  return new CrmAnalyticsError(
    'DOMAIN_ERROR',
    `the simulation would draw more than ${purchaseBudget(keep)} purchases (purchase rates × T too large, or dropout probabilities too small, for these parameters)`,
  );
}

function nonFiniteRate(i: number, rate: number): CrmAnalyticsError {
  return new CrmAnalyticsError(
    'DOMAIN_ERROR',
    `customer ${i + 1}: the drawn purchase rate ${rate} is not representable (the gamma distribution's rate alpha is too small for its shape r)`,
  );
}

const simulationOptionsSchema = z
  .object({
    customers: z.number().int().min(1).max(MAX_SIMULATED_CUSTOMERS),
    T: z.union([
      z.number().min(0).finite(),
      z.custom<ArrayLike<number>>(
        (v) => v !== null && typeof v === 'object' && typeof (v as ArrayLike<number>).length === 'number',
        'expected a number or an array of numbers',
      ),
    ]),
    seed: z.number().int().optional(),
    transactions: z.boolean().optional(),
  })
  .strict();

/**
 * A small seeded generator: mulberry32 (Tommy Ettinger, public domain; period 2³²) for uniforms in (0, 1),
 * Marsaglia & Tsang (2000) for gamma variates (doi:10.1145/358407.358414) with the U^(1/a) boost for shapes < 1,
 * computed in log space so that tiny shapes do not underflow, and Box–Muller normals.
 * @internal
 */
export class SeededRandom {
  private state: number;
  private spare: number | undefined;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in the open interval (0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }
  normal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    const u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
  /** ln of a Gamma(shape, 1) variate. */
  logGamma(shape: number): number {
    if (shape < 1) return this.logGamma(shape + 1) + Math.log(this.uniform()) / shape;
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return Math.log(d * v);
      }
    }
  }
  /** Gamma(shape, rate) variate. */
  gamma(shape: number, rate: number): number {
    return Math.exp(this.logGamma(shape)) / rate;
  }
  /** Beta(a, b) variate, as X/(X+Y) computed from the logs of the gamma variates. */
  beta(a: number, b: number): number {
    const lx = this.logGamma(a);
    const ly = this.logGamma(b);
    return 1 / (1 + Math.exp(ly - lx));
  }
  /** Exponential variate with the given rate. */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }
}

function readAges(T: number | ArrayLike<number>, n: number): (i: number) => number {
  if (typeof T === 'number') return () => T;
  if (T.length !== n)
    throw invalidValue(['options', 'T'], `a number or ${n} numbers (one per customer)`, T, 'INVALID_OPTION');
  // Copied as checked: each element is read once, so a getter cannot hand the simulation another value later.
  const ages = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const v = T[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw invalidValue(['options', 'T', i], 'a finite number ≥ 0', v, 'INVALID_OPTION');
      }
      ages[i] = v;
    }
  } catch (cause) {
    throw inputReadError(cause, ['options', 'T', i], 'INVALID_OPTION');
  }
  return (i) => ages[i] as number;
}

/**
 * Simulates customers from the BG/NBD process (Fader, Hardie & Lee 2005): each customer has λ ~ Gamma(r, α) and
 * p ~ Beta(a, b); repeat purchases arrive as a Poisson process with rate λ from the first purchase at time 0, and
 * after each repeat purchase the customer drops out with probability p. Observed until `T`.
 *
 * @param params - BG/NBD parameters (α in the time unit of `T`)
 * @param options - number of customers, `T`, seed, whether to return purchase times
 * @returns summaries (`frequency`, `recency`, `T`, plus the hidden `alive` and `purchaseRate`) and optional purchases
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for a non-positive parameter; `INVALID_OPTION` for bad options (at most
 *   10^6 customers); `DOMAIN_ERROR` when a drawn rate is not representable or the run would exceed 10^7 purchases
 *   (10^6 with `transactions`)
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), doi:10.1287/mksc.1040.0098
 * @example
 * import { simulateBetaGeo } from 'crm-analytics/clv';
 * const sim = simulateBetaGeo({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 5, T: 39, seed: 1 });
 * sim.customers.length; // => 5
 * sim.customers.every((c) => c.recency <= c.T); // => true
 * simulateBetaGeo({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 0, T: 39 }); // throws INVALID_OPTION
 */
export function simulateBetaGeo(params: BetaGeoParams, options: SimulationOptions): SimulationResult {
  const { r, alpha, a, b } = readPositiveParams(params, ['r', 'alpha', 'a', 'b'] as const, 'params');
  const opts = parseOptions(simulationOptionsSchema, options);
  const n = opts.customers;
  const ageOf = readAges(opts.T, n);
  const rng = new SeededRandom(opts.seed ?? 1);
  // Stryker disable next-line ArrayDeclaration: the loop below fills every index, so the preallocated length is not observable
  const customers: SimulatedCustomer[] = new Array(n);
  const transactions: SimulatedPurchase[] = [];
  const keep = opts.transactions === true;
  let drawn = 0;
  const budget = purchaseBudget(keep);
  for (let i = 0; i < n; i++) {
    const T = ageOf(i);
    const lambda = rng.gamma(r, alpha);
    if (!Number.isFinite(lambda)) throw nonFiniteRate(i, lambda);
    const p = rng.beta(a, b);
    let t = 0;
    let x = 0;
    let last = 0;
    let alive = true;
    for (;;) {
      t += rng.exponential(lambda);
      if (!(t <= T)) break;
      if (++drawn > budget) throw tooManyPurchases(keep);
      x++;
      last = t;
      if (keep) transactions.push({ customerId: i + 1, time: t });
      if (rng.uniform() < p) {
        alive = false;
        break;
      }
    }
    customers[i] = { customerId: i + 1, frequency: x, recency: last, T, alive, purchaseRate: lambda };
  }
  return { customers, transactions };
}

/**
 * Simulates customers from the Pareto/NBD process (Schmittlein, Morrison & Colombo 1987): λ ~ Gamma(r, α),
 * μ ~ Gamma(s, β); the customer's lifetime is Exponential(μ) from the first purchase at time 0, and repeat purchases
 * arrive as a Poisson process with rate λ during the lifetime. Observed until `T`.
 *
 * @param params - Pareto/NBD parameters (α, β in the time unit of `T`)
 * @param options - number of customers, `T`, seed, whether to return purchase times
 * @returns summaries plus the hidden `alive` and `purchaseRate`, and optional purchases
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for a non-positive parameter; `INVALID_OPTION` for bad options (at most
 *   10^6 customers); `DOMAIN_ERROR` when a drawn rate is not representable or the run would exceed 10^7 purchases
 *   (10^6 with `transactions`)
 * @see Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are they and what will they do next?",
 *   Management Science 33(1):1–24, doi:10.1287/mnsc.33.1.1
 * @example
 * import { simulateParetoNbd } from 'crm-analytics/clv';
 * const sim = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 3, T: 39, seed: 2 });
 * sim.customers.map((c) => c.T); // => [39, 39, 39]
 */
export function simulateParetoNbd(params: ParetoNbdParams, options: SimulationOptions): SimulationResult {
  const { r, alpha, s, beta } = readPositiveParams(params, ['r', 'alpha', 's', 'beta'] as const, 'params');
  const opts = parseOptions(simulationOptionsSchema, options);
  const n = opts.customers;
  const ageOf = readAges(opts.T, n);
  const rng = new SeededRandom(opts.seed ?? 1);
  // Stryker disable next-line ArrayDeclaration: the loop below fills every index, so the preallocated length is not observable
  const customers: SimulatedCustomer[] = new Array(n);
  const transactions: SimulatedPurchase[] = [];
  const keep = opts.transactions === true;
  let drawn = 0;
  const budget = purchaseBudget(keep);
  for (let i = 0; i < n; i++) {
    const T = ageOf(i);
    const lambda = rng.gamma(r, alpha);
    if (!Number.isFinite(lambda)) throw nonFiniteRate(i, lambda);
    const mu = rng.gamma(s, beta);
    const lifetime = rng.exponential(mu);
    const end = lifetime < T ? lifetime : T;
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (!(t <= end)) break;
      if (++drawn > budget) throw tooManyPurchases(keep);
      x++;
      last = t;
      if (keep) transactions.push({ customerId: i + 1, time: t });
    }
    customers[i] = { customerId: i + 1, frequency: x, recency: last, T, alive: lifetime > T, purchaseRate: lambda };
  }
  return { customers, transactions };
}
