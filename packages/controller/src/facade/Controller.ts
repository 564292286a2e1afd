import { RestorationTurns } from './RestorationTurns';
import { type Clock, type Logger, MilliError } from '@milli/core';
import { Semaphore } from '@milli/drivers';
import { parseIntent } from '@milli/intent';
import { ledgerForGraph, type PceGraph, type ResourceLedger } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import { filter, firstValueFrom, type Observable, Subject } from 'rxjs';
import { LIGHTPATH_OWNER } from '../installer/plan/ReservedLine';
import { IntentLifecycles } from '../lifecycle/IntentLifecycles';
import type { LineInstaller } from '../line/LineInstaller';
import { readsProtectionState } from '../line/ProtectionStateReader';
import { Scheduler } from '../scheduler/Scheduler';
import type { ControllerStore, StoredLine } from '../store/ControllerStore';
import { actOnSchedule } from '../usecases/actOnSchedule';
import { compileIntent } from '../usecases/compileIntent';
import { provisionIntent } from '../usecases/provisionIntent';
import { recoverOnStart } from '../usecases/recoverOnStart';
import { teardownIntent } from '../usecases/teardownIntent';
import type { ControllerCore, StandingFaults } from './ControllerCore';
import { markLineFault } from '../usecases/markLineFault';
import { revertLine } from '../usecases/revertLine';
import { LineQueues } from './LineQueues';
import { PendingLineFaults } from './PendingLineFaults';
import { intentRecord, lineRecord } from './records';
import type { ControllerApi, IntentFilter, IntentRecord, IntentState, LineRecord, Page, SubmitResult, Transition } from './types';

export interface ControllerParts {
  store: ControllerStore;
  installer: LineInstaller;
  index: TopologyIndex;
  graph: PceGraph;
  clock: Clock;
  logger: Logger;
  /** The ledger the installer shares (default: a new one over the graph). */
  ledger?: ResourceLedger;
  /**
   * Line transactions in flight at once, across all lines (default 256). The multi-layer installer's group commit
   * sends those waiting on the same devices as one network transaction, so this bounds work queued, not sessions.
   */
  maxTransactions?: number;
  /** Compute-and-reserve attempts before an intent fails for resources taken meanwhile (default 3). */
  reserveAttempts?: number;
  /**
   * How long the original path of a revertive line must stay whole (no alarm on its fibres) before the line goes back
   * to it (default 10 000 ms; 0: at once). A fibre that flaps does not move lines back and forth, and the light on a
   * returned fibre has settled when the move comes.
   */
  revertAfterMs?: number;
}

const DEFAULT_PAGE = 100;

