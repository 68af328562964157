// Written for the mutants of src/core/optimize.ts that survived Stryker (see docs/testing.md): BFGS and Nelder–Mead
// traced point by point (every argument the objective is called with is logged) on small functions whose steps can be
// worked out by hand, scripted objectives/gradients that put the Armijo and curvature tests exactly on their
// boundaries, exact iteration counts, stop reasons and inverse-Hessian approximations, a textbook Nelder–Mead model
// (Lagarias et al. 1998 with the Gao & Han 2012 coefficients) the simplex phase must reproduce exactly, and the
// finite-difference Hessian / Cholesky inverse against analytic values and their non-finite edge cases.
import { describe, expect, it } from 'vitest';
import { invertSymmetric, minimize, numericHessian } from '../../src/core/optimize.js';

type Fn = (x: Float64Array) => number;
type Grad = (x: Float64Array, out: Float64Array) => void;

/** Wraps `f` so that every point it is called with is recorded (copied). */
function logged(f: Fn): { f: Fn; log: number[][] } {
  const log: number[][] = [];
  return {
    log,
    f: (x) => {
      log.push(Array.from(x));
      return f(x);
    },
  };
}

const nanGradient: Grad = (_x, out) => {
  out.fill(Number.NaN);
};

const LINE_SEARCH_FAILED = 'the line search found no decrease along the BFGS direction';
const GRADIENT = 'gradient below tolerance';
const FUNCTION_CHANGE = 'function change below tolerance';
const ITERATION_LIMIT = 'iteration limit reached';
const NOT_FINITE = 'the objective is not finite at the start point';
const COLLAPSED = 'simplex collapsed below tolerance';
const NM_LIMIT = 'Nelder–Mead iteration limit reached';

/** A NaN-argument line-search trial as the BFGS phase makes it when its gradient is NaN (step 1/∞ = 0, 0·NaN). */
const nanPoint = (n: number): number[] => Array.from({ length: n }, () => Number.NaN);

/**
 * Textbook Nelder–Mead, written from Lagarias et al. (1998) with the adaptive coefficients of Gao & Han (2012):
 * initial simplex x0 + 0.25·e_i, ordering by value (ties by vertex index), reflection, expansion (accepted when it
 * beats the reflected point), outside/inside contraction, shrink toward the best vertex; stops when the value spread
 * is within ftol·max(1, |f_best|) and the simplex is smaller than 1e-9 (max-norm from the best vertex).
 */
function referenceNelderMead(
  f: Fn,
  x0: readonly number[],
  maxIterations: number,
  ftol: number,
): { x: number[]; value: number; iterations: number; converged: boolean; log: number[][] } {
  const n = x0.length;
  const log: number[][] = [];
  const evaluate = (p: number[]): number => {
    log.push([...p]);
    const v = f(Float64Array.from(p));
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const simplex: { p: number[]; v: number }[] = [];
  simplex.push({ p: [...x0], v: evaluate([...x0]) });
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    p[i] = (p[i] as number) + 0.25;
    simplex.push({ p, v: evaluate(p) });
  }
  const gamma = 1 + 2 / n;
  const rho = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;
  let iterations = 0;
  let order = simplex.map((_, i) => i);
  while (iterations < maxIterations) {
    order = [...order].sort((a, b) => {
      const va = simplex[a]!.v;
      const vb = simplex[b]!.v;
      if (va < vb) return -1;
      if (va > vb) return 1;
      return a - b;
    });
    const best = simplex[order[0]!]!;
    const worst = simplex[order[n]!]!;
    if (Number.isFinite(worst.v) && Math.abs(worst.v - best.v) <= ftol * Math.max(1, Math.abs(best.v))) {
      let size = 0;
      for (const k of order.slice(1)) {
        for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(simplex[k]!.p[i]! - best.p[i]!));
      }
      if (size < 1e-9) break;
    }
    const c = new Array<number>(n).fill(0);
    for (const k of order.slice(0, n)) for (let i = 0; i < n; i++) c[i] = c[i]! + simplex[k]!.p[i]! / n;
    const reflected = c.map((ci, i) => ci + (ci - worst.p[i]!));
    const fr = evaluate(reflected);
    const secondWorst = simplex[order[n - 1]!]!.v;
    iterations++;
    if (fr < best.v) {
      const expanded = c.map((ci, i) => ci + gamma * (reflected[i]! - ci));
      const fe = evaluate(expanded);
      if (fe < fr) Object.assign(worst, { p: expanded, v: fe });
      else Object.assign(worst, { p: reflected, v: fr });
      continue;
    }
    if (fr < secondWorst) {
      Object.assign(worst, { p: reflected, v: fr });
      continue;
    }
    const outside = fr < worst.v;
    const contracted = outside
      ? c.map((ci, i) => ci + rho * (reflected[i]! - ci))
      : c.map((ci, i) => ci - rho * (ci - worst.p[i]!));
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : worst.v)) {
      Object.assign(worst, { p: contracted, v: fc });
      continue;
    }
    for (const k of order.slice(1)) {
      const vertex = simplex[k]!;
      vertex.p = vertex.p.map((pi, i) => best.p[i]! + sigma * (pi - best.p[i]!));
      vertex.v = evaluate(vertex.p);
    }
  }
  let bestIndex = 0;
  simplex.forEach((vertex, k) => {
    if (vertex.v < simplex[bestIndex]!.v) bestIndex = k;
  });
  return {
    x: simplex[bestIndex]!.p,
    value: simplex[bestIndex]!.v,
    iterations,
    converged: iterations < maxIterations,
    log,
  };
}

