/**
 * The data commands (`rfm`, `pareto`, `clv`, `cohorts`): each turns its analysis into an output table and a JSON
 * document.
 * @module
 */
import type { CustomerSummaryTable } from '../data/index.js';
import { type AnalysisInput, analyzeClv, analyzeCohorts, analyzePareto, analyzeRfm } from './analyses.js';
import type { CliCommand } from './args.js';
import type { OutputColumn, OutputTable } from './output.js';

/** What a data command produces. @internal */
export interface DataCommandResult {
  table: OutputTable;
  /** Command-specific JSON fields (the rows are added by the caller under `listKey`). */
  json: Record<string, unknown>;
  /** Key of the list in the JSON document. */
  listKey: string;
  /** The full list for JSON (may carry more fields than the table). */
  list: readonly unknown[];
  /** Notes for stderr. */
  notes: string[];
}

const col = (key: string, title: string, kind: OutputColumn['kind']): OutputColumn => ({ key, title, kind });

/** Runs one data command. @internal */
export function runDataCommand(
  command: Exclude<CliCommand, 'report'>,
  input: AnalysisInput,
  summary: CustomerSummaryTable,
  horizonMonths: number,
  discountRate: number,
): DataCommandResult {
  switch (command) {
    case 'rfm':
      return rfmCommand(summary);
    case 'pareto':
      return paretoCommand(summary);
    case 'clv':
      return clvCommand(summary, horizonMonths, discountRate);
    case 'cohorts':
      return cohortsCommand(input);
  }
}

function rfmCommand(summary: CustomerSummaryTable): DataCommandResult {
  const r = analyzeRfm(summary);
  const unit = summary.timeUnit;
  const list = r.scores.customers.map((s, i) => ({ ...s, segment: r.segmentation.customers[i]?.segment ?? '' }));
  const notes =
    r.negativeRevenueCustomers > 0
      ? [`${r.negativeRevenueCustomers} customers with net refunds were scored with monetary value 0`]
      : [];
  return {
    table: {
      columns: [
        col('customerId', 'customer', 'text'),
        col('recency', `recency (${unit}s)`, 'number'),
        col('frequency', 'frequency', 'integer'),
        col('monetary', 'monetary', 'money'),
        col('recencyScore', 'R', 'integer'),
        col('frequencyScore', 'F', 'integer'),
        col('monetaryScore', 'M', 'integer'),
        col('cell', 'cell', 'text'),
        col('score', 'score', 'integer'),
        col('segment', 'segment', 'text'),
      ],
      rows: list.map((s) => ({
        customerId: String(s.customerId),
        recency: s.recency,
        frequency: s.frequency,
        monetary: s.monetary,
        recencyScore: s.recencyScore,
        frequencyScore: s.frequencyScore,
        monetaryScore: s.monetaryScore,
        cell: s.cell,
        score: s.score,
        segment: s.segment,
      })),
    },
    json: { bins: r.scores.bins, method: r.scores.method, ranges: r.scores.ranges, segments: r.segments },
    listKey: 'customers',
    list,
    notes,
  };
}

function paretoCommand(summary: CustomerSummaryTable): DataCommandResult {
  const p = analyzePareto(summary);
  const customers = summary.customers;
  const list = p.analysis.rows.map((row) => ({
    rank: row.rank,
    customerId: customers[row.index]?.customerId ?? '',
    revenue: customers[row.index]?.totalRevenue ?? 0,
    share: row.share,
    cumulativeCustomerShare: row.cumulativeCustomerShare,
    cumulativeRevenueShare: row.cumulativeValueShare,
    abcClass: p.abc.customers[row.index]?.class ?? '',
    tier: p.pyramid.customers[row.index]?.tier ?? '',
  }));
  return {
    table: {
      columns: [
        col('rank', 'rank', 'integer'),
        col('customerId', 'customer', 'text'),
        col('revenue', 'revenue', 'money'),
        col('share', 'share', 'share'),
        col('cumulativeCustomerShare', 'cum. customers', 'share'),
        col('cumulativeRevenueShare', 'cum. revenue', 'share'),
        col('abcClass', 'ABC', 'text'),
        col('tier', 'tier', 'text'),
      ],
      rows: list.map((r) => ({ ...r, customerId: String(r.customerId) })),
    },
    json: {
      customerCount: p.analysis.count,
      totalRevenue: p.analysis.total,
      gini: p.analysis.gini,
      abRule: p.analysis.abRule,
      top20RevenueShare: p.analysis.topShare(0.2),
      customersFor80PercentOfRevenue: p.analysis.customersForShare(0.8),
      abcClasses: p.abc.classes,
      pyramidTiers: p.pyramid.tiers,
    },
    listKey: 'customers',
    list,
    notes:
      p.negativeRevenueCustomers > 0
        ? [`${p.negativeRevenueCustomers} customers with net refunds count as 0 revenue`]
        : [],
  };
}

