import { childElement, childElements, childText, parseXml, type XmlElement } from '@milli/netconf-client';

/** Parses the inner XML of a `<data>` reply (any number of top-level elements) into one element. */
export function parseDataXml(data: string | undefined): XmlElement {
  return parseXml(`<data>${data ?? ''}</data>`);
}

/** Follows a chain of child names (any namespace) from `root`; undefined when a link is missing. */
export function descend(root: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let node = root;
  for (const name of names) {
    if (!node) return undefined;
    node = childElement(node, name);
  }
  return node;
}

/** The children named `name` under the chain `path` (an empty list when any link is missing). */
export function listUnder(root: XmlElement, path: string[], name: string): XmlElement[] {
  const parent = descend(root, ...path);
  return parent ? childElements(parent, name) : [];
}

export function text(node: XmlElement, name: string): string | undefined {
  return childText(node, name);
}

export function numberOf(node: XmlElement, name: string): number | undefined {
  const value = childText(node, name);
  return value === undefined || value === '' ? undefined : Number(value);
}

export function textsOf(node: XmlElement, name: string): string[] {
  return childElements(node, name).map((c) => c.text.trim());
}
