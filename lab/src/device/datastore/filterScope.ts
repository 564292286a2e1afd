import type { XmlElement } from '@milli/netconf-client';

/**
 * What a subtree filter (RFC 6241 section 6) can select, asked before the reply is built, so that a `get` copies,
 * builds state for and prints only that. Every answer is conservative: "no" only when no data at or below the node
 * can be selected, whatever its values; the filter itself is still applied to what is built, so a "yes" that the
 * filter then rejects costs work, never a wrong reply.
 */
export interface FilterScope {
  /** Whether the filter can select the node at a simple data path (`/m:a/b/c[k='v']/d`) or anything below it. */
  reaches(path: string): boolean;
  /**
   * The configuration nodes in `config` (a datastore as RFC 7951 JSON) that the filter cannot select: `nodes`, the
   * data paths of containers and lists it does not name where it names others; `entries`, XPaths of the entries of
   * long lists that fail every filter element's content match on a configuration leaf (for a short list, evaluating
   * the XPath costs more than printing the entries). Removing them changes no filtered reply.
   */
  unreachable(config: Record<string, unknown>, keysOf?: ListKeys): Unreachable;
}

/**
 * The key leaves of the list at a data path (`/m:a/b/list`, no predicates), in schema order, or undefined when
 * unknown. With it, the entries a filter cannot select are named one by one (a hashed lookup each on the device's
 * tree) instead of by one XPath that tests every entry against every filter element.
 */
export type ListKeys = (listPath: string) => readonly string[] | undefined;

/** The device's modules by namespace and namespaces by module. */
export interface ModuleNamespaces {
  moduleOf(namespace: string): string | undefined;
  namespaceOf(module: string): string | undefined;
}

/**
 * The scope of a `<filter>`: undefined (everything can be selected) without a filter, for an XPath filter, or when
 * a top-level filter element has no namespace or one that no module of the device has.
 */
export function filterScope(filter: XmlElement | undefined, modules: ModuleNamespaces): FilterScope | undefined {
  if (filter === undefined) return undefined;
  const type = filter.attributes.find((a) => a.local === 'type' && a.ns === '')?.value ?? 'subtree';
  if (type !== 'subtree' || filter.children.some((f) => f.ns === '' || modules.moduleOf(f.ns) === undefined)) return undefined;
  // A module the device does not have gets a namespace no filter element can carry.
  const nsOf = (module: string) => modules.namespaceOf(module) ?? `\0${module}`;
  return {
    reaches: (path) => reaches(filter.children, steps(path), 0, nsOf),
    unreachable: (config, keysOf) => {
      const out: Unreachable = { nodes: [], entries: [] };
      unreachable(filter.children, config, '', '', { nsOf, keysOf }, out);
      return out;
    },
  };
}

export interface Unreachable {
  /** Data paths (containers, lists, list entries by their keys): each found by lookup, not by XPath. */
  nodes: string[];
  /** XPaths selecting the entries of a list whose keys were not known (see ListKeys). */
  entries: string[];
}

/** Lists shorter than this keep their entries (the filter drops them from the print). */
const PRUNED_LIST_LENGTH = 16;

interface Step {
  module: string;
  name: string;
  keys: Map<string, string>;
}

function isContentMatch(f: XmlElement): boolean {
  return f.children.length === 0 && f.text.trim() !== '';
}

/**
 * One filter level, indexed once: by element name, and within a name by the value of each comparable content match,
 * so that a level naming hundreds of list entries (a verify read-back) is not scanned for every data node.
 */
interface LevelIndex {
  allContent: boolean;
  byName: Map<string, NameGroup>;
}

interface NameGroup {
  elements: XmlElement[];
  anyContentMatch: boolean;
  /** Per child name: the elements with a comparable content match on it by the value matched, and the others. */
  byContent: Map<string, ContentIndex>;
}

interface ContentIndex {
  byValue: Map<string, XmlElement[]>;
  unconstrained: XmlElement[];
}

const levelIndexes = new WeakMap<readonly XmlElement[], LevelIndex>();

function indexOf(level: readonly XmlElement[]): LevelIndex {
  const known = levelIndexes.get(level);
  if (known !== undefined) return known;
  const byName = new Map<string, NameGroup>();
  for (const f of level) {
    let group = byName.get(f.local);
    if (group === undefined) {
      group = { elements: [], anyContentMatch: false, byContent: new Map() };
      byName.set(f.local, group);
    }
    group.elements.push(f);
    if (isContentMatch(f)) group.anyContentMatch = true;
  }
  const index = { allContent: level.every(isContentMatch), byName };
  levelIndexes.set(level, index);
  return index;
}

