// Setup for mutation testing only (vitest.mutation.config.ts): fewer fast-check runs per property, because Stryker
// runs each property once per mutant that the test covers. Properties that set their own numRuns keep it.
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 25 });
