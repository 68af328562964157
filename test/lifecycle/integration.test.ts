// Cross-area check: the library's own BG/NBD model satisfies lifecycleStage's structural ProbabilityAliveModel.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BetaGeoModel } from '../../src/clv/index.js';
import { lifecycleStage, type ProbabilityAliveModel } from '../../src/lifecycle/index.js';
import { loadCdnow } from './fixtures.js';

describe('lifecycleStage with the library BG/NBD model', () => {
  it('accepts a BetaGeoModel with the published CDNOW estimates and splits decline from lapsed as the formula does', () => {
    // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426 (weeks). The expected split comes from
    // an independent Python script using the paper's P(alive) formula (see lifecycleStage.test.ts).
    const model = new BetaGeoModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, timeUnit: 'week' });
    expectTypeOf(model).toMatchTypeOf<ProbabilityAliveModel>();
    const r = lifecycleStage(loadCdnow(), { observationEnd: '1998-06-30', aliveModel: model });
    expect(r.stageCounts).toEqual({ exploration: 0, formation: 170, stability: 94, decline: 1571, lapsed: 522 });
  });
});
