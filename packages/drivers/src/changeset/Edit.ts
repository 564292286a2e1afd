/**
 * One edit of a change set: create, delete or merge into one list entry. Every driver verb comes down to these (a
 * media channel, an ODU container, an OSU connection are each a list entry), which keeps inverses exact and payloads
 * small. A merge changes leaves of an entry that exists and keeps the entry (its name, its place): how a bandwidth
 * changes in place; a replace swaps the whole content of an entry that exists (a leaf-list that shrinks).
 *
 * Names follow RFC 7951 JSON: `path` starts with a module-qualified node (`milli-roadm:media-channels`) and a later
 * segment carries a prefix only where the module changes (an augment). The last segment names the list.
 */
export type LeafValue = string | number | boolean;
export interface EntryValue {
  [name: string]: LeafValue | LeafValue[] | EntryValue | EntryValue[];
}

export interface Edit {
  op: 'create' | 'delete' | 'merge' | 'replace';
  path: string[];
  /** The list keys of the entry, in schema order. */
  key: Record<string, LeafValue>;
  /** For create and replace: the whole entry, keys included; for merge: the keys and the leaves that change. */
  value?: EntryValue;
  /** For merge: leaves of the entry to remove (sent as `nc:operation="remove"`, so an absent one is no error). */
  remove?: string[];
}

/** The module a qualified name belongs to, or undefined for an unqualified one. */
export function moduleOf(segment: string): string | undefined {
  const colon = segment.indexOf(':');
  return colon < 0 ? undefined : segment.slice(0, colon);
}

export function localName(segment: string): string {
  const colon = segment.indexOf(':');
  return colon < 0 ? segment : segment.slice(colon + 1);
}

/** A readable data path for errors: `/milli-roadm:media-channels/media-channel[name='mc-1']`. */
export function editDataPath(edit: Edit): string {
  const keys = Object.entries(edit.key)
    .map(([k, v]) => `[${k}='${String(v)}']`)
    .join('');
  return `/${edit.path.join('/')}${keys}`;
}
