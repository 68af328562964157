/**
 * Unconstrained minimization for maximum-likelihood fits: BFGS with a backtracking (Armijo) line search,
 * analytic or central-difference gradients, and Nelder–Mead as a fallback when BFGS stalls; plus a
 * finite-difference Hessian and an SPD inverse for standard errors.
 *
 * Callers optimize positive parameters in log space, so the domain is all of R^n; the objective may return
 * `Infinity` (or NaN, read as `Infinity`) at points it cannot evaluate, and the line search backs off from them.
 * Everything is deterministic: no random restarts, no clock.
 *
 * References: Nocedal & Wright (2006), *Numerical Optimization*, 2nd ed., Springer, ch. 3 (line search),
 * ch. 6 (BFGS, eq. 6.17 and the initial scaling 6.20), ch. 8 (finite differences), doi:10.1007/978-0-387-40065-5;
 * Nelder & Mead (1965), "A simplex method for function minimization", The Computer Journal 7(4),
 * doi:10.1093/comjnl/7.4.308; Lagarias et al. (1998), SIAM J. Optim. 9(1), doi:10.1137/S1052623496303470.
 * @module
 */

/** Stopping rules of {@link minimize}. */
export interface MinimizeOptions {
  /** Maximum BFGS iterations (default 500); Nelder–Mead, when used, gets min(200·n, maxIterations) more. */
  maxIterations?: number;
  /** Stop when max |∂f/∂x_i| ≤ gradientTolerance · max(1, |f|) (default 1e-8). */
  gradientTolerance?: number;
  /** Stop when an accepted step changes f by at most functionTolerance · max(1, |f|) twice in a row (default 1e-13). */
  functionTolerance?: number;
  /**
   * Start BFGS from this inverse-Hessian approximation (row-major n×n, symmetric positive definite), e.g. the
   * `inverseHessian` of a previous fit on a subsample; default the identity with Nocedal & Wright's first-step scaling.
   */
  initialInverseHessian?: Float64Array;
}

/** What {@link minimize} returns. */
export interface MinimizeResult {
  /** The best point found. */
  x: Float64Array;
  /** f at `x`. */
  value: number;
  /** Iterations used (BFGS plus Nelder–Mead). */
  iterations: number;
  /** Whether a stopping tolerance was met (as opposed to the iteration limit or a failed line search). */
  converged: boolean;
  /** Why the search stopped, in words. */
  reason: string;
  /** BFGS's final inverse-Hessian approximation (row-major n×n), when BFGS produced the result. */
  inverseHessian?: Float64Array;
}

const finiteOrInf = (v: number): number => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v);

function centralGradient(f: (x: Float64Array) => number, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  const probe = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    // Step ≈ ε^(1/3) scaled to the coordinate: balances truncation and rounding error (Nocedal & Wright §8.1).
    const h = 6e-6 * Math.max(1, Math.abs(xi));
    probe[i] = xi + h;
    const fp = finiteOrInf(f(probe));
    probe[i] = xi - h;
    const fm = finiteOrInf(f(probe));
    probe[i] = xi;
    if (Number.isFinite(fp) && Number.isFinite(fm)) out[i] = (fp - fm) / (2 * h);
    else {
      // One side is outside the domain: fall back to a one-sided difference.
      const f0 = finiteOrInf(f(probe));
      if (Number.isFinite(fp)) out[i] = (fp - f0) / h;
      else if (Number.isFinite(fm)) out[i] = (f0 - fm) / h;
      else out[i] = 0;
    }
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i] as number);
    if (a > m || Number.isNaN(a)) m = Number.isNaN(a) ? Number.POSITIVE_INFINITY : a;
  }
  return m;
}

interface BfgsOutcome {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  reason: string;
  inverseHessian?: Float64Array;
}

