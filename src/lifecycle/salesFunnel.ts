import * as z from 'zod';
import { emptyInput, invalidValue, invalidWithReason } from '../core/messages.js';
import { parseOptions, readField, recordAt, toRecordArray } from '../core/validate.js';

/** One stage (or lead segment) of a sales funnel. */
export interface SalesFunnelStage {
  /** Label of the stage, e.g. `'buy within 3 months'`. */
  name: string;
  /**
   * Leads entering the stage (a finite number ≥ 0; fractional expected counts are allowed). Required in
   * `'segments'` mode and on the first stage in `'sequential'` mode; later sequential stages must omit it (their leads
   * are the previous stage's expected conversions).
   */
  leads?: number;
  /** Share of the stage's leads expected to convert, a fraction in [0, 1]. */
  conversionRate: number;
}

/** Options of {@link salesFunnel}. */
export interface SalesFunnelOptions {
  /**
   * `'segments'` (default): each stage is its own pool of leads (e.g. leads grouped by purchase intent); totals are
   * sums. `'sequential'`: a classic funnel, each stage converts the previous stage's output; the total is the last
   * stage's output.
   */
  mode?: 'segments' | 'sequential';
}

/** zod schema of {@link SalesFunnelOptions}. */
export const salesFunnelOptionsSchema: z.ZodType<SalesFunnelOptions> = z.strictObject({
  mode: z.enum(['segments', 'sequential']).optional(),
}) as z.ZodType<SalesFunnelOptions>;

/** One stage of {@link salesFunnel}'s result. */
export interface SalesFunnelStageResult {
  name: string;
  /** Leads entering the stage. */
  leads: number;
  /** The stage's conversion rate (fraction). */
  conversionRate: number;
  /** `leads × conversionRate`, an expected (not rounded) number of conversions. */
  expectedConversions: number;
}

/** What {@link salesFunnel} returns. */
export interface SalesFunnelResult {
  /** The mode used. */
  mode: 'segments' | 'sequential';
  /** Each stage with its expected conversions. */
  stages: SalesFunnelStageResult[];
  /** Totals: `'segments'` sums leads and conversions; `'sequential'` takes the first stage's leads and the last stage's conversions. */
  total: {
    leads: number;
    expectedConversions: number;
    /** `expectedConversions / leads` (sequential: the product of the rates); `null` when there are no leads in segments mode. */
    conversionRate: number | null;
  };
}

/**
 * The textbook's purchase-intent example (a car maker's CRM case): of leads who plan to buy within 3 months, 10% buy;
 * of those who plan to buy within a year, 4%. An example to pass to {@link salesFunnel} explicitly, not a default:
 * measure your own rates.
 *
 * @example
 * import { PURCHASE_INTENT_CONVERSION_EXAMPLE } from 'crm-analytics/lifecycle';
 * PURCHASE_INTENT_CONVERSION_EXAMPLE.withinThreeMonths; // => 0.1
 * PURCHASE_INTENT_CONVERSION_EXAMPLE.withinOneYear; // => 0.04
 */
export const PURCHASE_INTENT_CONVERSION_EXAMPLE: Readonly<{ withinThreeMonths: number; withinOneYear: number }> =
  Object.freeze({ withinThreeMonths: 0.1, withinOneYear: 0.04 });

