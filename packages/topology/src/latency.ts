import type { Microseconds } from '@milli/core';
import type { Device, DeviceKind, Fibre } from './model';

/**
 * The latency model (docs/architecture.md, "Units and the latency model"). One place for every default,
 * each with its source or marked as an assumption, so that a path's latency breakdown can be explained.
 */

/** One-way latency of light in standard single-mode fibre: group index 1.4682 at 1550 nm (G.652) → 1.4682 / c. */
export const FIBRE_US_PER_KM = 4.897;

export interface NodeLatencyDefault {
  us: Microseconds;
  source: string;
}

/** What a device adds when a signal crosses it, by the role it plays on the path. */
export type NodeRole = 'optical-pass-through' | 'amplifier' | 'odu-switch' | 'osu-switch' | 'osu-map';

export const NODE_LATENCY_DEFAULTS: Record<NodeRole, NodeLatencyDefault> = {
  'optical-pass-through': {
    us: 0.1,
    source: 'assumption: WSS-based ROADM/OXC pass-through is all-optical; ~20 m of internal fibre and patching',
  },
  amplifier: { us: 0.1, source: 'assumption: EDFA erbium coil of ~20 m; docs/architecture.md' },
  'odu-switch': {
    us: 20,
    source:
      'assumption: ODU cross-connect with mapping and FEC, "tens of µs" (docs/architecture.md, "Units and the latency model"); vendor figures for OTN switching are 10-30 µs',
  },
  'osu-switch': {
    us: 30,
    source:
      'assumption: OSU cross-connect in transit, "tens of µs" (docs/architecture.md, "Units and the latency model"; G.709.20 small containers)',
  },
  'osu-map': {
    us: 40,
    source:
      'assumption: mapping a client into an OSU at the edge (buffering a client frame), "tens of µs" (docs/architecture.md, "Units and the latency model")',
  },
};

/** Which roles a device kind can play; a path hop picks the one it uses. */
export const ROLES_BY_KIND: Record<DeviceKind, NodeRole[]> = {
  roadm: ['optical-pass-through'],
  oxc: ['optical-pass-through'],
  otn: ['odu-switch', 'osu-switch', 'osu-map'],
  osu: ['osu-map', 'osu-switch'],
};

/** Per-model overrides, e.g. `{ 'acme-otn-9': { 'odu-switch': 12 } }`, passed in by whoever knows the hardware. */
export type NodeLatencyOverrides = Record<string, Partial<Record<NodeRole, Microseconds>>>;

/** A measured latency wins; otherwise length × 4.897 µs/km plus the span's in-line amplifiers, if any. */
export function fibreLatencyUs(fibre: Fibre): Microseconds {
  if (fibre.latencyUs !== undefined) return fibre.latencyUs;
  return fibre.lengthKm * FIBRE_US_PER_KM + (fibre.amplifiers ?? 0) * NODE_LATENCY_DEFAULTS.amplifier.us;
}

export function nodeLatencyUs(device: Device, role: NodeRole, overrides: NodeLatencyOverrides = {}): Microseconds {
  const override = device.model === undefined ? undefined : overrides[device.model]?.[role];
  return override ?? NODE_LATENCY_DEFAULTS[role].us;
}
