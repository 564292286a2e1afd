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
  for (const d of data) {
    for (const f of filter) {
      if (!sameName(d, f)) continue;
      const s = selectElement(d, f);
      if (s !== null) mergeInto(result, d, s);
    }
  }
  return result;
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
