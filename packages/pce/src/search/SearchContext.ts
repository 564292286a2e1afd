import type { ElementSet, PathObjective } from '../request/pathRequest';
import type { TimeWindow } from '@milli/core';
import type { NodeRole } from '@milli/topology';
import type { ChannelMask } from '../resources/channelMask';
import { fitsLink, SLOT_KBPS } from '../resources/items';
import type { ResourceView } from '../resources/ResourceView';
import type { PceGraph, SearchEdge } from '../graph/PceGraph';
import { lowerBoundsTo } from '../graph/lowerBounds';
import { groomedEdges } from './groomedEdges';
import type { ConcreteLayer } from '../types';

/** Which constraints a search ignores: diagnosis relaxes them one at a time to name the one that blocks. */
export interface Relaxation {
  masks: boolean;
  capacity: boolean;
  bound: boolean;
}

export const STRICT: Relaxation = { masks: false, capacity: false, bound: false };

/** What one search may not use, on top of the request's exclusions (Yen deviations, disjointness). */
export interface Restrictions {
  nodes?: Set<number>;
  fibres?: Set<string>;
  srlgs?: Set<string>;
  /** Specific directed edges (Yen: the deviations already taken from a root). */
  edges?: Set<SearchEdge>;
  /** Any other edge to leave out (interchangeable patch cords). */
  skip?: (edge: SearchEdge) => boolean;
}

export interface ContextInput {
  graph: PceGraph;
  view: ResourceView;
  layer: ConcreteLayer;
  bandwidthKbps: number;
  window: TimeWindow;
  source: number;
  target: number;
  sourcePort?: string;
  targetPort?: string;
  boundUs: number;
  objective: PathObjective;
  grooming: boolean;
  include?: ElementSet;
  exclude?: ElementSet;
  /** Counters to add this request's work to (shared by every context derived from this one). */
  work?: SearchWork;
  /** Labels a search expands before it computes `reachBounds` (default: the graph's node count; infinite: never). */
  reachBoundsAfter?: number;
}

/** What the searches of one request did: the work counter tests and bench:pce read (never time). */
export interface SearchWork {
  /** Label searches started. */
  searches: number;
  /** Labels taken off the heap and expanded. */
  popped: number;
  /** Labels made by extending one over an edge (before dominance). */
  created: number;
  /** Labels dropped because the target is out of their reach within the bound (`reachBounds`). */
  pruned: number;
  /** `reachBounds` computed (one Dijkstra each). */
  reachBounds: number;
}

export function emptyWork(): SearchWork {
  return { searches: 0, popped: 0, created: 0, pruned: 0, reachBounds: 0 };
}

/**
 * Everything one request's searches share: the graph, the resource view at the request's window (with per-request
 * caches so each span mask and link usage is read once), node latencies by role, exclusions and includes as bits.
 */
export class SearchContext {
  readonly graph: PceGraph;
  readonly view: ResourceView;
  readonly layer: ConcreteLayer;
  readonly bandwidthKbps: number;
  readonly slotsNeeded: number;
  readonly window: TimeWindow;
  readonly source: number;
  readonly target: number;
  readonly sourcePort: string | undefined;
  readonly targetPort: string | undefined;
  readonly boundUs: number;
  readonly objective: PathObjective;
  readonly grooming: boolean;
  readonly excludedNodes: Set<number>;
  readonly excludedFibres: Set<string>;
  readonly excludedSrlgs: Set<string>;
  /** Include element → bit. */
  readonly includeNodes: Map<number, number>;
  readonly includeFibres: Map<string, number>;
  readonly includeSrlgs: Map<string, number>;
  readonly includeAll: number;
  /** Groomed OTU links that exist throughout the window, by their first node. */
  readonly extraAdjacency: Map<number, SearchEdge[]>;
  /** Fixed then groomed edges per node that has groomed ones, made once per set of groomed links (edgesFrom). */
  readonly mergedAdjacency: Map<number, SearchEdge[]>;
  readonly fullMask: ChannelMask;
  /** Fixed plus groomed directed edges: the size of per-edge arrays indexed by `SearchEdge.idx`. */
  readonly edgeTotal: number;
  readonly work: SearchWork;
  readonly reachBoundsAfter: number;
  private readonly masks = new Map<string, ChannelMask>();
  /** Per edge idx: 0 unknown, 1 fits, 2 does not (linkFits). */
  private readonly linkOk: Int8Array;
  private readonly portOk = new Map<string, boolean>();
  /** Per edge idx: 0 unknown, 1 both ports free, 2 not (enter/exit edges). */
  private readonly edgePortsOk: Int8Array;
  /** Latency of the nodes other than the two ends in this layer's roles, filled on first use (shared: see interiorLatency). */
  private readonly nodeLat: Float64Array;
  private readonly heuristic: Float64Array;

