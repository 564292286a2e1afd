import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/graph/MinHeap';

type Entry = [id: number, key: number, key2: number, tie: number];

const byKeys = (a: Entry, b: Entry) => a[1] - b[1] || a[2] - b[2] || a[3] - b[3];

describe('MinHeap', () => {
  it('pops in (key, key2, tie) order across growth, with pushes between pops', () => {
    // Few distinct key values, so ties on the first and second key are common.
    const entry = fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.nat(10_000));
    const op = fc.oneof(
      entry.map((e) => ({ push: e as Entry })),
      fc.constant({ pop: true as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const heap = new MinHeap(2);
        const model: Entry[] = [];
        for (const o of ops) {
          if ('push' in o) {
            heap.push(...o.push);
            model.push(o.push);
          } else {
            model.sort(byKeys);
            const want = model.shift();
            const got = heap.pop();
            if (want === undefined) expect(got).toBe(-1);
            // Equal keys and tie: either id of the tied entries is right.
            else expect(got === want[0] || model.some((m) => byKeys(m, want) === 0 && m[0] === got)).toBe(true);
          }
          expect(heap.size).toBe(model.length);
        }
        model.sort(byKeys);
        for (const want of model) {
          const got = heap.pop();
          expect(byKeys(model.find((m) => m[0] === got && byKeys(m, want) === 0) ?? [got, Number.NaN, 0, 0], want)).toBe(0);
        }
        expect(heap.pop()).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });

  it('breaks equal keys by tie, as the Dijkstra callers rely on for determinism', () => {
    const heap = new MinHeap();
    for (const node of [7, 3, 9, 1]) heap.push(node, 5, 0, node);
    heap.push(4, 2, 0, 4);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([4, 1, 3, 7, 9]);
  });
});
