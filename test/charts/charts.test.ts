// crm-analytics/charts: each builder returns a plain-JSON Vega-Lite spec that Vega-Lite compiles without warnings
// and Vega renders to an SVG with marks; the data they aggregate is checked by hand and by properties.

import { describe, expect, it } from 'vitest';
import {
  clvDistributionChart,
  cohortHeatmapChart,
  customerPyramidChart,
  lifecycleStageChart,
  lorenzChart,
  probabilityAliveChart,
  repeatFrequencyChart,
  retentionCurveChart,
  rfmHeatmapChart,
  rfmSegmentChart,
  VEGA_LITE_SCHEMA_URL,
  type VegaLiteSpec,
} from '../../src/charts/index.js';
import { BetaGeoModel, repeatFrequencyFit } from '../../src/clv/index.js';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { cohortRetention } from '../../src/lifecycle/index.js';
import { customerPyramid, lorenzCurve } from '../../src/pareto/index.js';
import { rfmScores, rfmSegmentReport, rfmSegments } from '../../src/rfm/index.js';
import { fc, test } from '../support/property.js';

function expectCode(run: () => unknown, code: string): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CrmAnalyticsError);
    expect((error as CrmAnalyticsError).code).toBe(code);
    return error as CrmAnalyticsError;
  }
  throw new Error(`expected ${code}`);
}

interface Rendered {
  warnings: string[];
  svg: string;
}

/** Compiles with vega-lite (collecting warnings) and renders with a headless vega View. */
async function render(spec: VegaLiteSpec): Promise<Rendered> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => warnings.push(`error ${m.join(' ')}`),
    warn: (...m: unknown[]) => warnings.push(m.join(' ')),
    info: () => logger,
    debug: () => logger,
  };
  const compiled = vl.compile(spec as never, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return { warnings, svg };
}

const data = (spec: VegaLiteSpec): Record<string, unknown>[] =>
  (spec.data as { values: Record<string, unknown>[] }).values;

const BG = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });

const customers = [
  { id: 'a', days: 2, orders: 9, spend: 900 },
  { id: 'b', days: 40, orders: 1, spend: 30 },
  { id: 'c', days: 7, orders: 4, spend: 250 },
  { id: 'd', days: 90, orders: 2, spend: 80 },
  { id: 'e', days: 15, orders: 3, spend: 120 },
  { id: 'f', days: 60, orders: 1, spend: 10 },
];
const scores = rfmScores(customers, {
  fields: { customerId: 'id', recency: 'days', frequency: 'orders', monetary: 'spend' },
});
const tx = [
  { customerId: 'a', date: '2024-01-05', amount: 10 },
  { customerId: 'a', date: '2024-02-10', amount: 20 },
  { customerId: 'b', date: '2024-01-20', amount: 5 },
  { customerId: 'c', date: '2024-02-03', amount: 8 },
  { customerId: 'c', date: '2024-03-31', amount: 4 },
];
const cohorts = cohortRetention(tx, { period: 'month' });

/** Every chart of the module, built from the library's own outputs. */
const ALL: Record<string, () => VegaLiteSpec> = {
  lorenzChart: () => lorenzChart(lorenzCurve([5, 1, 3, 8, 0, 2]), { gini: 0.4 }),
  rfmHeatmapChart: () => rfmHeatmapChart(scores, { currency: 'EUR' }),
  rfmSegmentChart: () => rfmSegmentChart(rfmSegmentReport(scores, rfmSegments(scores))),
  customerPyramidChart: () => customerPyramidChart(customerPyramid([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])),
  probabilityAliveChart: () => probabilityAliveChart(BG, { T: 39, maxFrequency: 10, timeUnitLabel: 'weeks' }),
  clvDistributionChart: () => clvDistributionChart([0, 3, 5, 8, 13, 21, 34, 55, 89, 144]),
  repeatFrequencyChart: () =>
    repeatFrequencyChart(
      repeatFrequencyFit(BG, [
        { frequency: 0, recency: 0, T: 38 },
        { frequency: 2, recency: 20, T: 38 },
        { frequency: 9, recency: 30, T: 30 },
      ]),
      { modelLabel: 'BG/NBD' },
    ),
  cohortHeatmapChart: () => cohortHeatmapChart(cohorts),
  retentionCurveChart: () => retentionCurveChart(cohorts.retentionCurve),
  lifecycleStageChart: () => lifecycleStageChart({ exploration: 3, formation: 2, stability: 4, decline: 1, lapsed: 5 }),
};

