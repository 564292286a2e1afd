import type { ProtectionKind } from '../request/pathRequest';
import { chainOf, type Label } from '../search/label';
import type { Restrictions, SearchContext } from '../search/SearchContext';
import { constrainedSearch } from '../search/search';
import type { Tails } from './sharedTails';

/** What a path of a branch-and-bound node must avoid: an SRLG, a fibre or a device (by kind). */
interface Avoid {
  srlgs: string[];
  fibres: string[];
  nodes: number[];
}

interface BranchNode {
  a: Avoid;
  b: Avoid;
  pa: Label;
  pb: Label;
  lb: number;
  seq: number;
}

export interface BranchOutcome {
  /** The best pair found (null: none found); `proven` when no other pair can be shorter. */
  pair: { a: Label; b: Label; sum: number } | null;
  proven: boolean;
  /** Path searches run. */
  searches: number;
}

const EPS = 1e-9;

/**
 * Exact disjoint pair by branching on conflicts (latency objective, no includes). A node names two sets of
 * elements: path A must avoid XA, path B must avoid XB. Its lower bound is P(best A avoiding XA) + P(best B
 * avoiding XB) (two independent exact searches). If those two paths are disjoint (outside the forced tails) they
 * are the node's best pair; otherwise they share an element e (an SRLG of a shared fibre, the fibre, or a device
 * for node protection), and since no valid pair has e on both paths, the children (XA + e, XB) and (XA, XB + e)
 * cover every pair of the node. At the root A and B are the same shortest path; naming A the path that avoids e
 * leaves a single child. Nodes are expanded cheapest bound first; each conflict also tries the repair pair
 * (A, best B avoiding A's elements), which gives the upper bound. Stops proven when the cheapest open bound
 * reaches the best pair (or the flow's lower bound does), or unproven when `maxSearches` runs out.
 */
export function branchOnConflicts(
  ctx: SearchContext,
  kind: Exclude<ProtectionKind, 'none'>,
  tails: Tails,
  flowBound: number,
  maxSearches: number,
): BranchOutcome {
  let searches = 0;
  const cache = new Map<string, Label | null>();
  const best = (x: Avoid, below: number): Label | null => {
    const key = `${x.srlgs.join(',')}|${x.fibres.join(',')}|${x.nodes.join(',')}`;
    // Cached answers are exact: the best path itself (found under some cap, so the best of all), or none at all.
    const hit = cache.get(key);
    if (hit !== undefined) return hit !== null && hit.lat < below ? hit : null;
    searches++;
    const r: Restrictions = {};
    if (x.srlgs.length > 0) r.srlgs = new Set(x.srlgs);
    if (x.fibres.length > 0) r.fibres = new Set(x.fibres);
    if (x.nodes.length > 0) r.nodes = new Set(x.nodes);
    const c = below < ctx.boundUs ? ctx.derive({ boundUs: below * (1 - 1e-12) }) : ctx;
    const found = constrainedSearch(c, r);
    // Only a search under the full bound may record a miss for good.
    if (found !== null || c === ctx) cache.set(key, found);
    return found;
  };
  const none: Avoid = { srlgs: [], fibres: [], nodes: [] };
  const shortest = best(none, Number.POSITIVE_INFINITY);
  if (shortest === null) return { pair: null, proven: true, searches };
  let upper: { a: Label; b: Label; sum: number } | null = null;
  const open: BranchNode[] = [];
  let seq = 0;
  const consider = (a: Avoid, b: Avoid, pa: Label, pb: Label) => {
    const lb = pa.lat + pb.lat;
    if (upper !== null && lb >= upper.sum - EPS) return;
    open.push({ a, b, pa, pb, lb, seq: seq++ });
  };
  consider(none, none, shortest, shortest);
  while (open.length > 0) {
    let at = 0;
    for (let i = 1; i < open.length; i++) {
      const o = open[i]!;
      const m = open[at]!;
      if (o.lb < m.lb - EPS || (Math.abs(o.lb - m.lb) <= EPS && o.seq < m.seq)) at = i;
    }
    const node = open[at]!;
    open[at] = open[open.length - 1]!;
    open.pop();
    if (upper !== null && (node.lb >= upper.sum - EPS || upper.sum <= flowBound + EPS)) return { pair: upper, proven: true, searches };
    const e = conflict(ctx, kind, tails, node.pa, node.pb);
    if (e === null) {
      // Disjoint: the node's best pair, and the cheapest open bound: nothing left can beat it.
      if (upper === null || node.lb < upper.sum - EPS) upper = { a: node.pa, b: node.pb, sum: node.lb };
      return { pair: upper, proven: true, searches };
    }
    if (searches >= maxSearches) {
      open.push(node);
      break;
    }
    // Repair: A with the best B avoiding everything of A (and XB): a valid pair, an upper bound.
    const cap = upper === null ? Number.POSITIVE_INFINITY : upper.sum - node.pa.lat;
    const repair = best(plus(node.b, avoidAll(ctx, kind, tails, node.pa)), cap);
    if (repair !== null && (upper === null || node.pa.lat + repair.lat < upper.sum - EPS))
      upper = { a: node.pa, b: repair, sum: node.pa.lat + repair.lat };
    const root = node.pa === node.pb && node.a === none && node.b === none;
    const xa = plus(node.a, e);
    const capA = upper === null ? Number.POSITIVE_INFINITY : upper.sum - node.pb.lat;
    const pa = best(xa, capA);
    if (pa !== null) consider(xa, node.b, pa, node.pb);
    if (!root) {
      const xb = plus(node.b, e);
      const capB = upper === null ? Number.POSITIVE_INFINITY : upper.sum - node.pa.lat;
      const pb = best(xb, capB);
      if (pb !== null) consider(node.a, xb, node.pa, pb);
    }
  }
  const lowest = open.reduce((m, o) => Math.min(m, o.lb), Number.POSITIVE_INFINITY);
  const proven = open.length === 0 || (upper !== null && (lowest >= upper.sum - EPS || upper.sum <= flowBound + EPS));
  return { pair: upper, proven, searches };
}

