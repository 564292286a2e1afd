import { assign, setup } from 'xstate';
import type { FailureReason } from '../facade/types';

/**
 * One machine per intent (docs/architecture.md, "Intent lifecycle"). The machine decides which moves are legal and keeps
 * the failure reason; the work of each state is started by its entry action, which the controller provides
 * (`intentMachine.provide({ actions })`): compile, provision, tear down. Results come back as events.
 *
 * States, their entry actions and their exits (the package README shows the same, with the generated diagram):
 * - accepted: stored, nothing done yet. → compiling (COMPILE).
 * - compiling (entry `compile`): parse, validate, compile, compute a path and reserve it in one step.
 *   → reserved (RESERVED), → scheduled (WAIT: a timed release, which reserves nothing), → deleting (TEARDOWN: a
 *   release acting now), → failed (REJECTED: invalid intent, no path, resources taken, volume does not fit).
 * - reserved: resources held for the window. → provisioning (PROVISION: the window is open), → scheduled (WAIT:
 *   it opens later), → deleting (RELEASE).
 * - scheduled: waiting for its start, resources held. → provisioning (WINDOW_OPEN), → deleting (RELEASE, or
 *   TEARDOWN when a timed release's time comes), → failed (WINDOW_MISSED: the window ended while waiting).
 * - provisioning (entry `provision`): one network-wide transaction. → active (INSTALLED), → reserved (UNDONE: a
 *   restarted controller undid the transaction it found open; provisioning starts again), → failed (INSTALL_FAILED:
 *   the phase and devices).
 * - active: in service. → degraded (FAULT), → modifying (MODIFY), → deleting (RELEASE, or the window's end),
 *   → restoring (REVERT: a revertive line a restoration moved goes back to its original path once its fibres are back).
 * - degraded: in service with a fault (assurance). → restoring (RESTORE), → active (CLEARED), → deleting (RELEASE).
 * - restoring (work started by the fault's handler, not an entry action: it needs the failed fibres): re-routing
 *   around the fault. → active (RESTORED), → degraded (RESTORE_FAILED: no path fits or a transaction failed; the
 *   reason is kept and the line is tried again when the network changes), → active (REVERT_FAILED: a move back to
 *   the original path failed; the line stays, in service, where restoration put it).
 * - modifying (entry `modify`): an elastic change being applied to the line. → active (MODIFIED, MODIFY_FAILED:
 *   the line keeps its former bandwidth).
 * - deleting (entry `teardown`): removing the configuration and freeing the resources. → deleted (DELETED),
 *   → scheduled (OCCURRENCE_DONE: one occurrence of a recurring connection ended, the next ones stay reserved),
 *   → failed (DELETE_FAILED).
 * - deleted: final. failed: final, with its typed reason; → deleting (RELEASE) frees what a failed intent held.
 */
export interface IntentContext {
  intent: string;
  kind: string;
  failure?: FailureReason;
}

export type IntentEvent =
  | { type: 'COMPILE' }
  | { type: 'RESERVED' }
  | { type: 'WAIT' }
  | { type: 'PROVISION' }
  | { type: 'WINDOW_OPEN' }
  | { type: 'TEARDOWN' }
  | { type: 'OCCURRENCE_DONE' }
  | { type: 'INSTALLED' }
  | { type: 'UNDONE' }
  | { type: 'FAULT' }
  | { type: 'CLEARED' }
  | { type: 'RESTORE' }
  | { type: 'RESTORED' }
  | { type: 'MODIFY' }
  | { type: 'MODIFIED' }
  | { type: 'MODIFY_FAILED'; reason: FailureReason }
  | { type: 'RELEASE' }
  | { type: 'DELETED' }
  | { type: 'REJECTED'; reason: FailureReason }
  | { type: 'WINDOW_MISSED'; reason: FailureReason }
  | { type: 'INSTALL_FAILED'; reason: FailureReason }
  | { type: 'RESTORE_FAILED'; reason: FailureReason }
  | { type: 'REVERT' }
  | { type: 'REVERT_FAILED'; reason: FailureReason }
  | { type: 'DELETE_FAILED'; reason: FailureReason };

export type IntentEventType = IntentEvent['type'];

const fail = { target: 'failed', actions: 'recordFailure' } as const;

export const intentMachine = setup({
  types: {
    context: {} as IntentContext,
    events: {} as IntentEvent,
    input: {} as { intent: string; kind: string },
  },
  actions: {
    // Provided by the controller: each starts the state's work and reports back with an event.
    compile: () => {},
    provision: () => {},
    modify: () => {},
    teardown: () => {},
    recordFailure: assign({
      failure: ({ event }) => ('reason' in event && event.type !== 'MODIFY_FAILED' ? event.reason : undefined),
    }),
  },
}).createMachine({
  id: 'intent',
  initial: 'accepted',
  context: ({ input }) => ({ intent: input.intent, kind: input.kind }),
  states: {
    accepted: { on: { COMPILE: 'compiling' } },
    compiling: {
      entry: 'compile',
      on: { RESERVED: 'reserved', WAIT: 'scheduled', TEARDOWN: 'deleting', REJECTED: fail },
    },
    reserved: { on: { PROVISION: 'provisioning', WAIT: 'scheduled', RELEASE: 'deleting' } },
    scheduled: {
      on: { WINDOW_OPEN: 'provisioning', RELEASE: 'deleting', TEARDOWN: 'deleting', WINDOW_MISSED: fail },
    },
    provisioning: {
      entry: 'provision',
      on: { INSTALLED: 'active', UNDONE: 'reserved', INSTALL_FAILED: fail },
    },
    active: { on: { FAULT: 'degraded', MODIFY: 'modifying', RELEASE: 'deleting', REVERT: 'restoring' } },
    degraded: { on: { RESTORE: 'restoring', CLEARED: 'active', RELEASE: 'deleting' } },
    restoring: {
      on: { RESTORED: 'active', RESTORE_FAILED: { target: 'degraded', actions: 'recordFailure' }, REVERT_FAILED: 'active' },
    },
    modifying: { entry: 'modify', on: { MODIFIED: 'active', MODIFY_FAILED: 'active' } },
    deleting: { entry: 'teardown', on: { DELETED: 'deleted', OCCURRENCE_DONE: 'scheduled', DELETE_FAILED: fail } },
    deleted: { type: 'final' },
    failed: { on: { RELEASE: 'deleting' } },
  },
});

export type IntentMachine = typeof intentMachine;
