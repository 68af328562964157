// Tests added for mutation testing (docs/testing.md): each validation branch of salesFunnel, with the path and the
// message the caller sees, and the boundaries of the accepted values.
import { describe, expect, it } from 'vitest';
import { salesFunnel } from '../../src/lifecycle/index.js';
import { thrown } from '../support/thrown.js';

function withThrowingGetter(field: string): Record<string, unknown> {
  const stage: Record<string, unknown> = { name: 'a', leads: 10, conversionRate: 0.5 };
  Object.defineProperty(stage, field, {
    enumerable: true,
    get() {
      throw new Error(`no ${field}`);
    },
  });
  return stage;
}

describe('salesFunnel: validation, path by path', () => {
  it('an empty list names `stages` and what it expected', () => {
    const e = thrown(() => salesFunnel([]));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toBe('stages: expected at least 1 stage, got none');
    expect(e.path).toEqual(['stages']);
  });
  it('a non-iterable input names `stages`', () => {
    expect(thrown(() => salesFunnel(42 as never)).message).toMatch(/^stages\b/);
  });
  it('a stage that is not an object (a string, a number) is named as such', () => {
    expect(thrown(() => salesFunnel(['visit'] as never)).message).toMatch(/^stages\[0\]: expected a stage/);
    expect(thrown(() => salesFunnel([5] as never)).message).toMatch(/^stages\[0\]: expected a stage/);
  });
  it.each(['name', 'conversionRate', 'leads'])(
    'a throwing getter on %s is INVALID_INPUT naming stages[1].%s',
    (field) => {
      const e = thrown(() =>
        salesFunnel([{ name: 'first', leads: 5, conversionRate: 0.1 }, withThrowingGetter(field) as never]),
      );
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['stages', 1, field]);
      expect(e.message).toMatch(new RegExp(`^stages\\[1\\]\\.${field}: reading the value threw \\(no ${field}\\)`));
    },
  );
  it('a name that is not a string', () => {
    expect(thrown(() => salesFunnel([{ name: 5 as never, leads: 1, conversionRate: 0.1 }])).message).toBe(
      'stages[0].name: expected a non-empty string, got 5',
    );
  });
  it('conversion rates: a numeric string, a negative rate and NaN are refused; 0 and exactly 1 are accepted', () => {
    for (const bad of ['0.5', -0.1, Number.NaN]) {
      const e = thrown(() => salesFunnel([{ name: 'a', leads: 10, conversionRate: bad as never }]));
      expect(e.path).toEqual(['stages', 0, 'conversionRate']);
    }
    expect(salesFunnel([{ name: 'a', leads: 10, conversionRate: 1 }]).total.expectedConversions).toBe(10);
    expect(salesFunnel([{ name: 'a', leads: 10, conversionRate: 0 }]).total.expectedConversions).toBe(0);
  });
  it('leads: Infinity is refused; −0 is reported as +0', () => {
    const e = thrown(() => salesFunnel([{ name: 'a', leads: Number.POSITIVE_INFINITY, conversionRate: 0.1 }]));
    expect(e.message).toBe('stages[0].leads: expected a finite number ≥ 0, got Infinity');
    const result = salesFunnel([{ name: 'a', leads: -0, conversionRate: 0.1 }]);
    expect(Object.is(result.stages[0]?.leads, 0)).toBe(true);
  });
  it('leads on a later stage in sequential mode is INVALID_INPUT', () => {
    const e = thrown(() =>
      salesFunnel(
        [
          { name: 'a', leads: 10, conversionRate: 0.1 },
          { name: 'b', leads: 1, conversionRate: 0.5 },
        ],
        { mode: 'sequential' },
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['stages', 1, 'leads']);
  });
});
