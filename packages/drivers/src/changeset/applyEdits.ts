import { MilliError } from '@milli/core';
import { DriverError } from '../contract/DriverError';
import { type Edit, type EntryValue, editDataPath, localName } from './Edit';
import { copyList, locateEntry, noteEntry } from './keyedLists';

/**
 * Pure: applies edits to a config tree in RFC 7951 JSON form and returns the new tree. Creating an entry that
 * exists or deleting one that does not is a DRIVER_CONFLICT naming the path: the device would reject it too
 * (RFC 6241 data-exists / data-missing), so it is caught before anything is sent.
 *
 * The input is never changed. Only what the edits touch is copied (the containers on their paths, the lists they
 * change, the entries they merge into); every other entry is shared with the input. Configs are values: nobody
 * mutates one after it is made (change sets, their schema's parsed trees keyed by config and joined change sets
 * rely on that), so sharing is safe and a busy device's thousands of entries are not copied at every edit.
 */
export function applyEdits(config: EntryValue, edits: readonly Edit[], device?: string): EntryValue {
  const root: EntryValue = { ...config };
  const own = new Set<object>([root]);
  for (const edit of edits) applyOne(root, own, edit, device);
  return root;
}

/**
 * A working copy of `config` that `apply` takes edit by edit, as applyEdits would, copying each list or container it
 * touches once for all the edits instead of once per edit (an index list of hundreds of entries, edited several times
 * in one change set). `root` is the copy as the edits so far leave it; `config` is never changed.
 */
export function editSession(config: EntryValue, device?: string): { root: EntryValue; apply(edit: Edit): void } {
  const root: EntryValue = { ...config };
  const own = new Set<object>([root]);
  return { root, apply: (edit) => applyOne(root, own, edit, device) };
}

/** The entry an edit addresses in a config tree, if present. */
export function findEntry(config: EntryValue, edit: Pick<Edit, 'path' | 'key'>): EntryValue | undefined {
  const list = listAt(config, edit.path, { create: false });
  return list === undefined ? undefined : locateEntry(list, edit.key, keyMatcher).entry;
}

function applyOne(root: EntryValue, own: Set<object>, edit: Edit, device?: string): void {
  const list = listAt(root, edit.path, { create: edit.op === 'create', own }) ?? [];
  const { entry, position } = locateEntry(list, edit.key, keyMatcher);
  if (edit.op === 'create') {
    if (entry !== undefined) throw conflict(edit, device, 'data-exists');
    const created = structuredClone(entryValueOf(edit, device));
    list.push(created);
    noteEntry(list, edit.key, created);
    return;
  }
  if (entry === undefined) throw conflict(edit, device, 'data-missing');
  if (edit.op === 'delete') {
    list.splice(position, 1);
    noteEntry(list, edit.key, undefined);
    return;
  }
  let changed: EntryValue;
  if (edit.op === 'replace') changed = structuredClone(entryValueOf(edit, device));
  else {
    changed = { ...entry, ...structuredClone(entryValueOf(edit, device)) };
    for (const leaf of edit.remove ?? []) delete changed[leaf];
  }
  list[position] = changed;
  noteEntry(list, edit.key, changed);
}

/** RFC 6241's data-exists or data-missing, caught before anything is sent. The path is made only here. */
function conflict(edit: Edit, device: string | undefined, errorTag: 'data-exists' | 'data-missing'): DriverError {
  const path = editDataPath(edit);
  const what = errorTag === 'data-exists' ? 'already exists' : 'does not exist';
  return new DriverError('DRIVER_CONFLICT', `${path} ${what}`, { device, path, errorTag });
}

function entryValueOf(edit: Edit, device: string | undefined): EntryValue {
  if (edit.value) return edit.value;
  const path = editDataPath(edit);
  throw new MilliError('INTERNAL', `${edit.op} of ${path} has no value`, { device, path });
}

/**
 * Walks containers down to the list. With `own` (the objects this result owns), every container and the list on
 * the way are copied first unless already owned, so changing them leaves the input alone; missing containers are
 * created when asked. Names match with or without prefix.
 */
function listAt(root: EntryValue, path: readonly string[], options: { create: boolean; own?: Set<object> }): EntryValue[] | undefined {
  let node: EntryValue = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    const last = i === path.length - 1;
    const name = findMember(node, segment) ?? segment;
    let child = node[name];
    if (child === undefined) {
      if (!options.create) return undefined;
      child = last ? [] : {};
      node[name] = child;
      options.own?.add(child);
    } else if (options.own && typeof child === 'object' && !options.own.has(child)) {
      const copy = Array.isArray(child) ? copyList(child as EntryValue[]) : { ...child };
      node[name] = copy;
      options.own.add(copy);
      child = copy;
    }
    if (last) return Array.isArray(child) ? (child as EntryValue[]) : undefined;
    if (typeof child !== 'object' || Array.isArray(child)) return undefined;
    node = child as EntryValue;
  }
  return undefined;
}

function findMember(node: EntryValue, segment: string): string | undefined {
  if (segment in node) return segment;
  const local = localName(segment);
  return Object.keys(node).find((k) => localName(k) === local);
}

/**
 * The test for the entry an edit's key names: its key leaves equal as text. Built once per edit, since it runs on
 * every entry of the list (a DC device's hundreds of OSU connections, at each of a round's edits there).
 */
function keyMatcher(key: Record<string, unknown>): (entry: EntryValue) => boolean {
  const names = Object.keys(key);
  const strings = names.map((k) => String(key[k]));
  // A list is scanned entry by entry (an index list's hundreds of entries, for each edit of it): numeric leaves are
  // compared as numbers where the wanted value is a number's canonical text, so no string is made per entry.
  const numbers = strings.map((v) => (Number.isFinite(Number(v)) && String(Number(v)) === v ? Number(v) : undefined));
  const count = names.length;
  return (entry) => {
    for (let i = 0; i < count; i++) {
      const v = entry[names[i]!];
      const same =
        typeof v === 'string'
          ? v === strings[i]
          : typeof v === 'number' && numbers[i] !== undefined
            ? v === numbers[i]
            : String(v) === strings[i];
      if (!same) return false;
    }
    return true;
  };
}
