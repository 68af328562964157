// Written for the mutants of src/clv/models/simulate.ts that survived Stryker (see docs/testing.md): the seeded
// generator against hand-written references of the algorithms its doc comment names (mulberry32 uniforms, Box–Muller
// normals with the spare kept, Marsaglia & Tsang gamma variates with the U^(1/a) boost below shape 1), over enough draws
// to pass through every rejection branch; exact error texts and paths of every check of `options.T`, of the parameters
// and of a non-representable purchase rate; structural invariants of the simulated customers (ids 1..n, the default
// seed, purchase times only when asked, a purchase at exactly T counted, dropout after a purchase). The purchase
// budget (10^6 purchases with `transactions`, 10^7 without) is not tested here: reaching it takes a million simulated
// purchases per mutant (see docs/testing.md).
// (Preallocating the customer array only saves time: `new Array()` gives the same filled array, so no test sees it.)
import { describe, expect, it } from 'vitest';
import { SeededRandom, simulateBetaGeo, simulateParetoNbd } from '../../../src/clv/models/simulate.js';
import { thrown } from '../../support/thrown.js';
import { expectError } from './helpers.js';

const TWO_32 = 4294967296;

/**
 * Reference mulberry32 (Tommy Ettinger's public-domain code): the 32-bit outputs k, which the generator maps to the
 * open interval as (k + ½)/2³².
 */
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Reference generator built from the published algorithms, drawing from the same stream of uniforms. */
class ReferenceRandom {
  private readonly next: () => number;
  private pending: number[] = [];
  /** How often each branch of Marsaglia–Tsang was taken (to show the draws reach every branch). */
  readonly branches = { negativeV: 0, squeeze: 0, logTest: 0, rejected: 0, boost: 0 };
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(): number {
    return (this.next() + 0.5) / TWO_32;
  }
  /** Box–Muller: from (u₁, u₂), R·cos(2πu₂) and then R·sin(2πu₂), R = √(−2 ln u₁). */
  normal(): number {
    const held = this.pending.pop();
    if (held !== undefined) return held;
    const u1 = this.uniform();
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.pending.push(radius * Math.sin(2 * Math.PI * u2));
    return radius * Math.cos(2 * Math.PI * u2);
  }
  /** ln of a Gamma(a, 1) variate (Marsaglia & Tsang 2000; for a < 1, Gamma(a+1)·U^(1/a)). */
  logGamma(a: number): number {
    if (a < 1) {
      this.branches.boost++;
      const boosted = this.logGamma(a + 1);
      return boosted + Math.log(this.uniform()) / a;
    }
    const d = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    while (true) {
      const x = this.normal();
      const root = 1 + c * x;
      if (root <= 0) {
        this.branches.negativeV++;
        continue;
      }
      const v = root * root * root;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) {
        this.branches.squeeze++;
        return Math.log(d * v);
      }
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        this.branches.logTest++;
        return Math.log(d * v);
      }
      this.branches.rejected++;
    }
  }
}

