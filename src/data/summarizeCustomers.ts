import { createSummaryBuilder } from './createSummaryBuilder.js';
import type { SummaryOptions } from './summaryOptions.js';
import type { CustomerSummaryTable } from './types.js';

/**
 * Summarizes a transaction log into one record per customer — frequency, recency, T, monetary value — the input of
 * RFM scoring and of the buy-'til-you-die CLV models.
 *
 * Conventions (those of Python lifetimes' `summary_data_from_transaction_data`, without its snapping of the
 * observation end to the start of a week):
 * - `frequency` = number of purchase periods after the first one (repeat periods); several purchases by a customer in
 *   the same `period` (UTC day by default) count once, with their amounts summed (negative amounts net in).
 * - `recency` = time from the first to the last purchase day; `T` = time from the first purchase day to
 *   `observationEnd`; both in `timeUnit` (day; week = 7 days; month = 30.436875 days; year = 365.2425 days).
 * - `monetaryValue` = mean of the repeat periods' totals (0 when frequency is 0), or per `monetary`.
 * - Dates are read in UTC and truncated to their day; transactions after `observationEnd` are excluded.
 *
 * Customer ids are compared as `Map` keys: `1` and `'1'` are different customers; `'__proto__'` is an ordinary id.
 *
 * @param transactions - an array or iterable of records (`{ customerId, date, amount }` or any shape with accessors)
 * @param options - see {@link SummaryOptions}
 * @returns the summaries with the conventions used and the counts of read, used, excluded and skipped records
 * @throws CrmAnalyticsError `INVALID_INPUT` naming the record and field (e.g. `transactions[12].amount: expected a
 *   finite number, got NaN`) unless `onInvalid: 'skip'`; `INVALID_OPTION` for bad options
 *
 * Reference: Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2) (the
 * x, t_x, T summary); lifetimes `utils.summary_data_from_transaction_data`.
 *
 * @example
 * import { summarizeCustomers } from 'crm-analytics/data';
 * const log = [
 *   { customerId: 'a', date: '2024-01-01', amount: 20 },
 *   { customerId: 'a', date: '2024-01-01', amount: 5 },
 *   { customerId: 'a', date: '2024-01-15', amount: 40 },
 *   { customerId: 'b', date: '2024-01-10', amount: 15 },
 * ];
 * const { customers } = summarizeCustomers(log, { observationEnd: '2024-01-29', timeUnit: 'week' });
 * customers[0]; // => { customerId: 'a', frequency: 1, recency: 2, T: 4, monetaryValue: 40, totalRevenue: 65, transactionCount: 3 }
 * customers[1]; // => { customerId: 'b', frequency: 0, recency: 0, T: 2.714, monetaryValue: 0 }
 * summarizeCustomers([{ customerId: 'a', date: '2024-01-01', amount: Number.NaN }]); // throws INVALID_INPUT
 */
export function summarizeCustomers<T = unknown>(
  transactions: Iterable<T> | ArrayLike<T>,
  options: SummaryOptions<T> = {},
): CustomerSummaryTable {
  return createSummaryBuilder(options).addMany(transactions).build();
}
