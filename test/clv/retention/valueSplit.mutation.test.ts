// Written for the mutants of src/clv/retention/valueSplit.ts that survived a Stryker run (see docs/testing.md):
// exact error codes, messages and paths for bad inputs and throwing getters, overflow, and an independent recomputation.
import { describe, expect, it } from 'vitest';
import type { ValueSplitInput } from '../../../src/clv/index.js';
import { valueSplit } from '../../../src/clv/index.js';
import { fc, test } from '../../support/property.js';
import { thrown } from '../../support/thrown.js';

function boom(): never {
  throw new Error('boom');
}

/** An array whose element `at` is a getter that throws. */
function arrayThrowingAt(values: number[], at: number): number[] {
  const out = [...values];
  Object.defineProperty(out, at, { get: boom, enumerable: true, configurable: true });
  return out;
}

describe('valueSplit: the input must be an object', () => {
  it.each([
    [null, 'null'],
    [5, '5'],
    ['abc', 'the string "abc"'],
    [undefined, 'undefined'],
  ])('%s', (input, shown) => {
    const error = thrown(() => valueSplit(input as unknown as ValueSplitInput));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input']);
    expect(error.message).toBe(`input: expected an object with history, forecast and discountRate, got ${shown}`);
  });
});

describe('valueSplit: throwing getters are INVALID_INPUT naming the field', () => {
  it('discountRate', () => {
    const input = {
      history: [],
      forecast: [],
      get discountRate(): number {
        return boom();
      },
    };
    const error = thrown(() => valueSplit(input));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'discountRate']);
    expect(error.message).toBe('input.discountRate: reading the value threw (boom)');
  });

  it('history', () => {
    const input = {
      forecast: [],
      discountRate: 0,
      get history(): number[] {
        return boom();
      },
    };
    const error = thrown(() => valueSplit(input));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'history']);
    expect(error.message).toBe('input.history: reading the value threw (boom)');
  });

  it('forecast', () => {
    const input = {
      history: [],
      discountRate: 0,
      get forecast(): number[] {
        return boom();
      },
    };
    const error = thrown(() => valueSplit(input));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'forecast']);
    expect(error.message).toBe('input.forecast: reading the value threw (boom)');
  });

  it('an element of history', () => {
    const error = thrown(() => valueSplit({ history: arrayThrowingAt([1, 2, 3], 1), forecast: [], discountRate: 0 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'history', 1]);
    expect(error.message).toBe('input.history[1]: reading the value threw (boom)');
  });

  it('an element of forecast', () => {
    const error = thrown(() => valueSplit({ history: [], forecast: arrayThrowingAt([1, 2, 3], 2), discountRate: 0 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'forecast', 2]);
    expect(error.message).toBe('input.forecast[2]: reading the value threw (boom)');
  });
});

describe('valueSplit: bad values', () => {
  it('a discount rate below 0', () => {
    const error = thrown(() => valueSplit({ history: [], forecast: [], discountRate: -0.1 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['input', 'discountRate']);
    expect(error.message).toBe('input.discountRate: expected a finite number ≥ 0, got -0.1');
  });

  it('a forecast that is not a collection names input.forecast', () => {
    const error = thrown(() => valueSplit({ history: [], forecast: 5 as unknown as number[], discountRate: 0 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('input.forecast: expected an array or iterable of records, got 5');
  });

  it('a history that is not a collection names input.history', () => {
    const error = thrown(() => valueSplit({ history: 5 as unknown as number[], forecast: [], discountRate: 0 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('input.history: expected an array or iterable of records, got 5');
  });

  it('a non-finite forecast value names its index', () => {
    const error = thrown(() => valueSplit({ history: [], forecast: [1, Number.POSITIVE_INFINITY], discountRate: 0 }));
    expect(error.path).toEqual(['input', 'forecast', 1]);
    expect(error.message).toBe('input.forecast[1]: expected a finite number, got Infinity');
  });
});

describe('valueSplit: overflow', () => {
  it('realized + potential beyond the largest double is DOMAIN_ERROR, even when realized − potential is finite', () => {
    const error = thrown(() => valueSplit({ history: [1.5e308], forecast: [1.5e308], discountRate: 0 }));
    expect(error.code).toBe('DOMAIN_ERROR');
    expect(error.path).toEqual(['input', 'history']);
    expect(error.message).toBe('input.history: compounding the past profits overflows a double');
  });

  it('realized and potential of opposite signs near the largest double are fine', () => {
    const split = valueSplit({ history: [1.5e308], forecast: [-1.5e308], discountRate: 0 });
    expect(split).toEqual({ realized: 1.5e308, potential: -1.5e308, total: 0 });
  });
});

describe('valueSplit: against an explicit computation', () => {
  test.prop([
    fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 8 }),
    fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 8 }),
    fc.constantFrom(0, 0.05, 0.1, 0.5, 1),
  ])('realized compounds the history to today, potential discounts the forecast', (history, forecast, d) => {
    let realized = 0;
    for (let j = 0; j < history.length; j++) {
      // period j ended history.length − 1 − j periods ago
      let factor = 1;
      for (let k = 0; k < history.length - 1 - j; k++) factor *= 1 + d;
      realized += (history[j] as number) * factor;
    }
    let potential = 0;
    for (let k = 0; k < forecast.length; k++) {
      let factor = 1;
      for (let i = 0; i <= k; i++) factor *= 1 + d;
      potential += (forecast[k] as number) / factor;
    }
    const split = valueSplit({ history, forecast, discountRate: d });
    const scale = 1 + Math.abs(realized) + Math.abs(potential);
    expect(Math.abs(split.realized - realized)).toBeLessThanOrEqual(1e-12 * scale);
    expect(Math.abs(split.potential - potential)).toBeLessThanOrEqual(1e-12 * scale);
    expect(split.total).toBe(split.realized + split.potential);
  });
});
