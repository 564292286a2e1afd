import { MilliError } from '@milli/core';
import type { Device, DeviceKind, Fibre, FibreEnd, Port, Site, Topology } from '../model';

/**
 * Assembles a topology the way the generator and the importers both need: devices get management addresses in
 * order, ports are appended with their ids chosen by the caller, fibres are numbered F-1, F-2, ...
 * Pure bookkeeping: the result still goes through validateTopology.
 */
export class TopologyBuilder {
  private readonly sites: Site[] = [];
  private readonly devices = new Map<string, Device>();
  private readonly fibres: Fibre[] = [];
  private readonly counters = new Map<string, number>();

  addSite(site: Site): Site {
    this.sites.push(site);
    return site;
  }

  /** A device with no ports yet; its management address is 10.100.x.y in creation order (NETCONF port 830). */
  addDevice(site: string, kind: DeviceKind, id: string, model: string): Device {
    const n = this.devices.size;
    const device: Device = {
      id,
      site,
      kind,
      model,
      ports: [],
      management: { address: `10.100.${Math.floor(n / 200)}.${10 + (n % 200)}`, port: 830 },
    };
    this.devices.set(id, device);
    return device;
  }

  /** Appends a port `<prefix>-<n>` (n counts per device and prefix) and returns it as a fibre end. */
  addPort(deviceId: string, prefix: string, port: Omit<Port, 'id'>): FibreEnd {
    const device = this.devices.get(deviceId);
    if (device === undefined) throw new MilliError('INTERNAL', `topology builder: no device ${deviceId}`, { deviceId });
    const key = `${deviceId}\u0000${prefix}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const id = `${prefix}-${n}`;
    device.ports.push({ id, ...port });
    return { device: deviceId, port: id };
  }

  connect(a: FibreEnd, b: FibreEnd, lengthKm: number, extra: Partial<Pick<Fibre, 'srlgs' | 'latencyUs' | 'amplifiers'>> = {}): Fibre {
    const fibre: Fibre = { id: `F-${this.fibres.length + 1}`, a, b, lengthKm, srlgs: extra.srlgs ?? [] };
    if (extra.latencyUs !== undefined) fibre.latencyUs = extra.latencyUs;
    if (extra.amplifiers !== undefined) fibre.amplifiers = extra.amplifiers;
    this.fibres.push(fibre);
    return fibre;
  }

  build(name: string | undefined, boundary: Topology['boundary']): Topology {
    return {
      ...(name === undefined ? {} : { name }),
      sites: this.sites,
      devices: [...this.devices.values()],
      fibres: this.fibres,
      ...(boundary === undefined ? {} : { boundary }),
    };
  }
}
