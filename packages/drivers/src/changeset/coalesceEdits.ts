import type { Edit } from './Edit';

/** An edit as sent: `replace` appears when a change set deletes an entry and creates it again. */
export interface WireEdit {
  op: 'create' | 'delete' | 'replace' | 'merge';
  path: string[];
  key: Edit['key'];
  value?: Edit['value'];
  remove?: string[];
}

/**
 * Pure: one net operation per list entry, in the order entries were first touched. An edit-config is applied as
 * one unit, so only the net effect per entry matters: create+delete cancels out, delete+create is a replace, a merge
 * folds into the create or merge before it.
 */
export function coalesceEdits(edits: readonly Edit[]): WireEdit[] {
  const byEntry = new Map<string, { first: Edit['op']; last: Edit }>();
  for (const edit of edits) {
    const id = JSON.stringify([edit.path, edit.key]);
    const seen = byEntry.get(id);
    if (seen && edit.op === 'replace' && seen.last.op === 'create') {
      // Replacing what this change set created: the entry is created with the new content.
      seen.last = { ...edit, op: 'create' };
    } else if (seen && edit.op === 'merge' && seen.last.op !== 'delete') {
      // A merge after a create or a merge folds into it: the entry's net content is what is sent.
      const value = { ...(seen.last.value ?? {}), ...structuredClone(edit.value ?? {}) };
      for (const leaf of edit.remove ?? []) delete value[leaf];
      // A leaf removed before and set again is no longer removed: the removals are sent after the entry's leaves, so
      // a removal left beside the new value would take the leaf off again (a line port untuned by one line of a
      // round and tuned by the next would end up untuned).
      const remove = [...(seen.last.remove ?? []).filter((l) => !(l in (edit.value ?? {}))), ...(edit.remove ?? [])];
      const { remove: _before, ...folded } = seen.last;
      // Removing from what this change set creates is leaving it out of the create.
      seen.last = { ...folded, value, ...(remove.length && seen.last.op === 'merge' ? { remove } : {}) };
    } else if (seen) seen.last = edit;
    else byEntry.set(id, { first: edit.op, last: edit });
  }
  const out: WireEdit[] = [];
  for (const { first, last } of byEntry.values()) {
    if (first === 'create' && last.op === 'delete') continue;
    const op = first === 'delete' && last.op === 'create' ? 'replace' : first === 'create' && last.op === 'replace' ? 'create' : last.op;
    out.push({
      op,
      path: last.path,
      key: last.key,
      ...(last.value ? { value: last.value } : {}),
      ...(op === 'merge' && last.remove?.length ? { remove: last.remove } : {}),
    });
  }
  return out;
}
