import type { DataTree, YangContext } from '@milli/yang-ts';
import { findEntry } from './applyEdits';
import type { Edit, EntryValue } from './Edit';

/** List entries as edits address them, by their XPath in libyang's JSON-prefixed form. */
export type EntryAddresses = ReadonlyMap<string, Pick<Edit, 'path' | 'key'>>;

/**
 * `known` plus the entries `edits` address; undefined when one cannot be addressed in XPath (a key holding both
 * quote characters), and the caller parses the whole config instead.
 */
export function withEntriesOf(known: EntryAddresses, edits: readonly Edit[]): EntryAddresses | undefined {
  const out = new Map(known);
  for (const edit of edits) {
    const xpath = entryXPath(edit);
    if (xpath === undefined) return undefined;
    out.set(xpath, { path: edit.path, key: edit.key });
  }
  return out;
}

/**
 * The entries `edits` create afresh, by XPath: those whose first edit is a create, so that the config the edits
 * start from does not hold them; less those in any of `touched` (entries by which that config, or what a tree shows,
 * may differ from the config a tree was parsed from).
 */
export function createdEntries(edits: readonly Edit[], ...touched: EntryAddresses[]): Set<string> {
  const first = new Map<string, Edit['op']>();
  for (const edit of edits) {
    const xpath = entryXPath(edit);
    if (xpath !== undefined && !first.has(xpath)) first.set(xpath, edit.op);
  }
  const out = new Set<string>();
  for (const [xpath, op] of first) if (op === 'create' && !touched.some((t) => t.has(xpath))) out.add(xpath);
  return out;
}

/**
 * Makes the entries at `addresses` in `tree` what they are in `config`: each is taken out and put back as `config`
 * holds it, or left out when `config` does not have it. A tree of a config that differs from `config` only in those
 * entries becomes the tree of `config`. Taking whole entries from the config, instead of replaying each edit,
 * keeps libyang's merge semantics out of it (a merge of a leaf-list adds to it, where an edit replaces it) and
 * makes several edits of one entry come out right in any order. Entries in `absent` are known not to be in the tree
 * (created afresh: `createdEntries`), and are not looked for. Changes `tree` in place.
 */
export function putEntries(
  ctx: YangContext,
  tree: DataTree,
  addresses: EntryAddresses,
  config: EntryValue,
  absent: ReadonlySet<string> = new Set(),
): void {
  const added: EntryValue = {};
  for (const [xpath, address] of addresses) {
    if (!absent.has(xpath)) tree.removeAt(xpath);
    const entry = findEntry(config, address);
    if (entry) addEntry(added, address.path, entry);
  }
  if (Object.keys(added).length === 0) return;
  const fragment = ctx.parseData(JSON.stringify(added), { format: 'json', mode: 'config', validate: false });
  try {
    tree.merge(fragment, { inPlace: true });
  } finally {
    fragment.dispose();
  }
}

/** `/milli-osu:osu/connections/connection[name='x']`: the entry an edit addresses. */
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
