import { findEntry } from '../../changeset/applyEdits';
import type { ChangeSet } from '../../changeset/ChangeSet';
import type { Edit, EntryValue } from '../../changeset/Edit';
import { addIndexedEdit, isPath } from '../../changeset/editedEntry';
import { DriverError } from '../../contract/DriverError';
import { OSU_GROUP_PATH, OSU_MODULE, OSU_XC_PATH } from './osuEdits';

/**
 * milli-osu's index of shared OSUs: one `shared-osus/shared-osu[odu osu-id]` entry naming its user for every OSU in
 * use that is not a plain connection's, that is each end of every cross-connect and every protection group's
 * protection OSU. The key holds one user per OSU, and connections look their OSU up in it (a hashed lookup each, see
 * yang/README.md, Scale), so every edit of a cross-connect or a protection group carries the index edits that follow
 * from it, in the same change set. Connections have no entries.
 */
export const SHARED_OSU_PATH = [`${OSU_MODULE}:osu`, 'shared-osus', 'shared-osu'];

/** The leaf of a shared-osu entry that names its user, and the user's container holding the OSU. */
type UserLeaf = 'group' | 'cross-connect-from' | 'cross-connect-to';
const HOLDER: Record<UserLeaf, string> = { group: 'protection', 'cross-connect-from': 'from', 'cross-connect-to': 'to' };

/** An OSU a cross-connect or protection group uses, and which of its ends it is. */
interface Use {
  odu: string;
  osuId: number;
  user: UserLeaf;
}

export type SharedOsuUser = 'group' | 'cross-connect';

function usesOf(kind: SharedOsuUser, entry: EntryValue | undefined): Use[] {
  if (entry === undefined) return [];
  const leaves: UserLeaf[] = kind === 'group' ? ['group'] : ['cross-connect-from', 'cross-connect-to'];
  const uses: Use[] = [];
  for (const user of leaves) {
    const end = entry[HOLDER[user]] as EntryValue | undefined;
    if (end?.odu === undefined || end['osu-id'] === undefined) continue;
    uses.push({ odu: String(end.odu), osuId: Number(end['osu-id']), user });
  }
  return uses;
}

const keyOf = (use: Use) => ({ odu: use.odu, 'osu-id': use.osuId });
const idOf = (use: Use) => `${use.odu}\u0000${use.osuId}`;
const entryOf = (use: Use, name: string): EntryValue => ({ ...keyOf(use), [use.user]: name });

function userOf(entry: EntryValue): string {
  if (entry.group !== undefined) return `the protection leg of group '${String(entry.group)}'`;
  if (entry['cross-connect-from'] !== undefined) return `the 'from' end of cross-connect '${String(entry['cross-connect-from'])}'`;
  return `the 'to' end of cross-connect '${String(entry['cross-connect-to'])}'`;
}

/**
 * Pure: the shared-osu edits that take the index from the cross-connect or protection group `name` as `before` to
 * `after` (RFC 7951 JSON, undefined for absent), against the entries `config` holds: an OSU the item leaves has its
 * entry deleted (when it names this item), an OSU it takes gets one created when none is there (so an item replaced
 * whole over a missing entry gets it back), and an OSU that stays with the item but changes ends (a cross-connect's
 * `from` becoming its `to`) has its entry replaced. Throws DRIVER_VALIDATION (app-tag `osu-id-in-use`) when an OSU
 * the item takes is another user's.
 */
export function sharedOsuEdits(
  config: EntryValue,
  device: string,
  kind: SharedOsuUser,
  name: string,
  before: EntryValue | undefined,
  after: EntryValue | undefined,
): Edit[] {
  const next = usesOf(kind, after);
  const previous = usesOf(kind, before);
  // The entries of every OSU involved, each looked up by its key (a transit switch's index has hundreds).
  const found = new Map<string, EntryValue>();
  for (const use of [...previous, ...next]) {
    const entry = findEntry(config, { path: SHARED_OSU_PATH, key: keyOf(use) });
    if (entry !== undefined) found.set(idOf(use), entry);
  }
  const kept = new Set(next.map((u) => `${idOf(u)}\u0000${u.user}`));
  const left = new Set<string>();
  const edits: Edit[] = [];
  for (const old of previous) {
    if (kept.has(`${idOf(old)}\u0000${old.user}`)) continue;
    if (found.get(idOf(old))?.[old.user] === name) left.add(idOf(old));
  }
  for (const use of next) {
    const entry = found.get(idOf(use));
    if (entry === undefined) {
      edits.push({ op: 'create', path: SHARED_OSU_PATH, key: keyOf(use), value: entryOf(use, name) });
    } else if (left.delete(idOf(use))) {
      edits.push({ op: 'replace', path: SHARED_OSU_PATH, key: keyOf(use), value: entryOf(use, name) });
    } else if (entry[use.user] !== name) {
      const path = kind === 'group' ? OSU_GROUP_PATH : OSU_XC_PATH;
      throw new DriverError('DRIVER_VALIDATION', `${device}: OSU id ${use.osuId} in ODU '${use.odu}' is already ${userOf(entry)}`, {
        device,
        path: `/${path.join('/')}[name='${name}']/${HOLDER[use.user]}`,
        appTag: 'osu-id-in-use',
        odu: use.odu,
        osuId: use.osuId,
        usedBy: userOf(entry),
      });
    }
  }
  const deletes: Edit[] = [...left].map((id) => {
    const [odu, osuId] = id.split('\u0000');
    return { op: 'delete', path: SHARED_OSU_PATH, key: { odu: odu!, 'osu-id': Number(osuId) } };
  });
  return [...deletes, ...edits];
}

function userKindOf(path: readonly string[]): SharedOsuUser | undefined {
  if (isPath(path, OSU_GROUP_PATH)) return 'group';
  if (isPath(path, OSU_XC_PATH)) return 'cross-connect';
  return undefined;
}

/**
 * Adds an edit of an OSU cross-connect or protection group (create, delete, merge or replace) with its shared-osu
 * edits, as one batch: the change set validates them together and keeps none if any fails. Any other edit is added
 * alone (connections have no index entries).
 */
export function addOsuEdit(changeSet: ChangeSet, edit: Edit): void {
  const kind = userKindOf(edit.path);
  if (kind === undefined) {
    changeSet.add(edit);
    return;
  }
  addIndexedEdit(changeSet, edit, (config, before, after) =>
    sharedOsuEdits(config, changeSet.device, kind, String(edit.key.name), before, after),
  );
}
