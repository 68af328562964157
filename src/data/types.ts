import type { TimeUnit } from '../core/dates.js';

/** A customer identifier as given by the caller. `1` and `'1'` are different customers (ids are compared with `Object.is` semantics, as keys of a `Map`). */
export type CustomerId = string | number;

/**
 * One purchase (or return, with a negative amount). Other fields are allowed and ignored.
 * `date` is a `Date`, an ISO 8601 string (read in UTC; a date-only string is UTC midnight) or epoch milliseconds.
 */
export interface Transaction {
  customerId: CustomerId;
  date: Date | string | number;
  /** Money in one currency; negative for returns, which net into the period's total. */
  amount: number;
}

/**
 * One customer's summary of a transaction log, in the conventions of Python lifetimes'
 * `summary_data_from_transaction_data` (the input of RFM and of the probabilistic CLV models).
 *
 * Times are in the summary's `timeUnit` (see {@link CustomerSummaryTable}).
 */
export interface CustomerSummary {
  customerId: CustomerId;
  /** Number of repeat purchase periods: periods with a purchase after the first purchase period. */
  frequency: number;
  /** Time from the first to the last purchase (lifetimes' convention; **not** the time since the last purchase). */
  recency: number;
  /** Time from the first purchase to the observation end (the customer's age). */
  T: number;
  /** Spend per purchase period, by the `monetary` option (default: mean of the repeat periods' totals, 0 if none). */
  monetaryValue: number;
  /** Sum of all amounts up to the observation end (returns netted). */
  totalRevenue: number;
  /** Number of transaction records up to the observation end. */
  transactionCount: number;
  /** UTC midnight of the first purchase day. */
  firstPurchase: Date;
  /** UTC midnight of the last purchase day. */
  lastPurchase: Date;
}

/** The minimal per-customer input of the buy-'til-you-die models and of RFM's default reading. */
export interface FrequencyRecencyT {
  frequency: number;
  recency: number;
  T: number;
}

/** A record that failed validation and was skipped (`onInvalid: 'skip'`). */
export interface SkippedRecord {
  /** Position of the record in the input (0-based). */
  index: number;
  /** The field that was wrong (`'record'` when the record itself is not an object). */
  field: 'customerId' | 'date' | 'amount' | 'record';
  /** Why, in the same words an error would use. */
  reason: string;
}

/** What {@link summarizeCustomers} returns: the summaries plus the conventions they were computed with. */
export interface CustomerSummaryTable {
  /** One summary per customer, in order of each customer's first appearance in the input. */
  customers: CustomerSummary[];
  /** The unit of `recency` and `T`. */
  timeUnit: TimeUnit;
  /** The period within which several purchases count once. */
  period: 'day' | 'week' | 'month';
  /** The observation end used (UTC midnight of the last included day). `null` when there were no transactions. */
  observationEnd: Date | null;
  /** How `monetaryValue` was computed. */
  monetary: 'repeat-mean' | 'mean' | 'total';
  /** Records read, used, excluded (after the observation end) and skipped (invalid, with `onInvalid: 'skip'`). */
  counts: { read: number; used: number; afterObservationEnd: number; skipped: number };
  /** The skipped records with reasons (empty unless `onInvalid: 'skip'`). */
  skipped: SkippedRecord[];
}