describe('every chart: a plain-JSON Vega-Lite spec that compiles without warnings and renders with marks', () => {
  for (const [name, build] of Object.entries(ALL)) {
    it(name, async () => {
      const spec = build();
      expect(spec.$schema).toBe(VEGA_LITE_SCHEMA_URL);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      const { warnings, svg } = await render(spec);
      expect(warnings).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/class="mark-[a-z]+ role-mark/);
    }, 30_000);
  }
  it('title, width and height options apply; unknown options are INVALID_OPTION', () => {
    const spec = lifecycleStageChart({ lapsed: 1 }, { title: 'Stages', width: 200, height: 100 });
    expect([spec.title, spec.width, spec.height]).toEqual(['Stages', 200, 100]);
    expectCode(() => lifecycleStageChart({ lapsed: 1 }, { colour: 'red' } as never), 'INVALID_OPTION');
    expectCode(() => lorenzChart([{ customerShare: 0, valueShare: 0 }], { width: 10 }), 'INVALID_OPTION');
  });
});

describe('lorenzChart', () => {
  it('keeps the points and draws the diagonal', () => {
    const spec = lorenzChart(lorenzCurve([3, 1]));
    const layers = spec.layer as { data: { values: unknown[] } }[];
    expect(layers[0]?.data.values).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1, valueShare: 1 },
    ]);
    expect(layers[1]?.data.values).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 0.5, valueShare: 0.25 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });
  it('rejects shares outside [0, 1], naming the point', () => {
    const error = expectCode(() => lorenzChart([{ customerShare: 0.5, valueShare: 1.5 }]), 'INVALID_INPUT');
    expect(error.message).toBe('points[0].valueShare: expected a share in [0, 1], got 1.5');
    expectCode(() => lorenzChart([{ customerShare: Number.NaN, valueShare: 0 }]), 'INVALID_INPUT');
    expectCode(() => lorenzChart([]), 'EMPTY_INPUT');
  });
});

describe('rfmHeatmapChart', () => {
  it('one cell per (R, F) with the customer count and the mean monetary value', () => {
    const values = data(rfmHeatmapChart(scores));
    let total = 0;
    for (const v of values) total += v.customers as number;
    expect(total).toBe(customers.length);
    for (const v of values) {
      const inCell = scores.customers.filter(
        (c) => c.recencyScore === v.recencyScore && c.frequencyScore === v.frequencyScore,
      );
      expect(v.customers).toBe(inCell.length);
      expect(v.meanMonetary).toBeCloseTo(inCell.reduce((s, c) => s + c.monetary, 0) / inCell.length, 4);
    }
  });
  it('rejects scores that are not whole numbers ≥ 1', () => {
    const error = expectCode(
      () => rfmHeatmapChart([{ recencyScore: 0, frequencyScore: 1, monetary: 1 }]),
      'INVALID_INPUT',
    );
    expect(error.message).toBe('customers[0].recencyScore: expected a whole number ≥ 1, got 0');
    expectCode(() => rfmHeatmapChart([{ recencyScore: 1, frequencyScore: 1.5, monetary: 1 }]), 'INVALID_INPUT');
    expectCode(() => rfmHeatmapChart([{ recencyScore: 1, frequencyScore: 1 } as never]), 'INVALID_INPUT');
    expectCode(() => rfmHeatmapChart({ customers: [] }), 'EMPTY_INPUT');
  });
  test.prop([
    fc.array(
      fc.record({
        recencyScore: fc.integer({ min: 1, max: 5 }),
        frequencyScore: fc.integer({ min: 1, max: 5 }),
        monetary: fc.double({ min: 0, max: 1e6, noNaN: true }),
      }),
      { minLength: 1, maxLength: 200 },
    ),
  ])('counts add up to the customers, at most 25 cells, means within the cell’s range', (rows) => {
    const values = data(rfmHeatmapChart(rows));
    expect(values.length).toBeLessThanOrEqual(25);
    expect(values.reduce((s, v) => s + (v.customers as number), 0)).toBe(rows.length);
    for (const v of values) {
      const m = rows
        .filter((r) => r.recencyScore === v.recencyScore && r.frequencyScore === v.frequencyScore)
        .map((r) => r.monetary);
      const lo = m.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
      const hi = m.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
      expect(v.meanMonetary as number).toBeGreaterThanOrEqual(lo * (1 - 1e-5) - 1e-9);
      expect(v.meanMonetary as number).toBeLessThanOrEqual(hi * (1 + 1e-5) + 1e-9);
    }
  });
});

