import type { Device, Fibre, Port } from '@milli/topology';

/**
 * Which layer a fibre belongs to, from the kinds of the ports it joins (see the package README, "Model"):
 * - `span`: ROADM/OXC degree ↔ degree, an optical span with channels;
 * - `patch`: OTN line ↔ ROADM add/drop, where an OTU link gets onto a lightpath;
 * - `otu`: OTN/OSU line or client ↔ line or client, a fixed OTU link over grey optics (rings, park CPE lines);
 * - `other`: anything else (not used by path computation).
 */
export type FibreClass = 'span' | 'patch' | 'otu' | 'other';

export interface FibreEndInfo {
  device: Device;
  port: Port;
}

const OPTICAL = new Set(['roadm', 'oxc']);
const ELECTRICAL = new Set(['otn', 'osu']);

export function classifyFibre(a: FibreEndInfo, b: FibreEndInfo): FibreClass {
  const aOpt = OPTICAL.has(a.device.kind);
  const bOpt = OPTICAL.has(b.device.kind);
  if (aOpt && bOpt && a.port.kind === 'degree' && b.port.kind === 'degree') return 'span';
  if (isPatch(a, b) || isPatch(b, a)) return 'patch';
  if (isElectric(a) && isElectric(b) && a.device.id !== b.device.id) return 'otu';
  return 'other';
}

function isPatch(o: FibreEndInfo, e: FibreEndInfo): boolean {
  return OPTICAL.has(o.device.kind) && o.port.kind === 'add-drop' && e.device.kind === 'otn' && e.port.kind === 'line';
}

function isElectric(x: FibreEndInfo): boolean {
  return ELECTRICAL.has(x.device.kind) && (x.port.kind === 'line' || x.port.kind === 'client');
}

/** Resolves both ends of a fibre through a `device/port` → end map; undefined when an end does not exist. */
export function fibreEnds(fibre: Fibre, ports: Map<string, FibreEndInfo>): [FibreEndInfo, FibreEndInfo] | undefined {
  const a = ports.get(`${fibre.a.device}/${fibre.a.port}`);
  const b = ports.get(`${fibre.b.device}/${fibre.b.port}`);
  return a === undefined || b === undefined ? undefined : [a, b];
}

export function portMap(devices: Iterable<Device>): Map<string, FibreEndInfo> {
  const out = new Map<string, FibreEndInfo>();
  for (const device of devices) for (const port of device.ports) out.set(`${device.id}/${port.id}`, { device, port });
  return out;
}
