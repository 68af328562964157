import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';
import { summarizeColumns } from '../../src/data/index.js';
import { summarizeParallel } from '../../src/node/index.js';

const DAY = 86_400_000;

describe('summarizeParallel', () => {
  test.prop(
    [
      fc.array(
        fc.record({
          id: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom('a', 'b', '__proto__')),
          day: fc.integer({ min: 0, max: 400 }),
          cents: fc.integer({ min: -500, max: 90_000 }),
        }),
        { maxLength: 80 },
      ),
      fc.integer({ min: 1, max: 3 }),
      fc.option(fc.integer({ min: 100, max: 500 }), { nil: undefined }),
    ],
    { numRuns: 12 },
  )('equals summarizeColumns for any number of workers', async (log, workers, endDay) => {
    const input = {
      customerIds: log.map((t) => t.id),
      dates: new Float64Array(log.map((t) => t.day * DAY)),
      amounts: new Float64Array(log.map((t) => t.cents / 100)),
    };
    const options = { timeUnit: 'week' as const, ...(endDay === undefined ? {} : { observationEnd: endDay * DAY }) };
    expect(await summarizeParallel(input, { ...options, workers })).toEqual(summarizeColumns(input, options));
  });

  it('matches on a larger typed input with two workers', async () => {
    const n = 50_000;
    const ids = new Int32Array(n);
    const dates = new Float64Array(n);
    const amounts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = (i * 7919) % 5000;
      dates[i] = ((i * 31) % 700) * DAY;
      amounts[i] = (i % 997) / 10;
    }
    const input = { customerIds: ids, dates, amounts };
    expect(await summarizeParallel(input, { workers: 2 })).toEqual(summarizeColumns(input));
  });

  it('reports the first invalid row, as the serial version does, and validates its options', async () => {
    const input = { customerIds: [1, 2, 3, 4], dates: [0, 0, Number.NaN, 0], amounts: [1, Number.NaN, 1, 1] };
    await expect(summarizeParallel(input, { workers: 2 })).rejects.toThrow(
      'amounts[1]: expected a finite number, got NaN',
    );
    const skipped = await summarizeParallel(input, { workers: 2, onInvalid: 'skip' });
    expect(skipped).toEqual(summarizeColumns(input, { onInvalid: 'skip' }));
    await expect(summarizeParallel(input, { workers: 0 })).rejects.toBeInstanceOf(CrmAnalyticsError);
    await expect(summarizeParallel(input, { period: 'year' as 'day' })).rejects.toThrow(/options\.period/);
  });
});
