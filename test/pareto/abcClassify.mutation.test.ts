// Tests written for mutants that survived a Stryker run of src/pareto (docs/testing.md): class shares, the strictly
// increasing thresholds, the path of a value whose getter throws, and the one-customer Herfindahl normalization.
import { describe, expect, it } from 'vitest';
import { abcClassify, gini } from '../../src/pareto/index.js';
import { normalizeHerfindahl } from '../../src/pareto/kernel.js';
import { thrown } from '../support/thrown.js';

describe('pareto: details that only exact checks catch', () => {
  it('abcClassify reports each class’s share of the customers as count / n', () => {
    // Top 80% of 100: 50 + 30; the next 15%: 10 + 5; the rest: 3 + 2 (boundary 'include' by default).
    const r = abcClassify([3, 50, 10, 2, 30, 5, 0, 0]);
    expect(r.classes.map((c) => [c.label, c.count, c.customerShare, c.value])).toEqual([
      ['A', 2, 2 / 8, 80],
      ['B', 2, 2 / 8, 15],
      ['C', 4, 4 / 8, 5],
    ]);
  });

  it('abcClassify rejects thresholds that repeat', () => {
    const e = thrown(() => abcClassify([1, 2, 3], { thresholds: [0.5, 0.5] }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/^options\.thresholds: expected strictly increasing thresholds/);
  });

  it('names the element whose getter throws', () => {
    const values = [1, 2, 3];
    Object.defineProperty(values, 1, {
      get() {
        throw new Error('boom');
      },
    });
    const e = thrown(() => gini(values));
    expect([e.code, e.message]).toEqual(['INVALID_INPUT', 'values[1]: reading the value threw (boom)']);
  });

  it('normalizes the Herfindahl index of one customer to 0 (not 0/0)', () => {
    expect(normalizeHerfindahl(1, 1)).toEqual({ index: 1, normalized: 0 });
    expect(normalizeHerfindahl(0.5, 4)).toEqual({ index: 0.5, normalized: (0.5 - 0.25) / 0.75 });
  });
});
