import { MinHeap } from './MinHeap';

/** What the lower bounds read of a graph: each node's cheapest latency and its edges' latencies. */
export interface LatencyGraph {
  readonly minNodeLatency: Float64Array;
  readonly adjacency: readonly (readonly { readonly to: number; readonly latencyUs: number }[])[];
}

/**
 * h(v) = least latency a path from v to `target` can still add: Σ edge latency + each next node at its cheapest
 * role, target included (labels count a node's latency on arrival, so h(target) = 0). Edges come in both
 * directions with equal latency, so the reverse search walks the forward adjacency.
 */
export function reverseLowerBounds(graph: LatencyGraph, target: number): Float64Array {
  const n = graph.minNodeLatency.length;
  const h = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(n);
  const heap = new MinHeap(Math.max(64, n >> 2));
  h[target] = 0;
  heap.push(target, 0, 0, target);
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    // Arriving at v from u costs edge latency + v's cheapest role; so h(u) <= that + h(v).
    const arrive = h[v]! + graph.minNodeLatency[v]!;
    for (const e of graph.adjacency[v]!) {
      const u = e.to;
      const d = arrive + e.latencyUs;
      if (d < h[u]!) {
        h[u] = d;
        heap.push(u, d, 0, u);
      }
    }
  }
  // Float sums along different orders can differ in the last bit: shave so the bound never exceeds the truth.
  for (let i = 0; i < n; i++) h[i] = h[i]! * (1 - 1e-12);
  return h;
}

const CACHED_TARGETS = 64;
const cache = new WeakMap<LatencyGraph, Map<number, Float64Array>>();

/**
 * For every node, a lower bound on the latency still to add on the way to `target` (the target's own latency
 * included): `reverseLowerBounds` over every fixed edge. It ignores resources and exclusions, so it is admissible
 * for any request to that target, and consistent, so A* and the pair flow can prune by it. Graphs are immutable,
 * so the bounds are kept per graph for the most recently used targets.
 */
export function lowerBoundsTo(graph: LatencyGraph, target: number): Float64Array {
  let byTarget = cache.get(graph);
  if (byTarget === undefined) {
    byTarget = new Map();
    cache.set(graph, byTarget);
  }
  const cached = byTarget.get(target);
  if (cached !== undefined) {
    byTarget.delete(target);
    byTarget.set(target, cached);
    return cached;
  }
  const bounds = reverseLowerBounds(graph, target);
  byTarget.set(target, bounds);
  if (byTarget.size > CACHED_TARGETS) byTarget.delete(byTarget.keys().next().value!);
  return bounds;
}
