import * as z from 'zod';
import { DAYS_PER_TIME_UNIT, dayToDate, type TimeUnit } from '../core/dates.js';
import { invalidValue, invalidWithReason } from '../core/messages.js';
import { parseOptions } from '../core/validate.js';
import type { TransactionFieldOptions } from '../data/readTransactions.js';
import type { CustomerId, FrequencyRecencyT, SkippedRecord } from '../data/types.js';
import {
  dateInputSchema,
  groupObserved,
  type LifecycleRecordCounts,
  pickFieldOptions,
  readObservedTransactions,
  transactionFieldShape,
} from './shared.js';

/** A stage of the customer lifecycle (客户生命周期): 考察期, 形成期, 稳定期, 衰退期, plus customers already gone. */
export type LifecycleStage = 'exploration' | 'formation' | 'stability' | 'decline' | 'lapsed';

/** The rule that decided a customer's stage (see {@link lifecycleStage} for the order in which they are tried). */
export type LifecycleRule =
  | 'inactive'
  | 'new'
  | 'few-purchases'
  | 'falling'
  | 'young'
  | 'rising'
  | 'steady'
  | 'model-alive'
  | 'model-not-alive';

/**
 * Any fitted model that gives each customer's probability of being alive from their `(frequency, recency, T)`
 * (BG/NBD, Pareto/NBD, … fitted elsewhere in this library or by hand). Only this method is used.
 */
export interface ProbabilityAliveModel {
  /** P(alive) per customer, in the order given; each value in [0, 1]. */
  probabilityAlive(customers: FrequencyRecencyT[]): ArrayLike<number>;
}

/** Options of {@link lifecycleStage}. All durations are in days; defaults suit monthly-to-quarterly buying. */
export interface LifecycleStageOptions<T = unknown> extends TransactionFieldOptions<T> {
  /**
   * Last day of observation, inclusive (a `Date`, ISO string or epoch ms, read in UTC and truncated to its day).
   * Transactions after it are excluded. Default: the day of the last transaction. Give it explicitly to make each
   * customer's stage depend on their own transactions only.
   */
  observationEnd?: Date | string | number;
  /** Length W of the recent window, the last W days up to the observation end. Default `90`. */
  recentWindowDays?: number;
  /** Customers whose first purchase is fewer than this many days before the observation end are in exploration. Must be ≥ `recentWindowDays`. Default `90`. */
  explorationDays?: number;
  /** Customers not declining whose tenure is below this are in formation. Default `365`. */
  formationDays?: number;
  /** Customers without a purchase for at least this many days are lapsed. Default `365`. */
  lapsedAfterDays?: number;
  /** Customers with fewer distinct purchase days than this are in exploration (they have not come back yet). Default `2`. */
  minPurchaseDays?: number;
  /** A trend (recent rate ÷ earlier rate) at or below this, for purchases or for spend, means decline. In [0, 1). Default `0.5`. */
  declineRatio?: number;
  /** A purchase trend at or above this means formation (a rising relationship). At least 1. Default `1.5`. */
  growthRatio?: number;
  /** Unit of the rates reported in the evidence: purchase days and spend per `'day'`, `'week'`, `'month'` (default, 30.436875 days) or `'year'`. */
  rateUnit?: TimeUnit;
  /** A fitted model whose P(alive) separates decline from lapsed (see {@link ProbabilityAliveModel}). Default: none. */
  aliveModel?: ProbabilityAliveModel;
  /** With `aliveModel`: a declining or lapsed customer with P(alive) below this is lapsed, else declining. Default `0.5`. */
  aliveThreshold?: number;
  /** With `aliveModel`: the time unit the model was fitted in, for `recency` and `T`. Default `'week'`. */
  aliveModelTimeUnit?: TimeUnit;
}

const positiveDays = z.number().int().min(1);

