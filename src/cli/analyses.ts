/**
 * The analyses behind the commands and the report, computed with the library's public functions on a transaction
 * log read by the CLI. Each returns plain data; none prints.
 * @module
 */

import {
  type BetaGeoModel,
  customerLifetimeValue,
  fitBetaGeo,
  fitGammaGamma,
  type GammaGammaModel,
  type RepeatFrequencyFitResult,
  repeatFrequencyFit,
} from '../clv/index.js';
import type { TimeUnit } from '../core/dates.js';
import { dayToDate } from '../core/dates.js';
import { CrmAnalyticsError, isCrmAnalyticsError } from '../core/errors.js';
import type { CustomerSummary, CustomerSummaryTable } from '../data/index.js';
import { summarizeCustomers } from '../data/index.js';
import {
  type CohortRetentionResult,
  cohortRetention,
  type LifecycleStageResult,
  lifecycleStage,
} from '../lifecycle/index.js';
import {
  type AbcClassification,
  abcClassify,
  type CustomerPyramid,
  customerPyramid,
  type LorenzPoint,
  lorenzCurve,
  type ParetoAnalysisResult,
  paretoAnalysis,
} from '../pareto/index.js';
import {
  type RfmScoreTable,
  type RfmSegmentation,
  type RfmSegmentReportRow,
  rfmScores,
  rfmSegmentReport,
  rfmSegments,
} from '../rfm/index.js';
import { type TransactionLog, transactionRecords } from './csv.js';

/** What every analysis starts from. @internal */
export interface AnalysisInput {
  log: TransactionLog;
  /** Last day included (UTC day number); default the last transaction's day. */
  asOfDay?: number;
  timeUnit: TimeUnit;
}

/** Customer summaries of the log (lifetimes conventions, daily purchase periods), with the file's customer ids. @internal */
export function summarizeLog(input: AnalysisInput): CustomerSummaryTable {
  const table = summarizeCustomers(transactionRecords(input.log), {
    timeUnit: input.timeUnit,
    ...(input.asOfDay === undefined ? {} : { observationEnd: dayToDate(input.asOfDay) }),
  });
  const ids = input.log.ids;
  return {
    ...table,
    customers: table.customers.map((c) => ({ ...c, customerId: ids[c.customerId as number] as string })),
  };
}

/** RFM scores (quintiles), R `rfm` segments and the per-segment report. @internal */
export interface RfmResult {
  scores: RfmScoreTable;
  segmentation: RfmSegmentation;
  segments: RfmSegmentReportRow[];
  /** Customers whose net revenue is negative (returns above purchases), scored with monetary 0. */
  negativeRevenueCustomers: number;
}

/** @internal */
export function analyzeRfm(summary: CustomerSummaryTable): RfmResult {
  const customers = summary.customers;
  let negatives = 0;
  for (const c of customers) if (c.totalRevenue < 0) negatives++;
  // Summaries are read as R = T − recency, F = transactionCount, M = totalRevenue; a net refund is scored as 0 spend.
  const scores =
    negatives === 0
      ? rfmScores(customers)
      : rfmScores(customers, {
          fields: {
            customerId: 'customerId',
            recency: (c: CustomerSummary) => c.T - c.recency,
            frequency: 'transactionCount',
            monetary: (c: CustomerSummary) => Math.max(0, c.totalRevenue),
          },
        });
  const segmentation = rfmSegments(scores);
  return {
    scores,
    segmentation,
    segments: rfmSegmentReport(scores, segmentation),
    negativeRevenueCustomers: negatives,
  };
}

/** 80/20 figures of customer revenue. @internal */
export interface ParetoResult {
  revenue: Float64Array;
  analysis: ParetoAnalysisResult<number>;
  lorenz: LorenzPoint[];
  abc: AbcClassification<number>;
  pyramid: CustomerPyramid<number>;
  negativeRevenueCustomers: number;
}

/** @internal */
export function analyzePareto(summary: CustomerSummaryTable): ParetoResult {
  const revenue = new Float64Array(summary.customers.length);
  let negatives = 0;
  summary.customers.forEach((c, i) => {
    revenue[i] = c.totalRevenue;
    if (c.totalRevenue < 0) negatives++;
  });
  const options = { negative: 'clamp' as const };
  return {
    revenue,
    analysis: paretoAnalysis(revenue, options),
    lorenz: lorenzCurve(revenue, { ...options, steps: 200 }),
    abc: abcClassify(revenue, options),
    pyramid: customerPyramid(revenue, options),
    negativeRevenueCustomers: negatives,
  };
}

