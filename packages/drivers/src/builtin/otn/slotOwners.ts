import { findEntry } from '../../changeset/applyEdits';
import type { ChangeSet } from '../../changeset/ChangeSet';
import type { Edit, EntryValue } from '../../changeset/Edit';
import { addIndexedEdit, isPath } from '../../changeset/editedEntry';
import { DriverError } from '../../contract/DriverError';
import { addOduUserEdit, oduUserOf } from './oduUses';
import { ODU_PATH, OTN_MODULE } from './otnEdits';

/**
 * milli-otn's slot index: one `slot-owners/slot-owner[port slot]` entry naming the ODU for every tributary slot an
 * ODU holds on a line port. The module checks slot uniqueness through it in linear time (see yang/README.md, Scale),
 * so every edit of an ODU's slots carries the index entries that follow from it, in the same change set.
 */
export const SLOT_OWNER_PATH = [`${OTN_MODULE}:otn`, 'slot-owners', 'slot-owner'];

function slotsOf(odu: EntryValue | undefined): { port: string; slots: number[] } {
  if (odu === undefined) return { port: '', slots: [] };
  return { port: String(odu.port ?? ''), slots: ((odu['tributary-slots'] ?? []) as number[]).map(Number) };
}

/**
 * Pure: the slot-owner edits that take the index from the ODU entry `before` to `after` (RFC 7951 JSON, undefined
 * for absent): deletes for the slots it leaves, creates for the slots it takes. Throws DRIVER_VALIDATION (app-tag
 * `slot-in-use`, as the module's must) when a slot it takes is owned by another ODU in `config`.
 */
export function slotOwnerEdits(
  config: EntryValue,
  device: string,
  name: string,
  before: EntryValue | undefined,
  after: EntryValue | undefined,
): Edit[] {
  const old = slotsOf(before);
  const next = slotsOf(after);
  const kept = (port: string, slot: number, other: { port: string; slots: number[] }) => port === other.port && other.slots.includes(slot);
  // Deletes highest slot first, so that an inverse (creates in reverse order) puts the entries back in their order.
  const edits: Edit[] = old.slots
    .filter((slot) => !kept(old.port, slot, next))
    .sort((a, b) => b - a)
    .map((slot) => ({ op: 'delete', path: SLOT_OWNER_PATH, key: { port: old.port, slot } }));
  for (const slot of next.slots) {
    if (kept(next.port, slot, old)) continue;
    const key = { port: next.port, slot };
    const owner = findEntry(config, { path: SLOT_OWNER_PATH, key });
    if (owner !== undefined && owner.odu !== name) {
      const path = `/${ODU_PATH.join('/')}[name='${name}']/tributary-slots[.='${slot}']`;
      throw new DriverError(
        'DRIVER_VALIDATION',
        `${device}: tributary slot ${slot} on ${next.port} is already used by ODU '${String(owner.odu)}'`,
        { device, path, appTag: 'slot-in-use', port: next.port, slot, owner: owner.odu },
      );
    }
    edits.push({ op: 'create', path: SLOT_OWNER_PATH, key, value: { port: next.port, slot, odu: name } });
  }
  return edits;
}

/**
 * The door for milli-otn's indexed edits. Adds an edit of an ODU entry (create, delete, merge or replace) with the
 * slot-owner edits it implies, and an edit of an ODU cross-connect or protection group with its odu-use
 * edits (see oduUses.ts), as one step: the change set validates them together, and keeps none of them if any fails.
 * Any other edit is added alone.
 */
export function addOduEdit(changeSet: ChangeSet, edit: Edit): void {
  const user = oduUserOf(edit.path);
  if (user !== undefined) {
    addOduUserEdit(changeSet, user, edit);
    return;
  }
  if (!isPath(edit.path, ODU_PATH)) {
    changeSet.add(edit);
    return;
  }
  // Deletes of owners first (a resize may hand a slot to itself on another port), the ODU, then new owners.
  addIndexedEdit(changeSet, edit, (config, before, after) =>
    slotOwnerEdits(config, changeSet.device, String(edit.key.name), before, after),
  );
}
