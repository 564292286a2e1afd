import type { Device, Inventory, Site, Topology } from '@milli/topology';

/** The sites each indicator counts, with what was assumed where the topology is silent. */
export interface SiteClasses {
  /** Medium-and-above DCs (>= 1000 racks, or assumed so). */
  dcs: Site[];
  /** DCs left out because they have fewer than 1000 racks. */
  smallDcs: Site[];
  /** DCs whose rack count the topology does not give. */
  racksUnknown: string[];
  important: Site[];
  accessPoints: Site[];
  devicesAt: (site: string) => Device[];
  /** Whether a device counts as deployed: listed in the inventory when one is given, else present in the topology. */
  deployed: (device: Device) => boolean;
  assumptions: string[];
}

export const MEDIUM_DC_RACKS = 1000;

export function classifySites(topology: Topology, inventory: Inventory | undefined, assumedRacks: number | undefined): SiteClasses {
  const bySite = new Map<string, Device[]>();
  for (const d of topology.devices) {
    const list = bySite.get(d.site);
    if (list) list.push(d);
    else bySite.set(d.site, [d]);
  }
  const listed = inventory === undefined ? undefined : new Set(inventory.devices.map((e) => e.device));
  const assumptions: string[] = [];
  const dcs: Site[] = [];
  const smallDcs: Site[] = [];
  const racksUnknown: string[] = [];
  for (const s of topology.sites.filter((x) => x.kind === 'dc')) {
    const racks = s.racks ?? assumedRacks;
    if (s.racks === undefined) racksUnknown.push(s.id);
    if (racks === undefined || racks >= MEDIUM_DC_RACKS) dcs.push(s);
    else smallDcs.push(s);
  }
  if (racksUnknown.length > 0) {
    assumptions.push(
      assumedRacks === undefined
        ? `the topology gives no rack count for ${racksUnknown.join(', ')}: assumed medium and above (>= ${MEDIUM_DC_RACKS} racks) and counted`
        : `the topology gives no rack count for ${racksUnknown.join(', ')}: assumed ${assumedRacks} racks as asked`,
    );
  }
  if (listed !== undefined) {
    assumptions.push(
      `an inventory of ${listed.size} devices was given: only devices listed in it count as deployed in the inventory ratios`,
    );
  } else {
    assumptions.push('no inventory was given: every device in the topology counts as deployed');
  }
  return {
    dcs,
    smallDcs,
    racksUnknown,
    important: topology.sites.filter((s) => s.kind === 'important'),
    accessPoints: topology.sites.filter((s) => s.kind === 'access'),
    devicesAt: (site) => bySite.get(site) ?? [],
    deployed: (device) => listed === undefined || listed.has(device.id),
    assumptions,
  };
}

/**
 * A DC's egress transport device: the electrical switch where the DC's traffic leaves for the metro (its OTN switch,
 * the one with client ports toward the DC's servers), else its ROADM/OXC.
 */
export function egressDevice(devices: Device[]): Device | undefined {
  const otn = devices.filter((d) => d.kind === 'otn' || d.kind === 'osu');
  return otn.find((d) => d.ports.some((p) => p.kind === 'client')) ?? otn[0] ?? devices.find((d) => d.kind === 'roadm' || d.kind === 'oxc');
}

export function opticalDevice(devices: Device[]): Device | undefined {
  return devices.find((d) => d.kind === 'oxc') ?? devices.find((d) => d.kind === 'roadm');
}

/** An access point's transport device: the OTN (or OSU) switch that aggregates its lines. */
export function accessDevice(devices: Device[]): Device | undefined {
  return devices.find((d) => d.kind === 'otn') ?? devices.find((d) => d.kind === 'osu');
}
