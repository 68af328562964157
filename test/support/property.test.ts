// The property helper must fail when the property fails: otherwise every test.prop in the suite passes vacuously.
import { describe, expect, it } from 'vitest';
import { checkProperty, fc, propertySeed } from './property.js';

describe('checkProperty', () => {
  it('passes when the body holds for every drawn value, and draws numRuns values', async () => {
    const seen: number[] = [];
    await checkProperty([fc.integer({ min: 0, max: 9 })], (a) => void seen.push(a), { numRuns: 17, seed: 1 });
    expect(seen).toHaveLength(17);
    expect(seen.every((a) => a >= 0 && a <= 9)).toBe(true);
  });

  it('rejects with the counterexample when the body throws, rejects or returns false', async () => {
    const ints = fc.integer({ min: 0, max: 1000 });
    await expect(
      checkProperty(
        [ints, ints],
        (a, b) => {
          if (a + b > 10) throw new Error('too big');
        },
        { seed: 7 },
      ),
    ).rejects.toThrow(/Counterexample: \[\[\d+,\d+\]\]/);
    await expect(checkProperty([ints], async (a) => Promise.reject(new Error(`no ${a}`)), { seed: 7 })).rejects.toThrow(
      /Property failed/,
    );
    // Shrinks to the smallest value that returns false.
    await expect(checkProperty([ints], (a) => a < 5, { seed: 7 })).rejects.toThrow(/Counterexample: \[\[5\]\]/);
  });

  it('replays the same values for the same seed', async () => {
    const draw = async (seed: number): Promise<number[]> => {
      const seen: number[] = [];
      await checkProperty([fc.integer()], (a) => void seen.push(a), { numRuns: 5, seed });
      return seen;
    };
    expect(await draw(42)).toEqual(await draw(42));
    expect(await draw(42)).not.toEqual(await draw(43));
  });
});

describe('propertySeed', () => {
  it('takes the given seed, else the global one, else draws an integer', () => {
    expect(propertySeed({ seed: 5 })).toBe(5);
    const before = fc.readConfigureGlobal();
    fc.configureGlobal({ ...before, seed: 11 });
    try {
      expect(propertySeed({})).toBe(11);
    } finally {
      fc.configureGlobal(before);
    }
    if (before.seed === undefined) expect(Number.isInteger(propertySeed({}))).toBe(true);
  });
});