function bfgs(
  f: (x: Float64Array) => number,
  start: Float64Array,
  grad: (x: Float64Array, out: Float64Array) => void,
  maxIterations: number,
  gtol: number,
  ftol: number,
  initialInverseHessian?: Float64Array,
): BfgsOutcome {
  const n = start.length;
  const x = Float64Array.from(start);
  let fx = finiteOrInf(f(x));
  if (!Number.isFinite(fx)) {
    return { x, value: fx, iterations: 0, converged: false, reason: 'the objective is not finite at the start point' };
  }
  const g = new Float64Array(n);
  grad(x, g);
  const H = new Float64Array(n * n); // inverse Hessian approximation
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  if (initialInverseHessian !== undefined && initialInverseHessian.length === n * n) H.set(initialInverseHessian);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let smallSteps = 0;
  let firstUpdate = initialInverseHessian === undefined;
  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) <= gtol * Math.max(1, Math.abs(fx))) {
      return { x, value: fx, iterations: iter, converged: true, reason: 'gradient below tolerance', inverseHessian: H };
    }
    // d = −H g
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= (H[i * n + j] as number) * (g[j] as number);
      d[i] = v;
      slope += v * (g[i] as number);
    }
    if (!(slope < 0)) {
      // Not a descent direction (H lost positive definiteness numerically): reset to steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) H[i * n + i] = 1;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -(g[i] as number);
        slope -= (g[i] as number) * (g[i] as number);
      }
      firstUpdate = true;
    }
    // On the first step, keep the step length ≤ 1 in log-parameter space.
    let step = 1;
    if (firstUpdate) {
      const norm = maxAbs(d);
      if (norm > 1) step = 1 / norm;
    }
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (d[i] as number);
      fNew = finiteOrInf(f(xNew));
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= Number.isFinite(fNew) ? 0.5 : 0.1;
    }
    if (!accepted) {
      return {
        x,
        value: fx,
        iterations: iter,
        converged: false,
        reason: 'the line search found no decrease along the BFGS direction',
      };
    }
    grad(xNew, gNew);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (g[i] as number);
      sy += (s[i] as number) * (y[i] as number);
    }
    const change = fx - fNew;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (change <= ftol * Math.max(1, Math.abs(fx))) {
      smallSteps++;
      if (smallSteps >= 2) {
        return {
          x,
          value: fx,
          iterations: iter + 1,
          converged: true,
          reason: 'function change below tolerance',
          inverseHessian: H,
        };
      }
    } else smallSteps = 0;
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstUpdate) {
        // Scale the initial inverse Hessian by sᵀy / yᵀy (Nocedal & Wright eq. 6.20).
        const scale = sy / dot(y, y);
        H.fill(0);
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
        firstUpdate = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1/(yᵀs)
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (H[i * n + j] as number) * (y[j] as number);
        Hy[i] = v;
        yHy += (y[i] as number) * v;
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const si = s[i] as number;
          const sj = s[j] as number;
          H[i * n + j] =
            (H[i * n + j] as number) -
            rho * ((Hy[i] as number) * sj + si * (Hy[j] as number)) +
            (rho * rho * yHy + rho) * si * sj;
        }
      }
    }
  }
  return { x, value: fx, iterations: maxIterations, converged: false, reason: 'iteration limit reached' };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function nelderMead(
  f: (x: Float64Array) => number,
  start: Float64Array,
  maxIterations: number,
  ftol: number,
): BfgsOutcome {
  const n = start.length;
  const points: Float64Array[] = [];
  const values: number[] = [];
  points.push(Float64Array.from(start));
  values.push(finiteOrInf(f(start)));
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(start);
    p[i] = (p[i] as number) + 0.25;
    points.push(p);
    values.push(finiteOrInf(f(p)));
  }
  // Adaptive coefficients for higher dimensions (Gao & Han 2012, doi:10.1007/s10589-010-9329-3); standard for n ≤ 2.
  const alpha = 1;
  const gamma = 1 + 2 / n;
  const rhoC = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const trial2 = new Float64Array(n);
  let iter = 0;
  for (; iter < maxIterations; iter++) {
    order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    const best = order[0] as number;
    const worst = order[n] as number;
    const fb = values[best] as number;
    const fw = values[worst] as number;
    if (Number.isFinite(fw) && Math.abs(fw - fb) <= ftol * Math.max(1, Math.abs(fb))) {
      let size = 0;
      for (let k = 1; k <= n; k++) {
        const p = points[order[k] as number] as Float64Array;
        const pb = points[best] as Float64Array;
        for (let i = 0; i < n; i++) size = Math.max(size, Math.abs((p[i] as number) - (pb[i] as number)));
      }
      if (size < 1e-9) break;
    }
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k] as number] as Float64Array;
      for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (p[i] as number) / n;
    }
    const pw = points[worst] as Float64Array;
    for (let i = 0; i < n; i++)
      trial[i] = (centroid[i] as number) + alpha * ((centroid[i] as number) - (pw[i] as number));
    const fr = finiteOrInf(f(trial));
    const fSecondWorst = values[order[n - 1] as number] as number;
    if (fr < fb) {
      for (let i = 0; i < n; i++)
        trial2[i] = (centroid[i] as number) + gamma * ((trial[i] as number) - (centroid[i] as number));
      const fe = finiteOrInf(f(trial2));
      if (fe < fr) {
        pw.set(trial2);
        values[worst] = fe;
      } else {
        pw.set(trial);
        values[worst] = fr;
      }
      continue;
    }
    if (fr < fSecondWorst) {
      pw.set(trial);
      values[worst] = fr;
      continue;
    }
    const outside = fr < fw;
    for (let i = 0; i < n; i++) {
      const c = centroid[i] as number;
      trial2[i] = outside ? c + rhoC * ((trial[i] as number) - c) : c - rhoC * (c - (pw[i] as number));
    }
    const fc = finiteOrInf(f(trial2));
    if (fc < (outside ? fr : fw)) {
      pw.set(trial2);
      values[worst] = fc;
      continue;
    }
    const pb = points[best] as Float64Array;
    for (let k = 1; k <= n; k++) {
      const idx = order[k] as number;
      const p = points[idx] as Float64Array;
      for (let i = 0; i < n; i++) p[i] = (pb[i] as number) + sigma * ((p[i] as number) - (pb[i] as number));
      values[idx] = finiteOrInf(f(p));
    }
  }
  let bestIndex = 0;
  for (let k = 1; k <= n; k++) if ((values[k] as number) < (values[bestIndex] as number)) bestIndex = k;
  const converged = iter < maxIterations;
  return {
    x: Float64Array.from(points[bestIndex] as Float64Array),
    value: values[bestIndex] as number,
    iterations: iter,
    converged,
    reason: converged ? 'simplex collapsed below tolerance' : 'Nelder–Mead iteration limit reached',
  };
}

