import type { KbitPerSecond, Microseconds, Milliseconds } from '@milli/core';
import type { TopologyIndex } from '@milli/topology';
import type { Industry, IntentKind, ParsedDocument, SlaTierName } from '../document';
import type { Intent } from '../intent';
import type { PathRequest, ProtectionKind } from '@milli/pce';
import type { TimeWindow } from '@milli/core';
import type { VolumePlan } from './volumeToBandwidth';
import type { Recurrence } from '../calendar/recurrence';

/** The SLA a line is held to: its tier's terms, with the line's own latency bound and bandwidth. */
export interface SlaTerms {
  tier: SlaTierName;
  maxLatencyUs: Microseconds;
  availabilityPercent: number;
  protection: ProtectionKind;
  bandwidthKbps: KbitPerSecond;
  elasticChangeWithinMs: Milliseconds;
  provisioningTimeMs: Milliseconds;
}

/** What the controller does with a compiled intent: set up a line, change one, or take one down. */
export type CompilationAction = 'create' | 'modify' | 'delete';

/**
 * What an intent compiles to (architecture rule 9: intent + previous result → plan). Plain data: the controller
 * hands `pathRequests` to the PCE, reserves resources for `windows`, and holds the line to `sla`.
 */
export interface Compilation {
  kind: IntentKind;
  action: CompilationAction;
  /** The line changed or removed (elastic, release). */
  line?: string;
  /** Paths to compute; empty for a release. */
  pathRequests: PathRequest[];
  /** When resources are held; `end: null` is open-ended. */
  windows: TimeWindow[];
  sla: SlaTerms | null;
  industry?: Industry;
  /** After a restoration, the line goes back to its original path once the failed fibres return (if still feasible). */
  revertive?: true;
  /** Elastic with an end: the requests the line returns to when the window closes. */
  revertTo?: PathRequest[];
  /** Release: the requests whose resources are freed. */
  releases?: PathRequest[];
  /** Data express: how the bandwidth was derived from the volume and window. */
  volumePlan?: VolumePlan;
  /** A connection on a calendar: its recurrence and the occurrences within the horizon (also in `windows`). */
  schedule?: CompiledSchedule;
  /** One line per decision the compiler made, for `milli intent check` and the API. */
  explain: string[];
}

/**
 * What a scheduler needs of a connection on a calendar: the rule (ask `occurrencesBetween` for any later range)
 * and the occurrences this compilation covers, from `now` to the end of the horizon.
 */
export interface CompiledSchedule {
  recurrence: Recurrence;
  horizon: TimeWindow;
  occurrences: TimeWindow[];
}

/** How far ahead a compilation lists the occurrences of a schedule, unless the context says otherwise. */
export const DEFAULT_HORIZON_MS = 30 * 86_400_000;

export interface CompileContext {
  topology: TopologyIndex;
  now: number;
  /** How far ahead to list a schedule's occurrences; default 30 days. */
  horizonMs?: number;
  /** Where the intent's fields were written, so that a compiler's problems name text offsets; JSON pointers without it. */
  source?: Pick<ParsedDocument, 'form' | 'locations'>;
}

/** One compiler per intent kind; elastic and release need the line's previous compilation. */
export interface IntentCompiler<K extends IntentKind = IntentKind> {
  readonly kind: K;
  compile(intent: Extract<Intent, { kind: K }>, context: CompileContext, previous?: Compilation): Compilation;
}
