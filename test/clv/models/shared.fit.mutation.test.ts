// Written for the mutants of src/clv/models/shared.ts that survived Stryker (see docs/testing.md): prepareFitRows'
// unit resolution, frequency cap and exact error messages; the fitting driver runFit on hand-made objectives in log
// space whose optimum and Hessian are known in closed form (quadratics, a tilted double well, flat regions with a
// deliberately unhelpful gradient to steer the start-selection rules), the subsample warm start observed through the
// points at which each objective is evaluated, the delta-method errors and log-scale intervals by their formulas; and
// checkConvergence's two errors.
import { describe, expect, it } from 'vitest';
import {
  checkConvergence,
  type FitOutcome,
  type FitProblem,
  MAX_FIT_FREQUENCY,
  prepareFitRows,
  runFit,
} from '../../../src/clv/models/shared.js';
import { thrown } from '../../support/thrown.js';

const Z95 = 1.959963984540054;

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** f(φ) = c + ½ (φ − m)ᵀ A (φ − m) with A symmetric (row-major), and its exact gradient A (φ − m). */
function quadratic(
  m: readonly number[],
  A: readonly number[],
  c = 0,
): { objective: (phi: Float64Array) => number; gradient: (phi: Float64Array, out: Float64Array) => void } {
  const n = m.length;
  return {
    objective: (phi) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          s +=
            0.5 *
            ((phi[i] as number) - (m[i] as number)) *
            (A[i * n + j] as number) *
            ((phi[j] as number) - (m[j] as number));
        }
      }
      return c + s;
    },
    gradient: (phi, out) => {
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (A[i * n + j] as number) * ((phi[j] as number) - (m[j] as number));
        out[i] = v;
      }
    },
  };
}

/** Wraps an objective so that every point it is evaluated at is recorded (copied). */
function recording(f: (phi: Float64Array) => number): { f: (phi: Float64Array) => number; points: number[][] } {
  const points: number[][] = [];
  return {
    points,
    f: (phi) => {
      points.push(Array.from(phi));
      return f(phi);
    },
  };
}

/** Tilted double well in one log-parameter: (φ² − 1)² + tilt·φ + 1; a deeper minimum left of 0 when tilt > 0. */
function doubleWell(tilt: number): FitProblem['objective'] {
  return (phi) => {
    const x = phi[0] as number;
    return (x * x - 1) ** 2 + tilt * x + 1;
  };
}

