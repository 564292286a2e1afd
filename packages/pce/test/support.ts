import fc from 'fast-check';
import type { Device, DeviceKind, Fibre, PortRate, Site, SiteKind, Topology } from '@milli/topology';
import { ledgerForGraph, PceGraph, type ResourceLedger } from '../src/index';

// Shared builders of the pce tests: hand-made multi-layer topologies and random optical cases.
/**
 * Builds small multi-layer topologies for tests, following the model in the package README: ROADM degrees joined by spans,
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

/** Small random ROADM graphs with few channels and random occupancy, for comparing the PCE with brute force. */
export const CHANNELS = 2;
export const US_PER_KM = 4.897;
export const ROADM_US = 0.1;
export const EPS = 1e-6;

export interface Case {
  topology: Topology;
  ledger: ResourceLedger;
  graph: PceGraph;
  occupied: [string, number][];
  /** Ends of pendant chains (pendantCaseArb). */
  ends: string[];
}

const caseParams = fc.record({
  n: fc.integer({ min: 3, max: 7 }),
  edges: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 1, max: 60 }), fc.subarray(['s1', 's2', 's3'], { maxLength: 2 })), {
    minLength: 2,
    maxLength: 12,
  }),
  ring: fc.boolean(),
  ringKm: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 7, maxLength: 7 }),
  occupancy: fc.array(fc.tuple(fc.nat(18), fc.integer({ min: 1, max: CHANNELS })), { maxLength: 36 }),
});

type CaseParams = typeof caseParams extends fc.Arbitrary<infer T> ? T : never;
/** A chain of extra ROADMs hanging off R(attach): [attach, length, km per span, SRLGs of its spans]. */
export type Pendant = [number, number, number, string[]];

export const caseArb = caseParams.map((p) => buildOpticalCase(p, []));

/** Cases with up to two pendant chains (single-homed ends `Q<k>-<length>`), for forced tails of protected pairs. */
export const pendantCaseArb = fc
  .tuple(
    caseParams,
    fc.array(
      fc.tuple(
        fc.nat(6),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 40 }),
        fc.subarray(['s1', 's2', 's4'], { maxLength: 1 }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  )
  .map(([p, pendants]) => buildOpticalCase(p, pendants as Pendant[]));

export function buildOpticalCase({ n, edges, ring, ringKm, occupancy }: CaseParams, pendants: Pendant[]): Case {
  const b = new TopologyBuilder();
  for (let i = 0; i < n; i++)
    b.site(`S${i}`, 'important', 30 + (i % 3) * 0.05, 120 + Math.floor(i / 3) * 0.05).device(`R${i}`, `S${i}`, 'roadm');
  const fibres: string[] = [];
  if (ring) for (let i = 0; i < n; i++) fibres.push(b.span(`R${i}`, `R${(i + 1) % n}`, ringKm[i]!, [`s${(i % 3) + 1}`]));
  for (const [x, y, km, srlgs] of edges) {
    const a = x % n;
    const c = y % n;
    if (a !== c) fibres.push(b.span(`R${a}`, `R${c}`, km, srlgs));
  }
  const ends: string[] = [];
  pendants.forEach(([attach, length, km, srlgs], k) => {
    let prev = `R${attach % n}`;
    for (let j = 1; j <= length; j++) {
      const id = `Q${k}-${j}`;
      b.site(`SQ${k}-${j}`, 'important', 29.9 - k * 0.01, 120 + j * 0.01).device(id, `SQ${k}-${j}`, 'roadm');
      fibres.push(b.span(prev, id, km, srlgs));
      prev = id;
    }
    ends.push(prev);
  });
  const topology = b.build();
  const graph = PceGraph.build(topology);
  const ledger = ledgerForGraph(graph, CHANNELS);
  const occupied: [string, number][] = [];
  for (const [fi, ch] of occupancy) {
    const f = fibres[fi % Math.max(1, fibres.length)];
    if (f === undefined || occupied.some(([g, c]) => g === f && c === ch)) continue;
    ledger.reserve('other', { start: 0, end: null }, [{ kind: 'channel', fibre: f, channel: ch }]);
    occupied.push([f, ch]);
  }
  return { topology, ledger, graph, occupied, ends };
}

export function pathFacts(c: Case, p: { devices: string[]; fibres: string[] }) {
  const fibre = (id: string) => c.topology.fibres.find((f) => f.id === id)!;
  const latency = p.fibres.reduce((a, f) => a + fibre(f).lengthKm * US_PER_KM, 0) + p.devices.length * ROADM_US;
  const channel = Array.from({ length: CHANNELS }, (_, i) => i + 1).find((ch) =>
    p.fibres.every((f) => !c.occupied.some(([g, x]) => g === f && x === ch)),
  );
  const srlgs = new Set(p.fibres.flatMap((f) => fibre(f).srlgs));
  return { latency, channel, srlgs, hops: p.fibres.length };
}