/** One element both paths hold outside the tails: an SRLG of a shared fibre first (the strongest branch), else the fibre, else a device. */
function conflict(ctx: SearchContext, kind: Exclude<ProtectionKind, 'none'>, tails: Tails, a: Label, b: Label): Avoid | null {
  const A = avoidAll(ctx, kind, tails, a);
  const fibres = new Set(A.fibres);
  const srlgs = new Set(A.srlgs);
  const nodes = new Set(A.nodes);
  for (const l of chainOf(b).slice(1)) {
    const e = l.edge!;
    if (tails.edgeIds.has(e.id)) continue;
    for (const s of e.srlgs) if (srlgs.has(s)) return { srlgs: [s], fibres: [], nodes: [] };
    for (const f of e.fibres) if (fibres.has(f)) return { srlgs: [], fibres: [f], nodes: [] };
    if (nodes.has(l.node) && l.node !== ctx.target) return { srlgs: [], fibres: [], nodes: [l.node] };
    for (const n of e.inner) if (nodes.has(n)) return { srlgs: [], fibres: [], nodes: [n] };
  }
  return null;
}

/** Every element of a path a disjoint partner must avoid (as disjointFrom, as lists). */
function avoidAll(ctx: SearchContext, kind: Exclude<ProtectionKind, 'none'>, tails: Tails, a: Label): Avoid {
  const chain = chainOf(a);
  const edges = chain
    .slice(1)
    .map((l) => l.edge!)
    .filter((e) => !tails.edgeIds.has(e.id));
  const out: Avoid = { srlgs: [], fibres: [...new Set(edges.flatMap((e) => e.fibres))], nodes: [] };
  if (kind === 'srlg') out.srlgs = [...new Set(edges.flatMap((e) => e.srlgs).filter((s) => !tails.srlgs.has(s)))];
  if (kind === 'node') {
    const nodes = new Set(chain.map((l) => l.node).filter((n) => n !== ctx.source && n !== ctx.target && !tails.nodes.has(n)));
    for (const e of edges) for (const n of e.inner) if (!tails.nodes.has(n)) nodes.add(n);
    out.nodes = [...nodes];
  }
  return out;
}

function plus(x: Avoid, y: Avoid): Avoid {
  const merge = <T>(p: T[], q: T[]) => [...new Set([...p, ...q])].sort();
  return { srlgs: merge(x.srlgs, y.srlgs), fibres: merge(x.fibres, y.fibres), nodes: merge(x.nodes, y.nodes) };
}
