import type { ProtectionKind } from '@milli/pce';

/**
 * The intent document: the JSON form of an intent, exactly as a caller writes it (quantities keep their units,
 * times stay as written). The text form parses to this same shape, so both forms share one meaning from here on.
 * The published JSON Schema (`intentSchema`) describes it.
 */

export const INDUSTRIES = ['manufacturing', 'finance', 'transport', 'medical', 'education', 'media'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const SLA_TIER_NAMES = ['2A', '3A', '4A', '5A'] as const;
export type SlaTierName = (typeof SLA_TIER_NAMES)[number];

export const INTENT_KINDS = ['access-line', 'dc-interconnect', 'data-express', 'elastic', 'release'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

export const PROTECTION_KINDS: readonly ProtectionKind[] = ['none', 'link', 'node', 'srlg'];

/** What the caller says a site is; checked against the topology when given. */
export type EndpointRole = 'park' | 'access' | 'dc';

export interface EndpointDocument {
  site: string;
  role?: EndpointRole;
}

/** The days a scheduled connection recurs on: every day, Monday to Friday, or one weekday. */
export const SCHEDULE_DAYS = ['day', 'weekday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type ScheduleDay = (typeof SCHEDULE_DAYS)[number];

/**
 * When a connection is up, if not from now on: a one-shot window (`start`/`end`, on a date or at their next
 * occurrence) or a recurrence (`every`, with or without times; without them the whole day), optionally `until` a
 * date, in `zone` or the network's default zone.
 */
export interface ScheduleDocument {
  /** `HH:MM`, local. */
  start?: string;
  /** `HH:MM`, local; at or before the start means the next day. */
  end?: string;
  /** `YYYY-MM-DD`: the one day of a one-shot window. */
  on?: string;
  every?: ScheduleDay;
  /** `YYYY-MM-DD`: the last day an occurrence may start (recurrences only). */
  until?: string;
  /** `Z` or an offset such as `+08:00`. */
  zone?: string;
}

/** Fields every connection-like kind may carry. */
interface ConnectionTerms {
  from: EndpointDocument;
  to: EndpointDocument;
  /** One-way bound, e.g. `1ms`, `850us`. */
  maxLatency?: string;
  protection?: ProtectionKind;
  tier?: SlaTierName;
}

/**
 * Lines restored after a fault may ask to go back: `revertive` (text: the word `revertive`) moves a line that a
 * restoration re-routed back onto its original path once the fibres that failed are back, if that path is still
 * feasible. Without it a restored line stays where restoration put it.
 */
interface RestorationTerms {
  revertive?: boolean;
}

export interface AccessLineDocument extends ConnectionTerms, RestorationTerms {
  kind: 'access-line';
  /** e.g. `100Mbps`, `2.5 Gbit/s`. */
  bandwidth: string;
  industry?: Industry;
  schedule?: ScheduleDocument;
}

export interface DcInterconnectDocument extends ConnectionTerms, RestorationTerms {
  kind: 'dc-interconnect';
  /** `wavelength` (one 100G wavelength), `100G` or `400G`; default `wavelength`. */
  rate?: string;
  schedule?: ScheduleDocument;
}

export interface DataExpressDocument extends ConnectionTerms {
  kind: 'data-express';
  /** e.g. `50TB`, `2TiB`. */
  volume: string;
  /** When the transfer may start; default now. */
  start?: string;
  /** The deadline; give this or `within`. */
  end?: string;
  /** A duration from the start, e.g. `6h`; give this or `end`. */
  within?: string;
  industry?: Industry;
}

export interface ElasticDocument {
  kind: 'elastic';
  line: string;
  bandwidth: string;
  /** Default now. */
  start?: string;
  /** Without `end` or `within` the change is permanent. */
  end?: string;
  within?: string;
}

export interface ReleaseDocument {
  kind: 'release';
  line: string;
  /** Default now. */
  at?: string;
}

export type IntentDocument = AccessLineDocument | DcInterconnectDocument | DataExpressDocument | ElasticDocument | ReleaseDocument;

/**
 * A document plus where each of its fields came from. For text, `locations` maps JSON pointers to character
 * offsets; for JSON the pointer is the location itself.
 */
export interface ParsedDocument {
  document: IntentDocument;
  form: 'text' | 'json';
  locations: Record<string, number>;
  /** The language of the text form (its messages answer in it); absent means English. */
  language?: 'en' | 'zh';
}
