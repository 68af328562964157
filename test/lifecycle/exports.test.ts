import { describe, expect, it } from 'vitest';
import * as lifecycle from '../../src/lifecycle/index.js';

describe('crm-analytics/lifecycle exports', () => {
  it('exports exactly these runtime names (an API change shows up here)', () => {
    expect(Object.keys(lifecycle).sort()).toEqual([
      'PURCHASE_INTENT_CONVERSION_EXAMPLE',
      'acquisitionVsRetention',
      'acquisitionVsRetentionInputsSchema',
      'churnRate',
      'churnRateOptionsSchema',
      'cohortRetention',
      'cohortRetentionOptionsSchema',
      'lifecycleStage',
      'lifecycleStageOptionsSchema',
      'periodRetentionRate',
      'salesFunnel',
      'salesFunnelOptionsSchema',
    ]);
  });

  it('keeps the textbook example frozen', () => {
    expect(Object.isFrozen(lifecycle.PURCHASE_INTENT_CONVERSION_EXAMPLE)).toBe(true);
  });
});
