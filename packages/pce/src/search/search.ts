import { chainOf, complete, edgeAllowed, extend, kindAllowed, type Label, onPath, opticalSubset, primary, startLabel } from './label';
import { MinHeap } from '../graph/MinHeap';
import { reachBounds } from './reachBounds';
import { type Relaxation, type Restrictions, STRICT, type SearchContext } from './SearchContext';

let generation = 0;
let sequence = 0;

/**
 * Resource-constrained shortest path by label setting with A*: labels are (node, latency, objective, free
 * channels, lightpath state, includes met); the latency bound prunes any label whose latency plus an admissible
 * lower bound on the rest exceeds it, so no path over the bound is ever grown. A label is dropped when another
 * at the same node is no worse in every respect (dominance); the first complete label popped is optimal
 * under the objective, ties broken by latency and then by the (id-sorted) order labels were made.
 * Paths are simple in devices (ROADMs inside lightpaths included).
 * A search that has expanded as many labels as the graph has nodes (about the work of one Dijkstra) computes
 * `reachBounds` for itself and from then on also drops labels from which the target is out of reach within the
 * bound over the edges it may use: the extra Dijkstra at most doubles the work of a search that needs it, and turns
 * the exponential proof that a cut-off target has no path into a linear one. Easy searches never pay for it.
 */
export function constrainedSearch(
  ctx: SearchContext,
  restrictions: Restrictions = {},
  relax: Relaxation = STRICT,
  seed?: Label,
): Label | null {
  const gen = ++generation;
  const atNode: (Label[] | undefined)[] = new Array(ctx.graph.nodes.length);
  const withIncludes = ctx.includeAll !== 0;
  const start = seed ?? startLabel(ctx, ++sequence);
  const useHeuristic = !relax.bound || ctx.objective === 'latency';
  const h = (node: number) => (useHeuristic ? ctx.latencyToGo(node) : 0);
  const key1 = (l: Label) => (ctx.objective === 'latency' ? l.lat + h(l.node) : primary(ctx, l));
  const work = ctx.work;
  work.searches++;
  if (!relax.bound && start.lat + h(start.node) > ctx.boundUs) return null;
  // Set once this search has done a Dijkstra's worth of work (see above); the latency a completion may reach.
  let reach: Float64Array | undefined;
  let reachAfter = ctx.reachBoundsAfter;
  const limit = relax.bound ? Number.POSITIVE_INFINITY : ctx.boundUs;
  const outOfReach = (l: Label) => {
    const toGo = reach![l.node]!;
    return toGo === Number.POSITIVE_INFINITY || l.lat + toGo > limit;
  };
  // The heap orders indices into `queued` by (objective bound, latency bound, creation order).
  const heap = new MinHeap();
  const queued: Label[] = [];
  const enqueue = (l: Label) => {
    heap.push(queued.length, key1(l), l.lat + h(l.node), l.seq);
    queued.push(l);
  };
  enqueue(start);
  atNode[start.node] = [start];
  // Whether an edge passes the layer, exclusion and restriction checks depends on the edge alone within one
  // search, yet many labels (one per channel mask) reach a node: decide each edge once (0 unknown, 1 yes, 2 no).
  const usable = new Uint8Array(ctx.edgeTotal);
  while (heap.size > 0) {
    const label = queued[heap.pop()]!;
    if (label.deadIn === gen) continue;
    if (reach === undefined && --reachAfter <= 0) {
      reach = reachBounds(ctx, restrictions, relax, start);
      work.reachBounds++;
    }
    if (reach !== undefined && outOfReach(label)) {
      work.pruned++;
      continue;
    }
    work.popped++;
    if (complete(ctx, label)) return label;
    if (label.node === ctx.target && ctx.layer !== 'wavelength' && label.lp === 0) continue;
    for (const edge of ctx.edgesFrom(label.node)) {
      let ok = usable[edge.idx];
      if (ok === undefined || ok === 0) {
        ok = kindAllowed(ctx, edge) && edgeAllowed(ctx, edge, restrictions) ? 1 : 2;
        usable[edge.idx] = ok;
      }
      if (ok === 2) continue;
      if (onPath(label, edge.to)) continue;
      if (edge.inner.length > 0 && edge.inner.some((n) => onPath(label, n))) continue;
      const next = extend(ctx, label, edge, relax, ++sequence);
      if (next === null) continue;
      work.created++;
      if (reach !== undefined && outOfReach(next)) {
        work.pruned++;
        continue;
      }
      if (!admit(ctx, atNode, next, gen, withIncludes)) continue;
      enqueue(next);
    }
  }
  return null;
}

/** Keeps `next` unless a label already at its node dominates it; marks the labels it dominates dead. */
function admit(ctx: SearchContext, atNode: (Label[] | undefined)[], next: Label, gen: number, withIncludes: boolean): boolean {
  const list = atNode[next.node];
  if (list === undefined) {
    atNode[next.node] = [next];
    return true;
  }
  const p = primary(ctx, next);
  for (const other of list) {
    if (other.deadIn === gen) continue;
    if (dominates(other, primary(ctx, other), next, p, withIncludes)) return false;
  }
  let kept = 0;
  for (const other of list) {
    if (other.deadIn !== gen && dominates(next, p, other, primary(ctx, other), withIncludes)) other.deadIn = gen;
    else if (other.deadIn !== gen) list[kept++] = other;
  }
  list.length = kept;
  list.push(next);
  return true;
}

function dominates(a: Label, pa: number, b: Label, pb: number, withIncludes: boolean): boolean {
  if (pa > pb || a.lat > b.lat || a.lp < b.lp) return false;
  if ((a.m0 & b.m0) >>> 0 !== b.m0 || (a.m1 & b.m1) >>> 0 !== b.m1 || (a.m2 & b.m2) >>> 0 !== b.m2) return false;
  // Devices `a` passed inside lightpaths are closed to it for good: only prune `b` if it passed them too.
  if (!opticalSubset(a, b)) return false;
  if (!withIncludes) return true;
  if ((a.inc & b.inc) !== b.inc) return false;
  // With includes a shorter detour can lose a must-visit element: only a label whose devices are a subset may prune.
  const bNodes = new Set(chainOf(b).map((l) => l.node));
  for (let l: Label | null = a; l !== null; l = l.parent) if (!bNodes.has(l.node)) return false;
  return true;
}
