import { describe, expect, it } from 'vitest';
import { summarizeColumns } from '../../src/data/index.js';
import {
  allocateBuckets,
  MAX_PARTITIONS,
  PartitionedDictionary,
  partitionOf,
  readRows,
  summarizePartition,
} from '../../src/node/summaryKernels.js';
import { fc, test } from '../support/property.js';

const DAY = 86_400_000;

describe('partitionOf', () => {
  it('is a function of the id, in range, and spreads structured ids evenly', () => {
    for (const id of [0, -0, 1, -7, 2 ** 40, 1.5, 'a', '__proto__', '']) {
      const p = partitionOf(id, 3);
      expect(p).toBe(partitionOf(id, 3));
      expect(p >= 0 && p < 3 && Number.isInteger(p)).toBe(true);
    }
    // Multiples of 10 would all land in partition 0 of 2 with `id % 2`: the mixing hash balances them.
    const sizes = [0, 0];
    for (let i = 0; i < 10_000; i++) sizes[partitionOf(i * 10, 2)] = (sizes[partitionOf(i * 10, 2)] as number) + 1;
    expect(Math.min(...sizes)).toBeGreaterThan(4500);
  });
});

describe('PartitionedDictionary', () => {
  it('tells customers apart as CustomerDictionary does, and numbers them within their partition', () => {
    const dictionary = new PartitionedDictionary(3);
    const ids = [0, -0, 1, '1', 2 ** 22, 2 ** 22 - 1, 1.5, 'a', 0, '1', -0];
    const codes = ids.map((id) => dictionary.code(id));
    expect(dictionary.ids).toEqual([0, -0, 1, '1', 2 ** 22, 2 ** 22 - 1, 1.5, 'a']);
    expect(Object.is(dictionary.ids[1], -0)).toBe(true);
    expect(codes.slice(8)).toEqual([codes[0], codes[3], codes[1]]);
    const seen = [0, 0, 0];
    for (let k = 0; k < dictionary.ids.length; k++) {
      const code = dictionary.codes[k] as number;
      const p = code % MAX_PARTITIONS;
      expect(p).toBe(partitionOf(dictionary.ids[k] as number | string, 3));
      expect(Math.floor(code / MAX_PARTITIONS)).toBe(seen[p]);
      seen[p] = (seen[p] as number) + 1;
    }
    expect(Array.from(dictionary.sizes)).toEqual(seen);
  });
});

describe('readRows and summarizePartition', () => {
  test.prop(
    [
      fc.array(
        fc.record({
          id: fc.integer({ min: 0, max: 12 }),
          day: fc.integer({ min: 0, max: 60 }),
          cents: fc.integer({ min: -100, max: 5000 }),
        }),
        { maxLength: 60 },
      ),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 70 }),
    ],
    { numRuns: 100 },
  )(
    'any row ranges and partition count, merged by first appearance, equal summarizeColumns',
    (log, ranges, count, endDay) => {
      // The calling thread's part of summarizeParallel, run on one thread: the same steps and the same merge.
      const ids = new Int32Array(log.map((t) => t.id));
      const dates = new Float64Array(log.map((t) => t.day * DAY));
      const amounts = new Float64Array(log.map((t) => t.cents / 100));
      const n = log.length;
      const bound = (t: number): number => Math.floor((t * n) / ranges);
      const buckets = allocateBuckets(n, count);
      const read = Array.from({ length: ranges }, (_, t) =>
        readRows({ ids, dates, amounts, base: 0, lo: bound(t), hi: bound(t + 1), msPerUnit: 1, skip: false }, buckets),
      );
      // Number customers in order of first appearance, as summarizeParallel does: range 0's dictionary, extended.
      const global = (read[0] as (typeof read)[number]).dictionary;
      const remaps = read.map((r, t): (Int32Array | null)[] => {
        if (t === 0) return new Array<null>(count).fill(null);
        const remap = Array.from(r.dictionary.sizes, (size) => new Int32Array(size));
        r.dictionary.ids.forEach((id, j) => {
          const there = r.dictionary.codes[j] as number;
          const code = global.code(id);
          expect(code % MAX_PARTITIONS).toBe(there % MAX_PARTITIONS);
          expect(there % MAX_PARTITIONS).toBe(partitionOf(id, count));
          (remap[there % MAX_PARTITIONS] as Int32Array)[Math.floor(there / MAX_PARTITIONS)] = Math.floor(
            code / MAX_PARTITIONS,
          );
        });
        return remap;
      });
      const sizes = global.sizes;
      const parts = Array.from({ length: count }, (_, p) =>
        summarizePartition({
          bucket: buckets[p] as (typeof buckets)[number],
          starts: Int32Array.from({ length: ranges }, (_, t) => bound(t)),
          lengths: Int32Array.from(read, (r) => r.counts[p] as number),
          remaps: remaps.map((r) => r[p] ?? null),
          customers: sizes[p] as number,
          endDay,
          period: 'week',
          timeUnit: 'day',
          monetary: 'repeat-mean',
        }),
      );
      const expected = summarizeColumns(
        { customerIds: ids, dates, amounts },
        { observationEnd: endDay * DAY, period: 'week' },
      );
      const cursor = new Array<number>(count).fill(0);
      const totalRevenue: number[] = [];
      const kept: number[] = [];
      global.ids.forEach((id, g) => {
        const p = (global.codes[g] as number) % MAX_PARTITIONS;
        const q = Math.floor((global.codes[g] as number) / MAX_PARTITIONS);
        const part = parts[p] as (typeof parts)[number];
        let at = q;
        if (part.kept !== null) {
          if (part.kept[cursor[p] as number] !== q) return;
          at = cursor[p] as number;
          cursor[p] = at + 1;
        }
        kept.push(id as number);
        totalRevenue.push(part.columns.totalRevenue[at] as number);
      });
      expect(kept).toEqual(expected.customers.customerIds);
      expect(totalRevenue).toEqual(Array.from(expected.customers.totalRevenue));
      expect(parts.reduce((s, part) => s + part.after, 0)).toBe(expected.counts.afterObservationEnd);
      // Every partition's rows add up to the valid rows, even when a partition is empty.
      expect(parts.reduce((s, part) => s + part.rows, 0)).toBe(n);
    },
  );

  it('writes each range at its own offset, so ranges never overlap in a bucket', () => {
    const ids = new Int32Array([1, 1, 1, 1]);
    const dates = new Float64Array([0, DAY, 2 * DAY, 3 * DAY]);
    const amounts = new Float64Array([1, 2, 3, 4]);
    const buckets = allocateBuckets(4, 1);
    const bucket = buckets[0] as (typeof buckets)[number];
    readRows({ ids, dates, amounts, base: 0, lo: 2, hi: 4, msPerUnit: 1, skip: false }, buckets);
    expect(Array.from(bucket.day)).toEqual([0, 0, 2, 3]);
    // A range whose columns start at row `base` (a worker's copy of its rows).
    const r = readRows(
      {
        ids: ids.subarray(0, 2),
        dates: dates.subarray(0, 2),
        amounts: amounts.subarray(0, 2),
        base: 0,
        lo: 0,
        hi: 2,
        msPerUnit: 1,
        skip: false,
      },
      buckets,
    );
    expect(Array.from(bucket.amount)).toEqual([1, 2, 3, 4]);
    expect(r.counts[0]).toBe(2);
    expect(r.maxDay).toBe(1);
  });
});