describe('rfmSegmentChart', () => {
  it('two bars per non-empty segment, in table order; null revenue shares drawn as 0', () => {
    const values = data(
      rfmSegmentChart([
        { segment: 'A', customerShare: 0.5, revenueShare: null },
        { segment: 'B', customerShare: 0, revenueShare: 0 },
        { segment: 'C', customerShare: 0.5, revenueShare: null },
      ]),
    );
    expect(values.map((v) => [v.segment, v.share])).toEqual([
      ['A', 0.5],
      ['A', 0],
      ['C', 0.5],
      ['C', 0],
    ]);
    expect(
      data(rfmSegmentChart([{ segment: 'B', customerShare: 0, revenueShare: 0 }], { hideEmpty: false })),
    ).toHaveLength(2);
  });
  it('rejects a row without a segment name', () => {
    expectCode(() => rfmSegmentChart([{ segment: '', customerShare: 1, revenueShare: 1 }]), 'INVALID_INPUT');
  });
});

describe('customerPyramidChart', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 })])(
    'bars widen from the top tier down (a pyramid whatever the tier sizes) and are centred',
    (counts) => {
      const values = data(customerPyramidChart(counts.map((count, i) => ({ name: `t${i}`, count, valueShare: 0 }))));
      let previous = 0;
      for (const v of values) {
        const width = (v.right as number) - (v.left as number);
        expect(width).toBeGreaterThanOrEqual(previous);
        expect(v.left as number).toBeCloseTo(-(v.right as number), 9);
        previous = width;
      }
    },
  );
  it('rejects a negative count', () => {
    expectCode(() => customerPyramidChart([{ name: 'x', count: -1, valueShare: 0 }]), 'INVALID_INPUT');
    expectCode(() => customerPyramidChart({ tiers: [] }), 'EMPTY_INPUT');
  });
});

describe('probabilityAliveChart', () => {
  it('BG/NBD (FHL 2005 parameters): P(alive) is 1 without repeat purchases and rises with recency', () => {
    const values = data(probabilityAliveChart(BG, { T: 39, maxFrequency: 5, recencySteps: 13 }));
    expect(values).toHaveLength(6 * 13);
    for (const v of values.filter((d) => d.frequency === 0)) expect(v.probabilityAlive).toBe(1);
    for (let f = 1; f <= 5; f++) {
      const row = values.filter((d) => d.frequency === f).map((d) => d.probabilityAlive as number);
      for (let k = 1; k < row.length; k++) expect(row[k]).toBeGreaterThanOrEqual(row[k - 1] as number);
    }
    // The cell around recency 30 for x = 2, T = 39: close to the published 0.7266 at t_x = 30.43, T = 38.86.
    const cell = values.find(
      (d) => d.frequency === 2 && (d.recencyStart as number) <= 30.43 && (d.recencyEnd as number) > 30.43,
    );
    expect(cell?.probabilityAlive as number).toBeGreaterThan(0.7);
    expect(cell?.probabilityAlive as number).toBeLessThan(0.76);
  });
  it('needs T and a model; rejects probabilities outside [0, 1]', () => {
    expectCode(() => probabilityAliveChart(BG, {} as never), 'INVALID_OPTION');
    expectCode(() => probabilityAliveChart({} as never, { T: 10 }), 'INVALID_INPUT');
    expectCode(() => probabilityAliveChart({ probabilityAlive: (cs) => cs.map(() => 2) }, { T: 10 }), 'INVALID_INPUT');
  });
});

