import { MinHeap } from '../graph/MinHeap';
import type { SearchEdge } from '../graph/PceGraph';
import type { SearchContext } from '../search/SearchContext';
import type { Tails } from './sharedTails';

/**
 * A lower bound on the latency of any disjoint pair: two units of min-cost flow from source to target
 * (Suurballe/Bhandari by successive shortest paths with Johnson potentials), over every edge a path could use
 * on its own (exclusions, capacity, free ports) but ignoring channel continuity and shared fibres inside groomed
 * links. Any valid link-disjoint (or, with split nodes, node-disjoint) pair within the bound is a feasible flow
 * here, so the flow's cost never exceeds the best pair's; when the flow's own two paths pass every check they
 * are that best pair. Only nodes whose distance from the source plus the admissible lower bound to the target
 * fits the latency bound take part. With forced tails (sharedTails.ts) the flow runs between the branch nodes and
 * each path takes the tails on either side; tail devices take no other part.
 */
export interface FlowPair {
  cost: number;
  paths: SearchEdge[][];
}

export function minCostPair(ctx: SearchContext, nodeDisjoint: boolean, tails?: Tails): FlowPair | null {
  const g = ctx.graph;
  const n = g.nodes.length;
  const s = tails?.from ?? ctx.source;
  const t = tails?.to ?? ctx.target;
  const bound = ctx.boundUs;
  const weight = (e: SearchEdge) => e.latencyUs + ctx.nodeLatency(e.to);
  const headEdges = tails?.source?.edges ?? [];
  const tailEdges = tails?.target?.edges ?? [];
  const headLat = ctx.nodeLatency(ctx.source) + headEdges.reduce((a, e) => a + weight(e), 0);
  const tailNodes = tails?.nodes;
  const usable = (e: SearchEdge): boolean => {
    if (ctx.excludedNodes.has(e.to) || e.inner.some((x) => ctx.excludedNodes.has(x))) return false;
    if (tailNodes !== undefined && tailNodes.size > 0 && e.to !== t && (tailNodes.has(e.to) || e.inner.some((x) => tailNodes.has(x))))
      return false;
    if (e.fibres.some((f) => ctx.excludedFibres.has(f)) || e.srlgs.some((x) => ctx.excludedSrlgs.has(x))) return false;
    if (ctx.layer === 'wavelength') return e.kind === 'span';
    if (e.kind !== 'otu' && !ctx.grooming) return false;
    if (g.isOsu[e.to] === 1 && e.to !== ctx.target) return false;
    if (e.kind === 'otu') return ctx.linkFits(e);
    if (e.kind === 'enter' || e.kind === 'exit') return e.slots > 0 && ctx.edgePortsFree(e);
    return true;
  };
  // A named port constrains the first/last edge; inside a tail that edge is settled already.
  if ((ctx.sourcePort !== undefined && headEdges.length === 0) || (ctx.targetPort !== undefined && tailEdges.length === 0)) return null;

  // Pass 1: A* from the source to t with the consistent lower bound h' = h - h(t) (h is the bound to the request's
  // target; every path to it passes t, so h' is admissible for t). Potentials for pass 2 (Goldberg's A* trick):
  // pi(v) = d(v) for settled nodes, K - h'(v) otherwise (K = d(t)). They are feasible (w + pi(u) - pi(v) >= 0 on
  // every edge, by consistency and because an unsettled v has d(v) + h'(v) >= K), tight along the first path, and
  // pi(v) <= d(v) everywhere, so pi(v) + h(v) > bound still proves that no path within the bound passes v.
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const prev: (SearchEdge | null)[] = new Array(n).fill(null);
  const settled = new Uint8Array(n);
  const hT = ctx.latencyToGo(t);
  const h1 = (v: number) => ctx.latencyToGo(v) - hT;
  dist[s] = headLat;
  dijkstra(
    n,
    [s],
    dist,
    prev,
    (u, relax) => {
      for (const e of ctx.edgesFrom(u)) {
        if (!usable(e)) continue;
        const d = dist[u]! + weight(e);
        if (d + ctx.latencyToGo(e.to) <= bound) relax(e.to, d, e);
      }
    },
    bound,
    t,
    h1,
    settled,
  );
  if (!settled[t] || dist[t]! > bound) return null;
  const K = dist[t]!;
  const pot = (v: number) => (settled[v] ? dist[v]! : K - h1(v));
  const inScope = (v: number) => pot(v) + ctx.latencyToGo(v) <= bound;
  const first: SearchEdge[] = [];
  for (let v = t; v !== s; ) {
    const e = prev[v]!;
    first.push(e);
    v = e.from;
  }
  first.reverse();

  // Pass 2: shortest path in the residual graph with reduced costs w + pi(u) - pi(v) >= 0. Node-disjoint mode
  // splits every inner node into in/out halves; a first-path node can then be entered only to go back along it.
  const onFirst = new Set(first);
  const firstNodes = new Set(first.map((e) => e.to));
  firstNodes.delete(t);
  const firstInto = new Map(first.map((e) => [e.to, e]));
  const firstOutOf = new Map(first.map((e) => [e.from, e]));
  const firstFibres = new Set(first.map((e) => e.id));
  // State index: node v (out half or whole) = v; in half of a first-path node = n + v.
  const N = 2 * n;
  const d2 = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
  const prev2: ({ edge: SearchEdge; reversed: boolean } | null)[] = new Array(N).fill(null);
  const prevState = new Int32Array(N).fill(-1);
  d2[s] = 0;
  const splitIn = (v: number) => nodeDisjoint && firstNodes.has(v);
  dijkstra(
    N,
    [s],
    d2,
    null,
    (state, relax) => {
      const inHalf = state >= n;
      const u = inHalf ? state - n : state;
      if (u === t) return;
      const reach = (to: number, cost: number, edge: SearchEdge, reversed: boolean) => {
        if (relax(to, d2[state]! + cost, null)) {
          prev2[to] = { edge, reversed };
          prevState[to] = state;
        }
      };
      // Backward along the first path (residual of a used edge), cost -w reduced to 0.
      const back = firstInto.get(u);
      if (back !== undefined && u !== s) reach(back.from, 0, back, true);
      if (inHalf) return; // the in half of a split node may only go back along the first path
      for (const e of ctx.edgesFrom(u)) {
        if (onFirst.has(e) || !usable(e) || !inScope(e.to)) continue;
        // The same fibre the other way round would cancel the first path's use: leave that to the reverse residual.
        if (firstFibres.has(e.id) && firstOutOf.get(e.to)?.id === e.id) continue;
        const reduced = Math.max(0, weight(e) + pot(u) - pot(e.to));
        reach(splitIn(e.to) ? n + e.to : e.to, reduced, e, false);
      }
    },
    Number.POSITIVE_INFINITY,
    t,
  );
  if (!Number.isFinite(d2[t]!)) return null;
  const second: { edge: SearchEdge; reversed: boolean }[] = [];
  for (let st = t; st !== s; st = prevState[st]!) second.push(prev2[st]!);
  second.reverse();
  // Cancel first-path edges the second path walked backwards, then pair up the remaining edges into two paths.
  const cancelled = new Set(second.filter((x) => x.reversed).map((x) => x.edge));
  const edges = [...first.filter((e) => !cancelled.has(e)), ...second.filter((x) => !x.reversed).map((x) => x.edge)];
  const out = new Map<number, SearchEdge[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list === undefined) out.set(e.from, [e]);
    else list.push(e);
  }
  const paths: SearchEdge[][] = [];
  for (let k = 0; k < 2; k++) {
    const path: SearchEdge[] = [];
    let v = s;
    let guard = edges.length + 1;
    while (v !== t && guard-- > 0) {
      const e = out.get(v)?.shift();
      if (e === undefined) return null;
      path.push(e);
      v = e.to;
    }
    if (v !== t) return null;
    paths.push([...headEdges, ...path, ...tailEdges]);
  }
  const cost = paths.reduce((acc, p) => acc + ctx.nodeLatency(ctx.source) + p.reduce((a, e) => a + weight(e), 0), 0);
  return { cost, paths };
}

