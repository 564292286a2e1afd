import { findEntry } from '../../changeset/applyEdits';
import type { ChangeSet } from '../../changeset/ChangeSet';
import type { Edit, EntryValue } from '../../changeset/Edit';
import { DriverError } from '../../contract/DriverError';
import { OSU_GROUP_PATH, OSU_MODULE } from './osuEdits';

/**
 * milli-osu's index of protection legs: one `protection-osus/protection-osu[odu osu-id]` entry naming its group for
 * every protection group's protection OSU. Connections and cross-connect ends are checked against protection legs
 * through it (a hashed lookup each, see yang/README.md, Scale), so every edit of a protection group carries the
 * index edit that follows from it, in the same change set. Connections and cross-connects have no entries.
 */
export const PROTECTION_OSU_PATH = [`${OSU_MODULE}:osu`, 'protection-osus', 'protection-osu'];

interface Leg {
  odu: string;
  osuId: number;
}

function legOf(group: EntryValue | undefined): Leg | undefined {
  const protection = group?.protection as EntryValue | undefined;
  if (protection?.odu === undefined || protection['osu-id'] === undefined) return undefined;
  return { odu: String(protection.odu), osuId: Number(protection['osu-id']) };
}

const keyOf = (leg: Leg) => ({ odu: leg.odu, 'osu-id': leg.osuId });
const sameLeg = (a: Leg | undefined, b: Leg | undefined) => a !== undefined && b !== undefined && a.odu === b.odu && a.osuId === b.osuId;

/**
 * Pure: the protection-osu edits that take the index from the protection group `name` as `before` to `after` (RFC
 * 7951 JSON, undefined for absent), against the entries `config` holds: the old leg's entry deleted when the group
 * leaves it, the new leg's entry created when it is not there yet (so a group replaced whole over a missing entry
 * gets it back). Throws DRIVER_VALIDATION (app-tag `osu-id-in-use`) when the new leg is another group's.
 */
export function protectionOsuEdits(
  config: EntryValue,
  device: string,
  name: string,
  before: EntryValue | undefined,
  after: EntryValue | undefined,
): Edit[] {
  const old = legOf(before);
  const next = legOf(after);
  const edits: Edit[] = [];
  if (old !== undefined && !sameLeg(old, next)) {
    const entry = findEntry(config, { path: PROTECTION_OSU_PATH, key: keyOf(old) });
    if (entry?.group === name) edits.push({ op: 'delete', path: PROTECTION_OSU_PATH, key: keyOf(old) });
  }
  if (next !== undefined) {
    const entry = findEntry(config, { path: PROTECTION_OSU_PATH, key: keyOf(next) });
    if (entry === undefined) {
      edits.push({ op: 'create', path: PROTECTION_OSU_PATH, key: keyOf(next), value: { ...keyOf(next), group: name } });
    } else if (entry.group !== name) {
      throw new DriverError(
        'DRIVER_VALIDATION',
        `${device}: OSU id ${next.osuId} in ODU '${next.odu}' is already the protection leg of group '${String(entry.group)}'`,
        {
          device,
          path: `/${OSU_GROUP_PATH.join('/')}[name='${name}']/protection`,
          appTag: 'osu-id-in-use',
          odu: next.odu,
          osuId: next.osuId,
          group: entry.group,
        },
      );
    }
  }
  return edits;
}

const isGroupPath = (path: readonly string[]) => path.length === OSU_GROUP_PATH.length && path.every((p, i) => p === OSU_GROUP_PATH[i]);

/**
 * Adds an edit of an OSU protection group (create, delete, merge or replace) with its protection-osu edit, as one
 * batch: the change set validates them together and keeps neither if either fails. Any other edit is added alone
 * (connections and cross-connects have no index entries).
 */
export function addOsuEdit(changeSet: ChangeSet, edit: Edit): void {
  if (!isGroupPath(edit.path)) {
    changeSet.add(edit);
    return;
  }
  changeSet.batch(() => {
    const before = findEntry(changeSet.result(), edit);
    const after =
      edit.op === 'delete' ? undefined : edit.op === 'merge' && before !== undefined ? { ...before, ...edit.value } : edit.value;
    const index = protectionOsuEdits(changeSet.result(), changeSet.device, String(edit.key.name), before, after);
    // The old leg's entry out first, then the group, then the new leg's entry: each step meets the config it expects.
    for (const e of index) if (e.op === 'delete') changeSet.add(e);
    changeSet.add(edit);
    for (const e of index) if (e.op === 'create') changeSet.add(e);
  });
}