/** zod schema of {@link LifecycleStageOptions} (exported so that embedding tools can reuse it). */
export const lifecycleStageOptionsSchema: z.ZodType<LifecycleStageOptions<never>> = z
  .strictObject({
    ...transactionFieldShape,
    observationEnd: dateInputSchema.optional(),
    recentWindowDays: positiveDays.optional(),
    explorationDays: positiveDays.optional(),
    formationDays: positiveDays.optional(),
    lapsedAfterDays: positiveDays.optional(),
    minPurchaseDays: z.number().int().min(1).optional(),
    declineRatio: z.number().min(0).lt(1).optional(),
    growthRatio: z.number().min(1).finite().optional(),
    rateUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
    aliveModel: z
      .custom<ProbabilityAliveModel>(
        (v) =>
          v !== null &&
          typeof v === 'object' &&
          typeof (v as { probabilityAlive?: unknown }).probabilityAlive === 'function',
        'expected an object with a probabilityAlive(customers) method',
      )
      .optional(),
    aliveThreshold: z.number().min(0).max(1).optional(),
    aliveModelTimeUnit: z.enum(['day', 'week', 'month', 'year']).optional(),
  })
  .refine((o) => (o.explorationDays ?? 90) >= (o.recentWindowDays ?? 90), {
    message:
      'expected explorationDays ≥ recentWindowDays (a customer past exploration needs history before the window)',
    path: ['explorationDays'],
  }) as unknown as z.ZodType<LifecycleStageOptions<never>>;

/** The facts behind a customer's stage, so that an analyst can audit it. Rates are per `rateUnit`. */
export interface LifecycleEvidence {
  /** Days from the first purchase to the observation end. */
  tenureDays: number;
  /** Days from the last purchase to the observation end. */
  daysSinceLastPurchase: number;
  /** Distinct days with a purchase (several transactions on one day count once). */
  purchaseDays: number;
  /** Purchase days in the recent window (the last `recentWindowDays` days). */
  recentPurchaseDays: number;
  /** Purchase days before the window, not counting the first purchase day. */
  earlierRepeatPurchaseDays: number;
  /** Purchase days per `rateUnit` in the recent window. */
  recentPurchaseRate: number;
  /** Repeat purchase days per `rateUnit` before the window; `null` when the first purchase is inside the window. */
  earlierPurchaseRate: number | null;
  /** `recentPurchaseRate / earlierPurchaseRate`; `null` when the earlier rate is 0 or undefined. */
  purchaseTrend: number | null;
  /** Net spend per `rateUnit` in the recent window (returns netted). */
  recentSpendRate: number;
  /** Net spend per `rateUnit` before the window, not counting the first purchase day; `null` when there is no such history. */
  earlierSpendRate: number | null;
  /** `recentSpendRate / earlierSpendRate`; `null` when the earlier spend rate is not positive or undefined. */
  spendTrend: number | null;
  /** P(alive) from `aliveModel` when the model was consulted (declining or lapsed customers), else `null`. */
  probabilityAlive: number | null;
  /** The rule that decided the stage. */
  rule: LifecycleRule;
}

/** One customer's stage. */
export interface CustomerLifecycleStage {
  customerId: CustomerId;
  stage: LifecycleStage;
  evidence: LifecycleEvidence;
}

/** The settings used, defaults filled in (returned so that a report states its rules). */
export interface LifecycleStageRules {
  recentWindowDays: number;
  explorationDays: number;
  formationDays: number;
  lapsedAfterDays: number;
  minPurchaseDays: number;
  declineRatio: number;
  growthRatio: number;
  rateUnit: TimeUnit;
  aliveThreshold: number | null;
  aliveModelTimeUnit: TimeUnit | null;
}

/** What {@link lifecycleStage} returns. */
export interface LifecycleStageResult {
  /** One entry per customer with a transaction on or before the observation end, in order of first appearance. */
  customers: CustomerLifecycleStage[];
  /** Number of customers in each stage. */
  stageCounts: Record<LifecycleStage, number>;
  /** The observation end used (UTC midnight of its day). */
  observationEnd: Date;
  /** The rules applied. */
  rules: LifecycleStageRules;
  /** Records read, used, after the observation end, and skipped. */
  counts: LifecycleRecordCounts;
  /** Records skipped with `onInvalid: 'skip'`, with reasons. */
  skipped: SkippedRecord[];
}

