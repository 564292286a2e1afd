import { type Topology, TopologyIndex, loadTopology } from '@milli/topology';
import { fact, heading } from './say';

/** Loads the lab metro and says what is in it. */
export async function topologyStep(path: string): Promise<{ topology: Topology; index: TopologyIndex }> {
  heading(`Topology: ${path}`);
  const topology = await loadTopology(path);
  const count = <T>(items: T[], key: (t: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  };
  fact(`${topology.sites.length} sites (${count(topology.sites, (s) => s.kind)})`);
  fact(`${topology.devices.length} devices (${count(topology.devices, (d) => d.kind)})`);
  const km = topology.fibres.reduce((sum, f) => sum + f.lengthKm, 0);
  fact(`${topology.fibres.length} fibres, ${km.toFixed(1)} km in all`);
  return { topology, index: new TopologyIndex(topology) };
}
