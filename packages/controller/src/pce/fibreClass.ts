import type { Device, Fibre, Port } from '@milli/topology';

/**
 * Which layer a fibre belongs to, from the kinds of the ports it joins (multilayer.md):
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
  const patch = (o: FibreEndInfo, e: FibreEndInfo) =>
    OPTICAL.has(o.device.kind) && o.port.kind === 'add-drop' && e.device.kind === 'otn' && e.port.kind === 'line';
  if (patch(a, b) || patch(b, a)) return 'patch';
  const electric = (x: FibreEndInfo) => ELECTRICAL.has(x.device.kind) && (x.port.kind === 'line' || x.port.kind === 'client');
  if (electric(a) && electric(b) && a.device.id !== b.device.id) return 'otu';
  return 'other';
}

/** Resolves both ends of a fibre; undefined when an end names a device or port that does not exist. */
export function fibreEnds(fibre: Fibre, devices: Map<string, Device>): [FibreEndInfo, FibreEndInfo] | undefined {
  const end = (e: Fibre['a']): FibreEndInfo | undefined => {
    const device = devices.get(e.device);
    const port = device?.ports.find((p) => p.id === e.port);
    return device === undefined || port === undefined ? undefined : { device, port };
  };
  const a = end(fibre.a);
  const b = end(fibre.b);
  return a === undefined || b === undefined ? undefined : [a, b];
}