/** The root of 4φ³ − 4φ + tilt in [lo, hi] by bisection (the derivative of the double well). */
function wellMinimum(tilt: number, lo: number, hi: number): number {
  const d = (x: number): number => 4 * x * x * x - 4 * x + tilt;
  let a = lo;
  let b = hi;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (a + b);
    if (Math.sign(d(mid)) === Math.sign(d(a))) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

/**
 * A flat objective (value 0 where φ₀ < 0, `right` where φ₀ ≥ 0) whose supplied gradient is (1, 1) on the left and 0 on
 * the right: from a start on the left BFGS finds no decrease and Nelder–Mead, held to a few iterations, stops
 * unconverged at value 0; a start on the right has a zero gradient and converges at once with value `right`.
 */
function flatProblem(right: number, starts: number[][], allStarts?: boolean): FitProblem {
  return {
    names: ['a', 'b'],
    objective: (phi) => ((phi[0] as number) < 0 ? 0 : right),
    gradient: (phi, out) => {
      const g = (phi[0] as number) < 0 ? 1 : 0;
      out[0] = g;
      out[1] = g;
    },
    starts,
    ...(allStarts === undefined ? {} : { allStarts }),
    totalWeight: 1,
    maxIterations: 20,
  };
}

describe('prepareFitRows', () => {
  it('takes the unit of a table or of options.timeUnit, counts records and merges identical rows with their weights', () => {
    const records = [
      { frequency: 2, recency: 5, T: 10 },
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 2, recency: 5, T: 10 },
    ];
    const plain = prepareFitRows(records, { timeUnit: 'month', weights: [1, 3, 2.5] });
    expect(plain.timeUnit).toBe('month');
    expect(plain.recordCount).toBe(3);
    expect(plain.rows.count).toBe(2);
    expect(Array.from(plain.rows.frequency)).toEqual([2, 0]);
    expect(Array.from(plain.rows.recency)).toEqual([5, 0]);
    expect(Array.from(plain.rows.T)).toEqual([10, 10]);
    expect(Array.from(plain.rows.weight)).toEqual([3.5, 3]);
    expect(plain.rows.totalWeight).toBe(6.5);

    const table = prepareFitRows({ customers: records, timeUnit: 'day' }, {});
    expect(table.timeUnit).toBe('day');
    expect(table.recordCount).toBe(3);
    expect(Array.from(table.rows.weight)).toEqual([2, 1]);
    // options.timeUnit equal to the table's own unit is accepted.
    const same = prepareFitRows({ customers: records, timeUnit: 'week' }, { timeUnit: 'week' });
    expect(same.timeUnit).toBe('week');
    expect(same.rows.totalWeight).toBe(3);
  });

  it('a table with a different options.timeUnit: INVALID_OPTION naming options.timeUnit', () => {
    const error = thrown(() =>
      prepareFitRows({ customers: [{ frequency: 1, recency: 1, T: 2 }], timeUnit: 'week' }, { timeUnit: 'day' }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'timeUnit']);
    expect(error.message).toBe(
      "options.timeUnit: the summaries are in weeks; leave options.timeUnit out or set it to 'week', got 'day'",
    );
  });

  it('a plain array without options.timeUnit: INVALID_OPTION with the exact reason', () => {
    const error = thrown(() => prepareFitRows([{ frequency: 1, recency: 1, T: 2 }], {}));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'timeUnit']);
    expect(error.message).toBe(
      "options.timeUnit: expected 'day', 'week', 'month' or 'year' when the customers are a plain array (the unit of recency and T; a summary table carries its own), got nothing",
    );
  });

  it('no customers: EMPTY_INPUT naming customers', () => {
    const error = thrown(() => prepareFitRows([], { timeUnit: 'week' }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.path).toEqual(['customers']);
    expect(error.message).toBe('customers: expected at least 1 customer, got none');
  });

  it('errors of the input itself name it "customers"', () => {
    const badUnit = thrown(() => prepareFitRows({ customers: [], timeUnit: 'fortnight' }, {}));
    expect(badUnit.code).toBe('INVALID_INPUT');
    expect(badUnit.path).toEqual(['customers', 'timeUnit']);
    expect(badUnit.message).toBe(
      `customers.timeUnit: expected 'day', 'week', 'month' or 'year', got the string "fortnight"`,
    );
    const notRecords = thrown(() => prepareFitRows(42, { timeUnit: 'week' }));
    expect(notRecords.path).toEqual(['customers']);
    expect(notRecords.message).toBe('customers: expected an array or iterable of records, got 42');
  });

  it(`accepts a frequency of ${100_000} and rejects a larger one with INVALID_INPUT naming the record`, () => {
    expect(MAX_FIT_FREQUENCY).toBe(100_000);
    const ok = prepareFitRows(
      [
        { frequency: 1, recency: 1, T: 2 },
        { frequency: 100_000, recency: 1, T: 2 },
      ],
      { timeUnit: 'week' },
    );
    expect(Array.from(ok.rows.frequency)).toEqual([1, 100_000]);
    const error = thrown(() =>
      prepareFitRows(
        [
          { frequency: 1, recency: 1, T: 2 },
          { frequency: 100_001, recency: 1, T: 2 },
        ],
        { timeUnit: 'week' },
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['customers', 1, 'frequency']);
    expect(error.index).toBe(1);
    expect(error.received).toBe(100_001);
    expect(error.message).toBe(
      'customers[1].frequency: expected at most 100000 repeat purchases per customer for a fit, got 100001',
    );
  });
});

