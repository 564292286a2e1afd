import { findEntry } from '../../changeset/applyEdits';
import type { ChangeSet } from '../../changeset/ChangeSet';
import type { Edit, EntryValue } from '../../changeset/Edit';
import { addIndexedEdit, isPath } from '../../changeset/editedEntry';
import { DriverError } from '../../contract/DriverError';
import { ODU_GROUP_PATH, ODU_XC_PATH, OTN_MODULE } from './otnEdits';

/**
 * milli-otn's index of ODU uses: one `odu-uses/odu-use[odu]` entry naming its user for every ODU of a cross-connect
 * (its 'from' and its 'to') and every protection group's protection ODU. The key holds one user per ODU, and each user
 * and its entries find each other by key (hashed lookups, see yang/README.md, Scale), so every edit of an ODU
 * cross-connect or protection group carries the index edits that follow from it, in the same change set. An entry
 * names a cross-connect without saying which end: a cross-connect whose ends swap keeps its entries.
 */
export const ODU_USE_PATH = [`${OTN_MODULE}:otn`, 'odu-uses', 'odu-use'];

/** The kind of an ODU's user: the leaf of its odu-use entry that names it. */
export type OduUser = 'cross-connect' | 'protection-group';

/** An ODU a cross-connect or protection group uses, and the leaf of the item that holds it. */
interface Use {
  odu: string;
  leaf: 'from' | 'to' | 'protection-odu';
}

function usesOf(kind: OduUser, item: EntryValue | undefined): Use[] {
  if (item === undefined) return [];
  const leaves = kind === 'cross-connect' ? (['from', 'to'] as const) : (['protection-odu'] as const);
  const uses: Use[] = [];
  for (const leaf of leaves) {
    const odu = item[leaf];
    // Both ends on one ODU is the module's `same-odu` to refuse; one entry is all the key allows.
    if (odu !== undefined && !uses.some((u) => u.odu === String(odu))) uses.push({ odu: String(odu), leaf });
  }
  return uses;
}

const keyOf = (odu: string) => ({ odu });

function userOf(entry: EntryValue): string {
  if (entry['protection-group'] !== undefined) return `the protection ODU of group '${String(entry['protection-group'])}'`;
  return `in cross-connect '${String(entry['cross-connect'])}'`;
}

/**
 * Pure: the odu-use edits that take the index from the cross-connect or protection group `name` as `before` to
 * `after` (RFC 7951 JSON, undefined for absent), against the entries `config` holds: an ODU the item leaves has its
 * entry deleted (when it names this item), an ODU it takes gets one created when none is there (so an item replaced
 * whole over a missing entry gets it back), and an ODU it keeps, at either end, stays. Throws DRIVER_VALIDATION
 * (app-tag `odu-in-use`, as the module's musts) when an ODU the item takes is another user's, naming that user.
 */
export function oduUseEdits(
  config: EntryValue,
  device: string,
  kind: OduUser,
  name: string,
  before: EntryValue | undefined,
  after: EntryValue | undefined,
): Edit[] {
  const next = usesOf(kind, after);
  const taken = new Set(next.map((u) => u.odu));
  const edits: Edit[] = [];
  // Deletes the last end first, so that an inverse (creates in reverse order) puts the entries back in their order.
  for (const old of usesOf(kind, before).reverse()) {
    if (taken.has(old.odu)) continue;
    if (findEntry(config, { path: ODU_USE_PATH, key: keyOf(old.odu) })?.[kind] === name) {
      edits.push({ op: 'delete', path: ODU_USE_PATH, key: keyOf(old.odu) });
    }
  }
  for (const use of next) {
    const entry = findEntry(config, { path: ODU_USE_PATH, key: keyOf(use.odu) });
    if (entry === undefined) {
      edits.push({ op: 'create', path: ODU_USE_PATH, key: keyOf(use.odu), value: { odu: use.odu, [kind]: name } });
    } else if (entry[kind] !== name) {
      const path = kind === 'cross-connect' ? ODU_XC_PATH : ODU_GROUP_PATH;
      throw new DriverError('DRIVER_VALIDATION', `${device}: ODU '${use.odu}' (the ${kind}'s '${use.leaf}') is already ${userOf(entry)}`, {
        device,
        // where the module reports it too: at the item, whose musts look its ODUs' entries up
        path: `/${path.join('/')}[name='${name}']`,
        leaf: use.leaf,
        appTag: 'odu-in-use',
        odu: use.odu,
        usedBy: userOf(entry),
      });
    }
  }
  return edits;
}

/** The kind of user an edit's path is (undefined: neither an ODU cross-connect nor a protection group). */
export function oduUserOf(path: readonly string[]): OduUser | undefined {
  if (isPath(path, ODU_XC_PATH)) return 'cross-connect';
  if (isPath(path, ODU_GROUP_PATH)) return 'protection-group';
  return undefined;
}

/**
 * Adds an edit of an ODU cross-connect or protection group `kind` (create, delete, merge or replace) with its
 * odu-use edits, as one step: the change set validates them together and keeps none if any fails.
 */
export function addOduUserEdit(changeSet: ChangeSet, kind: OduUser, edit: Edit): void {
  addIndexedEdit(changeSet, edit, (config, before, after) =>
    oduUseEdits(config, changeSet.device, kind, String(edit.key.name), before, after),
  );
}