/** The elements of a group by the comparable values of their content matches on `leaf` (built on first use). */
function contentIndex(group: NameGroup, leaf: string): ContentIndex {
  const known = group.byContent.get(leaf);
  if (known !== undefined) return known;
  const index: ContentIndex = { byValue: new Map(), unconstrained: [] };
  for (const f of group.elements) {
    const values = new Set(
      f.children.filter((c) => c.local === leaf && isContentMatch(c) && comparable(c.text.trim())).map((c) => c.text.trim()),
    );
    if (values.size === 0) index.unconstrained.push(f);
    for (const value of values) index.byValue.set(value, [...(index.byValue.get(value) ?? []), f]);
  }
  group.byContent.set(leaf, index);
  return index;
}

/**
 * The filter elements of one level that can select a data node named `name` in `namespace`, or 'all' when the level
 * selects everything under its parent (no filter elements, or content matches only) or the node is a leaf a
 * content match names.
 */
function matching(level: readonly XmlElement[], name: string, namespace: string): XmlElement[] | 'all' {
  const index = indexOf(level);
  if (index.allContent) return 'all';
  const same = (index.byName.get(name)?.elements ?? []).filter((f) => f.ns === '' || f.ns === namespace);
  return same.some(isContentMatch) ? 'all' : same;
}

function reaches(level: readonly XmlElement[], path: Step[], at: number, nsOf: (module: string) => string): boolean {
  const step = path[at];
  if (step === undefined) return true;
  const index = indexOf(level);
  if (index.allContent) return true;
  const group = index.byName.get(step.name);
  if (group === undefined) return false;
  const namespace = nsOf(step.module);
  const inNamespace = (f: XmlElement) => f.ns === '' || f.ns === namespace;
  // A content match naming the node itself (a leaf) selects it.
  if (group.anyContentMatch && group.elements.some((f) => inNamespace(f) && isContentMatch(f))) return true;
  // An element whose content match on a key leaf names another value cannot select this entry.
  return candidates(group, step).some(
    (f) => inNamespace(f) && keysAgree(f, step.keys) && (f.children.length === 0 || reaches(f.children, path, at + 1, nsOf)),
  );
}

/**
 * The elements of a group that keysAgree may accept for the step: for its first key with a comparable value, those
 * matching that value on it and those without a comparable content match on it (the others name another entry, so
 * a level naming hundreds of entries is not scanned for each). Every element when the group is short or the step
 * has no such key.
 */
function candidates(group: NameGroup, step: Step): readonly XmlElement[] {
  if (group.elements.length < PRUNED_LIST_LENGTH) return group.elements;
  const first = [...step.keys].find(([, value]) => comparable(value));
  if (first === undefined) return group.elements;
  const { byValue, unconstrained } = contentIndex(group, first[0]);
  const named = byValue.get(first[1]) ?? [];
  return unconstrained.length === 0 ? named : [...named, ...unconstrained];
}

function keysAgree(f: XmlElement, keys: Map<string, string>): boolean {
  for (const c of f.children) {
    if (!isContentMatch(c)) continue;
    const value = keys.get(c.local);
    if (value !== undefined && comparable(value) && comparable(c.text.trim()) && value !== c.text.trim()) return false;
  }
  return true;
}

/** A value compared as text the same way in XML and JSON: no prefix (identities print theirs differently). */
function comparable(value: string): boolean {
  return !value.includes(':');
}

