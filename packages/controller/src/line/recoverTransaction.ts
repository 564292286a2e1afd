import type { Logger } from '@milli/core';
import { type ChangeSet, type ConnectionPool, type DeviceDrivers, type Edit, findEntry, RunningApplier } from '@milli/drivers';
import type { DeviceChange } from '../installer/NetworkTransaction';
import type { DeviceChangeRecord, StoredJournalEntry, StoredTransaction } from '../store/ControllerStore';
import type { RecoveryOutcome } from './LineInstaller';

/** What settling an open transaction needs: the devices, and a way to run the repair as a journaled transaction. */
export interface RecoveryParts {
  drivers: DeviceDrivers;
  pool: ConnectionPool;
  log: Logger;
  /** Applies the repairing edits as one transaction (journaled before any device is touched). */
  repair(changes: DeviceChange[]): Promise<void>;
}

/**
 * Settles a transaction a previous process left open. Past the start of confirm some devices may have made the
 * change permanent: it is finished on all; before it, undone on all. Each device's pending confirmed commit is
 * confirmed or cancelled by the persist id; then every device whose running configuration still lacks the journaled
 * edits (forward) or still holds them (undo) gets them in a repair transaction, and each device is checked again.
 */
export async function recoverTransaction(
  parts: RecoveryParts,
  open: StoredTransaction,
  journal: StoredJournalEntry[],
): Promise<RecoveryOutcome> {
  // Only the attempt the row holds counts: an earlier group transaction the line was in was rolled back before confirm.
  const forward = journal.some((e) => e.phase === 'confirm' && e.persistId === open.persistId);
  const devices = open.changes.map((c) => c.device);
  const log = parts.log.child({ transaction: open.id });
  await Promise.all(
    open.changes
      .filter((c) => c.datastore === 'candidate')
      .map(async (c) => {
        const { netconf } = await parts.pool.acquire(c.device);
        // Either answer is fine: a commit still pending is settled; "nothing pending" means it already was.
        const reply = forward ? await netconf.commit({ persistId: open.persistId }) : await netconf.cancelCommit(open.persistId);
        log.info({ device: c.device, ok: reply.ok }, forward ? 'recovery: confirm by persist id' : 'recovery: cancel-commit by persist id');
        // The dead session may have left its edits in the candidate (killed between edit-config and commit); a
        // dirty candidate refuses every later lock, so it is discarded. Nothing else of ours runs during recovery.
        await netconf.discardChanges();
      }),
  );
  const fixes = await missingEdits(parts.drivers, open.changes, forward);
  const repaired = fixes.map((f) => f.device);
  if (fixes.length > 0) {
    const changes = await Promise.all(fixes.map((f) => changeOf(parts.drivers, f.device, f.edits)));
    await parts.repair(changes);
    log.info({ devices: repaired }, 'recovery: journaled edits applied where the devices lacked them');
  }
  const consistent = (await missingEdits(parts.drivers, open.changes, forward)).length === 0;
  return { direction: forward ? 'finished' : 'undone', repaired, consistent, devices };
}

/** Per device, the journaled edits (forward) or inverse edits (undo) its running config does not yet reflect. */
async function missingEdits(
  drivers: DeviceDrivers,
  changes: DeviceChangeRecord[],
  forward: boolean,
): Promise<{ device: string; edits: Edit[] }[]> {
  const found = await Promise.all(
    changes.map(async (c) => {
      const base = (await (await drivers.driver(c.device)).beginChangeSet()).base;
      const wanted = (forward ? c.edits : c.inverse) as Edit[];
      // A merge (a resize) is reapplied only where its entry exists; create and delete by presence.
      const edits = wanted.filter((e) => {
        const present = findEntry(base, e) !== undefined;
        if (e.op === 'create') return !present;
        if (e.op === 'delete') return present;
        return present && !sameFields(findEntry(base, e), e);
      });
      return { device: c.device, edits };
    }),
  );
  return found.filter((f) => f.edits.length > 0);
}

function sameFields(entry: unknown, edit: Edit): boolean {
  const fields = (edit as { value?: Record<string, unknown> }).value;
  if (!fields || typeof entry !== 'object' || entry === null) return false;
  return Object.entries(fields).every(([k, v]) => JSON.stringify((entry as Record<string, unknown>)[k]) === JSON.stringify(v));
}

async function changeOf(drivers: DeviceDrivers, device: string, edits: Edit[]): Promise<DeviceChange> {
  const driver = await drivers.driver(device);
  const changeSet = await driver.beginChangeSet();
  for (const edit of edits) changeSet.add(edit);
  return { device, changeSet, applier: driver.applier() };
}

/** The journal's form of change sets: every device's edits and their inverse, and the datastore they go to. */
export function recordsOf(changes: DeviceChange[]): DeviceChangeRecord[] {
  return changes.map((c) => {
    const { edits, inverse } = (c.changeSet as ChangeSet).toJSON();
    return { device: c.device, datastore: c.applier instanceof RunningApplier ? 'running' : 'candidate', edits, inverse };
  });
}
