import type { Bytes, KbitPerSecond, Microseconds } from '@milli/core';
import type { EndpointRole, Industry, SlaTierName } from './document';
import type { ProtectionKind } from '@milli/pce';
import type { TimeWindow } from '@milli/core';
import type { Recurrence } from './calendar/recurrence';

/**
 * The checked intent: units resolved (kbit/s, µs, bytes), times resolved to epoch milliseconds against the
 * caller's `now`, defaults filled in. Compilers take this and nothing else.
 */

export interface Endpoint {
  site: string;
  /** The role the caller asserted, if any (already checked against the topology). */
  role?: EndpointRole;
}

interface ConnectionIntent {
  from: Endpoint;
  to: Endpoint;
  maxLatencyUs?: Microseconds;
  protection: ProtectionKind;
  tier: SlaTierName;
}

/** A line restoration re-routed goes back to its original path once the failed fibres return (the document's `revertive`). */
interface RestorationIntent {
  revertive?: true;
}

export interface AccessLineIntent extends ConnectionIntent, RestorationIntent {
  kind: 'access-line';
  bandwidthKbps: KbitPerSecond;
  industry?: Industry;
  /** When the line is up; absent: from now on. */
  schedule?: Recurrence;
}

export interface DcInterconnectIntent extends ConnectionIntent, RestorationIntent {
  kind: 'dc-interconnect';
  /** 100 Gbit/s (OTU4 wavelength) or 400 Gbit/s (OTUC4). */
  bandwidthKbps: KbitPerSecond;
  /** When the interconnect is up; absent: from now on. */
  schedule?: Recurrence;
}

export interface DataExpressIntent extends ConnectionIntent {
  kind: 'data-express';
  volumeBytes: Bytes;
  /** Epoch ms. */
  start: number;
  /** Epoch ms, the deadline. */
  end: number;
  industry?: Industry;
}

export interface ElasticIntent {
  kind: 'elastic';
  line: string;
  bandwidthKbps: KbitPerSecond;
  /** `end: null` means the change is permanent. */
  window: TimeWindow;
}

export interface ReleaseIntent {
  kind: 'release';
  line: string;
  /** Epoch ms. */
  at: number;
}

export type Intent = AccessLineIntent | DcInterconnectIntent | DataExpressIntent | ElasticIntent | ReleaseIntent;
