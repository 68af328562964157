import * as z from 'zod';
import { invalidWithReason } from '../../core/messages.js';
import { parseOptions } from '../../core/validate.js';
import { retentionClvKernel } from './closedForm.js';
import { expectFiniteInRange } from './inputs.js';

/** Options of {@link marginMultiple}. */
export interface MarginMultipleOptions {
  /** Margin growth g per period, ≥ −1 (default 0). */
  marginGrowth?: number | undefined;
  /** `'end'` (default) or `'start'` of the period for the margin, as in {@link lifetimeValue}. */
  timing?: 'end' | 'start' | undefined;
}

/** zod schema of {@link MarginMultipleOptions}. */
export const marginMultipleOptionsSchema: z.ZodType<MarginMultipleOptions> = z.strictObject({
  marginGrowth: z.number().min(-1).optional(),
  timing: z.enum(['end', 'start']).optional(),
});

/**
 * Gupta & Lehmann's margin multiple: the infinite-horizon CLV per unit of margin, so that `CLV = margin × multiple`.
 *
 * `multiple = r / (1 + d − r)` (margins at the end of each period); with margin growth g,
 * `r / (1 + d − r(1+g))`; with margins at the start of each period, `(1 + d) / (1 + d − r(1+g))` (= 1 + the
 * end-timing multiple when g = 0). Rates are per period (usually per year); r in [0, 1], d ≥ 0.
 * Gupta & Lehmann note that for typical retention (60–90%) and discount (10–16%) rates the multiple lies
 * between about 1 and 4.5.
 *
 * @param retentionRate - r per period, in [0, 1]
 * @param discountRate - d per period, ≥ 0
 * @param options - margin growth and timing, see {@link MarginMultipleOptions}
 * @returns the multiple (≥ 0)
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for r outside [0, 1], d < 0 or NaN; `INVALID_OPTION` for bad options;
 *   `DIVERGENT` when `r(1+g) ≥ 1 + d` (the series has no finite sum).
 * @see Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive Marketing 17(1), 9–24. doi:10.1002/dir.10045
 *
 * @example
 * import { marginMultiple } from 'crm-analytics/clv';
 * marginMultiple(0.9, 0.1); // => 4.5
 * marginMultiple(0.8, 0.12); // => 2.5
 * marginMultiple(0.6, 0.16); // => 1.07
 * marginMultiple(0.8, 0.1, { timing: 'start' }); // => 3.6667
 * marginMultiple(1, 0); // throws DIVERGENT
 */
export function marginMultiple(retentionRate: number, discountRate: number, options?: MarginMultipleOptions): number {
  const r = expectFiniteInRange(retentionRate, ['retentionRate'], 0, 1);
  const d = expectFiniteInRange(discountRate, ['discountRate'], 0, Number.POSITIVE_INFINITY);
  const opts = parseOptions(marginMultipleOptionsSchema, options);
  const g = opts.marginGrowth ?? 0;
  const multiple = retentionClvKernel(1, r, d, Number.POSITIVE_INFINITY, g, 0, 0, 0, (opts.timing ?? 'end') === 'end');
  if (!Number.isFinite(multiple)) {
    throw invalidWithReason(
      ['retentionRate'],
      `the margin multiple is infinite: retentionRate·(1 + marginGrowth) = ${r * (1 + g)} is not below 1 + discountRate = ${1 + d}`,
      'DIVERGENT',
      r,
    );
  }
  return multiple;
}