/**
 * Minimizes `f` over R^n (unconstrained; callers optimize positive parameters in log space). Deterministic.
 *
 * Method: BFGS (Nocedal & Wright 2006, ch. 6) with an Armijo backtracking line search that also backs off from
 * points where `f` is `Infinity`/NaN; the gradient is `options.gradient` when given, else central differences.
 * If the line search fails before the gradient is small, Nelder–Mead (adaptive coefficients) restarts from the best
 * point and BFGS is run once more from its result. The best point seen is returned.
 *
 * @param f - the objective; may return `Infinity` outside its domain
 * @param x0 - the start point (not modified)
 * @param options - tolerances and an optional analytic gradient `gradient(x, out)` writing ∂f/∂x into `out`
 * @returns the best point, its value, iterations, whether a tolerance was met, and why it stopped
 * @internal
 */
export function minimize(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: MinimizeOptions & { gradient?: (x: Float64Array, out: Float64Array) => void } = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-8;
  const ftol = options.functionTolerance ?? 1e-13;
  const grad = options.gradient ?? ((x: Float64Array, out: Float64Array) => centralGradient(f, x, out));
  const start = Float64Array.from(x0);
  const first = bfgs(f, start, grad, maxIterations, gtol, ftol, options.initialInverseHessian);
  if (first.converged) return first;
  const n = start.length;
  const simplex = nelderMead(f, first.x, Math.min(200 * Math.max(1, n), maxIterations), ftol);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: Nelder–Mead starts at first.x and never loses its best vertex, so simplex.value ≤ first.value, and on a tie its best vertex is still first.x
  let best = first.value <= simplex.value ? first : simplex;
  let iterations = first.iterations + simplex.iterations;
  if (Number.isFinite(simplex.value)) {
    const second = bfgs(f, simplex.x, grad, maxIterations, gtol, ftol);
    iterations += second.iterations;
    if (second.value <= best.value) best = second;
    if (second.converged) return { ...second, iterations, value: second.value };
  }
  return {
    x: best.x,
    value: best.value,
    iterations,
    converged: simplex.converged && Number.isFinite(simplex.value),
    reason: `${first.reason}; then ${simplex.reason}`,
  };
}

/**
 * Central finite-difference Hessian of `f` at `x`, row-major n×n (symmetric by construction).
 *
 * Diagonal: (f(x+hᵢ) − 2f(x) + f(x−hᵢ))/hᵢ²; off-diagonal: the four-point formula
 * (f(++) − f(+−) − f(−+) + f(−−))/(4hᵢhⱼ) (Nocedal & Wright 2006, §8.1). Step hᵢ = step·max(1, |xᵢ|),
 * default step 1e-4 ≈ ε^(1/4).
 * @internal
 */
export function numericHessian(f: (x: Float64Array) => number, x: ArrayLike<number>, step = 1e-4): Float64Array {
  const n = x.length;
  const p = Float64Array.from(x);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = step * Math.max(1, Math.abs(p[i] as number));
  const out = new Float64Array(n * n);
  const f0 = f(p);
  for (let i = 0; i < n; i++) {
    const xi = p[i] as number;
    const hi = h[i] as number;
    p[i] = xi + hi;
    const fp = f(p);
    p[i] = xi - hi;
    const fm = f(p);
    p[i] = xi;
    out[i * n + i] = (fp - 2 * f0 + fm) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const xj = p[j] as number;
      const hj = h[j] as number;
      p[i] = xi + hi;
      p[j] = xj + hj;
      const fpp = f(p);
      p[j] = xj - hj;
      const fpm = f(p);
      p[i] = xi - hi;
      const fmm = f(p);
      p[j] = xj + hj;
      const fmp = f(p);
      p[i] = xi;
      p[j] = xj;
      const v = (fpp - fpm - fmp + fmm) / (4 * hi * hj);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * Inverse of a symmetric positive-definite matrix (row-major n×n) by Cholesky factorization,
 * or `undefined` if the matrix is not (numerically) SPD or has non-finite entries. The input is not modified.
 * @internal
 */
export function invertSymmetric(matrix: Float64Array, n: number): Float64Array | undefined {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j] as number;
      if (!Number.isFinite(sum)) return undefined;
      for (let k = 0; k < j; k++) sum -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        L[i * n + i] = Math.sqrt(sum);
      } else L[i * n + j] = sum / (L[j * n + j] as number);
    }
  }
  // Inverse of L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
  const Li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    Li[i * n + i] = 1 / (L[i * n + i] as number);
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= (L[i * n + k] as number) * (Li[k * n + j] as number);
      Li[i * n + j] = sum / (L[i * n + i] as number);
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += (Li[k * n + i] as number) * (Li[k * n + j] as number);
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  }
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i] as number)) return undefined;
  return out;
}