/**
 * Sales funnel (销售漏斗) calculator: expected conversions per stage, `leads × conversionRate`, and in total.
 * Small and transparent on purpose: every rate is an input.
 *
 * In `'segments'` mode (default) the stages are separate pools of leads and the totals are sums, with
 * `total.conversionRate = Σ conversions / Σ leads`. In `'sequential'` mode the leads of stage i + 1 are the expected
 * conversions of stage i, and the overall rate is the product of the stage rates. Conversions never exceed leads.
 *
 * Reference: Kotler, P. & Keller, K. L. (2016), Marketing Management, 15th ed., Pearson (the marketing funnel); the
 * purchase-intent rates are the textbook's example ({@link PURCHASE_INTENT_CONVERSION_EXAMPLE}).
 *
 * @param stages - the stages in order, `{ name, leads, conversionRate }`
 * @param options - see {@link SalesFunnelOptions}
 * @returns each stage with `expectedConversions`, and the totals
 * @throws {CrmAnalyticsError} `EMPTY_INPUT` with no stage; `INVALID_INPUT` naming the stage for a bad name, lead count or
 *   rate (`stages[1].conversionRate: expected a fraction in [0, 1], got 1.5`); `INVALID_OPTION` for a bad mode
 *
 * @example
 * import { salesFunnel } from 'crm-analytics/lifecycle';
 * const funnel = salesFunnel([
 *   { name: 'buy within 3 months', leads: 500, conversionRate: 0.1 },
 *   { name: 'buy within a year', leads: 2000, conversionRate: 0.04 },
 * ]);
 * funnel.stages.map((s) => s.expectedConversions); // => [50, 80]
 * funnel.total; // => { leads: 2500, expectedConversions: 130, conversionRate: 0.052 }
 * salesFunnel([{ name: 'visit', leads: 1000, conversionRate: 0.3 }, { name: 'quote', conversionRate: 0.5 }], { mode: 'sequential' }).total; // => { leads: 1000, expectedConversions: 150, conversionRate: 0.15 }
 * salesFunnel([{ name: 'x', leads: 10, conversionRate: 1.5 }]); // throws INVALID_INPUT
 * salesFunnel([]); // throws EMPTY_INPUT
 */
export function salesFunnel(
  stages: Iterable<SalesFunnelStage> | ArrayLike<SalesFunnelStage>,
  options: SalesFunnelOptions = {},
): SalesFunnelResult {
  const mode = (parseOptions(salesFunnelOptionsSchema, options) as SalesFunnelOptions).mode ?? 'segments';
  const records = toRecordArray(stages, 'stages');
  if (records.length === 0) throw emptyInput('stages', 1, 'stage');
  const out: SalesFunnelStageResult[] = [];
  let flowing = 0;
  let totalLeads = 0;
  let totalConversions = 0;
  let product = 1;
  for (let i = 0; i < records.length; i++) {
    const record = recordAt(records, i, 'stages') as unknown;
    if (record === null || typeof record !== 'object') {
      throw invalidValue(['stages', i], 'a stage { name, leads, conversionRate }', record);
    }
    const name = readField((r: object) => (r as Record<string, unknown>).name, record, i, ['stages', i, 'name']);
    if (typeof name !== 'string' || name === '') throw invalidValue(['stages', i, 'name'], 'a non-empty string', name);
    const rate = readField((r: object) => (r as Record<string, unknown>).conversionRate, record, i, [
      'stages',
      i,
      'conversionRate',
    ]);
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw invalidValue(['stages', i, 'conversionRate'], 'a fraction in [0, 1]', rate);
    }
    const given = readField((r: object) => (r as Record<string, unknown>).leads, record, i, ['stages', i, 'leads']);
    let leads: number;
    if (mode === 'sequential' && i > 0) {
      if (given !== undefined) {
        throw invalidWithReason(
          ['stages', i, 'leads'],
          'expected no value in sequential mode (the leads of a later stage are the previous stage’s conversions)',
          'INVALID_INPUT',
          given,
        );
      }
      leads = flowing;
    } else {
      if (typeof given !== 'number' || !Number.isFinite(given) || given < 0) {
        throw invalidValue(['stages', i, 'leads'], 'a finite number ≥ 0', given);
      }
      leads = given === 0 ? 0 : given;
    }
    const expectedConversions = leads * rate;
    out.push({ name, leads, conversionRate: rate, expectedConversions });
    flowing = expectedConversions;
    totalLeads += leads;
    totalConversions += expectedConversions;
    product *= rate;
  }
  if (mode === 'sequential') {
    const first = out[0] as SalesFunnelStageResult;
    return {
      mode,
      stages: out,
      total: { leads: first.leads, expectedConversions: flowing, conversionRate: product },
    };
  }
  return {
    mode,
    stages: out,
    total: {
      leads: totalLeads,
      expectedConversions: totalConversions,
      conversionRate: totalLeads > 0 ? totalConversions / totalLeads : null,
    },
  };
}
