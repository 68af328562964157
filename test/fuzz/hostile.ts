// Hostile-input machinery for the fuzz suite: arbitraries of nasty values, a mutator that plants them anywhere in a
// valid argument list, deep freezing, and the checks every public function must pass (see docs/testing.md).
import fc from 'fast-check';
import { expect } from 'vitest';
import { CrmAnalyticsError } from '../../src/core/errors.js';

/** Markers that the mutator turns into structural damage instead of a plain replacement. */
const DELETE: unique symbol = Symbol('delete the property / leave a hole in the array');
const GETTER: unique symbol = Symbol('replace the property by a getter that throws');
const PROTO = Symbol('add an own "__proto__" key next to the property');
const EMPTY = Symbol('replace by an empty array');
const SINGLE = Symbol('keep only the first element of the array');
const CONSTRUCTOR = Symbol('add an own "constructor" key next to the property');

/** Error thrown by the planted getters; it must come out wrapped in a CrmAnalyticsError. */
export class PlantedGetterError extends Error {}

const throwingGetterObject = (): object =>
  Object.defineProperties(
    {},
    {
      // fast-check prints counterexamples through this method instead of reading the getters.
      [fc.toStringMethod]: { value: () => '{ <getters that throw> }' },
      customerId: { enumerable: true, get: () => throwPlanted() },
      amount: { enumerable: true, get: () => throwPlanted() },
      value: { enumerable: true, get: () => throwPlanted() },
      length: { enumerable: true, get: () => throwPlanted() },
    },
  );

function throwPlanted(): never {
  throw new PlantedGetterError('planted getter');
}

/** Numbers at the edges: NaN, ±Infinity, -0, subnormals, huge, epoch edges (±8.64e15 ms), unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    1,
    -1,
    0.5,
    2,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    1e-300,
    1e-6,
    1e6,
    1e4,
    2 ** 53 + 2,
    -(2 ** 31),
    2 ** 32,
    8.64e15,
    -8.64e15,
    8.64e15 + 1,
  ),
  fc.double(),
  fc.integer(),
);

/** Strings: prototype keys, lone surrogates, NUL, formula-like text, bad dates, arbitrary code points. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '\u0000',
    '\uD800',
    '\uDFFF\uD800',
    'NaN',
    'Infinity',
    '1e309',
    ' 1 ',
    '=cmd|"/c calc"!A1',
    '2024-02-30',
    '2024-13-01',
    '0000-01-01',
    '1970-01-01',
    '1969-12-31T23:59:59.999Z',
    '+275760-09-13',
    '+275760-09-14',
    '-271821-04-20',
    '2024-01-01T00:00:00+99:00',
    'ｅ',
    '🎉'.repeat(3),
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const invalidDates = (): Date[] => [
  new Date(Number.NaN),
  new Date(0),
  new Date(-1),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date(Date.UTC(2024, 1, 29)),
];

/** Any value a caller might hand over, including structural damage markers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileNumber },
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(DELETE, GETTER, PROTO, EMPTY, SINGLE, CONSTRUCTOR) },
  { weight: 1, arbitrary: fc.constantFrom(...invalidDates()) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 10n, Symbol('s'), () => 1),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        () => [],
        () => ({}),
        () => [Number.NaN],
        () => [[]],
        () => new Map([['a', 1]]),
        () => new Float64Array([Number.NaN]),
        () => Object.create(null) as object,
      )
      .map((make) => make()),
  },
  { weight: 1, arbitrary: fc.constant(null).map(throwingGetterObject) },
  {
    weight: 1,
    arbitrary: fc.anything({
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withUnicodeString: true,
      maxDepth: 2,
    }),
  },
);

/** A mutation: where (an index into the paths of the argument tree) and what to plant there. */
export type Mutation = readonly [number, unknown];
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(fc.tuple(fc.nat(), hostileValue), {
  minLength: 1,
  maxLength: 3,
});

type Container = { [key: PropertyKey]: unknown };

