// The table of public functions under fuzz: each with valid seed arguments that the mutator damages.
// Areas: data, rfm, pareto, satisfaction, lifecycle, value, sql, node, clv (retention + contractual).
import {
  BetaGeoBetaBinomModel,
  calibrationVsHoldout,
  customerEquity,
  derlRetentionElasticity,
  discountedExpectedResidualLifetime,
  fitBetaGeoBetaBinom,
  fitShiftedBetaGeometric,
  fitShiftedBetaGeometricCohorts,
  lifetimeValue,
  loadContractualModel,
  marginMultiple,
  repeatFrequencyFit,
  retentionImpact,
  ShiftedBetaGeometricModel,
  trackingCurve,
  valueSplit,
} from 'crm-analytics/clv';
import {
  calibrationHoldoutSplit,
  createSummaryBuilder,
  summarizeColumns,
  summarizeCustomers,
  summaryColumnsToTable,
} from 'crm-analytics/data';
import {
  acquisitionVsRetention,
  churnRate,
  cohortRetention,
  lifecycleStage,
  periodRetentionRate,
  salesFunnel,
} from 'crm-analytics/lifecycle';
import { summarizeParallel } from 'crm-analytics/node';
import {
  abcClassify,
  concentrationSummary,
  customerPyramid,
  gini,
  herfindahl,
  lorenzCurve,
  paretoAnalysis,
} from 'crm-analytics/pareto';
import {
  checkSegmentTable,
  RFM_DEFAULT_SEGMENT_TABLE,
  rfmBreakScores,
  rfmDiagnostics,
  rfmQuantileScores,
  rfmScores,
  rfmSegmentReport,
  rfmSegments,
} from 'crm-analytics/rfm';
import {
  ces,
  csat,
  disconfirmation,
  importancePerformance,
  kano,
  kanoCategory,
  loyaltyVulnerability,
  nps,
  satisfactionIndex,
  satisfactionRatio,
  servqualGaps,
  trustQuotient,
} from 'crm-analytics/satisfaction';
import { quoteSqlIdentifier, summarySql, summarySqlRowsToTable } from 'crm-analytics/sql';
import { compareOfferings, deliveredValue, deliveredValueFromSurvey, priceOfTime } from 'crm-analytics/value';
import type { FuzzTarget } from './hostile.js';

type AnyFunction = (...args: unknown[]) => unknown;
/** Spreads the argument list into a public function, whatever its declared parameter types. */
const spread =
  (fn: unknown) =>
  (args: readonly unknown[]): unknown =>
    (fn as AnyFunction)(...args);

const tx = (): Record<string, unknown>[] => [
  { customerId: 'a', date: '2024-01-05', amount: 10 },
  { customerId: 'b', date: '2024-01-09', amount: 12.5 },
  { customerId: 'a', date: '2024-02-11', amount: 20 },
  { customerId: 'a', date: '2024-03-02', amount: 5 },
  { customerId: 'b', date: '2024-03-20', amount: 7 },
  { customerId: 7, date: new Date(Date.UTC(2024, 0, 2)), amount: 0 },
];

const rfmRows = (): Record<string, unknown>[] =>
  [2, 40, 7, 90, 15, 3].map((days, i) => ({ id: `c${i}`, days, orders: (i % 4) + 1, spend: 30 * (i + 1) }));
const rfmFields = (): Record<string, unknown> => ({
  customerId: 'id',
  recency: 'days',
  frequency: 'orders',
  monetary: 'spend',
});