/**
 * Runs `minimize` with a NaN gradient, so that both BFGS passes fail their line search at once (61 calls each: the
 * start point and 60 NaN trials) and the result is the Nelder–Mead phase alone; checks it against the reference.
 */
function checkSimplexPhase(f: Fn, x0: number[], options: { maxIterations?: number; functionTolerance?: number }) {
  const n = x0.length;
  const { f: g, log } = logged(f);
  const r = minimize(g, x0, { ...options, gradient: nanGradient });
  const budget = Math.min(200 * n, options.maxIterations ?? 500);
  const ref = referenceNelderMead(f, x0, budget, options.functionTolerance ?? 1e-13);
  const nan = nanPoint(n);
  expect(log.slice(0, 61)).toEqual([x0, ...Array.from({ length: 60 }, () => nan)]);
  expect(log.slice(61, 61 + ref.log.length)).toEqual(ref.log);
  if (Number.isFinite(ref.value)) {
    expect(log.slice(61 + ref.log.length)).toEqual([ref.x, ...Array.from({ length: 60 }, () => nan)]);
  } else expect(log.length).toBe(61 + ref.log.length);
  expect(Array.from(r.x)).toEqual(ref.x);
  expect(r.value).toBe(ref.value);
  expect(r.iterations).toBe(ref.iterations);
  expect(r.converged).toBe(ref.converged && Number.isFinite(ref.value));
  expect(r.reason).toBe(`${LINE_SEARCH_FAILED}; then ${ref.converged ? COLLAPSED : NM_LIMIT}`);
  expect(r.inverseHessian).toBeUndefined();
  return { r, ref };
}

// ---------------------------------------------------------------------------------------------------------------
// Textbook BFGS (Nocedal & Wright ch. 6) with the documented rules of `minimize`, the inverse-Hessian update written
// as the matrix product (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ.

function matMul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

function bfgsUpdate(H: number[][], s: number[], y: number[]): number[][] {
  const n = s.length;
  const rho = 1 / s.reduce((t, v, i) => t + v * y[i]!, 0);
  const left = s.map((si, i) => y.map((yj, j) => (i === j ? 1 : 0) - rho * si * yj));
  const right = y.map((yi, i) => s.map((sj, j) => (i === j ? 1 : 0) - rho * yi * sj));
  const core = matMul(matMul(left, H), right);
  return core.map((row, i) => row.map((v, j) => v + rho * s[i]! * s[j]!)).slice(0, n);
}

