import type { Device, Fibre } from '@milli/topology';
import type { CrossConnectInfo } from '../contract/inventory';

export interface DiscoveredDevice extends Device {
  vendor?: string;
  /** The driver plugin chosen for the device from its hello. */
  plugin: string;
  crossConnects: CrossConnectInfo[];
}

/** A fibre as the devices report it; `seenFrom` lists the ends whose neighbour data named it. */
export interface DiscoveredFibre extends Fibre {
  seenFrom: ('a' | 'b')[];
}

/**
 * Something the network and what we were told about it do not agree on. Discovery reports these as data and
 * carries on: a half-seen network is still worth having.
 */
export type Disagreement =
  | { kind: 'device-unreachable'; device: string; code: string; message: string }
  | { kind: 'driver-not-found'; device: string; message: string }
  | { kind: 'identity-mismatch'; device: string; reported: string; message: string }
  | { kind: 'kind-mismatch'; device: string; expected: string; reported: string; message: string }
  | { kind: 'fibre-one-sided'; fibre: string; seenAt: string; missingAt: string; message: string }
  | { kind: 'fibre-conflict'; port: string; claims: string[]; message: string }
  | { kind: 'fibre-id-mismatch'; fibre: string; ids: string[]; message: string }
  | { kind: 'length-mismatch'; fibre: string; aKm: number; bKm: number; message: string }
  | { kind: 'length-differs-from-topology'; fibre: string; discoveredKm: number; topologyKm: number; message: string }
  | { kind: 'fibre-not-in-topology'; fibre: string; message: string }
  | { kind: 'fibre-not-discovered'; fibre: string; message: string }
  | { kind: 'device-not-in-topology'; device: string; message: string }
  | { kind: 'device-not-discovered'; device: string; message: string }
  | { kind: 'ports-differ'; device: string; missing: string[]; unexpected: string[]; changed: string[]; message: string };

export interface DiscoveryStats {
  devices: number;
  answered: number;
  rpcs: number;
  wallMs: number;
}

export interface DiscoveredNetwork {
  devices: DiscoveredDevice[];
  fibres: DiscoveredFibre[];
  disagreements: Disagreement[];
  stats: DiscoveryStats;
}
