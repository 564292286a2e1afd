import { chainOf, type Label, primary } from './label';
import type { SearchEdge } from '../graph/PceGraph';
import { type Restrictions, STRICT, type SearchContext } from './SearchContext';
import { constrainedSearch } from './search';

/**
 * Yen's k shortest simple paths over the constrained search: each spur search starts from the earlier path's own
 * label at the spur node (so root latency, channels and lightpath state carry over exactly), may not take the
 * deviations already taken from that root, and may not revisit the root's devices (the search keeps paths simple).
 * Paths come out in objective order (ties by latency, then by discovery order), each once.
 */
export class PathEnumerator {
  private readonly found: Label[] = [];
  private readonly candidates: Label[] = [];
  private readonly seen = new Set<string>();
  private exhausted = false;
  /** Spur searches run so far (the cost of enumeration). */
  searches = 0;

  constructor(
    private readonly ctx: SearchContext,
    private readonly restrictions: Restrictions = {},
  ) {}

  /**
   * The next path, or null when there is none. With `latencyBelow` (latency objective only) the caller says it
   * no longer cares about paths at or above that latency: spur searches are bounded by it, which prunes hard;
   * paths it hides are never returned later, so the caller must only ever lower it.
   */
  next(latencyBelow = Number.POSITIVE_INFINITY): Label | null {
    if (this.exhausted) return null;
    const ctx =
      latencyBelow < this.ctx.boundUs && this.ctx.objective === 'latency'
        ? this.ctx.derive({ boundUs: latencyBelow * (1 - 1e-12) })
        : this.ctx;
    if (this.found.length === 0) {
      this.searches++;
      const first = constrainedSearch(ctx, this.restrictions);
      if (first === null) {
        this.exhausted = true;
        return null;
      }
      this.seen.add(signature(first));
      this.found.push(first);
      return first;
    }
    const previous = chainOf(this.found[this.found.length - 1]!);
    for (let j = 0; j < previous.length - 1; j++) {
      const spur = previous[j]!;
      const rootEdges = previous.slice(1, j + 1).map((l) => l.edge!);
      const banned = new Set<SearchEdge>(this.restrictions.edges ?? []);
      for (const path of this.found) {
        const chain = chainOf(path);
        if (chain.length > j + 1 && sameRoot(chain, rootEdges)) banned.add(chain[j + 1]!.edge!);
      }
      this.searches++;
      if (spur.lat + ctx.latencyToGo(spur.node) > ctx.boundUs) continue;
      const candidate = constrainedSearch(ctx, { ...this.restrictions, edges: banned }, STRICT, spur);
      if (candidate === null) continue;
      const sig = signature(candidate);
      if (this.seen.has(sig)) continue;
      this.seen.add(sig);
      this.candidates.push(candidate);
    }
    if (this.candidates.length === 0) {
      this.exhausted = latencyBelow === Number.POSITIVE_INFINITY;
      return null;
    }
    this.candidates.sort((a, b) => primary(this.ctx, a) - primary(this.ctx, b) || a.lat - b.lat || a.seq - b.seq);
    const best = this.candidates.shift()!;
    this.found.push(best);
    return best;
  }
}

function sameRoot(chain: Label[], rootEdges: SearchEdge[]): boolean {
  for (let i = 0; i < rootEdges.length; i++) if (chain[i + 1]!.edge !== rootEdges[i]) return false;
  return true;
}

export function signature(label: Label): string {
  return chainOf(label)
    .slice(1)
    .map((l) => `${l.edge!.id}>${l.node}`)
    .join('|');
}
