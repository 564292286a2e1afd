/**
 * What an indicators report is: one entry per guideline indicator of the programme (the programme's guideline table, summarised in this package's README; the indicators
 * table), each with the figure, the target, the verdict and the evidence behind it. Plain data, so the JSON
 * format is this object as it is and the other formats only render it.
 */

/** The notice's numbering (附件1): 1-4 DC interconnect, 5-9 compute access, 10-11 application reach. */
export type IndicatorId =
  | 'dc-interconnect-latency'
  | 'important-site-oxc-ratio'
  | 'dc-interconnect-technique'
  | 'dc-egress-400g-ratio'
  | 'latency-circle-coverage'
  | 'all-optical-access'
  | 'sla-tier-4a'
  | 'access-point-100g-otn-ratio'
  | 'one-hop-access-ratio'
  | 'terminal-to-dc-latency'
  | 'service-packages';

export type IndicatorGroup = 'interconnect' | 'access' | 'reach';

export interface Indicator {
  id: IndicatorId;
  /** Row number in the notice's table (1..11). */
  number: number;
  group: IndicatorGroup;
  /** `must` (必选) or `optional` (可选), as the notice marks it. */
  kind: 'must' | 'optional';
  /** The figure: a ratio in 0..1, a latency in µs, a count; null when not computed. */
  value: number | null;
  unit: 'ratio' | 'us' | 'count';
  /** The target as data: e.g. `{ op: '<', value: 1000, unit: 'us' }`. */
  target: { op: '<' | '>='; value: number; unit: 'ratio' | 'us' | 'count' };
  /** null when not computed. */
  pass: boolean | null;
  computed: boolean;
  /** Why not computed (e.g. needs the live controller). */
  reason?: string;
  /** One line saying what the figure is, in English; renderers translate the indicator's title, not this. */
  summary: string;
  /** Which sites, paths and lines the figure stands on. */
  evidence: Record<string, unknown>;
  /** What the figure shows is wrong or missing (also gathered into the report's problems). */
  problems: string[];
}

/** A DC's 1 ms latency circle. */
export interface LatencyCircle {
  dc: string;
  /** The DC's egress transport device the latencies are measured from. */
  egressDevice: string;
  /** Access points with one-way latency under the bound, with the PCE's figure and path. */
  members: { accessPoint: string; latencyUs: number; devices: string[] }[];
  count: number;
  /** Union of the members' service areas, km². */
  areaKm2: number;
}

/** A clipped Voronoi cell: the area an access point serves. Rings of [lon, lat]. */
export interface ServiceArea {
  accessPoint: string;
  /** A Polygon's or a MultiPolygon's coordinates (clipping can split a cell at a concave boundary). */
  polygons: [number, number][][][];
  areaKm2: number;
}

export interface MetroArea {
  /** Where the boundary came from. */
  source: 'topology' | 'hull';
  /** The hull's buffer, km (hull only). */
  marginKm?: number;
  polygons: [number, number][][][];
  areaKm2: number;
}

export interface IndicatorReport {
  network: string;
  /** Epoch ms the caller passed (the package reads no clock). */
  generatedAt: number | null;
  /** Whether live controller records were given. */
  live: boolean;
  indicators: Indicator[];
  circles: LatencyCircle[];
  /** Access points in no circle. */
  uncovered: string[];
  metro: MetroArea;
  serviceAreas: ServiceArea[];
  /** How each figure is computed, in both languages. */
  method: { en: string[]; zh: string[] };
  /** What the report assumes where the topology is silent. */
  assumptions: string[];
  /** Every indicator's problems plus failed or not-computed musts. */
  problems: string[];
  /** The count of each kind of computation, for the benchmark and for an honest method section. */
  /** Searches run, pairs ruled out by the lower bound, and optima proven from another search's path. */
  work: { pathComputations: number; boundedOut: number; provenWithoutSearch: number };
}
