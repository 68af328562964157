// Exhaustive sweeps over the valid seed arguments of every fuzz target (see docs/testing.md): each slot of each seed
// (every property and array element the mutator can reach) is, one at a time, replaced by a getter that throws,
// deleted, and replaced by each of a few hostile values, and the contract must hold. Random mutation
// (contract.test.ts) finds these only by luck of the seed; the sweep is deterministic and visits them all.
// SWEEP_TRACE=1 prints the calls slower than 200 ms.
import { describe, it } from 'vitest';
import { applyMutations, checkContract, markers, slotCount, slotPath } from './hostile.js';
import { targets } from './targets.js';
import { modelTargets } from './targets-models.js';

const all = [...targets, ...modelTargets].filter((t) => t.hangs !== true);

const structural: ReadonlyArray<readonly [string, unknown]> = [
  ['a throwing getter', markers.GETTER],
  ['a deleted property / array hole', markers.DELETE],
];
const values: ReadonlyArray<readonly [string, unknown]> = [
  ['NaN', Number.NaN],
  ['-1', -1],
  ['1e308', 1e308],
  ['5e-324', 5e-324],
  ['null', null],
  ['the string "__proto__"', '__proto__'],
  ['an empty object', {}],
];

describe.each(all)('$name', (target) => {
  const seedCount = target.seeds().length;
  // Model fits and worker pools (targets with fewer than 50 random runs) take up to a second a call: they get the
  // structural sweeps only, and meet hostile values in contract.test.ts.
  const markerList = (target.runs ?? 150) < 50 ? structural : [...structural, ...values];
  it.each(markerList)('keeps the contract with %s at every slot of every seed', async (_label, marker) => {
    for (let s = 0; s < seedCount; s++) {
      const count = slotCount(target.seeds()[s] as unknown[]);
      for (let where = 0; where < count; where++) {
        const args = target.seeds()[s] as unknown[];
        applyMutations(args, [[where, marker]]);
        const started = performance.now();
        try {
          await checkContract(target, args);
        } catch (error) {
          const planted = `seed ${s}, slot ${where} (${slotPath(target.seeds()[s] as unknown[], where)}) = ${String(marker)}`;
          throw new Error(`${planted}: ${(error as Error).message}`, { cause: error });
        }
        const ms = performance.now() - started;
        if (process.env.SWEEP_TRACE === '1' && ms > 200) {
          console.log(`SLOW ${target.name} seed ${s} slot ${where} ${String(marker)} ${ms.toFixed(0)} ms`);
        }
      }
    }
  });
});
