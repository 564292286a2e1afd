import type { XmlElement } from '@milli/netconf-client';

/** What a filter keeps of one data element: all of it, or some of its children (each with its own selection). */
type Selection = 'all' | Map<XmlElement, Selection>;

/**
 * RFC 6241 section 6 subtree filtering over parsed XML: namespace selection, containment nodes, selection nodes
 * and content match nodes. A filter element without a namespace matches any namespace (section 6.2.1). Pure:
 * the data is not modified; kept elements are returned as shallow copies with their kept children.
 */
export function applySubtreeFilter(data: XmlElement[], filter: XmlElement[]): XmlElement[] {
  const selected = selectSiblings(data, filter);
  return data.filter((d) => selected.has(d)).map((d) => build(d, selected.get(d)!));
}

function selectSiblings(data: XmlElement[], filter: XmlElement[]): Map<XmlElement, Selection> {
  const result = new Map<XmlElement, Selection>();
  const candidatesFor = filter.length < INDEXED_LEVEL ? () => filter : indexLevel(filter);
  for (const d of data) {
    for (const f of candidatesFor(d)) {
      if (!sameName(d, f)) continue;
      const s = selectElement(d, f);
      if (s !== null) mergeInto(result, d, s);
    }
  }
  return result;
}

/** Filter levels at least this long are indexed (a verify naming hundreds of entries of one list). */
const INDEXED_LEVEL = 16;

/**
 * The filter elements of a level that can select a data element: those of its name, and of those with content
 * matches only the ones whose first content match the element's children meet (a leaf of that name and text). An
 * element failing it is one selectElement would reject, so the level is not compared whole with every entry.
 */
function indexLevel(filter: XmlElement[]): (d: XmlElement) => XmlElement[] {
  const byName = new Map<string, { plain: XmlElement[]; byContent: Map<string, XmlElement[]> }>();
  for (const f of filter) {
    const group = byName.get(f.local) ?? { plain: [], byContent: new Map<string, XmlElement[]>() };
    byName.set(f.local, group);
    const first = f.children.find(isContentMatch);
    if (first === undefined) group.plain.push(f);
    else {
      const key = contentKey(first);
      group.byContent.set(key, [...(group.byContent.get(key) ?? []), f]);
    }
  }
  return (d) => {
    const group = byName.get(d.local);
    if (group === undefined) return [];
    if (group.byContent.size === 0) return group.plain;
    const out = [...group.plain];
    const seen = new Set<string>();
    for (const c of d.children) {
      if (c.children.length > 0) continue;
      const key = contentKey(c);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...(group.byContent.get(key) ?? []));
    }
    return out;
  };
}

function contentKey(leaf: XmlElement): string {
  return `${leaf.local}\0${leaf.text.trim()}`;
}

function selectElement(data: XmlElement, filter: XmlElement): Selection | null {
  if (filter.children.length === 0) {
    const text = filter.text.trim();
    if (text === '') return 'all';
    return data.children.length === 0 && data.text.trim() === text ? 'all' : null;
  }
  const contentMatches = filter.children.filter(isContentMatch);
  const others = filter.children.filter((f) => !isContentMatch(f));
  const result = new Map<XmlElement, Selection>();
  for (const cm of contentMatches) {
    const hits = data.children.filter((c) => sameName(c, cm) && c.children.length === 0 && c.text.trim() === cm.text.trim());
    if (hits.length === 0) return null;
    for (const hit of hits) result.set(hit, 'all');
  }
  if (others.length === 0) return 'all';
  const below = selectSiblings(data.children, others);
  for (const [child, s] of below) mergeInto(result, child, s);
  // A containment node with nothing under it selected drops its parent, unless content matches chose it.
  if (below.size === 0 && contentMatches.length === 0) return null;
  return result;
}

function isContentMatch(f: XmlElement): boolean {
  return f.children.length === 0 && f.text.trim() !== '';
}

function sameName(data: XmlElement, filter: XmlElement): boolean {
  return data.local === filter.local && (filter.ns === '' || filter.ns === data.ns);
}

function mergeInto(into: Map<XmlElement, Selection>, key: XmlElement, s: Selection): void {
  const existing = into.get(key);
  if (existing === undefined) into.set(key, s);
  else if (existing === 'all' || s === 'all') into.set(key, 'all');
  else for (const [child, cs] of s) mergeInto(existing, child, cs);
}

function build(el: XmlElement, s: Selection): XmlElement {
  if (s === 'all') return el;
  return { ...el, children: el.children.filter((c) => s.has(c)).map((c) => build(c, s.get(c)!)) };
}
