import { describe, expect, expectTypeOf, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import type { FrequencyRecencyT } from '../../src/data/index.js';
import { type LifecycleStage, lifecycleStage, type ProbabilityAliveModel } from '../../src/lifecycle/index.js';
import { fc, test } from '../support/property.js';
import { dayOf, isoDay, loadCdnow, type Tx } from './fixtures.js';

const END = '2024-06-30';
const E = dayOf(END);

function monthly(id: string, from: string, to: string, amount: (date: string) => number = () => 50): Tx[] {
  const out: Tx[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (d.toISOString().slice(0, 10) <= to) {
    const date = d.toISOString().slice(0, 10);
    out.push({ customerId: id, date, amount: amount(date) });
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

// One customer per rule; the observation end is 2024-06-30, so the recent window is 2024-04-02 … 2024-06-30.
const handBuilt: Tx[] = [
  { customerId: 'lapsed', date: '2023-05-01', amount: 40 },
  { customerId: 'lapsed', date: '2023-06-01', amount: 40 },
  { customerId: 'new', date: '2024-05-01', amount: 20 },
  { customerId: 'once', date: '2024-01-10', amount: 20 },
  ...monthly('falling', '2023-07-15', '2023-12-15'),
  ...monthly('spend-falling', '2023-01-15', '2024-06-15', (date) => (date >= '2024-04-02' ? 10 : 100)),
  ...monthly('young', '2024-01-01', '2024-06-01'),
  { customerId: 'rising', date: '2023-01-10', amount: 30 },
  { customerId: 'rising', date: '2023-07-10', amount: 30 },
  { customerId: 'rising', date: '2024-04-10', amount: 30 },
  { customerId: 'rising', date: '2024-05-01', amount: 30 },
  { customerId: 'rising', date: '2024-05-20', amount: 30 },
  { customerId: 'rising', date: '2024-06-10', amount: 30 },
  ...monthly('steady', '2023-01-05', '2024-06-05'),
];

describe('lifecycleStage on a hand-built log, one customer per rule', () => {
  const result = lifecycleStage(handBuilt, { observationEnd: END });
  const byId = new Map(result.customers.map((c) => [c.customerId, c]));

  it.each([
    ['lapsed', 'lapsed', 'inactive'],
    ['new', 'exploration', 'new'],
    ['once', 'exploration', 'few-purchases'],
    ['falling', 'decline', 'falling'],
    ['spend-falling', 'decline', 'falling'],
    ['young', 'formation', 'young'],
    ['rising', 'formation', 'rising'],
    ['steady', 'stability', 'steady'],
  ] as const)('%s → %s (rule %s)', (id, stage, rule) => {
    expect(byId.get(id)?.stage).toBe(stage);
    expect(byId.get(id)?.evidence.rule).toBe(rule);
  });

  it('counts the stages', () => {
    expect(result.stageCounts).toEqual({ exploration: 2, formation: 2, stability: 1, decline: 2, lapsed: 1 });
    expect(result.customers.map((c) => c.customerId)).toEqual([
      'lapsed',
      'new',
      'once',
      'falling',
      'spend-falling',
      'young',
      'rising',
      'steady',
    ]);
  });

  it('gives the evidence computed by hand for the steady customer', () => {
    const ev = byId.get('steady')!.evidence;
    const first = dayOf('2023-01-05');
    const history = E - 90 + 1 - first; // days 2023-01-05 … 2024-04-01
    expect(ev.tenureDays).toBe(E - first);
    expect(ev.daysSinceLastPurchase).toBe(E - dayOf('2024-06-05'));
    expect(ev.purchaseDays).toBe(18);
    expect(ev.recentPurchaseDays).toBe(3); // Apr 5, May 5, Jun 5
    expect(ev.earlierRepeatPurchaseDays).toBe(14); // Feb 2023 … Mar 2024
    const month = 365.2425 / 12;
    expect(ev.recentPurchaseRate).toBeCloseTo((3 / 90) * month, 12);
    expect(ev.earlierPurchaseRate).toBeCloseTo((14 / history) * month, 12);
    expect(ev.purchaseTrend).toBeCloseTo(3 / 90 / (14 / history), 12);
    expect(ev.recentSpendRate).toBeCloseTo(((3 * 50) / 90) * month, 9);
    expect(ev.spendTrend).toBeCloseTo(3 / 90 / (14 / history), 12);
    expect(ev.probabilityAlive).toBeNull();
  });

  it('can move a customer from exploration into decline when minPurchaseDays > 2 (documented limit of the guarantee)', () => {
    // Two purchase days before the window, then one inside it: the repeat rate over an 11-day history is high.
    const rows: Tx[] = [
      { customerId: 'x', date: isoDay(E - 100), amount: 10 },
      { customerId: 'x', date: isoDay(E - 95), amount: 10 },
    ];
    const options = { observationEnd: END, minPurchaseDays: 3 };
    expect(lifecycleStage(rows, options).customers[0]?.stage).toBe('exploration');
    const after = lifecycleStage([...rows, { customerId: 'x', date: isoDay(E - 10), amount: 10 }], options);
    expect(after.customers[0]?.stage).toBe('decline');
  });

  it('shows why the spend-falling customer declines: purchases steady, spend down to a tenth', () => {
    const ev = byId.get('spend-falling')!.evidence;
    expect(ev.purchaseTrend).toBeGreaterThan(0.5);
    expect(ev.spendTrend).toBeCloseTo((ev.purchaseTrend as number) / 10, 12);
  });

  it('gives no earlier rate when the first purchase is inside the window, and a null trend without earlier repeats', () => {
    expect(byId.get('new')!.evidence).toMatchObject({
      earlierPurchaseRate: null,
      purchaseTrend: null,
      spendTrend: null,
    });
    expect(byId.get('once')!.evidence).toMatchObject({ earlierPurchaseRate: 0, purchaseTrend: null, spendTrend: null });
  });

  it('follows its configurable thresholds', () => {
    const strict = lifecycleStage(handBuilt, { observationEnd: END, lapsedAfterDays: 180 });
    expect(strict.customers.find((c) => c.customerId === 'falling')?.stage).toBe('lapsed');
    const patient = lifecycleStage(handBuilt, { observationEnd: END, formationDays: 600 });
    expect(patient.customers.find((c) => c.customerId === 'steady')?.stage).toBe('formation');
    const lenient = lifecycleStage(handBuilt, { observationEnd: END, declineRatio: 0.05 });
    expect(lenient.customers.find((c) => c.customerId === 'spend-falling')?.stage).toBe('stability');
    const oneIsEnough = lifecycleStage(handBuilt, { observationEnd: END, minPurchaseDays: 1 });
    expect(oneIsEnough.customers.find((c) => c.customerId === 'once')?.stage).toBe('decline');
    const weekly = lifecycleStage(handBuilt, { observationEnd: END, rateUnit: 'week' });
    expect(weekly.customers.find((c) => c.customerId === 'steady')?.evidence.recentPurchaseRate).toBeCloseTo(
      (3 / 90) * 7,
      12,
    );
    expect(weekly.rules).toMatchObject({ rateUnit: 'week', recentWindowDays: 90, aliveThreshold: null });
  });

  it('defaults the observation end to the last transaction day', () => {
    expect(lifecycleStage(handBuilt).observationEnd).toEqual(new Date('2024-06-15T00:00:00Z'));
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(handBuilt);
    lifecycleStage(handBuilt, { observationEnd: END });
    expect(handBuilt).toEqual(copy);
  });
});

describe('lifecycleStage with a fitted model', () => {
  it('re-splits declining and lapsed customers by P(alive), passing lifetimes-style (frequency, recency, T)', () => {
    const seen: FrequencyRecencyT[][] = [];
    const model: ProbabilityAliveModel = {
      probabilityAlive(customers) {
        seen.push(customers);
        return customers.map((c) => (c.frequency >= 5 ? 0.8 : 0.2));
      },
    };
    const r = lifecycleStage(handBuilt, { observationEnd: END, aliveModel: model, aliveThreshold: 0.5 });
    expect(seen.length).toBe(1);
    expect(seen[0]!.length).toBe(3); // lapsed, falling, spend-falling
    const falling = r.customers.find((c) => c.customerId === 'falling')!;
    expect(seen[0]![1]).toEqual({
      frequency: 5,
      recency: (dayOf('2023-12-15') - dayOf('2023-07-15')) / 7,
      T: (E - dayOf('2023-07-15')) / 7,
    });
    expect(falling).toMatchObject({ stage: 'decline', evidence: { probabilityAlive: 0.8, rule: 'model-alive' } });
    expect(r.customers.find((c) => c.customerId === 'lapsed')).toMatchObject({
      stage: 'lapsed',
      evidence: { probabilityAlive: 0.2, rule: 'model-not-alive' },
    });
    expect(r.customers.find((c) => c.customerId === 'steady')?.evidence.probabilityAlive).toBeNull();
    expect(r.rules).toMatchObject({ aliveThreshold: 0.5, aliveModelTimeUnit: 'week' });
  });

  it('rejects a model without probabilityAlive, or one that returns something other than probabilities', () => {
    expect(() => lifecycleStage(handBuilt, { aliveModel: {} as ProbabilityAliveModel })).toThrowError(
      /^options\.aliveModel/,
    );
    const short: ProbabilityAliveModel = { probabilityAlive: () => [0.5] };
    expect(() => lifecycleStage(handBuilt, { observationEnd: END, aliveModel: short })).toThrowError(
      /^options\.aliveModel\.probabilityAlive: expected an array of 3 probabilities/,
    );
    const nan: ProbabilityAliveModel = { probabilityAlive: (c) => c.map(() => Number.NaN) };
    expect(() => lifecycleStage(handBuilt, { observationEnd: END, aliveModel: nan })).toThrowError(
      /^options\.aliveModel\.probabilityAlive\[0\]: expected a probability in \[0, 1\], got NaN/,
    );
    const throwing: ProbabilityAliveModel = {
      probabilityAlive: () => {
        throw new Error('not fitted');
      },
    };
    expect(() => lifecycleStage(handBuilt, { observationEnd: END, aliveModel: throwing })).toThrowError(/not fitted/);
  });
});

/**
 * BG/NBD P(alive) (Fader, Hardie & Lee 2005, eq. in "Counting your customers the easy way") with their published CDNOW
 * estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426 (weeks): written here from the paper, independently of the
 * library's own model.
 */
const publishedBgNbd: ProbabilityAliveModel = {
  probabilityAlive(customers) {
    const r = 0.243;
    const alpha = 4.414;
    const a = 0.793;
    const b = 2.426;
    return customers.map(({ frequency: x, recency: tx, T }) =>
      x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)),
    );
  },
};

describe('lifecycleStage on the CDNOW sample (observation end 1998-06-30)', () => {
  const cdnow = loadCdnow();

  it('matches the stage counts of an independent implementation of the default rules', () => {
    // Reference: a stdlib-only Python script applying the documented rules to the same file.
    const r = lifecycleStage(cdnow, { observationEnd: '1998-06-30' });
    expect(r.customers.length).toBe(2357);
    expect(r.stageCounts).toEqual({ exploration: 0, formation: 170, stability: 94, decline: 548, lapsed: 1545 });
  });

  it('with the published BG/NBD fit, moves customers between decline and lapsed only', () => {
    // Reference split from the same Python script with the BG/NBD P(alive) formula: one-time buyers have
    // P(alive) = 1 under BG/NBD, so most of them move from lapsed to decline.
    const plain = lifecycleStage(cdnow, { observationEnd: '1998-06-30' });
    const withModel = lifecycleStage(cdnow, { observationEnd: '1998-06-30', aliveModel: publishedBgNbd });
    expect(withModel.stageCounts.formation).toBe(170);
    expect(withModel.stageCounts.stability).toBe(94);
    expect(withModel.stageCounts.decline + withModel.stageCounts.lapsed).toBe(548 + 1545);
    expect(withModel.stageCounts).toEqual({
      exploration: 0,
      formation: 170,
      stability: 94,
      decline: 1571,
      lapsed: 522,
    });
    expect(plain.customers.length).toBe(withModel.customers.length);
  });
});

describe('lifecycleStage errors', () => {
  it('names the bad record and rejects bad options', () => {
    expect(() => lifecycleStage([{ customerId: 'a', date: '2024-02-30', amount: 1 }])).toThrowError(
      /^transactions\[0\]\.date: expected a date/,
    );
    expect(() => lifecycleStage([])).toThrowError(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => lifecycleStage(handBuilt, { recentWindowDays: 120 })).toThrowError(/^options\.explorationDays/);
    expect(() => lifecycleStage(handBuilt, { declineRatio: 1 })).toThrowError(/^options\.declineRatio/);
    expect(() => lifecycleStage(handBuilt, { growthRatio: 0.9 })).toThrowError(/^options\.growthRatio/);
    expect(() => lifecycleStage(handBuilt, { lapsedAfterDays: 0 })).toThrowError(/^options\.lapsedAfterDays/);
    expect(() => lifecycleStage(handBuilt, { aliveThreshold: 2 })).toThrowError(CrmAnalyticsError);
  });

  it('has the documented types', () => {
    expectTypeOf(lifecycleStage(handBuilt).customers[0]!.stage).toEqualTypeOf<LifecycleStage>();
    // @ts-expect-error a model must have probabilityAlive
    expect(() => lifecycleStage(handBuilt, { aliveModel: { predict: () => [] } })).toThrowError(CrmAnalyticsError);
  });
});

// --- properties ---------------------------------------------------------------------------------------------------

const historyArb = fc.array(
  fc.record({ day: fc.integer({ min: E - 700, max: E }), amount: fc.integer({ min: 0, max: 200 }) }),
  { minLength: 1, maxLength: 30 },
);
/** Regular buying with jitter: mostly stability or formation, the interesting starting points. */
const regularArb = fc
  .record({
    start: fc.integer({ min: E - 800, max: E - 370 }),
    gap: fc.integer({ min: 7, max: 60 }),
    jitter: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 120, maxLength: 120 }),
    amount: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ start, gap, jitter, amount }) => {
    const rows: { day: number; amount: number }[] = [];
    for (let i = 0, d = start; d <= E; i++, d += gap) {
      const day = Math.min(E, Math.max(start, d + (jitter[i % jitter.length] as number)));
      rows.push({ day, amount });
    }
    return rows;
  });
