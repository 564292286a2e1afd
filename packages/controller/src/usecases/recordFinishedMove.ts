import type { Reservation } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import type { InstalledLine } from '../installer/InstallerContext';
import { bookReserved } from '../installer/plan/bookReserved';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';
import { lightpathsToRelease } from '../installer/releaseReservations';
import type { StoredTransaction } from '../store/ControllerStore';
import { type IntentPlan, planOf } from './IntentPlan';
import { storedReservations } from './lineReservations';
import { keepOriginal } from './originalPath';
import { pathView } from './pathView';

/**
 * A restoration or re-protection that a restarted controller found finished on every device: the devices hold the
 * line's new path (the transaction's plan) while the store and the ledger still hold its former one. The former
 * reservation goes back to the ledger, the new one is booked exactly as it was numbered, and the line is `active` on
 * its new path (RESTORED), as the transition the dead process did not write would have recorded it. Returns false
 * when it cannot (no plan in the transaction, or the ledger refuses the new numbers), leaving everything as it was.
 */
export async function recordFinishedMove(
  core: ControllerCore,
  open: StoredTransaction,
  endTransaction: { id: string; state: 'done' | 'undone' },
): Promise<boolean> {
  const installed = open.plan as InstalledLine | undefined;
  const intent = await core.store.intent(open.intent);
  const plan = intent && planOf(intent);
  const old = plan?.reserved;
  const next = installed?.reserved;
  if (!plan || !old || !next || !installed) return false;
  const held = heldBy(core, old);
  core.ledger.releaseOwner(old.line);
  lightpathsToRelease(core.ledger, old, true);
  try {
    bookReserved(core.index, core.ledger, next);
  } catch (error) {
    const still = new Set(core.ledger.reservations().map((r) => r.id));
    for (const r of held) if (!still.has(r.id)) core.ledger.reserve(r.owner, r.window, r.items);
    core.log.child({ intent: open.intent, line: open.line, transaction: open.id }).error({ err: error }, 'finished move not booked');
    return false;
  }
  const working = next.paths.find((p) => p.role === 'working')!.path;
  const protection = next.paths.find((p) => p.role === 'protection')?.path;
  const view = { working: pathView(working), ...(protection ? { protection: pathView(protection) } : {}) };
  const reserve = await storedReservations(core, next);
  await core.lifecycles.send(
    open.intent,
    open.line,
    { type: 'RESTORED' },
    `recovery finished ${open.id} on every device: the line is on its new path`,
    {
      intent: {
        compilation: {
          ...plan,
          working,
          ...(protection ? { protection } : {}),
          reserved: next,
          // A restoration keeps a revertive line's original path; a move back to it (revert) leaves none to go back to.
          ...(open.purpose === 'restore' ? keepOriginal(plan, old, core.failedFibres) : {}),
          ...(open.purpose === 'revert' ? { original: undefined } : {}),
        } satisfies IntentPlan,
        path: view,
        error: undefined,
      },
      line: { id: open.line, patch: { installed, path: view } },
      releaseOwners: [...new Set([...held.map((r) => r.owner), ...reserve.map((r) => r.owner)])],
      reserve,
      endTransaction,
    },
  );
  return true;
}

/** The line's own reservation and those of every groomed link its former path rode, as the ledger holds them now. */
export function heldBy(core: ControllerCore, reserved: ReservedLine): Reservation[] {
  const links = new Set(reserved.paths.flatMap((p) => p.hops.flatMap((h) => (h.ends ? [h.ends.link] : []))));
  const lightpaths = [...links].flatMap((link) => core.ledger.reservations(lightpathOwner(link)));
  return [...lightpaths, ...core.ledger.reservations(reserved.line)].map((r) => structuredClone(r));
}