function isPlainContainer(value: unknown): value is Container {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every (parent, key) pair in the tree of plain objects and arrays, breadth first, capped. */
function slots(root: Container): Array<[Container, PropertyKey]> {
  const out: Array<[Container, PropertyKey]> = [];
  const queue: Container[] = [root];
  const seen = new Set<unknown>();
  while (queue.length > 0 && out.length < 400) {
    const node = queue.shift() as Container;
    // Frozen nodes are shared hostile constants from an earlier run: they are planted, not mutated again.
    if (seen.has(node) || Object.isFrozen(node)) continue;
    seen.add(node);
    const keys = Object.keys(node);
    // Long arrays: only their first and last few elements are mutated.
    const picked = keys.length > 8 ? [...keys.slice(0, 4), ...keys.slice(-4)] : keys;
    for (const key of picked) {
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      out.push([node, Array.isArray(node) ? Number(key) : key]);
      if (isPlainContainer(descriptor.value)) queue.push(descriptor.value);
    }
  }
  return out;
}

/** The structural markers a sweep can plant at every slot (test/fuzz/sweep.test.ts). */
export const markers: { readonly DELETE: symbol; readonly GETTER: symbol } = { DELETE: DELETE, GETTER: GETTER };

/** How many slots {@link applyMutations} can pick from in `args`: a mutation `[where, …]` uses `where % count`. */
export function slotCount(args: unknown[]): number {
  return slots(args as unknown as Container).length;
}

/** A readable path of slot `where` in `args` (`args[1][0].T`), for failure messages. */
export function slotPath(args: unknown[], where: number): string {
  const all = slots(args as unknown as Container);
  if (all.length === 0) return 'args';
  const [parent, key] = all[where % all.length] as [Container, PropertyKey];
  const paths = new Map<unknown, string>([[args, 'args']]);
  const queue: unknown[] = [args];
  while (queue.length > 0) {
    const node = queue.shift() as Container;
    for (const k of Object.keys(node)) {
      const child = node[k];
      const path = `${paths.get(node)}[${JSON.stringify(Array.isArray(node) ? Number(k) : k)}]`;
      if (isPlainContainer(child) && !paths.has(child)) {
        paths.set(child, path);
        queue.push(child);
      }
    }
  }
  return `${paths.get(parent) ?? '?'}[${JSON.stringify(typeof key === 'symbol' ? String(key) : key)}]`;
}

/** Plants the mutations into `args` (a fresh, unfrozen argument list) in place. */
export function applyMutations(args: unknown[], list: readonly Mutation[]): void {
  for (const [where, what] of list) {
    const all = slots(args as unknown as Container);
    if (all.length === 0) return;
    const [parent, key] = all[where % all.length] as [Container, PropertyKey];
    const current = parent[key];
    if (parent === (args as unknown) && (what === GETTER || what === PROTO || what === CONSTRUCTOR)) {
      // The argument list itself is the harness's, not the caller's: damage the argument instead.
      parent[key] = what === GETTER ? throwingGetterObject() : JSON.parse('{"__proto__": {"polluted": true}}');
    } else if (what === DELETE) {
      delete parent[key];
    } else if (what === GETTER) {
      Object.defineProperty(parent, key, { enumerable: true, configurable: true, get: throwPlanted });
    } else if (what === PROTO) {
      if (!Array.isArray(parent)) {
        Object.defineProperty(parent, '__proto__', {
          value: { polluted: true },
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else parent[key] = JSON.parse('{"__proto__": {"polluted": true}, "customerId": "__proto__"}');
    } else if (what === CONSTRUCTOR) {
      if (!Array.isArray(parent))
        Object.defineProperty(parent, 'constructor', {
          value: { prototype: { polluted: true } },
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else parent[key] = { constructor: { prototype: { polluted: true } } };
    } else if (what === EMPTY) {
      parent[key] = [];
    } else if (what === SINGLE) {
      parent[key] = Array.isArray(current) ? current.slice(0, 1) : [current];
    } else {
      parent[key] = what;
    }
  }
}

/** Freezes plain objects and arrays (deeply) and returns every object reachable from the input. */
export function deepFreeze(root: unknown): Set<object> {
  const reached = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    if (reached.has(value as object)) continue;
    reached.add(value as object);
    if (typeof value === 'function' || ArrayBuffer.isView(value) || value instanceof Date || value instanceof Map) {
      continue;
    }
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value as object)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) stack.push(descriptor.value);
    }
  }
  return reached;
}

/** What a frozen object cannot guarantee: contents of typed arrays, Dates and Maps. */
function mutableState(reached: Set<object>): string[] {
  const out: string[] = [];
  for (const value of reached) {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      out.push(String(Array.from(value as unknown as ArrayLike<number | bigint>, String)));
    } else if (value instanceof Date) out.push(String(value.getTime()));
    else if (value instanceof Map) out.push(String(value.size));
  }
  return out;
}

const prototypes: ReadonlyArray<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];

