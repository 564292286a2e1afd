import { type Topology, TopologyIndex, fibreLayer } from '../src/index';

/** Test-side graph helpers, written independently of the generator, to check what it claims. */

export interface SiteEdge {
  fibre: string;
  a: string;
  b: string;
  srlgs: string[];
}

/** Inter-site fibres that carry traffic between sites (spans and grey ring links; not patches, not park drops). */
export function siteEdges(t: Topology): SiteEdge[] {
  const index = new TopologyIndex(t);
  const siteOf = (device: string) => index.device(device).site;
  return t.fibres
    .filter((f) => ['optical-span', 'otu-link'].includes(fibreLayer(f, index)))
    .map((f) => ({ fibre: f.id, a: siteOf(f.a.device), b: siteOf(f.b.device), srlgs: f.srlgs }));
}

/** Sites reachable from `start` over every fibre (all layers). */
export function reachableSites(t: Topology, start: string): Set<string> {
  const index = new TopologyIndex(t);
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const site = queue.shift()!;
    for (const d of index.devicesAt(site)) {
      for (const n of index.neighbours(d.id)) {
        const far = index.device(n.far.device).site;
        if (!seen.has(far)) {
          seen.add(far);
          queue.push(far);
        }
      }
    }
  }
  return seen;
}

/**
 * Looks for two routes from `from` to `to` that share no intermediate site, no fibre and no SRLG: each simple route
 * (up to `maxHops`, shortest first) is tried as the first, and a BFS looks for a second around everything it uses.
 * Returns the pair found, or undefined (which, with the bounds, means "none found", not a proof of absence).
 */
export function disjointPair(
  edges: SiteEdge[],
  from: string,
  to: string,
  maxHops = 9,
  maxRoutes = 20000,
): [SiteEdge[], SiteEdge[]] | undefined {
  const adj = new Map<string, SiteEdge[]>();
  for (const e of edges) {
    for (const s of [e.a, e.b]) adj.set(s, [...(adj.get(s) ?? []), e]);
  }
  const other = (e: SiteEdge, s: string) => (e.a === s ? e.b : e.a);
  const routes: SiteEdge[][] = [];
  const walk = (site: string, path: SiteEdge[], visited: Set<string>) => {
    if (routes.length >= maxRoutes) return;
    if (site === to) {
      routes.push([...path]);
      return;
    }
    if (path.length >= maxHops) return;
    for (const e of adj.get(site) ?? []) {
      const next = other(e, site);
      if (visited.has(next)) continue;
      visited.add(next);
      path.push(e);
      walk(next, path, visited);
      path.pop();
      visited.delete(next);
    }
  };
  walk(from, [], new Set([from]));
  routes.sort((x, y) => x.length - y.length);
  for (const first of routes) {
    const bannedSites = new Set<string>();
    let s = from;
    for (const e of first) {
      s = other(e, s);
      if (s !== to) bannedSites.add(s);
    }
    const bannedSrlgs = new Set(first.flatMap((e) => e.srlgs));
    const usable = (e: SiteEdge) => !first.includes(e) && !e.srlgs.some((g) => bannedSrlgs.has(g));
    const prev = new Map<string, SiteEdge>();
    const queue = [from];
    const seen = new Set([from]);
    while (queue.length > 0 && !seen.has(to)) {
      const here = queue.shift()!;
      for (const e of adj.get(here) ?? []) {
        const next = other(e, here);
        if (seen.has(next) || !usable(e) || bannedSites.has(next)) continue;
        seen.add(next);
        prev.set(next, e);
        queue.push(next);
      }
    }
    if (!seen.has(to)) continue;
    const second: SiteEdge[] = [];
    for (let at = to; at !== from; ) {
      const e = prev.get(at)!;
      second.unshift(e);
      at = other(e, at);
    }
    return [first, second];
  }
  return undefined;
}

/** Ray casting in lon/lat: is the point inside the polygon's outer ring? */
export function insidePolygon(ring: [number, number][], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
