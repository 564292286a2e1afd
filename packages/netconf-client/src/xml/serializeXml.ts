import { escapeXml } from './escapeXml';
import { XMLNS_NS, type XmlElement } from './XmlElement';

type Scope = Map<string, string>;

/**
 * Print an element tree as XML text. Namespace declarations present as attributes are kept (prefixes used in
 * values, such as identityrefs, stay resolvable); any element or attribute namespace not yet in scope gets a
 * declaration added, so a subtree detached from its document still prints as well-formed, namespaced XML.
 */
export function serializeXml(element: XmlElement): string {
  const out: string[] = [];
  write(element, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), out);
  return out.join('');
}

function write(el: XmlElement, inherited: Scope, out: string[]): void {
  let scope = inherited;
  let attrs = '';
  for (const a of el.attributes) {
    if (a.ns !== XMLNS_NS) continue;
    if (scope === inherited) scope = new Map(inherited);
    scope.set(a.name === 'xmlns' ? '' : a.local, a.value);
    attrs += ` ${a.name}="${escapeXml(a.value)}"`;
  }
  const prefix = el.prefix ?? '';
  const tag = prefix ? `${prefix}:${el.local}` : el.local;
  if ((scope.get(prefix) ?? '') !== el.ns) {
    if (scope === inherited) scope = new Map(inherited);
    scope.set(prefix, el.ns);
    attrs += prefix ? ` xmlns:${prefix}="${escapeXml(el.ns)}"` : ` xmlns="${escapeXml(el.ns)}"`;
  }
  for (const a of el.attributes) {
    if (a.ns === XMLNS_NS) continue;
    let name = a.local;
    if (a.ns) {
      const colon = a.name.indexOf(':');
      let attrPrefix = colon > 0 ? a.name.slice(0, colon) : '';
      if (!attrPrefix || scope.get(attrPrefix) !== a.ns) {
        attrPrefix = [...scope].find(([p, uri]) => p !== '' && uri === a.ns)?.[0] ?? (attrPrefix || 'a');
        if (scope.get(attrPrefix) !== a.ns) {
          if (scope === inherited) scope = new Map(inherited);
          scope.set(attrPrefix, a.ns);
          attrs += ` xmlns:${attrPrefix}="${escapeXml(a.ns)}"`;
        }
      }
      name = `${attrPrefix}:${a.local}`;
    }
    attrs += ` ${name}="${escapeXml(a.value)}"`;
  }
  if (el.children.length === 0 && el.text === '') {
    out.push(`<${tag}${attrs}/>`);
    return;
  }
  out.push(`<${tag}${attrs}>${escapeXml(el.text)}`);
  for (const child of el.children) write(child, scope, out);
  out.push(`</${tag}>`);
}