  constructor(input: ContextInput, parent?: SearchContext) {
    this.graph = input.graph;
    this.view = input.view;
    this.layer = input.layer;
    this.bandwidthKbps = input.bandwidthKbps;
    this.slotsNeeded = Math.ceil(input.bandwidthKbps / SLOT_KBPS);
    this.window = input.window;
    this.source = input.source;
    this.target = input.target;
    this.sourcePort = attachedPort(input.graph, input.source, input.sourcePort);
    this.targetPort = attachedPort(input.graph, input.target, input.targetPort);
    this.boundUs = input.boundUs;
    this.objective = input.objective;
    this.grooming = input.grooming;
    this.work = parent?.work ?? input.work ?? emptyWork();
    this.reachBoundsAfter = input.reachBoundsAfter ?? input.graph.nodes.length;
    const idx = (ids: string[] | undefined) =>
      (ids ?? []).map((id) => input.graph.index.get(id)).filter((i): i is number => i !== undefined);
    this.excludedNodes = new Set(idx(input.exclude?.nodes));
    this.excludedFibres = new Set(input.exclude?.links ?? []);
    this.excludedSrlgs = new Set(input.exclude?.srlgs ?? []);
    let bit = 0;
    const bits = <K>(keys: K[]): Map<K, number> => new Map(keys.map((k) => [k, 1 << bit++]));
    this.includeNodes = bits(idx(input.include?.nodes));
    this.includeFibres = bits(input.include?.links ?? []);
    this.includeSrlgs = bits(input.include?.srlgs ?? []);
    this.includeAll = bit === 0 ? 0 : bit >= 31 ? -1 >>> 0 : (1 << bit) - 1;
    this.fullMask = parent?.fullMask ?? fullMaskOf(input.view.channels);
    const sameWindow = parent !== undefined && parent.window === input.window;
    const groomed = sameWindow ? parent : groomedEdges(input.graph, input.view, input.window);
    this.extraAdjacency = groomed.extraAdjacency;
    this.mergedAdjacency = groomed.mergedAdjacency;
    let edges = input.graph.edgeCount;
    for (const list of this.extraAdjacency.values()) edges += list.length;
    this.edgeTotal = edges;
    if (sameWindow) {
      this.masks = parent.masks;
      this.portOk = parent.portOk;
      this.edgePortsOk = parent.edgePortsOk;
    } else this.edgePortsOk = new Int8Array(edges);
    this.linkOk =
      sameWindow && parent.bandwidthKbps === input.bandwidthKbps && parent.layer === input.layer ? parent.linkOk : new Int8Array(edges);
    this.nodeLat = interiorLatency(input.graph, input.layer);
    this.heuristic = lowerBoundsTo(input.graph, input.target);
  }

  /** The same request with some fields changed (another objective, no includes, another target), sharing the caches. */
  derive(changes: Partial<ContextInput>): SearchContext {
    return new SearchContext({ ...this.input(), ...changes }, this);
  }

  input(): ContextInput {
    return {
      graph: this.graph,
      view: this.view,
      layer: this.layer,
      bandwidthKbps: this.bandwidthKbps,
      window: this.window,
      source: this.source,
      target: this.target,
      sourcePort: this.sourcePort,
      targetPort: this.targetPort,
      boundUs: this.boundUs,
      objective: this.objective,
      grooming: this.grooming,
      reachBoundsAfter: this.reachBoundsAfter,
      include: {
        nodes: [...this.includeNodes.keys()].map((i) => this.graph.nodes[i]!.id),
        links: [...this.includeFibres.keys()],
        srlgs: [...this.includeSrlgs.keys()],
      },
      exclude: {
        nodes: [...this.excludedNodes].map((i) => this.graph.nodes[i]!.id),
        links: [...this.excludedFibres],
        srlgs: [...this.excludedSrlgs],
      },
    };
  }

  freeMask(fibre: string): ChannelMask {
    const cached = this.masks.get(fibre);
    if (cached !== undefined) return cached;
    const m = this.view.freeChannels(fibre, this.window);
    this.masks.set(fibre, m);
    return m;
  }

