import { describe, expect, it } from 'vitest';
import { BetaGeoModel, repeatFrequencyFit } from '../../../src/clv/index.js';

describe('repeatFrequencyFit with degenerate fitted parameters', () => {
  // A BG/NBD fit on a log with no dropout ran off to r ≈ 2e5, α ≈ 2e6, a ≈ 1e-7; the pooled-tail sum then decayed so
  // slowly that summing up to 100,000 terms per distinct T took minutes. The tail sum is now bounded.
  it('stays bounded and returns a finite statistic', () => {
    const model = new BetaGeoModel({ params: { r: 1.9e5, alpha: 2e6, a: 1e-7, b: 1 }, timeUnit: 'week' });
    const customers = Array.from({ length: 300 }, (_, i) => ({ frequency: i % 12, recency: 0, T: 10 + i * 0.37 }));
    const fit = repeatFrequencyFit(model, customers);
    expect(fit.bins).toHaveLength(8);
    for (const bin of fit.bins) expect(Number.isFinite(bin.expected)).toBe(true);
    expect(fit.chiSquare).toBeGreaterThanOrEqual(0);
  });
});
