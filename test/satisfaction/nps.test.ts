import { describe, expect, it } from 'vitest';
import { nps } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

/** 100 answers: 50 promoters, 30 passives, 20 detractors. */
function worked(): number[] {
  return [
    ...Array(25).fill(10),
    ...Array(25).fill(9),
    ...Array(15).fill(8),
    ...Array(15).fill(7),
    ...Array(20).fill(4),
  ];
}

describe('nps: worked example (hand computation, checked with scipy)', () => {
  // p = 0.5, d = 0.2: NPS = 100(0.5 − 0.2) = 30.
  // Trinomial variance (p + d) − (p − d)² = 0.7 − 0.09 = 0.61; SE = 100·√(0.61/100) = 7.810250.
  // numpy: 100·std([+1]*50 + [0]*30 + [−1]*20, ddof=0)/√100 = 7.810249675906652.
  // 95% Wald: 30 ± 1.959964·7.810250 = [14.692192, 45.307808].
  it('reproduces NPS, shares, standard error and the Wald interval', () => {
    const r = nps(worked());
    expect(r.nps).toBe(30);
    expect(r.n).toBe(100);
    expect(r.promoters).toEqual({ count: 50, share: 0.5 });
    expect(r.passives).toEqual({ count: 30, share: 0.3 });
    expect(r.detractors).toEqual({ count: 20, share: 0.2 });
    expect(r.standardError).toBeCloseTo(7.810249675906652, 10);
    expect(r.ci.lower).toBeCloseTo(14.692191924957331, 9);
    expect(r.ci.upper).toBeCloseTo(45.30780807504267, 9);
    expect(r.interval).toBe('wald');
  });

  // Adjusted Wald (Rocks 2016): n' = 103, p' = 50.75/103 = 0.4927184, d' = 20.75/103 = 0.2014563;
  // centre 100(p' − d') = 29.126214; SE' = 100·√((p' + d' − (p' − d')²)/103) = 7.691510;
  // 95%: 29.126214 ± 15.075084 = [14.051130, 44.201297].
  it('reproduces the adjusted Wald interval', () => {
    const r = nps(worked(), { interval: 'adjusted-wald' });
    expect(r.nps).toBe(30);
    expect(r.standardError).toBeCloseTo(7.810249675906652, 10);
    expect(r.ci.lower).toBeCloseTo(14.051130178761605, 9);
    expect(r.ci.upper).toBeCloseTo(44.20129700570441, 9);
    expect(r.interval).toBe('adjusted-wald');
  });

  // 90% Wald: z = 1.644854; 30 ± 12.846718 = [17.153282, 42.846718].
  it('honours the confidence level', () => {
    const r = nps(worked(), { confidenceLevel: 0.9 });
    expect(r.ci.lower).toBeCloseTo(17.153282493188385, 9);
    expect(r.ci.upper).toBeCloseTo(42.846717506811615, 9);
  });
});

describe('nps: edge cases', () => {
  it('all promoters: NPS 100, Wald interval collapses, adjusted Wald does not', () => {
    const wald = nps([9, 10, 10, 9]);
    expect(wald.nps).toBe(100);
    expect(wald.standardError).toBe(0);
    expect(wald.ci).toEqual({ lower: 100, upper: 100 });
    const adjusted = nps([9, 10, 10, 9], { interval: 'adjusted-wald' });
    expect(adjusted.ci.upper).toBe(100);
    expect(adjusted.ci.lower).toBeLessThan(100);
  });

  it('all detractors: NPS −100', () => {
    expect(nps([0, 6, 3]).nps).toBe(-100);
  });

  it('only passives: NPS 0', () => {
    expect(nps([7, 8]).nps).toBe(0);
  });

  it('a single answer', () => {
    const r = nps([9]);
    expect(r.nps).toBe(100);
    expect(r.n).toBe(1);
  });

  it('accepts an iterable and a typed array', () => {
    expect(nps(new Set([10, 0, 7])).nps).toBe(0);
    expect(nps(Int8Array.from([10, 10, 0])).nps).toBeCloseTo(100 / 3, 12);
  });

  it('does not mutate its input', () => {
    const scores = [10, 3, 8, 9];
    const copy = [...scores];
    nps(scores, { interval: 'adjusted-wald' });
    expect(scores).toEqual(copy);
  });
});

