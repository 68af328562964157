import { describe, expect, it } from 'vitest';
import { trustQuotient } from '../../src/satisfaction/index.js';
import { fc, test } from '../support/property.js';
import { thrown } from '../support/thrown.js';

describe('trustQuotient: T = (C + R + I)/S (Maister, Green & Galford 2000)', () => {
  it('hand computations', () => {
    // (7 + 8 + 6)/3 = 7
    expect(trustQuotient({ credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 3 })).toBe(7);
    // (10 + 10 + 10)/1 = 30, the maximum on 1–10; (1 + 1 + 1)/10 = 0.3 the minimum.
    expect(trustQuotient({ credibility: 10, reliability: 10, intimacy: 10, selfOrientation: 1 })).toBe(30);
    expect(trustQuotient({ credibility: 1, reliability: 1, intimacy: 1, selfOrientation: 10 })).toBeCloseTo(0.3, 15);
  });
  it('another scale', () => {
    expect(trustQuotient({ credibility: 5, reliability: 5, intimacy: 5, selfOrientation: 5 }, { scale: [1, 5] })).toBe(
      3,
    );
  });
  it('does not mutate its input', () => {
    const c = { credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 3 };
    trustQuotient(c);
    expect(c).toEqual({ credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 3 });
  });
});

describe('trustQuotient: bad input', () => {
  it('self-orientation 0 (outside 1–10) names the component', () => {
    const error = thrown(() => trustQuotient({ credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 0 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^components\.selfOrientation: /);
  });
  it('a missing component', () => {
    expect(thrown(() => trustQuotient({ credibility: 7, reliability: 8, intimacy: 6 } as never)).message).toContain(
      'components.selfOrientation',
    );
  });
  it('a scale that allows S = 0', () => {
    expect(
      thrown(() =>
        trustQuotient({ credibility: 1, reliability: 1, intimacy: 1, selfOrientation: 1 }, { scale: [0, 10] }),
      ).code,
    ).toBe('INVALID_OPTION');
  });
});

const rating = fc.double({ min: 1, max: 10, noNaN: true });
describe('trustQuotient: properties', () => {
  test.prop([rating, rating, rating, rating])('lies in [0.3, 30] on 1–10', (c, r, i, s) => {
    const t = trustQuotient({ credibility: c, reliability: r, intimacy: i, selfOrientation: s });
    expect(t).toBeGreaterThanOrEqual(0.3 - 1e-12);
    expect(t).toBeLessThanOrEqual(30 + 1e-12);
  });
  test.prop([rating, rating, rating, rating, rating])(
    'increasing in C, R and I, decreasing in S',
    (c, r, i, s, other) => {
      const base = trustQuotient({ credibility: c, reliability: r, intimacy: i, selfOrientation: s });
      const up = (x: number): boolean => other >= x;
      if (up(c))
        expect(
          trustQuotient({ credibility: other, reliability: r, intimacy: i, selfOrientation: s }),
        ).toBeGreaterThanOrEqual(base);
      if (up(r))
        expect(
          trustQuotient({ credibility: c, reliability: other, intimacy: i, selfOrientation: s }),
        ).toBeGreaterThanOrEqual(base);
      if (up(i))
        expect(
          trustQuotient({ credibility: c, reliability: r, intimacy: other, selfOrientation: s }),
        ).toBeGreaterThanOrEqual(base);
      if (up(s))
        expect(
          trustQuotient({ credibility: c, reliability: r, intimacy: i, selfOrientation: other }),
        ).toBeLessThanOrEqual(base);
      else
        expect(
          trustQuotient({ credibility: c, reliability: r, intimacy: i, selfOrientation: other }),
        ).toBeGreaterThanOrEqual(base);
    },
  );
});