const asTx = (id: string | number, rows: { day: number; amount: number }[]): Tx[] =>
  rows.map((r) => ({ customerId: id, date: isoDay(r.day), amount: r.amount }));
const optionsArb = fc.record({
  recentWindowDays: fc.integer({ min: 30, max: 120 }),
  explorationExtra: fc.integer({ min: 0, max: 90 }),
  declineRatio: fc.double({ min: 0, max: 0.9, noNaN: true }),
  growthRatio: fc.double({ min: 1, max: 3, noNaN: true }),
  minPurchaseDays: fc.integer({ min: 1, max: 2 }),
});

describe('lifecycleStage properties', () => {
  test.prop([historyArb, fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), historyArb), { maxLength: 5 })])(
    "a customer's stage and evidence depend only on their own transactions",
    (own, others) => {
      const alone = lifecycleStage(asTx('me', own), { observationEnd: END }).customers[0];
      const crowd = [...others.flatMap(([id, rows]) => asTx(id, rows)), ...asTx('me', own)];
      const mixed = lifecycleStage(crowd, { observationEnd: END }).customers.find((c) => c.customerId === 'me');
      expect(mixed).toEqual(alone);
    },
  );

  test.prop([
    fc.oneof(regularArb, historyArb),
    fc.integer({ min: 0, max: 119 }),
    fc.integer({ min: 0, max: 300 }),
    optionsArb,
  ])(
    'adding a purchase in the recent window never moves a customer from stability to decline (nor into decline or lapsed at all)',
    (rows, offset, amount, o) => {
      const options = {
        observationEnd: END,
        recentWindowDays: o.recentWindowDays,
        explorationDays: o.recentWindowDays + o.explorationExtra,
        declineRatio: o.declineRatio,
        growthRatio: o.growthRatio,
        minPurchaseDays: o.minPurchaseDays,
      };
      const before = lifecycleStage(asTx('me', rows), options).customers[0]!.stage;
      const extra = { day: E - (offset % o.recentWindowDays), amount };
      const after = lifecycleStage(asTx('me', [...rows, extra]), options).customers[0]!.stage;
      if (before === 'stability') expect(after).not.toBe('decline');
      if (before !== 'decline' && before !== 'lapsed') expect(['decline', 'lapsed']).not.toContain(after);
    },
  );

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), historyArb), { minLength: 1, maxLength: 8 })])(
    'stage counts add up to the customers, and rates are finite and non-negative',
    (groups) => {
      const r = lifecycleStage(
        groups.flatMap(([id, rows]) => asTx(id, rows)),
        { observationEnd: END },
      );
      const total = Object.values(r.stageCounts).reduce((s, n) => s + n, 0);
      expect(total).toBe(r.customers.length);
      for (const c of r.customers) {
        expect(Number.isFinite(c.evidence.recentPurchaseRate) && c.evidence.recentPurchaseRate >= 0).toBe(true);
        if (c.evidence.purchaseTrend !== null) expect(c.evidence.purchaseTrend).toBeGreaterThanOrEqual(0);
      }
    },
  );
});
