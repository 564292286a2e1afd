import type { OduType, OsuEndpoint } from '@milli/drivers';

export type PathRole = 'working' | 'protection';

/**
 * Configuration other lines may share: an OSU-carrying ODU0 on an OTU link (it stays while any OSU line rides
 * it) and the lightpath under a groomed OTU link (it stays while any line rides the link).
 */
export type SharedBy = { kind: 'osu-odu'; link: string; slot: number } | { kind: 'lightpath'; link: string };

interface Traced {
  device: string;
  /** The entry's name on the device (the key of its list; for a line port, the port). */
  name: string;
  /** The line that planned it, and on which of its paths. */
  line: string;
  path: PathRole;
  shared?: SharedBy;
}

export type PlannedItem = Traced &
  (
    | { layer: 'line-port'; channel: number }
    | { layer: 'media-channel'; channel: number; from: string; to: string; targetPowerDbm: number }
    | { layer: 'odu'; type: OduType; port: string; tributarySlots: number[]; rateKbps?: number }
    | { layer: 'odu-cross-connect'; from: string; to: string }
    | { layer: 'odu-protection-group'; crossConnect: string; protectionOdu: string }
    | { layer: 'osu-connection'; clientPort: string; vlan?: number; bandwidthKbps: number; odu: string; osuId: number }
    | { layer: 'osu-cross-connect'; from: OsuEndpoint; to: OsuEndpoint; bandwidthKbps: number }
    | { layer: 'osu-protection-group'; connection: string; protection: OsuEndpoint }
  );

export type ItemLayer = PlannedItem['layer'];

/** The order items are created in: what an item refers to exists before it (leafrefs hold after every edit). */
export const CREATE_ORDER: readonly ItemLayer[] = [
  'line-port',
  'media-channel',
  'odu',
  'odu-cross-connect',
  'odu-protection-group',
  'osu-connection',
  'osu-cross-connect',
  'osu-protection-group',
];

/** Stable creation order: by layer, then as planned. Teardown is the same list reversed. */
export function inCreateOrder(items: readonly PlannedItem[]): PlannedItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => CREATE_ORDER.indexOf(x.item.layer) - CREATE_ORDER.indexOf(y.item.layer) || x.i - y.i)
    .map((x) => x.item);
}

/** Switching settings the planner writes on every protection group (revertive SNCP, 5 minutes wait-to-restore). */
export const PROTECTION_SWITCHING = { revertive: true, holdOffMs: 0, waitToRestoreS: 300 } as const;

/** Launch power the planner asks of every media channel it creates. */
export const TARGET_POWER_DBM = -2;
