import { DriverError } from '../contract/DriverError';
import { editSession, findEntry } from './applyEdits';
import { type Edit, type EntryValue, editDataPath } from './Edit';

/**
 * Pure: the edits that undo `edits` when applied after them to `base`. A create is undone by deleting the same
 * entry; a delete by re-creating the entry exactly as `base` (the known running config) held it. Order is reversed
 * so that an entry created and then deleted inside one change set comes back to nothing.
 */
export function invertEdits(base: EntryValue, edits: readonly Edit[], device?: string): Edit[] {
  const inverse: Edit[] = [];
  // One working copy for all the edits: an entry found before an edit is never changed by later ones (they replace
  // or drop it in the copied list), so it still holds what the config held.
  const state = editSession(base, device);
  for (const edit of edits) {
    if (edit.op === 'create') {
      inverse.push({ op: 'delete', path: [...edit.path], key: { ...edit.key } });
    } else {
      const before = findEntry(state.root, edit);
      if (before && edit.op === 'replace') {
        inverse.push({ op: 'replace', path: [...edit.path], key: { ...edit.key }, value: structuredClone(before) });
        state.apply(edit);
        continue;
      }
      if (before && edit.op === 'merge') {
        // Leaves it changed or removed go back to what they were; leaves it added are removed again.
        const touched = [...Object.keys(edit.value ?? {}), ...(edit.remove ?? [])].filter((k) => !(k in edit.key));
        const back = Object.fromEntries(touched.flatMap((k) => (k in before ? [[k, structuredClone(before[k])]] : [])));
        const added = touched.filter((k) => !(k in before));
        inverse.push({
          op: 'merge',
          path: [...edit.path],
          key: { ...edit.key },
          value: { ...edit.key, ...back } as EntryValue,
          ...(added.length ? { remove: added } : {}),
        });
        state.apply(edit);
        continue;
      }
      if (!before) {
        const path = editDataPath(edit);
        throw new DriverError('DRIVER_CONFLICT', `cannot invert delete of ${path}: not in the known config`, { device, path });
      }
      inverse.push({ op: 'create', path: [...edit.path], key: { ...edit.key }, value: structuredClone(before) });
    }
    state.apply(edit);
  }
  return inverse.reverse();
}
