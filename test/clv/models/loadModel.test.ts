import { describe, expect, it } from 'vitest';
import {
  BetaGeoModel,
  fitBetaGeo,
  fitGammaGamma,
  fitModifiedBetaGeo,
  fitParetoNbd,
  GammaGammaModel,
  loadModel,
  type ModifiedBetaGeoModel,
  ParetoNbdModel,
} from '../../../src/index.js';
import { cdnowSummaries, cdnowWithSpend } from './helpers.js';

const customers = cdnowSummaries().slice(0, 600);

describe('loadModel', () => {
  it('round-trips every model kind through JSON text with identical predictions', () => {
    const models = [
      fitBetaGeo(customers, { timeUnit: 'week' }),
      fitModifiedBetaGeo(customers, { timeUnit: 'week' }),
      fitParetoNbd(customers, { timeUnit: 'week' }),
    ];
    for (const m of models) {
      const back = loadModel(JSON.parse(JSON.stringify(m)));
      expect(back.constructor).toBe(m.constructor);
      expect(back.toJSON()).toEqual(m.toJSON());
      const b = back as BetaGeoModel | ModifiedBetaGeoModel | ParetoNbdModel;
      expect(Array.from(b.conditionalExpectedPurchases(10, customers.slice(0, 20)))).toEqual(
        Array.from(m.conditionalExpectedPurchases(10, customers.slice(0, 20))),
      );
    }
    const gg = fitGammaGamma(cdnowWithSpend());
    const back = loadModel(JSON.parse(JSON.stringify(gg))) as GammaGammaModel;
    expect(back).toBeInstanceOf(GammaGammaModel);
    expect(back.toJSON()).toEqual(gg.toJSON());
  });
  it('rejects malformed input with INVALID_INPUT', () => {
    const good = new BetaGeoModel({ params: { r: 0.2, alpha: 4, a: 0.8, b: 2 }, timeUnit: 'week' }).toJSON();
    for (const bad of [
      null,
      { ...good, model: 'nope' },
      { ...good, version: 2 },
      { ...good, params: { ...good.params, r: 0 } },
      { ...good, timeUnit: 'fortnight' },
      { ...good, params: { ...good.params, alpha: Number.NaN } },
    ]) {
      expect(() => loadModel(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
  it('keeps the time unit, so a day model loads as a day model', () => {
    const m = new ParetoNbdModel({ params: { r: 0.5, alpha: 70, s: 0.6, beta: 80 }, timeUnit: 'day' });
    expect((loadModel(m.toJSON()) as ParetoNbdModel).timeUnit).toBe('day');
  });
});
