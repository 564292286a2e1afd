import type { DataTree, YangContext } from '@milli/yang-ts';
import { findEntry } from './applyEdits';
import type { Edit, EntryValue } from './Edit';

/**
 * A copy of `baseTree` (the parsed tree of a config) turned into the tree of `config`, which is that config with
 * `edits` applied: every entry an edit touches is taken out and put back as `config` holds it (or left out when
 * `config` no longer has it). Taking whole entries from the result, instead of replaying each operation, keeps
 * libyang's merge semantics out of it (a merge of a leaf-list would add to it, where the edit replaced it) and
 * makes several edits of one entry come out right in any order. Undefined when an entry cannot be addressed in
 * XPath (a key holding both quote characters): the caller parses the whole config instead.
 */
export function editedTree(ctx: YangContext, baseTree: DataTree, edits: readonly Edit[], config: EntryValue): DataTree | undefined {
  const touched = new Map<string, Edit>();
  for (const edit of edits) {
    const xpath = entryXPath(edit);
    if (xpath === undefined) return undefined;
    touched.set(xpath, edit);
  }
  const tree = baseTree.duplicate();
  try {
    const added: EntryValue = {};
    for (const [xpath, edit] of touched) {
      tree.remove(xpath);
      const entry = findEntry(config, edit);
      if (entry) addEntry(added, edit.path, entry);
    }
    if (Object.keys(added).length > 0) {
      const fragment = ctx.parseData(JSON.stringify(added), { format: 'json', mode: 'config', validate: false });
      try {
        tree.merge(fragment, { inPlace: true });
      } finally {
        fragment.dispose();
      }
    }
    return tree;
  } catch (error) {
    tree.dispose();
    throw error;
  }
}

/** `/milli-osu:osu/connections/connection[name='x']`: the entry an edit addresses, in libyang's JSON-prefixed XPath. */
function entryXPath(edit: Pick<Edit, 'path' | 'key'>): string | undefined {
  let predicates = '';
  for (const [key, value] of Object.entries(edit.key)) {
    const text = String(value);
    const quote = text.includes("'") ? '"' : "'";
    if (text.includes(quote)) return undefined;
    predicates += `[${key}=${quote}${text}${quote}]`;
  }
  return `/${edit.path.join('/')}${predicates}`;
}

/** Puts `entry` into `doc` under the containers of `path` (RFC 7951 names), its last segment being the list. */
function addEntry(doc: EntryValue, path: readonly string[], entry: EntryValue): void {
  let node = doc;
  for (const segment of path.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as EntryValue;
  }
  const list = path[path.length - 1]!;
  node[list] ??= [];
  (node[list] as EntryValue[]).push(entry);
}
