import type { ControllerCore } from '../facade/ControllerCore';
import type { IntentState } from '../facade/types';
import type { StoredTransaction } from '../store/ControllerStore';
import { compileIntent, continueReserved } from './compileIntent';
import { transactionReason } from './failureReasons';
import { provisionIntent } from './provisionIntent';
import { LIGHTPATH_OWNER } from '../installer/plan/ReservedLine';
import { ownersToRelease } from './lineReservations';
import { recordFinishedMove } from './recordFinishedMove';
import { resumeRestoration } from './resumeRestoration';
import { runTransaction } from './runTransaction';
import { teardownIntent } from './teardownIntent';

/**
 * What a starting controller does before it serves: load every reservation into the ledger, rebuild every intent's
 * machine from its snapshot, settle every transaction a previous process left open (finish or undo it on every
 * device, then check each device against that outcome), and resume every intent that was mid-way. An intent that
 * was provisioning goes through the recovery of its transaction: active only if the transaction was finished on
 * every device; back to reserved (and provisioned anew) if it was undone. A line whose restoration or re-protection
 * was undone is degraded again, with the reason; finished, it is active on its new path (recordFinishedMove). One
 * left `restoring` before its move's transaction began is judged again against the alarms standing now
 * (resumeRestoration).
 */
export async function recoverOnStart(core: ControllerCore): Promise<void> {
  // Lightpaths first: a line riding a groomed link may have been stored before the line that groomed it.
  const stored = await core.store.reservations();
  const isLightpath = (owner: string) => owner.startsWith(LIGHTPATH_OWNER);
  for (const r of [...stored.filter((r) => isLightpath(r.owner)), ...stored.filter((r) => !isLightpath(r.owner))]) {
    core.ledger.reserve(r.owner, r.window, r.items);
  }
  const intents = await core.store.intents();
  for (const intent of intents) core.lifecycles.restore(intent);
  for (const transaction of await settleOrder(core, await core.store.openTransactions())) await settle(core, transaction);
  for (const intent of intents) resume(core, intent.id, intent.line);
  core.arm(await core.store.schedule());
}

/**
 * Newest first: a recovery that itself was cut short is undone before the transaction it was repairing is settled.
 * Lines of one group transaction (one persist id) are settled together: undone newest first, but finished oldest
 * first, since a later line's edits may rest on an earlier one's (an OSU connection on the ODU0 the other created).
 */
async function settleOrder(core: ControllerCore, open: StoredTransaction[]): Promise<StoredTransaction[]> {
  const newestFirst = (a: StoredTransaction, b: StoredTransaction) =>
    b.startedAt - a.startedAt || b.id.localeCompare(a.id, 'en', { numeric: true });
  const groups = new Map<string, StoredTransaction[]>();
  for (const t of [...open].sort(newestFirst)) groups.set(t.persistId, [...(groups.get(t.persistId) ?? []), t]);
  const ordered: StoredTransaction[] = [];
  for (const group of groups.values()) {
    const journals = await Promise.all(group.map((t) => core.store.journal(t.id)));
    const forward = journals.some((j, i) => j.some((e) => e.phase === 'confirm' && e.persistId === group[i]!.persistId));
    ordered.push(...(forward ? [...group].reverse() : group));
  }
  return ordered;
}

