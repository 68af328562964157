// Property-based tests: `test.prop([arbitraries], params?)(name, body, timeout?)` registers a vitest test that checks
// `body` with fast-check on every generated tuple. It does the one thing our tests used @fast-check/vitest for, and
// replaces it because that package's import took about 2 s per test file on these machines (it builds an enriched
// `test` for every ordering of vitest's modifiers). Under isolation each test file pays the import again, and Stryker
// pays it again for every mutant: 24 of the 26 s of `vitest run test/pareto` went there.
//
// The test name ends in `(with seed=N)`. Rerun a failing property with that seed by passing `{ seed: N }` as params,
// or for every property at once with `fc.configureGlobal({ seed: N })`. Mutation testing fixes the global seed
// (test/support/mutation.setup.ts): Stryker finds each test again by its name, so the name must not change between
// runs.
import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

export { fc };

/** One arbitrary per argument of the property's body. */
type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/** fast-check's run parameters that apply to a whole property (not to the values of one argument). */
export type PropertyParameters = Pick<
  fc.Parameters<unknown>,
  'numRuns' | 'seed' | 'path' | 'endOnFailure' | 'interruptAfterTimeLimit' | 'timeout' | 'verbose'
>;

/**
 * Checks `body` on values drawn from `arbitraries` with the given seed; rejects with fast-check's report (the
 * counterexample and the seed) when the body throws, rejects or returns false.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  arbitraries: [...Arbitraries<Ts>],
  body: (...values: Ts) => unknown,
  params: PropertyParameters & { seed: number },
): Promise<void> {
  const tuple = fc.tuple(...(arbitraries as fc.Arbitrary<unknown>[])) as unknown as fc.Arbitrary<Ts>;
  // fc.assert adds the global settings (fc.configureGlobal) under the ones given here.
  await fc.assert(
    fc.asyncProperty(tuple, async (values) => (await body(...values)) !== false),
    params,
  );
}

/** The seed a property uses: the one given, else the global one, else a fresh draw (as fast-check itself draws). */
export function propertySeed(params: PropertyParameters): number {
  return params.seed ?? fc.readConfigureGlobal().seed ?? Date.now() ^ (Math.random() * 0x100000000);
}

function prop<Ts extends [unknown, ...unknown[]]>(
  arbitraries: [...Arbitraries<Ts>],
  params: PropertyParameters = {},
): (name: string, body: (...values: Ts) => unknown, timeout?: number) => void {
  return (name, body, timeout) => {
    // Drawn here, not inside fc.assert, so that the test name can show it.
    const seed = propertySeed(params);
    vitestTest(`${name} (with seed=${seed})`, () => checkProperty(arbitraries, body, { ...params, seed }), timeout);
  };
}

/** `test.prop`: property-based tests. Plain tests come from vitest. */
export const test: { prop: typeof prop } = { prop };
