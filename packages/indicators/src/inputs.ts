import type { Inventory, NodeLatencyOverrides, Topology } from '@milli/topology';

/**
 * What a report is computed from. The package reads nothing itself: the caller loads the topology and the
 * inventory and fetches the controller's records (the command line over HTTP, the API from its own facade).
 */

/** One leg of a line's path, shaped like the controller facade's PathView (fields this package reads). */
export interface LivePath {
  layer: 'osu' | 'odu' | 'wavelength';
  devices: string[];
  fibres: string[];
  latencyUs: number;
}

/** Shaped like the controller facade's LineRecord (packages/controller/src/facade/types.ts). */
export interface LiveLine {
  id: string;
  state: string;
  bandwidthKbps: number;
  from: string;
  to: string;
  intents: string[];
  path?: { working: LivePath; protection?: LivePath };
}

/** Shaped like the controller facade's IntentRecord (the fields this package reads). */
export interface LiveIntent {
  id: string;
  kind: string;
  line: string | null;
  state: string;
  input: string | object;
  /** The checked intent (kind, tier, industry, ...). */
  checked?: object;
  history: { from: string | null; to: string; at: number }[];
}

export interface LiveRecords {
  lines: LiveLine[];
  intents: LiveIntent[];
}

export interface ReportOptions {
  /** The latency bound of the circle, the interconnect and one-hop access, µs (default 1000: the notice's 1 ms). */
  boundUs?: number;
  /** Terminal to DC: what the last mile and the DC's internal network add to a line's path, µs (default 2000). */
  accessBudgetUs?: number;
  /** Terminal to DC target, µs (default 10 000). */
  terminalBoundUs?: number;
  /** Buffer of the convex hull when the topology has no boundary, km (default 2). */
  hullMarginKm?: number;
  /** Racks of a DC whose topology entry gives none: undefined means "assumed medium and above" (said in the report). */
  assumedRacks?: number;
  /** Node latency per device model, as the controller's PCE is given them. */
  nodeLatency?: NodeLatencyOverrides;
  /** Epoch ms to stamp the report with. */
  now?: number;
}

export interface ReportInput {
  topology: Topology;
  /** The devices known to answer (lab or discovery inventory); when given, only these count as deployed. */
  inventory?: Inventory;
  live?: LiveRecords;
  options?: ReportOptions;
}

export interface ReportSettings {
  boundUs: number;
  accessBudgetUs: number;
  terminalBoundUs: number;
  hullMarginKm: number;
}

export const DEFAULTS: ReportSettings = {
  boundUs: 1000,
  accessBudgetUs: 2000,
  terminalBoundUs: 10_000,
  hullMarginKm: 2,
};