describe('clvDistributionChart', () => {
  it('gathers the values above the clip quantile in the last bar and says so', () => {
    const spec = clvDistributionChart([1, 2, 3, 4, 5, 6, 7, 8, 9, 1000], { bins: 3, clipQuantile: 0.9 });
    // lo = min(0, 1) = 0, hi = the 9th of 10 values = 9: bins [0, 3), [3, 6), [6, 9] plus the value 1000.
    expect(data(spec).map((d) => d.customers)).toEqual([2, 3, 5]);
    expect((spec.title as { subtitle: string }).subtitle).toContain('the last bar holds every value ≥ 9.00');
  });
  it('handles all-equal values and typed arrays, and does not mutate its input', () => {
    const input = new Float64Array([5, 1, 5]);
    expect(data(clvDistributionChart(input, { bins: 2 })).map((d) => d.customers)).toEqual([1, 2]);
    expect(Array.from(input)).toEqual([5, 1, 5]);
    expect(data(clvDistributionChart([0, 0, 0], { bins: 2 })).map((d) => d.customers)).toEqual([3, 0]);
  });
  it('rejects non-finite values and empty input', () => {
    expect(expectCode(() => clvDistributionChart([1, Number.NaN]), 'INVALID_INPUT').message).toBe(
      'values[1]: expected a finite number, got NaN',
    );
    expectCode(() => clvDistributionChart(new Float64Array(0)), 'EMPTY_INPUT');
  });
  test.prop([
    fc.array(fc.double({ min: -1e4, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 }),
    fc.integer({ min: 2, max: 50 }),
    fc.double({ min: 0.5, max: 1, noNaN: true }),
  ])('every customer is counted once, in as many bins as asked, with contiguous edges', (values, bins, q) => {
    const out = data(clvDistributionChart(values, { bins, clipQuantile: q }));
    expect(out).toHaveLength(bins);
    expect(out.reduce((s, d) => s + (d.customers as number), 0)).toBe(values.length);
    for (let k = 1; k < out.length; k++) expect(out[k]?.start).toBeCloseTo(out[k - 1]?.end as number, 3);
  });
});

describe('repeatFrequencyChart', () => {
  it('observed and expected per bin, with the chi-square test in the subtitle', () => {
    const spec = repeatFrequencyChart({
      bins: [{ label: '0', observed: 3, expected: 2.5 }],
      chiSquare: 0.1,
      pValue: 0.0001,
    });
    expect(data(spec)).toEqual([
      { label: '0', source: 'Observed', customers: 3 },
      { label: '0', source: 'Model', customers: 2.5 },
    ]);
    expect((spec.title as { subtitle: string }).subtitle).toBe('Chi-square 0.10, p < 0.001');
  });
  it('rejects missing bins', () => {
    expectCode(() => repeatFrequencyChart({} as never), 'INVALID_INPUT');
    expectCode(() => repeatFrequencyChart({ bins: [{ label: '0', observed: 1 } as never] }), 'INVALID_INPUT');
  });
});

describe('cohortHeatmapChart and retentionCurveChart', () => {
  it('keeps the most recent cohorts and the first ages', () => {
    const rows = ['2024-01', '2024-02', '2024-03'].map((cohort) => ({
      cohort,
      size: 10,
      retention: [1, 0.5, 0.4, 0.3],
    }));
    const values = data(cohortHeatmapChart(rows, { maxCohorts: 2, maxAge: 2 }));
    expect([...new Set(values.map((v) => v.cohort))]).toEqual(['2024-02 (10)', '2024-03 (10)']);
    expect([...new Set(values.map((v) => v.age))]).toEqual([1, 2]);
  });
  it('rejects retention outside [0, 1]', () => {
    expect(
      expectCode(() => cohortHeatmapChart([{ cohort: 'x', size: 1, retention: [1, 1.2] }]), 'INVALID_INPUT').message,
    ).toBe('cohorts[0].retention[1]: expected a share in [0, 1], got 1.2');
    expectCode(() => retentionCurveChart([{ age: 1, retention: -0.1 }]), 'INVALID_INPUT');
  });
});

describe('lifecycleStageChart', () => {
  it('orders the known stages by lifecycle, other names after', () => {
    const values = data(lifecycleStageChart({ vip: 1, lapsed: 2, formation: 3 }));
    expect(values.map((v) => v.stage)).toEqual(['formation', 'lapsed', 'vip']);
  });
  it('rejects negative counts and an empty object', () => {
    expectCode(() => lifecycleStageChart({ lapsed: -1 }), 'INVALID_INPUT');
    expectCode(() => lifecycleStageChart({}), 'EMPTY_INPUT');
  });
});

describe('purity', () => {
  it('chart builders do not mutate their inputs', () => {
    const points = lorenzCurve([5, 1, 3]);
    const pointsCopy = structuredClone(points);
    lorenzChart(points);
    expect(points).toEqual(pointsCopy);
    const scoresCopy = structuredClone(scores);
    rfmHeatmapChart(scores);
    expect(scores).toEqual(scoresCopy);
    const counts = { lapsed: 2, exploration: 1 };
    lifecycleStageChart(counts);
    expect(Object.keys(counts)).toEqual(['lapsed', 'exploration']);
  });
});
