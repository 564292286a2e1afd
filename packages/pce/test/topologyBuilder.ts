import type { Device, DeviceKind, Fibre, PortRate, Site, SiteKind, Topology } from '@milli/topology';

/**
 * Builds small multi-layer topologies for tests, following multilayer.md: ROADM degrees joined by spans,
 * OTN line ports patched into ROADM add/drop ports, grey OTU links between OTN line ports, park CPEs on OSU client ports.
 */
export class TopologyBuilder {
  private readonly sites: Site[] = [];
  private readonly devices = new Map<string, Device>();
  private readonly fibres: Fibre[] = [];
  private counters = new Map<string, number>();

  site(id: string, kind: SiteKind, lat = 0, lon = 0): this {
    this.sites.push({
      id,
      kind,
      name: id,
      lat,
      lon,
      ...(kind === 'important' ? { role: id.startsWith('CORE') ? 'core' : 'aggregation' } : {}),
    });
    return this;
  }

  device(id: string, site: string, kind: DeviceKind, model?: string): this {
    const port = 20000 + this.devices.size;
    this.devices.set(id, { id, site, kind, ports: [], management: { address: '127.0.0.1', port }, ...(model ? { model } : {}) });
    return this;
  }

  /** An optical span between two ROADMs. */
  span(a: string, b: string, km: number, srlgs: string[] = [], latencyUs?: number): string {
    return this.fibre(this.port(a, 'deg', 'degree'), this.port(b, 'deg', 'degree'), km, srlgs, latencyUs);
  }

  /** An OTN line port patched into a ROADM add/drop port. */
  patch(otn: string, roadm: string, rate: PortRate = 'OTU4'): string {
    return this.fibre(this.port(otn, 'line', 'line', { rate }), this.port(roadm, 'ad', 'add-drop', { group: 'g1' }), 0.01, []);
  }

  /** A grey OTU link between two OTN switches' line ports. */
  grey(a: string, b: string, km: number, rate: PortRate = 'OTU4', srlgs: string[] = []): string {
    return this.fibre(this.port(a, 'line', 'line', { rate }), this.port(b, 'line', 'line', { rate }), km, srlgs);
  }

  /** A park CPE's OTU2 line to an OSU client port of its access point. */
  cpe(osu: string, otn: string, km: number): string {
    return this.fibre(
      this.port(osu, 'line', 'line', { rate: 'OTU2', osu: true }),
      this.port(otn, 'client', 'client', { rate: '10GE', osu: true }),
      km,
      [],
    );
  }

  build(): Topology {
    return { name: 'test', sites: [...this.sites], devices: [...this.devices.values()], fibres: [...this.fibres] };
  }

  private port(
    device: string,
    prefix: string,
    kind: 'degree' | 'add-drop' | 'line' | 'client',
    extra: { rate?: PortRate; group?: string; osu?: boolean } = {},
  ): { device: string; port: string } {
    const d = this.devices.get(device);
    if (d === undefined) throw new Error(`test topology: no device ${device}`);
    const key = `${device}:${prefix}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const id = `${prefix}-${n}`;
    d.ports.push({ id, kind, ...extra });
    return { device, port: id };
  }

  private fibre(
    a: { device: string; port: string },
    b: { device: string; port: string },
    km: number,
    srlgs: string[],
    latencyUs?: number,
  ): string {
    const id = `F-${this.fibres.length + 1}`;
    this.fibres.push({ id, a, b, lengthKm: km, srlgs, ...(latencyUs !== undefined ? { latencyUs } : {}) });
    return id;
  }
}

/**
 * A small metro: park P-1 on access point AP-1; AP-1 and AP-2 on an access ring closing at AGG-1 (grey OTU4);
 * AGG-1, CORE-1 and the DCs have ROADMs in a ring with OTN switches patched into them (two line ports each).
 */
export function smallMetro(): Topology {
  const b = new TopologyBuilder();
  b.site('P-1', 'park', 30.0, 120.0).site('AP-1', 'access', 30.01, 120.0).site('AP-2', 'access', 30.02, 120.01);
  b.site('AGG-1', 'important', 30.03, 120.02).site('CORE-1', 'important', 30.1, 120.1);
  b.site('dc-north', 'dc', 30.2, 120.05).site('dc-south', 'dc', 29.9, 120.2);
  b.device('P-1-osu', 'P-1', 'osu').device('AP-1-otn', 'AP-1', 'otn').device('AP-2-otn', 'AP-2', 'otn');
  for (const s of ['AGG-1', 'CORE-1', 'dc-north', 'dc-south']) b.device(`${s}-roadm`, s, 'roadm').device(`${s}-otn`, s, 'otn');
  b.cpe('P-1-osu', 'AP-1-otn', 2);
  b.grey('AP-1-otn', 'AP-2-otn', 3);
  b.grey('AP-2-otn', 'AGG-1-otn', 3);
  b.grey('AP-1-otn', 'AGG-1-otn', 5);
  b.span('AGG-1-roadm', 'CORE-1-roadm', 15, ['duct-a']);
  b.span('CORE-1-roadm', 'dc-north-roadm', 12, ['duct-b']);
  b.span('AGG-1-roadm', 'dc-south-roadm', 25, ['duct-c']);
  b.span('dc-south-roadm', 'dc-north-roadm', 35, ['duct-d']);
  b.span('CORE-1-roadm', 'dc-south-roadm', 20, ['duct-b']);
  for (const s of ['AGG-1', 'CORE-1', 'dc-north', 'dc-south']) {
    b.patch(`${s}-otn`, `${s}-roadm`);
    b.patch(`${s}-otn`, `${s}-roadm`);
  }
  return b.build();
}
