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
  unreachable(config: Record<string, unknown>): Unreachable;
}

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
    unreachable: (config) => {
      const out: Unreachable = { nodes: [], entries: [] };
      unreachable(filter.children, config, '', '', nsOf, out);
      return out;
    },
  };
}

export interface Unreachable {
  nodes: string[];
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
 * The filter elements of one level that can select a data node named `name` in `namespace`, or 'all' when the level
 * selects everything under its parent (no filter elements, or content matches only) or the node is a leaf a
 * content match names.
 */
function matching(level: readonly XmlElement[], name: string, namespace: string): XmlElement[] | 'all' {
  if (level.every(isContentMatch)) return 'all';
  const same = level.filter((f) => f.local === name && (f.ns === '' || f.ns === namespace));
  return same.some(isContentMatch) ? 'all' : same;
}

function reaches(level: readonly XmlElement[], path: Step[], at: number, nsOf: (module: string) => string): boolean {
  const step = path[at];
  if (step === undefined) return true;
  const found = matching(level, step.name, nsOf(step.module));
  if (found === 'all') return true;
  // An element whose content match on a key leaf names another value cannot select this entry.
  return found.some((f) => keysAgree(f, step.keys) && (f.children.length === 0 || reaches(f.children, path, at + 1, nsOf)));
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

/** Collects into `out` the XPaths under `at` (members of `data`, in `module`) that `level` cannot select. */
function unreachable(
  level: readonly XmlElement[],
  data: Json,
  at: string,
  module: string,
  nsOf: (module: string) => string,
  out: Unreachable,
): void {
  for (const [member, value] of Object.entries(data)) {
    const colon = member.indexOf(':');
    const inModule = colon >= 0 ? member.slice(0, colon) : module;
    const name = member.slice(colon + 1);
    const isList = Array.isArray(value) && value.some(isObject);
    if (!isObject(value) && !isList) continue; // leaves are cheap to keep, and list keys cannot be removed
    const found = matching(level, name, nsOf(inModule));
    const path = `${at}/${inModule === module ? name : `${inModule}:${name}`}`;
    if (found === 'all') continue;
    if (found.length === 0) {
      out.nodes.push(path);
      continue;
    }
    if (found.some((f) => f.children.length === 0)) continue;
    if (isObject(value)) {
      // Sibling elements naming one container select together; only one is followed (the usual filter).
      if (found.length === 1) unreachable(found[0]!.children, value, path, inModule, nsOf, out);
      continue;
    }
    const entries = (value as unknown[]).filter(isObject);
    if (entries.length < PRUNED_LIST_LENGTH) continue;
    const predicates = found.map((f) => entryPredicate(f, entries));
    if (predicates.every((p) => p !== undefined)) out.entries.push(`${path}[not(${predicates.join(' or ')})]`);
  }
}

/**
 * An XPath predicate that every list entry `f` can select satisfies: its content matches on configuration leaves
 * (a leaf some entry of `entries` has; state is not in the datastore), or undefined when it has none usable.
 */
function entryPredicate(f: XmlElement, entries: Json[]): string | undefined {
  const tests: string[] = [];
  for (const c of f.children) {
    if (!isContentMatch(c)) continue;
    const value = c.text.trim();
    if (!comparable(value) || (value.includes("'") && value.includes('"'))) continue;
    const configured = entries.some((e) => c.local in e && !isObject(e[c.local]));
    if (!configured || c.ns !== f.ns) continue;
    tests.push(`${c.local}=${value.includes("'") ? `"${value}"` : `'${value}'`}`);
  }
  return tests.length === 0 ? undefined : `(${tests.join(' and ')})`;
}
