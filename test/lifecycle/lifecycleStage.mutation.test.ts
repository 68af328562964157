// Tests added for mutation testing (docs/testing.md): lifecycleStage against a brute-force reference of its documented
// rules on small random logs (small day ranges and small windows, so that every boundary — tenure equal to the
// exploration or formation days, a trend equal to the decline or growth ratio, P(alive) equal to the threshold — is
// hit often), and each check of the model's answer.

import { describe, expect, it } from 'vitest';
import type { FrequencyRecencyT } from '../../src/data/index.js';
import {
  type LifecycleRule,
  type LifecycleStage,
  lifecycleStage,
  type ProbabilityAliveModel,
} from '../../src/lifecycle/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';
import { isoDay } from './fixtures.js';

const BASE = 18_262; // 2020-01-01

interface Row {
  id: number;
  day: number; // offset from BASE
  amount: number;
}

interface Rules {
  recentWindowDays: number;
  explorationDays: number;
  formationDays: number;
  lapsedAfterDays: number;
  minPurchaseDays: number;
  declineRatio: number;
  growthRatio: number;
}

const DEFAULTS: Rules = {
  recentWindowDays: 90,
  explorationDays: 90,
  formationDays: 365,
  lapsedAfterDays: 365,
  minPurchaseDays: 2,
  declineRatio: 0.5,
  growthRatio: 1.5,
};

interface Expected {
  stage: LifecycleStage;
  rule: LifecycleRule;
  tenureDays: number;
  purchaseDays: number;
  recentDays: number;
  earlierDays: number;
  purchaseTrend: number | null;
  spendTrend: number | null;
  rates: [number, number | null, number, number | null];
  model: FrequencyRecencyT | null;
}

/** The documented rules, written out plainly (rates per day, so that ratios are computed exactly as documented). */
function reference(rows: Row[], end: number, r: Rules, modelDays: number | null): Map<string, Expected> {
  const byCustomer = new Map<number, Row[]>();
  for (const row of rows) {
    if (row.day > end) continue;
    const list = byCustomer.get(row.id) ?? [];
    list.push(row);
    byCustomer.set(row.id, list);
  }
  const out = new Map<string, Expected>();
  const W = r.recentWindowDays;
  const windowStart = end - W + 1;
  for (const [id, list] of byCustomer) {
    const days = [...new Set(list.map((x) => x.day))].sort((a, b) => a - b);
    const first = days[0] as number;
    const last = days[days.length - 1] as number;
    const recentDays = days.filter((d) => d >= windowStart).length;
    const earlierDays = days.filter((d) => d < windowStart && d > first).length;
    const recentSpend = list.filter((x) => x.day >= windowStart).reduce((s, x) => s + x.amount, 0);
    const earlierSpend = list.filter((x) => x.day < windowStart && x.day > first).reduce((s, x) => s + x.amount, 0);
    const history = windowStart - first;
    const earlierRate = history >= 1 ? earlierDays / history : null;
    const earlierSpendRate = history >= 1 ? earlierSpend / history : null;
    const purchaseTrend = earlierRate !== null && earlierRate > 0 ? recentDays / W / earlierRate : null;
    const spendTrend = earlierSpendRate !== null && earlierSpendRate > 0 ? recentSpend / W / earlierSpendRate : null;
    const tenureDays = end - first;
    let stage: LifecycleStage;
    let rule: LifecycleRule;
    if (end - last >= r.lapsedAfterDays) [stage, rule] = ['lapsed', 'inactive'];
    else if (tenureDays < r.explorationDays) [stage, rule] = ['exploration', 'new'];
    else if (days.length < r.minPurchaseDays) [stage, rule] = ['exploration', 'few-purchases'];
    else if (
      (purchaseTrend === null ? recentDays === 0 : purchaseTrend <= r.declineRatio) ||
      (spendTrend !== null && spendTrend <= r.declineRatio)
    )
      [stage, rule] = ['decline', 'falling'];
    else if (tenureDays < r.formationDays) [stage, rule] = ['formation', 'young'];
    else if (purchaseTrend === null ? recentDays > 0 : purchaseTrend >= r.growthRatio)
      [stage, rule] = ['formation', 'rising'];
    else [stage, rule] = ['stability', 'steady'];
    const model =
      modelDays !== null && (stage === 'decline' || stage === 'lapsed')
        ? { frequency: days.length - 1, recency: (last - first) / modelDays, T: tenureDays / modelDays }
        : null;
    out.set(String(id), {
      stage,
      rule,
      tenureDays,
      purchaseDays: days.length,
      recentDays,
      earlierDays,
      purchaseTrend,
      spendTrend,
      rates: [recentDays / W, earlierRate, recentSpend / W, earlierSpendRate],
      model,
    });
  }
  return out;
}

