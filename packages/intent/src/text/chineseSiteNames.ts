import type { TopologyIndex } from '@milli/topology';

const cache = new WeakMap<TopologyIndex, ReadonlyMap<string, string>>();

/** The topology's Chinese site names → site ids, so that Chinese text may name a site by its name. */
export function chineseSiteNames(index: TopologyIndex): ReadonlyMap<string, string> {
  let names = cache.get(index);
  if (names === undefined) {
    names = new Map(index.topology.sites.filter((s) => s.nameZh !== undefined).map((s) => [s.nameZh!, s.id]));
    cache.set(index, names);
  }
  return names;
}
