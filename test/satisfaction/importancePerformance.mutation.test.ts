// Written for the mutants of src/satisfaction/importancePerformance.ts that survived a Stryker run (see
// docs/testing.md): exact messages naming the field (custom names, function and throwing accessors), the mean's range.
import { describe, expect, it } from 'vitest';
import { importancePerformance } from '../../src/satisfaction/index.js';
import { thrown } from '../support/thrown.js';

describe('importancePerformance: options', () => {
  it('an accessor that is neither a field name nor a function is INVALID_OPTION', () => {
    const rows = [{ attribute: 'a', importance: 1, performance: 1 }];
    for (const key of ['attribute', 'importance', 'performance'] as const) {
      const error = thrown(() => importancePerformance(rows, { [key]: 5 } as never));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toBe(`options.${key}: expected a field name or a function (record, index) => value, got 5`);
    }
  });
});

describe('importancePerformance: exact errors', () => {
  it('not a list, and an empty list', () => {
    const notList = thrown(() => importancePerformance(5 as never));
    expect(notList.code).toBe('INVALID_INPUT');
    expect(notList.message).toBe('attributes: expected an array or iterable of records, got 5');
    const empty = thrown(() => importancePerformance([]));
    expect(empty.code).toBe('EMPTY_INPUT');
    expect(empty.message).toBe('attributes: expected at least 1 attribute, got none');
  });

  it('default field names appear in the messages', () => {
    const ok = { attribute: 'a', importance: 1, performance: 1 };
    const name = thrown(() => importancePerformance([ok, { attribute: 3, importance: 1, performance: 1 }] as never[]));
    expect(name.code).toBe('INVALID_INPUT');
    expect(name.message).toBe('attributes[1].attribute: expected a string, got 3');
    expect(name.path).toEqual(['attributes', 1, 'attribute']);
    const y = thrown(() => importancePerformance([ok, { attribute: 'b', importance: Number.NaN, performance: 1 }]));
    expect(y.message).toBe('attributes[1].importance: expected a finite number, got NaN');
    const x = thrown(() => importancePerformance([ok, { attribute: 'b', importance: 1, performance: Number.NaN }]));
    expect(x.code).toBe('INVALID_INPUT');
    expect(x.message).toBe('attributes[1].performance: expected a finite number, got NaN');
    expect(x.path).toEqual(['attributes', 1, 'performance']);
    expect(x.index).toBe(1);
    expect(
      thrown(() => importancePerformance([{ attribute: 'b', importance: 1, performance: '2' }] as never[])).message,
    ).toBe('attributes[0].performance: expected a finite number, got the string "2"');
    expect(
      thrown(() => importancePerformance([{ attribute: 'b', importance: 1, performance: Number.NEGATIVE_INFINITY }]))
        .message,
    ).toBe('attributes[0].performance: expected a finite number, got -Infinity');
  });

  it('custom field names appear in the messages', () => {
    const options = { attribute: 'name', importance: 'imp', performance: 'perf' } as const;
    const ok = { name: 'a', imp: 1, perf: 1 };
    const name = thrown(() =>
      importancePerformance([ok, { name: null, imp: 1, perf: 1 }] as never[], options as never),
    );
    expect(name.message).toBe('attributes[1].name: expected a string, got null');
    expect(name.path).toEqual(['attributes', 1, 'name']);
    const y = thrown(() =>
      importancePerformance([ok, { name: 'b', imp: Number.NaN, perf: 1 }] as never[], options as never),
    );
    expect(y.message).toBe('attributes[1].imp: expected a finite number, got NaN');
    const x = thrown(() =>
      importancePerformance([ok, { name: 'b', imp: 1, perf: Number.POSITIVE_INFINITY }] as never[], options as never),
    );
    expect(x.message).toBe('attributes[1].perf: expected a finite number, got Infinity');
  });

  it('function accessors are reported under the logical names', () => {
    const rows = [{ v: 1 }];
    const good = { attribute: () => 'a', importance: () => 1, performance: () => 1 };
    expect(thrown(() => importancePerformance(rows, { ...good, attribute: () => 1 } as never)).message).toBe(
      'attributes[0].attribute: expected a string, got 1',
    );
    expect(thrown(() => importancePerformance(rows, { ...good, importance: () => Number.NaN } as never)).message).toBe(
      'attributes[0].importance: expected a finite number, got NaN',
    );
    expect(thrown(() => importancePerformance(rows, { ...good, performance: () => Number.NaN } as never)).message).toBe(
      'attributes[0].performance: expected a finite number, got NaN',
    );
  });

  it('a throwing accessor names the field it was reading', () => {
    const rows = [{ v: 1 }, { v: 2 }];
    const good = { attribute: () => 'a', importance: () => 1, performance: () => 1 };
    const boomAt1 = (value: unknown) => (_r: unknown, i: number) => {
      if (i === 1) throw new Error('boom');
      return value;
    };
    const name = thrown(() => importancePerformance(rows, { ...good, attribute: boomAt1('a') } as never));
    expect(name.code).toBe('INVALID_INPUT');
    expect(name.message).toBe('attributes[1].attribute: reading the value threw (boom)');
    expect(name.path).toEqual(['attributes', 1, 'attribute']);
    expect(name.index).toBe(1);
    expect(thrown(() => importancePerformance(rows, { ...good, importance: boomAt1(1) } as never)).message).toBe(
      'attributes[1].importance: reading the value threw (boom)',
    );
    expect(thrown(() => importancePerformance(rows, { ...good, performance: boomAt1(1) } as never)).message).toBe(
      'attributes[1].performance: reading the value threw (boom)',
    );
  });
});

describe('importancePerformance: the mean crosshair', () => {
  // Means: performance (3 + 1)/2 = 2, importance (1 + 3)/2 = 2; the largest value is not the last one.
  it('every field of a result whose largest value comes first', () => {
    const r = importancePerformance([
      { attribute: 'a', importance: 1, performance: 3 },
      { attribute: 'b', importance: 3, performance: 1 },
    ]);
    expect(r).toEqual({
      crosshair: { performance: 2, importance: 2 },
      attributes: [
        { attribute: 'a', index: 0, importance: 1, performance: 3, quadrant: 'Possible overkill' },
        { attribute: 'b', index: 1, importance: 3, performance: 1, quadrant: 'Concentrate here' },
      ],
    });
  });
  // Means: performance (1 + 5 + 3)/3 = 3, importance (4 + 2 + 6)/3 = 4.
  it('three attributes, one on each line', () => {
    const r = importancePerformance([
      { attribute: 'a', importance: 4, performance: 1 },
      { attribute: 'b', importance: 2, performance: 5 },
      { attribute: 'c', importance: 6, performance: 3 },
    ]);
    expect(r.crosshair).toEqual({ performance: 3, importance: 4 });
    expect(r.attributes.map((a) => a.quadrant)).toEqual([
      'Concentrate here',
      'Possible overkill',
      'Keep up the good work',
    ]);
  });
  // The mean is a sum from 0 divided by n: 0 + (−0) = +0, so the crosshair of −0 ratings is +0, while the
  // attribute keeps its own −0.
  it('the mean of −0 ratings is +0', () => {
    const r = importancePerformance([{ attribute: 'a', importance: -0, performance: -0 }]);
    expect(Object.is(r.crosshair.performance, 0)).toBe(true);
    expect(Object.is(r.crosshair.importance, 0)).toBe(true);
    expect(Object.is(r.attributes[0]?.performance, -0)).toBe(true);
    expect(r.attributes[0]?.quadrant).toBe('Keep up the good work');
  });
});
