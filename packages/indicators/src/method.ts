import type { ReportSettings } from './inputs';
import type { MetroArea } from './model';

/** How each figure is computed, stated in the report itself (English; the renderers translate the headings). */
export function describeMethod(o: ReportSettings, metro: MetroArea): string[] {
  return [
    `Latency: every figure is @milli/pce computePath (the engine that provisions) on the topology with no reservations, one-way, fibre (4.897 µs/km unless measured) plus each device's role latency; "under" means strictly below ${o.boundUs} µs.`,
    'DC interconnect (1): medium-and-above DCs (>= 1000 racks); wavelength layer ROADM to ROADM for every pair, unbounded, each figure with its path.',
    `1 ms circle (5): per medium-and-above DC, the integrated access points whose ODU-layer path from the DC's egress transport device (its OTN switch) is under ${o.boundUs} µs. Pairs whose PCE lower bound (reverse Dijkstra, every node at its cheapest role) already reaches the bound are out without a search.`,
    "Service areas: Voronoi cells of all access points (@turf/voronoi) in a local equirectangular plane, clipped to the metro (@turf/intersect), areas on the sphere (@turf/area); a circle's area is the union (sum, cells being disjoint) of its members' cells; coverage is the union of all circles over the metro area, and also the count of covered access points over all.",
    metro.source === 'topology'
      ? "Metro area: the topology's boundary polygon."
      : `Metro area: the topology has no boundary; the convex hull of its sites (@turf/convex) buffered by ${metro.marginKm} km (@turf/buffer).`,
    `One-hop access (9): an access point counts when the PCE finds an OSU-layer path (one end-to-end OSU service) from its OTN switch to some DC's OTN switch under ${o.boundUs} µs.`,
    'Ratios (2, 4, 8): important sites with an OXC/ROADM; medium-and-above DCs with a 400GE egress client port (or egressGbps >= 400); access points whose OTN switch has an OTU4 or faster line. With an inventory, only devices listed in it count.',
    `Live lines (3, 6, 7, 10, 11): lines in service are active, degraded, restoring or modifying. Terminal to DC adds ${o.accessBudgetUs} µs (last mile and DC internal network) to each line's path latency, target under ${o.terminalBoundUs} µs.`,
  ];
}
