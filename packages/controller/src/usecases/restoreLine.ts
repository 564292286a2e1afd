import { isMilliError } from '@milli/core';
import { computePath, type Reservation } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import { restorationRank } from '../facade/RestorationTurns';
import type { FailureReason } from '../facade/types';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';
import { reserveLine } from '../installer/plan/reserveLine';
import { releaseReservations } from '../installer/releaseReservations';
import { internalReason, noPathReason, noPortReason, transactionReason } from './failureReasons';
import type { IntentPlan } from './IntentPlan';
import { type LineMove, moveFailed, readMove } from './lineMove';
import { keepOriginal } from './originalPath';
import { renameMovedPair } from './renameMovedPair';
import { storedReservations } from './lineReservations';
import { pathView } from './pathView';
import { runTransaction } from './runTransaction';

/**
 * The `restoring` state's work for an unprotected line cut by a failed fibre: a new path within the line's own
 * latency bound that avoids every failed fibre, reserved before any device is touched; then one network-wide
 * transaction swaps them on the devices (only the difference: what both paths share stays, the broken path's other
 * entries and any groomed lightpath nobody rides any more come off, the new ones go on), and the line is `active`
 * again on it with the broken path's resources given back. When no path fits, or the transaction fails (every
 * device rolled back, the broken path still installed), the line goes back to `degraded` with the typed reason, its
 * old reservation booked again, and is tried again when the network changes.
 */
export async function restoreLine(core: ControllerCore, intentId: string, lineId: string, failedFibres: string[]): Promise<void> {
  const move = await readMove(core, intentId, lineId);
  if (!move) return;
  const giveTurnBack = await core.restorations.take(restorationRank(move.plan.compilation.sla?.tier));
  try {
    await rerouteLine(core, move, failedFibres, giveTurnBack);
  } finally {
    giveTurnBack();
  }
}

/**
 * Computes and reserves during its turn (given back once booked), then swaps the paths on the devices. The line's
 * own request decides what is sought: one path, or for a 1+1 line whose legs are both cut a new disjoint pair
 * (reprotectLine hands those here), moved in one transaction.
 */
export async function rerouteLine(core: ControllerCore, r: LineMove, failedFibres: string[], giveTurnBack: () => void): Promise<void> {
  const { intentId, line, plan, old, request } = r;
  const lineId = line.id;
  const giveUp = (reason: FailureReason) => moveFailed(core, r, 'not restored', reason);
  // The line's own resources are free to its new path (its client ports, transponders, channels on fibres that
  // still work): they are given back in the ledger now and booked again as they were if nothing fits.
  const held = heldBy(core, old);
  releaseReservations(core.ledger, old);
  // Lightpaths other lines still ride stay booked: only what was released here is booked again or given up.
  const released = held.filter((r) => !core.ledger.reservations(r.owner).some((kept) => kept.id === r.id));
  const rebookOld = () => {
    for (const r of released) core.ledger.reserve(r.owner, r.window, r.items);
  };
  const avoid = [...(request.exclude?.links ?? []), ...failedFibres, ...core.failedFibres];
  const exclude = { ...request.exclude, links: [...new Set(avoid)].sort() };
  // The new path is booked from now, not from the line's first start: lightpaths set up since then cover now only.
  const window = { ...old.window, start: Math.max(old.window.start, core.clock.now()) };
  const result = computePath(core.graph, core.ledger, { ...request, exclude, window }, { now: core.clock.now() });
  if (!result.ok) {
    rebookOld();
    return void (await giveUp(noPathReason(result.failure)));
  }
  let reserved: ReservedLine;
  try {
    reserved = renameMovedPair(old, reserveLine(core.index, core.ledger, { line: lineId, result, window }));
  } catch (error) {
    rebookOld();
    if (isMilliError(error) && error.code === 'INSTALL_NO_PORT') return void (await giveUp(noPortReason(error)));
    return void (await giveUp(internalReason(error)));
  }
  giveTurnBack();

  // One journaled network-wide transaction: the broken path's entries off, the new path's on, what both share kept
  // (a line left with nothing installed by an older failure gets a plain install).
  const moved = await runTransaction(core, { intent: intentId, line: lineId, purpose: 'restore' }, (tx) =>
    line.installed === undefined || line.installed === null
      ? core.installer.install({ line: lineId, reserved }, tx)
      : core.installer.replace({ line: lineId, installed: line.installed, reserved }, tx),
  );
  if (!moved.ok) {
    // Rolled back: the broken path is still what the devices hold, so the line keeps it and its old reservation.
    releaseReservations(core.ledger, reserved);
    rebookOld();
    const reason = transactionReason(moved.phase, moved.devices, moved.message);
    await core.lifecycles.send(intentId, lineId, { type: 'RESTORE_FAILED', reason }, `not restored: ${reason.message}`, {
      intent: { error: reason },
      endTransaction: moved.end,
    });
    return;
  }
  const view = { working: pathView(result.working), ...(result.protection ? { protection: pathView(result.protection) } : {}) };
  await core.lifecycles.send(
    intentId,
    lineId,
    { type: 'RESTORED' },
    `restored around ${failedFibres.join(', ')} by ${moved.transaction}: ${result.working.fibres.join(', ')} (${result.working.latency.totalUs} µs)`,
    {
      intent: {
        compilation: {
          ...plan,
          working: result.working,
          ...(result.protection ? { protection: result.protection } : {}),
          reserved,
          ...keepOriginal(plan, old, avoid),
        } satisfies IntentPlan,
        path: view,
        error: undefined,
      },
      line: { id: lineId, patch: { installed: moved.installed, path: view } },
      releaseOwners: [...new Set(released.map((r) => r.owner))],
      reserve: await storedReservations(core, reserved),
      endTransaction: moved.end,
    },
  );
}

/** What the line holds in the ledger now: its own reservation and those of the lightpaths it grooms, lightpaths first. */
function heldBy(core: ControllerCore, reserved: ReservedLine): Reservation[] {
  const lightpaths = reserved.lightpaths.flatMap((l) => core.ledger.reservations(lightpathOwner(l.link.id)));
  return [...lightpaths, ...core.ledger.reservations(reserved.line)].map((r) => structuredClone(r));
}