describe('SeededRandom against the published algorithms', () => {
  it('uniform() is mulberry32 mapped to (k + ½)/2³², for several seeds (negative and ≥ 2³² seeds wrap)', () => {
    for (const seed of [1, 0, 7, 123456789, 2 ** 32 - 1, -5]) {
      const rng = new SeededRandom(seed);
      const ref = mulberry32(seed);
      const got = Array.from({ length: 2000 }, () => rng.uniform());
      expect(got).toEqual(Array.from({ length: 2000 }, () => (ref() + 0.5) / TWO_32));
      expect(got.every((u) => u > 0 && u < 1)).toBe(true);
    }
    // 2³² + 3 is the same seed as 3.
    const a = new SeededRandom(2 ** 32 + 3);
    const b = new SeededRandom(3);
    for (let i = 0; i < 10; i++) expect(a.uniform()).toBe(b.uniform());
  });

  it('normal() returns both Box–Muller values of a pair of uniforms, cosine first, then the kept sine', () => {
    const rng = new SeededRandom(11);
    const ref = new ReferenceRandom(11);
    const got = Array.from({ length: 2000 }, () => rng.normal());
    expect(got).toEqual(Array.from({ length: 2000 }, () => ref.normal()));
    // By hand for the first pair: the second value reuses u₁, u₂ (no new uniforms are drawn for it).
    const r2 = new SeededRandom(4);
    const m = mulberry32(4);
    const u1 = (m() + 0.5) / TWO_32;
    const u2 = (m() + 0.5) / TWO_32;
    const radius = Math.sqrt(-2 * Math.log(u1));
    expect(r2.normal()).toBe(radius * Math.cos(2 * Math.PI * u2));
    expect(r2.normal()).toBe(radius * Math.sin(2 * Math.PI * u2));
    expect(r2.uniform()).toBe((m() + 0.5) / TWO_32);
  });

  it('logGamma follows Marsaglia–Tsang draw for draw, at shape 1 exactly (no boost) and below and above it', () => {
    for (const shape of [1, 0.3, 0.999, 1.5, 2.5, 40]) {
      const rng = new SeededRandom(17);
      const ref = new ReferenceRandom(17);
      for (let i = 0; i < 3000; i++) {
        const value = rng.logGamma(shape);
        const expected = ref.logGamma(shape);
        if (value !== expected) expect({ shape, draw: i, value }).toEqual({ shape, draw: i, value: expected });
      }
      // The streams are still in step afterwards.
      expect(rng.uniform()).toBe(ref.uniform());
      if (shape < 1) expect(ref.branches.boost).toBeGreaterThan(0);
      else expect(ref.branches.boost).toBe(0);
      // Both acceptance tests are reached, and (except at shape 40, where rejection is rare) rejections too.
      expect(ref.branches.squeeze).toBeGreaterThan(0);
      expect(ref.branches.logTest).toBeGreaterThan(0);
      if (shape < 40) expect(ref.branches.rejected).toBeGreaterThan(0);
    }
    // At shape 1 (d = 2/3) normals below −√6 make 1 + c·x ≤ 0, which must be redrawn without drawing a uniform.
    const ref = new ReferenceRandom(17);
    for (let i = 0; i < 3000; i++) ref.logGamma(1);
    expect(ref.branches.negativeV).toBeGreaterThan(0);
  });

  it('gamma, beta and exponential are the documented transforms of logGamma and uniform', () => {
    const rng = new SeededRandom(23);
    const ref = new ReferenceRandom(23);
    for (let i = 0; i < 200; i++) {
      expect(rng.gamma(2.5, 4)).toBe(Math.exp(ref.logGamma(2.5)) / 4);
      const lx = ref.logGamma(0.7);
      const ly = ref.logGamma(3);
      expect(rng.beta(0.7, 3)).toBe(1 / (1 + Math.exp(ly - lx)));
      expect(rng.exponential(0.5)).toBe(-Math.log(ref.uniform()) / 0.5);
    }
  });
});

const BG = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 } as const;
const PNBD = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 } as const;

