import type { PceGraph } from './PceGraph';

/**
 * h(v) = least latency a path from v to `target` can still add: Σ edge latency + each next node at its cheapest
 * role, target included (labels count a node's latency on arrival, so h(target) = 0). Edges come in both
 * directions with equal latency, so the reverse search walks the forward adjacency.
 */
export function reverseLowerBounds(graph: PceGraph, target: number): Float64Array {
  const n = graph.nodes.length;
  const h = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(n);
  const heapNode: number[] = [target];
  const heapKey: number[] = [0];
  h[target] = 0;
  while (heapNode.length > 0) {
    // pop
    const v = heapNode[0]!;
    const k = heapKey[0]!;
    const lastN = heapNode.pop()!;
    const lastK = heapKey.pop()!;
    if (heapNode.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heapNode.length) break;
        const r = l + 1;
        const c = r < heapNode.length && heapKey[r]! < heapKey[l]! ? r : l;
        if (heapKey[c]! >= lastK) break;
        heapNode[i] = heapNode[c]!;
        heapKey[i] = heapKey[c]!;
        i = c;
      }
      heapNode[i] = lastN;
      heapKey[i] = lastK;
    }
    if (done[v] || k > h[v]!) continue;
    done[v] = 1;
    // Arriving at v from u costs edge latency + v's cheapest role; so h(u) <= that + h(v).
    const arrive = k + graph.minNodeLatency[v]!;
    for (const e of graph.adjacency[v]!) {
      const u = e.to;
      const d = arrive + e.latencyUs;
      if (d < h[u]!) {
        h[u] = d;
        let i = heapNode.length;
        heapNode.push(u);
        heapKey.push(d);
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (heapKey[p]! <= d) break;
          heapNode[i] = heapNode[p]!;
          heapKey[i] = heapKey[p]!;
          i = p;
        }
        heapNode[i] = u;
        heapKey[i] = d;
      }
    }
  }
  // Float sums along different orders can differ in the last bit: shave so the bound never exceeds the truth.
  for (let i = 0; i < n; i++) h[i] = h[i]! * (1 - 1e-12);
  return h;
}
