import { type Logger, MilliError, silentLogger } from '@milli/core';
import type { Subject } from 'rxjs';
import { type Actor, createActor, type SnapshotFrom, transition } from 'xstate';
import type { IntentState, Transition } from '../facade/types';
import type { ControllerStore, StoredIntent, StoredLine, TransitionChange } from '../store/ControllerStore';
import { type IntentEvent, type IntentMachine, intentMachine } from './intentMachine';

/** What each state's entry action starts; the controller supplies these. */
export interface StateWork {
  compile(intent: string): void;
  provision(intent: string): void;
  modify(intent: string): void;
  teardown(intent: string): void;
}

type Snapshot = SnapshotFrom<IntentMachine>;
type ChangeExtras = Omit<TransitionChange, 'transition' | 'snapshot'>;

/**
 * The live machines, one per intent. A move is computed on the machine's current snapshot without touching it,
 * written to the store with everything it changes (one database transaction), then applied to the live actor (whose
 * entry action starts the next piece of work) and only then announced: a transition nobody stored is never seen.
 * Moves of one intent are serialized.
 */
export class IntentLifecycles {
  private readonly machine: IntentMachine;
  private readonly actors = new Map<string, Actor<IntentMachine>>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly lines = new Map<string, string | null>();

  constructor(
    private readonly store: ControllerStore,
    private readonly now: () => number,
    private readonly announce: Subject<Transition>,
    work: StateWork,
    /** Applies a stored change to in-memory state (the ledger frees what the transition released). */
    private readonly afterWrite: (change: ChangeExtras) => void = () => {},
    private readonly log: Logger = silentLogger(),
  ) {
    this.machine = intentMachine.provide({
      actions: {
        compile: ({ context }) => work.compile(context.intent),
        provision: ({ context }) => work.provision(context.intent),
        modify: ({ context }) => work.modify(context.intent),
        teardown: ({ context }) => work.teardown(context.intent),
      },
    });
  }

  /** Stores a new intent in `accepted` (with its new line, if any) and starts its machine. */
  async create(intent: Omit<StoredIntent, 'state' | 'snapshot'>, line: StoredLine | undefined, reason: string): Promise<Transition> {
    const actor = createActor(this.machine, { input: { intent: intent.id, kind: intent.kind } });
    const snapshot = actor.getPersistedSnapshot();
    const stored = await this.store.createIntent({ ...intent, state: 'accepted', snapshot }, line, {
      intent: intent.id,
      line: intent.line,
      from: null,
      to: 'accepted',
      reason,
      at: intent.createdAt,
    });
    this.actors.set(intent.id, actor);
    this.lines.set(intent.id, intent.line);
    actor.start();
    this.announce.next(stored);
    return stored;
  }

  /** Rebuilds a machine from its persisted snapshot; entry actions do not run again (recovery decides what resumes). */
  restore(intent: StoredIntent): void {
    const actor = createActor(this.machine, {
      snapshot: intent.snapshot as Snapshot,
      input: { intent: intent.id, kind: intent.kind },
    });
    this.actors.set(intent.id, actor);
    this.lines.set(intent.id, intent.line);
    actor.start();
  }

  /** The line an intent belongs to (known without a store read, for queueing its work). */
  lineOf(intent: string): string | null | undefined {
    return this.lines.get(intent);
  }

  state(intent: string): IntentState | undefined {
    const actor = this.actors.get(intent);
    return actor && (actor.getSnapshot().value as IntentState);
  }

  can(intent: string, event: IntentEvent): boolean {
    const actor = this.actors.get(intent);
    return actor?.getSnapshot().can(event) ?? false;
  }

  /** Moves an intent; throws CONTROLLER_STATE when the machine does not allow the event in its current state. */
  send(intent: string, line: string | null, event: IntentEvent, reason: string, extras: ChangeExtras = {}): Promise<Transition> {
    const run = async () => {
      const actor = this.actors.get(intent);
      if (!actor) throw new MilliError('CONTROLLER_NOT_FOUND', `no intent '${intent}'`, { intent });
      const current = actor.getSnapshot();
      if (!current.can(event)) {
        throw new MilliError('CONTROLLER_STATE', `intent ${intent} is ${String(current.value)}: ${event.type} is not allowed there`, {
          intent,
          state: current.value,
          event: event.type,
        });
      }
      const [next] = transition(this.machine, current, event);
      const failure = next.value === 'failed' ? next.context.failure : undefined;
      const stored = await this.store.writeTransition({
        ...extras,
        ...(failure ? { intent: { ...extras.intent, error: failure } } : {}),
        transition: { intent, line, from: current.value as IntentState, to: next.value as IntentState, reason, at: this.now() },
        snapshot: this.machine.getPersistedSnapshot(next),
      });
      try {
        this.afterWrite(extras);
      } catch (error) {
        // The transition is stored: it is applied and announced whatever the in-memory state made of it.
        this.log.child({ intent, line }).error({ err: error }, 'a stored transition could not be applied in memory');
      }
      // One call, not a child logger per transition: each redacts its bindings (a cut makes hundreds of transitions).
      this.log.info({ intent, line, from: stored.from, to: stored.to, seq: stored.seq }, stored.reason);
      actor.send(event);
      this.announce.next(stored);
      return stored;
    };
    const previous = this.chains.get(intent) ?? Promise.resolve();
    const done = previous.then(run, run);
    this.chains.set(
      intent,
      done.catch(() => undefined),
    );
    return done;
  }

  stopAll(): void {
    for (const actor of this.actors.values()) actor.stop();
    this.actors.clear();
  }
}
