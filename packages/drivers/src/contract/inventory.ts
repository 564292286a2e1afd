import type { DeviceKind, PortKind, PortRate } from '@milli/topology';

export interface PortInfo {
  id: string;
  kind: PortKind;
  rate?: PortRate;
  group?: string;
  osu?: boolean;
  operStatus?: 'up' | 'down';
}

/** What a port sees at the far end of its fibre, with the fibre's length and its measured one-way latency. */
export interface NeighbourInfo {
  localPort: string;
  remoteDevice: string;
  remotePort: string;
  lengthKm?: number;
  measuredLatencyUs?: number;
  /** The fibre id when the device knows it (a label on the patch panel). */
  fibreId?: string;
  srlgs?: string[];
}

export type CrossConnectLayer = 'media-channel' | 'odu-container' | 'odu-cross-connect' | 'osu-connection' | 'osu-cross-connect';

/** A cross-connect the device holds, on any layer, with its operational state. */
export interface CrossConnectInfo {
  layer: CrossConnectLayer;
  name: string;
  from?: string;
  to?: string;
  operState?: string;
  /** The layer-specific fields (channel, slots, vlan, bandwidth...) as the device reports them. */
  detail: Record<string, unknown>;
}

/** Everything discovery needs from one device, read in one round trip where the model allows. */
export interface DeviceFacts {
  device: string;
  kind: DeviceKind;
  model?: string;
  vendor?: string;
  site?: string;
  ports: PortInfo[];
  neighbours: NeighbourInfo[];
  crossConnects: CrossConnectInfo[];
}

/** Reads what a device has: ports, neighbours, cross-connects, or all of it at once. */
export interface DeviceInventory {
  ports(): Promise<PortInfo[]>;
  neighbours(): Promise<NeighbourInfo[]>;
  crossConnects(): Promise<CrossConnectInfo[]>;
  facts(): Promise<DeviceFacts>;
}
