import {
  fibreLatencyUs,
  NODE_LATENCY_DEFAULTS,
  ROLES_BY_KIND,
  type NodeLatencyOverrides,
  type NodeRole,
  nodeLatencyUs,
  type Topology,
} from '@milli/topology';
import type { Device, DeviceKind, Site } from '@milli/topology';
import { SLOTS_BY_RATE } from '../resources/items';
import { classifyFibre, fibreEnds, portMap } from './fibreClass';

/** A directed edge of the search graph. Fixed edges come from fibres; groomed OTU links are added per request. */
export interface SearchEdge {
  /** Fibre id, or the OTU link id for a groomed link. */
  id: string;
  kind: 'span' | 'otu' | 'enter' | 'exit';
  from: number;
  to: number;
  fromPort: string;
  toPort: string;
  /** Fibre latency of the edge; for a groomed link also its ROADM pass-throughs. */
  latencyUs: number;
  fibres: string[];
  srlgs: string[];
  /** Devices inside the edge (the ROADMs a groomed link passes), for disjointness and the breakdown. */
  inner: number[];
  /** OTU edges: slot capacity of a fixed link (the lower of the two port rates). enter/exit: slots of the OTN line port. */
  slots: number;
  /** True for an OTU link that grooming created earlier (its capacity lives in the ledger). */
  groomed: boolean;
  /** Dense index for per-request caches: fixed edges 0..edgeCount-1, groomed links after them. */
  idx: number;
}

export interface GraphNode {
  index: number;
  id: string;
  kind: DeviceKind;
  site: string;
  lat: number;
  lon: number;
  /** Whether any port hosts an OSU card. */
  osu: boolean;
  latency: Record<NodeRole, number>;
}

/**
 * The topology as an indexed multi-layer graph, built once per topology and shared by every request.
 * Nodes are devices sorted by id; adjacency is sorted by (neighbour id, fibre id) so searches break ties the same way every time.
 */
export class PceGraph {
  readonly nodes: GraphNode[];
  readonly index: Map<string, number>;
  readonly adjacency: SearchEdge[][];
  readonly fibreCount: number;
  /** Number of fixed directed edges (their `idx` runs 0..edgeCount-1). */
  readonly edgeCount: number;
  /** 1 for OSU CPEs (they only end paths). */
  readonly isOsu: Uint8Array;
  readonly sitesById: Map<string, Site>;
  readonly devicesById: Map<string, Device>;
  readonly devicesBySite: Map<string, Device[]>;
  /** Fibre id → slot capacity, for fixed OTU links (the ledger's capacity source). */
  readonly fixedLinkSlots: Map<string, number>;
  readonly fibreLatency: Map<string, number>;
  readonly fibreSrlgs: Map<string, string[]>;
  /** The cheapest latency each node can add (its cheapest role). */
  readonly minNodeLatency: Float64Array;
  /**
   * Interchangeable patch cords: `enter` edges from one OTN switch into one ROADM with the same latency, line rate
   * and SRLGs (only classes of two or more). Paths that differ only in which of them they use are equivalent.
   */
  readonly patchClasses: SearchEdge[][];
  /** Enter and exit edges of those classes → their class and their enter edge. */
  readonly patchClassOf: Map<SearchEdge, { cls: number; enter: SearchEdge }>;