/** `/m:a/b/c[k='v']/d` as steps; a step without a prefix is in its parent's module. */
function steps(path: string): Step[] {
  const out: Step[] = [];
  let module = '';
  let i = 0;
  while (i < path.length) {
    if (path[i] !== '/') return out;
    let j = i + 1;
    while (j < path.length && path[j] !== '/' && path[j] !== '[') j++;
    const qualified = path.slice(i + 1, j);
    const colon = qualified.indexOf(':');
    if (colon >= 0) module = qualified.slice(0, colon);
    const step: Step = { module, name: qualified.slice(colon + 1), keys: new Map() };
    while (path[j] === '[') {
      const eq = path.indexOf('=', j);
      const quote = path[eq + 1]!;
      const close = path.indexOf(quote, eq + 2);
      step.keys.set(path.slice(j + 1, eq).trim(), path.slice(eq + 2, close));
      j = close + 2;
    }
    out.push(step);
    i = j;
  }
  return out;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Walk {
  nsOf: (module: string) => string;
  keysOf: ListKeys | undefined;
}

/** Collects into `out` the paths under `at` (members of `data`, in `module`) that `level` cannot select. */
function unreachable(level: readonly XmlElement[], data: Json, at: string, module: string, walk: Walk, out: Unreachable): void {
  for (const [member, value] of Object.entries(data)) {
    const colon = member.indexOf(':');
    const inModule = colon >= 0 ? member.slice(0, colon) : module;
    const name = member.slice(colon + 1);
    const isList = Array.isArray(value) && value.some(isObject);
    if (!isObject(value) && !isList) continue; // leaves are cheap to keep, and list keys cannot be removed
    const found = matching(level, name, walk.nsOf(inModule));
    const path = `${at}/${inModule === module ? name : `${inModule}:${name}`}`;
    if (found === 'all') continue;
    if (found.length === 0) {
      out.nodes.push(path);
      continue;
    }
    if (found.some((f) => f.children.length === 0)) continue;
    if (isObject(value)) {
      // Sibling elements naming one container select together; only one is followed (the usual filter).
      if (found.length === 1) unreachable(found[0]!.children, value, path, inModule, walk, out);
      continue;
    }
    const entries = (value as unknown[]).filter(isObject);
    if (entries.length < PRUNED_LIST_LENGTH) continue;
    const configured = configuredLeaves(entries);
    const tests = found.map((f) => entryTests(f, configured));
    if (tests.some((t) => t === undefined)) continue;
    const keys = walk.keysOf?.(path);
    if (keys === undefined || keys.length === 0) {
      const predicates = (tests as Test[][]).map((t) => `(${t.map((x) => `${x.leaf}=${quoted(x.value)}`).join(' and ')})`);
      out.entries.push(`${path}[not(${predicates.join(' or ')})]`);
      continue;
    }
    const selectable = selector(tests as Test[][]);
    for (const entry of entries) {
      if (selectable(entry)) continue;
      const entryPath = pathOfEntry(path, keys, entry);
      if (entryPath !== undefined) out.nodes.push(entryPath);
    }
  }
}

/** A content match on a configuration leaf of a list entry: `leaf` must equal `value`. */
interface Test {
  leaf: string;
  value: string;
}

/** The names of the leaves (and leaf-lists) some entry configures. */
function configuredLeaves(entries: Json[]): Set<string> {
  const names = new Set<string>();
  for (const e of entries) for (const [k, v] of Object.entries(e)) if (!isObject(v)) names.add(k);
  return names;
}

/**
 * The tests every list entry `f` can select passes: its content matches on configuration leaves (a leaf some entry
 * has; state is not in the datastore), or undefined when it has none usable.
 */
function entryTests(f: XmlElement, configured: ReadonlySet<string>): Test[] | undefined {
  const tests: Test[] = [];
  for (const c of f.children) {
    if (!isContentMatch(c)) continue;
    const value = c.text.trim();
    if (!comparable(value) || (value.includes("'") && value.includes('"'))) continue;
    if (!configured.has(c.local) || c.ns !== f.ns) continue;
    tests.push({ leaf: c.local, value });
  }
  return tests.length === 0 ? undefined : tests;
}

/**
 * Whether some filter element's tests can pass on an entry (RFC 7951 JSON), as the XPath `leaf='value'` would: an
 * absent leaf fails, a value compares as its canonical text; a leaf-list or anything else not a plain value counts
 * as passing (kept: the filter applied later decides). The test sets are indexed by their first test, so an entry
 * is compared with the few that name its value, not with every filter element.
 */
function selector(tests: Test[][]): (entry: Json) => boolean {
  const byFirst = new Map<string, Map<string, Test[][]>>();
  for (const t of tests) {
    const { leaf, value } = t[0]!;
    const byValue = byFirst.get(leaf) ?? new Map<string, Test[][]>();
    byFirst.set(leaf, byValue);
    byValue.set(value, [...(byValue.get(value) ?? []), t]);
  }
  const passes = (entry: Json, { leaf, value }: Test) => {
    const v = entry[leaf];
    if (v === undefined || v === null) return false;
    return typeof v === 'object' || String(v) === value;
  };
  return (entry) => {
    for (const [leaf, byValue] of byFirst) {
      const v = entry[leaf];
      if (v === undefined || v === null) continue;
      const sets = typeof v === 'object' ? [...byValue.values()].flat() : (byValue.get(String(v)) ?? []);
      if (sets.some((set) => set.every((test) => passes(entry, test)))) return true;
    }
    return false;
  };
}

/** The data path of a list entry by its keys, or undefined when a key is missing or cannot be quoted. */
function pathOfEntry(listPath: string, keys: readonly string[], entry: Json): string | undefined {
  let path = listPath;
  for (const key of keys) {
    const v = entry[key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    const text = String(v);
    if (text.includes("'") && text.includes('"')) return undefined;
    path += `[${key}=${quoted(text)}]`;
  }
  return path;
}

function quoted(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
