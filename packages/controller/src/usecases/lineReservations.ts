import type { ResourceLedger } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';
import { lightpathsToRelease } from '../installer/releaseReservations';
import type { StoredIntent, StoredReservation } from '../store/ControllerStore';
import { planOf } from './IntentPlan';

/**
 * Reservations are keyed by what holds the resources on the network, not by the intent that asked: the line
 * (its own reservation, re-booked in place by a resize) and `lightpath:<link>` for each lightpath it groomed, which
 * outlives the line while others ride it. These are the owners an intent's end gives back: the line's, and every
 * lightpath no other line rides, when the intent is the one that made the line (its first); nothing otherwise.
 */
export async function ownersToRelease(core: ControllerCore, intent: StoredIntent): Promise<string[]> {
  const reserved = planOf(intent)?.reserved;
  if (!reserved || !intent.line) return [intent.id];
  const line = await core.store.line(intent.line);
  if (line && line.intents[0] !== intent.id) return [intent.id];
  return [intent.line, ...lightpathsToRelease(core.ledger, reserved).map((link) => lightpathOwner(link.id))];
}

/** The ledger's reservations of a newly reserved line (lightpaths first, so a reload books the links before the line), as the store keeps them. */
export async function storedReservations(core: ControllerCore, reserved: ReservedLine): Promise<StoredReservation[]> {
  const owners = [...reserved.lightpaths.map((l) => lightpathOwner(l.link.id)), reserved.line];
  return storedOf(core, core.ledger, owners);
}

/** The line's own reservation as the ledger holds it now (after a resize re-booked it). */
export function lineReservation(core: ControllerCore, line: string): Promise<StoredReservation[]> {
  return storedOf(core, core.ledger, [line]);
}

async function storedOf(core: ControllerCore, ledger: ResourceLedger, owners: string[]): Promise<StoredReservation[]> {
  const out: StoredReservation[] = [];
  for (const owner of owners) {
    for (const r of ledger.reservations(owner)) {
      out.push({ id: await core.store.nextId('R'), owner, window: { ...r.window }, items: structuredClone(r.items) });
    }
  }
  return out;
}

/**
 * Books the line's own reservation back as the store holds it (what its last transition wrote) in place of what the
 * ledger holds now: after a resize that failed, whose installer may have kept its new numbers booked. Refused (another
 * line took what the old numbers need meanwhile), the ledger keeps what it held and false is returned.
 */
export async function bookStoredLine(core: ControllerCore, line: string): Promise<boolean> {
  const rows = (await core.store.reservations()).filter((r) => r.owner === line);
  if (rows.length === 0) return false;
  const held = core.ledger.releaseOwner(line);
  try {
    for (const r of rows) core.ledger.reserve(r.owner, r.window, r.items);
    return true;
  } catch (error) {
    core.ledger.releaseOwner(line);
    for (const r of held) core.ledger.reserve(r.owner, r.window, r.items);
    core.log.child({ line }).error({ err: error }, "the line's stored reservation could not be booked back; the ledger keeps what it held");
    return false;
  }
}
