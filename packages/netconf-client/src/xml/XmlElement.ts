/** One attribute of an element, namespace declarations (`xmlns`, `xmlns:p`) included so prefixes in values survive. */
export interface XmlAttribute {
  name: string;
  local: string;
  ns: string;
  value: string;
}

/**
 * A parsed XML element. `name` is the name as written (with prefix), `local` without it, `ns` the resolved
 * namespace URI ('' for none). `text` is the element's own character data (children's text excluded).
 */
export interface XmlElement {
  name: string;
  local: string;
  ns: string;
  prefix?: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  text: string;
}

export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The first child with this local name (and namespace, when given). */
export function childElement(parent: XmlElement, local: string, ns?: string): XmlElement | undefined {
  return parent.children.find((c) => c.local === local && (ns === undefined || c.ns === ns));
}

/** All children with this local name (and namespace, when given). */
export function childElements(parent: XmlElement, local: string, ns?: string): XmlElement[] {
  return parent.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns));
}

/** The trimmed text of a child, or undefined when the child is absent. */
export function childText(parent: XmlElement, local: string, ns?: string): string | undefined {
  const child = childElement(parent, local, ns);
  return child === undefined ? undefined : child.text.trim();
}

/** The value of an attribute by local name (unqualified attributes unless ns is given). */
export function attributeValue(element: XmlElement, local: string, ns = ''): string | undefined {
  return element.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

/** Build an element in code: `element('get-config', NETCONF_BASE_NS, [child...])`. */
export function element(local: string, ns: string, children: XmlElement[] = [], text = '', attributes: XmlAttribute[] = []): XmlElement {
  return { name: local, local, ns, attributes, children, text };
}
