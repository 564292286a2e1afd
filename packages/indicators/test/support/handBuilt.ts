import { FIBRE_US_PER_KM, type Device, type Port, type PortRate, type Site, type Topology, validateTopology } from '@milli/topology';

/**
 * Small topologies built by hand for tests whose answers are known by construction. Devices get the ports their
 * fibres need as they are joined; every topology is checked by the real validator before a test uses it.
 */
export class HandBuilt {
  private readonly sites: Site[] = [];
  private readonly devices: Device[] = [];
  private readonly fibres: Topology['fibres'] = [];
  private boundary: Topology['boundary'];

  site(id: string, kind: Site['kind'], lon: number, lat: number, extra: Partial<Site> = {}): this {
    this.sites.push({ id, kind, name: id, lat, lon, ...(kind === 'important' ? { role: 'core' as const } : {}), ...extra });
    return this;
  }

  device(id: string, site: string, kind: Device['kind'], ports: Port[] = []): this {
    this.devices.push({ id, site, kind, ports: [...ports], management: { address: `10.9.0.${this.devices.length + 1}` } });
    return this;
  }

  private port(device: string, port: Omit<Port, 'id'>, prefix: string): string {
    const d = this.devices.find((x) => x.id === device);
    if (d === undefined) throw new Error(`test topology: no device ${device}`);
    const id = `${prefix}-${d.ports.length + 1}`;
    d.ports.push({ id, ...port });
    return id;
  }

  /** An optical span between two ROADMs/OXCs. */
  span(a: string, b: string, lengthKm: number): this {
    return this.fibre(a, this.port(a, { kind: 'degree' }, 'deg'), b, this.port(b, { kind: 'degree' }, 'deg'), lengthKm);
  }

  /** An OTN switch's line port patched into its ROADM's add/drop port. */
  patch(otn: string, roadm: string, rate: PortRate = 'OTU4'): this {
    return this.fibre(
      otn,
      this.port(otn, { kind: 'line', rate }, 'line'),
      roadm,
      this.port(roadm, { kind: 'add-drop', group: 'adg-1' }, 'ad'),
      0.01,
    );
  }

  /** A grey OTU link between two OTN switches. */
  otu(a: string, b: string, lengthKm: number, rate: PortRate = 'OTU4'): this {
    return this.fibre(a, this.port(a, { kind: 'line', rate }, 'line'), b, this.port(b, { kind: 'line', rate }, 'line'), lengthKm);
  }

  private fibre(a: string, pa: string, b: string, pb: string, lengthKm: number): this {
    this.fibres.push({ id: `F${this.fibres.length + 1}`, a: { device: a, port: pa }, b: { device: b, port: pb }, lengthKm, srlgs: [] });
    return this;
  }

  rectangle(lon0: number, lat0: number, lon1: number, lat1: number): this {
    this.boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [lon0, lat0],
          [lon1, lat0],
          [lon1, lat1],
          [lon0, lat1],
          [lon0, lat0],
        ],
      ],
    };
    return this;
  }

  build(name = 'hand-built'): Topology {
    const t: Topology = {
      name,
      sites: this.sites,
      devices: this.devices,
      fibres: this.fibres,
      ...(this.boundary ? { boundary: this.boundary } : {}),
    };
    const problems = validateTopology(t);
    if (problems.length > 0) throw new Error(`test topology invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    return t;
  }
}

/** The fibre length whose latency is `us` (the model's 4.897 µs/km). */
export const kmFor = (us: number) => us / FIBRE_US_PER_KM;

/** OTN switch ports a DC or access point needs besides its lines: OSU-capable clients (one-hop lines end there). */
export const osuClients = (rate: PortRate = '10GE'): Port[] => [{ id: 'client-1', kind: 'client', rate, osu: true }];

/** A DC and two access points in a row (10 km apart), in a small rectangle: the live-record tests' network. */
export function dcWithTwoAccessPoints(name = 'hand-built'): Topology {
  return dcAndTwoAccessPoints().build(name);
}

/** The same network, still open for more sites, devices and fibres. */
export function dcAndTwoAccessPoints(): HandBuilt {
  return new HandBuilt()
    .site('dc-1', 'dc', 121.0, 31.0, { racks: 2000 })
    .site('AP-1', 'access', 121.1, 31.0)
    .site('AP-2', 'access', 121.2, 31.0)
    .device('dc-1-otn', 'dc-1', 'otn', osuClients())
    .device('AP-1-otn', 'AP-1', 'otn', osuClients())
    .device('AP-2-otn', 'AP-2', 'otn', osuClients())
    .otu('dc-1-otn', 'AP-1-otn', 10)
    .otu('AP-1-otn', 'AP-2-otn', 10)
    .rectangle(120.9, 30.9, 121.3, 31.1);
}
