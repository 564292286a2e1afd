import type { ControllerCore } from '../facade/ControllerCore';
import type { StoredIntent } from '../store/ControllerStore';
import { internalReason, transactionReason } from './failureReasons';
import { planOf } from './IntentPlan';
import { bookStoredLine, lineReservation, ownersToRelease } from './lineReservations';
import { runTransaction } from './runTransaction';

/**
 * The `provisioning` state's work: one network-wide transaction that puts the intent's path on the devices. A
 * failed transaction has rolled every device back: the intent fails naming the phase and devices, and frees what it
 * held. An elastic intent resizes its line instead (the line's first intent is `modifying` meanwhile).
 */
export async function provisionIntent(core: ControllerCore, id: string): Promise<void> {
  const stored = await core.store.intent(id);
  if (!stored || core.lifecycles.state(id) !== 'provisioning' || !stored.line) return;
  if (stored.kind === 'elastic') return resizeForElastic(core, stored, 'apply');
  const plan = planOf(stored);
  if (!plan?.reserved) {
    await core.lifecycles.send(
      id,
      stored.line,
      { type: 'INSTALL_FAILED', reason: internalReason(new Error('no numbered reservation')) },
      'no reservation',
      {
        releaseOwners: await ownersToRelease(core, stored),
        scheduleDoneFor: [id],
      },
    );
    return;
  }
  const outcome = await runTransaction(core, { intent: id, line: stored.line, purpose: 'install' }, (tx) =>
    core.installer.install({ line: stored.line!, reserved: plan.reserved }, tx),
  );
  if (outcome.ok) {
    await core.lifecycles.send(
      id,
      stored.line,
      { type: 'INSTALLED' },
      `installed by ${outcome.transaction} on ${outcome.devices.length} devices`,
      {
        line: { id: stored.line, patch: { installed: outcome.installed } },
        endTransaction: outcome.end,
      },
    );
  } else {
    const reason = transactionReason(outcome.phase, outcome.devices, outcome.message);
    await core.lifecycles.send(id, stored.line, { type: 'INSTALL_FAILED', reason }, reason.message, {
      releaseOwners: await ownersToRelease(core, stored),
      scheduleDoneFor: [id],
      endTransaction: outcome.end,
    });
  }
}

/**
 * An elastic change in force (`apply`, from provisioning) or ending (`revert`, from deleting): the line is resized
 * to the elastic intent's path, or back to the path of the intent that was current before it, and the store's rows
 * of the line's reservation are replaced by what the resize booked. A resize whose confirm failed on some devices is
 * finished at once (runTransaction): held everywhere, it is a success like any other; otherwise the change fails at
 * `confirm` and the ledger books the line's stored (old) numbers back.
 */
export async function resizeForElastic(core: ControllerCore, elastic: StoredIntent, direction: 'apply' | 'revert'): Promise<void> {
  const lineId = elastic.line!;
  const line = await core.store.line(lineId);
  const base = line?.intents[0];
  const plan = planOf(elastic);
  const targetIntent = direction === 'apply' ? elastic : line && (await core.store.intent(plan?.previous ?? base ?? ''));
  const target = targetIntent && planOf(targetIntent);
  const failEvent = direction === 'apply' ? 'INSTALL_FAILED' : 'DELETE_FAILED';
  const request = target?.compilation.pathRequests[0];
  if (!line || !base || !line.installed || !request) {
    const reason = internalReason(new Error(`line ${lineId} is not in service: nothing to resize`));
    await core.lifecycles.send(elastic.id, lineId, { type: failEvent, reason }, reason.message, {
      releaseOwners: [elastic.id],
      scheduleDoneFor: [elastic.id],
    });
    return;
  }
  if (core.lifecycles.can(base, { type: 'MODIFY' }))
    await core.lifecycles.send(base, lineId, { type: 'MODIFY' }, `elastic ${elastic.id}: ${direction}`);
  const outcome = await runTransaction(core, { intent: elastic.id, line: lineId, purpose: 'resize' }, (tx) =>
    core.installer.resize({ line: lineId, installed: line.installed, bandwidthKbps: request.bandwidthKbps }, tx),
  );
  if (outcome.ok) {
    const current = direction === 'apply' ? elastic.id : targetIntent!.id;
    const patch = { installed: outcome.installed, current, bandwidthKbps: request.bandwidthKbps };
    // The resize re-booked the line's reservation in the ledger: the store's rows of the line are replaced.
    const rebooked = { releaseOwners: [lineId], reserve: await lineReservation(core, lineId) };
    if (direction === 'apply') {
      await core.lifecycles.send(elastic.id, lineId, { type: 'INSTALLED' }, `line resized by ${outcome.transaction}`, {
        line: { id: lineId, patch },
        releaseOwners: [lineId],
        reserve: rebooked.reserve,
        endTransaction: outcome.end,
      });
    } else {
      await core.lifecycles.send(elastic.id, lineId, { type: 'DELETED' }, `line reverted by ${outcome.transaction}`, {
        line: { id: lineId, patch },
        releaseOwners: [elastic.id, lineId],
        reserve: rebooked.reserve,
        scheduleDoneFor: [elastic.id],
        endTransaction: outcome.end,
      });
    }
    if (core.lifecycles.state(base) === 'modifying')
      await core.lifecycles.send(base, lineId, { type: 'MODIFIED' }, `elastic ${elastic.id}: ${direction} done`);
    return;
  }
  // The line keeps its bandwidth: the ledger holds what the store holds (a resize whose confirm failed and could not
  // be finished kept its new numbers booked).
  await bookStoredLine(core, lineId);
  const reason = transactionReason(outcome.phase, outcome.devices, outcome.message);
  await core.lifecycles.send(elastic.id, lineId, { type: failEvent, reason }, reason.message, {
    releaseOwners: [elastic.id],
    scheduleDoneFor: [elastic.id],
    endTransaction: outcome.end,
  });
  if (core.lifecycles.state(base) === 'modifying') {
    await core.lifecycles.send(
      base,
      lineId,
      { type: 'MODIFY_FAILED', reason },
      `elastic ${elastic.id} failed: the line keeps its bandwidth`,
    );
  }
}