/**
 * A binary-heap Dijkstra (A* with a consistent `heuristic`) over integer states; `expand` relaxes neighbours.
 * Stops past `limit` or once `stopAt` is settled; `done` tells which states were settled.
 */
function dijkstra(
  size: number,
  sources: number[],
  dist: Float64Array,
  prev: (SearchEdge | null)[] | null,
  expand: (u: number, relax: (v: number, d: number, e: SearchEdge | null) => boolean) => void,
  limit: number,
  stopAt = -1,
  heuristic: ((v: number) => number) | null = null,
  done: Uint8Array = new Uint8Array(size),
): void {
  const heap = new MinHeap();
  // Ties go to the lower state, so the two passes are deterministic.
  const push = (v: number, k: number) => heap.push(v, k, 0, v);
  const key = (v: number, d: number) => (heuristic === null ? d : d + heuristic(v));
  for (const s of sources) push(s, key(s, dist[s]!));
  const relax = (v: number, d: number, e: SearchEdge | null): boolean => {
    if (done[v] || !(d < dist[v]!) || d > limit) return false;
    dist[v] = d;
    if (prev !== null) prev[v] = e;
    push(v, key(v, d));
    return true;
  };
  while (heap.size > 0) {
    // A stale entry (a better one for the same node was pushed later) pops after that one: `done` skips it.
    const u = heap.pop();
    if (done[u]) continue;
    done[u] = 1;
    if (u === stopAt) return;
    expand(u, relax);
  }
}