function referenceBfgs(
  f: Fn,
  grad: (x: number[], evaluate: (p: number[]) => number) => number[],
  x0: number[],
  maxIterations: number,
  gtol = 1e-8,
  ftol = 1e-13,
): { x: number[]; value: number; iterations: number; reason: string; H: number[][]; log: number[][] } {
  const n = x0.length;
  const log: number[][] = [];
  const evaluate = (p: number[]): number => {
    log.push([...p]);
    const v = f(Float64Array.from(p));
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const identity = (scale: number): number[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
  let x = [...x0];
  let fx = evaluate(x);
  let g = grad(x, evaluate);
  let H = identity(1);
  let first = true;
  let small = 0;
  const norm = (v: number[]): number => Math.max(0, ...v.map(Math.abs));
  for (let iter = 0; iter < maxIterations; iter++) {
    if (norm(g) <= gtol * Math.max(1, Math.abs(fx)))
      return { x, value: fx, iterations: iter, reason: GRADIENT, H, log };
    const d = H.map((row) => -row.reduce((t, v, j) => t + v * g[j]!, 0));
    const slope = d.reduce((t, v, i) => t + v * g[i]!, 0);
    let step = first && norm(d) > 1 ? 1 / norm(d) : 1;
    let xNew: number[] = [];
    let fNew = Number.POSITIVE_INFINITY;
    let ok = false;
    for (let k = 0; k < 60 && !ok; k++) {
      xNew = x.map((v, i) => v + step * d[i]!);
      fNew = evaluate(xNew);
      if (fNew <= fx + 1e-4 * step * slope) ok = true;
      else step *= Number.isFinite(fNew) ? 0.5 : 0.1;
    }
    if (!ok) return { x, value: fx, iterations: iter, reason: LINE_SEARCH_FAILED, H, log };
    const gNew = grad(xNew, evaluate);
    const s = xNew.map((v, i) => v - x[i]!);
    const y = gNew.map((v, i) => v - g[i]!);
    const change = fx - fNew;
    x = xNew;
    g = gNew;
    fx = fNew;
    if (change <= ftol * Math.max(1, Math.abs(fx))) {
      small++;
      if (small >= 2) return { x, value: fx, iterations: iter + 1, reason: FUNCTION_CHANGE, H, log };
    } else small = 0;
    const sy = s.reduce((t, v, i) => t + v * y[i]!, 0);
    const ss = s.reduce((t, v) => t + v * v, 0);
    const yy = y.reduce((t, v) => t + v * v, 0);
    if (sy > 1e-12 * Math.sqrt(ss * yy)) {
      if (first) {
        H = identity(sy / yy);
        first = false;
      }
      H = bfgsUpdate(H, s, y);
    }
  }
  return { x, value: fx, iterations: maxIterations, reason: ITERATION_LIMIT, H, log };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    expect(Math.abs((actual[i] as number) - e)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
  }
}

function expectLogClose(actual: number[][], expected: number[][], tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) expectClose(actual[k]!, expected[k]!, tol);
}

describe('minimize: BFGS traced on functions solved by hand', () => {
  it('1-d quadratic with central differences: probes x ± 6e-6·max(1,|x|), scales H to sᵀy/yᵀy, Newton step', () => {
    // f = x²/4: f'(1.5) = 0.75 (< 1, so a full first step to 0.75); then H = sᵀy/yᵀy = 2 = 1/f'' and the next step
    // lands on 0.
    const { f, log } = logged((x) => 0.25 * x[0]! ** 2);
    const r = minimize(f, [1.5]);
    const h0 = 6e-6 * 1.5;
    const h1 = 6e-6;
    expect(log.length).toBe(9);
    expect(log.slice(0, 3)).toEqual([[1.5], [1.5 + h0], [1.5 - h0]]);
    expect(log[3]![0]).toBeCloseTo(0.75, 9);
    expect(log[4]![0]).toBe(log[3]![0]! + h1);
    expect(log[5]![0]).toBe(log[3]![0]! - h1);
    expect(Math.abs(log[6]![0]!)).toBeLessThan(1e-9);
    expect(log[7]![0]).toBe(log[6]![0]! + h1);
    expect(log[8]![0]).toBe(log[6]![0]! - h1);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(2);
    expect(r.reason).toBe(GRADIENT);
    expect(r.inverseHessian!.length).toBe(1);
    expect(r.inverseHessian![0]).toBeCloseTo(2, 6);
    expect(Math.abs(r.x[0]!)).toBeLessThan(1e-9);
    expect(r.value).toBe(0.25 * r.x[0]! ** 2);
  });

  it('falls back to a backward difference when f(x + h) is not finite', () => {
    // f = x²/4 on x ≤ 1, start 1: g = (f(1) − f(1 − h))/h = 0.5 − h/4, so the first step lands on 0.5 + h/4.
    const { f, log } = logged((x) => (x[0]! <= 1 ? 0.25 * x[0]! ** 2 : Number.POSITIVE_INFINITY));
    const r = minimize(f, [1], { maxIterations: 1 });
    const h = 6e-6;
    expect(log.slice(0, 4)).toEqual([[1], [1 + h], [1 - h], [1]]);
    expect(log[4]![0]).toBeCloseTo(0.5 + h / 4, 10);
    expect(r.x[0]).toBeLessThan(0.5);
  });

  it('falls back to a forward difference when f(x − h) is not finite', () => {
    // f = (x − 2)²/4 on x ≥ 1, start 1: g = (f(1 + h) − f(1))/h = −0.5 + h/4, first step to 1.5 − h/4.
    const { f, log } = logged((x) => (x[0]! >= 1 ? 0.25 * (x[0]! - 2) ** 2 : Number.POSITIVE_INFINITY));
    const r = minimize(f, [1], { maxIterations: 1 });
    const h = 6e-6;
    expect(log.slice(0, 4)).toEqual([[1], [1 + h], [1 - h], [1]]);
    expect(log[4]![0]).toBeCloseTo(1.5 - h / 4, 10);
    expect(r.x[0]).toBeGreaterThan(1.5);
  });

  it('a zero numeric gradient when both neighbours are outside the domain: converged at once', () => {
    const { f, log } = logged((x) => (x[0] === 1 && x[1] === -3 ? 5 : Number.POSITIVE_INFINITY));
    const r = minimize(f, [1, -3]);
    expect(log.length).toBe(1 + 2 * 3);
    expect(r).toEqual({
      x: Float64Array.from([1, -3]),
      value: 5,
      iterations: 0,
      converged: true,
      reason: GRADIENT,
      inverseHessian: Float64Array.from([1, 0, 0, 1]),
    });
  });

  it('stops at once when the gradient is zero at the start, returning the identity as inverse Hessian', () => {
    const f: Fn = (x) => 0.5 * (x[0]! ** 2 + x[1]! ** 2);
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
      out[1] = x[1]!;
    };
    const r = minimize(f, [0, 0], { gradient });
    expect(r).toEqual({
      x: Float64Array.from([0, 0]),
      value: 0,
      iterations: 0,
      converged: true,
      reason: GRADIENT,
      inverseHessian: Float64Array.from([1, 0, 0, 1]),
    });
  });

  it('uses an initial inverse Hessian of the right size, ignores one of another size', () => {
    const f: Fn = (x) => 0.5 * (x[0]! ** 2 + x[1]! ** 2);
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
      out[1] = x[1]!;
    };
    const used = minimize(f, [0, 0], { gradient, initialInverseHessian: Float64Array.from([2, 0.5, 0.5, 3]) });
    expect(Array.from(used.inverseHessian!)).toEqual([2, 0.5, 0.5, 3]);
    const ignored = minimize(f, [0, 0], { gradient, initialInverseHessian: Float64Array.from([5]) });
    expect(Array.from(ignored.inverseHessian!)).toEqual([1, 0, 0, 1]);
  });

  it('the gradient test uses the largest |∂f/∂x_i| (not the last one)', () => {
    // f = ½|x|² from (0.5, 0.125) with gtol 0.2: max |g| = 0.5 > 0.2, one full step to the origin, then g = 0.
    const f: Fn = (x) => 0.5 * (x[0]! ** 2 + x[1]! ** 2);
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
      out[1] = x[1]!;
    };
    const { f: g, log } = logged(f);
    const r = minimize(g, [0.5, 0.125], { gradient, gradientTolerance: 0.2 });
    expect(log).toEqual([
      [0.5, 0.125],
      [0, 0],
    ]);
    expect(r.iterations).toBe(1);
    expect(r.converged).toBe(true);
    expect(r.reason).toBe(GRADIENT);
    expectClose(r.inverseHessian!, [1, 0, 0, 1], 1e-15);
  });

  it('the gradient test is ≤ gtol·max(1, |f|): equality stops, and |f| > 1 scales the tolerance', () => {
    // f(0.5, 0.125) = 4 exactly, g = (0.5, 0.125), gtol 0.125: 0.5 ≤ 0.125·4.
    const f: Fn = (x) => 4 + 0.5 * (x[0]! ** 2 - 0.25) + 0.5 * (x[1]! ** 2 - 0.015625);
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
      out[1] = x[1]!;
    };
    const r = minimize(f, [0.5, 0.125], { gradient, gradientTolerance: 0.125 });
    expect(r.value).toBe(4);
    expect(r.iterations).toBe(0);
    expect(r.converged).toBe(true);
    expect(r.reason).toBe(GRADIENT);
  });

  it('limits only the first step to max-norm 1, and not on a warm start', () => {
    // f = ½x², start 4: cold, the first step is scaled to length 1 (to 3), then H = 1 and a Newton step to 0.
    const f: Fn = (x) => 0.5 * x[0]! ** 2;
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
    };
    const cold = logged(f);
    const rc = minimize(cold.f, [4], { gradient });
    expect(cold.log).toEqual([[4], [3], [0]]);
    expect(rc.iterations).toBe(2);
    expect(Array.from(rc.inverseHessian!)).toEqual([1]);
    // Warm (H = 1 given): no scaling of the first step, straight to 0.
    const warm = logged(f);
    const rw = minimize(warm.f, [4], { gradient, initialInverseHessian: Float64Array.from([1]) });
    expect(warm.log).toEqual([[4], [0]]);
    expect(rw.iterations).toBe(1);
    expect(rw.reason).toBe(GRADIENT);
    expect(Array.from(rw.inverseHessian!)).toEqual([1]);
  });

  it('a warm start is not rescaled by sᵀy/yᵀy at the first update', () => {
    // f = ½(x² + 4y²) from (1, 1) with H0 = diag(1, 0.5): step −H0 g = (−1, −2) lands on (0, −1) (f 2.5 → 2);
    // then H ← BFGS(H0, s, y) without the scaling, and the next trial point is x − H g.
    const f: Fn = (x) => 0.5 * (x[0]! ** 2 + 4 * x[1]! ** 2);
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
      out[1] = 4 * x[1]!;
    };
    const { f: g, log } = logged(f);
    minimize(g, [1, 1], { gradient, initialInverseHessian: Float64Array.from([1, 0, 0, 0.5]), maxIterations: 2 });
    expect(log.slice(0, 2)).toEqual([
      [1, 1],
      [0, -1],
    ]);
    const H = bfgsUpdate(
      [
        [1, 0],
        [0, 0.5],
      ],
      [-1, -2],
      [-1, -8],
    );
    const g1 = [0, -4];
    const expected = [0 - (H[0]![0]! * g1[0]! + H[0]![1]! * g1[1]!), -1 - (H[1]![0]! * g1[0]! + H[1]![1]! * g1[1]!)];
    expectClose(log[2]!, expected, 1e-14);
  });

  it('resets to steepest descent (with the first-step limit) when −H g is not a descent direction', () => {
    // H0 = −1: d = +4 is uphill; reset to d = −4 scaled to length 1 → 3, then H = 1 → 0.
    const f: Fn = (x) => 0.5 * x[0]! ** 2;
    const gradient: Grad = (x, out) => {
      out[0] = x[0]!;
    };
    const { f: g, log } = logged(f);
    const r = minimize(g, [4], { gradient, initialInverseHessian: Float64Array.from([-1]) });
    expect(log).toEqual([[4], [3], [0]]);
    expect(r.iterations).toBe(2);
    expect(r.reason).toBe(GRADIENT);
    expect(Array.from(r.inverseHessian!)).toEqual([1]);
    // H0 = 0 gives slope 0, which is not a descent either.
    const zero = logged(f);
    const rz = minimize(zero.f, [4], { gradient, initialInverseHessian: Float64Array.from([0]) });
    expect(zero.log).toEqual([[4], [3], [0]]);
    expect(rz.x[0]).toBe(0);
  });

  it('after a reset H is the identity, d = −g, the slope −gᵀg enters the Armijo test', () => {
    // Scripted: g ≡ (2, 0.5), H0 = 0. Reset: d = (−2, −0.5), slope −4.25, step 1/2 → (−1, −0.25), where f = −1.5e-4
    // misses the Armijo bound −1e-4·½·4.25 = −2.125e-4; step ¼ → (−0.5, −0.125), f = −4. Then g is unchanged
    // (no BFGS update) and 2 ≤ 0.5·|−4|: stop with H = I.
    const gradient: Grad = (_x, out) => {
      out[0] = 2;
      out[1] = 0.5;
    };
    const { f, log } = logged((x) => {
      if (x[0] === 0 && x[1] === 0) return 0;
      if (x[0] === -1 && x[1] === -0.25) return -1.5e-4;
      return -4;
    });
    const r = minimize(f, [0, 0], {
      gradient,
      gradientTolerance: 0.5,
      initialInverseHessian: new Float64Array(4),
    });
    expect(log).toEqual([
      [0, 0],
      [-1, -0.25],
      [-0.5, -0.125],
    ]);
    expect(r).toEqual({
      x: Float64Array.from([-0.5, -0.125]),
      value: -4,
      iterations: 1,
      converged: true,
      reason: GRADIENT,
      inverseHessian: Float64Array.from([1, 0, 0, 1]),
    });
  });

  it('Armijo: accepts f exactly at fx + 1e-4·step·slope, rejects just above, then tries step/2', () => {
    const gradient: Grad = (_x, out) => {
      out[0] = 1;
    };
    // slope −1, step 1: the bound is 1 − 1e-4.
    const exact = logged((x) => (x[0] === 0 ? 1 : x[0] === -1 ? 1 + 1e-4 * 1 * -1 : 5));
    const r = minimize(exact.f, [0], { gradient, maxIterations: 1 });
    expect(exact.log.slice(0, 3)).toEqual([[0], [-1], [-1]]);
    expect(r.x[0]).toBe(-1);
    // 1 − 5e-5 at −1 is not enough; at −0.5 the bound is 1 − 5e-5 and 1 − 1e-4 passes it.
    const above = logged((x) => (x[0] === 0 ? 1 : x[0] === -1 ? 1 - 5e-5 : x[0] === -0.5 ? 1 - 1e-4 : 5));
    const r2 = minimize(above.f, [0], { gradient, maxIterations: 1 });
    expect(above.log.slice(0, 4)).toEqual([[0], [-1], [-0.5], [-0.5]]);
    expect(r2.x[0]).toBe(-0.5);
    expect(r2.value).toBe(1 - 1e-4);
  });

  it('a failed line search tries exactly 60 steps (×0.1 after a non-finite value), then Nelder–Mead', () => {
    // f = 1 at 0, ∞ elsewhere, g ≡ 1: every trial is ∞. Nelder–Mead (n = 1: γ = 3, ρ = ¼, σ = 0) reflects to
    // −0.25 (∞), contracts inside to 0.0625 (∞), shrinks onto 0 and stops; BFGS fails again from 0.
    const gradient: Grad = (_x, out) => {
      out[0] = 1;
    };
    const { f, log } = logged((x) => (x[0] === 0 ? 1 : Number.POSITIVE_INFINITY));
    const r = minimize(f, [0], { gradient });
    const trials: number[][] = [];
    let step = 1;
    for (let k = 0; k < 60; k++) {
      trials.push([0 + step * -1]);
      step *= 0.1;
    }
    expect(log).toEqual([[0], ...trials, [0], [0.25], [-0.25], [0.0625], [0], [0], ...trials]);
    expect(r).toEqual({
      x: Float64Array.from([0]),
      value: 1,
      iterations: 1,
      converged: true,
      reason: `${LINE_SEARCH_FAILED}; then ${COLLAPSED}`,
    });
  });

  it('a non-finite start: Nelder–Mead runs its full budget min(200·n, maxIterations) and no second BFGS', () => {
    const { f, log } = logged(() => Number.NaN);
    const r = minimize(f, [0, 0]);
    // 1 (BFGS) + 3 (simplex) + 400 iterations × (reflection, contraction, 2 shrunk vertices); no second BFGS.
    expect(log.length).toBe(1 + 3 + 400 * 4);
    expect(r).toEqual({
      x: Float64Array.from([0, 0]),
      value: Number.POSITIVE_INFINITY,
      iterations: 400,
      converged: false,
      reason: `${NOT_FINITE}; then ${NM_LIMIT}`,
    });
    const capped = minimize(() => Number.POSITIVE_INFINITY, [1], { maxIterations: 7 });
    expect(capped.iterations).toBe(7);
    expect(capped.reason).toBe(`${NOT_FINITE}; then ${NM_LIMIT}`);
    expect(minimize(() => Number.POSITIVE_INFINITY, [1]).iterations).toBe(200);
  });

  it('stops when the function change is ≤ ftol·max(1, |f|) twice in a row (equality counts)', () => {
    // f = x², but the gradient handed over is x/2 (half): from 1, step to 0.5 (change 0.75 = ftol), H ← 2,
    // step to 0 (change 0.25): two small changes → stop before the update, iterations 2, H = 2.
    const gradient: Grad = (x, out) => {
      out[0] = x[0]! / 2;
    };
    const { f, log } = logged((x) => x[0]! ** 2);
    const r = minimize(f, [1], { gradient, functionTolerance: 0.75 });
    expect(log).toEqual([[1], [0.5], [0]]);
    expect(r).toEqual({
      x: Float64Array.from([0]),
      value: 0,
      iterations: 2,
      converged: true,
      reason: FUNCTION_CHANGE,
      inverseHessian: Float64Array.from([2]),
    });
  });

  it('the function-change tolerance scales with |f| > 1 and needs two consecutive small changes', () => {
    // f = 10 + x⁴/4 from 0.5, ftol 0.005 (threshold ≈ 0.05): changes ≈ 0.0107 and ≈ 0.0033.
    const gradient: Grad = (x, out) => {
      out[0] = x[0]! ** 3;
    };
    const f: Fn = (x) => 10 + x[0]! ** 4 / 4;
    const { f: g, log } = logged(f);
    const r = minimize(g, [0.5], { gradient, functionTolerance: 0.005 });
    expect(log.length).toBe(3);
    expect(log[1]).toEqual([0.375]);
    expect(r.iterations).toBe(2);
    expect(r.converged).toBe(true);
    expect(r.reason).toBe(FUNCTION_CHANGE);
    // second step: H = s/y = −0.125/(0.375³ − 0.125)
    const H = -0.125 / (0.375 ** 3 - 0.125);
    expect(r.x[0]).toBeCloseTo(0.375 - H * 0.375 ** 3, 14);
    expect(r.inverseHessian![0]).toBeCloseTo(H, 13);
  });

  it('skips the BFGS update when sᵀy ≤ 1e-12·|s|·|y| (scripted gradients)', () => {
    // g0 = (1, 0) → step to (−1, 0); g1 = (1 − 1e-12, 100): sᵀy = 1e-12 ≤ 1e-12·1·100. No update, so the first-step
    // limit still applies: d = −g1, step 1/100.
    let calls = 0;
    const gradient: Grad = (_x, out) => {
      calls++;
      out[0] = calls === 1 ? 1 : 1 - 1e-12;
      out[1] = calls === 1 ? 0 : 100;
    };
    const { f, log } = logged((x) => (x[0] === 0 && x[1] === 0 ? 10 : 9 - Math.abs(x[1]!)));
    minimize(f, [0, 0], { gradient, maxIterations: 2 });
    expect(log.slice(0, 3)).toEqual([
      [0, 0],
      [-1, 0],
      [-1 + 0.01 * -(1 - 1e-12), 0.01 * -100],
    ]);
  });

  it('follows the textbook BFGS iterates on a 3-d quadratic (analytic gradient)', () => {
    const A = [
      [4, 1, 0.5],
      [1, 3, -0.25],
      [0.5, -0.25, 2],
    ];
    const c = [1, -2, 0.5];
    const f: Fn = (x) => {
      let s = 7;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += 0.5 * (x[i]! - c[i]!) * A[i]![j]! * (x[j]! - c[j]!);
      return s;
    };
    const grad = (x: ArrayLike<number>): number[] =>
      A.map((row) => row.reduce((s, a, j) => s + a * (x[j]! - c[j]!), 0));
    const gradient: Grad = (x, out) => out.set(grad(x));
    const { f: g, log } = logged(f);
    const r = minimize(g, [3, 2, -1], { gradient });
    const ref = referenceBfgs(f, grad, [3, 2, -1], 500);
    expect(ref.reason).toBe(GRADIENT);
    expectLogClose(log, ref.log, 1e-9);
    expect(r.iterations).toBe(ref.iterations);
    expect(r.reason).toBe(GRADIENT);
    expect(r.converged).toBe(true);
    expectClose(r.x, c, 1e-9);
    expect(r.value).toBeCloseTo(7, 12);
    expectClose(r.inverseHessian!, ref.H.flat(), 1e-7);
  });

  it('follows the textbook BFGS iterates on Rosenbrock with numeric gradients for 12 iterations', () => {
    const rosen: Fn = (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    // Central differences, step 6e-6·max(1, |x_i|) (Nocedal & Wright §8.1), the probes going through the log.
    const central = (x: number[], evaluate: (p: number[]) => number): number[] =>
      x.map((xi, i) => {
        const h = 6e-6 * Math.max(1, Math.abs(xi));
        const fp = evaluate(x.map((v, j) => (j === i ? xi + h : v)));
        const fm = evaluate(x.map((v, j) => (j === i ? xi - h : v)));
        return (fp - fm) / (2 * h);
      });
    const { f, log } = logged(rosen);
    const r = minimize(f, [-1.2, 1], { maxIterations: 12 });
    const ref = referenceBfgs(rosen, central, [-1.2, 1], 12);
    expect(ref.reason).toBe(ITERATION_LIMIT);
    expectLogClose(log.slice(0, ref.log.length), ref.log, 1e-8);
    // Then Nelder–Mead from the 12th iterate, starting with that point and the +0.25 vertices.
    const x12 = ref.x;
    expectClose(log[ref.log.length]!, x12, 1e-8);
    expectClose(log[ref.log.length + 1]!, [x12[0]! + 0.25, x12[1]!], 1e-8);
    expectClose(log[ref.log.length + 2]!, [x12[0]!, x12[1]! + 0.25], 1e-8);
    expect(r.value).toBeLessThan(ref.value);
  });
});

