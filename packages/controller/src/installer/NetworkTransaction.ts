import type { ChangeSet, ChangeSetApplier } from '@milli/drivers';

/** One device's part of a network-wide transaction: its edits and the applier that knows its datastores. */
export interface DeviceChange {
  device: string;
  changeSet: ChangeSet;
  applier: ChangeSetApplier;
}

export type TransactionPhase = 'prepare' | 'commit' | 'verify' | 'confirm';

/** What the journal receives: each phase as it starts and ends, so a restarted controller knows where a transaction stood. */
export type JournalEntry =
  | { type: 'phase'; transaction: string; phase: TransactionPhase; state: 'started' | 'done' | 'failed'; at: number }
  | { type: 'rollback'; transaction: string; devices: string[]; at: number };

export interface TransactionOptions {
  /** Also the confirmed-commit persist id, so any session (or a restarted controller) can confirm or cancel. */
  id: string;
  /** If the controller dies between commit and confirm, every device rolls back on its own after this many seconds. */
  confirmTimeoutS: number;
  /** Checks the network after the confirmed commit (e.g. operational state); throwing rolls everything back. */
  verify?: () => Promise<void>;
  journal?: (entry: JournalEntry) => void;
}

export interface DeviceFailure {
  device: string;
  error: Error;
}

export type TransactionOutcome =
  | { ok: true; id: string; devices: string[] }
  | {
      ok: false;
      id: string;
      failedAt: TransactionPhase;
      failures: DeviceFailure[];
      /** Devices whose changes were undone. */
      rolledBack: string[];
      /** Rollbacks that themselves failed: these devices need the reconciler (their confirmed commit still times out). */
      rollbackFailures: DeviceFailure[];
    };

/**
 * Applies per-device change sets as one transaction (docs/architecture.md, "Network-wide transactions"): prepare every
 * device in parallel (lock, edit, validate); if all pass, confirmed-commit on all, verify, confirm on all; any failure
 * before confirm rolls every device back. A failure during confirm cannot be undone by cancel-commit on devices that
 * already confirmed: it is reported, and the devices that did not confirm roll back by their timeout.
 */
export async function runNetworkTransaction(changes: DeviceChange[], options: TransactionOptions): Promise<TransactionOutcome> {
  const { id } = options;
  const journal = options.journal ?? (() => {});
  const devices = changes.map((c) => c.device);

  const phase = async (name: TransactionPhase, run: (change: DeviceChange) => Promise<void>): Promise<DeviceFailure[]> => {
    journal({ type: 'phase', transaction: id, phase: name, state: 'started', at: Date.now() });
    const results = await Promise.allSettled(changes.map(run));
    const failures = failuresOf(changes, results);
    journal({ type: 'phase', transaction: id, phase: name, state: failures.length ? 'failed' : 'done', at: Date.now() });
    return failures;
  };

  const abort = async (failedAt: TransactionPhase, failures: DeviceFailure[]): Promise<TransactionOutcome> => {
    journal({ type: 'rollback', transaction: id, devices, at: Date.now() });
    // Each applier knows how far it got: cancel-commit only where a confirmed commit happened, discard where locked.
    const results = await Promise.allSettled(changes.map((c) => c.applier.rollback(id).finally(() => c.applier.unlock().catch(() => {}))));
    const rollbackFailures = failuresOf(changes, results);
    const failedRollback = new Set(rollbackFailures.map((f) => f.device));
    return { ok: false, id, failedAt, failures, rolledBack: devices.filter((d) => !failedRollback.has(d)), rollbackFailures };
  };

  const prepared = await phase('prepare', (c) => c.applier.prepare(c.changeSet));
  if (prepared.length) return abort('prepare', prepared);

  const committed = await phase('commit', (c) => c.applier.commitConfirmed(options.confirmTimeoutS, id));
  if (committed.length) return abort('commit', committed);

  if (options.verify) {
    journal({ type: 'phase', transaction: id, phase: 'verify', state: 'started', at: Date.now() });
    try {
      await options.verify();
      journal({ type: 'phase', transaction: id, phase: 'verify', state: 'done', at: Date.now() });
    } catch (error) {
      journal({ type: 'phase', transaction: id, phase: 'verify', state: 'failed', at: Date.now() });
      return abort('verify', [{ device: '*', error: error as Error }]);
    }
  }

  // Each device's unlock is sent right behind its confirm, not after every device confirmed: the device answers them
  // in order (RFC 6241 4.1), so a confirm that fails is still followed by the unlock, as before, one round trip sooner.
  const unlocks: Promise<void>[] = [];
  const confirmed = await phase('confirm', (c) => {
    const confirming = c.applier.confirm(id);
    unlocks.push(c.applier.unlock());
    return confirming;
  });
  await Promise.allSettled(unlocks);
  if (confirmed.length) return { ok: false, id, failedAt: 'confirm', failures: confirmed, rolledBack: [], rollbackFailures: [] };
  return { ok: true, id, devices };
}

function failuresOf(changes: DeviceChange[], results: PromiseSettledResult<unknown>[]): DeviceFailure[] {
  return results.flatMap((r, i) => (r.status === 'rejected' ? [{ device: changes[i]!.device, error: r.reason as Error }] : []));
}
