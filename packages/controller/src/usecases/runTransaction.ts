import type { InstallOutcome, TransactionContext } from '../line/LineInstaller';
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
  const outcome = await core.transactions.run(async (): Promise<InstallOutcome> => {
    try {
      return await work(tx);
    } catch (error) {
      return { ok: false, phase: begun ? 'unknown' : 'plan', devices: [], message: (error as Error).message, rolledBack: [] };
    }
  });
  const end = { id, state: outcome.ok ? ('done' as const) : ('failed' as const) };
  if (begun && closeNow) await core.store.endTransaction(id, end.state, core.clock.now());
  return { ...outcome, transaction: id, end };
}
