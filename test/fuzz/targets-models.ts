// Fuzz targets for the probabilistic CLV models (src/clv/models: BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, CLV,
// simulators, model loading) and the Vega-Lite chart builders (src/charts), with small valid seeds: a handful of
// CDNOW-like summaries, so that each fit stays in the milliseconds. contract.test.ts runs them with the main table.
import {
  clvDistributionChart,
  clvDistributionChartOptionsSchema,
  cohortHeatmapChart,
  cohortHeatmapChartOptionsSchema,
  customerPyramidChart,
  customerPyramidChartOptionsSchema,
  lifecycleStageChart,
  lifecycleStageChartOptionsSchema,
  lorenzChart,
  lorenzChartOptionsSchema,
  probabilityAliveChart,
  probabilityAliveChartOptionsSchema,
  repeatFrequencyChart,
  repeatFrequencyChartOptionsSchema,
  retentionCurveChart,
  retentionCurveChartOptionsSchema,
  rfmHeatmapChart,
  rfmHeatmapChartOptionsSchema,
  rfmSegmentChart,
  rfmSegmentChartOptionsSchema,
} from 'crm-analytics/charts';
import {
  BetaGeoModel,
  btydFitOptionsSchema,
  customerLifetimeValue,
  fitBetaGeo,
  fitGammaGamma,
  fitModifiedBetaGeo,
  fitParetoNbd,
  GammaGammaModel,
  loadModel,
  ModifiedBetaGeoModel,
  ParetoNbdModel,
  serializedBtydModelSchema,
  simulateBetaGeo,
  simulateParetoNbd,
} from 'crm-analytics/clv';
import type { FuzzTarget } from './hostile.js';

type AnyFunction = (...args: unknown[]) => unknown;
type AnyConstructor = new (...args: unknown[]) => unknown;

/**
 * Upper bound of one call (ms). A call that takes longer fails the contract with a plain Error: the hangs the main
 * table marks `hangs: true` must not creep into these areas. Generous, as the machine is shared.
 */
export const CALL_TIME_LIMIT_MS = 3_000;

/** Calls `run` and fails (with a non-CrmAnalyticsError, which the contract rejects) when it took too long. */
function timed(
  run: (args: readonly unknown[]) => unknown,
  limit = CALL_TIME_LIMIT_MS,
): (args: readonly unknown[]) => unknown {
  return (args) => {
    const start = performance.now();
    const finish = (): void => {
      const ms = performance.now() - start;
      if (ms > limit) throw new Error(`took ${ms.toFixed(0)} ms (limit ${limit} ms)`);
    };
    let result: unknown;
    try {
      result = run(args);
    } catch (error) {
      finish();
      throw error;
    }
    finish();
    return result;
  };
}

const spread = (fn: unknown, limit = CALL_TIME_LIMIT_MS) => timed((args) => (fn as AnyFunction)(...args), limit);

/**
 * The simulators accept up to 10^6 customers and 10^7 purchases (10^6 with `transactions`), which takes a few seconds
 * on a loaded machine: a larger bound for them.
 */
const SIMULATION_TIME_LIMIT_MS = 15_000;