/** A model whose P(alive) is frequency / 4 capped at 1: exactly the threshold 0.5 for two repeat days. */
function recordingModel(): ProbabilityAliveModel & { seen: FrequencyRecencyT[] } {
  const seen: FrequencyRecencyT[] = [];
  return {
    seen,
    probabilityAlive(customers: FrequencyRecencyT[]): number[] {
      seen.push(...customers);
      return customers.map((c) => Math.min(1, c.frequency / 4));
    },
  };
}

const rowArb = fc.record({
  id: fc.integer({ min: 0, max: 5 }),
  day: fc.integer({ min: 0, max: 40 }),
  amount: fc.constantFrom(0, 1, 2, 5),
});

const rulesArb: fc.Arbitrary<Rules> = fc
  .record({
    recentWindowDays: fc.integer({ min: 1, max: 12 }),
    extraExploration: fc.integer({ min: 0, max: 10 }),
    formationDays: fc.integer({ min: 1, max: 35 }),
    lapsedAfterDays: fc.integer({ min: 1, max: 40 }),
    minPurchaseDays: fc.integer({ min: 1, max: 4 }),
    declineRatio: fc.constantFrom(0, 0.25, 0.5, 0.75),
    growthRatio: fc.constantFrom(1, 1.25, 1.5, 2),
  })
  .map(({ extraExploration, ...r }) => ({ ...r, explorationDays: r.recentWindowDays + extraExploration }));

function check(result: ReturnType<typeof lifecycleStage>, expected: Map<string, Expected>, threshold: number | null) {
  expect(result.customers.length).toBe(expected.size);
  const counts: Record<LifecycleStage, number> = { exploration: 0, formation: 0, stability: 0, decline: 0, lapsed: 0 };
  for (const c of result.customers) {
    const e = expected.get(String(c.customerId)) as Expected;
    let stage = e.stage;
    let rule = e.rule;
    if (threshold !== null && e.model !== null) {
      const p = Math.min(1, e.model.frequency / 4);
      expect(c.evidence.probabilityAlive).toBe(p);
      [stage, rule] = p < threshold ? ['lapsed', 'model-not-alive'] : ['decline', 'model-alive'];
    } else expect(c.evidence.probabilityAlive).toBeNull();
    counts[stage]++;
    expect([c.customerId, c.stage, c.evidence.rule]).toEqual([c.customerId, stage, rule]);
    expect(c.evidence.tenureDays).toBe(e.tenureDays);
    expect(c.evidence.purchaseDays).toBe(e.purchaseDays);
    expect(c.evidence.recentPurchaseDays).toBe(e.recentDays);
    expect(c.evidence.earlierRepeatPurchaseDays).toBe(e.earlierDays);
    const { recentPurchaseRate, earlierPurchaseRate, recentSpendRate, earlierSpendRate } = c.evidence;
    expect([recentPurchaseRate, earlierPurchaseRate, recentSpendRate, earlierSpendRate]).toEqual(e.rates);
    if (e.purchaseTrend === null) expect(c.evidence.purchaseTrend).toBeNull();
    else expect(c.evidence.purchaseTrend).toBeCloseTo(e.purchaseTrend, 12);
    if (e.spendTrend === null) expect(c.evidence.spendTrend).toBeNull();
    else expect(c.evidence.spendTrend).toBeCloseTo(e.spendTrend, 12);
  }
  expect(result.stageCounts).toEqual(counts);
}

