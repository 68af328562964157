// Exhaustive sweeps over the valid seed arguments of every fuzz target (see docs/testing.md): each slot of each seed
// (every property and array element the mutator can reach) is, one at a time, replaced by a getter that throws and
// then deleted, and the contract must hold. Random mutation (contract.test.ts) finds these only by luck of the seed;
// the sweep is deterministic and visits them all.
import { describe, it } from 'vitest';
import { applyMutations, checkContract, markers, slotCount } from './hostile.js';
import { targets } from './targets.js';
import { modelTargets } from './targets-models.js';

const all = [...targets, ...modelTargets].filter((t) => t.hangs !== true);

describe.each(all)('$name', (target) => {
  const seedCount = target.seeds().length;
  it.each([
    ['a throwing getter', markers.GETTER],
    ['a deleted property / array hole', markers.DELETE],
  ] as const)('keeps the contract with %s at every slot of every seed', async (_label, marker) => {
    for (let s = 0; s < seedCount; s++) {
      const count = slotCount(target.seeds()[s] as unknown[]);
      for (let where = 0; where < count; where++) {
        const args = target.seeds()[s] as unknown[];
        applyMutations(args, [[where, marker]]);
        await checkContract(target, args);
      }
    }
  });
});
