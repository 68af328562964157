import { CrmAnalyticsError } from '../../src/core/errors.js';

/** Runs `run` and returns the CrmAnalyticsError it throws (fails the test otherwise). */
export function thrown(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError, nothing was thrown');
}
