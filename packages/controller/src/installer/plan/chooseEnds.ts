import { MilliError, type TimeWindow } from '@milli/core';
import { type ResourceLedger, SLOTS_BY_RATE } from '@milli/pce';
import { type Port, RATE_CAPACITY_KBPS, type TopologyIndex } from '@milli/topology';
import { type AddDropEnd, type ClientEnd, vlanKey } from './ReservedLine';

// One collator for every comparison: localeCompare with options builds one per call (as the spec defines it, same order).
const byNumber = new Intl.Collator('en', { numeric: true }).compare;
const MAX_VLAN = 4094;

/**
 * The add/drop port a wavelength uses at a ROADM: the lowest-numbered one free in the window whose patch cord leads
 * to a free OTN line port fast enough for the line (the transponder). The smallest line rate that fits is taken
 * first, so a 100G line does not take a 400G transponder while a 100G one is free.
 */
export function chooseAddDrop(
  index: TopologyIndex,
  ledger: ResourceLedger,
  roadm: string,
  bandwidthKbps: number,
  window: TimeWindow,
  taken: ReadonlySet<string>,
): AddDropEnd {
  const candidates = index
    .device(roadm)
    .ports.filter((p) => p.kind === 'add-drop')
    .flatMap((p) => {
      const far = index.farEnd(`${roadm}/${p.id}`);
      if (far === undefined) return [];
      const line = index.port(`${far.device}/${far.port}`);
      if (line.kind !== 'line' || (RATE_CAPACITY_KBPS[line.rate!] ?? 0) < bandwidthKbps) return [];
      return [{ addDrop: p.id, transponder: { device: far.device, port: far.port }, rate: SLOTS_BY_RATE[line.rate!] ?? 0 }];
    })
    .sort((x, y) => x.rate - y.rate || byNumber(x.addDrop, y.addDrop));
  const free = candidates.find(
    (c) =>
      !taken.has(`${roadm}/${c.addDrop}`) &&
      !taken.has(`${c.transponder.device}/${c.transponder.port}`) &&
      ledger.portFree(roadm, c.addDrop, window) &&
      ledger.portFree(c.transponder.device, c.transponder.port, window),
  );
  if (free === undefined) {
    throw new MilliError(
      'INSTALL_NO_PORT',
      `${roadm} has no free add/drop port patched to a free OTN line port of at least ${bandwidthKbps / 1e6} Gbit/s`,
      { device: roadm, bandwidthKbps, candidates: candidates.map((c) => c.addDrop) },
    );
  }
  return { roadm, addDrop: free.addDrop, transponder: free.transponder };
}

/**
 * The client end of an ODU or OSU line on its edge device. An ODU line takes a whole client port fast enough for
 * it (ports without an OSU card first, then the slowest that fits). An OSU line takes the lowest free VLAN on the
 * first OSU client port that has one (on a park's OSU device every client port is an OSU port); `vlan` asks
 * for a given VLAN.
 */
export function chooseClient(
  index: TopologyIndex,
  ledger: ResourceLedger,
  device: string,
  layer: 'odu' | 'osu',
  bandwidthKbps: number,
  window: TimeWindow,
  options: { vlan?: number } = {},
): ClientEnd {
  const dev = index.device(device);
  const clients = dev.ports.filter((p) => p.kind === 'client' && capacity(p) >= bandwidthKbps);
  if (layer === 'odu') {
    const ports = [...clients].sort((x, y) => Number(!!x.osu) - Number(!!y.osu) || capacity(x) - capacity(y) || byNumber(x.id, y.id));
    const port = ledger.freePort(
      device,
      ports.map((p) => p.id),
      window,
    );
    if (port === undefined) throw noPort(device, layer, bandwidthKbps, ports);
    return { device, port };
  }
  const ports = clients.filter((p) => dev.kind === 'osu' || p.osu).sort((x, y) => byNumber(x.id, y.id));
  for (const p of ports) {
    if (!ledger.portFree(device, p.id, window)) continue;
    const vlan = lowestFreeVlan(ledger, device, p.id, window, options.vlan);
    if (vlan !== undefined) return { device, port: p.id, vlan };
  }
  throw noPort(device, layer, bandwidthKbps, ports);
}

/** The lowest VLAN free on the port in the window (or `wanted`, when it is free). */
function lowestFreeVlan(ledger: ResourceLedger, device: string, port: string, window: TimeWindow, wanted?: number): number | undefined {
  const free = (vlan: number) => ledger.portFree(device, vlanKey(port, vlan), window);
  if (wanted !== undefined) return free(wanted) ? wanted : undefined;
  for (let vlan = 1; vlan <= MAX_VLAN; vlan++) if (free(vlan)) return vlan;
  return undefined;
}

function capacity(port: Port): number {
  return port.rate === undefined ? 0 : RATE_CAPACITY_KBPS[port.rate];
}

function noPort(device: string, layer: string, bandwidthKbps: number, ports: Port[]): MilliError {
  return new MilliError(
    'INSTALL_NO_PORT',
    `${device} has no free ${layer === 'osu' ? 'OSU client port (or VLAN on one)' : 'client port'} for ${bandwidthKbps / 1000} Mbit/s`,
    { device, layer, bandwidthKbps, candidates: ports.map((p) => p.id) },
  );
}
