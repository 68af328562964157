// The hostile-input contract, for every public function of the finished areas (see docs/testing.md):
// only CrmAnalyticsError is thrown, promised numbers are finite, inputs are not mutated (they are deep-frozen),
// and no prototype changes. Runs are reproducible: FUZZ_SEED picks another seed, FUZZ_SCALE multiplies the runs.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { applyMutations, checkContract, hostileValue, mutations } from './hostile.js';
import { targets } from './targets.js';
import { modelTargets } from './targets-models.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261122);
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const DEFAULT_RUNS = 150;
const ARBITRARY_RUNS = 60;

const full = process.env.FUZZ_FULL === '1';

describe.each([...targets, ...modelTargets].filter((t) => full || t.hangs !== true))('$name', (target) => {
  const runs = Math.max(1, Math.round((target.runs ?? DEFAULT_RUNS) * scale));
  const arbitraryRuns = Math.max(1, Math.round((target.arbitraryRuns ?? Math.min(ARBITRARY_RUNS, runs)) * scale));

  it('accepts its valid seed arguments (frozen) and keeps the contract', async () => {
    for (const args of target.seeds()) await checkContract(target, args);
  });

  it(`keeps the contract on damaged valid input (${runs} runs)`, async () => {
    const seedCount = target.seeds().length;
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutations, async (which, list) => {
        const args = target.seeds()[which % seedCount] as unknown[];
        applyMutations(args, list);
        await checkContract(target, args);
      }),
      { numRuns: runs, seed },
    );
  });

  it(`keeps the contract on arbitrary argument lists (${arbitraryRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileValue, { maxLength: 4 }), async (args) => {
        // Structural markers only mean something inside a seed; here they are plain symbols.
        await checkContract(target, args);
      }),
      { numRuns: arbitraryRuns, seed },
    );
  });
});
