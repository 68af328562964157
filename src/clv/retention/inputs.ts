/**
 * Internal tight-loop checks of the retention-based CLV (the zod schemas cover whole input objects).
 * @module
 * @internal
 */
import type { ErrorPath } from '../../core/errors.js';
import { invalidValue } from '../../core/messages.js';

/**
 * A finite number in `[min, max]` (max may be Infinity), else `INVALID_INPUT` naming the path.
 * @internal
 */
export function expectFiniteInRange(value: unknown, path: ErrorPath, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const expected =
      max === Number.POSITIVE_INFINITY
        ? `a finite number ≥ ${min}`
        : min === Number.NEGATIVE_INFINITY
          ? `a finite number ≤ ${max}`
          : `a finite number in [${min}, ${max}]`;
    throw invalidValue(path, expected, value);
  }
  return value === 0 ? 0 : value;
}
