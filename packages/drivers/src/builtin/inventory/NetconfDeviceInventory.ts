import type { DeviceKind } from '@milli/topology';
import { readState } from '../../changeset/readState';
import type { CrossConnectInfo, DeviceFacts, DeviceInventory, NeighbourInfo, PortInfo } from '../../contract/inventory';
import type { NetconfReader } from '../../contract/netconf';
import { parseDeviceState } from './parseDeviceState';

const DEVICE_FILTER = '<device xmlns="urn:milli:yang:milli-device"/>';

/**
 * Inventory over NETCONF `<get>`. `facts()` reads the whole state in one RPC (discovery's path); the other
 * methods read only the subtree they need.
 */
export class NetconfDeviceInventory implements DeviceInventory {
  constructor(
    private readonly device: string,
    private readonly kind: DeviceKind,
    private readonly netconf: NetconfReader,
  ) {}

  async ports(): Promise<PortInfo[]> {
    return parseDeviceState(this.device, await readState(this.device, this.netconf, DEVICE_FILTER), this.kind).ports;
  }

  async neighbours(): Promise<NeighbourInfo[]> {
    return parseDeviceState(this.device, await readState(this.device, this.netconf, DEVICE_FILTER), this.kind).neighbours;
  }

  async crossConnects(): Promise<CrossConnectInfo[]> {
    return (await this.facts()).crossConnects;
  }

  async facts(): Promise<DeviceFacts> {
    return parseDeviceState(this.device, await readState(this.device, this.netconf), this.kind);
  }
}
