import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { compareOfferings, deliveredValue, type Offering } from '../../src/value/index.js';
import { fc, test } from '../support/property.js';

function errorOf(run: () => unknown): CrmAnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmAnalyticsError) return error;
    throw error;
  }
  throw new Error('expected a CrmAnalyticsError');
}

const a: Offering = { name: 'A', value: { product: 500, service: 100 }, cost: { monetary: 400, time: 50 } };
const b: Offering = { name: 'B', value: { product: 450, service: 200 }, cost: { monetary: 420, time: 20 } };
const c: Offering = { name: 'C', value: { product: 300 }, cost: { monetary: 250 } };

describe('compareOfferings: worked example', () => {
  it('B delivers 210, A 150, C 50: B wins by 60, mostly through service', () => {
    const result = compareOfferings([a, b, c]);
    expect(result.ranking.map((o) => [o.name, o.rank, o.deliveredValue, o.index])).toEqual([
      ['B', 1, 210, 1],
      ['A', 2, 150, 0],
      ['C', 3, 50, 2],
    ]);
    expect(result).toMatchObject({ winner: 'B', runnerUp: 'A', margin: 60, tie: false });
    expect(result.drivers.slice(0, 4)).toEqual([
      { component: 'service', side: 'value', difference: 100 },
      { component: 'product', side: 'value', difference: -50 },
      { component: 'time', side: 'cost', difference: 30 },
      { component: 'monetary', side: 'cost', difference: -20 },
    ]);
    expect(result.drivers.slice(4).every((d) => d.difference === 0)).toBe(true);
  });

  it('the customer’s weights change the winner', () => {
    const result = compareOfferings([a, b], { weights: { service: 0.2, time: 0 } });
    // A: 500 + 20 − 400 = 120; B: 450 + 40 − 420 = 70
    expect(result.winner).toBe('A');
    expect(result.margin).toBeCloseTo(50, 12);
  });

  it('each ranked offering carries deliveredValue’s result', () => {
    const result = compareOfferings([a, b]);
    expect(result.ranking[1]).toMatchObject(deliveredValue({ value: a.value, cost: a.cost }));
  });
});

describe('compareOfferings: edge cases and errors', () => {
  it('ties share a rank and are listed by name; the margin is 0', () => {
    const x = { name: 'x', value: { product: 10 }, cost: { monetary: 5 } };
    const y = { name: 'y', value: { product: 15 }, cost: { monetary: 10 } };
    const result = compareOfferings([y, x]);
    expect(result.ranking.map((o) => [o.name, o.rank])).toEqual([
      ['x', 1],
      ['y', 1],
    ]);
    expect(result.tie).toBe(true);
    expect(result.margin).toBe(0);
  });

  it('fewer than two offerings', () => {
    expect(errorOf(() => compareOfferings([])).code).toBe('EMPTY_INPUT');
    expect(errorOf(() => compareOfferings([a])).message).toBe('offerings: expected at least 2 offerings, got 1');
  });

  it('duplicate names', () => {
    expect(errorOf(() => compareOfferings([a, { ...b, name: 'A' }])).message).toMatch(
      /offerings\[1\]\.name: duplicate name "A" \(also offerings\[0\]\.name\)/,
    );
  });

  it('a bad component names the offering', () => {
    const bad = { ...b, cost: { monetary: -1 } };
    expect(errorOf(() => compareOfferings([a, bad])).message).toMatch(
      /offerings\[1\]\.cost\.monetary: expected a number ≥ 0/,
    );
    expect(errorOf(() => compareOfferings([a, { ...b, cost: {} }])).code).toBe('DOMAIN_ERROR');
  });

  it('does not mutate its input', () => {
    const input = Object.freeze([Object.freeze({ ...c }), Object.freeze({ ...a }), Object.freeze({ ...b })]);
    compareOfferings(input);
    expect(input.map((o) => o.name)).toEqual(['C', 'A', 'B']);
  });
});

const amount = fc.integer({ min: 0, max: 1000 });
const offering = (name: string) =>
  fc.record({
    name: fc.constant(name),
    value: fc.record({ product: amount, service: amount, personnel: amount, image: amount }),
    cost: fc.record({ monetary: fc.integer({ min: 1, max: 1000 }), time: amount, energy: amount, physical: amount }),
  });
const offerings = fc
  .integer({ min: 2, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => offering(`offer-${i}`))));

describe('compareOfferings: properties', () => {
  test.prop([
    offerings.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
  ])('the ranking does not depend on the order of the offerings', ([list, shuffled]) => {
    const x = compareOfferings(list);
    const y = compareOfferings(shuffled);
    const strip = (r: typeof x) => r.ranking.map(({ index: _index, ...rest }) => rest);
    expect(strip(y)).toEqual(strip(x));
    expect([y.winner, y.runnerUp, y.margin, y.drivers]).toEqual([x.winner, x.runnerUp, x.margin, x.drivers]);
  });

  test.prop([offerings])('the winner has the highest delivered value and the drivers add up to the margin', (list) => {
    const result = compareOfferings(list);
    for (const o of result.ranking)
      expect(o.deliveredValue).toBeLessThanOrEqual(result.ranking[0]?.deliveredValue as number);
    const sum = result.drivers.reduce((acc, d) => acc + d.difference, 0);
    expect(sum).toBeCloseTo(result.margin, 9);
    expect(result.margin).toBeGreaterThanOrEqual(0);
  });
});
