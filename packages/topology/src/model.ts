import type { KbitPerSecond, Microseconds } from '@milli/core';

/**
 * The network model: plain, serialisable data (the topology file maps onto it one to one).
 * Every physical connection, including an intra-site patch cord between an OTN line port and a ROADM
 * add/drop port, is a `Fibre`; layers are derived from the kinds of the ports a fibre joins.
 */

export type SiteKind = 'dc' | 'important' | 'access' | 'park';
/** Important sites are core sites or district aggregation sites (docs/architecture.md, "Layers"). */
export type ImportantRole = 'core' | 'aggregation';

export interface Site {
  id: string;
  kind: SiteKind;
  name: string;
  /** The site's Chinese name, when it has one; intents written in Chinese may name the site by it. */
  nameZh?: string;
  lat: number;
  lon: number;
  /** Important sites only. */
  role?: ImportantRole;
  /** Data centres only: standard racks (>= 1000 is "medium and above"). */
  racks?: number;
  /** Data centres only: the fastest egress port, in Gbit/s (indicator 4 asks for >= 400). */
  egressGbps?: number;
}

export type DeviceKind = 'roadm' | 'oxc' | 'otn' | 'osu';

/**
 * - `degree`: a ROADM/OXC line side toward another ROADM (a fibre direction).
 * - `add-drop`: a ROADM/OXC add/drop port, where a transponder or OTN line port plugs in.
 * - `line`: an OTN or OSU line port (an OTU signal: over a lightpath, or straight over fibre with grey optics).
 * - `client`: a client port (Ethernet toward a customer, a server, or a park's OSU CPE).
 */
export type PortKind = 'degree' | 'add-drop' | 'line' | 'client';
export type PortRate = 'OTU2' | 'OTU4' | 'OTUC4' | '1GE' | '10GE' | '100GE' | '400GE';

export interface Port {
  id: string;
  kind: PortKind;
  /** Line and client ports carry a rate; degree and add/drop ports are rate-agnostic optical ports. */
  rate?: PortRate;
  /** ROADM add/drop ports: the add/drop group they belong to. */
  group?: string;
  /** OTN ports that can map OSU containers (an OSU card): access points, DCs and park CPEs. */
  osu?: boolean;
}

export interface Management {
  /** Host name or address; the lab rewrites it to the address the device really has. */
  address: string;
  /** NETCONF over SSH port; 830 when absent. */
  port?: number;
}

export interface Device {
  id: string;
  site: string;
  kind: DeviceKind;
  /** Vendor/model string; selects the node latency profile, the lab behaviour and the driver plugin. */
  model?: string;
  ports: Port[];
  management: Management;
}

export interface FibreEnd {
  device: string;
  port: string;
}

export interface Fibre {
  id: string;
  a: FibreEnd;
  b: FibreEnd;
  lengthKm: number;
  /** Shared-risk link groups: fibres in one duct share an id and fail together. */
  srlgs: string[];
  /** A measured one-way latency; overrides the length-based estimate (amplifiers included). */
  latencyUs?: Microseconds;
  /** In-line amplifiers (EDFAs) along the span; each adds the `amplifier` node latency to the length estimate. */
  amplifiers?: number;
}

/** A GeoJSON Polygon (RFC 7946): rings of [longitude, latitude], first ring the outer boundary. */
export interface BoundaryPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

export interface Topology {
  name?: string;
  /** The zone times of day in intents are read in when they give none, as an offset: `+08:00`, `Z`. Default UTC. */
  utcOffset?: string;
  sites: Site[];
  devices: Device[];
  fibres: Fibre[];
  boundary?: BoundaryPolygon;
}

/** Nominal payload capacity of each rate, in kbit/s, for capacity checks. */
export const RATE_CAPACITY_KBPS: Record<PortRate, KbitPerSecond> = {
  OTU2: 10_000_000,
  OTU4: 100_000_000,
  OTUC4: 400_000_000,
  '1GE': 1_000_000,
  '10GE': 10_000_000,
  '100GE': 100_000_000,
  '400GE': 400_000_000,
};