/**
 * Places each customer in a stage of the customer lifecycle — exploration (考察期), formation (形成期), stability
 * (稳定期), decline (衰退期) — or lapsed, by transparent rules on tenure and on the trend of their purchase rate and
 * spend, and returns the evidence for each decision and the counts per stage. The point is to spot decline early and
 * choose between win-back and letting go.
 *
 * Quantities (days are UTC days; E = observation end, f = first purchase day, W = `recentWindowDays`):
 * - recent window: days E − W + 1 … E; history before it: days f … E − W, H = E − W − f + 1 days;
 * - recent rate = purchase days in the window / W; earlier rate = purchase days in f + 1 … E − W / H (the first
 *   purchase day starts the history and is not counted, so a short history is not inflated by it);
 * - spend rates likewise with summed amounts; trend = recent rate ÷ earlier rate.
 *
 * Rules, tried in this order (the first that holds decides):
 * 1. `lapsed` (rule `inactive`): days since the last purchase ≥ `lapsedAfterDays`;
 * 2. `exploration`: tenure E − f < `explorationDays` (rule `new`), or fewer than `minPurchaseDays` purchase days
 *    (rule `few-purchases`);
 * 3. `decline` (rule `falling`): purchase trend ≤ `declineRatio`, or spend trend ≤ `declineRatio` (when defined), or
 *    no repeat purchase at all, neither before nor in the window (possible only with `minPurchaseDays: 1`);
 * 4. `formation`: tenure < `formationDays` (rule `young`), or purchase trend ≥ `growthRatio`, or no repeat purchase
 *    before the window but some in it (rule `rising`);
 * 5. `stability` (rule `steady`) otherwise.
 *
 * With `aliveModel`, customers placed in `decline` or `lapsed` by these rules are re-split by P(alive): below
 * `aliveThreshold` → `lapsed` (rule `model-not-alive`), else `decline` (rule `model-alive`). The model receives
 * `frequency` = purchase days − 1, `recency` = (last − first purchase day) and `T` = (E − f), both in
 * `aliveModelTimeUnit` (lifetimes' daily convention).
 *
 * Guarantees: a customer's stage depends only on their own transactions and the observation end; an extra purchase
 * (amount ≥ 0) inside the recent window never moves a customer from stability to decline (it can only raise the recent
 * rates and shorten the time since the last purchase). No standard numeric rules exist for these stages: these are
 * ours, documented and configurable.
 *
 * References: Dwyer, F. R., Schurr, P. H. & Oh, S. (1987), "Developing buyer-seller relationships", Journal of
 * Marketing 51(2), 11–27, doi:10.1177/002224298705100202; Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005),
 * "Counting your customers the easy way", Marketing Science 24(2), 275–284, doi:10.1287/mksc.1040.0098 (P(alive)).
 *
 * @param transactions - transaction records (array or iterable); fields read per {@link TransactionFieldOptions}
 * @param options - see {@link LifecycleStageOptions}
 * @returns per customer `{ customerId, stage, evidence }`, the counts per stage and the rules applied
 * @throws {CrmAnalyticsError} `INVALID_INPUT` naming the record for a bad transaction (unless `onInvalid: 'skip'`),
 *   `INVALID_OPTION` for bad options or a model returning something other than probabilities, `EMPTY_INPUT` when no
 *   valid transaction is on or before the observation end
 *
 * @example
 * import { lifecycleStage } from 'crm-analytics/lifecycle';
 * const tx = [
 *   { customerId: 'new', date: '2024-06-01', amount: 20 },
 *   { customerId: 'gone', date: '2023-01-10', amount: 20 },
 *   { customerId: 'gone', date: '2023-02-10', amount: 20 },
 *   { customerId: 'fading', date: '2023-09-01', amount: 30 },
 *   { customerId: 'fading', date: '2023-10-01', amount: 30 },
 *   { customerId: 'fading', date: '2023-11-01', amount: 30 },
 *   { customerId: 'fading', date: '2024-01-15', amount: 30 },
 * ];
 * const result = lifecycleStage(tx, { observationEnd: '2024-06-30' });
 * result.customers.map((c) => c.stage); // => ['exploration', 'lapsed', 'decline']
 * result.customers[2].evidence; // => { tenureDays: 303, recentPurchaseDays: 0, purchaseTrend: 0, rule: 'falling' }
 * result.stageCounts; // => { exploration: 1, formation: 0, stability: 0, decline: 1, lapsed: 1 }
 * lifecycleStage(tx, { recentWindowDays: 120, explorationDays: 90 }); // throws INVALID_OPTION
 */