function clvCommand(summary: CustomerSummaryTable, horizonMonths: number, discountRate: number): DataCommandResult {
  const c = analyzeClv(summary, horizonMonths, discountRate);
  const customers = summary.customers;
  const order = Array.from({ length: customers.length }, (_, i) => i).sort(
    (a, b) => (c.clv[b] as number) - (c.clv[a] as number) || a - b,
  );
  const list = order.map((i) => {
    const s = customers[i];
    return {
      customerId: s?.customerId ?? '',
      frequency: s?.frequency ?? 0,
      recency: s?.recency ?? 0,
      T: s?.T ?? 0,
      monetaryValue: s?.monetaryValue ?? 0,
      probabilityAlive: c.probabilityAlive[i] as number,
      expectedPurchases: c.expectedPurchases[i] as number,
      expectedSpend: c.expectedSpend[i] as number,
      clv: c.clv[i] as number,
    };
  });
  const unit = summary.timeUnit;
  const bg = c.transactionModel;
  return {
    table: {
      columns: [
        col('customerId', 'customer', 'text'),
        col('frequency', 'repeat', 'integer'),
        col('recency', `recency (${unit}s)`, 'number'),
        col('T', `T (${unit}s)`, 'number'),
        col('probabilityAlive', 'P(alive)', 'probability'),
        col('expectedPurchases', `purchases ${horizonMonths} mo`, 'number'),
        col('expectedSpend', 'spend/purchase', 'money'),
        col('clv', 'CLV', 'money'),
      ],
      rows: list.map((r) => ({ ...r, customerId: String(r.customerId) })),
    },
    json: {
      horizonMonths,
      discountRatePerMonth: discountRate,
      transactionModel: {
        model: 'BG/NBD',
        params: bg.params,
        logLikelihood: bg.logLikelihood,
        converged: bg.converged,
        confidenceIntervals: bg.confidenceIntervals,
      },
      spendModel: c.spendModel === null ? null : { model: 'Gamma-Gamma', params: c.spendModel.params },
      spendNote: c.spendNote,
      repeatFrequencyFit: c.repeatFit,
    },
    listKey: 'customers',
    list,
    notes: c.spendNote === null ? [] : [c.spendNote],
  };
}

function cohortsCommand(input: AnalysisInput): DataCommandResult {
  const k = analyzeCohorts(input);
  const cohorts = k.retention.cohorts;
  let ages = 0;
  for (const row of cohorts) if (row.retention.length > ages) ages = row.retention.length;
  const columns: OutputColumn[] = [col('cohort', 'cohort', 'text'), col('size', 'customers', 'integer')];
  for (let a = 0; a < ages; a++) columns.push(col(`m${a}`, `m${a}`, 'share'));
  const rows = cohorts.map((row) => {
    const out: Record<string, string | number | null> = { cohort: row.cohort, size: row.size };
    for (let a = 0; a < ages; a++) out[`m${a}`] = row.retention[a] ?? null;
    return out;
  });
  return {
    table: { columns, rows },
    json: {
      period: k.retention.period,
      lastPeriodComplete: k.retention.lastPeriodComplete,
      retentionCurve: k.retention.retentionCurve,
      lifecycleStageCounts: k.lifecycle?.stageCounts ?? null,
    },
    listKey: 'cohorts',
    list: cohorts.map((row) => ({ ...row, start: row.start.toISOString().slice(0, 10) })),
    notes: [],
  };
}
