import type { ProtectionKind } from '../request/pathRequest';
import { chainOf, complete, edgeAllowed, extend, type Label, onPath, primary, startLabel } from '../search/label';
import { nonCanonicalPatches } from '../graph/canonicalPatches';
import { branchOnConflicts } from './conflictBranching';
import { minCostPair } from './minCostPair';
import type { SearchEdge } from '../graph/PceGraph';
import { PathEnumerator, signature } from '../search/PathEnumerator';
import { type Restrictions, STRICT, type SearchContext } from '../search/SearchContext';
import { constrainedSearch } from '../search/search';
import { forcedTails, type Tails } from './sharedTails';
import type { PairGuarantee } from '../types';

export interface PairOutcome {
  working: Label;
  protection: Label;
  guarantee: PairGuarantee;
  /** Working candidates enumerated (1 when the flow bound proved the first pair). */
  candidates: number;
  /** The forced tails both paths share (sharedTails.ts). */
  tails: Tails;
}

const EPS = 1e-9;

/**
 * The best disjoint pair under the objective's sum (both paths within the bound, each with its own channels and
 * capacity, the working path meeting the includes). Method:
 * 1. latency objective: a min-cost two-path flow gives a lower bound and a candidate pair; if that pair passes
 *    every check (channel continuity, SRLGs, the bound) it is optimal and we are done;
 * 2. otherwise enumerate working paths in objective order (Yen over the constrained search) and give each the best
 *    path disjoint from it; stop when no later working path can beat the best pair (2·P(w) ≥ best sum without
 *    includes, P(w) + P(shortest) ≥ best sum with them) or meets the flow bound: the pair is then `optimal`.
 *    If `maxCandidates` runs out first the best pair found is returned as `best-found`.
 */
export function disjointPair(
  ctx: SearchContext,
  kind: Exclude<ProtectionKind, 'none'>,
  maxCandidates: number,
  tails: Tails = forcedTails(ctx),
  branchSearches = 200,
  /** Set when the answer is null only because the search stopped at `maxCandidates` (no proof that none exists). */
  report?: { capped: boolean },
): PairOutcome | null {
  if (tails.blocked) return null;
  const protCtx = ctx.includeAll === 0 ? ctx : ctx.derive({ include: undefined });
  let lowerBound = Number.NEGATIVE_INFINITY;
  if (ctx.objective === 'latency') {
    const flow = minCostPair(ctx, kind === 'node', tails);
    const portsFree = (ctx.sourcePort === undefined || tails.source !== null) && (ctx.targetPort === undefined || tails.target !== null);
    if (flow === null && portsFree) return null;
    if (flow !== null) {
      lowerBound = flow.cost;
      const labels = flow.paths.map((p) => replay(ctx, p)).filter((l): l is Label => l !== null);
      if (labels.length === 2) {
        const [a, b] = order(ctx, labels[0]!, labels[1]!);
        const aOk = complete(ctx, a);
        if (aOk && disjoint(ctx, a, b, kind, tails)) return { working: a, protection: b, guarantee: 'optimal', candidates: 1, tails };
        if (complete(ctx, b) && disjoint(ctx, b, a, kind, tails) && ctx.includeAll !== 0) {
          // b meets the includes while a does not: b is the working path.
          return { working: b, protection: a, guarantee: 'optimal', candidates: 1, tails };
        }
      }
    }
  }
  let best: { w: Label; p: Label; sum: number } | null = null;
  if (ctx.objective === 'latency' && ctx.includeAll === 0 && branchSearches > 0) {
    // Branching on conflicts proves most pairs with far fewer searches than enumerating working paths.
    const branch = branchOnConflicts(ctx, kind, tails, lowerBound, branchSearches);
    if (branch.pair === null && branch.proven) return null;
    if (branch.pair !== null) {
      const [w, p] = order(ctx, branch.pair.a, branch.pair.b);
      if (branch.proven) return { working: w, protection: p, guarantee: 'optimal', candidates: branch.searches, tails };
      best = { w, p, sum: branch.pair.sum };
    }
  }
  const enumerator = new PathEnumerator(ctx, { skip: nonCanonicalPatches(ctx) });
  let shortestOther: number | undefined;
  let count = 0;
  for (;;) {
    // Only working paths that could still beat the best pair matter (symmetric: P(w) < best/2).
    const below =
      best === null || ctx.objective !== 'latency'
        ? Number.POSITIVE_INFINITY
        : ctx.includeAll === 0
          ? best.sum / 2
          : best.sum - (shortestOther ?? 0);
    const w = enumerator.next(below);
    if (w === null) return best === null ? null : { working: best.w, protection: best.p, guarantee: 'optimal', candidates: count, tails };
    count++;
    const pw = primary(ctx, w);
    if (shortestOther === undefined) {
      const s = ctx.includeAll === 0 ? w : constrainedSearch(protCtx);
      shortestOther = s === null ? Number.POSITIVE_INFINITY : primary(ctx, s);
    }
    if (best !== null) {
      const floor = ctx.includeAll === 0 ? 2 * pw : pw + shortestOther;
      if (floor >= best.sum - EPS || best.sum <= lowerBound + EPS) {
        return { working: best.w, protection: best.p, guarantee: 'optimal', candidates: count, tails };
      }
    }
    // A protection path only matters if it makes a better pair: bound its search by what is left.
    const left = best === null || ctx.objective !== 'latency' ? Number.POSITIVE_INFINITY : (best.sum - pw) * (1 - 1e-12);
    const pCtx = left < protCtx.boundUs ? protCtx.derive({ boundUs: left }) : protCtx;
    const p = constrainedSearch(pCtx, disjointFrom(ctx, w, kind, tails));
    if (p !== null) {
      const sum = pw + primary(ctx, p);
      if (best === null || sum < best.sum - EPS) best = { w, p, sum };
      if (best.sum <= lowerBound + EPS) return { working: best.w, protection: best.p, guarantee: 'optimal', candidates: count, tails };
    }
    if (count >= maxCandidates) {
      if (best === null && report !== undefined) report.capped = true;
      return best === null ? null : { working: best.w, protection: best.p, guarantee: 'best-found', candidates: count, tails };
    }
  }
}

