import type { NodeRole } from '@milli/topology';
import type { PathObjective, PathRequest, ProtectionKind } from './request/pathRequest';
import type { TimeWindow } from '@milli/core';
import type { ReservationItem } from './resources/items';
import type { SearchWork } from './search/SearchContext';

export type ConcreteLayer = 'osu' | 'odu' | 'wavelength';

export interface FibreLatency {
  fibre: string;
  us: number;
}

export interface NodeLatency {
  device: string;
  role: NodeRole;
  us: number;
}

export interface LatencyBreakdown {
  fibres: FibreLatency[];
  nodes: NodeLatency[];
  fibreUs: number;
  nodeUs: number;
  totalUs: number;
}

/** One service-layer hop and what it would take. */
export type PathHop =
  | { kind: 'span'; from: string; to: string; fibre: string; channel: number }
  | { kind: 'otu-link'; from: string; to: string; link: string; fibres: string[]; slots?: number; osuKbps?: number }
  | {
      kind: 'new-lightpath';
      from: string;
      to: string;
      link: string;
      fromPort: string;
      toPort: string;
      channel: number;
      fibres: string[];
      roadms: string[];
      linkSlots: number;
      slots?: number;
      osuKbps?: number;
    };

export interface ComputedPath {
  layer: ConcreteLayer;
  /** Every device on the path in order, ROADMs inside lightpaths included. */
  devices: string[];
  fibres: string[];
  srlgs: string[];
  hops: PathHop[];
  latency: LatencyBreakdown;
  /** Service-layer hops (a new lightpath counts one). */
  hopCount: number;
  /** Resource units: channel-spans plus OTU links used. */
  resourceUnits: number;
  /** OTU links this path would create over new lightpaths (multi-layer grooming). */
  newLightpaths: number;
  /** What `ResourceBook.reserve` takes to hold the path. */
  reservation: ReservationItem[];
}

/** How sure the PCE is that a protected pair is the best one. */
export type PairGuarantee =
  | 'optimal'
  /** The enumeration cap was reached before the bound proved optimality: the pair is valid, maybe not the best. */
  | 'best-found';

/**
 * The access tail of a single-homed endpoint (sharedTails.ts): links every path of the request must take, so both
 * paths of a protected pair share them and protection covers only the rest.
 */
export interface SharedTail {
  /** The endpoint device the tail hangs on. */
  endpoint: string;
  /** From the endpoint to the branch node, where the two paths part. */
  devices: string[];
  fibres: string[];
  srlgs: string[];
  /** `single-homed`: the endpoint has one usable link (and so on along the chain); `named port`: the request named the port. */
  reason: 'single-homed' | 'named port';
}

export interface NormalizedRequest {
  from: string;
  to: string;
  source: string;
  target: string;
  layer: ConcreteLayer;
  bandwidthKbps: number;
  maxLatencyUs: number | null;
  protection: ProtectionKind;
  objective: PathObjective;
  alternatives: number;
  window: TimeWindow;
}

export type PceFailureCode = 'PCE_NO_ROUTE' | 'PCE_LATENCY_BOUND' | 'PCE_NO_SPECTRUM' | 'PCE_NO_CAPACITY' | 'PCE_NO_DISJOINT_PAIR';

export interface PceFailure {
  code: PceFailureCode;
  message: string;
  evidence: Record<string, unknown>;
}

export type PceResult =
  | {
      ok: true;
      request: NormalizedRequest;
      working: ComputedPath;
      protection?: ComputedPath;
      pairGuarantee?: PairGuarantee;
      /** Protected requests: what both paths share because an endpoint is single-homed (empty when fully disjoint). */
      sharedTails?: SharedTail[];
      alternatives: ComputedPath[];
    }
  | { ok: false; request: NormalizedRequest; failure: PceFailure };

export interface PceOptions {
  /** Allow new OTU links over new lightpaths when the OTN layer lacks capacity (default true). */
  grooming?: boolean;
  /** How many working candidates the disjoint-pair search may enumerate before settling for the best found (default 64). */
  maxPairCandidates?: number;
  /** Time used for an absent request window (epoch ms); default 0 so results stay deterministic. */
  now?: number;
  /** Counters this request's searches add to (labels expanded, made, pruned; searches; reach bounds computed). */
  work?: SearchWork;
  /**
   * Labels a search expands before it also prunes by what the request can still reach (`reachBounds`, one
   * Dijkstra over the edges it may use). Default: the graph's node count, about a Dijkstra's worth of work.
   * The optimum and the reason are the same for any value; `Infinity` (never) is the baseline bench:pce measures.
   */
  reachBoundsAfter?: number;
}

export type { PathRequest };
