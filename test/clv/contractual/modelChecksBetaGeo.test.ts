// The model checks work for the non-contractual models too: BG/NBD (src/clv/models) on CDNOW.
import { describe, expect, it } from 'vitest';
import { calibrationVsHoldout, fitBetaGeo, repeatFrequencyFit, trackingCurve } from '../../../src/clv/index.js';
import { calibrationHoldoutSplit } from '../../../src/data/index.js';
import { loadCdnowSample, loadNumericCsv } from '../../support/fixtures.js';

describe('model checks with BG/NBD on CDNOW (39 calibration weeks, 39 holdout weeks)', () => {
  const summary = loadNumericCsv('cdnow_customers_summary.csv').map((r) => ({
    frequency: r.frequency as number,
    recency: r.recency as number,
    T: r.T as number,
  }));
  const makeModel = () => fitBetaGeo(summary, { timeUnit: 'week' });
  const makeLog = () => loadCdnowSample();

  it('repeat-frequency histogram: observed counts from the data, expected counts summing to 2,357', () => {
    const model = makeModel();
    const fit = repeatFrequencyFit(model, summary);
    expect(fit.bins.map((b) => b.observed)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(fit.bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(2357, 6);
    expect(fit.degreesOfFreedom).toBe(3);
    // A good in-sample fit, as in Fader, Hardie & Lee (2005, Figure 2).
    expect(Math.abs((fit.bins[0]?.expected as number) - 1411)).toBeLessThan(25);
    expect(fit.pValue).toBeGreaterThan(0.05);
  });

  it('tracking curve and calibration/holdout agree on the holdout’s actual repeat purchases', () => {
    const model = makeModel();
    const log = makeLog();
    const curve = trackingCurve(model, log, { end: '1998-06-30' });
    expect(curve.timeUnit).toBe('week');
    expect(curve.points).toHaveLength(78);
    expect(curve.points[38]?.actualCumulative).toBe(2457);
    const split = calibrationHoldoutSplit(log, {
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
      timeUnit: 'week',
    });
    const check = calibrationVsHoldout(model, split);
    const holdoutActual = (curve.points[77]?.actualCumulative as number) - 2457;
    expect(check.actualTotal).toBe(holdoutActual);
    // Predicted and actual holdout purchases are within 15% of each other in total.
    expect(Math.abs(check.predictedTotal / check.actualTotal - 1)).toBeLessThan(0.15);
    expect(check.groups.map((g) => g.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
  });
});
