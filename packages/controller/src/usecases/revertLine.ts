import type { Reservation } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import type { StoredIntent } from '../store/ControllerStore';
import { bookReserved } from '../installer/plan/bookReserved';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';
import { lightpathsToRelease } from '../installer/releaseReservations';
import { transactionReason } from './failureReasons';
import { type IntentPlan, planOf } from './IntentPlan';
import { storedReservations } from './lineReservations';
import { pathView } from './pathView';
import { heldBy } from './recordFinishedMove';
import { runTransaction } from './runTransaction';

/**
 * A revertive line that a restoration moved goes back to its original path once every fibre of that path is back
 * (no alarm standing on any of them) and has stayed so for `reverts.afterMs` (wait-to-restore: a flapping fibre does
 * not move lines back and forth): its original reservation is booked again exactly as it was numbered, in place of
 * the restored path's (from now on), and one `replace` transaction (purpose `revert`) moves it: the restored path's
 * entries off, the original's on, what both share untouched. The line goes `active → restoring → active` (REVERT,
 * RESTORED) and keeps no original any more. When the original path is not feasible (another line took what it needs
 * meanwhile) the line stays where it is, in service, with a log line; a failed transaction (every device rolled back)
 * leaves it there too (REVERT_FAILED). Any other line is left alone. Asked after each change of the line's alarms
 * (the return of a fibre clears alarms that touched it), and again when its wait is over.
 */
export async function revertLine(core: ControllerCore, lineId: string, waited = false): Promise<void> {
  // Only an active line goes back: the outline and the machine say so without reading its installed items and its
  // intent's compilation (asked after every change of every line's alarms, most of them degraded or restoring).
  const outline = await core.store.lineOutline(lineId);
  if (!outline?.installed || core.lifecycles.state(outline.current) !== 'active') return;
  if (core.reverts.notRevertive.has(outline.current)) return;
  const line = await core.store.line(lineId);
  const intent = line && (await core.store.intent(line.current));
  const plan = intent && planOf(intent);
  if (intent) rememberIfNotRevertive(core, intent);
  const original = plan?.original;
  const current = plan?.reserved;
  if (!line?.installed || !intent || !plan || !original || !current || !plan.compilation.revertive) return;
  // Only the alarms standing now can say the fibres are back (a restarted controller knows no failed fibre yet).
  if (core.lifecycles.state(intent.id) !== 'active' || !core.standingFaults) return;
  const down = new Set((await core.standingFaults()).failedFibres);
  if (original.reserved.paths.some((p) => p.path.fibres.some((f) => down.has(f)))) {
    core.reverts.waiting.get(lineId)?.cancel();
    core.reverts.waiting.delete(lineId);
    return;
  }
  if (!waited && core.reverts.afterMs > 0) {
    if (!core.reverts.waiting.has(lineId)) {
      const timer = core.clock.setTimeout(() => {
        core.reverts.waiting.delete(lineId);
        core.queues.enqueue(lineId, () => revertLine(core, lineId, true));
      }, core.reverts.afterMs);
      core.reverts.waiting.set(lineId, timer);
    }
    return;
  }
  if (core.lifecycles.state(intent.id) !== 'active') return;
  const log = core.log.child({ intent: intent.id, line: lineId });

  const swap = bookInstead(core, current, original.reserved);
  if (!swap.ok) {
    log.warn({ why: swap.why }, 'revertive line stays on its restored path: its original path is not feasible');
    return;
  }
  const back = original.failedFibres.length > 0 ? `${original.failedFibres.join(', ')} back` : 'its fibres back';
  await core.lifecycles.send(intent.id, lineId, { type: 'REVERT' }, `reverting to its original path: ${back}`);
  const moved = await runTransaction(core, { intent: intent.id, line: lineId, purpose: 'revert' }, (tx) =>
    core.installer.replace({ line: lineId, installed: line.installed, reserved: swap.reserved }, tx),
  );
  if (!moved.ok) {
    swap.undo();
    const reason = transactionReason(moved.phase, moved.devices, moved.message);
    log.warn({ phase: moved.phase, devices: moved.devices }, 'revertive line stays on its restored path: the move back failed');
    await core.lifecycles.send(intent.id, lineId, { type: 'REVERT_FAILED', reason }, `not reverted: ${reason.message}`, {
      endTransaction: moved.end,
    });
    return;
  }
  const working = swap.reserved.paths.find((p) => p.role === 'working')!.path;
  const protection = swap.reserved.paths.find((p) => p.role === 'protection')?.path;
  const view = { working: pathView(working), ...(protection ? { protection: pathView(protection) } : {}) };
  await core.lifecycles.send(
    intent.id,
    lineId,
    { type: 'RESTORED' },
    `reverted by ${moved.transaction} to its original path: ${working.fibres.join(', ')} (${working.latency.totalUs} µs)`,
    {
      intent: {
        compilation: {
          ...plan,
          working,
          ...(protection ? { protection } : {}),
          reserved: swap.reserved,
          original: undefined,
        } satisfies IntentPlan,
        path: view,
        error: undefined,
      },
      line: { id: lineId, patch: { installed: moved.installed, path: view } },
      releaseOwners: [...new Set(swap.released.map((r) => r.owner))],
      reserve: await storedReservations(core, swap.reserved),
      endTransaction: moved.end,
    },
  );
}

type Swap = { ok: true; reserved: ReservedLine; released: Reservation[]; undo(): void } | { ok: false; why: string };

/**
 * Books `target` (numbered earlier) in place of what the line holds now, with no pause between: the line's own
 * reservation and the lightpaths only it rides are given back, then the target is booked from now with its own
 * numbers (a lightpath of it still in the ledger, which others ride, is not booked twice). Refused, everything is
 * booked back as it was.
 */
function bookInstead(core: ControllerCore, current: ReservedLine, target: ReservedLine): Swap {
  const held = heldBy(core, current);
  core.ledger.releaseOwner(current.line);
  lightpathsToRelease(core.ledger, current, true);
  const still = new Set(core.ledger.reservations().map((r) => r.id));
  const released = held.filter((r) => !still.has(r.id));
  const rebook = () => {
    for (const r of released) core.ledger.reserve(r.owner, r.window, r.items);
  };
  const window = { ...target.window, start: Math.max(target.window.start, core.clock.now()) };
  const booked = (link: string) => core.ledger.reservations(lightpathOwner(link)).length > 0;
  const missing = target.lightpaths.filter((l) => !booked(l.link.id));
  try {
    bookReserved(core.index, core.ledger, { ...target, window, lightpaths: missing });
  } catch (error) {
    rebook();
    return { ok: false, why: (error as Error).message };
  }
  const idOf = (owner: string) => core.ledger.reservations(owner).at(-1)?.id;
  const reserved: ReservedLine = {
    ...target,
    window,
    reservation: idOf(target.line) ?? target.reservation,
    lightpaths: target.lightpaths.map((l) => ({ ...l, reservation: idOf(lightpathOwner(l.link.id)) ?? l.reservation })),
  };
  const undo = () => {
    core.ledger.releaseOwner(target.line);
    for (const l of missing) core.ledger.releaseOwner(lightpathOwner(l.link.id));
    rebook();
  };
  return { ok: true, reserved, released, undo };
}

/**
 * Notes an intent read whole that is not revertive (fixed for its life), so that revertLine, asked after every change
 * of its line's alarms, does not read it whole again to learn that.
 */
export function rememberIfNotRevertive(core: ControllerCore, intent: StoredIntent): void {
  const plan = planOf(intent);
  if (plan && !plan.compilation.revertive) core.reverts.notRevertive.add(intent.id);
}
