import { dayToDate } from '../core/dates.js';
import { CrmAnalyticsError } from '../core/errors.js';
import { groupByCustomer, iterateRecords, TransactionColumnStore, transactionAppender } from './readTransactions.js';
import { summarizeGroups } from './summarizeGroups.js';
import { resolveSummaryOptions, type SummaryOptions } from './summaryOptions.js';
import type { CustomerSummaryTable } from './types.js';

/**
 * A streaming, mergeable summary builder: add transactions in any number of chunks (or summarize chunks in separate
 * builders — worker threads, another process — and `merge` them), then `build()` the customer summaries.
 *
 * Merging is exact: the builder keeps each valid transaction as (customer, day, amount) columns (20 bytes a row), and
 * `build()` orders every customer's rows canonically before summing, so `build()` gives the same result, to the last
 * bit, for any split of the log and any order of the chunks or of the rows.
 */
export interface SummaryBuilder<T = unknown> {
  /** Adds one transaction (validated now; an invalid one throws or is recorded as skipped, per `onInvalid`). */
  add(transaction: T): SummaryBuilder<T>;
  /** Adds every transaction of an array or iterable. */
  addMany(transactions: Iterable<T> | ArrayLike<T>): SummaryBuilder<T>;
  /**
   * Appends another builder's transactions (record indices of its skipped records are shifted to follow this
   * builder's). Both builders must have been created with the same `period`, `timeUnit`, `monetary` and
   * `observationEnd`. The other builder is not changed.
   */
  merge(other: SummaryBuilder<T>): SummaryBuilder<T>;
  /** Number of valid transactions held. */
  readonly size: number;
  /** Computes the summaries of everything added so far (the builder stays usable). */
  build(): CustomerSummaryTable;
}

const stores = new WeakMap<object, { store: TransactionColumnStore; key: string }>();

/**
 * Creates a {@link SummaryBuilder} with the options of {@link summarizeCustomers}.
 *
 * @param options - field accessors, `observationEnd`, `period`, `timeUnit`, `monetary`, `onInvalid` (see {@link SummaryOptions})
 * @returns a builder; options are validated now
 * @throws CrmAnalyticsError `INVALID_OPTION` for bad options
 *
 * @example
 * import { createSummaryBuilder } from 'crm-analytics/data';
 * const a = createSummaryBuilder({ observationEnd: '2024-01-31' }).addMany([{ customerId: 'x', date: '2024-01-01', amount: 10 }]);
 * const b = createSummaryBuilder({ observationEnd: '2024-01-31' }).add({ customerId: 'x', date: '2024-01-11', amount: 30 });
 * a.merge(b).build().customers[0]; // => { customerId: 'x', frequency: 1, recency: 10, T: 30, monetaryValue: 30, totalRevenue: 40 }
 */
export function createSummaryBuilder<T = unknown>(options: SummaryOptions<T> = {}): SummaryBuilder<T> {
  const resolved = resolveSummaryOptions(options);
  const store = new TransactionColumnStore();
  const append = transactionAppender(store, resolved.fields, 'transactions');
  const key = `${resolved.period}|${resolved.timeUnit}|${resolved.monetary}|${resolved.endDay ?? ''}`;
  const builder: SummaryBuilder<T> = {
    add(transaction: T): SummaryBuilder<T> {
      append(transaction);
      return builder;
    },
    addMany(transactions: Iterable<T> | ArrayLike<T>): SummaryBuilder<T> {
      iterateRecords(transactions, 'transactions', append);
      return builder;
    },
    merge(other: SummaryBuilder<T>): SummaryBuilder<T> {
      const entry = stores.get(other);
      if (entry === undefined) {
        throw new CrmAnalyticsError('INVALID_INPUT', 'merge: expected a builder made by createSummaryBuilder');
      }
      if (entry.key !== key) {
        throw new CrmAnalyticsError(
          'INVALID_OPTION',
          'merge: the builders were created with different period, timeUnit, monetary or observationEnd options',
        );
      }
      if (entry.store === store) {
        throw new CrmAnalyticsError('INVALID_INPUT', 'merge: a builder cannot be merged into itself');
      }
      store.append(entry.store);
      return builder;
    },
    get size(): number {
      return store.length;
    },
    build(): CustomerSummaryTable {
      const columns = store.columns();
      let endDay = resolved.endDay;
      if (endDay === undefined) {
        endDay = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < columns.length; i++)
          if ((columns.day[i] as number) > endDay) endDay = columns.day[i] as number;
      }
      const end = endDay;
      let after = 0;
      for (let i = 0; i < columns.length; i++) if ((columns.day[i] as number) > end) after++;
      const groups = groupByCustomer(columns, after === 0 ? undefined : (row) => (columns.day[row] as number) <= end);
      const customers =
        columns.length === 0
          ? []
          : summarizeGroups(columns.ids, groups, end, resolved.period, resolved.timeUnit, resolved.monetary);
      return {
        customers,
        timeUnit: resolved.timeUnit,
        period: resolved.period,
        observationEnd: Number.isFinite(end) ? dayToDate(end) : null,
        monetary: resolved.monetary,
        counts: {
          read: columns.read,
          used: columns.length - after,
          afterObservationEnd: after,
          skipped: columns.skipped.length,
        },
        skipped: columns.skipped.map((s) => ({ ...s })),
      };
    },
  };
  stores.set(builder, { store, key });
  return builder;
}
