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