describe('options.T checks (both simulators)', () => {
  const sims = [
    ['BG/NBD', (T: unknown) => simulateBetaGeo(BG, { customers: 2, T: T as number, seed: 3 })],
    ['Pareto/NBD', (T: unknown) => simulateParetoNbd(PNBD, { customers: 2, T: T as number, seed: 3 })],
  ] as const;

  it('rejects a T that is neither a number nor array-like, with the schema message', () => {
    for (const [, run] of sims) {
      expectError(
        () => run('ab'),
        'INVALID_OPTION',
        'options.T: expected a value of one of the accepted forms, got the string "ab"',
      );
      expectError(
        () => run(null),
        'INVALID_OPTION',
        'options.T: expected a value of one of the accepted forms, got null',
      );
      expectError(
        () => run({}),
        'INVALID_OPTION',
        'options.T: expected a value of one of the accepted forms, got an object',
      );
      expectError(
        () => run({ length: '2', 0: 1, 1: 2 }),
        'INVALID_OPTION',
        'options.T: expected a value of one of the accepted forms, got an object',
      );
      expectError(
        () => run(true),
        'INVALID_OPTION',
        'options.T: expected a value of one of the accepted forms, got true',
      );
    }
  });

  it('accepts array-likes of the right length: arrays, typed arrays and {length, 0, 1}', () => {
    for (const [, run] of sims) {
      for (const T of [[5, 0], Float64Array.of(5, 0), { length: 2, 0: 5, 1: 0 }]) {
        const sim = run(T);
        expect(sim.customers.map((c) => c.T)).toEqual([5, 0]);
        // T = 0 is allowed: no time for a repeat purchase.
        expect(sim.customers[1]).toMatchObject({ frequency: 0, recency: 0, T: 0 });
      }
    }
  });

  it('rejects a list of the wrong length', () => {
    for (const [, run] of sims) {
      expectError(
        () => run([1, 2, 3]),
        'INVALID_OPTION',
        'options.T: expected a number or 2 numbers (one per customer), got an array of length 3',
      );
      expectError(
        () => run([1]),
        'INVALID_OPTION',
        'options.T: expected a number or 2 numbers (one per customer), got an array of length 1',
      );
    }
  });

  it('rejects each kind of bad element, at its index', () => {
    for (const [, run] of sims) {
      expectError(() => run([1, -1]), 'INVALID_OPTION', 'options.T[1]: expected a finite number ≥ 0, got -1');
      expectError(() => run([-0.5, 1]), 'INVALID_OPTION', 'options.T[0]: expected a finite number ≥ 0, got -0.5');
      expectError(() => run([1, Number.NaN]), 'INVALID_OPTION', 'options.T[1]: expected a finite number ≥ 0, got NaN');
      expectError(
        () => run([Number.POSITIVE_INFINITY, 1]),
        'INVALID_OPTION',
        'options.T[0]: expected a finite number ≥ 0, got Infinity',
      );
      expectError(
        () => run([1, '3']),
        'INVALID_OPTION',
        'options.T[1]: expected a finite number ≥ 0, got the string "3"',
      );
      const error = thrown(() => run([1, -1]));
      expect(error.path).toEqual(['options', 'T', 1]);
      expect(error.received).toBe(-1);
    }
  });

  it('turns a throwing element getter into an error naming the element', () => {
    for (const [, run] of sims) {
      const T = { length: 2, 0: 4 } as Record<string | number, unknown>;
      Object.defineProperty(T, 1, {
        get() {
          throw new Error('boom');
        },
      });
      const error = thrown(() => run(T));
      expect(error.message).toBe('options.T[1]: reading the value threw (boom)');
      expect(error.path).toEqual(['options', 'T', 1]);
    }
  });

  // Regression: a throwing element getter of options.T came out as INVALID_INPUT (every other bad option is
  // INVALID_OPTION), and each element was read again during the simulation, after the check.
  it('a throwing element getter of options.T is INVALID_OPTION like every other bad option', () => {
    const T = { length: 1 } as Record<string | number, unknown>;
    Object.defineProperty(T, 0, {
      get() {
        throw new Error('boom');
      },
    });
    const e = thrown(() => simulateBetaGeo(BG, { customers: 1, T: T as unknown as number }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('options.T[0]: reading the value threw (boom)');
    expect(e.path).toEqual(['options', 'T', 0]);
  });

  it('reads each element of options.T once, so the simulation uses the checked value', () => {
    let reads = 0;
    const T = {
      length: 1,
      get 0() {
        reads++;
        return reads === 1 ? 10 : Number.NaN;
      },
    };
    const out = simulateBetaGeo(BG, { customers: 1, T: T as unknown as number[], seed: 3 });
    expect(reads).toBe(1);
    expect(out.customers[0]?.T).toBe(10);
  });
});

describe('parameter and drawn-rate errors', () => {
  it('names the bad parameter under params', () => {
    expectError(
      () => simulateBetaGeo({ ...BG, b: 0 }, { customers: 1, T: 1 }),
      'INVALID_INPUT',
      'params.b: expected a finite number > 0, got 0',
    );
    expectError(
      () => simulateParetoNbd({ ...PNBD, beta: -1 }, { customers: 1, T: 1 }),
      'INVALID_INPUT',
      'params.beta: expected a finite number > 0, got -1',
    );
  });

  it('rejects a purchase rate that overflows (alpha far too small for r), naming the customer', () => {
    const message =
      "customer 1: the drawn purchase rate Infinity is not representable (the gamma distribution's rate alpha is too small for its shape r)";
    expectError(
      () => simulateBetaGeo({ ...BG, r: 10, alpha: 1e-320 }, { customers: 3, T: 1 }),
      'DOMAIN_ERROR',
      message,
    );
    expectError(
      () => simulateParetoNbd({ ...PNBD, r: 10, alpha: 1e-320 }, { customers: 3, T: 1 }),
      'DOMAIN_ERROR',
      message,
    );
  });
});

describe('simulated customers', () => {
  const sims = [
    [
      'BG/NBD',
      (o: { T: number; seed?: number; transactions?: boolean }) => simulateBetaGeo(BG, { customers: 40, ...o }),
    ],
    [
      'Pareto/NBD',
      (o: { T: number; seed?: number; transactions?: boolean }) => simulateParetoNbd(PNBD, { customers: 40, ...o }),
    ],
  ] as const;

  it('default to seed 1, and another seed gives other customers', () => {
    for (const [, run] of sims) {
      const byDefault = run({ T: 39 });
      expect(byDefault).toEqual(run({ T: 39, seed: 1 }));
      expect(byDefault.customers.map((c) => c.purchaseRate)).not.toEqual(
        run({ T: 39, seed: 2 }).customers.map((c) => c.purchaseRate),
      );
      expect(run({ T: 39, seed: 0 }).customers.map((c) => c.purchaseRate)).not.toEqual(
        byDefault.customers.map((c) => c.purchaseRate),
      );
    }
  });

  it('are numbered 1..n, satisfy the summary invariants, and list no purchases unless asked', () => {
    for (const [, run] of sims) {
      for (const options of [{ T: 39 }, { T: 39, transactions: false }]) {
        const sim = run(options);
        expect(sim.transactions).toEqual([]);
        expect(sim.customers).toHaveLength(40);
        expect(sim.customers.map((c) => c.customerId)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        for (const c of sim.customers) {
          expect(c.T).toBe(39);
          expect(Number.isInteger(c.frequency) && c.frequency >= 0).toBe(true);
          expect(c.recency).toBeGreaterThanOrEqual(0);
          expect(c.recency).toBeLessThanOrEqual(c.T);
          if (c.frequency === 0) expect(c.recency).toBe(0);
          else expect(c.recency).toBeGreaterThan(0);
          expect(c.purchaseRate).toBeGreaterThan(0);
        }
        expect(sim.customers.some((c) => c.frequency > 0)).toBe(true);
      }
    }
  });

  it('list every purchase when asked, by customer in time order, matching the summaries', () => {
    for (const [, run] of sims) {
      const sim = run({ T: 39, seed: 5, transactions: true });
      const plain = run({ T: 39, seed: 5 });
      expect(sim.customers).toEqual(plain.customers);
      expect(sim.transactions.length).toBe(sim.customers.reduce((s, c) => s + c.frequency, 0));
      expect(sim.transactions.length).toBeGreaterThan(0);
      let previous = { customerId: 0, time: 0 };
      for (const p of sim.transactions) {
        expect(Object.keys(p).sort()).toEqual(['customerId', 'time']);
        if (p.customerId === previous.customerId) expect(p.time).toBeGreaterThan(previous.time);
        else expect(p.customerId).toBeGreaterThan(previous.customerId);
        previous = p;
      }
      for (const c of sim.customers) {
        const times = sim.transactions.filter((p) => p.customerId === c.customerId).map((p) => p.time);
        expect(times.length).toBe(c.frequency);
        if (c.frequency > 0) expect(times[times.length - 1]).toBe(c.recency);
        expect(times.every((t) => t > 0 && t <= c.T)).toBe(true);
      }
    }
  });

  it('BG/NBD: a dropout probability of 1 ends each customer at the first repeat purchase, no longer alive', () => {
    // p ~ Beta(10³, 10⁻⁶) is 1 (or within 10⁻¹⁰⁰ of it); λ ~ Gamma(1, 1) over T = 1 leaves about half with no purchase.
    const sim = simulateBetaGeo({ r: 1, alpha: 1, a: 1000, b: 1e-6 }, { customers: 200, T: 1, seed: 9 });
    for (const c of sim.customers) {
      expect(c.frequency).toBeLessThanOrEqual(1);
      expect(c.alive).toBe(c.frequency === 0);
    }
    const bought = sim.customers.filter((c) => c.frequency === 1).length;
    expect(bought).toBeGreaterThan(50);
    expect(bought).toBeLessThan(150);
  });

  it('Pareto/NBD: customers with a lifetime far beyond T are alive, with far below T are not', () => {
    const long = simulateParetoNbd({ ...PNBD, s: 1000, beta: 1e9 }, { customers: 30, T: 39, seed: 4 });
    expect(long.customers.every((c) => c.alive)).toBe(true);
    const short = simulateParetoNbd({ ...PNBD, s: 1000, beta: 1e-3 }, { customers: 30, T: 39, seed: 4 });
    expect(short.customers.every((c) => !c.alive && c.frequency === 0)).toBe(true);
  });

  it('count a purchase at exactly T: observing until the k-th purchase time keeps exactly k purchases', () => {
    // One customer, so T only decides where the same stream of purchase times is cut (dropout / lifetime far away).
    const runs = [
      (T: number) =>
        simulateBetaGeo({ r: 50, alpha: 5, a: 1, b: 1e9 }, { customers: 1, T, seed: 12, transactions: true }),
      (T: number) =>
        simulateParetoNbd({ r: 50, alpha: 5, s: 1000, beta: 1e9 }, { customers: 1, T, seed: 12, transactions: true }),
    ];
    for (const run of runs) {
      const times = run(20).transactions.map((p) => p.time);
      expect(times.length).toBeGreaterThan(100);
      for (const k of [1, 2, 50, times.length]) {
        const T = times[k - 1] as number;
        const cut = run(T);
        expect(cut.customers[0]).toMatchObject({ frequency: k, recency: T, T, alive: true });
        expect(cut.transactions.map((p) => p.time)).toEqual(times.slice(0, k));
      }
    }
  });
});