describe('runFit: optimum and delta-method standard errors', () => {
  /** 2×2 block [[2, 0.6], [0.6, 1]] ⊕ [4]: inverse diagonal 1/1.64, 2/1.64, 1/4. */
  const A3 = [2, 0.6, 0, 0.6, 1, 0, 0, 0, 4];
  const invDiag = [1 / 1.64, 2 / 1.64, 1 / 4];

  function expectErrors(out: FitOutcome, W: number, tolerance: number): void {
    for (let i = 0; i < 3; i++) {
      const theta = out.params[i] as number;
      const seLog = Math.sqrt((invDiag[i] as number) / W);
      expect(relErr(out.standardErrors?.[i] as number, theta * seLog)).toBeLessThan(tolerance);
      expect(relErr(out.lower?.[i] as number, theta * Math.exp(-Z95 * seLog))).toBeLessThan(tolerance);
      expect(relErr(out.upper?.[i] as number, theta * Math.exp(Z95 * seLog))).toBeLessThan(tolerance);
    }
  }

  it('with the analytic gradient: exp of the optimum, SE(θ) = θ·√(A⁻¹)ᵢᵢ/W and θ·exp(±1.96·SE(ln θ))', () => {
    // Optima far from 0 in log space (the difference step scales with |φ|: a step of 1e-5 at |φ| ≈ 60 would lose
    // ~1e-8 to the rounding of φ + h) and one exactly at 0 (θ = 1, the start; a step proportional to |φ| would be 0).
    const m = [60.7, -58.3, 0];
    const q = quadratic(m, A3);
    let gradientCalls = 0;
    const W = 250;
    const out = runFit({
      names: ['a', 'b', 'c'],
      objective: q.objective,
      gradient: (phi, g) => {
        gradientCalls++;
        q.gradient(phi, g);
      },
      starts: [[Math.exp(59.9), Math.exp(-57.6), 1]],
      totalWeight: W,
      maxIterations: 500,
    });
    expect(gradientCalls).toBeGreaterThan(0);
    expect(out.converged).toBe(true);
    for (let i = 0; i < 3; i++)
      expect(Math.abs(Math.log(out.params[i] as number) - (m[i] as number))).toBeLessThan(1e-7);
    expect(out.params[2]).toBe(1);
    expect(out.objective).toBeLessThan(1e-14);
    expectErrors(out, W, 1e-10);
  });

  it('without a gradient: central differences of the objective give the same optimum and errors', () => {
    const m = [60.7, -58.3, 0];
    const q = quadratic(m, A3);
    const W = 250;
    const out = runFit({
      names: ['a', 'b', 'c'],
      objective: q.objective,
      starts: [[Math.exp(59.9), Math.exp(-57.6), 1]],
      totalWeight: W,
      maxIterations: 500,
    });
    expect(out.converged).toBe(true);
    for (let i = 0; i < 3; i++)
      expect(Math.abs(Math.log(out.params[i] as number) - (m[i] as number))).toBeLessThan(1e-6);
    expect(out.params[2]).toBe(1);
    expectErrors(out, W, 1e-10);
  });

  it('the Hessian is taken from the gradient at the returned point even when it is not yet exactly 0', () => {
    // With a large constant the gradient tolerance (1e-9·|f|) is 1e-3, so a start 1e-4 from the optimum is accepted
    // with a non-zero gradient; the Hessian of a quadratic is the same everywhere.
    const q = quadratic([Math.log(3)], [1], 1e6);
    const out = runFit({
      names: ['a'],
      objective: q.objective,
      gradient: q.gradient,
      starts: [[3 * Math.exp(1e-4)]],
      totalWeight: 20,
      maxIterations: 500,
    });
    const theta = out.params[0] as number;
    expect(relErr(theta, 3)).toBeLessThan(2e-4);
    expect(relErr(out.standardErrors?.[0] as number, theta / Math.sqrt(20))).toBeLessThan(1e-9);
  });

  it('symmetrizes the difference Hessian: errors from ½(H + Hᵀ)', () => {
    // The supplied gradient B·φ has a non-symmetric Jacobian B; its symmetric part S is the objective's Hessian.
    // At the start φ = 0 the gradient is 0, so the optimum is the start and H = W·B by exact forward differences.
    const S = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2];
    const K = [0, 0.7, -0.4, -0.7, 0, 0.9, 0.4, -0.9, 0];
    const B = S.map((v, i) => v + (K[i] as number));
    const q = quadratic([0, 0, 0], S);
    const W = 10;
    const out = runFit({
      names: ['a', 'b', 'c'],
      objective: q.objective,
      gradient: (phi, g) => {
        for (let i = 0; i < 3; i++) {
          let v = 0;
          for (let j = 0; j < 3; j++) v += (B[i * 3 + j] as number) * (phi[j] as number);
          g[i] = v;
        }
      },
      starts: [[1, 1, 1]],
      totalWeight: W,
      maxIterations: 500,
    });
    expect(Array.from(out.params)).toEqual([1, 1, 1]);
    // Diagonal of S⁻¹ by cofactors.
    const [a, b, c, , d, e, , , f] = S as [number, number, number, number, number, number, number, number, number];
    const det = a * (d * f - e * e) - b * (b * f - e * c) + c * (b * e - d * c);
    const inv = [(d * f - e * e) / det, (a * f - c * c) / det, (a * d - b * b) / det];
    for (let i = 0; i < 3; i++) {
      const se = Math.sqrt((inv[i] as number) / W);
      expect(relErr(out.standardErrors?.[i] as number, se)).toBeLessThan(1e-9);
      expect(relErr(out.lower?.[i] as number, Math.exp(-Z95 * se))).toBeLessThan(1e-9);
      expect(relErr(out.upper?.[i] as number, Math.exp(Z95 * se))).toBeLessThan(1e-9);
    }
  });

  it('a singular Hessian (a parameter the objective ignores): no standard errors, no exception', () => {
    const out = runFit({
      names: ['a', 'b'],
      objective: (phi) => 0.5 * ((phi[0] as number) - 1) ** 2,
      gradient: (phi, g) => {
        g[0] = (phi[0] as number) - 1;
        g[1] = 0;
      },
      starts: [[1, 2]],
      totalWeight: 5,
      maxIterations: 500,
    });
    expect(out.converged).toBe(true);
    expect(Math.abs(Math.log(out.params[0] as number) - 1)).toBeLessThan(1e-8);
    expect(out.params[1]).toBe(2);
    expect(out.standardErrors).toBeUndefined();
    expect(out.lower).toBeUndefined();
    expect(out.upper).toBeUndefined();
  });

  it('an upper bound that overflows (SE(ln θ) ≈ 3162): all errors reported as unavailable', () => {
    const q = quadratic([Math.log(2)], [1e-7]);
    const out = runFit({
      names: ['a'],
      objective: q.objective,
      gradient: q.gradient,
      starts: [[2]],
      totalWeight: 1,
      maxIterations: 500,
    });
    expect(out.converged).toBe(true);
    expect(out.params[0]).toBe(2);
    expect(out.standardErrors).toBeUndefined();
    expect(out.lower).toBeUndefined();
    expect(out.upper).toBeUndefined();
  });

  it('an objective finite nowhere: NaN parameters, objective Infinity, not converged, the reason, no errors', () => {
    for (const starts of [[[1, 2]], []]) {
      const out = runFit({
        names: ['a', 'b'],
        objective: () => Number.NaN,
        starts,
        totalWeight: 3,
        maxIterations: 7,
      });
      expect(out.params.length).toBe(2);
      expect(Number.isNaN(out.params[0])).toBe(true);
      expect(Number.isNaN(out.params[1])).toBe(true);
      expect(out.objective).toBe(Number.POSITIVE_INFINITY);
      expect(out.converged).toBe(false);
      expect(out.reason).toBe('the likelihood could not be evaluated at any start point');
      expect(typeof out.iterations).toBe('number');
      expect(out.standardErrors).toBeUndefined();
      expect(out.lower).toBeUndefined();
      expect(out.upper).toBeUndefined();
    }
  });
});