/**
 * What a protection path may not touch, given the working path: its fibres, inner devices (node) or SRLGs (srlg),
 * except what the forced tails hold (every path takes those, so the pair shares them and says so).
 */
export function disjointFrom(ctx: SearchContext, w: Label, kind: Exclude<ProtectionKind, 'none'>, tails?: Tails): Restrictions {
  const chain = chainOf(w);
  const edges = chain
    .slice(1)
    .map((l) => l.edge!)
    .filter((e) => tails === undefined || !tails.edgeIds.has(e.id));
  const fibres = new Set(edges.flatMap((e) => e.fibres));
  const r: Restrictions = { fibres };
  if (kind === 'node') {
    r.nodes = new Set(chain.map((l) => l.node).filter((n) => n !== ctx.source && n !== ctx.target && !tails?.nodes.has(n)));
    for (const e of edges) for (const n of e.inner) r.nodes.add(n);
  }
  if (kind === 'srlg') r.srlgs = new Set(edges.flatMap((e) => e.srlgs).filter((x) => !tails?.srlgs.has(x)));
  return r;
}

export function disjoint(ctx: SearchContext, a: Label, b: Label, kind: Exclude<ProtectionKind, 'none'>, tails?: Tails): boolean {
  const r = disjointFrom(ctx, a, kind, tails);
  return chainOf(b)
    .slice(1)
    .every((l) => edgeAllowed(ctx, l.edge!, r));
}

/** Replays a list of edges through the transition rule; null when any step is not allowed. */
export function replay(ctx: SearchContext, edges: SearchEdge[]): Label | null {
  let label: Label | null = startLabel(ctx, 0);
  for (const e of edges) {
    if (label === null || onPath(label, e.to) || e.inner.some((n) => onPath(label!, n)) || !edgeAllowed(ctx, e, {})) return null;
    label = extend(ctx, label, e, STRICT, label.seq + 1);
  }
  return label !== null && label.node === ctx.target && label.lp === 0 ? label : null;
}

function order(ctx: SearchContext, a: Label, b: Label): [Label, Label] {
  const d = primary(ctx, a) - primary(ctx, b) || a.lat - b.lat;
  if (d !== 0) return d < 0 ? [a, b] : [b, a];
  return signature(a) <= signature(b) ? [a, b] : [b, a];
}
