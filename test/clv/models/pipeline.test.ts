import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, fitBetaGeo, fitGammaGamma, summarizeCustomers } from '../../../src/index.js';
import { loadCdnowSample } from '../../support/fixtures.js';
import { relativeError } from './helpers.js';

describe('from transactions to CLV (CDNOW sample)', () => {
  const table = summarizeCustomers(loadCdnowSample(), {
    customerId: 'customerId',
    date: 'date',
    amount: 'amount',
    observationEnd: '1997-09-30',
    timeUnit: 'week',
  });
  it('fits BG/NBD on the summary table itself and reproduces the published estimates', () => {
    const model = fitBetaGeo(table);
    expect(model.timeUnit).toBe('week');
    expect(relativeError(model.params.r, 0.243)).toBeLessThan(0.005);
    expect(relativeError(model.params.alpha, 4.414)).toBeLessThan(0.005);
    expect(Math.abs((model.logLikelihood as number) - -9582.4)).toBeLessThan(0.05);
  });
  it('computes a CLV per customer in the order of the table', () => {
    const transactionModel = fitBetaGeo(table);
    const spendModel = fitGammaGamma(table.customers);
    const clv = customerLifetimeValue({
      transactionModel,
      spendModel,
      customers: table,
      horizon: { years: 1 },
      discountRate: { rate: 0.1, per: 'year' },
    });
    expect(clv.length).toBe(table.customers.length);
    expect(clv.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  });
});
