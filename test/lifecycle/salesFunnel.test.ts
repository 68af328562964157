import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { PURCHASE_INTENT_CONVERSION_EXAMPLE, salesFunnel } from '../../src/lifecycle/index.js';
import { fc, test } from '../support/property.js';

describe('salesFunnel', () => {
  it("reproduces the textbook's purchase-intent example: 10% of 3-month leads and 4% of 1-year leads buy", () => {
    const f = salesFunnel([
      {
        name: 'buy within 3 months',
        leads: 1200,
        conversionRate: PURCHASE_INTENT_CONVERSION_EXAMPLE.withinThreeMonths,
      },
      { name: 'buy within a year', leads: 3000, conversionRate: PURCHASE_INTENT_CONVERSION_EXAMPLE.withinOneYear },
    ]);
    expect(f.mode).toBe('segments');
    expect(f.stages.map((s) => s.expectedConversions)).toEqual([120, 120]);
    expect(f.total.leads).toBe(4200);
    expect(f.total.expectedConversions).toBeCloseTo(240, 12);
    expect(f.total.conversionRate).toBeCloseTo(240 / 4200, 12);
  });

  it('chains stages in sequential mode', () => {
    const f = salesFunnel(
      [
        { name: 'visit', leads: 10_000, conversionRate: 0.2 },
        { name: 'test drive', conversionRate: 0.25 },
        { name: 'purchase', conversionRate: 0.4 },
      ],
      { mode: 'sequential' },
    );
    expect(f.stages.map((s) => [s.leads, s.expectedConversions])).toEqual([
      [10_000, 2000],
      [2000, 500],
      [500, 200],
    ]);
    expect(f.total).toEqual({ leads: 10_000, expectedConversions: 200, conversionRate: 0.2 * 0.25 * 0.4 });
  });

  it('gives a null overall rate for segments without leads, and keeps zero-rate stages', () => {
    const f = salesFunnel([{ name: 'none', leads: 0, conversionRate: 0.5 }]);
    expect(f.total).toEqual({ leads: 0, expectedConversions: 0, conversionRate: null });
    expect(salesFunnel([{ name: 'cold', leads: 10, conversionRate: 0 }]).total.conversionRate).toBe(0);
  });

  it('names the bad stage and field', () => {
    expect(() =>
      salesFunnel([
        { name: 'a', leads: 1, conversionRate: 0.1 },
        { name: 'b', leads: 5, conversionRate: 1.5 },
      ]),
    ).toThrowError('stages[1].conversionRate: expected a fraction in [0, 1], got 1.5');
    expect(() => salesFunnel([{ name: 'a', leads: -1, conversionRate: 0.1 }])).toThrowError(
      'stages[0].leads: expected a finite number ≥ 0, got -1',
    );
    expect(() => salesFunnel([{ name: '', leads: 1, conversionRate: 0.1 }])).toThrowError(/^stages\[0\]\.name/);
    expect(() => salesFunnel([{ name: 'a', conversionRate: 0.1 }])).toThrowError(/^stages\[0\]\.leads/);
    expect(() =>
      salesFunnel(
        [
          { name: 'a', leads: 10, conversionRate: 0.1 },
          { name: 'b', leads: 10, conversionRate: 0.1 },
        ],
        { mode: 'sequential' },
      ),
    ).toThrowError(/^stages\[1\]\.leads: expected no value in sequential mode/);
    expect(() => salesFunnel([null as never])).toThrowError(/^stages\[0\]: expected a stage/);
    expect(() => salesFunnel([])).toThrowError(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => salesFunnel(42 as never)).toThrowError(CrmAnalyticsError);
    expect(() => salesFunnel([], { mode: 'parallel' as 'segments' })).toThrowError(/^options\.mode/);
  });

  it('does not mutate its input', () => {
    const stages = [{ name: 'a', leads: 10, conversionRate: 0.3 }];
    const copy = structuredClone(stages);
    salesFunnel(stages);
    expect(stages).toEqual(copy);
  });
});

const stageArb = fc.record({
  name: fc.string({ minLength: 1, maxLength: 5 }),
  leads: fc.double({ min: 0, max: 1e6, noNaN: true }),
  conversionRate: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('salesFunnel properties', () => {
  test.prop([fc.array(stageArb, { minLength: 1, maxLength: 8 })])('conversions never exceed leads', (stages) => {
    const f = salesFunnel(stages);
    for (const s of f.stages) expect(s.expectedConversions).toBeLessThanOrEqual(s.leads);
    expect(f.total.expectedConversions).toBeLessThanOrEqual(f.total.leads * (1 + 1e-12));
    if (f.total.conversionRate !== null) expect(f.total.conversionRate).toBeLessThanOrEqual(1 + 1e-12);
  });

  test.prop([fc.array(stageArb, { minLength: 1, maxLength: 8 })])(
    'in sequential mode each stage has at most the previous stage’s leads',
    (stages) => {
      const f = salesFunnel(
        stages.map((s, i) => (i === 0 ? s : { name: s.name, conversionRate: s.conversionRate })),
        { mode: 'sequential' },
      );
      for (let i = 1; i < f.stages.length; i++) {
        expect(f.stages[i]!.leads).toBeLessThanOrEqual(f.stages[i - 1]!.leads);
      }
      expect(f.total.expectedConversions).toBeCloseTo(f.total.leads * (f.total.conversionRate as number), 3);
    },
  );
});