describe('runFit: several starts', () => {
  const tilt = 0.2;

  it('allStarts: the deepest optimum wins whether it is found first or last', () => {
    const deep = wellMinimum(tilt, -2, -0.5);
    const shallow = wellMinimum(tilt, 0.5, 2);
    const f = doubleWell(tilt);
    const fDeep = f(Float64Array.of(deep));
    expect(fDeep).toBeLessThan(f(Float64Array.of(shallow)) - 0.3);
    for (const starts of [
      [[Math.exp(0.8)], [Math.exp(-0.8)]],
      [[Math.exp(-0.8)], [Math.exp(0.8)]],
    ]) {
      const out = runFit({ names: ['a'], objective: f, starts, allStarts: true, totalWeight: 1, maxIterations: 500 });
      expect(out.converged).toBe(true);
      expect(Math.abs(Math.log(out.params[0] as number) - deep)).toBeLessThan(1e-7);
      expect(Math.abs(out.objective - fDeep)).toBeLessThan(1e-12);
    }
  });

  it('allStarts with two equally deep optima: the first one tried is kept', () => {
    const f = doubleWell(0);
    const out = runFit({
      names: ['a'],
      objective: f,
      starts: [[Math.exp(-0.5)], [Math.exp(0.5)]],
      allStarts: true,
      totalWeight: 1,
      maxIterations: 500,
    });
    expect(out.converged).toBe(true);
    expect(Math.abs(Math.log(out.params[0] as number) + 1)).toBeLessThan(1e-7);
  });

  it('allStarts: a later optimum must be lower by more than 1e-12 to replace an earlier one', () => {
    // Flat with a zero gradient: every start converges where it is, at value 1e-12 (φ₀ ≥ 0) or 0 (φ₀ < 0).
    const out = runFit({
      names: ['a', 'b'],
      objective: (phi) => ((phi[0] as number) < 0 ? 0 : 1e-12),
      gradient: (_phi, g) => g.fill(0),
      starts: [
        [Math.E, Math.E],
        [Math.exp(-5), Math.exp(-5)],
      ],
      allStarts: true,
      totalWeight: 1,
      maxIterations: 20,
    });
    expect(out.converged).toBe(true);
    expect(Array.from(out.params)).toEqual([Math.E, Math.E]);
    expect(out.objective).toBe(1e-12);
  });

  it('by default the later starts are not tried once one has converged', () => {
    const rec = recording(doubleWell(tilt));
    const out = runFit({
      names: ['a'],
      objective: rec.f,
      starts: [[Math.exp(0.8)], [Math.exp(-0.8)]],
      totalWeight: 1,
      maxIterations: 500,
    });
    expect(out.converged).toBe(true);
    expect(rec.points.some((p) => p[0] === -0.8)).toBe(false);
    expect(Math.abs(Math.log(out.params[0] as number) - wellMinimum(tilt, 0.5, 2))).toBeLessThan(1e-7);
  });

  it('a converged optimum replaces an unconverged one of equal value (up to 1e-9 worse)', () => {
    for (const right of [0, 1e-9]) {
      const out = runFit(
        flatProblem(right, [
          [Math.exp(-5), Math.exp(-5)],
          [Math.E, Math.E],
        ]),
      );
      expect(out.converged).toBe(true);
      expect(Array.from(out.params)).toEqual([Math.E, Math.E]);
      expect(out.objective).toBe(right);
      expect(out.reason).toBe('gradient below tolerance');
    }
  });

  it('but not one more than 1e-9 worse: the unconverged, better result stays', () => {
    const out = runFit(
      flatProblem(1e-6, [
        [Math.exp(-5), Math.exp(-5)],
        [Math.E, Math.E],
      ]),
    );
    expect(out.converged).toBe(false);
    expect(out.objective).toBe(0);
    expect(out.params[0]).toBeLessThan(1);
  });
});

