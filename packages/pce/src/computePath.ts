import type { PathRequest } from './request/pathRequest';
import type { ResourceView } from './resources/ResourceView';
import { buildPath } from './search/buildPath';
import { nonCanonicalPatches } from './graph/canonicalPatches';
import { diagnose } from './diagnose/diagnose';
import { disjointPair } from './pairs/disjointPair';
import { chainOf, type Label } from './search/label';
import { PathEnumerator } from './search/PathEnumerator';
import type { PceGraph } from './graph/PceGraph';
import { resolveRequest } from './request/resolveRequest';
import { SearchContext } from './search/SearchContext';
import { constrainedSearch } from './search/search';
import { describeTails, forcedTails } from './pairs/sharedTails';
import type { PceFailure, PceOptions, PceResult } from './types';

/**
 * Path computation: topology graph + resource view + request in, result out. Pure and deterministic: no I/O,
 * no clock (an absent window starts at `options.now`, default 0), ties broken by ids.
 * Throws PceBadRequestError for a request that names unknown things or has bad values; "no path" is a result.
 */
export function computePath(graph: PceGraph, view: ResourceView, request: PathRequest, options: PceOptions = {}): PceResult {
  const { normalized, ctx } = createContext(graph, view, request, options);
  if (normalized.protection === 'none') {
    const enumerator = new PathEnumerator(ctx, { skip: nonCanonicalPatches(ctx) });
    const best = enumerator.next();
    if (best === null) return { ok: false, request: normalized, failure: diagnose(ctx) };
    // Alternatives differ in devices or line fibres; paths that differ only in which patch cord they use are one route.
    const alternatives: Label[] = [];
    const routes = new Set([routeSignature(best)]);
    for (let tries = 0; alternatives.length < normalized.alternatives && tries < 20 * (normalized.alternatives + 1); tries++) {
      const next = enumerator.next();
      if (next === null) break;
      const sig = routeSignature(next);
      if (routes.has(sig)) continue;
      routes.add(sig);
      alternatives.push(next);
    }
    return { ok: true, request: normalized, working: buildPath(ctx, best), alternatives: alternatives.map((l) => buildPath(ctx, l)) };
  }
  const tails = forcedTails(ctx);
  const report = { capped: false };
  const pair = disjointPair(ctx, normalized.protection, options.maxPairCandidates ?? 64, tails, undefined, report);
  if (pair !== null) {
    return {
      ok: true,
      request: normalized,
      working: buildPath(ctx, pair.working),
      protection: buildPath(ctx, pair.protection),
      pairGuarantee: pair.guarantee,
      sharedTails: describeTails(ctx, tails),
      alternatives: [],
    };
  }
  const failure = noPairReason(ctx, normalized.protection, options.maxPairCandidates ?? 64, report);
  if (failure.code === 'PCE_NO_DISJOINT_PAIR') {
    failure.evidence.sharedTails = describeTails(ctx, tails);
    if (tails.sharedPort !== undefined) {
      const { device, port } = tails.sharedPort;
      failure.evidence.reason = `every path must use line port ${device}/${port} (its only usable link): two disjoint paths would need two lightpaths on it`;
    } else if (tails.blocked) failure.evidence.reason = 'the route has no branch: every path takes the same links from end to end';
    if (report.capped) {
      // Not a proof: the enumeration stopped at its cap before it found any pair.
      failure.evidence.proven = false;
      failure.message = `no ${normalized.protection}-disjoint pair found before the search stopped at ${options.maxPairCandidates ?? 64} working candidates: a pair may still exist (not proven)`;
    }
  }
  return { ok: false, request: normalized, failure };
}

/** Resolves a request into the search context its searches share (exported for tests and tools of this package). */
export function createContext(graph: PceGraph, view: ResourceView, request: PathRequest, options: PceOptions = {}) {
  const { normalized, from, to } = resolveRequest(graph, request, options.now ?? 0);
  const ctx = new SearchContext({
    graph,
    view,
    layer: normalized.layer,
    bandwidthKbps: normalized.bandwidthKbps,
    window: normalized.window,
    source: graph.index.get(normalized.source)!,
    target: graph.index.get(normalized.target)!,
    sourcePort: from.port,
    targetPort: to.port,
    boundUs: normalized.maxLatencyUs ?? Number.POSITIVE_INFINITY,
    objective: normalized.objective,
    grooming: options.grooming ?? true,
    include: request.include,
    exclude: request.exclude,
    work: options.work,
    reachBoundsAfter: options.reachBoundsAfter,
  });
  return { normalized, ctx };
}

/** No pair: the single-path reason when even one path fails; otherwise the best pair without the bound, or the lone path. */
function noPairReason(ctx: SearchContext, kind: 'link' | 'node' | 'srlg', maxCandidates: number, report: { capped: boolean }): PceFailure {
  const single = constrainedSearch(ctx);
  if (single === null) return diagnose(ctx);
  const unbounded = disjointPair(ctx.derive({ boundUs: Number.POSITIVE_INFINITY }), kind, maxCandidates, undefined, undefined, report);
  const ids = (l: Label) => chainOf(l).map((x) => ctx.graph.nodes[x.node]!.id);
  if (unbounded !== null) {
    const w = unbounded.working.lat;
    const p = unbounded.protection.lat;
    return {
      code: 'PCE_NO_DISJOINT_PAIR',
      message: `the best ${kind}-disjoint pair has ${fmt(w)} µs and ${fmt(p)} µs; the bound is ${fmt(ctx.boundUs)} µs`,
      evidence: {
        kind,
        boundUs: ctx.boundUs,
        working: { path: ids(unbounded.working), latencyUs: w, withinBound: w <= ctx.boundUs },
        protection: { path: ids(unbounded.protection), latencyUs: p, withinBound: p <= ctx.boundUs },
        best: single.lat,
      },
    };
  }
  return {
    code: 'PCE_NO_DISJOINT_PAIR',
    message: `a path exists (${fmt(single.lat)} µs) but no ${kind}-disjoint second path does, even without the latency bound`,
    evidence: { kind, working: { path: ids(single), latencyUs: single.lat }, protection: null },
  };
}

function routeSignature(label: Label): string {
  return chainOf(label)
    .map((l) => (l.edge === null || l.edge.kind === 'enter' || l.edge.kind === 'exit' ? `${l.node}` : `${l.edge.id}>${l.node}`))
    .join('|');
}

function fmt(us: number): string {
  return String(Number(us.toFixed(3)));
}
