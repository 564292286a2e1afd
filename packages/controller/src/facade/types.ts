import type { ErrorCode, KbitPerSecond, Microseconds } from '@milli/core';
import type { Observable } from 'rxjs';

/**
 * The controller's public contract: what the HTTP API, the command line and the console see. Plain data only, so
 * that every field can be stored, sent as JSON and documented in the OpenAPI document as it is.
 */

/** Every state of an intent's lifecycle (docs/architecture.md); the machine, the store and the API use these names. */
export const INTENT_STATES = [
  'accepted',
  'compiling',
  'reserved',
  'scheduled',
  'provisioning',
  'active',
  'degraded',
  'restoring',
  'modifying',
  'deleting',
  'deleted',
  'failed',
] as const;
export type IntentState = (typeof INTENT_STATES)[number];

/** Why an intent failed: always typed, with the evidence a user needs to act. */
export type FailureReason =
  | { kind: 'invalid'; code: ErrorCode; message: string; problems: { message: string; at?: string; suggestion?: string }[] }
  | { kind: 'no-path'; code: ErrorCode; message: string; evidence: Record<string, unknown> }
  | { kind: 'resource-conflict'; code: ErrorCode; message: string; evidence: Record<string, unknown> }
  | { kind: 'transaction'; code: ErrorCode; message: string; phase: string; devices: string[] }
  | { kind: 'window-missed'; code: ErrorCode; message: string }
  | { kind: 'internal'; code: ErrorCode; message: string };

export interface Transition {
  /** Monotonic per controller store: the SSE event id. */
  seq: number;
  intent: string;
  line: string | null;
  from: IntentState | null;
  to: IntentState;
  reason: string;
  /** Epoch ms from the controller's clock. */
  at: number;
}

/** One leg of a line's path as the API shows it. */
export interface PathView {
  layer: 'osu' | 'odu' | 'wavelength';
  devices: string[];
  fibres: string[];
  latencyUs: Microseconds;
  /** Fibre µs per span and node µs per hop, as the PCE computed them. */
  breakdown: { fibres: { fibre: string; us: number }[]; nodes: { device: string; us: number }[] };
  /** The concrete numbers held: channels, tributary slots, OSU ids, add/drop ports. */
  resources: { kind: string; device?: string; link?: string; value: string | number }[];
}

export interface IntentRecord {
  id: string;
  kind: string;
  line: string | null;
  state: IntentState;
  /** As written: text, or the JSON document. */
  input: string | object;
  /** The checked, normalised intent document. */
  checked?: object;
  explain: string[];
  path?: { working: PathView; protection?: PathView };
  history: Transition[];
  error?: FailureReason;
  /** A connection on a calendar: its occurrences in the horizon reserved at admission, past and coming. */
  occurrences?: OccurrenceRecord[];
  createdAt: number;
  updatedAt: number;
}

/**
 * One occurrence of a connection on a calendar and what became of it: `served` (it was in service during it),
 * `missed` (it passed without service), `running` (now), `coming` (reserved, not yet due), `cancelled` (the intent
 * ended before it), `unreserved` (it came into the horizon later and another line holds its resources: `message`).
 */
export interface OccurrenceRecord {
  start: number;
  end: number | null;
  outcome: 'served' | 'missed' | 'running' | 'coming' | 'cancelled' | 'unreserved';
  message?: string;
}

export interface LineRecord {
  id: string;
  state: IntentState;
  bandwidthKbps: KbitPerSecond;
  from: string;
  to: string;
  /** Intents that shaped this line, oldest first. */
  intents: string[];
  path?: { working: PathView; protection?: PathView };
}

export interface IntentFilter {
  state?: IntentState;
  kind?: string;
  line?: string;
  site?: string;
  /** Opaque cursor from a previous page. */
  after?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface SubmitResult {
  id: string;
  line: string | null;
  state: IntentState;
}

/** The controller facade (controller-core issue): small, asynchronous, plain data in and out. */
export interface ControllerApi {
  submit(input: string | object, options?: { idempotencyKey?: string }): Promise<SubmitResult>;
  get(id: string): Promise<IntentRecord | undefined>;
  list(filter?: IntentFilter): Promise<Page<IntentRecord>>;
  modify(id: string, input: string | object): Promise<SubmitResult>;
  release(id: string): Promise<SubmitResult>;
  lines(): Promise<LineRecord[]>;
  /** Every line's id (cheap: what checking a submitted intent against the existing lines needs); optional for other implementations. */
  lineIds?(): Promise<string[]>;
  line(id: string): Promise<LineRecord | undefined>;
  /** Every transition as it is stored. */
  readonly events: Observable<Transition>;
  /** Transitions stored after `seq`, for an SSE client reconnecting with Last-Event-ID. */
  eventsSince(seq: number): Promise<Transition[]>;
  /** Recover open transactions and re-arm schedules, then serve. */
  start(): Promise<void>;
  /** Stop taking work, finish or hand back what is in flight. */
  stop(): Promise<void>;
  readonly ready: boolean;
}
