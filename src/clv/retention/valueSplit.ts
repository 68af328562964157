import { invalidValue, invalidWithReason } from '../../core/messages.js';
import { CompensatedAccumulator } from '../../core/numeric.js';
import { expectFinite, readingInput, toRecordArray } from '../../core/validate.js';
import { expectFiniteInRange } from './inputs.js';

/** Input of {@link valueSplit}. Profits are per period, in one currency; the discount rate is per period. */
export interface ValueSplitInput {
  /**
   * Profits of the past periods, oldest first; the last one is the period that ends today. May be empty (a new
   * customer) and may hold negative profits.
   */
  history: Iterable<number> | ArrayLike<number>;
  /**
   * Expected profits of the coming periods, next period first (already weighted by the probability that the customer
   * is still active, e.g. the margins × survival of a {@link lifetimeValue} table). May be empty (a lost customer).
   */
  forecast: Iterable<number> | ArrayLike<number>;
  /** Discount rate per period, ≥ 0; also the rate at which past profits are compounded to today. */
  discountRate: number;
}

/** The result of {@link valueSplit}, all in today's money. */
export interface ValueSplitResult {
  /** What the customer has brought so far: past profits compounded to today. */
  realized: number;
  /** What the customer is expected to bring: the forecast discounted to today. */
  potential: number;
  /** `realized + potential`. */
  total: number;
}

/**
 * Splits a customer's value into realized value (what the customer has brought so far) and potential value (what
 * the customer is expected to bring), both in today's money.
 *
 * Convention: every profit arrives at the end of its period; today is the end of the last period of `history`.
 * - `realized = Σ_{j=0..n−1} history[j]·(1+d)^(n−1−j)`: the most recent period counts at face value, older ones
 *   are compounded at the discount rate (money received earlier could have earned d per period since);
 * - `potential = Σ_{k=0..K−1} forecast[k]/(1+d)^(k+1)`: the next period's profit is discounted once;
 * - `total = realized + potential`. With d = 0, realized is the plain sum of past profits.
 *
 * Peppers & Rogers call the value a customer brings under current behaviour actual value and the value under the
 * best strategy potential value; here `potential` is whatever the given forecast says (current-behaviour forecast →
 * the future part of actual value; best-strategy forecast → potential value in their sense), and the gap between two
 * such forecasts is the unrealized potential.
 *
 * @param input - history, forecast and discount rate, see {@link ValueSplitInput}
 * @returns realized, potential and total value
 * @throws {CrmAnalyticsError} `INVALID_INPUT` for a non-finite profit (`input.history[3]: expected a finite number, got NaN`)
 *   or a negative or non-finite discount rate; `DOMAIN_ERROR` when compounding overflows a double.
 * @see Peppers, D. & Rogers, M. (2004/2011). Managing Customer Relationships: A Strategic Framework. Wiley, ch. "Valuing customers" (actual vs potential value).
 *
 * @example
 * import { valueSplit } from 'crm-analytics/clv';
 * valueSplit({ history: [100, 100], forecast: [100, 100], discountRate: 0.1 }); // => { realized: 210, potential: 173.5537, total: 383.5537 }
 * valueSplit({ history: [], forecast: [], discountRate: 0 }).total; // => 0
 * valueSplit({ history: [1, Number.NaN], forecast: [], discountRate: 0 }); // throws INVALID_INPUT
 */
export function valueSplit(input: ValueSplitInput): ValueSplitResult {
  if (input === null || typeof input !== 'object') {
    throw invalidValue(['input'], 'an object with history, forecast and discountRate', input);
  }
  const d = expectFiniteInRange(
    readingInput(['input', 'discountRate'], () => input.discountRate),
    ['input', 'discountRate'],
    0,
    Number.POSITIVE_INFINITY,
  );
  const history = toRecordArray(
    readingInput(['input', 'history'], () => input.history),
    'input.history',
  );
  const forecast = toRecordArray(
    readingInput(['input', 'forecast'], () => input.forecast),
    'input.forecast',
  );
  const onePlusD = 1 + d;
  const n = history.length;
  const realized = new CompensatedAccumulator();
  for (let j = 0; j < n; j++) {
    const profit = expectFinite(
      readingInput(['input', 'history', j], () => history[j]),
      ['input', 'history', j],
    );
    realized.add(profit * onePlusD ** (n - 1 - j));
  }
  const potential = new CompensatedAccumulator();
  for (let k = 0; k < forecast.length; k++) {
    const profit = expectFinite(
      readingInput(['input', 'forecast', k], () => forecast[k]),
      ['input', 'forecast', k],
    );
    potential.add(profit / onePlusD ** (k + 1));
  }
  const r = realized.value;
  const p = potential.value;
  if (!Number.isFinite(r + p)) {
    throw invalidWithReason(['input', 'history'], 'compounding the past profits overflows a double', 'DOMAIN_ERROR');
  }
  return { realized: r, potential: p, total: r + p };
}
