import type { TopologyIndex } from '@milli/topology';

/**
 * The one fibre a park's CPE hangs on, when it has exactly one: a 1+1 pair from that park cannot be disjoint on it,
 * so the compilation says so (the PCE must treat that first hop as common to both paths, or the pair fails).
 */
export function singleAccessFibre(topology: TopologyIndex, siteId: string): string | undefined {
  let devices: ReturnType<TopologyIndex['devicesAt']>;
  try {
    devices = topology.devicesAt(siteId);
  } catch {
    return undefined;
  }
  const cpe = devices.find((d) => d.kind === 'osu');
  if (!cpe || devices.some((d) => d.kind === 'otn' || d.kind === 'roadm' || d.kind === 'oxc')) return undefined;
  const lines = topology.neighbours(cpe.id).filter((n) => n.port.kind === 'line');
  return lines.length === 1 ? lines[0]?.fibre.id : undefined;
}