describe('nps: bad input', () => {
  it('a non-integer answer names its index', () => {
    const error = thrown(() => nps([10, 9.5]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('scores[1]');
    expect(error.index).toBe(1);
  });

  it('an answer outside 0–10', () => {
    expect(thrown(() => nps([11])).message).toContain('scores[0]');
    expect(thrown(() => nps([5, -1])).code).toBe('INVALID_INPUT');
  });

  it('non-numbers and NaN', () => {
    expect(thrown(() => nps([Number.NaN])).code).toBe('INVALID_INPUT');
    expect(thrown(() => nps(['9' as unknown as number])).code).toBe('INVALID_INPUT');
  });

  it('empty input', () => {
    expect(thrown(() => nps([])).code).toBe('EMPTY_INPUT');
  });

  it('bad options', () => {
    expect(thrown(() => nps([9], { confidenceLevel: 1 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => nps([9], { interval: 'wilson' as 'wald' })).message).toContain('options.interval');
  });
});

const answers = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 });

describe('nps: properties', () => {
  test.prop([answers])('NPS lies in [−100, 100] and equals %promoters − %detractors exactly', (scores) => {
    const r = nps(scores);
    expect(r.nps).toBeGreaterThanOrEqual(-100);
    expect(r.nps).toBeLessThanOrEqual(100);
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    expect(r.nps).toBe((100 * (promoters - detractors)) / scores.length);
    expect(r.promoters.count + r.passives.count + r.detractors.count).toBe(scores.length);
  });

  test.prop([answers])('the Wald interval contains the estimate and stays in [−100, 100]', (scores) => {
    const r = nps(scores);
    expect(r.ci.lower).toBeLessThanOrEqual(r.nps + 1e-9);
    expect(r.ci.upper).toBeGreaterThanOrEqual(r.nps - 1e-9);
    expect(r.ci.lower).toBeGreaterThanOrEqual(-100);
    expect(r.ci.upper).toBeLessThanOrEqual(100);
  });

  test.prop([answers])('the adjusted Wald interval contains its adjusted centre and stays in range', (scores) => {
    const r = nps(scores, { interval: 'adjusted-wald' });
    const n = scores.length + 3;
    const centre =
      (100 * (scores.filter((s) => s >= 9).length + 0.75 - (scores.filter((s) => s <= 6).length + 0.75))) / n;
    expect(r.ci.lower).toBeLessThanOrEqual(centre + 1e-9);
    expect(r.ci.upper).toBeGreaterThanOrEqual(centre - 1e-9);
    expect(r.ci.lower).toBeGreaterThanOrEqual(-100);
    expect(r.ci.upper).toBeLessThanOrEqual(100);
    expect(r.ci.upper).toBeGreaterThan(r.ci.lower);
  });

  test.prop([answers, fc.integer({ min: 2, max: 6 })])(
    'intervals narrow as n grows (same shares, k times the answers)',
    (scores, k) => {
      const larger = Array.from({ length: k }, () => scores).flat();
      for (const interval of ['wald', 'adjusted-wald'] as const) {
        const small = nps(scores, { interval });
        const big = nps(larger, { interval });
        expect(big.ci.upper - big.ci.lower).toBeLessThanOrEqual(small.ci.upper - small.ci.lower + 1e-9);
      }
    },
  );

  test.prop([answers])('a higher confidence level gives a wider interval', (scores) => {
    const a = nps(scores, { confidenceLevel: 0.8, interval: 'adjusted-wald' });
    const b = nps(scores, { confidenceLevel: 0.99, interval: 'adjusted-wald' });
    expect(b.ci.upper - b.ci.lower).toBeGreaterThanOrEqual(a.ci.upper - a.ci.lower - 1e-9);
  });
});
