// Tests written for mutants that survived a Stryker run of src/value (docs/testing.md): exact error paths, codes and
// messages, the overflow guards, the −0 normalisations and the tie orders of compareOfferings.
import { describe, expect, it } from 'vitest';
import {
  compareOfferings,
  deliveredValue,
  deliveredValueFromSurvey,
  type Offering,
  priceOfTime,
} from '../../src/value/index.js';
import { thrown } from '../support/thrown.js';

describe('priceOfTime: every guard', () => {
  it('rejects a negative, non-finite or non-number argument, naming it', () => {
    for (const bad of [-1, -1e-300, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]) {
      const e = thrown(() => priceOfTime(bad, 40));
      expect([e.code, e.message.startsWith('hours: expected a finite number ≥ 0')]).toEqual(['INVALID_INPUT', true]);
      const f = thrown(() => priceOfTime(2, bad));
      expect([f.code, f.message.startsWith('valueOfTimePerHour: expected a finite number ≥ 0')]).toEqual([
        'INVALID_INPUT',
        true,
      ]);
    }
  });

  it('accepts a value of time of 0 and returns +0 for a zero product, even from −0', () => {
    expect(Object.is(priceOfTime(3, 0), 0)).toBe(true);
    expect(Object.is(priceOfTime(-0, 40), 0)).toBe(true);
    expect(Object.is(priceOfTime(2, -0), 0)).toBe(true);
    expect(priceOfTime(0.5, 30)).toBe(15);
  });

  it('rejects a product that overflows, naming hours', () => {
    const e = thrown(() => priceOfTime(1e200, 1e200));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^hours: expected a product with valueOfTimePerHour that fits a double/);
  });
});

describe('deliveredValue: overflow', () => {
  it('raises DOMAIN_ERROR when a weighted total exceeds the largest double', () => {
    const e = thrown(() =>
      deliveredValue({ value: { product: 1e308 }, cost: { monetary: 1 }, weights: { product: 10 } }),
    );
    expect([e.code, e.message]).toEqual(['DOMAIN_ERROR', 'input: the weighted totals overflow a double']);
    const f = thrown(() =>
      deliveredValue({ value: { product: 1 }, cost: { monetary: 1e308, time: 1e308 }, weights: { time: 1 } }),
    );
    expect(f.code).toBe('DOMAIN_ERROR');
  });
});

describe('deliveredValueFromSurvey: guards and messages', () => {
  const input = { value: { product: 5, service: 3 }, cost: { monetary: 4, time: 2 } };

  it('rejects a scale whose ends are equal', () => {
    const e = thrown(() => deliveredValueFromSurvey(input, { scale: { min: 3, max: 3 } }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain('expected scale.max > scale.min');
  });

  it('names input.cost when every rated cost is at the bottom of the scale', () => {
    const e = thrown(() => deliveredValueFromSurvey({ value: { product: 5 }, cost: { monetary: 1, time: 1 } }));
    expect([e.code, e.message]).toEqual([
      'DOMAIN_ERROR',
      'input.cost: every rated cost is at the bottom of the scale, so the total customer cost is 0 and the value ratio is undefined',
    ]);
  });

  it('raises DOMAIN_ERROR when the importances sum, or the scale range, exceeds the largest double', () => {
    const huge = thrown(() => deliveredValueFromSurvey({ ...input, importance: { product: 1e308, service: 1e308 } }));
    expect([huge.code, huge.message]).toEqual([
      'DOMAIN_ERROR',
      'input.value: the importances or the scale are too large: their sum or range exceeds the largest double',
    ]);
    const wide = thrown(() =>
      deliveredValueFromSurvey(
        { value: { product: 0 }, cost: { monetary: 1e308 } },
        { scale: { min: -1e308, max: 1e308 } },
      ),
    );
    expect(wide.code).toBe('DOMAIN_ERROR');
    expect(wide.message).toMatch(/^input\.value: the importances or the scale are too large/);
  });

  it('scores a finite, wide but representable scale', () => {
    const r = deliveredValueFromSurvey(
      { value: { product: 0 }, cost: { monetary: 5e307 } },
      { scale: { min: -5e307, max: 5e307 } },
    );
    expect(r.totalCustomerValue).toBeCloseTo(50, 12);
    expect(r.totalCustomerCost).toBeCloseTo(100, 12);
  });
});

describe('compareOfferings: paths, codes and tie orders', () => {
  const offering = (name: string, product: number, monetary = 10): Offering => ({
    name,
    value: { product },
    cost: { monetary },
  });

  it('names the argument and the offering in its errors', () => {
    expect(thrown(() => compareOfferings(42 as never)).message).toMatch(/^offerings: /);
    expect(thrown(() => compareOfferings([offering('A', 1), 7 as never])).message).toMatch(/^offerings\[1\]/);
    const duplicate = thrown(() => compareOfferings([offering('A', 1), offering('A', 2)]));
    expect([duplicate.code, duplicate.message]).toEqual([
      'INVALID_INPUT',
      'offerings[1].name: duplicate name "A" (also offerings[0].name)',
    ]);
    const free = thrown(() => compareOfferings([offering('A', 1), offering('B', 2, 0)]));
    expect(free.code).toBe('DOMAIN_ERROR');
    expect(free.message).toMatch(/^offerings\[1\]\.cost: the total customer cost is 0/);
  });

  it('ranks equal delivered values by name, whatever the input order', () => {
    const names = (list: Offering[]): string[] => compareOfferings(list).ranking.map((r) => r.name);
    const tied = [offering('C', 5), offering('A', 5), offering('D', 9), offering('B', 5), offering('E', 5)];
    const expected = ['D', 'A', 'B', 'C', 'E'];
    expect(names(tied)).toEqual(expected);
    expect(names([...tied].reverse())).toEqual(expected);
    expect(names([tied[1], tied[3], tied[0], tied[4], tied[2]] as Offering[])).toEqual(expected);
    expect(compareOfferings(tied).ranking.map((r) => r.rank)).toEqual([1, 2, 2, 2, 2]);
  });

  it('orders drivers of equal size product … physical, and gives +0 for components that do not differ', () => {
    const winner: Offering = { name: 'W', value: { product: 20, service: -0 }, cost: { monetary: 5, time: 1 } };
    const runnerUp: Offering = {
      name: 'R',
      value: { product: 10, service: 0, image: 10 },
      cost: { monetary: 15, time: 1 },
    };
    const r = compareOfferings([runnerUp, winner]);
    expect(r.winner).toBe('W');
    expect(r.drivers.map((d) => [d.component, d.side, d.difference])).toEqual([
      ['product', 'value', 10],
      ['image', 'value', -10],
      ['monetary', 'cost', 10],
      ['service', 'value', 0],
      ['personnel', 'value', 0],
      ['time', 'cost', 0],
      ['energy', 'cost', 0],
      ['physical', 'cost', 0],
    ]);
    expect(r.drivers.every((d) => d.difference !== 0 || Object.is(d.difference, 0))).toBe(true);
  });
});