function prototypeState(): string {
  return prototypes.map(([name, proto]) => `${name}:${Reflect.ownKeys(proto).map(String).sort().join(',')}`).join('|');
}
const cleanPrototypes = prototypeState();

/** Paths of non-finite numbers in a result (not descending into the caller's own objects). */
export function nonFiniteNumbers(result: unknown, inputs: Set<object>): string[] {
  const bad: string[] = [];
  const seen = new Set<object>();
  const stack: Array<[unknown, string]> = [[result, '$']];
  let visited = 0;
  while (stack.length > 0 && visited < 200_000) {
    visited++;
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) bad.push(`${path} = ${value}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (inputs.has(value) || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      const view = value as unknown as ArrayLike<number>;
      for (let i = 0; i < view.length; i++) {
        if (typeof view[i] === 'number' && !Number.isFinite(view[i])) bad.push(`${path}[${i}] = ${view[i]}`);
      }
      continue;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) stack.push([v, `${path}.get(${String(k)})`]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) stack.push([descriptor.value, `${path}.${key}`]);
    }
  }
  return bad;
}

/** A function under fuzz: a name and how to call it with an argument list (sync or async). */
export interface FuzzTarget {
  readonly name: string;
  readonly call: (args: readonly unknown[]) => unknown;
  /** Fresh valid argument lists; the mutator damages one of them per run. */
  readonly seeds: () => unknown[][];
  /** Runs for the mutation property (default 150). */
  readonly runs?: number;
  /** OPEN hang under investigation (docs/testing.md): runs only with FUZZ_FULL=1 until fixed. */
  readonly hangs?: boolean;
  /** Runs for the arbitrary-argument property (default min(60, runs)). */
  readonly arbitraryRuns?: number;
  /** Result paths (regular expressions) allowed to hold a non-finite number, each with its documented reason. */
  readonly nonFiniteAllowed?: readonly RegExp[];
  /**
   * Why a caller's throwing getter may come out of this target unwrapped (only for APIs that are not ours, such as a
   * zod schema's own `safeParse`); every other target wraps it in a CrmAnalyticsError.
   */
  readonly gettersPassThrough?: string;
}

/**
 * Calls the target on frozen `args` and asserts the contract: returns or throws a CrmAnalyticsError only; no
 * non-finite number in the result; the input is unchanged; no prototype was touched.
 */
export async function checkContract(target: FuzzTarget, args: unknown[]): Promise<void> {
  const reached = deepFreeze(args);
  const before = mutableState(reached);
  let result: unknown;
  let error: unknown;
  let threw = false;
  try {
    result = await target.call(args);
  } catch (e) {
    threw = true;
    error = e;
  }
  const pollution = prototypeState();
  if (pollution !== cleanPrototypes) {
    // Restore before failing so that one bug does not cascade into every later test.
    for (const [, proto] of prototypes) delete (proto as Container).polluted;
  }
  expect(pollution, 'a prototype was changed').toBe(cleanPrototypes);
  if (threw) {
    // A getter planted by the caller must come out wrapped in a CrmAnalyticsError (its error kept as `cause`);
    // anything else (the getter's own error, TypeError, RangeError, …) breaks the contract.
    if (error instanceof PlantedGetterError && target.gettersPassThrough !== undefined) return;
    if (!(error instanceof CrmAnalyticsError)) {
      // Where in src/ it was thrown, so that a failure points at the unguarded read.
      const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => l.includes('/src/')) : [];
      const where =
        frames.length === 0
          ? undefined
          : frames
              .slice(0, 3)
              .map((l) => l.trim())
              .join(' ← ');
      const text =
        (error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)) +
        (where === undefined ? '' : ` (${where})`);
      expect.fail(`threw a non-CrmAnalyticsError: ${text}`);
    }
    const e = error as CrmAnalyticsError;
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
  } else {
    const allowed = target.nonFiniteAllowed ?? [];
    const bad = nonFiniteNumbers(result, reached).filter((p) => !allowed.some((re) => re.test(p)));
    expect(bad, 'non-finite numbers in the result').toEqual([]);
  }
  expect(mutableState(reached), 'typed array / Date contents changed').toEqual(before);
}
