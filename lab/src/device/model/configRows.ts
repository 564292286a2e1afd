import type { DataTree } from '@milli/yang-ts';

/** One list entry of a configuration: its leaves' values as canonical strings, its leaf-lists, its containers. */
export interface ConfigRow {
  /** The entry's path in the tree (for writing its state beside it). */
  path: string;
  leaves: Map<string, string>;
  leafList(name: string): string[];
  /** A container inside the entry, read the same way (its path is undefined: write into entries only). */
  inner(name: string): Map<string, string>;
}

type Json = Record<string, unknown>;

/**
 * A tree's data as RFC 7951 JSON, printed by libyang in one call (defaults included, as the tree holds them) and kept
 * while the tree lives: reading a datastore leaf by leaf through the FFI cost a get and the lab's light propagation
 * about a microsecond per call, and the stored datastores are replaced, never edited in place, so a datastore's
 * reads after a commit (its first get, its summary for the lab host) share one print.
 */
const printed = new WeakMap<DataTree, Json>();

/** A tree's data as RFC 7951 JSON (defaults included), printed once per tree. Read only: it is shared. */
export function configJson(tree: DataTree): Json {
  let json = printed.get(tree);
  if (json === undefined) {
    const text = tree.print('json', { shrink: true, withDefaults: 'all' });
    json = text ? (JSON.parse(text) as Json) : {};
    printed.set(tree, json);
  }
  return json;
}

/**
 * The entries of the list at `path` (`['milli-otn:otn', 'odus', 'odu']`: the top-level node with its module, then
 * names) whose key leaf is `key`, in document order. Empty when any step is missing.
 */
export function configRows(tree: DataTree, path: readonly string[], key: string): ConfigRow[] {
  const json = configJson(tree);
  let byList = rowsRead.get(json);
  if (byList === undefined) {
    byList = new Map();
    rowsRead.set(json, byList);
  }
  const list = `${path.join('/')} ${key}`;
  let rows = byList.get(list);
  if (rows === undefined) {
    rows = readRows(json, path, key);
    byList.set(list, rows);
  }
  return rows;
}

/**
 * The rows read from one print, by list: a datastore is read again for every get until it is replaced (the
 * controller's verify and the lab host's summary read the same lists of the same running tree).
 */
const rowsRead = new WeakMap<Json, Map<string, ConfigRow[]>>();

function readRows(json: Json, path: readonly string[], key: string): ConfigRow[] {
  let node: unknown = json;
  for (const step of path) node = isObject(node) ? node[step] : undefined;
  if (!Array.isArray(node)) return [];
  const listPath = `/${path.join('/')}`;
  return node.filter(isObject).map((entry) => {
    const leaves = leavesOf(entry);
    return {
      path: `${listPath}[${key}=${quoted(leaves.get(key) ?? '')}]`,
      leaves,
      leafList: (name) => {
        const values = entry[name];
        return Array.isArray(values) ? values.map(canonical) : [];
      },
      inner: (name) => {
        const inner = entry[name];
        return isObject(inner) ? leavesOf(inner) : new Map();
      },
    };
  });
}

/** Leaves only (containers, lists and leaf-lists are left out), by name without a module prefix. */
function leavesOf(entry: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(entry)) {
    if (isObject(value) || (Array.isArray(value) && !(value.length === 1 && value[0] === null))) continue;
    out.set(name.slice(name.indexOf(':') + 1), canonical(value));
  }
  return out;
}

/** RFC 7951 values as libyang's canonical strings: numbers in decimal, booleans as words, `[null]` (empty) as ''. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return '';
  return String(value);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key value as an XPath literal (XPath 1.0 has no escapes: a value with a ' is quoted with "). */
function quoted(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