const bgbbRows = (): Record<string, unknown>[] => [
  { frequency: 0, recency: 0, periods: 3, weights: 40 },
  { frequency: 1, recency: 1, periods: 3, weights: 10 },
  { frequency: 1, recency: 3, periods: 3, weights: 8 },
  { frequency: 2, recency: 3, periods: 3, weights: 12 },
  { frequency: 3, recency: 3, periods: 3, weights: 30 },
];
const bgbbParams = (): Record<string, unknown> => ({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
const survivors = (): number[] => [1000, 631, 468, 382, 326, 289, 262, 241];

const offering = (name: string, product: number, time: number): Record<string, unknown> => ({
  name,
  value: { product, service: 100 },
  cost: { monetary: 400, time },
});

const FIT_RUNS = 40;

export const targets: readonly FuzzTarget[] = [
  // data
  {
    name: 'summarizeCustomers',
    call: spread(summarizeCustomers),
    seeds: () => [
      [tx(), { observationEnd: '2024-03-31', timeUnit: 'week' }],
      [tx(), { onInvalid: 'skip', monetary: 'mean' }],
      [tx()],
    ],
  },
  {
    name: 'calibrationHoldoutSplit',
    call: spread(calibrationHoldoutSplit),
    seeds: () => [[tx(), { calibrationEnd: '2024-02-01', observationEnd: '2024-03-31' }]],
  },
  {
    name: 'createSummaryBuilder().addMany().merge().build()',
    call: ([options, rows, more]) => {
      const make = createSummaryBuilder as (o: unknown) => ReturnType<typeof createSummaryBuilder>;
      return make(options)
        .addMany(rows as never)
        .merge(make(options).add(more as never))
        .build();
    },
    seeds: () => [[{ observationEnd: '2024-03-31' }, tx(), { customerId: 'z', date: '2024-03-01', amount: 3 }]],
  },
  {
    name: 'summarizeColumns + summaryColumnsToTable',
    call: ([input, options]) => summaryColumnsToTable(summarizeColumns(input as never, options as never)),
    seeds: () => [
      [
        {
          customerIds: new Int32Array([7, 7, 9]),
          dates: new Float64Array([0, 864e6, 2592e5]),
          amounts: new Float64Array([5, 20, 8]),
        },
        { observationEnd: 14 * 864e5 },
      ],
      [{ customerIds: ['a', 'b', 'a'], dates: ['2024-01-01', '2024-01-02', '2024-02-01'], amounts: [3, 4, 5] }, {}],
      [
        { customerIds: [1, 2], dates: [19000, 19010], amounts: [1, 2] },
        { dateUnit: 'day', timeUnit: 'month' },
      ],
    ],
  },
  // rfm
  {
    name: 'rfmQuantileScores',
    call: spread(rfmQuantileScores),
    seeds: () => [
      [[10, 20, 30, 40, 50, 60], 5],
      [[3, 1, 2], 3, 'lower'],
    ],
  },
  { name: 'rfmBreakScores', call: spread(rfmBreakScores), seeds: () => [[[1, 4, 5, 9], [4, 6], 'higher']] },
  {
    name: 'rfmScores',
    call: spread(rfmScores),
    seeds: () => [
      [rfmRows(), { bins: 3, fields: rfmFields() }],
      [rfmRows(), { bins: 4, fields: rfmFields(), weights: { recency: 100, frequency: 10, monetary: 1 } }],
    ],
  },
  {
    name: 'rfmSegments + rfmSegmentReport + rfmDiagnostics',
    call: ([rows, options, table]) => {
      const scores = rfmScores(rows as never, options as never);
      const segmentation = rfmSegments(scores, table as never);
      return [segmentation, rfmSegmentReport(scores, segmentation), rfmDiagnostics(scores)];
    },
    seeds: () => [
      [rfmRows(), { fields: rfmFields() }, undefined],
      [rfmRows(), { bins: 2, fields: rfmFields() }, { name: 't', bins: 2, rules: [{ segment: 'A', recency: [2, 2] }] }],
    ],
  },
  {
    name: 'checkSegmentTable',
    call: spread(checkSegmentTable),
    seeds: () => [
      [
        {
          name: 't',
          bins: 2,
          rules: [
            { segment: 'A', recency: [2, 2] },
            { segment: 'B', cells: ['222'] },
          ],
        },
      ],
      [structuredClone(RFM_DEFAULT_SEGMENT_TABLE)],
    ],
  },
  // pareto
  ...(
    [
      ['gini', gini],
      ['herfindahl', herfindahl],
      ['lorenzCurve', lorenzCurve],
      ['abcClassify', abcClassify],
      ['customerPyramid', customerPyramid],
      ['concentrationSummary', concentrationSummary],
    ] as const
  ).map(
    ([name, fn]): FuzzTarget => ({
      name,
      call: spread(fn),
      seeds: () => [
        [[541, 1463, 2445, 3438, 4437]],
        [[3, -1, 0], { negative: 'clamp' }],
        [[{ id: 'a', spend: 15 }, { id: 'b', spend: 50 }, { spend: 0 }], { value: 'spend' }],
      ],
    }),
  ),
  {
    name: 'paretoAnalysis (+ topShare, customersForShare)',
    call: ([values, options, fraction]) => {
      const result = paretoAnalysis(values as never, options as never);
      return [result.toJSON(), result.topShare(fraction as number), result.customersForShare(fraction as number)];
    },
    seeds: () => [
      [[50, 30, 15, 5], undefined, 0.5],
      [[{ spend: 15 }, { spend: 50 }], { value: 'spend' }, 0.2],
    ],
  },
  // satisfaction
  {
    name: 'nps',
    call: spread(nps),
    seeds: () => [[[10, 9, 9, 8, 7, 6, 3, 10, 9, 5]], [[10, 10], { interval: 'adjusted-wald' }]],
  },
  { name: 'csat', call: spread(csat), seeds: () => [[[5, 4, 4, 3, 5, 2]], [[5, 4], { topBox: 1 }]] },
  {
    name: 'ces',
    call: spread(ces),
    seeds: () => [[[6, 7, 5, 6, 4]], [[2, 1, 3, 2], { scale: [1, 5], direction: 'lower-is-better' }]],
  },
  { name: 'loyaltyVulnerability', call: spread(loyaltyVulnerability), seeds: () => [[[5, 5, 4, 4, 3, 2, 1]]] },
  {
    name: 'disconfirmation',
    call: spread(disconfirmation),
    seeds: () => [
      [4, 5],
      [[5, 3], [4, 4], { weights: [1, 3] }],
    ],
  },
  {
    name: 'satisfactionRatio',
    call: spread(satisfactionRatio),
    seeds: () => [
      [9, 8],
      [[6, 9], [8, 9], { weights: [3, 1], tolerance: 0.05 }],
    ],
  },
  {
    name: 'importancePerformance',
    call: spread(importancePerformance),
    seeds: () => [
      [
        [
          { attribute: 'price', importance: 4.6, performance: 3.1 },
          { attribute: 'speed', importance: 4.4, performance: 4.5 },
        ],
      ],
    ],
  },
  {
    name: 'kanoCategory',
    call: spread(kanoCategory),
    seeds: () => [
      [1, 5],
      [3, 5],
    ],
  },
  {
    name: 'kano',
    call: spread(kano),
    seeds: () => [
      [
        [
          { feature: 'wifi', functional: 1, dysfunctional: 5 },
          { feature: 'spa', functional: 3, dysfunctional: 3 },
        ],
      ],
    ],
  },
  {
    name: 'satisfactionIndex',
    call: spread(satisfactionIndex),
    seeds: () => [
      [
        [
          { q1: 8, q2: 9 },
          { q1: 6, q2: null },
        ],
        { items: ['q1', 'q2'], scale: [1, 10] },
      ],
    ],
  },
  {
    name: 'servqualGaps',
    call: spread(servqualGaps),
    seeds: () => [
      [
        [
          [6, 7, 6],
          [7, 7, 5],
        ],
        [
          [5, 6, 6],
          [5, 7, 6],
        ],
        { dimensions: { tangibles: [1], reliability: [2, 3] } },
      ],
    ],
  },
  {
    name: 'trustQuotient',
    call: spread(trustQuotient),
    seeds: () => [[{ credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 3 }, { scale: [1, 10] }]],
  },
  // lifecycle
  {
    name: 'acquisitionVsRetention',
    call: spread(acquisitionVsRetention),
    seeds: () => [[{ customers: 1000, customersLost: 100, retentionCost: 20 }]],
  },
  {
    name: 'churnRate',
    call: spread(churnRate),
    seeds: () => [[tx(), { period: 'month', inactivityThreshold: 1, observationEnd: '2024-03-31' }]],
  },
  {
    name: 'periodRetentionRate',
    call: spread(periodRetentionRate),
    seeds: () => [[tx(), { period: 'month', inactivityThreshold: 2, observationEnd: '2024-04-30' }]],
  },
  {
    name: 'cohortRetention',
    call: spread(cohortRetention),
    seeds: () => [
      [tx(), { period: 'month' }],
      [tx(), { period: 'week' }],
    ],
  },
  {
    name: 'lifecycleStage',
    call: spread(lifecycleStage),
    seeds: () => [[tx(), { observationEnd: '2024-06-30' }]],
  },
  {
    name: 'salesFunnel',
    call: spread(salesFunnel),
    seeds: () => [
      [[{ name: 'buy', leads: 500, conversionRate: 0.1 }]],
      [
        [
          { name: 'visit', leads: 1000, conversionRate: 0.3 },
          { name: 'quote', conversionRate: 0.5 },
        ],
        { mode: 'sequential' },
      ],
    ],
  },
  // value
  {
    name: 'deliveredValue',
    call: spread(deliveredValue),
    seeds: () => [
      [{ value: { product: 600, service: 200 }, cost: { monetary: 500, time: 60 }, weights: { product: 0.5 } }],
    ],
  },
  {
    name: 'deliveredValueFromSurvey',
    call: spread(deliveredValueFromSurvey),
    seeds: () => [
      [{ value: { product: 5, service: 3 }, cost: { monetary: 4, time: 2 }, importance: { product: 3, service: 1 } }],
      [{ value: { product: 5 }, cost: { monetary: 4 } }, { scale: { min: 1, max: 7 } }],
    ],
  },
  {
    name: 'compareOfferings',
    call: spread(compareOfferings),
    seeds: () => [[[offering('A', 500, 50), offering('B', 450, 20)]]],
  },
  { name: 'priceOfTime', call: spread(priceOfTime), seeds: () => [[1.5, 40]] },
  // sql
  {
    name: 'quoteSqlIdentifier',
    call: spread(quoteSqlIdentifier),
    seeds: () => [
      ['order date', 'postgres'],
      ['x`y', 'spark'],
    ],
  },
  {
    name: 'summarySql',
    call: spread(summarySql),
    seeds: () => [
      [
        {
          table: 'orders',
          customer: 'cust',
          date: 'day',
          amount: 'total',
          observationEnd: '2024-12-31',
          dialect: 'postgres',
        },
      ],
    ],
  },
  {
    name: 'summarySqlRowsToTable',
    call: spread(summarySqlRowsToTable),
    seeds: () => [
      [
        [
          {
            customer_id: 'a',
            frequency: 1,
            recency: 2,
            T: 3,
            monetary_value: 4,
            total_revenue: 9,
            transaction_count: 2,
            first_purchase_day: 0,
            last_purchase_day: 2,
          },
        ],
        { timeUnit: 'day' },
      ],
    ],
  },
  // node (worker threads: few runs)
  {
    name: 'summarizeParallel',
    runs: 15,
    call: spread(summarizeParallel),
    seeds: () => [[{ customerIds: [1, 2, 1], dates: [0, 864e5, 1728e5], amounts: [1, 2, 3] }, { workers: 2 }]],
  },
  // clv: retention
  {
    name: 'lifetimeValue',
    call: spread(lifetimeValue),
    // Documented: `horizon` is Infinity for an infinite horizon (LifetimeValueResult.horizon).
    nonFiniteAllowed: [/^\$\.horizon = Infinity$/],
    seeds: () => [
      [{ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 3, acquisitionCost: 150 }],
      [{ margin: 100, retentionRate: 0.8, discountRate: 0.1, timing: 'start', marginGrowth: 0.01 }],
    ],
  },
  {
    name: 'marginMultiple',
    call: spread(marginMultiple),
    seeds: () => [
      [0.9, 0.1],
      [0.8, 0.1, { timing: 'start' }],
    ],
  },
  {
    name: 'retentionImpact',
    call: spread(retentionImpact),
    seeds: () => [[{ margin: 100, retentionRate: 0.8, discountRate: 0.1 }, { retentionDelta: 0.05 }]],
  },
  {
    name: 'customerEquity',
    call: spread(customerEquity),
    seeds: () => [
      [
        [
          { margin: 100, retentionRate: 0.8 },
          { margin: 50, retentionRate: 0.9 },
        ],
        { discountRate: 0.1 },
      ],
      [
        [],
        {
          discountRate: 0.1,
          margin: 100,
          retentionRate: 0.8,
          futureCohorts: { prospects: 10, acquisitionRate: 0.5, cohorts: 1 },
        },
      ],
    ],
  },
  {
    name: 'valueSplit',
    call: spread(valueSplit),
    seeds: () => [[{ history: [100, 100], forecast: [100, 100], discountRate: 0.1 }]],
  },
  // clv: contractual
  {
    name: 'discountedExpectedResidualLifetime',
    call: spread(discountedExpectedResidualLifetime),
    seeds: () => [
      [
        { alpha: 3.8, beta: 15.2 },
        { discountRate: 0.1, renewals: 1 },
      ],
    ],
  },
  {
    name: 'derlRetentionElasticity',
    call: spread(derlRetentionElasticity),
    seeds: () => [[{ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1 }]],
  },
  {
    name: 'ShiftedBetaGeometricModel methods',
    call: ([params, t, options]) => {
      const model = new ShiftedBetaGeometricModel(params as never);
      return [
        model.survival(t as number),
        model.retentionRate(t as number),
        model.churnProbability(t as number),
        model.derl(options as never),
        model.retentionElasticity(options as never),
        model.toJSON(),
      ];
    },
    seeds: () => [[{ alpha: 0.704, beta: 1.182 }, 3, { discountRate: 0.1 }]],
  },
  {
    name: 'ShiftedBetaGeometricModel curves',
    call: ([params, last]) => {
      const model = new ShiftedBetaGeometricModel(params as never);
      return [model.survivalCurve(last as number), model.retentionCurve(last as number)];
    },
    seeds: () => [[{ alpha: 1, beta: 1 }, 3]],
  },
  {
    name: 'fitShiftedBetaGeometric',
    runs: FIT_RUNS,
    call: spread(fitShiftedBetaGeometric),
    seeds: () => [
      [survivors()],
      [{ durations: [1, 2, 2, 3], censored: [false, false, true, true] }],
      [survivors(), { strict: false }],
    ],
    // A fit that ends at a parameter bound reports an unbounded confidence interval as documented.
    nonFiniteAllowed: [/\.(upper|standardErrors\.\w+) = Infinity$/],
  },
  {
    name: 'fitShiftedBetaGeometricCohorts',
    runs: FIT_RUNS,
    call: spread(fitShiftedBetaGeometricCohorts),
    seeds: () => [[[{ cohort: 'high end', survivors: [1000, 869, 743, 653, 593] }]]],
    nonFiniteAllowed: [/\.(upper|standardErrors\.\w+) = Infinity$/],
  },
  {
    name: 'BetaGeoBetaBinomModel methods',
    call: ([params, periods, rows, options]) => {
      const model = new BetaGeoBetaBinomModel(params as never);
      return [
        model.expectedPurchases(periods as number),
        model.probabilityOfPurchases(1, periods as number),
        model.probabilityAlive(rows as never, options as never),
        model.conditionalExpectedPurchases(periods as number, rows as never),
        model.expectedResidualPurchases(rows as never, { discountRate: 0.1 }),
        model.toJSON(),
      ];
    },
    seeds: () => [[bgbbParams(), 6, [{ frequency: 6, recency: 6, periods: 6 }], { periodsAhead: 1 }]],
  },
  {
    name: 'fitBetaGeoBetaBinom',
    runs: FIT_RUNS,
    call: spread(fitBetaGeoBetaBinom),
    seeds: () => [[bgbbRows()]],
    nonFiniteAllowed: [/\.(upper|standardErrors\.\w+) = Infinity$/],
  },
  {
    name: 'loadContractualModel',
    call: spread(loadContractualModel),
    seeds: () => [
      [{ model: 'shifted-beta-geometric', params: { alpha: 1, beta: 2 } }],
      [{ model: 'beta-geometric-beta-binomial', params: bgbbParams() }],
      ['{"model":"shifted-beta-geometric","params":{"alpha":1,"beta":2}}'],
    ],
  },
  {
    name: 'calibrationVsHoldout',
    call: ([params, rows]) => calibrationVsHoldout(new BetaGeoBetaBinomModel(params as never), rows as never),
    seeds: () => [
      [bgbbParams(), [{ frequency: 6, recency: 6, periods: 6, holdoutFrequency: 4, holdoutDuration: 5 }]],
      [
        bgbbParams(),
        { customers: [{ frequency: 2, recency: 3, periods: 6, holdoutFrequency: 1, holdoutDuration: 5 }] },
      ],
    ],
  },
  {
    name: 'repeatFrequencyFit',
    call: ([params, rows, options]) =>
      repeatFrequencyFit(new BetaGeoBetaBinomModel(params as never), rows as never, options as never),
    seeds: () => [
      [
        { alpha: 1, beta: 1, gamma: 1, delta: 1 },
        [
          { frequency: 0, recency: 0, periods: 1 },
          { frequency: 1, recency: 1, periods: 1 },
        ],
        { maxFrequency: 1 },
      ],
    ],
  },
  {
    name: 'trackingCurve',
    call: ([params, log, options]) =>
      trackingCurve(new BetaGeoBetaBinomModel(params as never), log as never, options as never),
    seeds: () => [
      [
        { alpha: 1, beta: 1, gamma: 1, delta: 1 },
        [
          { customerId: 'a', date: '2020-01-01' },
          { customerId: 'a', date: '2021-03-01' },
        ],
        { timeUnit: 'year', end: '2021-12-31', wholePeriods: true },
      ],
    ],
  },
];