/** Something that runs beside the controller while it serves (the reconciler). */
export interface ServingPart {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The controller facade (ControllerApi): intents in, lines out, every transition stored then announced. Work for
 * one line runs in order, lines run in parallel, transactions in flight are bounded. `start` recovers, then serves.
 * Extends the contract with `until(id, states)` (wait for an intent's outcome) and `idle()` (no work queued).
 */
export class Controller implements ControllerApi {
  private readonly transitions = new Subject<Transition>();
  private readonly core: ControllerCore;
  private readonly scheduler: Scheduler;
  private serving = false;
  private started = false;
  private readonly parts: ServingPart[] = [];
  private readonly lightpathsToFree = new Set<string>();
  private readonly pendingFaults = new PendingLineFaults();
  private failedKey: { of: ReadonlySet<string>; text: string } | undefined;

  constructor(parts: ControllerParts) {
    const log = parts.logger;
    const queues = new LineQueues(log);
    this.scheduler = new Scheduler(parts.clock, (entry) => this.enqueueFor(entry.intent, () => actOnSchedule(this.core, entry)), log);
    const lifecycles = new IntentLifecycles(
      parts.store,
      () => parts.clock.now(),
      this.transitions,
      {
        compile: (id) => this.enqueueFor(id, () => compileIntent(this.core, id)),
        provision: (id) => this.enqueueFor(id, () => provisionIntent(this.core, id)),
        // An elastic change drives its line's first intent through modifying itself (provisionIntent.resizeForElastic).
        modify: () => {},
        teardown: (id) => this.enqueueFor(id, () => teardownIntent(this.core, id)),
      },
      (change) => {
        // An owner released and reserved in one change was re-booked in the ledger already: only its rows change.
        const rebooked = new Set((change.reserve ?? []).map((r) => r.owner));
        for (const owner of change.releaseOwners ?? []) if (!rebooked.has(owner)) this.releaseInLedger(owner);
        for (const owner of [...this.lightpathsToFree]) this.releaseInLedger(owner);
      },
      log,
    );
    this.transitions.subscribe((t) => {
      if (t.line) this.pendingFaults.changed(t.line);
    });
    this.core = {
      store: parts.store,
      installer: parts.installer,
      index: parts.index,
      graph: parts.graph,
      ledger: parts.ledger ?? ledgerForGraph(parts.graph),
      ...(readsProtectionState(parts.installer) ? { protection: parts.installer } : {}),
      clock: parts.clock,
      log,
      lifecycles,
      queues,
      transactions: new Semaphore(parts.maxTransactions ?? 256),
      reserveAttempts: parts.reserveAttempts ?? 3,
      failedFibres: new Set(),
      restorations: new RestorationTurns(),
      fruitless: new Map(),
      reverts: { afterMs: parts.revertAfterMs ?? 10_000, waiting: new Map(), notRevertive: new Set() },
      arm: (entries) => this.scheduler.arm(entries),
    };
  }

  /**
   * A lightpath taken off the network by a group transaction may still carry, in the ledger, a line released in the
   * same transaction whose own transition is written just after: the ledger frees it once that line is gone.
   */
  private releaseInLedger(owner: string): void {
    try {
      this.core.ledger.releaseOwner(owner);
      this.lightpathsToFree.delete(owner);
    } catch (error) {
      if (!owner.startsWith(LIGHTPATH_OWNER)) throw error;
      this.lightpathsToFree.add(owner);
    }
  }

  get events(): Observable<Transition> {
    return this.transitions.asObservable();
  }

  get ready(): boolean {
    return this.serving;
  }

  /**
   * A part that works while the controller serves (the reconciler): started once recovery has finished open
   * transactions (at once if the controller serves already), stopped before anything else on stop.
   */
  attach(part: ServingPart): void {
    this.parts.push(part);
    if (this.serving) part.start();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await recoverOnStart(this.core);
    this.serving = true;
    for (const part of this.parts) part.start();
    this.core.log.info('controller serving');
  }

  async stop(): Promise<void> {
    this.serving = false;
    for (const part of this.parts) await part.stop();
    this.scheduler.stop();
    for (const waiting of this.core.reverts.waiting.values()) waiting.cancel();
    this.core.reverts.waiting.clear();
    await this.core.queues.idle();
    this.core.lifecycles.stopAll();
    this.transitions.complete();
    this.core.log.info('controller stopped');
  }

  /** Resolves with the intent's state once it is one of `states` (at once if it already is); rejects if the controller stops first. */
  async until(id: string, states: IntentState[]): Promise<IntentState> {
    const seen = firstValueFrom(this.events.pipe(filter((t) => t.intent === id && states.includes(t.to))), { defaultValue: undefined });
    const now = await this.core.store.intent(id);
    if (now && states.includes(now.state)) return now.state;
    const reached = await seen;
    if (!reached)
      throw new MilliError('CONTROLLER_STOPPED', `the controller stopped before ${id} reached ${states.join(' or ')}`, { intent: id });
    return reached.to;
  }

  /** Resolves when no work is queued on any line. */
  idle(): Promise<void> {
    return this.core.queues.idle();
  }

  async submit(input: string | object, options: { idempotencyKey?: string } = {}): Promise<SubmitResult> {
    this.assertServing();
    if (options.idempotencyKey) {
      const existing = await this.core.store.intentByKey(options.idempotencyKey);
      if (existing) return { id: existing.id, line: existing.line, state: existing.state };
    }
    const { store, clock } = this.core;
    const id = await store.nextId('I');
    const target = await this.lineOf(input, id);
    const now = clock.now();
    const created = await this.core.lifecycles.create(
      {
        id,
        kind: target.kind,
        line: target.line,
        input,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        explain: [],
        createdAt: now,
        updatedAt: now,
      },
      target.newLine,
      'submitted',
    );
    if (target.line && !target.newLine) {
      const line = await store.line(target.line);
      if (line) await store.updateLine(line.id, { intents: [...line.intents, id] });
    }
    this.enqueueFor(
      id,
      () => this.core.lifecycles.send(id, target.line, { type: 'COMPILE' }, 'compiling').then(() => undefined),
      target.line,
    );
    this.core.log.child({ intent: id, line: target.line }).info({ kind: target.kind }, 'intent submitted');
    return { id, line: target.line, state: created.to };
  }

  async get(id: string): Promise<IntentRecord | undefined> {
    const stored = await this.core.store.intent(id);
    return stored && intentRecord(stored, await this.core.store.history(id), this.core.clock.now());
  }

  async list(filter: IntentFilter = {}): Promise<Page<IntentRecord>> {
    const limit = Math.max(1, Math.min(filter.limit ?? DEFAULT_PAGE, 1000));
    const { limit: _ignored, ...query } = filter;
    const found = await this.core.store.intents({ ...query, limit: limit + 1 });
    const page = found.slice(0, limit);
    const items = await Promise.all(page.map(async (s) => intentRecord(s, await this.core.store.history(s.id), this.core.clock.now())));
    return found.length > limit ? { items, next: page[page.length - 1]!.id } : { items };
  }

  /** An elastic change of the intent's line: `input` is an elastic intent (its line may be left out). */
  async modify(id: string, input: string | object): Promise<SubmitResult> {
    const line = await this.lineOfIntent(id);
    if (typeof input === 'object') return this.submit({ ...input, kind: 'elastic', line });
    const parsed = parseIntent(input).document;
    if (parsed.kind !== 'elastic' || parsed.line !== line) {
      throw new MilliError('INVALID_ARGUMENT', `modify of ${id} takes an elastic intent for line ${line}; got ${parsed.kind}`, {
        intent: id,
        line,
        kind: parsed.kind,
      });
    }
    return this.submit(input);
  }

  /**
   * Beyond the contract, for assurance: the faults standing on a line's path now (empty when none). The line's current
   * intent goes `degraded` on the first and back to `active` when none is left, queued with the line's other work;
   * while a call waits in the line's queue, a later one only replaces its faults (PendingLineFaults).
   */
  lineFaults(line: string, faults: string[]): Promise<void> {
    // The failed fibres are part of what a quiet line was told: a revertive line's way back depends on them.
    const told = [...faults, this.failedFibresKey()].join('\n');
    return this.pendingFaults.tell(
      line,
      faults,
      told,
      (job) => this.core.queues.enqueue(line, job),
      // A revertive line a restoration moved goes back once its original path's fibres are back (revertLine).
      async (latest) => {
        const quiet = await markLineFault(this.core, line, latest);
        await revertLine(this.core, line);
        return quiet;
      },
    );
  }

  /**
   * The failed fibres as every line's fault key ends: made once per set of failed fibres (the set is replaced, never
   * changed), not once per line per alarm pass (a cut's passes tell 200 lines each, hundreds of times).
   */
  private failedFibresKey(): string {
    const failed = this.core.failedFibres;
    if (this.failedKey?.of !== failed) {
      this.failedKey = {
        of: failed,
        text: [...failed]
          .sort()
          .map((f) => `failed ${f}`)
          .join('\n'),
      };
    }
    return this.failedKey.text;
  }

  /** Beyond the contract, for assurance: the fibres with an alarm standing on them now, network-wide. */
  failedFibres(fibres: string[]): void {
    this.core.failedFibres = new Set(fibres);
  }

  /**
   * Beyond the contract, for assurance: where the faults standing now are read (the alarm book), so that recovery on
   * start can judge a restoration a previous process left half-way against the network as it is.
   */
  faultsFrom(read: () => Promise<StandingFaults>): void {
    this.core.standingFaults = read;
  }

  /**
   * Beyond the contract, for assurance: resolves once no line is being moved (restored, re-protected) around a
   * failure, or after `withinMs`. The reconciler waits for it before each pass: a cut's moves race their SLA, and a
   * periodic pass over every device meanwhile took the thread and the devices they needed.
   */
  restorationsSettled(withinMs: number): Promise<void> {
    return this.core.restorations.settled(withinMs);
  }

  /** Beyond the contract, for assurance: the lines whose current intent is `degraded` (retried on every clear). */
  async degradedLines(): Promise<string[]> {
    const lines = await this.core.store.lines();
    return lines.filter((l) => this.core.lifecycles.state(l.current) === 'degraded').map((l) => l.id);
  }

  /** Releases the intent's line now: a release intent, whose id is returned. */
  async release(id: string): Promise<SubmitResult> {
    return this.submit({ kind: 'release', line: await this.lineOfIntent(id) });
  }

  lineIds(): Promise<string[]> {
    return this.core.store.lineIds();
  }

  async lines(): Promise<LineRecord[]> {
    const lines = await this.core.store.lines();
    return Promise.all(lines.map((l) => this.toLineRecord(l)));
  }

  async line(id: string): Promise<LineRecord | undefined> {
    const line = await this.core.store.line(id);
    return line && this.toLineRecord(line);
  }

  eventsSince(seq: number): Promise<Transition[]> {
    return this.core.store.transitionsSince(seq);
  }

  private async toLineRecord(line: StoredLine): Promise<LineRecord> {
    const base = await this.core.store.intent(line.intents[0]!);
    return lineRecord(line, base?.state ?? 'accepted');
  }

  private async lineOfIntent(id: string): Promise<string> {
    const stored = await this.core.store.intent(id);
    if (!stored) throw new MilliError('CONTROLLER_NOT_FOUND', `no intent '${id}'`, { intent: id });
    if (!stored.line) throw new MilliError('CONTROLLER_STATE', `intent ${id} has no line`, { intent: id });
    return stored.line;
  }

  /** The kind and line of an input: a create gets a new line id; elastic and release name theirs. Unreadable input gets none (it fails in compiling). */
  private async lineOf(input: string | object, id: string): Promise<{ kind: string; line: string | null; newLine?: StoredLine }> {
    let document: ReturnType<typeof parseIntent>['document'];
    try {
      document = parseIntent(input).document;
    } catch {
      return { kind: 'unknown', line: null };
    }
    if (document.kind === 'elastic' || document.kind === 'release') return { kind: document.kind, line: document.line };
    const line = await this.core.store.nextId('L');
    return {
      kind: document.kind,
      line,
      newLine: { id: line, from: document.from.site, to: document.to.site, bandwidthKbps: 0, intents: [id], current: id },
    };
  }

  private enqueueFor(intent: string, job: () => Promise<void>, knownLine?: string | null): void {
    this.core.queues.enqueue(knownLine ?? this.core.lifecycles.lineOf(intent) ?? intent, job);
  }

  private assertServing(): void {
    if (!this.serving) throw new MilliError('CONTROLLER_STOPPED', 'the controller is not serving: start() it first, or it is stopping', {});
  }
}
