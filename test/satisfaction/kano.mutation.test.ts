// Written for the mutants of src/satisfaction/kano.ts that survived a Stryker run (see docs/testing.md): exact
// messages naming the argument or field (custom field names, function accessors, throwing accessors), bad options.
import { describe, expect, it } from 'vitest';
import { kano, kanoCategory } from '../../src/satisfaction/index.js';
import { thrown } from '../support/thrown.js';

const ANSWER = 'a Kano answer, a whole number from 1 to 5';

describe('kanoCategory: exact errors', () => {
  it('names functional or dysfunctional', () => {
    const f = thrown(() => kanoCategory(0, 3));
    expect(f.code).toBe('INVALID_INPUT');
    expect(f.message).toBe(`functional: expected ${ANSWER}, got 0`);
    expect(f.path).toEqual(['functional']);
    expect(thrown(() => kanoCategory(6, 3)).message).toBe(`functional: expected ${ANSWER}, got 6`);
    expect(thrown(() => kanoCategory(2.5, 3)).message).toBe(`functional: expected ${ANSWER}, got 2.5`);
    expect(thrown(() => kanoCategory('1' as never, 3)).message).toBe(
      `functional: expected ${ANSWER}, got the string "1"`,
    );
    const d = thrown(() => kanoCategory(3, 6));
    expect(d.code).toBe('INVALID_INPUT');
    expect(d.message).toBe(`dysfunctional: expected ${ANSWER}, got 6`);
    expect(d.path).toEqual(['dysfunctional']);
  });
});

describe('kano: options', () => {
  it('an accessor that is neither a field name nor a function is INVALID_OPTION', () => {
    const row = [{ feature: 'a', functional: 1, dysfunctional: 5 }];
    for (const key of ['feature', 'functional', 'dysfunctional'] as const) {
      const error = thrown(() => kano(row, { [key]: 5 } as never));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toBe(`options.${key}: expected a field name or a function (record, index) => value, got 5`);
    }
  });
  it('function accessors are accepted', () => {
    const rows = [
      ['a', 1, 5],
      ['a', 2, 5],
    ] as const;
    const r = kano(rows, { feature: (x) => x[0], functional: (x) => x[1], dysfunctional: (x) => x[2] });
    // (1,5) One-dimensional, (2,5) Must-be: tie O 1, M 1 → Must-be; CS+ = 1/2, CS− = −2/2.
    expect(r).toEqual([
      {
        feature: 'a',
        category: 'Must-be',
        n: 2,
        counts: { attractive: 0, oneDimensional: 1, mustBe: 1, indifferent: 0, reverse: 0, questionable: 0 },
        satisfactionCoefficient: 0.5,
        dissatisfactionCoefficient: -1,
      },
    ]);
  });
});

describe('kano: exact errors', () => {
  it('not a list, and an empty list', () => {
    const notList = thrown(() => kano(5 as never));
    expect(notList.code).toBe('INVALID_INPUT');
    expect(notList.message).toBe('responses: expected an array or iterable of records, got 5');
    const empty = thrown(() => kano([]));
    expect(empty.code).toBe('EMPTY_INPUT');
    expect(empty.message).toBe('responses: expected at least 1 response, got none');
  });

  it('custom field names appear in the messages', () => {
    const options = { feature: 'name', functional: 'f', dysfunctional: 'd' } as const;
    const ok = { name: 'a', f: 1, d: 5 };
    const name = thrown(() => kano([ok, { name: 7, f: 1, d: 5 }] as never[], options as never));
    expect(name.code).toBe('INVALID_INPUT');
    expect(name.message).toBe('responses[1].name: expected a string, got 7');
    expect(name.path).toEqual(['responses', 1, 'name']);
    const f = thrown(() => kano([ok, { name: 'b', f: 0, d: 5 }] as never[], options as never));
    expect(f.message).toBe(`responses[1].f: expected ${ANSWER}, got 0`);
    expect(f.path).toEqual(['responses', 1, 'f']);
    const d = thrown(() => kano([ok, { name: 'b', f: 1, d: 6 }] as never[], options as never));
    expect(d.message).toBe(`responses[1].d: expected ${ANSWER}, got 6`);
    expect(d.path).toEqual(['responses', 1, 'd']);
  });

  it('default field names appear in the messages', () => {
    expect(thrown(() => kano([{ feature: 'a', functional: 1, dysfunctional: 0 }])).message).toBe(
      `responses[0].dysfunctional: expected ${ANSWER}, got 0`,
    );
    expect(thrown(() => kano([{ feature: 'a', functional: 9, dysfunctional: 1 }])).message).toBe(
      `responses[0].functional: expected ${ANSWER}, got 9`,
    );
    expect(thrown(() => kano([{ feature: null, functional: 1, dysfunctional: 1 }] as never[])).message).toBe(
      'responses[0].feature: expected a string, got null',
    );
  });

  it('function accessors are reported under the logical names', () => {
    const row = [{ x: 1 }];
    const good = { feature: () => 'a', functional: () => 1, dysfunctional: () => 5 };
    expect(thrown(() => kano(row, { ...good, feature: () => 3 } as never)).message).toBe(
      'responses[0].feature: expected a string, got 3',
    );
    expect(thrown(() => kano(row, { ...good, functional: () => 1.5 } as never)).message).toBe(
      `responses[0].functional: expected ${ANSWER}, got 1.5`,
    );
    expect(thrown(() => kano(row, { ...good, dysfunctional: () => 0 } as never)).message).toBe(
      `responses[0].dysfunctional: expected ${ANSWER}, got 0`,
    );
  });

  it('a throwing accessor names the field it was reading', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const rows = [
      { name: 'a', f: 1, d: 5 },
      { name: 'b', f: 1, d: 5 },
    ];
    const named = { feature: 'name', functional: 'f', dysfunctional: 'd' };
    const at1 =
      <V>(value: (r: (typeof rows)[number]) => V) =>
      (r: (typeof rows)[number], i: number): V =>
        i === 1 ? boom() : value(r);
    const feature = thrown(() => kano(rows, { ...named, feature: at1((r) => r.name) } as never));
    expect(feature.code).toBe('INVALID_INPUT');
    expect(feature.message).toBe('responses[1].feature: reading the value threw (boom)');
    expect(feature.path).toEqual(['responses', 1, 'feature']);
    expect(feature.index).toBe(1);
    expect(thrown(() => kano(rows, { ...named, functional: at1((r) => r.f) } as never)).message).toBe(
      'responses[1].functional: reading the value threw (boom)',
    );
    expect(thrown(() => kano(rows, { ...named, dysfunctional: at1((r) => r.d) } as never)).message).toBe(
      'responses[1].dysfunctional: reading the value threw (boom)',
    );
  });

  it('a throwing getter on a named field', () => {
    const row = {
      name: 'a',
      f: 1,
      get d(): number {
        throw new Error('boom');
      },
    };
    expect(thrown(() => kano([row], { feature: 'name', functional: 'f', dysfunctional: 'd' } as never)).message).toBe(
      'responses[0].d: reading the value threw (boom)',
    );
  });
});
