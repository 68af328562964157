// Written for the mutants of src/satisfaction/trustQuotient.ts that survived a Stryker run (see docs/testing.md):
// the scale refinement, a components argument that is not an object, exact messages per component.
import { describe, expect, it } from 'vitest';
import { trustQuotient } from '../../src/satisfaction/index.js';
import { thrown } from '../support/thrown.js';

const good = { credibility: 7, reliability: 8, intimacy: 6, selfOrientation: 3 };

describe('trustQuotient: the scale option', () => {
  it('min = max and min > max are INVALID_OPTION', () => {
    for (const scale of [
      [5, 5],
      [5, 3],
    ] as const) {
      const error = thrown(() => trustQuotient({ ...good, selfOrientation: 5 }, { scale }));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toBe(
        'options.scale: expected a scale [min, max] with 0 < min < max, got an array of length 2',
      );
    }
  });
  // (2 + 3 + 2)/2 = 3.5; ratings exactly at the scale ends are accepted.
  it('ratings on the ends of a narrow scale', () => {
    expect(trustQuotient({ credibility: 2, reliability: 3, intimacy: 2, selfOrientation: 2 }, { scale: [2, 3] })).toBe(
      3.5,
    );
  });
});

describe('trustQuotient: exact errors', () => {
  it('components that are not an object', () => {
    const expected = 'an object with credibility, reliability, intimacy and selfOrientation';
    const nil = thrown(() => trustQuotient(null as never));
    expect(nil.code).toBe('INVALID_INPUT');
    expect(nil.message).toBe(`components: expected ${expected}, got null`);
    expect(nil.path).toEqual(['components']);
    const num = thrown(() => trustQuotient(5 as never));
    expect(num.code).toBe('INVALID_INPUT');
    expect(num.message).toBe(`components: expected ${expected}, got 5`);
    expect(thrown(() => trustQuotient('abc' as never)).message).toBe(
      `components: expected ${expected}, got the string "abc"`,
    );
  });

  it('NaN, above the scale, below the scale, not a number', () => {
    const nan = thrown(() => trustQuotient({ ...good, credibility: Number.NaN }));
    expect(nan.code).toBe('INVALID_INPUT');
    expect(nan.message).toBe('components.credibility: expected a number from 1 to 10, got NaN');
    expect(nan.path).toEqual(['components', 'credibility']);
    const high = thrown(() => trustQuotient({ ...good, reliability: 11 }));
    expect(high.code).toBe('INVALID_INPUT');
    expect(high.message).toBe('components.reliability: expected a number from 1 to 10, got 11');
    expect(thrown(() => trustQuotient({ ...good, intimacy: 0.5 })).message).toBe(
      'components.intimacy: expected a number from 1 to 10, got 0.5',
    );
    expect(thrown(() => trustQuotient({ ...good, intimacy: '5' as never })).message).toBe(
      'components.intimacy: expected a number from 1 to 10, got the string "5"',
    );
    expect(
      thrown(() =>
        trustQuotient({ credibility: 5, reliability: 1, intimacy: 3, selfOrientation: 6 }, { scale: [1, 5] }),
      ).message,
    ).toBe('components.selfOrientation: expected a number from 1 to 5, got 6');
  });

  it('a throwing getter names the component', () => {
    const components = {
      credibility: 7,
      reliability: 8,
      get intimacy(): number {
        throw new Error('boom');
      },
      selfOrientation: 3,
    };
    const error = thrown(() => trustQuotient(components));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('components.intimacy: reading the value threw (boom)');
    expect(error.path).toEqual(['components', 'intimacy']);
  });
});
