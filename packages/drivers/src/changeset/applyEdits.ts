import { MilliError } from '@milli/core';
import { DriverError } from '../contract/DriverError';
import { type Edit, type EntryValue, editDataPath, localName } from './Edit';

/**
 * Pure: applies edits to a copy of a config tree in RFC 7951 JSON form and returns the copy. Creating an entry that
 * exists or deleting one that does not is a DRIVER_CONFLICT naming the path: the device would reject it too
 * (RFC 6241 data-exists / data-missing), so it is caught before anything is sent.
 */
export function applyEdits(config: EntryValue, edits: readonly Edit[], device?: string): EntryValue {
  const copy = structuredClone(config);
  for (const edit of edits) applyOne(copy, edit, device);
  return copy;
}

/** The entry an edit addresses in a config tree, if present. */
export function findEntry(config: EntryValue, edit: Pick<Edit, 'path' | 'key'>): EntryValue | undefined {
  const list = listAt(config, edit.path, false);
  return list?.find((entry) => matches(entry, edit.key));
}

function applyOne(root: EntryValue, edit: Edit, device?: string): void {
  const list = listAt(root, edit.path, edit.op === 'create') ?? [];
  const index = list.findIndex((entry) => matches(entry, edit.key));
  const path = editDataPath(edit);
  if (edit.op === 'create') {
    if (index >= 0) throw new DriverError('DRIVER_CONFLICT', `${path} already exists`, { device, path, errorTag: 'data-exists' });
    if (!edit.value) throw new MilliError('INTERNAL', `create of ${path} has no value`, { device, path });
    list.push(structuredClone(edit.value));
  } else if (edit.op === 'merge' || edit.op === 'replace') {
    if (index < 0) throw new DriverError('DRIVER_CONFLICT', `${path} does not exist`, { device, path, errorTag: 'data-missing' });
    if (!edit.value) throw new MilliError('INTERNAL', `${edit.op} of ${path} has no value`, { device, path });
    if (edit.op === 'replace') list[index] = structuredClone(edit.value);
    else {
      const entry = list[index] as EntryValue;
      Object.assign(entry, structuredClone(edit.value));
      for (const leaf of edit.remove ?? []) delete entry[leaf];
    }
  } else {
    if (index < 0) throw new DriverError('DRIVER_CONFLICT', `${path} does not exist`, { device, path, errorTag: 'data-missing' });
    list.splice(index, 1);
  }
}

/** Walks containers down to the list, creating containers on the way when asked. Names match with or without prefix. */
function listAt(root: EntryValue, path: readonly string[], create: boolean): EntryValue[] | undefined {
  let node: EntryValue = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    const last = i === path.length - 1;
    const name = findMember(node, segment) ?? segment;
    let child = node[name];
    if (child === undefined) {
      if (!create) return undefined;
      child = last ? [] : {};
      node[name] = child;
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

function matches(entry: EntryValue, key: Record<string, unknown>): boolean {
  return Object.entries(key).every(([k, v]) => String(entry[k]) === String(v));
}
