import type { InstallOutcome, RecoveryOutcome, TransactionContext } from '../line/LineInstaller';
import type { ControllerCore } from '../facade/ControllerCore';

/**
 * Runs one installer call as a journaled network transaction, within the bound on transactions in flight. The
 * transaction row (every device's change set, the persist id, the plan) is written before any device is touched;
 * each phase is journaled as it starts and ends. The row is closed by the transition that records the outcome
 * (`end`, passed as the transition's `endTransaction`), so "the devices hold it" and "the intent says so" commit
 * together; `closeNow` closes it at once instead. A process that dies in between leaves the row open, and the next
 * start settles it (recoverOnStart).
 */
export async function runTransaction(
  core: ControllerCore,
  meta: { intent: string; line: string; purpose: string },
  work: (tx: TransactionContext) => Promise<InstallOutcome>,
  closeNow = false,
): Promise<InstallOutcome & { transaction: string; end: { id: string; state: 'done' | 'failed' } }> {
  const id = await core.store.nextId('T');
  const log = core.log.child({ intent: meta.intent, line: meta.line, transaction: id });
  let begun = false;
  let persistId = id;
  const tx: TransactionContext = {
    id,
    begin: async (changes, plan, persist = id) => {
      persistId = persist;
      await core.store.beginTransaction({
        id,
        ...meta,
        state: 'open',
        changes,
        persistId,
        ...(plan !== undefined ? { plan } : {}),
        startedAt: core.clock.now(),
      });
      begun = true;
      log.info({ devices: changes.map((c) => c.device), persistId }, `transaction ${meta.purpose}: change sets journaled`);
    },
    step: (phase, state, devices) => {
      // The store issues the write when called, before the step it precedes; a failed write is logged, and recovery
      // reads the devices themselves, so a missing phase row cannot leave a partial configuration behind.
      core.store
        .appendJournal({ transaction: id, phase, state, persistId, devices, at: core.clock.now() })
        .catch((error: unknown) => log.error({ err: error }, 'journal write failed'));
      if (state !== 'started') log.info({ phase, state }, `transaction ${meta.purpose}: ${phase} ${state}`);
    },
  };
  const ran = await core.transactions.run(async (): Promise<InstallOutcome> => {
    try {
      return await work(tx);
    } catch (error) {
      return { ok: false, phase: begun ? 'unknown' : 'plan', devices: [], message: (error as Error).message, rolledBack: [] };
    }
  });
  const outcome = !ran.ok && ran.phase === 'confirm' && begun ? await finishAfterConfirm(core, meta, id, ran) : ran;
  const end = { id, state: outcome.ok ? ('done' as const) : ('failed' as const) };
  if (begun && closeNow) await core.store.endTransaction(id, end.state, core.clock.now());
  return { ...outcome, transaction: id, end };
}

/**
 * A confirm that failed on some devices came after others made the change permanent: there is no going back, so the
 * transaction is finished at once, as a restarted controller would finish it (confirm by persist id where a confirmed
 * commit is still pending, the journaled edits applied where a device lacks them), each repair journaled as a
 * transaction of its own. Every device holding it: the outcome is a success, and the row closes `done` with the
 * transition. Otherwise it stays a failure and the row closes `failed`; the devices that still differ are the
 * reconciler's. A resize finished this way holds its new numbers in the ledger already (the installer keeps them
 * booked when its confirm fails); one that is not gets its old numbers back from its caller (resizeForElastic).
 */
async function finishAfterConfirm(
  core: ControllerCore,
  meta: { intent: string; line: string; purpose: string },
  id: string,
  failed: Extract<InstallOutcome, { ok: false }>,
): Promise<InstallOutcome> {
  const row = (await core.store.openTransactions()).find((t) => t.id === id);
  if (!row) return failed;
  const journal = await core.store.journal(id);
  let recovery: RecoveryOutcome | undefined;
  await runTransaction(
    core,
    { ...meta, purpose: `recovery of ${id}` },
    async (tx) => {
      recovery = await core.installer.recover(row, journal, tx);
      return { ok: true, installed: undefined, devices: recovery.repaired };
    },
    true,
  );
  const log = core.log.child({ intent: meta.intent, line: meta.line, transaction: id });
  if (recovery?.direction === 'finished' && recovery.consistent) {
    log.info(
      { devices: failed.devices, repaired: recovery.repaired },
      `transaction ${meta.purpose}: confirm failed on some devices, finished on every one`,
    );
    return { ok: true, installed: row.plan, devices: recovery.devices };
  }
  log.error({ devices: failed.devices }, `transaction ${meta.purpose}: confirm failed and could not be finished on every device`);
  return { ...failed, message: `${failed.message}; finishing it after the failed confirm left devices unsettled` };
}
