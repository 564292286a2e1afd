import { findEntry } from './applyEdits';
import type { ChangeSet } from './ChangeSet';
import type { Edit, EntryValue } from './Edit';

/** Whether an edit's path is the list `of` (the indexes route their users' edits by it). */
export const isPath = (path: readonly string[], of: readonly string[]) => path.length === of.length && path.every((p, i) => p === of[i]);

/** The entry an edit leaves (undefined: none), given the entry before it. */
export function entryAfter(edit: Edit, before: EntryValue | undefined): EntryValue | undefined {
  if (edit.op === 'delete') return undefined;
  if (edit.op !== 'merge' || before === undefined) return edit.value;
  const merged: EntryValue = { ...before, ...edit.value };
  for (const leaf of edit.remove ?? []) delete merged[leaf];
  return merged;
}

/**
 * Adds an edit of an indexed item (create, delete, merge or replace) with the index edits `indexEdits` derives from
 * the item before and after it (against the change set's config), as one step: the change set validates them
 * together and keeps none if any fails. The entries the item leaves go first, then the item, then its new entries,
 * so each edit meets the config it expects.
 */
export function addIndexedEdit(
  changeSet: ChangeSet,
  edit: Edit,
  indexEdits: (config: EntryValue, before: EntryValue | undefined, after: EntryValue | undefined) => Edit[],
): void {
  // A create has no entry before it (the change set refuses one that has), so the list is not looked up.
  const before = edit.op === 'create' ? undefined : findEntry(changeSet.result(), edit);
  const index = indexEdits(changeSet.result(), before, entryAfter(edit, before));
  changeSet.addAll([...index.filter((e) => e.op === 'delete'), edit, ...index.filter((e) => e.op !== 'delete')]);
}