describe('runFit: subsample warm start', () => {
  it('starts on all rows from the subsample optimum with its inverse Hessian and does not rerun the starts', () => {
    // Same curvature 3 on the subsample (optimum m + 0.1) and on all rows (optimum m = ln 2): from the subsample's
    // optimum, a step with the subsample's inverse Hessian (1/3) is the exact Newton step to m.
    const m = Math.log(2);
    const full = quadratic([m], [3]);
    const sub = quadratic([m + 0.1], [3]);
    const recFull = recording(full.objective);
    const recSub = recording(sub.objective);
    let subGradientCalls = 0;
    let fullGradientCalls = 0;
    const out = runFit({
      names: ['a'],
      objective: recFull.f,
      gradient: (phi, g) => {
        fullGradientCalls++;
        full.gradient(phi, g);
      },
      warmStart: {
        objective: recSub.f,
        gradient: (phi, g) => {
          subGradientCalls++;
          sub.gradient(phi, g);
        },
      },
      starts: [[1], [5]],
      totalWeight: 12,
      maxIterations: 500,
    });
    expect(subGradientCalls).toBeGreaterThan(0);
    expect(fullGradientCalls).toBeGreaterThan(0);
    // The subsample fit starts at ln(starts[0]) = 0.
    expect(recSub.points[0]).toEqual([0]);
    // All rows: first at the subsample optimum, then the Newton step to m; never at a start.
    expect(Math.abs((recFull.points[0]?.[0] as number) - (m + 0.1))).toBeLessThan(1e-8);
    expect(Math.abs((recFull.points[1]?.[0] as number) - m)).toBeLessThan(1e-8);
    expect(recFull.points.some((p) => p[0] === 0 || p[0] === Math.log(5))).toBe(false);
    expect(out.converged).toBe(true);
    expect(relErr(out.params[0] as number, 2)).toBeLessThan(1e-8);
    expect(relErr(out.standardErrors?.[0] as number, 2 / Math.sqrt(36))).toBeLessThan(1e-9);
  });

  it('iterations include the full-data iterations after the warm start', () => {
    // The subsample optimum is the start itself (0 iterations there); the full data then need at least one step.
    const full = quadratic([Math.log(4)], [2]);
    const sub = quadratic([0], [2]);
    const out = runFit({
      names: ['a'],
      objective: full.objective,
      gradient: full.gradient,
      warmStart: sub,
      starts: [[1]],
      totalWeight: 1,
      maxIterations: 500,
    });
    expect(out.converged).toBe(true);
    expect(relErr(out.params[0] as number, 4)).toBeLessThan(1e-8);
    expect(out.iterations).toBeGreaterThan(0);
  });

  it('a warm start that cannot be evaluated is ignored: the starts run as without it', () => {
    const f = doubleWell(0.2);
    const out = runFit({
      names: ['a'],
      objective: f,
      warmStart: { objective: () => Number.POSITIVE_INFINITY, gradient: (_phi, g) => g.fill(0) },
      starts: [[Math.exp(0.8)], [Math.exp(-0.8)]],
      allStarts: true,
      totalWeight: 1,
      maxIterations: 50,
    });
    expect(out.converged).toBe(true);
    expect(Math.abs(Math.log(out.params[0] as number) - wellMinimum(0.2, -2, -0.5))).toBeLessThan(1e-7);
  });

  it('allStarts: the starts still run after a converged warm start, and a deeper optimum among them wins', () => {
    // Regression: a converged warm start used to skip every start even with allStarts (its doc says every start runs).
    const f = doubleWell(0.2);
    const gradient = (phi: Float64Array, g: Float64Array): void => {
      const x = phi[0] as number;
      g[0] = 4 * x * x * x - 4 * x + 0.2;
    };
    const problem = (allStarts: boolean): FitProblem => ({
      names: ['a'],
      objective: f,
      gradient,
      warmStart: { objective: f, gradient },
      starts: [[Math.exp(0.8)], [Math.exp(-0.8)]],
      allStarts,
      totalWeight: 1,
      maxIterations: 200,
    });
    // From φ = 0.8 the warm start settles in the shallow right well; the start at −0.8 finds the deeper left one.
    const all = runFit(problem(true));
    expect(all.converged).toBe(true);
    expect(Math.abs(Math.log(all.params[0] as number) - wellMinimum(0.2, -2, -0.5))).toBeLessThan(1e-7);
    const first = runFit(problem(false));
    expect(first.converged).toBe(true);
    expect(Math.abs(Math.log(first.params[0] as number) - wellMinimum(0.2, 0.5, 2))).toBeLessThan(1e-7);
  });

  it('with no start points the warm start is skipped', () => {
    let calls = 0;
    const out = runFit({
      names: ['a'],
      objective: () => 1,
      warmStart: {
        objective: () => {
          calls++;
          return 1;
        },
        gradient: (_phi, g) => g.fill(0),
      },
      starts: [],
      totalWeight: 1,
      maxIterations: 50,
    });
    expect(calls).toBe(0);
    expect(out.converged).toBe(false);
    expect(out.reason).toBe('the likelihood could not be evaluated at any start point');
  });
});