  /** Whether an OTU link (fixed or groomed) can take this request's demand in the window. */
  linkFits(edge: SearchEdge): boolean {
    const known = this.linkOk[edge.idx]!;
    if (known !== 0) return known === 1;
    let ok: boolean;
    {
      const capacity = edge.groomed ? this.view.linkCapacity(edge.id, this.window) : edge.slots;
      if (capacity === undefined) ok = false;
      else {
        const usage = this.view.linkUsage(edge.id, this.window);
        ok =
          this.layer === 'osu'
            ? fitsLink(capacity, usage.slotsUsed, usage.osuKbpsUsed + this.bandwidthKbps)
            : fitsLink(capacity, usage.slotsUsed + this.slotsNeeded, usage.osuKbpsUsed);
      }
      this.linkOk[edge.idx] = ok ? 1 : 2;
    }
    return ok;
  }

  /** Both ports of a patch-cord (enter/exit) edge are free in the window. */
  edgePortsFree(edge: SearchEdge): boolean {
    const known = this.edgePortsOk[edge.idx]!;
    if (known !== 0) return known === 1;
    const ok = this.portFree(edge.from, edge.fromPort) && this.portFree(edge.to, edge.toPort);
    this.edgePortsOk[edge.idx] = ok ? 1 : 2;
    return ok;
  }

  /** A brand-new OTU link of `slots` can carry the demand. */
  freshLinkFits(slots: number): boolean {
    return this.layer === 'osu' ? fitsLink(slots, 0, this.bandwidthKbps) : this.slotsNeeded <= slots;
  }

  portFree(node: number, port: string): boolean {
    const key = `${node}/${port}`;
    const cached = this.portOk.get(key);
    if (cached !== undefined) return cached;
    const ok = this.view.portFree(this.graph.nodes[node]!.id, port, this.window);
    this.portOk.set(key, ok);
    return ok;
  }

  roleOf(node: number): NodeRole {
    const n = this.graph.nodes[node]!;
    if (n.kind === 'roadm' || n.kind === 'oxc') return 'optical-pass-through';
    const end = node === this.source || node === this.target;
    if (this.layer === 'osu') return end ? 'osu-map' : n.osu ? 'osu-switch' : 'odu-switch';
    return n.kind === 'osu' ? 'osu-map' : 'odu-switch';
  }

  nodeLatency(node: number): number {
    if (node === this.source || node === this.target) return this.graph.nodes[node]!.latency[this.roleOf(node)];
    const known = this.nodeLat[node]!;
    if (known >= 0) return known;
    const us = this.graph.nodes[node]!.latency[this.roleOf(node)];
    this.nodeLat[node] = us;
    return us;
  }

  /** Admissible, consistent lower bound on the latency still to add before the target (lowerBoundsTo). */
  latencyToGo(node: number): number {
    return this.heuristic[node]!;
  }

  /** Every edge out of the node: the graph's, then groomed links'. Callers only read the list. */
  edgesFrom(node: number): SearchEdge[] {
    const fixed = this.graph.adjacency[node]!;
    const extra = this.extraAdjacency.get(node);
    if (extra === undefined) return fixed;
    let merged = this.mergedAdjacency.get(node);
    if (merged === undefined) {
      merged = [...fixed, ...extra];
      this.mergedAdjacency.set(node, merged);
    }
    return merged;
  }
}

/**
 * A node's role, hence its latency, depends on the layer alone unless it is an end of the request: one array per
 * graph and layer serves every request (a cut's bookings each filled their own before).
 */
const interiorLatencies = new WeakMap<PceGraph, Map<ConcreteLayer, Float64Array>>();

function interiorLatency(graph: PceGraph, layer: ConcreteLayer): Float64Array {
  let byLayer = interiorLatencies.get(graph);
  if (byLayer === undefined) {
    byLayer = new Map();
    interiorLatencies.set(graph, byLayer);
  }
  let latencies = byLayer.get(layer);
  if (latencies === undefined) {
    latencies = new Float64Array(graph.nodes.length).fill(-1);
    byLayer.set(layer, latencies);
  }
  return latencies;
}

function fullMaskOf(channels: number): ChannelMask {
  const m: ChannelMask = [0, 0, 0];
  for (let c = 0; c < channels; c++) m[(c >>> 5) as 0 | 1 | 2] = (m[(c >>> 5) as 0 | 1 | 2] | (1 << (c & 31))) >>> 0;
  return m;
}

/** A port restricts the first or last edge only when a fibre of the graph is attached to it. */
function attachedPort(graph: PceGraph, node: number, port: string | undefined): string | undefined {
  if (port === undefined) return undefined;
  return graph.adjacency[node]!.some((e) => e.fromPort === port) ? port : undefined;
}
