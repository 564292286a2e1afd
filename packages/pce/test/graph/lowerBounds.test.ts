import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LatencyGraph, lowerBoundsTo, reverseLowerBounds } from '../../src/graph/lowerBounds';

/** A random undirected graph in the read-only shape the bounds take: no PceGraph needed. */
const graphArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0, max: 500, noNaN: true })), { maxLength: 30 }),
      fc.nat(n - 1),
    )
    .map(([nodeUs, edges, target]) => {
      const adjacency: { to: number; latencyUs: number }[][] = nodeUs.map(() => []);
      for (const [a, b, latencyUs] of edges) {
        if (a === b) continue;
        adjacency[a]!.push({ to: b, latencyUs });
        adjacency[b]!.push({ to: a, latencyUs });
      }
      return { graph: { minNodeLatency: Float64Array.from(nodeUs), adjacency } satisfies LatencyGraph, target };
    }),
);

/** Bellman-Ford from the target: the least latency from each node, counting each node entered after the first. */
function reference(graph: LatencyGraph, target: number): number[] {
  const n = graph.minNodeLatency.length;
  const d = Array.from({ length: n }, (_, i) => (i === target ? 0 : Number.POSITIVE_INFINITY));
  for (let round = 0; round < n; round++)
    for (let v = 0; v < n; v++)
      for (const e of graph.adjacency[v]!) d[e.to] = Math.min(d[e.to]!, d[v]! + graph.minNodeLatency[v]! + e.latencyUs);
  return d;
}

describe('reverse lower bounds', () => {
  it('equal the least latency to the target (shaved by at most a relative 1e-12), infinite where unreachable', () => {
    fc.assert(
      fc.property(graphArb, ({ graph, target }) => {
        const h = reverseLowerBounds(graph, target);
        const want = reference(graph, target);
        want.forEach((w, v) => {
          if (w === Number.POSITIVE_INFINITY) expect(h[v]).toBe(Number.POSITIVE_INFINITY);
          else {
            expect(h[v]!).toBeLessThanOrEqual(w + 1e-9);
            expect(h[v]!).toBeGreaterThanOrEqual(w * (1 - 1e-9) - 1e-9);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('are computed once per graph and target, and separately for another graph', () => {
    const a: LatencyGraph = { minNodeLatency: Float64Array.of(1, 2), adjacency: [[{ to: 1, latencyUs: 10 }], [{ to: 0, latencyUs: 10 }]] };
    const b: LatencyGraph = { minNodeLatency: Float64Array.of(1, 2), adjacency: [[{ to: 1, latencyUs: 20 }], [{ to: 0, latencyUs: 20 }]] };
    expect(lowerBoundsTo(a, 1)).toBe(lowerBoundsTo(a, 1));
    expect(lowerBoundsTo(a, 1)[0]).toBeCloseTo(12, 9);
    expect(lowerBoundsTo(b, 1)[0]).toBeCloseTo(22, 9);
  });
});
