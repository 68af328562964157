// Non-convergence is hard to provoke on real data (BFGS falls back to Nelder–Mead), so the optimizer is replaced
// here by one that always gives up, to test how the fits report it.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/core/optimize.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/core/optimize.js')>();
  return {
    ...original,
    minimize: (f: (x: Float64Array) => number, x0: ArrayLike<number>) => {
      const x = Float64Array.from(x0);
      return { x, value: f(x), iterations: 3, converged: false, reason: 'iteration limit reached' };
    },
  };
});

const { fitBetaGeoBetaBinom, fitShiftedBetaGeometric } = await import('../../../src/clv/index.js');
const { CrmAnalyticsError } = await import('../../../src/core/errors.js');

describe('non-convergence', () => {
  it('is reported with converged: false and the reason', () => {
    const model = fitShiftedBetaGeometric([1000, 631, 468, 382]);
    expect(model.converged).toBe(false);
    expect(model.reason).toBe('iteration limit reached');
    expect(model.iterations).toBe(3);
  });

  it('throws NOT_CONVERGED in strict mode', () => {
    for (const run of [
      () => fitShiftedBetaGeometric([1000, 631, 468, 382], { strict: true }),
      () => fitBetaGeoBetaBinom([{ frequency: 1, recency: 1, periods: 2 }], { strict: true }),
    ]) {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CrmAnalyticsError);
      expect((thrown as InstanceType<typeof CrmAnalyticsError>).code).toBe('NOT_CONVERGED');
    }
  });
});
