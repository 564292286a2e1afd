import type { SearchEdge } from './PceGraph';
import type { SearchContext } from '../search/SearchContext';

/**
 * A predicate for patch-cord edges to keep out of an enumeration so that it meets each route once: in every class
 * of interchangeable patch cords (PceGraph.patchClasses) all but the first free one, in both directions. Sound for
 * best paths, alternatives and the working side of a disjoint pair: any path through another cord of the class has
 * a twin through the kept one with the same latency, rate and SRLGs, and if the protection path used the kept cord
 * the two can swap cords. OTU links over a cord are not affected. Not used when the request names links to include.
 * Classes are settled lazily, the first time the search meets one.
 */
export function nonCanonicalPatches(ctx: SearchContext): ((edge: SearchEdge) => boolean) | undefined {
  if (ctx.includeFibres.size > 0 || ctx.layer === 'wavelength' || !ctx.grooming || ctx.graph.patchClasses.length === 0) return undefined;
  const kept = new Map<number, SearchEdge | null>();
  return (edge) => {
    const entry = ctx.graph.patchClassOf.get(edge);
    if (entry === undefined) return false;
    let keep = kept.get(entry.cls);
    if (keep === undefined) {
      keep = ctx.graph.patchClasses[entry.cls]!.find((e) => ctx.portFree(e.from, e.fromPort) && ctx.portFree(e.to, e.toPort)) ?? null;
      kept.set(entry.cls, keep);
    }
    return keep !== null && keep !== entry.enter;
  };
}
