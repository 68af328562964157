// Setup for mutation testing only (vitest.mutation.config.ts): fewer fast-check runs per property, because Stryker
// runs each property once per mutant that the test covers. Properties that set their own numRuns keep it.
//
// The seed is fixed: Stryker records each test by its name in the first (dry) run and later selects the tests that
// cover a mutant by those names. A property's name carries its seed (`… (with seed=N)`, test/support/property.ts), so
// a fresh seed per run would select no property at all, and mutants only a property can kill would survive.
// STRYKER_FC_SEED picks another one.
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 25, seed: Number(process.env.STRYKER_FC_SEED ?? 20261205) });