describe('lifecycleStage against a brute-force reference of its rules', () => {
  test.prop([fc.array(rowArb, { minLength: 1, maxLength: 40 }), rulesArb, fc.integer({ min: 0, max: 45 })], {
    numRuns: 300,
  })('stage, rule and evidence per customer; rows after the observation end left out', (rows, rules, endOffset) => {
    fc.pre(rows.some((r) => r.day <= endOffset));
    const tx = rows.map((r) => ({ customerId: String(r.id), date: isoDay(BASE + r.day), amount: r.amount }));
    const result = lifecycleStage(tx, { ...rules, rateUnit: 'day', observationEnd: isoDay(BASE + endOffset) });
    check(result, reference(rows, endOffset, rules, null), null);
    expect(result.rules).toEqual({ ...rules, rateUnit: 'day', aliveThreshold: null, aliveModelTimeUnit: null });
    expect(result.counts.afterObservationEnd).toBe(rows.filter((r) => r.day > endOffset).length);
    expect(result.counts.used).toBe(rows.filter((r) => r.day <= endOffset).length);
  });

  test.prop([fc.array(rowArb, { minLength: 1, maxLength: 40 }), rulesArb, fc.constantFrom(0.25, 0.5, 0.75)], {
    numRuns: 200,
  })(
    'with an alive model: decline and lapsed customers re-split at the threshold (P = threshold is alive)',
    (rows, rules, threshold) => {
      const tx = rows.map((r) => ({ customerId: String(r.id), date: isoDay(BASE + r.day), amount: r.amount }));
      const model = recordingModel();
      const end = Math.max(...rows.map((r) => r.day));
      const result = lifecycleStage(tx, {
        ...rules,
        rateUnit: 'day',
        aliveModel: model,
        aliveThreshold: threshold,
        aliveModelTimeUnit: 'day',
      });
      const expected = reference(rows, end, rules, 1);
      check(result, expected, threshold);
      // The model is called once, with exactly the decline and lapsed customers, in result order.
      const asked = result.customers.map((c) => expected.get(String(c.customerId))?.model).filter((m) => m != null);
      expect(model.seen).toEqual(asked);
    },
  );

  it('defaults: the rules are filled in, and no model means no model settings', () => {
    const result = lifecycleStage([{ customerId: 'a', date: '2024-01-01', amount: 1 }]);
    expect(result.rules).toEqual({
      ...DEFAULTS,
      rateUnit: 'month',
      aliveThreshold: null,
      aliveModelTimeUnit: null,
    });
    const withModel = lifecycleStage([{ customerId: 'a', date: '2024-01-01', amount: 1 }], {
      aliveModel: recordingModel(),
    });
    expect(withModel.rules.aliveThreshold).toBe(0.5);
    expect(withModel.rules.aliveModelTimeUnit).toBe('week');
  });

  it('the model is given weeks by default (recency and T in weeks)', () => {
    const model = recordingModel();
    const tx = [
      { customerId: 'a', date: '2023-01-01', amount: 5 },
      { customerId: 'a', date: '2023-01-15', amount: 5 },
      { customerId: 'b', date: '2024-06-01', amount: 5 },
    ];
    lifecycleStage(tx, { aliveModel: model });
    // a: last purchase 503 days before the end → lapsed → asked, in weeks.
    expect(model.seen).toEqual([
      { frequency: 1, recency: 2, T: (dayNumber('2024-06-01') - dayNumber('2023-01-01')) / 7 },
    ]);
  });

  it('a model is not called when no customer is in decline or lapsed', () => {
    const model = recordingModel();
    lifecycleStage([{ customerId: 'a', date: '2024-01-01', amount: 1 }], { aliveModel: model });
    expect(model.seen).toEqual([]);
    let calls = 0;
    lifecycleStage([{ customerId: 'a', date: '2024-01-01', amount: 1 }], {
      aliveModel: {
        probabilityAlive: () => {
          calls++;
          return [];
        },
      },
    });
    expect(calls).toBe(0);
  });
});

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

describe("lifecycleStage: checks of the alive model's answer", () => {
  // Two lapsed customers, so that the model is asked about two.
  const tx = [
    { customerId: 'a', date: '2022-01-01', amount: 5 },
    { customerId: 'b', date: '2022-02-01', amount: 5 },
    { customerId: 'c', date: '2024-01-01', amount: 5 },
  ];
  const run = (answer: () => unknown): ReturnType<typeof thrown> =>
    thrown(() =>
      lifecycleStage(tx, { aliveModel: { probabilityAlive: answer as ProbabilityAliveModel['probabilityAlive'] } }),
    );

  it('a model that throws: INVALID_OPTION naming options.aliveModel, with its message', () => {
    const e = run(() => {
      throw new Error('not fitted');
    });
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['options', 'aliveModel']);
    expect(e.message).toBe('options.aliveModel: probabilityAlive threw (not fitted)');
  });
  it.each([
    ['null', null],
    ['a number', 0.5],
    ['a string of the right length', 'ab'],
    ['an object without length', { 0: 0.5, 1: 0.5 }],
    ['an object with a string length', { 0: 0.5, 1: 0.5, length: '2' }],
    ['one value too few', [0.5]],
  ])('an answer that is %s: INVALID_OPTION naming probabilityAlive', (_label, answer) => {
    const e = run(() => answer);
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['options', 'aliveModel', 'probabilityAlive']);
    expect(e.message).toMatch(/^options\.aliveModel\.probabilityAlive: expected an array of 2 probabilities/);
  });
  it.each([
    ['a numeric string', '0.5'],
    ['a value above 1', 2],
    ['a negative value', -0.1],
    ['NaN', Number.NaN],
  ])('a probability that is %s: INVALID_OPTION naming its index', (_label, p) => {
    const e = run(() => [0.5, p]);
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['options', 'aliveModel', 'probabilityAlive', 1]);
  });
  it('0 and 1 are accepted', () => {
    const result = lifecycleStage(tx, { aliveModel: { probabilityAlive: () => [0, 1] } });
    expect(result.customers.map((c) => c.stage)).toEqual(['lapsed', 'decline', 'exploration']);
  });
});
