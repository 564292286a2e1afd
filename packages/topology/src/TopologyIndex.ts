import type { Device, Fibre, FibreEnd, Port, Site, Topology } from './model';
import { TopologyNotFoundError } from './TopologyError';

/** A port named as `device/port` (ids never contain `/`). */
export type PortRef = string;

export function portRef(end: FibreEnd): PortRef {
  return `${end.device}/${end.port}`;
}

export function parsePortRef(ref: PortRef): FibreEnd {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1 || ref.indexOf('/', slash + 1) !== -1) throw new TopologyNotFoundError('port', ref);
  return { device: ref.slice(0, slash), port: ref.slice(slash + 1) };
}

/** A device's fibre to another device: the local port, the fibre, and the far end. */
export interface Neighbour {
  port: Port;
  fibre: Fibre;
  far: FibreEnd;
}

/** Lookups by id; each throws TopologyNotFoundError (code TOPOLOGY_NOT_FOUND) for an unknown id. */
export interface TopologyLookup {
  site(id: string): Site;
  device(id: string): Device;
  port(ref: PortRef): Port;
  fibre(id: string): Fibre;
  devicesAt(siteId: string): readonly Device[];
}

/** Who is joined to whom. A known port with no fibre gives `undefined`; an unknown port throws. */
export interface TopologyAdjacency {
  fibreAt(ref: PortRef): Fibre | undefined;
  farEnd(ref: PortRef): FibreEnd | undefined;
  neighbours(deviceId: string): readonly Neighbour[];
}

/**
 * A read-only index over a (validated) topology, built once in O(size): what the PCE, intent checks,
 * the lab and drivers ask of the network model. It never changes the topology it was given.
 */
export class TopologyIndex implements TopologyLookup, TopologyAdjacency {
  readonly topology: Topology;
  private readonly sites = new Map<string, Site>();
  private readonly devices = new Map<string, Device>();
  private readonly ports = new Map<PortRef, Port>();
  private readonly fibres = new Map<string, Fibre>();
  private readonly bySite = new Map<string, Device[]>();
  private readonly atPort = new Map<PortRef, Fibre>();
  private readonly byDevice = new Map<string, Neighbour[]>();

  constructor(topology: Topology) {
    this.topology = topology;
    for (const s of topology.sites) {
      this.sites.set(s.id, s);
      this.bySite.set(s.id, []);
    }
    for (const d of topology.devices) {
      this.devices.set(d.id, d);
      this.bySite.get(d.site)?.push(d);
      this.byDevice.set(d.id, []);
      for (const p of d.ports) this.ports.set(`${d.id}/${p.id}`, p);
    }
    for (const f of topology.fibres) {
      this.fibres.set(f.id, f);
      for (const [near, far] of [
        [f.a, f.b],
        [f.b, f.a],
      ] as const) {
        const ref = portRef(near);
        this.atPort.set(ref, f);
        const port = this.ports.get(ref);
        if (port !== undefined) this.byDevice.get(near.device)?.push({ port, fibre: f, far });
      }
    }
  }

  site(id: string): Site {
    return this.sites.get(id) ?? notFound('site', id);
  }

  device(id: string): Device {
    return this.devices.get(id) ?? notFound('device', id);
  }

  port(ref: PortRef): Port {
    return this.ports.get(ref) ?? notFound('port', ref);
  }

  fibre(id: string): Fibre {
    return this.fibres.get(id) ?? notFound('fibre', id);
  }

  devicesAt(siteId: string): readonly Device[] {
    return this.bySite.get(siteId) ?? notFound('site', siteId);
  }

  fibreAt(ref: PortRef): Fibre | undefined {
    this.port(ref);
    return this.atPort.get(ref);
  }

  farEnd(ref: PortRef): FibreEnd | undefined {
    const fibre = this.fibreAt(ref);
    if (fibre === undefined) return undefined;
    return portRef(fibre.a) === ref ? fibre.b : fibre.a;
  }

  /** The device's fibres in port order of the fibre list; a fibre between two ports of one device appears twice. */
  neighbours(deviceId: string): readonly Neighbour[] {
    return this.byDevice.get(deviceId) ?? notFound('device', deviceId);
  }
}

function notFound(what: 'site' | 'device' | 'port' | 'fibre', id: string): never {
  throw new TopologyNotFoundError(what, id);
}
