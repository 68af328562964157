// Tests added for mutation testing (docs/testing.md): the overflow check of acquisitionVsRetention, which names the
// figure that overflowed, at the top level and among the assumptions.
import { describe, expect, it } from 'vitest';
import { acquisitionVsRetention } from '../../src/lifecycle/index.js';
import { thrown } from '../support/thrown.js';

describe('acquisitionVsRetention: figures that overflow', () => {
  it('a cost near 1.7e308 times the lost customers is a DOMAIN_ERROR naming the figure', () => {
    const e = thrown(() => acquisitionVsRetention({ customers: 1000, customersLost: 100, retentionCost: 1.7e308 }));
    expect(e.code).toBe('DOMAIN_ERROR');
    expect(e.path).toEqual(['inputs']);
    expect(e.message).toBe(
      'inputs: costToRetainLostCustomers exceeds the largest double (Infinity); the inputs are too large to combine',
    );
  });
  it('an overflowing cost ratio is named among the assumptions', () => {
    const e = thrown(() =>
      acquisitionVsRetention({ customers: 10, customersLost: 1, acquisitionCost: 1e308, retentionCost: 1e-10 }),
    );
    expect(e.code).toBe('DOMAIN_ERROR');
    expect(e.message).toMatch(/^inputs: assumptions\.acquisitionToRetentionCostRatio exceeds the largest double/);
  });
  it('large but representable figures pass', () => {
    const r = acquisitionVsRetention({ customers: 10, customersLost: 1, acquisitionCost: 1e308, retentionCost: 1 });
    expect(r.assumptions.acquisitionToRetentionCostRatio).toBe(1e308);
    expect(r.costToReplaceLostCustomers).toBe(1e308);
  });
});
