import type { CircleReach } from '../latency/reach';
import type { LatencyCircle, ServiceArea } from '../model';

/** Each DC's circle: the access points under the bound, their figures and paths, and the union of their cells. */
export function buildCircles(reach: CircleReach[], areas: ServiceArea[]): { circles: LatencyCircle[]; covered: Set<string> } {
  const areaOf = new Map(areas.map((a) => [a.accessPoint, a.areaKm2]));
  const covered = new Set<string>();
  const circles = reach.map((r) => {
    const members = r.probes.flatMap(({ accessPoint, probe }) =>
      probe?.latencyUs != null ? [{ accessPoint, latencyUs: probe.latencyUs, devices: probe.devices }] : [],
    );
    for (const m of members) covered.add(m.accessPoint);
    return {
      dc: r.dc,
      egressDevice: r.egressDevice ?? '',
      members,
      count: members.length,
      // Cells are disjoint: the union's area is the sum.
      areaKm2: members.reduce((s, m) => s + (areaOf.get(m.accessPoint) ?? 0), 0),
    };
  });
  return { circles, covered };
}
