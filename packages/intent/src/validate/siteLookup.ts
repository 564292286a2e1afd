import type { Device, Site, TopologyIndex } from '@milli/topology';

/** What validation asks of the network: a site by id or nothing (the index throws for unknown ids), and its devices. */
export interface SiteLookup {
  site(id: string): Site | undefined;
  devicesAt(siteId: string): readonly Device[];
  siteIds(): Iterable<string>;
  sites(): readonly Site[];
}

const cache = new WeakMap<TopologyIndex, SiteLookup>();

/** One lookup per index, built on first use and kept as long as the index lives. */
export function siteLookup(index: TopologyIndex): SiteLookup {
  const known = cache.get(index);
  if (known) return known;
  const byId = new Map(index.topology.sites.map((s) => [s.id, s]));
  const lookup: SiteLookup = {
    site: (id) => byId.get(id),
    devicesAt: (siteId) => (byId.has(siteId) ? index.devicesAt(siteId) : []),
    siteIds: () => byId.keys(),
    sites: () => index.topology.sites,
  };
  cache.set(index, lookup);
  return lookup;
}
