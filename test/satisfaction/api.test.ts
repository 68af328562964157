// The public surface of crm-analytics/satisfaction: exported names (a change here is an API change) and types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as satisfaction from '../../src/satisfaction/index.js';
import {
  type CsatResult,
  csat,
  importancePerformance,
  type KanoFeatureResult,
  kano,
  type NpsResult,
  nps,
  satisfactionIndex,
  trustQuotient,
} from '../../src/satisfaction/index.js';

describe('crm-analytics/satisfaction exports', () => {
  it('names', () => {
    expect(Object.keys(satisfaction).sort()).toEqual([
      'SERVQUAL_DIMENSIONS',
      'ces',
      'cesOptionsSchema',
      'csat',
      'csatOptionsSchema',
      'disconfirmation',
      'disconfirmationOptionsSchema',
      'importancePerformance',
      'importancePerformanceOptionsSchema',
      'kano',
      'kanoCategory',
      'kanoOptionsSchema',
      'loyaltyVulnerability',
      'loyaltyVulnerabilityOptionsSchema',
      'nps',
      'npsOptionsSchema',
      'satisfactionIndex',
      'satisfactionIndexOptionsSchema',
      'satisfactionRatio',
      'satisfactionRatioOptionsSchema',
      'servqualGaps',
      'servqualGapsOptionsSchema',
      'trustQuotient',
      'trustQuotientOptionsSchema',
    ]);
  });

  it('types', () => {
    expectTypeOf(nps).returns.toEqualTypeOf<NpsResult>();
    expectTypeOf(csat).returns.toEqualTypeOf<CsatResult>();
    expectTypeOf(kano).returns.toEqualTypeOf<KanoFeatureResult[]>();
    expectTypeOf(trustQuotient).returns.toBeNumber();
    expectTypeOf<KanoFeatureResult['satisfactionCoefficient']>().toEqualTypeOf<number | null>();
    expectTypeOf<NpsResult['ci']>().toEqualTypeOf<satisfaction.SurveyInterval>();
  });

  it('misuse does not compile', () => {
    const misuse = (): void => {
      // @ts-expect-error: the interval method is a closed set
      nps([9], { interval: 'wilson' });
      // @ts-expect-error: items and scale are required
      satisfactionIndex([{ a: 1 }], { items: ['a'] });
      // @ts-expect-error: a self-orientation is required
      trustQuotient({ credibility: 1, reliability: 1, intimacy: 1 });
      // @ts-expect-error: the crosshair is a pair, not a single number
      importancePerformance([], { crosshair: 3 });
    };
    expect(typeof misuse).toBe('function');
  });
});
