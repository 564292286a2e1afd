import { edgeAllowed, kindAllowed, type Label } from './label';
import { MinHeap } from '../graph/MinHeap';
import type { SearchEdge } from '../graph/PceGraph';
import type { Relaxation, Restrictions, SearchContext } from './SearchContext';

/**
 * For every node, the least latency a path from it to the target can still add using only the edges one search
 * could ever take: the layer's edge kinds, the request's exclusions and the search's restrictions, no device the
 * search's root already holds, and (unless the search relaxes them) free ports, room on OTU links, a fresh OTU
 * link that could carry the demand, and at least one free channel on each span. Infinite where the target is out
 * of reach that way.
 *
 * Why: `lowerBoundsTo` sees every fibre, so when the only ways to the target are full (an access ring booked to
 * its last slot) or excluded, a search has no bound that says so and grows every label it can, and with grooming
 * labels that crossed different ROADMs never dominate each other: exponential work (minutes on a 1,200-device
 * metro) to prove there is no path. This bound proves it after one Dijkstra. It only relaxes what a label needs
 * (channel continuity, lightpath state and simplicity beyond the root are ignored), so it never exceeds the truth:
 * pruning by it keeps the search exact.
 */
export function reachBounds(ctx: SearchContext, restrictions: Restrictions, relax: Relaxation, root: Label): Float64Array {
  const nodes = ctx.graph.nodes.length;
  // A path is simple: what the root's chain holds (devices, and devices inside its groomed links) is closed.
  const closed = new Uint8Array(nodes);
  for (let l: Label | null = root; l !== null; l = l.parent) {
    closed[l.node] = 1;
    if (l.edge !== null) for (const n of l.edge.inner) closed[n] = 1;
  }
  // The usable edges, grouped by the node they enter (the Dijkstra runs from the target backwards).
  const usable: SearchEdge[] = [];
  const counts = new Int32Array(nodes + 1);
  for (let v = 0; v < nodes; v++) {
    for (const edge of ctx.edgesFrom(v)) {
      if (!edgeUsable(ctx, edge, restrictions, relax, closed)) continue;
      usable.push(edge);
      counts[edge.to + 1]!++;
    }
  }
  for (let v = 0; v < nodes; v++) counts[v + 1]! += counts[v]!;
  const incoming = new Array<SearchEdge>(usable.length);
  const fill = counts.slice(0, nodes);
  for (const edge of usable) incoming[fill[edge.to]!++] = edge;

  const h = new Float64Array(nodes).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(nodes);
  const heap = new MinHeap(64);
  h[ctx.target] = 0;
  heap.push(ctx.target, 0, 0, ctx.target);
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    // Labels count a node's latency on arrival: reaching v over an edge costs its latency plus v's.
    const arrive = h[v]! + ctx.nodeLatency(v);
    for (let i = counts[v]!; i < counts[v + 1]!; i++) {
      const edge = incoming[i]!;
      const d = arrive + edge.latencyUs;
      if (d < h[edge.from]!) {
        h[edge.from] = d;
        heap.push(edge.from, d, 0, edge.from);
      }
    }
  }
  // Float sums along different orders can differ in the last bit: shave so the bound never exceeds the truth.
  for (let i = 0; i < nodes; i++) h[i] = h[i]! * (1 - 1e-12);
  return h;
}

/** The parts of `extend` that depend on the edge alone (not on the label's channels or lightpath), as one check. */
function edgeUsable(ctx: SearchContext, edge: SearchEdge, r: Restrictions, relax: Relaxation, closed: Uint8Array): boolean {
  if (closed[edge.to] === 1) return false;
  for (const n of edge.inner) if (closed[n] === 1) return false;
  if (!kindAllowed(ctx, edge) || !edgeAllowed(ctx, edge, r)) return false;
  if (edge.from === ctx.source && ctx.sourcePort !== undefined && edge.fromPort !== ctx.sourcePort) return false;
  if (edge.to === ctx.target && ctx.targetPort !== undefined && edge.toPort !== ctx.targetPort) return false;
  switch (edge.kind) {
    case 'span': {
      if (relax.masks) return true;
      const free = ctx.freeMask(edge.id);
      const full = ctx.fullMask;
      return (free[0] & full[0]) !== 0 || (free[1] & full[1]) !== 0 || (free[2] & full[2]) !== 0;
    }
    case 'enter':
      return edge.slots > 0 && (relax.capacity || ctx.edgePortsFree(edge));
    case 'exit':
      // The new link's rate is the lower of two line ports, so it is at most this port's.
      return relax.capacity || (ctx.edgePortsFree(edge) && ctx.freshLinkFits(edge.slots));
    case 'otu':
      return relax.capacity || ctx.linkFits(edge);
  }
}
