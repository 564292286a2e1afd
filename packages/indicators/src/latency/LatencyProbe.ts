import { isMilliError } from '@milli/core';
import { computePath, ledgerForGraph, lowerBoundsTo, PceGraph, type ResourceLedger } from '@milli/pce';
import type { NodeLatencyOverrides, Topology } from '@milli/topology';

export type ProbeLayer = 'osu' | 'odu' | 'wavelength';

/** One latency figure and the path behind it, as the PCE computed it. */
export interface Probe {
  from: string;
  to: string;
  layer: ProbeLayer;
  /** The path's one-way latency (fibre and nodes), µs; null when the PCE found no path (within the bound, if one was set). */
  latencyUs: number | null;
  fibreUs: number | null;
  devices: string[];
  fibres: string[];
  /** µs each device on `devices` adds, in path order (empty when there is no path). */
  nodeUs: number[];
  /** µs of each fibre on `fibres`, in path order. */
  fibreUsList: number[];
  /** Why there is no path (a PCE failure code and message), when there is none. */
  failure?: { code: string; message: string };
  /** True when the PCE's own admissible lower bound already reaches the bound, so no search was needed. */
  boundedOut: boolean;
}

/** The path fields of a probe that found no path (fresh lists each time: probes are handed out). */
export function noPath(): Pick<Probe, 'latencyUs' | 'fibreUs' | 'devices' | 'fibres' | 'nodeUs' | 'fibreUsList'> {
  return { latencyUs: null, fibreUs: null, devices: [], fibres: [], nodeUs: [], fibreUsList: [] };
}

/** Bandwidth asked of each layer: the smallest service of the layer (an OSU line, an ODU0, a 100G wavelength). */
const PROBE_KBPS: Record<ProbeLayer, number> = { osu: 100_000, odu: 1_250_000, wavelength: 100_000_000 };

/**
 * Latencies as the provisioning engine sees them: every figure is `computePath` on the topology with no
 * reservations (the network's capability as built; live spectrum and slot use are not in the report's inputs).
 * Latency-bounded probes first ask the PCE's admissible lower bound (a reverse Dijkstra with every node at its
 * cheapest role): when even that reaches the bound, no path can be under it and the search is skipped.
 */
export class LatencyProbe {
  readonly graph: PceGraph;
  private readonly ledger: ResourceLedger;
  computations = 0;
  boundedOut = 0;

  constructor(topology: Topology, overrides: NodeLatencyOverrides = {}) {
    this.graph = PceGraph.build(topology, overrides);
    this.ledger = ledgerForGraph(this.graph);
  }

  /**
   * The least latency any path from `from` to `to` can have (µs): the PCE's bound toward `to` (which counts every
   * device after the source) plus the source's cheapest role.
   */
  lowerBoundUs(from: string, to: string): number {
    const target = this.graph.index.get(to);
    const source = this.graph.index.get(from);
    if (target === undefined || source === undefined) return Number.POSITIVE_INFINITY;
    return lowerBoundsTo(this.graph, target)[source]! + this.graph.minNodeLatency[source]!;
  }

  /** The best path and its latency; with `boundUs`, only a path strictly under the bound counts. */
  probe(from: string, to: string, layer: ProbeLayer, boundUs?: number): Probe {
    const base = { from, to, layer, ...noPath(), boundedOut: false };
    if (boundUs !== undefined && this.lowerBoundUs(from, to) >= boundUs) {
      this.boundedOut++;
      return {
        ...base,
        boundedOut: true,
        failure: { code: 'PCE_LATENCY_BOUND', message: `the least possible latency already reaches ${boundUs} µs` },
      };
    }
    this.computations++;
    let result: ReturnType<typeof computePath>;
    try {
      result = computePath(this.graph, this.ledger, {
        from,
        to,
        bandwidthKbps: PROBE_KBPS[layer],
        layer,
        protection: 'none',
        objective: 'latency',
        alternatives: 0,
        ...(boundUs !== undefined ? { maxLatencyUs: boundUs } : {}),
      });
    } catch (error) {
      // A request the PCE refuses (e.g. an endpoint with no device for the layer) is a finding of the report, not a crash.
      if (!isMilliError(error)) throw error;
      return { ...base, failure: { code: error.code, message: error.message } };
    }
    if (!result.ok) return { ...base, failure: { code: result.failure.code, message: result.failure.message } };
    const { latency, devices, fibres } = result.working;
    if (boundUs !== undefined && latency.totalUs >= boundUs) {
      return { ...base, failure: { code: 'PCE_LATENCY_BOUND', message: `the best path takes exactly ${boundUs} µs: not under it` } };
    }
    return {
      ...base,
      latencyUs: latency.totalUs,
      fibreUs: latency.fibreUs,
      devices,
      fibres,
      nodeUs: latency.nodes.map((n) => n.us),
      fibreUsList: latency.fibres.map((f) => f.us),
    };
  }
}
