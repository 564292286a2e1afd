import { type XmlElement, XMLNS_NS } from '@milli/netconf-client';

/** The prefix → namespace declarations in scope at the last element of `path` (root first). */
export function namespaceScope(path: XmlElement[]): Map<string, string> {
  const scope = new Map<string, string>();
  for (const el of path) {
    for (const a of el.attributes) {
      if (a.ns !== XMLNS_NS) continue;
      scope.set(a.name === 'xmlns' ? '' : a.local, a.value);
    }
  }
  return scope;
}

/**
 * A copy of `el` carrying, as attributes, every prefix declaration in scope above it that it does not redeclare,
 * so it prints as a standalone document whose prefixed values (identityrefs) still resolve.
 */
export function withScope(el: XmlElement, inherited: Map<string, string>): XmlElement {
  const own = new Set(el.attributes.filter((a) => a.ns === XMLNS_NS).map((a) => (a.name === 'xmlns' ? '' : a.local)));
  const added = [...inherited]
    .filter(([prefix]) => prefix !== '' && !own.has(prefix))
    .map(([prefix, uri]) => ({ name: `xmlns:${prefix}`, local: prefix, ns: XMLNS_NS, value: uri }));
  return { ...el, attributes: [...added, ...el.attributes] };
}
