import { describe, expect, it } from 'vitest';
import * as pareto from '../../src/pareto/index.js';

describe('crm-analytics/pareto public names', () => {
  it('exports exactly these values (API changes show up here in review)', () => {
    expect(Object.keys(pareto).sort()).toEqual([
      'DEFAULT_ABC_THRESHOLDS',
      'DEFAULT_CUSTOMER_PYRAMID_TIERS',
      'ParetoAnalysisResult',
      'abcClassify',
      'abcClassifyOptionsSchema',
      'concentrationSummary',
      'concentrationSummaryOptionsSchema',
      'customerPyramid',
      'customerPyramidOptionsSchema',
      'gini',
      'giniOptionsSchema',
      'herfindahl',
      'herfindahlOptionsSchema',
      'lorenzCurve',
      'lorenzCurveOptionsSchema',
      'negativeValuePolicySchema',
      'paretoAnalysis',
      'paretoAnalysisOptionsSchema',
    ]);
  });
});