// A handful of CDNOW-like customer summaries (weeks), after Fader, Hardie & Lee (2005).
const summaries = (): Record<string, unknown>[] => [
  { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
  { frequency: 1, recency: 1.71, T: 38.86, monetaryValue: 11.77 },
  { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
  { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
  { frequency: 0, recency: 0, T: 38.29, monetaryValue: 0 },
  { frequency: 7, recency: 29.43, T: 38.29, monetaryValue: 73.74 },
  { frequency: 1, recency: 5, T: 38.29, monetaryValue: 11.77 },
  { frequency: 0, recency: 0, T: 38.14, monetaryValue: 0 },
  { frequency: 2, recency: 35.71, T: 38.14, monetaryValue: 25.55 },
  { frequency: 5, recency: 24.43, T: 37.14, monetaryValue: 47.5 },
  { frequency: 0, recency: 0, T: 37.14, monetaryValue: 0 },
  { frequency: 3, recency: 31.29, T: 37.14, monetaryValue: 26.1 },
];
const spendRows = (): Record<string, unknown>[] => [
  { frequency: 2, monetaryValue: 22.35 },
  { frequency: 1, monetaryValue: 11.77 },
  { frequency: 5, monetaryValue: 47.5 },
  { frequency: 3, monetaryValue: 26.1 },
  { frequency: 1, monetaryValue: 19.9 },
  { frequency: 4, monetaryValue: 15.2 },
  { frequency: 0, monetaryValue: 0 },
];

const bgParams = (): Record<string, unknown> => ({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const mbgParams = (): Record<string, unknown> => ({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 });
const pnbdParams = (): Record<string, unknown> => ({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 });
const ggParams = (): Record<string, unknown> => ({ p: 6.25, q: 3.74, gamma: 15.44 });
const fitSummary = (): Record<string, unknown> => ({
  logLikelihood: -9582.43,
  converged: true,
  iterations: 31,
  reason: 'gradient below tolerance',
  penalizer: 0,
  customerCount: 2357,
});
const bgState = (): Record<string, unknown> => ({ params: bgParams(), timeUnit: 'week' });
const residual = (): Record<string, unknown> => ({ discountRate: { rate: 0.15, per: 'year' } });

// Run counts: 43 targets share a time budget of a few seconds each (FUZZ_SCALE multiplies them; see docs/testing.md).
const RUNS = 50;
const ARBITRARY_RUNS = 20;
const FIT_RUNS = 30;
const FIT_ARBITRARY_RUNS = 15;

const fitSeeds = (): unknown[][] => [
  [summaries(), { timeUnit: 'week' }],
  [{ customers: summaries(), timeUnit: 'week' }],
  [
    summaries(),
    {
      timeUnit: 'week',
      penalizer: 0.01,
      weights: [3, 1, 20, 2, 5, 1, 1, 9, 2, 1, 4, 1],
      initialParams: { r: 0.3 },
      maxIterations: 60,
      strict: false,
    },
  ],
];

/** One target per model method: the model is built from the (damaged) state inside the call. */
function methodTargets(
  label: string,
  Model: unknown,
  state: () => Record<string, unknown>,
  methods: ReadonlyArray<[string, (model: Record<string, AnyFunction>, args: unknown[]) => unknown, () => unknown[][]]>,
): FuzzTarget[] {
  return methods.map(([method, invoke, seeds]) => ({
    name: `${label}.${method}`,
    call: timed(([s, ...rest]) =>
      invoke(new (Model as AnyConstructor)(s) as Record<string, AnyFunction>, rest as unknown[]),
    ),
    seeds: () => seeds().map((args) => [state(), ...args]),
  }));
}

const purchaseCountMethods = (
  withResidual: boolean,
): Array<[string, (model: Record<string, AnyFunction>, args: unknown[]) => unknown, () => unknown[][]]> => [
  ['expectedPurchases', (m, [t]) => m.expectedPurchases?.(t), () => [[39], [{ months: 12 }], [0]]],
  [
    'conditionalExpectedPurchases',
    (m, [t, c]) => m.conditionalExpectedPurchases?.(t, c),
    () => [
      [39, summaries()],
      [{ weeks: 52 }, { customers: summaries(), timeUnit: 'week' }],
      [{ days: 10 }, { customers: [{ frequency: 3, recency: 100, T: 250 }], timeUnit: 'day' }],
    ],
  ],
  [
    'probabilityAlive',
    (m, [c, o]) => m.probabilityAlive?.(c, o),
    () => [
      [summaries()],
      [summaries(), { at: 4 }],
      [{ customers: summaries(), timeUnit: 'week' }, { at: { months: 3 } }],
    ],
  ],
  [
    'probabilityOfPurchases',
    (m, [n, t]) => m.probabilityOfPurchases?.(n, t),
    () => [
      [0, 39],
      [3, { years: 1 }],
      [12, 78],
    ],
  ],
  ...(withResidual
    ? ([
        [
          'expectedResidualPurchases',
          (m, [c, o]) => m.expectedResidualPurchases?.(c, o),
          () => [
            [summaries(), residual()],
            [{ customers: summaries(), timeUnit: 'week' }, { discountRate: { rate: 0.01, per: 'month' } }],
          ],
        ],
      ] as Array<[string, (model: Record<string, AnyFunction>, args: unknown[]) => unknown, () => unknown[][]]>)
    : []),
  ['toJSON + loadModel', (m) => loadModel(JSON.parse(JSON.stringify(m.toJSON?.()))), () => [[]]],
];

const chartOptionSchemas = [
  btydFitOptionsSchema,
  serializedBtydModelSchema,
  clvDistributionChartOptionsSchema,
  cohortHeatmapChartOptionsSchema,
  customerPyramidChartOptionsSchema,
  lifecycleStageChartOptionsSchema,
  lorenzChartOptionsSchema,
  probabilityAliveChartOptionsSchema,
  repeatFrequencyChartOptionsSchema,
  retentionCurveChartOptionsSchema,
  rfmHeatmapChartOptionsSchema,
  rfmSegmentChartOptionsSchema,
];

const table: readonly FuzzTarget[] = [
  // clv/models: fits
  ...(
    [
      ['fitBetaGeo', fitBetaGeo],
      ['fitModifiedBetaGeo', fitModifiedBetaGeo],
      ['fitParetoNbd', fitParetoNbd],
    ] as const
  ).map(
    ([name, fit]): FuzzTarget => ({
      name,
      runs: FIT_RUNS,
      arbitraryRuns: FIT_ARBITRARY_RUNS,
      call: spread(fit),
      seeds: fitSeeds,
    }),
  ),
  {
    name: 'fitGammaGamma',
    runs: FIT_RUNS,
    arbitraryRuns: FIT_ARBITRARY_RUNS,
    call: spread(fitGammaGamma),
    seeds: () => [[spendRows()], [spendRows(), { penalizer: 0.001, weights: [1, 2, 3, 4, 5, 6, 7], strict: false }]],
  },
  // clv/models: constructors and methods.
  // ROOT CAUSE IN src/core/hypergeometric.ts (owned elsewhere; docs/clv-models.md, "Numerical limits"): at extreme
  // parameters BetaGeoModel.expectedResidualPurchases meets hyp2f1(1e-6, 999, 1000.000001, 0.90909) = −1.09e21 (true
  // 1.0000024) and answers DOMAIN_ERROR through its bounds check; the Pareto/NBD likelihood avoids
  // hyp2f1(1, 1e6, 1e6 + 2, 0.95) = Infinity by its own series up to z = 0.999 only.
  ...(
    [
      ['BetaGeoModel', BetaGeoModel, bgState],
      ['ModifiedBetaGeoModel', ModifiedBetaGeoModel, () => ({ params: mbgParams(), timeUnit: 'week' })],
      ['ParetoNbdModel', ParetoNbdModel, () => ({ params: pnbdParams(), timeUnit: 'week' })],
      ['GammaGammaModel', GammaGammaModel, () => ({ params: ggParams() })],
    ] as const
  ).map(
    ([name, Model, state]): FuzzTarget => ({
      name: `new ${name}`,
      call: spread((s: unknown) => new (Model as unknown as AnyConstructor)(s)),
      seeds: () => [[state()], [{ ...state(), fit: fitSummary(), standardErrors: null, confidenceIntervals: null }]],
    }),
  ),
  ...methodTargets('BetaGeoModel', BetaGeoModel, bgState, purchaseCountMethods(true)),
  ...methodTargets(
    'ModifiedBetaGeoModel',
    ModifiedBetaGeoModel,
    () => ({ params: mbgParams(), timeUnit: 'week' }),
    purchaseCountMethods(false),
  ),
  ...methodTargets(
    'ParetoNbdModel',
    ParetoNbdModel,
    () => ({ params: pnbdParams(), timeUnit: 'week' }),
    purchaseCountMethods(true).filter(([m]) => m !== 'probabilityOfPurchases'),
  ),
  ...methodTargets('GammaGammaModel', GammaGammaModel, () => ({ params: ggParams(), fit: fitSummary() }), [
    ['conditionalExpectedSpend', (m, [c]) => m.conditionalExpectedSpend?.(c), () => [[spendRows()], [summaries()]]],
    ['toJSON + loadModel', (m) => loadModel(JSON.parse(JSON.stringify(m.toJSON?.()))), () => [[]]],
  ]),
  // clv/models: CLV
  {
    name: 'customerLifetimeValue (BG/NBD + Gamma-Gamma)',
    call: timed(([transaction, spend, customers, horizon, discountRate, extra]) =>
      customerLifetimeValue(
        // The extra options are copied as property descriptors (getters included), so that the library, not this
        // harness, is what reads a planted getter.
        Object.defineProperties(
          {
            transactionModel: new BetaGeoModel(transaction as never),
            spendModel: new GammaGammaModel(spend as never),
            customers: customers as never,
            horizon: horizon as never,
            discountRate: discountRate as never,
          },
          extra === null || extra === undefined ? {} : Object.getOwnPropertyDescriptors(extra),
        ) as never,
      ),
    ),
    seeds: () => [
      [bgState(), { params: ggParams() }, summaries(), { months: 12 }, { rate: 0.01, per: 'month' }, {}],
      [
        bgState(),
        { params: ggParams() },
        { customers: summaries(), timeUnit: 'week' },
        3,
        { rate: 0.1, per: 'year' },
        { modelUnitsPerPeriod: 52 },
      ],
    ],
  },
  {
    name: 'customerLifetimeValue (models and spend given)',
    call: spread(customerLifetimeValue),
    seeds: () => [
      [
        {
          transactionModel: new ParetoNbdModel({ params: pnbdParams() as never, timeUnit: 'week' }),
          customers: summaries(),
          spend: [30, 12, 35, 35, 35, 70, 12, 35, 25, 45, 35, 26],
          horizon: { years: 1 },
          discountRate: { rate: 0.01, per: 'month' },
        },
      ],
      [
        {
          transactionModel: new ModifiedBetaGeoModel({ params: mbgParams() as never, timeUnit: 'week' }),
          spendModel: new GammaGammaModel({ params: ggParams() as never }),
          customers: summaries(),
          horizon: { days: 100 },
          discountRate: { rate: 0, per: 'week' },
        },
      ],
    ],
  },
  // clv/models: simulators
  {
    name: 'simulateBetaGeo',
    call: spread(simulateBetaGeo, SIMULATION_TIME_LIMIT_MS),
    seeds: () => [
      [bgParams(), { customers: 20, T: 39, seed: 7 }],
      [bgParams(), { customers: 3, T: [39, 20, 0], seed: 1, transactions: true }],
    ],
  },
  {
    name: 'simulateParetoNbd',
    call: spread(simulateParetoNbd, SIMULATION_TIME_LIMIT_MS),
    seeds: () => [
      [pnbdParams(), { customers: 20, T: 39, seed: 3 }],
      [pnbdParams(), { customers: 3, T: [39, 20, 0], transactions: true }],
    ],
  },
  // clv/models: serialization
  {
    name: 'loadModel',
    call: spread(loadModel),
    seeds: () => [
      [
        {
          model: 'beta-geo',
          version: 1,
          ...bgState(),
          fit: fitSummary(),
          standardErrors: null,
          confidenceIntervals: null,
        },
      ],
      [
        {
          model: 'pareto-nbd',
          version: 1,
          params: pnbdParams(),
          timeUnit: 'week',
          fit: null,
          standardErrors: pnbdParams(),
          confidenceIntervals: {
            r: { lower: 0.4, upper: 0.7 },
            alpha: { lower: 9, upper: 12 },
            s: { lower: 0.3, upper: 0.9 },
            beta: { lower: 5, upper: 20 },
          },
        },
      ],
      [
        {
          model: 'gamma-gamma',
          version: 1,
          params: ggParams(),
          fit: fitSummary(),
          standardErrors: null,
          confidenceIntervals: null,
          spendFrequencyCheck: { correlation: 0.11, customers: 946, independent: true },
        },
      ],
    ],
  },
  {
    name: 'option schemas (safeParse)',
    call: timed(([value]) => chartOptionSchemas.map((schema) => schema.safeParse(value).success)),
    seeds: () => [[{ timeUnit: 'week', penalizer: 0.1 }], [{ title: 'x', width: 100, T: 5 }]],
    gettersPassThrough: "zod's own safeParse, exported as is: zod lets a getter's exception through",
  },
  // charts
  {
    name: 'clvDistributionChart',
    call: spread(clvDistributionChart),
    seeds: () => [
      [[0, 1, 2, 3, 100], { bins: 3, clipQuantile: 0.8 }],
      [new Float64Array([12.5, 3, 80, 0, 7]), { currency: 'USD', title: 'CLV', width: 300, height: 200 }],
      [[-5, 5, 5]],
    ],
  },
  {
    name: 'cohortHeatmapChart',
    call: spread(cohortHeatmapChart),
    seeds: () => [
      [
        {
          cohorts: [
            { cohort: '2024-01', size: 2, retention: [1, 0.5, 0] },
            { cohort: '2024-02', size: 1, retention: [1, 1] },
          ],
        },
      ],
      [
        [{ cohort: '2024-03', size: 40, retention: new Float64Array([1, 0.4, 0.3]) }],
        { maxAge: 1, periodLabel: 'week' },
      ],
    ],
  },
  {
    name: 'customerPyramidChart',
    call: spread(customerPyramidChart),
    seeds: () => [
      [
        {
          tiers: [
            { name: 'platinum', count: 2, valueShare: 0.6 },
            { name: 'lead', count: 8, valueShare: 0.4 },
          ],
        },
      ],
      [[{ name: 'gold', count: 1, valueShare: 1 }], { title: 'P' }],
    ],
  },
  {
    name: 'lifecycleStageChart',
    call: spread(lifecycleStageChart),
    seeds: () => [[{ lapsed: 4, exploration: 10, stability: 3 }], [{ custom: 1, decline: 0 }, { width: 500 }]],
  },
  {
    name: 'lorenzChart',
    call: spread(lorenzChart),
    seeds: () => [
      [
        [
          { customerShare: 0, valueShare: 0 },
          { customerShare: 0.5, valueShare: 0.25 },
          { customerShare: 1, valueShare: 1 },
        ],
        { gini: 0.25, valueLabel: 'margin' },
      ],
    ],
  },
  {
    name: 'probabilityAliveChart (BG/NBD)',
    call: timed(([params, options]) =>
      probabilityAliveChart(new BetaGeoModel({ params: params as never, timeUnit: 'week' }), options as never),
    ),
    seeds: () => [
      [bgParams(), { T: 39, maxFrequency: 5, recencySteps: 6 }],
      [bgParams(), { T: 10, timeUnitLabel: 'weeks' }],
    ],
  },
  {
    name: 'probabilityAliveChart (any model)',
    call: spread(probabilityAliveChart),
    seeds: () => [
      [
        new ParetoNbdModel({ params: pnbdParams() as never, timeUnit: 'week' }),
        { T: 39, maxFrequency: 3, recencySteps: 4 },
      ],
      [new ModifiedBetaGeoModel({ params: mbgParams() as never, timeUnit: 'week' }), { T: 5, maxFrequency: 2 }],
    ],
  },
  {
    name: 'repeatFrequencyChart',
    call: spread(repeatFrequencyChart),
    seeds: () => [
      [
        {
          bins: [
            { label: '0', observed: 10, expected: 9.5 },
            { label: '1+', observed: 5, expected: 5.5 },
          ],
          chiSquare: 0.07,
          degreesOfFreedom: 1,
          pValue: 0.79,
        },
        { modelLabel: 'BG/NBD' },
      ],
    ],
  },
  {
    name: 'retentionCurveChart',
    call: spread(retentionCurveChart),
    seeds: () => [
      [
        [
          { age: 0, retention: 1 },
          { age: 1, retention: 0.3 },
          { age: 2, retention: 0.25 },
        ],
        { periodLabel: 'week' },
      ],
    ],
  },
  {
    name: 'rfmHeatmapChart',
    call: spread(rfmHeatmapChart),
    seeds: () => [
      [
        [
          { recencyScore: 2, frequencyScore: 1, monetary: 10 },
          { recencyScore: 2, frequencyScore: 1, monetary: 30 },
          { recencyScore: 1, frequencyScore: 2, monetary: 5 },
        ],
      ],
      [{ customers: [{ recencyScore: 5, frequencyScore: 5, monetary: 900 }] }, { currency: 'EUR' }],
    ],
  },
  {
    name: 'rfmSegmentChart',
    call: spread(rfmSegmentChart),
    seeds: () => [
      [
        [
          { segment: 'Champions', customerShare: 0.2, revenueShare: 0.6 },
          { segment: 'Lost', customerShare: 0.8, revenueShare: 0.4 },
          { segment: 'Empty', customerShare: 0, revenueShare: null },
        ],
        { hideEmpty: false },
      ],
    ],
  },
];

/** The targets of src/clv/models and src/charts, with this file's run counts unless a target sets its own. */
export const modelTargets: readonly FuzzTarget[] = table.map((t) => ({
  ...t,
  runs: t.runs ?? RUNS,
  arbitraryRuns: t.arbitraryRuns ?? ARBITRARY_RUNS,
}));