export function lifecycleStage<T>(
  transactions: Iterable<T> | ArrayLike<T>,
  options: LifecycleStageOptions<T> = {},
): LifecycleStageResult {
  const o = parseOptions(lifecycleStageOptionsSchema, options) as LifecycleStageOptions<T>;
  const rules: LifecycleStageRules = {
    recentWindowDays: o.recentWindowDays ?? 90,
    explorationDays: o.explorationDays ?? 90,
    formationDays: o.formationDays ?? 365,
    lapsedAfterDays: o.lapsedAfterDays ?? 365,
    minPurchaseDays: o.minPurchaseDays ?? 2,
    declineRatio: o.declineRatio ?? 0.5,
    growthRatio: o.growthRatio ?? 1.5,
    rateUnit: o.rateUnit ?? 'month',
    aliveThreshold: o.aliveModel === undefined ? null : (o.aliveThreshold ?? 0.5),
    aliveModelTimeUnit: o.aliveModel === undefined ? null : (o.aliveModelTimeUnit ?? 'week'),
  };
  const observed = readObservedTransactions(transactions, pickFieldOptions(o), o.observationEnd);
  const { columns, endDay } = observed;
  const { offsets, order } = groupObserved(observed);
  const { day, amount, ids } = columns;
  const W = rules.recentWindowDays;
  const windowStart = endDay - W + 1;
  const unit = DAYS_PER_TIME_UNIT[rules.rateUnit];

  const customers: CustomerLifecycleStage[] = [];
  // For the model: customers to re-split, with their (frequency, recency, T).
  const toModel: number[] = [];
  const modelInput: FrequencyRecencyT[] = [];
  const modelUnit = rules.aliveModelTimeUnit === null ? 1 : DAYS_PER_TIME_UNIT[rules.aliveModelTimeUnit];

  for (let k = 0; k < ids.length; k++) {
    const from = offsets[k] as number;
    const to = offsets[k + 1] as number;
    if (from === to) continue;
    const first = day[order[from] as number] as number;
    const last = day[order[to - 1] as number] as number;
    let purchaseDays = 0;
    let recentDays = 0;
    let earlierDays = 0;
    let recentSpend = 0;
    let earlierSpend = 0;
    let previous = Number.NaN;
    // Few rows per customer: plain sums are exact enough here (and do not affect any money total reported).
    for (let i = from; i < to; i++) {
      const r = order[i] as number;
      const d = day[r] as number;
      const x = amount[r] as number;
      const newDay = d !== previous;
      if (newDay) purchaseDays++;
      previous = d;
      if (d >= windowStart) {
        if (newDay) recentDays++;
        recentSpend += x;
      } else if (d > first) {
        if (newDay) earlierDays++;
        earlierSpend += x;
      }
    }
    const tenureDays = endDay - first;
    const daysSinceLastPurchase = endDay - last;
    const history = windowStart - first; // H = E − W − f + 1
    const hasHistory = history >= 1;
    const recentPurchaseRate = (recentDays / W) * unit;
    const recentSpendRate = zeroed((recentSpend / W) * unit);
    const earlierPurchaseRate = hasHistory ? (earlierDays / history) * unit : null;
    const earlierSpendRate = hasHistory ? zeroed((earlierSpend / history) * unit) : null;
    const purchaseTrend =
      earlierPurchaseRate !== null && earlierPurchaseRate > 0 ? recentPurchaseRate / earlierPurchaseRate : null;
    const spendTrend = earlierSpendRate !== null && earlierSpendRate > 0 ? recentSpendRate / earlierSpendRate : null;

    let stage: LifecycleStage;
    let rule: LifecycleRule;
    if (daysSinceLastPurchase >= rules.lapsedAfterDays) {
      stage = 'lapsed';
      rule = 'inactive';
    } else if (tenureDays < rules.explorationDays) {
      stage = 'exploration';
      rule = 'new';
    } else if (purchaseDays < rules.minPurchaseDays) {
      stage = 'exploration';
      rule = 'few-purchases';
    } else if (
      (purchaseTrend === null ? recentDays === 0 : purchaseTrend <= rules.declineRatio) ||
      (spendTrend !== null && spendTrend <= rules.declineRatio)
    ) {
      stage = 'decline';
      rule = 'falling';
    } else if (tenureDays < rules.formationDays) {
      stage = 'formation';
      rule = 'young';
    } else if (purchaseTrend === null ? recentDays > 0 : purchaseTrend >= rules.growthRatio) {
      stage = 'formation';
      rule = 'rising';
    } else {
      stage = 'stability';
      rule = 'steady';
    }
    if (o.aliveModel !== undefined && (stage === 'decline' || stage === 'lapsed')) {
      toModel.push(customers.length);
      modelInput.push({
        frequency: purchaseDays - 1,
        recency: (last - first) / modelUnit,
        T: tenureDays / modelUnit,
      });
    }
    customers.push({
      customerId: ids[k] as CustomerId,
      stage,
      evidence: {
        tenureDays,
        daysSinceLastPurchase,
        purchaseDays,
        recentPurchaseDays: recentDays,
        earlierRepeatPurchaseDays: earlierDays,
        recentPurchaseRate,
        earlierPurchaseRate,
        purchaseTrend,
        recentSpendRate,
        earlierSpendRate,
        spendTrend,
        probabilityAlive: null,
        rule,
      },
    });
  }

  if (o.aliveModel !== undefined && toModel.length > 0) {
    const threshold = rules.aliveThreshold as number;
    const alive = callModel(o.aliveModel, modelInput);
    for (let j = 0; j < toModel.length; j++) {
      const p = alive[j] as number;
      const entry = customers[toModel[j] as number] as CustomerLifecycleStage;
      entry.evidence.probabilityAlive = p;
      if (p < threshold) {
        entry.stage = 'lapsed';
        entry.evidence.rule = 'model-not-alive';
      } else {
        entry.stage = 'decline';
        entry.evidence.rule = 'model-alive';
      }
    }
  }

  const stageCounts: Record<LifecycleStage, number> = {
    exploration: 0,
    formation: 0,
    stability: 0,
    decline: 0,
    lapsed: 0,
  };
  for (const c of customers) stageCounts[c.stage]++;
  return {
    customers,
    stageCounts,
    observationEnd: dayToDate(endDay),
    rules,
    counts: observed.counts,
    skipped: observed.skipped,
  };
}

function zeroed(x: number): number {
  return x === 0 ? 0 : x;
}

/** Calls the model and checks that it returned one probability per customer. */
function callModel(model: ProbabilityAliveModel, input: FrequencyRecencyT[]): ArrayLike<number> {
  let out: ArrayLike<number>;
  try {
    out = model.probabilityAlive(input);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw invalidWithReason(['options', 'aliveModel'], `probabilityAlive threw (${reason})`, 'INVALID_OPTION');
  }
  if (out === null || typeof out !== 'object' || typeof out.length !== 'number' || out.length !== input.length) {
    throw invalidValue(
      ['options', 'aliveModel', 'probabilityAlive'],
      `an array of ${input.length} probabilities`,
      out,
      'INVALID_OPTION',
    );
  }
  for (let j = 0; j < input.length; j++) {
    const p = out[j];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw invalidValue(
        ['options', 'aliveModel', 'probabilityAlive', j],
        'a probability in [0, 1]',
        p,
        'INVALID_OPTION',
      );
    }
  }
  return out;
}
