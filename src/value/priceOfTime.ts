import { invalidValue } from '../core/messages.js';

/**
 * Prices the time a customer spends (searching, travelling, waiting) so that it can enter total customer cost as
 * money: `hours × valueOfTimePerHour`.
 *
 * A common choice for the value of time is the customer's after-tax hourly wage (or a share of it for leisure time);
 * it is an input, not a constant.
 *
 * @param hours - time spent, in hours (≥ 0)
 * @param valueOfTimePerHour - money per hour, in the currency of the other components (≥ 0)
 * @returns the time cost in money
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for a negative or non-finite argument.
 * @see Becker, G. S. (1965). A theory of the allocation of time. The Economic Journal 75(299), 493–517. doi:10.2307/2228949
 *
 * @example
 * import { priceOfTime } from 'crm-analytics/value';
 * priceOfTime(1.5, 40); // => 60
 * priceOfTime(-1, 40); // throws INVALID_INPUT
 */
export function priceOfTime(hours: number, valueOfTimePerHour: number): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw invalidValue(['hours'], 'a finite number ≥ 0', hours);
  }
  if (typeof valueOfTimePerHour !== 'number' || !Number.isFinite(valueOfTimePerHour) || valueOfTimePerHour < 0) {
    throw invalidValue(['valueOfTimePerHour'], 'a finite number ≥ 0', valueOfTimePerHour);
  }
  const cost = hours * valueOfTimePerHour;
  if (!Number.isFinite(cost))
    throw invalidValue(['hours'], 'a product with valueOfTimePerHour that fits a double', hours);
  return cost === 0 ? 0 : cost;
}
