import type { TimeWindow } from '@milli/core';
import type { ReservationItem } from '@milli/pce';
import type { FailureReason, IntentFilter, IntentState, PathView, Transition } from '../facade/types';

/**
 * What the controller keeps, as plain data. The interface is asynchronous and speaks no SQL, so that an SQLite file
 * (the embedded default) and a server database can both satisfy it. Rules for implementations: a write is issued
 * when the method is called, in call order, and is durable once its promise settles (writes may share one commit).
 * A transaction's row is awaited before any device is touched; its journal entries are not awaited, and need not
 * be: recovery reads the devices themselves, so an entry lost with the process only makes it undo what it could
 * have finished, and still leaves every device consistent with the outcome it chooses.
 */
export interface ControllerStore {
  /** The next id of a kind (`I-1`, `L-1`, …), never handed out twice. */
  nextId(prefix: 'I' | 'L' | 'T' | 'S' | 'R'): Promise<string>;
  /** A new intent (and, for a create, its new line), with its first transition, all or nothing. */
  createIntent(intent: StoredIntent, line: StoredLine | undefined, first: NewTransition): Promise<Transition>;
  /** One transition with everything it changes: the intent, its line, reservations and schedule entries, all or nothing. */
  writeTransition(change: TransitionChange): Promise<Transition>;
  /** Changes to an intent or line that are not transitions (a computed path, the installed configuration). */
  updateIntent(id: string, patch: IntentPatch): Promise<void>;
  updateLine(id: string, patch: LinePatch): Promise<void>;

  intent(id: string): Promise<StoredIntent | undefined>;
  intentByKey(idempotencyKey: string): Promise<StoredIntent | undefined>;
  intents(query?: IntentQuery): Promise<StoredIntent[]>;
  history(intent: string): Promise<Transition[]>;
  transitionsSince(seq: number, limit?: number): Promise<Transition[]>;
  line(id: string): Promise<StoredLine | undefined>;
  /**
   * A line without its installed configuration (only whether it has one): what assurance reads on every change of a
   * line's alarms, where parsing the installed items of hundreds of lines again and again was most of a cut's work.
   */
  lineOutline(id: string): Promise<LineOutline | undefined>;
  lines(): Promise<StoredLine[]>;
  /** Every line's outline (paths, no installed configuration): alarm correlation reads them after every transition. */
  lineOutlines(): Promise<LineOutline[]>;
  /** Every line's id, without reading the lines (checking a submitted intent's line is a lookup, not a load). */
  lineIds(): Promise<string[]>;
  /** The lines whose installed configuration has an item on the device, without their paths (the reconciler's pass). */
  linesOnDevice(device: string): Promise<StoredLine[]>;
  /** Every intent's state by id, without reading the intents. */
  intentStates(): Promise<Map<string, IntentState>>;

  reservations(): Promise<StoredReservation[]>;

  /** Begun again (same id, a retry after a rollback), its change sets, persist id and plan are replaced. */
  beginTransaction(transaction: StoredTransaction): Promise<void>;
  appendJournal(entry: StoredJournalEntry): Promise<void>;
  endTransaction(id: string, state: Exclude<TransactionState, 'open'>, at: number): Promise<void>;
  openTransactions(): Promise<StoredTransaction[]>;
  /** The ids of the open transactions, without reading their change sets (oldest first). */
  openTransactionIds(): Promise<string[]>;
  /** One transaction's row, open or closed (with its end state and time). */
  transaction(id: string): Promise<StoredTransaction | undefined>;
  journal(transaction: string): Promise<StoredJournalEntry[]>;

  schedule(): Promise<ScheduleEntry[]>;

  close(): Promise<void>;
}

export interface StoredIntent {
  id: string;
  kind: string;
  line: string | null;
  state: IntentState;
  input: string | object;
  idempotencyKey?: string;
  checked?: object;
  /** The compiler's output (intent's Compilation), handed back to the compiler for the line's next intent. */
  compilation?: object;
  explain: string[];
  path?: { working: PathView; protection?: PathView };
  error?: FailureReason;
  /** The xstate machine's persisted snapshot, from which a restarted controller rebuilds the machine. */
  snapshot: unknown;
  createdAt: number;
  updatedAt: number;
}

export type IntentPatch = Partial<Pick<StoredIntent, 'line' | 'checked' | 'compilation' | 'explain' | 'path' | 'error'>>;

export interface StoredLine {
  id: string;
  from: string;
  to: string;
  bandwidthKbps: number;
  /** Intents that shaped this line, oldest first; the first is the one that created it. */
  intents: string[];
  /** The intent whose compilation the line's next intent builds on. */
  current: string;
  /** What the installer put on the devices (its own plain data), for release and resize. */
  installed?: unknown;
  path?: { working: PathView; protection?: PathView };
}

/** A stored line, its installed configuration left out: `installed` says whether the line has one. */
export type LineOutline = Omit<StoredLine, 'installed'> & { installed: boolean };

export type LinePatch = Partial<Pick<StoredLine, 'bandwidthKbps' | 'intents' | 'current' | 'installed' | 'path'>> & {
  /** `null` clears what was installed. */
  installed?: unknown;
};

/** The facade's filter; `site` matches an end of the checked intent (`from.site` or `to.site`). */
export type IntentQuery = IntentFilter;

export interface NewTransition {
  intent: string;
  line: string | null;
  from: IntentState | null;
  to: IntentState;
  reason: string;
  at: number;
}

export interface TransitionChange {
  transition: NewTransition;
  snapshot: unknown;
  intent?: IntentPatch;
  line?: { id: string; patch: LinePatch };
  /** Reservations made by this transition (in the ledger already; stored in the same database transaction). */
  reserve?: StoredReservation[];
  /** Every reservation of these owners is released. */
  releaseOwners?: string[];
  scheduleAdd?: ScheduleEntry[];
  /** Schedule entries of these intents are removed (done or no longer wanted). */
  scheduleDoneFor?: string[];
  scheduleDone?: string[];
  /** The transaction whose outcome this transition records, closed in the same database transaction. */
  endTransaction?: { id: string; state: Exclude<TransactionState, 'open'> };
}

export interface StoredReservation {
  id: string;
  owner: string;
  window: TimeWindow;
  items: ReservationItem[];
}

export type TransactionState = 'open' | 'done' | 'undone' | 'failed';

export interface StoredTransaction {
  id: string;
  intent: string;
  line: string;
  /** install, release or resize */
  purpose: string;
  state: TransactionState;
  /** Every device's change set (ChangeSet.toJSON(): edits and their inverse), written before any device is touched. */
  changes: DeviceChangeRecord[];
  /** The confirmed-commit persist id: the transaction id, or the one its group transaction shares with other lines. */
  persistId: string;
  /** What the line holds once the transaction is done (the installer's plain data): recovery records it when it finishes. */
  plan?: unknown;
  startedAt: number;
  endedAt?: number;
}

export interface DeviceChangeRecord {
  device: string;
  /** `candidate` devices hold a confirmed commit until confirmed; `running` devices apply at once. */
  datastore: 'candidate' | 'running';
  edits: unknown[];
  inverse: unknown[];
}

export interface StoredJournalEntry {
  transaction: string;
  phase: string;
  state: string;
  persistId: string;
  devices: string[];
  at: number;
}

export interface ScheduleEntry {
  id: string;
  intent: string;
  /** What happens at `at`: a window opens, a window closes, a timed release acts. */
  action: 'start' | 'end' | 'release';
  at: number;
}
