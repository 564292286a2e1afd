import type { KbitPerSecond, Microseconds, TimeWindow } from '@milli/core';

/**
 * What an intent compiles to and what path computation takes: the one request shape shared by the intent
 * compilers (which produce it) and the PCE (which answers it and so owns it). Plain data, no behaviour.
 */

/** `auto` picks by bandwidth (architecture.md): < 1 Gbit/s → osu; 1–100 Gbit/s → odu; DC interconnect and >= 100 Gbit/s → wavelength. */
export type ServiceLayer = 'auto' | 'osu' | 'odu' | 'wavelength';

/** 1+1 protection with working and protection paths disjoint in links, nodes or shared-risk link groups. */
export type ProtectionKind = 'none' | 'link' | 'node' | 'srlg';

export type PathObjective = 'latency' | 'hops' | 'resources';

/**
 * An endpoint: a site id (`dc-north`), a device id (`dc-north-otn`) or a port written `device/port`
 * (`P-17-osu/client-1`). Ids never contain `/`, so the form is unambiguous.
 */
export type EndpointRef = string;

/** Elements a path must use or avoid: device ids, fibre ids, SRLG ids. */
export interface ElementSet {
  nodes?: string[];
  links?: string[];
  srlgs?: string[];
}

export interface PathRequest {
  from: EndpointRef;
  to: EndpointRef;
  bandwidthKbps: KbitPerSecond;
  /** One-way bound on the whole path (fibre and nodes); absent means unbounded. */
  maxLatencyUs?: Microseconds;
  layer: ServiceLayer;
  protection: ProtectionKind;
  include?: ElementSet;
  exclude?: ElementSet;
  objective: PathObjective;
  /** How many alternatives to return beyond the best (0 = only the best). */
  alternatives: number;
  /** When the resources are needed; absent means from now on, open-ended. */
  window?: TimeWindow;
}