async function settle(core: ControllerCore, open: StoredTransaction): Promise<void> {
  const log = core.log.child({ intent: open.intent, line: open.line, transaction: open.id });
  const journal = await core.store.journal(open.id);
  let outcome: Awaited<ReturnType<typeof core.installer.recover>> | undefined;
  await runTransaction(
    core,
    { intent: open.intent, line: open.line, purpose: `recovery of ${open.id}` },
    async (tx) => {
      outcome = await core.installer.recover(open, journal, tx);
      return { ok: true, installed: undefined, devices: outcome.repaired };
    },
    true,
  );
  if (!outcome) return;
  log.info(
    { direction: outcome.direction, repaired: outcome.repaired, consistent: outcome.consistent },
    `recovered ${open.purpose} transaction`,
  );
  const finished = outcome.direction === 'finished';
  // The transaction is closed with the transition that records its outcome, or last of all: a restart in between
  // settles it again, which is harmless (the devices already are as chosen).
  const endTransaction = { id: open.id, state: finished ? ('done' as const) : ('undone' as const) };
  const state = core.lifecycles.state(open.intent);
  if (open.purpose.startsWith('recovery')) {
    // A repair cut short: its devices are settled; the transaction it repaired is settled next and decides the intent.
    await core.store.endTransaction(open.id, endTransaction.state, core.clock.now());
    return;
  }
  if (!outcome.consistent && state === 'provisioning') {
    const reason = transactionReason('recovery', outcome.devices, `transaction ${open.id} could not be settled on every device`);
    const intent = await core.store.intent(open.intent);
    await core.lifecycles.send(open.intent, open.line, { type: 'INSTALL_FAILED', reason }, reason.message, {
      releaseOwners: intent ? await ownersToRelease(core, intent) : [open.intent],
      scheduleDoneFor: [open.intent],
      endTransaction,
    });
    return;
  }
  if (outcome.consistent && open.purpose === 'install' && state === 'provisioning') {
    if (finished) {
      await core.lifecycles.send(open.intent, open.line, { type: 'INSTALLED' }, `recovery finished ${open.id} on every device`, {
        line: { id: open.line, patch: { installed: open.plan } },
        endTransaction,
      });
    } else {
      await core.lifecycles.send(open.intent, open.line, { type: 'UNDONE' }, `recovery undid ${open.id} on every device`, {
        endTransaction,
      });
    }
    return;
  }
  if (outcome.consistent && finished && MOVES.has(open.purpose) && state === 'restoring') {
    if (await recordFinishedMove(core, open, endTransaction)) return;
  }
  if (outcome.consistent && !finished && open.purpose === 'revert' && state === 'restoring') {
    // A move back to the original path undone: the line is in service where restoration had put it.
    const reason = transactionReason('recovery', outcome.devices, `recovery undid ${open.id}; the line stays on its restored path`);
    await core.lifecycles.send(open.intent, open.line, { type: 'REVERT_FAILED', reason }, reason.message, { endTransaction });
    return;
  }
  if (outcome.consistent && !finished && MOVES.has(open.purpose) && state === 'restoring') {
    // A restoration or re-protection undone: the devices, the store and the ledger all hold the line's former path,
    // so it is degraded again, to be restored at its alarms' next change.
    const reason = transactionReason('recovery', outcome.devices, `recovery undid ${open.id}; the line keeps its former path`);
    await core.lifecycles.send(open.intent, open.line, { type: 'RESTORE_FAILED', reason }, reason.message, {
      intent: { error: reason },
      endTransaction,
    });
    return;
  }
  // Release and resize: record what the devices now hold; the intent's state work then runs again from there.
  if (outcome.consistent && finished && open.purpose === 'release') await core.store.updateLine(open.line, { installed: null });
  if (outcome.consistent && finished && open.purpose === 'resize') await core.store.updateLine(open.line, { installed: open.plan });
  if (outcome.consistent && !finished && state === 'provisioning') {
    await core.lifecycles.send(open.intent, open.line, { type: 'UNDONE' }, `recovery undid ${open.id} on every device`, { endTransaction });
    return;
  }
  await core.store.endTransaction(open.id, endTransaction.state, core.clock.now());
}

/** Purposes of the transactions that move a line to another path (restoreLine, reprotectLine, revertLine). */
const MOVES = new Set(['restore', 'reprotect', 'revert']);

const RESUME: Partial<Record<IntentState, (core: ControllerCore, id: string) => Promise<void>>> = {
  compiling: compileIntent,
  reserved: continueReserved,
  provisioning: provisionIntent,
  deleting: teardownIntent,
  // Still restoring once every open transaction is settled: the process died before its move was journaled.
  restoring: (core, id) => resumeRestoration(core, id, core.lifecycles.lineOf(id) ?? id),
};

function resume(core: ControllerCore, id: string, line: string | null): void {
  const state = core.lifecycles.state(id);
  if (state === 'accepted') {
    core.queues.enqueue(line ?? id, async () => {
      await core.lifecycles.send(id, line, { type: 'COMPILE' }, 'compiling (resumed after restart)');
    });
    return;
  }
  const work = state && RESUME[state];
  if (work) core.queues.enqueue(line ?? id, () => work(core, id));
}