describe('minimize: the Nelder–Mead phase against a textbook simplex', () => {
  it('2-d Rosenbrock: reflection, expansion, both contractions and the collapse test', () => {
    const rosen: Fn = (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const { r, ref } = checkSimplexPhase(rosen, [-1.2, 1], {});
    expect(ref.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
  });

  it('3-d quadratic with minimum value 5 (n = 3: γ = 5/3, ρ = 7/12, σ = 2/3)', () => {
    const f: Fn = (x) =>
      5 + (x[0]! - 1) ** 2 + 2 * (x[1]! + 0.5) ** 2 + 3 * (x[2]! - 0.25) ** 2 + (x[0]! - 1) * (x[1]! + 0.5);
    const { ref } = checkSimplexPhase(f, [0, 0, 0], {});
    expect(ref.converged).toBe(true);
  });

  it('a kinked objective: the value-spread test binds (scaled by |f| = 5) before the size test', () => {
    const f: Fn = (x) => 5 + 1e-3 * (Math.abs(x[0]! - 0.3) + Math.abs(x[1]! + 0.2));
    const { ref } = checkSimplexPhase(f, [0, 0], {});
    expect(ref.converged).toBe(true);
  });

  it('a steep kink never meets the value test: runs to the iteration limit', () => {
    const f: Fn = (x) => 1e6 * (Math.abs(x[0]! - 0.3) + Math.abs(x[1]! + 0.2));
    const { ref } = checkSimplexPhase(f, [0, 0], { maxIterations: 150 });
    expect(ref.converged).toBe(false);
    expect(ref.iterations).toBe(150);
  });

  it('a plateau with ftol = 0: equal values count as within tolerance', () => {
    const f: Fn = (x) => Math.max(0, (x[0]! - 1) ** 2 + (x[1]! - 1) ** 2 - 0.04);
    const { ref } = checkSimplexPhase(f, [0, 0], { functionTolerance: 0 });
    expect(ref.converged).toBe(true);
    expect(ref.value).toBe(0);
  });

  it('an expansion that only ties the reflected value is not taken', () => {
    // f = 0 on the half-plane x + y ≥ 1: from (0.5, 0.2) the reflected point (0.75, 0.45) and the expanded point
    // (0.875, 0.575) both give 0 < f_best = 0.05; the reflected point is kept.
    const f: Fn = (x) => Math.max(0, 1 - x[0]! - x[1]!);
    const { f: g, log } = logged(f);
    minimize(g, [0.5, 0.2], { gradient: nanGradient, maxIterations: 1 });
    expect(log.slice(61, 66)).toEqual([
      [0.5, 0.2],
      [0.75, 0.2],
      [0.5, 0.45],
      [0.75, 0.45],
      [0.875, 0.575],
    ]);
    expect(log[66]).toEqual([0.75, 0.45]);
    checkSimplexPhase(f, [0.5, 0.2], {});
  });

  it('an objective that is infinite on part of the simplex, 1-d and 2-d', () => {
    const f1: Fn = (x) => (x[0]! < -0.1 ? Number.POSITIVE_INFINITY : (x[0]! - 2) ** 2);
    checkSimplexPhase(f1, [0], {});
    const f2: Fn = (x) => (x[0]! + x[1]! > 0.3 ? Number.NaN : (x[0]! + 1) ** 2 + (x[1]! - 0.5) ** 2);
    checkSimplexPhase(f2, [0, 0], { maxIterations: 300 });
  });

  it('4-d with a short budget ends at the Nelder–Mead iteration limit', () => {
    const f: Fn = (x) => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2, 0);
    const { ref } = checkSimplexPhase(f, [0, 0, 0, 0], { maxIterations: 25 });
    expect(ref.converged).toBe(false);
  });
});

describe('minimize: combining the phases', () => {
  it('a second BFGS that converges is returned with the iterations of all three phases', () => {
    // NaN gradient only at the start: the first BFGS fails, Nelder–Mead runs 5 iterations (no collapse), the second
    // BFGS from its best point (within 1 of the minimum 3 of ½(x − 3)²) needs one full step.
    const gradient: Grad = (x, out) => {
      out[0] = x[0] === 2.9 ? Number.NaN : x[0]! - 3;
    };
    const f: Fn = (x) => 0.5 * (x[0]! - 3) ** 2;
    const r = minimize(f, [2.9], { gradient, maxIterations: 5 });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe(GRADIENT);
    expect(r.iterations).toBe(0 + 5 + 1);
    expect(r.x[0]).toBeCloseTo(3, 12);
    expect(r.inverseHessian).toEqual(Float64Array.from([1]));
  });

  it('returns the second BFGS point when no phase converges but the second BFGS improved', () => {
    const rosen: Fn = (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const grad = (x: ArrayLike<number>): number[] => [
      -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!),
      200 * (x[1]! - x[0]! ** 2),
    ];
    const r = minimize(rosen, [-1.2, 1], { maxIterations: 2, gradient: (x, out) => out.set(grad(x)) });
    const first = referenceBfgs(rosen, grad, [-1.2, 1], 2);
    const simplex = referenceNelderMead(rosen, first.x, 2, 1e-13);
    const second = referenceBfgs(rosen, grad, simplex.x, 2);
    expect(first.reason).toBe(ITERATION_LIMIT);
    expect(second.reason).toBe(ITERATION_LIMIT);
    expect(second.value).toBeLessThan(simplex.value);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe(`${ITERATION_LIMIT}; then ${NM_LIMIT}`);
    expect(r.iterations).toBe(2 + 2 + 2);
    expect(r.inverseHessian).toBeUndefined();
    expectClose(r.x, second.x, 1e-9);
    expect(r.value).toBeCloseTo(second.value, 10);
    expect(r.value).toBe(rosen(r.x));
  });
});

describe('minimize: ties between the phases', () => {
  it('keeps the second BFGS point when it only ties the best value', () => {
    // f ≡ 1 with g ≡ 1: a step is accepted only once 1e-4·step vanishes beside 1 (the Armijo bound rounds to 1), so
    // each BFGS pass moves by that step σ without lowering f. Nelder–Mead (1 iteration) keeps its start point; the
    // second BFGS point −2σ ties the best value and is returned.
    let sigma = 1;
    while (!(1 <= 1 + 1e-4 * sigma * -1)) sigma *= 0.5;
    const r = minimize(() => 1, [0], {
      gradient: (_x, out) => {
        out[0] = 1;
      },
      maxIterations: 1,
    });
    expect(r.x[0]).toBe(-2 * sigma);
    expect(r.value).toBe(1);
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe(`${ITERATION_LIMIT}; then ${NM_LIMIT}`);
  });
});

describe('numericHessian', () => {
  it('probes x ± step·max(1, |x_i|) and gives the analytic Hessian of a cubic', () => {
    // f = x³ + x y² + 2 y z + z⁴ ⇒ H = [[6x, 2y, 0], [2y, 2x, 2], [0, 2, 12z²]]
    const f: Fn = (v) => v[0]! ** 3 + v[0]! * v[1]! ** 2 + 2 * v[1]! * v[2]! + v[2]! ** 4;
    const { f: g, log } = logged(f);
    const x = [3, -2, 0.5];
    const H = numericHessian(g, x);
    expect(log.slice(0, 3)).toEqual([x, [3 + 3e-4, -2, 0.5], [3 - 3e-4, -2, 0.5]]);
    expect(log[3]).toEqual([3, -2 + 2e-4, 0.5]);
    expect(log[5]).toEqual([3 + 3e-4, -2 + 2e-4, 0.5]);
    const exact = [18, -4, 0, -4, 6, 2, 0, 2, 3];
    for (let i = 0; i < 9; i++) expect(H[i]).toBeCloseTo(exact[i]!, 6);
    // z entry: h = 1e-4 (|z| < 1); (f(z+h) − 2f + f(z−h))/h² = 12z² + 2h² exactly for z⁴
    expect(H[8]).toBeCloseTo(3 + 2e-8, 6);
    expect(H[5]).toBe(H[7]);
    expect(H[1]).toBe(H[3]);
  });

  it('honours a custom step', () => {
    const { f, log } = logged((v) => v[0]! ** 2);
    numericHessian(f, [5], 1e-3);
    expect(log).toEqual([[5], [5 + 5e-3], [5 - 5e-3]]);
  });
});

describe('invertSymmetric: non-finite cases', () => {
  it('returns undefined for an infinite diagonal entry', () => {
    expect(invertSymmetric(Float64Array.from([1, 0, 0, Number.POSITIVE_INFINITY]), 2)).toBeUndefined();
    expect(invertSymmetric(Float64Array.from([Number.POSITIVE_INFINITY]), 1)).toBeUndefined();
  });

  it('returns undefined when the inverse overflows', () => {
    // 1e-320 is subnormal; 1/1e-320 = ∞
    expect(invertSymmetric(Float64Array.from([1e-320]), 1)).toBeUndefined();
    expect(invertSymmetric(Float64Array.from([4, 0, 0, 1e-320]), 2)).toBeUndefined();
  });

  it('inverts a 3×3 SPD matrix exactly', () => {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], det = 4(15 − 1) − 2(6) = 44; adjugate / 44
    const inv = invertSymmetric(Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]), 3)!;
    const exact = [14, -6, 2, -6, 12, -4, 2, -4, 16].map((v) => v / 44);
    for (let i = 0; i < 9; i++) expect(inv[i]).toBeCloseTo(exact[i]!, 14);
  });
});
