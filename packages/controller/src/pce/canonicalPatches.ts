import type { SearchEdge } from './PceGraph';
import type { SearchContext } from './SearchContext';

/**
 * Patch-cord edges to keep out of an enumeration so that it meets each route once: in every class of interchangeable patch
 * cords (PceGraph.patchClasses) all but the first free one. Sound for best paths, alternatives and the working
 * side of a disjoint pair: any path through another cord of the class has a twin through the kept one with the
 * same latency, rate and SRLGs, and if the protection path used the kept cord the two can swap cords.
 * Not used when the request names links to include (a named cord must stay reachable).
 */
export function nonCanonicalPatches(ctx: SearchContext): Set<SearchEdge> {
  const banned = new Set<SearchEdge>();
  if (ctx.includeFibres.size > 0 || ctx.layer === 'wavelength' || !ctx.grooming) return banned;
  for (const members of ctx.graph.patchClasses) {
    let kept = false;
    for (const e of members) {
      if (!kept && ctx.portFree(e.from, e.fromPort) && ctx.portFree(e.to, e.toPort)) kept = true;
      else {
        // The cord in both directions (enter and exit); OTU links over it are another matter and stay allowed.
        banned.add(e);
        for (const back of ctx.graph.adjacency[e.to]!) if (back.kind === 'exit' && back.id === e.id) banned.add(back);
      }
    }
  }
  return banned;
}