  private constructor(topology: Topology, overrides: NodeLatencyOverrides) {
    this.sitesById = new Map(topology.sites.map((s) => [s.id, s]));
    const devices = [...topology.devices].sort((x, y) => cmp(x.id, y.id));
    this.devicesById = new Map(devices.map((d) => [d.id, d]));
    this.devicesBySite = new Map();
    for (const d of devices) {
      const list = this.devicesBySite.get(d.site);
      if (list === undefined) this.devicesBySite.set(d.site, [d]);
      else list.push(d);
    }
    this.index = new Map(devices.map((d, i) => [d.id, i]));
    this.nodes = devices.map((d, i) => {
      const site = this.sitesById.get(d.site);
      const latency = {} as Record<NodeRole, number>;
      for (const role of Object.keys(NODE_LATENCY_DEFAULTS) as NodeRole[]) latency[role] = nodeLatencyUs(d, role, overrides);
      return {
        index: i,
        id: d.id,
        kind: d.kind,
        site: d.site,
        lat: site?.lat ?? 0,
        lon: site?.lon ?? 0,
        osu: d.ports.some((p) => p.osu),
        latency,
      };
    });
    this.minNodeLatency = Float64Array.from(this.nodes, (n) => Math.min(...ROLES_BY_KIND[n.kind].map((r) => n.latency[r])));
    this.adjacency = devices.map(() => []);
    this.fixedLinkSlots = new Map();
    this.fibreLatency = new Map(topology.fibres.map((f) => [f.id, fibreLatencyUs(f)]));
    this.fibreSrlgs = new Map(topology.fibres.map((f) => [f.id, [...f.srlgs].sort()]));
    const fibres = [...topology.fibres].sort((x, y) => cmp(x.id, y.id));
    const ports = portMap(devices);
    for (const fibre of fibres) {
      const ends = fibreEnds(fibre, ports);
      if (ends === undefined) continue;
      const cls = classifyFibre(ends[0], ends[1]);
      if (cls === 'other') continue;
      const latencyUs = fibreLatencyUs(fibre);
      const [a, b] = ends;
      const ai = this.index.get(a.device.id)!;
      const bi = this.index.get(b.device.id)!;
      const base = { id: fibre.id, latencyUs, fibres: [fibre.id], srlgs: [...fibre.srlgs].sort(), inner: [], groomed: false, idx: -1 };
      if (cls === 'span' || cls === 'otu') {
        const slots = cls === 'otu' ? Math.min(slotsOf(a.port.rate), slotsOf(b.port.rate)) : 0;
        if (cls === 'otu') this.fixedLinkSlots.set(fibre.id, slots);
        this.adjacency[ai]!.push({ ...base, kind: cls, from: ai, to: bi, fromPort: a.port.id, toPort: b.port.id, slots });
        this.adjacency[bi]!.push({ ...base, kind: cls, from: bi, to: ai, fromPort: b.port.id, toPort: a.port.id, slots });
      } else {
        const [otn, roadm] = a.device.kind === 'otn' ? [a, b] : [b, a];
        const oi = this.index.get(otn.device.id)!;
        const ri = this.index.get(roadm.device.id)!;
        const slots = slotsOf(otn.port.rate);
        this.adjacency[oi]!.push({ ...base, kind: 'enter', from: oi, to: ri, fromPort: otn.port.id, toPort: roadm.port.id, slots });
        this.adjacency[ri]!.push({ ...base, kind: 'exit', from: ri, to: oi, fromPort: roadm.port.id, toPort: otn.port.id, slots });
      }
    }
    for (const list of this.adjacency) list.sort((x, y) => cmp(this.nodes[x.to]!.id, this.nodes[y.to]!.id) || cmp(x.id, y.id));
    // Fresh objects of one shape, made together: edges built piecemeal between the topology's own allocations
    // iterate an order of magnitude slower in the searches' inner loops (measured on the 5,000-device metro).
    let idx = 0;
    for (let i = 0; i < this.adjacency.length; i++) this.adjacency[i] = this.adjacency[i]!.map((e) => freshEdge(e, idx++));
    this.edgeCount = idx;
    this.isOsu = Uint8Array.from(this.nodes, (n) => (n.kind === 'osu' ? 1 : 0));
    const classes = new Map<string, SearchEdge[]>();
    for (const list of this.adjacency) {
      for (const e of list) {
        if (e.kind !== 'enter') continue;
        const key = `${e.from}>${e.to}|${e.latencyUs}|${e.slots}|${e.srlgs.join(',')}`;
        const members = classes.get(key);
        if (members === undefined) classes.set(key, [e]);
        else members.push(e);
      }
    }
    this.patchClasses = [...classes.values()].filter((c) => c.length > 1);
    this.patchClassOf = new Map();
    this.patchClasses.forEach((members, cls) => {
      for (const enter of members) {
        this.patchClassOf.set(enter, { cls, enter });
        for (const back of this.adjacency[enter.to]!)
          if (back.kind === 'exit' && back.id === enter.id) this.patchClassOf.set(back, { cls, enter });
      }
    });
    this.fibreCount = fibres.length;
  }

  static build(topology: Topology, overrides: NodeLatencyOverrides = {}): PceGraph {
    return new PceGraph(topology, overrides);
  }

  node(id: string): GraphNode | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.nodes[i];
  }
}

function freshEdge(e: SearchEdge, idx: number): SearchEdge {
  return {
    id: e.id,
    kind: e.kind,
    from: e.from,
    to: e.to,
    fromPort: e.fromPort,
    toPort: e.toPort,
    latencyUs: e.latencyUs,
    fibres: [...e.fibres],
    srlgs: [...e.srlgs],
    inner: [...e.inner],
    slots: e.slots,
    groomed: e.groomed,
    idx,
  };
}

export function slotsOf(rate: string | undefined): number {
  return rate === undefined ? 0 : (SLOTS_BY_RATE[rate] ?? 0);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
