import { computePath, type PceResult, type Reservation } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import type { FailureReason } from '../facade/types';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';
import { reserveLine } from '../installer/plan/reserveLine';
import { releaseReservations } from '../installer/releaseReservations';
import { noPathReason, transactionReason } from './failureReasons';
import type { IntentPlan } from './IntentPlan';
import { bookFor, bookingFailed, type LineMove, moveFailed, type ReadLine } from './lineMove';
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
export async function restoreLine(
  core: ControllerCore,
  intentId: string,
  lineId: string,
  failedFibres: string[],
  known?: ReadLine,
): Promise<void> {
  const booked = await bookFor(core, intentId, lineId, (move) => bookNewPath(core, move, failedFibres), known);
  if (!booked) return;
  const [move, booking] = booked;
  if (!booking.ok) return void (await moveFailed(core, move, 'not restored', booking.reason));
  // The cut's other lines go in the same round (RestorationTurns.allBooked).
  await core.restorations.allBooked();
  await swapPaths(core, move, failedFibres, booking);
}

/** A new path booked in the ledger, with what the line held before (booked again should the move fail). */
export type Booking = Booked | { ok: false; reason: FailureReason };
export interface Booked {
  ok: true;
  result: Extract<PceResult, { ok: true }>;
  reserved: ReservedLine;
  released: Reservation[];
  rebookOld: () => void;
  /** The fibres the new path avoids (an original path is kept for a revertive line until they are back). */
  avoid: string[];
}

/**
 * The line's turn among the restorations (synchronous, so nothing else books meanwhile): its broken path given back
 * in the ledger, a new path computed avoiding every failed fibre, and reserved; or, when nothing fits, the old
 * reservation booked again as it was and the reason.
 */
export function bookNewPath(core: ControllerCore, r: LineMove, failedFibres: string[]): Booking {
  const { old, request } = r;
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
  try {
    const result = computePath(core.graph, core.ledger, { ...request, exclude, window }, { now: core.clock.now() });
    if (!result.ok) {
      rebookOld();
      return { ok: false, reason: noPathReason(result.failure) };
    }
    const reserved = renameMovedPair(old, reserveLine(core.index, core.ledger, { line: r.line.id, result, window }));
    return { ok: true, result, reserved, released, rebookOld, avoid };
  } catch (error) {
    return bookingFailed(error, rebookOld);
  }
}

/**
 * Swaps the paths on the devices in one transaction and records the outcome. What was booked decides what moves:
 * one path, or for a 1+1 line whose legs are both cut a new disjoint pair (reprotectLine hands those here).
 */
export async function swapPaths(core: ControllerCore, r: LineMove, failedFibres: string[], booked: Booked): Promise<void> {
  const { intentId, line, plan, old } = r;
  const { result, reserved, released, rebookOld, avoid } = booked;
  const lineId = line.id;

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
