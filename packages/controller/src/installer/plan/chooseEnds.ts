import { MilliError, type TimeWindow } from '@milli/core';
import { type ResourceLedger, SLOTS_BY_RATE } from '@milli/pce';
import { type Port, RATE_CAPACITY_KBPS, type TopologyIndex } from '@milli/topology';
import { type AddDropEnd, type ClientEnd, vlanKey } from './ReservedLine';

const byNumber = (x: string, y: string) => x.localeCompare(y, 'en', { numeric: true });

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
    const vlans = options.vlan !== undefined ? [options.vlan] : Array.from({ length: 4094 }, (_, i) => i + 1);
    const vlan = vlans.find((v) => ledger.portFree(device, vlanKey(p.id, v), window));
    if (vlan !== undefined) return { device, port: p.id, vlan };
  }
  throw noPort(device, layer, bandwidthKbps, ports);
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