/** BG/NBD + Gamma-Gamma fits and per-customer predictions, in customer order. @internal */
export interface ClvResult {
  transactionModel: BetaGeoModel;
  /** `null` when the spend model could not be fitted (then `spendNote` says why and spend is the observed mean). */
  spendModel: GammaGammaModel | null;
  spendNote: string | null;
  probabilityAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  repeatFit: RepeatFrequencyFitResult;
  horizonMonths: number;
  discountRatePerMonth: number;
}

/** @internal */
export function analyzeClv(summary: CustomerSummaryTable, horizonMonths: number, discountRate: number): ClvResult {
  const transactionModel = fitBetaGeo(summary);
  const customers = summary.customers;
  const repeaters = customers.filter((c) => c.frequency > 0 && c.monetaryValue > 0);
  let spendModel: GammaGammaModel | null = null;
  let spendNote: string | null = null;
  let expectedSpend: Float64Array;
  try {
    spendModel = fitGammaGamma(repeaters);
    // A Gamma-Gamma fit whose population mean spend pγ/(q − 1) is far from the observed mean spend of the repeat
    // buyers (q close to 1, or a fit that did not converge) would turn CLV into nonsense; use the observed means then.
    const { p, q, gamma } = spendModel.params;
    let observed = 0;
    for (const c of repeaters) observed += c.monetaryValue;
    observed /= repeaters.length;
    const populationMean = q > 1 ? (p * gamma) / (q - 1) : Number.POSITIVE_INFINITY;
    if (spendModel.converged === false || !(populationMean < 3 * observed && populationMean > observed / 3)) {
      throw new CrmAnalyticsError(
        'DOMAIN_ERROR',
        `the fitted population mean spend ${populationMean.toFixed(2)} is far from the observed mean ${observed.toFixed(2)} (p = ${p.toPrecision(4)}, q = ${q.toPrecision(4)}, γ = ${gamma.toPrecision(4)}${spendModel.converged === false ? ', not converged' : ''})`,
      );
    }
    expectedSpend = spendModel.conditionalExpectedSpend(
      customers.map((c) =>
        c.frequency > 0 && c.monetaryValue > 0
          ? { frequency: c.frequency, monetaryValue: c.monetaryValue }
          : { frequency: 0, monetaryValue: 0 },
      ),
    );
  } catch (error) {
    if (!isCrmAnalyticsError(error)) throw error;
    spendModel = null;
    spendNote = `the Gamma-Gamma spend model could not be used (${error.message}); expected spend is each customer's observed mean spend per purchase day`;
    expectedSpend = new Float64Array(customers.length);
    customers.forEach((c, i) => {
      expectedSpend[i] = Math.max(0, c.totalRevenue / Math.max(1, c.frequency + 1));
    });
  }
  const horizon = { months: horizonMonths };
  const clv = customerLifetimeValue({
    transactionModel,
    spend: expectedSpend,
    customers: summary,
    horizon,
    discountRate: { rate: discountRate, per: 'month' },
  });
  return {
    transactionModel,
    spendModel,
    spendNote,
    probabilityAlive: transactionModel.probabilityAlive(summary),
    expectedPurchases: transactionModel.conditionalExpectedPurchases(horizon, summary),
    expectedSpend,
    clv,
    repeatFit: repeatFrequencyFit(transactionModel, customers),
    horizonMonths,
    discountRatePerMonth: discountRate,
  };
}

/** Monthly cohorts and lifecycle stages. @internal */
export interface CohortResult {
  retention: CohortRetentionResult;
  lifecycle: LifecycleStageResult | null;
}

/** @internal */
export function analyzeCohorts(input: AnalysisInput, aliveModel?: BetaGeoModel): CohortResult {
  const end = input.asOfDay === undefined ? {} : { observationEnd: dayToDate(input.asOfDay) };
  const retention = cohortRetention(transactionRecords(input.log), { period: 'month', ...end });
  const lifecycle = lifecycleStage(transactionRecords(input.log), {
    ...end,
    ...(aliveModel === undefined ? {} : { aliveModel, aliveModelTimeUnit: aliveModel.timeUnit }),
  });
  return { retention, lifecycle };
}
