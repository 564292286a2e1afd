import { type Clock, systemClock } from '@milli/core';
import { RpcError } from '../server/RpcError';

export interface CommitRequest {
  sessionId: number;
  confirmed: boolean;
  /** Seconds; RFC 6241 default 600. */
  timeoutSeconds?: number;
  persist?: string;
  persistId?: string;
}

export type CommitPlan<T> =
  /** A plain commit, nothing pending. */
  | { kind: 'commit' }
  /** A confirmed commit starts: keep `rollbackTo` until confirmed. */
  | { kind: 'confirmed-start' }
  /** A confirmed commit follows an earlier one: timer restarted, first snapshot kept. */
  | { kind: 'confirmed-extend' }
  /** A confirming commit: the pending one becomes permanent. */
  | { kind: 'confirm'; snapshot: T };

interface Pending<T> {
  snapshot: T;
  sessionId: number;
  persist?: string;
  timer: { cancel(): void };
}

/**
 * The confirmed-commit state machine of RFC 6241 section 8.4 (capability :confirmed-commit:1.1), apart from the
 * datastores: it decides what a commit, cancel-commit, timeout or session end means, and keeps the running
 * snapshot to go back to. `rollback` is called with that snapshot on timeout, on cancel-commit and when the
 * session that issued a non-persistent confirmed commit ends.
 */
export class ConfirmedCommit<T> {
  private pending: Pending<T> | undefined;

  constructor(
    private readonly rollback: (snapshot: T, reason: 'timeout' | 'cancel' | 'session-end') => void,
    private readonly clock: Clock = systemClock,
  ) {}

  get isPending(): boolean {
    return this.pending !== undefined;
  }

  get persist(): string | undefined {
    return this.pending?.persist;
  }

  /**
   * Checks a commit request against the pending confirmed commit and says what it does. `snapshot` is read only
   * when a new confirmed commit starts. Call `arm` after the datastores were changed (so a failed commit arms nothing).
   */
  plan(request: CommitRequest): CommitPlan<T> {
    const pending = this.pending;
    if (pending === undefined) {
      if (request.persistId !== undefined) {
        throw new RpcError('protocol', 'invalid-value', `no confirmed commit with persist-id '${request.persistId}' is pending`, {
          info: { badElement: 'persist-id' },
        });
      }
      return request.confirmed ? { kind: 'confirmed-start' } : { kind: 'commit' };
    }
    this.assertOwner(pending, request.sessionId, request.persistId, 'commit');
    return request.confirmed ? { kind: 'confirmed-extend' } : { kind: 'confirm', snapshot: pending.snapshot };
  }

  /** After a successful commit: start, restart or stop the timer as the plan said. */
  arm(plan: CommitPlan<T>, request: CommitRequest, snapshot: () => T): void {
    const timeoutMs = (request.timeoutSeconds ?? 600) * 1000;
    if (plan.kind === 'commit') return;
    if (plan.kind === 'confirm') {
      this.stop();
      return;
    }
    const keep = plan.kind === 'confirmed-extend' && this.pending ? this.pending.snapshot : snapshot();
    this.stop();
    const pending: Pending<T> = {
      snapshot: keep,
      sessionId: request.sessionId,
      timer: this.clock.setTimeout(() => this.fire('timeout'), timeoutMs),
    };
    if (request.persist !== undefined) pending.persist = request.persist;
    this.pending = pending;
  }

  /** cancel-commit (RFC 6241 section 8.4.4.1). */
  cancel(sessionId: number, persistId: string | undefined): void {
    const pending = this.pending;
    if (pending === undefined) {
      throw new RpcError('protocol', 'operation-failed', 'no confirmed commit is pending');
    }
    this.assertOwner(pending, sessionId, persistId, 'cancel-commit');
    this.fire('cancel');
  }

  /** A session ended: a non-persistent confirmed commit it issued rolls back now. */
  sessionEnded(sessionId: number): void {
    const pending = this.pending;
    if (pending !== undefined && pending.persist === undefined && pending.sessionId === sessionId) this.fire('session-end');
  }

  /** Device shutdown: forget the timer without rolling back. */
  dispose(): void {
    this.stop();
  }

  private assertOwner(pending: Pending<T>, sessionId: number, persistId: string | undefined, rpc: string): void {
    if (pending.persist !== undefined) {
      if (persistId !== pending.persist) {
        const message =
          persistId === undefined
            ? `a persistent confirmed commit is pending: ${rpc} must give its persist-id`
            : `persist-id '${persistId}' does not match the pending confirmed commit`;
        throw new RpcError('protocol', 'invalid-value', message, { info: { badElement: 'persist-id' } });
      }
      return;
    }
    if (persistId !== undefined) {
      throw new RpcError('protocol', 'invalid-value', 'the pending confirmed commit was not given a persist value', {
        info: { badElement: 'persist-id' },
      });
    }
    if (pending.sessionId !== sessionId) {
      throw new RpcError('protocol', 'in-use', `session ${pending.sessionId} has a confirmed commit pending; only it can ${rpc}`, {
        info: { sessionId: pending.sessionId },
      });
    }
  }

  private fire(reason: 'timeout' | 'cancel' | 'session-end'): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.stop();
    this.rollback(pending.snapshot, reason);
  }

  private stop(): void {
    this.pending?.timer.cancel();
    this.pending = undefined;
  }
}