describe('checkConvergence', () => {
  function outcome(params: number[], converged: boolean): FitOutcome {
    return {
      params: Float64Array.from(params),
      objective: 1,
      iterations: 3,
      converged,
      reason: 'iteration limit reached',
      standardErrors: undefined,
      lower: undefined,
      upper: undefined,
    };
  }

  it('parameters that are not all finite and > 0: NOT_CONVERGED, strict or not', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 0, -1]) {
      const error = thrown(() => checkConvergence('Model X', outcome([1.5, bad], true), false));
      expect(error.code).toBe('NOT_CONVERGED');
      expect(error.message).toBe(
        'Model X: the maximum-likelihood fit found no valid parameters (iteration limit reached); try initialParams, a penalizer or more data',
      );
    }
  });

  it('an unconverged fit throws only in strict mode', () => {
    expect(() => checkConvergence('Model X', outcome([1.5, 2], false), undefined)).not.toThrow();
    expect(() => checkConvergence('Model X', outcome([1.5, 2], false), false)).not.toThrow();
    expect(() => checkConvergence('Model X', outcome([1.5, 5e-324], true), true)).not.toThrow();
    const error = thrown(() => checkConvergence('Model X', outcome([1.5, 2], false), true));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message).toBe(
      'Model X: the maximum-likelihood fit did not converge (iteration limit reached); try initialParams, a penalizer or more data',
    );
  });
});
