import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invertSymmetric, minimize, numericHessian } from '../../src/core/optimize.js';
import { test as propTest } from '../support/property.js';

const rosenbrock = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
const rosenbrockGradient = (x: Float64Array, out: Float64Array): void => {
  out[0] = -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!);
  out[1] = 200 * (x[1]! - x[0]! ** 2);
};

describe('minimize', () => {
  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1) with numeric gradients', () => {
    const r = minimize(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.value).toBeLessThan(1e-10);
  });
  it('uses an analytic gradient when given', () => {
    let calls = 0;
    const r = minimize(rosenbrock, [-1.2, 1], {
      gradient: (x, out) => {
        calls++;
        rosenbrockGradient(x, out);
      },
    });
    expect(calls).toBeGreaterThan(0);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });
  it('minimizes a 4-d quadratic exactly', () => {
    const center = [1, -2, 3, 0.5];
    const f = (x: Float64Array): number => center.reduce((s, c, i) => s + (i + 1) * (x[i]! - c) ** 2, 0);
    const r = minimize(f, [0, 0, 0, 0]);
    for (let i = 0; i < 4; i++) expect(r.x[i]).toBeCloseTo(center[i]!, 6);
  });
  it('backs off from points where the objective is Infinity', () => {
    // log barrier: only x > 0 is valid; minimum of x − ln x at x = 1
    const f = (x: Float64Array): number => (x[0]! > 0 ? x[0]! - Math.log(x[0]!) : Number.POSITIVE_INFINITY);
    const r = minimize(f, [20]);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });
  it('treats NaN as Infinity', () => {
    const f = (x: Float64Array): number => (x[0]! < -1 ? Number.NaN : (x[0]! - 2) ** 2);
    expect(minimize(f, [0]).x[0]).toBeCloseTo(2, 6);
  });
  it('reports non-convergence with a reason when the iteration limit is hit', () => {
    const r = minimize(rosenbrock, [-1.2, 1], { maxIterations: 2 });
    expect(typeof r.reason).toBe('string');
    expect(r.reason.length).toBeGreaterThan(0);
  });
  it('reports a start point outside the domain', () => {
    const r = minimize(() => Number.POSITIVE_INFINITY, [0, 0]);
    expect(r.converged).toBe(false);
  });
  it('is deterministic and does not mutate x0', () => {
    const x0 = new Float64Array([-1.2, 1]);
    const a = minimize(rosenbrock, x0);
    const b = minimize(rosenbrock, x0);
    expect(Array.from(x0)).toEqual([-1.2, 1]);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });
  propTest.prop([fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })])(
    'never returns a point worse than the start',
    (u, v) => {
      const r = minimize(rosenbrock, [u, v]);
      expect(r.value).toBeLessThanOrEqual(rosenbrock(new Float64Array([u, v])));
    },
  );
});

describe('numericHessian and invertSymmetric', () => {
  it('recovers the Hessian of a quadratic form', () => {
    // f = ½ xᵀ A x with A = [[4, 1], [1, 3]]
    const f = (x: Float64Array): number => 0.5 * (4 * x[0]! ** 2 + 2 * x[0]! * x[1]! + 3 * x[1]! ** 2);
    const h = numericHessian(f, [0.3, -0.7]);
    expect(Array.from(h).map((v) => Number(v.toFixed(5)))).toEqual([4, 1, 1, 3]);
  });
  it('Hessian of the Rosenbrock function at (1, 1) is [[802, −400], [−400, 200]]', () => {
    const h = numericHessian(rosenbrock, [1, 1]);
    expect(h[0]).toBeCloseTo(802, 3);
    expect(h[1]).toBeCloseTo(-400, 3);
    expect(h[3]).toBeCloseTo(200, 3);
  });
  it('inverts an SPD matrix', () => {
    const inv = invertSymmetric(new Float64Array([4, 1, 1, 3]), 2)!;
    // inverse = 1/11 [[3, −1], [−1, 4]]
    expect(inv[0]).toBeCloseTo(3 / 11, 14);
    expect(inv[1]).toBeCloseTo(-1 / 11, 14);
    expect(inv[3]).toBeCloseTo(4 / 11, 14);
  });
  it('returns undefined for a matrix that is not positive definite', () => {
    expect(invertSymmetric(new Float64Array([1, 2, 2, 1]), 2)).toBeUndefined();
    expect(invertSymmetric(new Float64Array([1, Number.NaN, Number.NaN, 1]), 2)).toBeUndefined();
  });
  propTest.prop([fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 9, maxLength: 9 })])(
    'A · A⁻¹ = I for A = BᵀB + I',
    (b) => {
      const n = 3;
      const a = new Float64Array(9);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < n; k++) s += b[k * n + i]! * b[k * n + j]!;
          a[i * n + j] = s;
        }
      const inv = invertSymmetric(a, n)!;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
          expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
        }
    },
  );
});

describe('minimize warm start', () => {
  it('accepts an initial inverse Hessian and returns its final approximation', () => {
    // f = ½ xᵀ A x − bᵀx with A = diag(4, 1): the exact inverse Hessian lets BFGS finish in a step or two.
    const f = (x: Float64Array): number => 2 * x[0]! ** 2 + 0.5 * x[1]! ** 2 - x[0]! - x[1]!;
    const gradient = (x: Float64Array, out: Float64Array): void => {
      out[0] = 4 * x[0]! - 1;
      out[1] = x[1]! - 1;
    };
    const warm = minimize(f, [3, -2], { gradient, initialInverseHessian: new Float64Array([0.25, 0, 0, 1]) });
    const cold = minimize(f, [3, -2], { gradient });
    expect(warm.x[0]).toBeCloseTo(0.25, 10);
    expect(warm.x[1]).toBeCloseTo(1, 10);
    expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
    expect(warm.inverseHessian?.length).toBe(4);
  });
});
