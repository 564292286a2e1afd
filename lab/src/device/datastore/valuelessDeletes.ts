import { NETCONF_BASE_NS, type XmlElement } from '@milli/netconf-client';
import type { DataNode, DataTree } from '@milli/yang-ts';

/** A leaf to delete or remove, written as an empty element (`<rate nc:operation="delete"/>`). */
export interface ValuelessDelete {
  /** The elements above it inside `<config>`, outermost first. */
  chain: XmlElement[];
  element: XmlElement;
  operation: 'delete' | 'remove';
}

export interface LeafDelete {
  path: string;
  operation: 'delete' | 'remove';
}

/**
 * RFC 6241 lets a client delete a leaf by naming it with no value, but libyang type-checks every leaf it parses
 * and an empty decimal64 or enumeration is not a value. So such elements are taken out of the edit before parsing
 * (returned with where they were) and applied by path afterwards. Elements with children or text stay: list
 * entries and leaf-list values carry what identifies them.
 */
export function takeValuelessDeletes(roots: XmlElement[]): { roots: XmlElement[]; deletes: ValuelessDelete[] } {
  const deletes: ValuelessDelete[] = [];
  const strip = (el: XmlElement, chain: XmlElement[]): XmlElement => {
    const kept: XmlElement[] = [];
    for (const child of el.children) {
      const op = operationAttr(child);
      if ((op === 'delete' || op === 'remove') && child.children.length === 0 && child.text.trim() === '') {
        deletes.push({ chain: [...chain, el], element: child, operation: op });
      } else kept.push(strip(child, [...chain, el]));
    }
    return kept.length === el.children.length && kept.every((k, i) => k === el.children[i]) ? el : { ...el, children: kept };
  };
  return { roots: roots.map((r) => strip(r, [])), deletes };
}

/**
 * The data paths of the taken-out leaves, found by walking the parsed edit along each leaf's element chain and
 * matching list entries by their key values. A top-level element becomes `/module:name`.
 */
export function resolveLeafDeletes(
  edit: DataTree,
  deletes: ValuelessDelete[],
  moduleByNamespace: ReadonlyMap<string, string>,
): LeafDelete[] {
  return deletes.map(({ chain, element, operation }) => {
    const module = moduleByNamespace.get(element.ns) ?? '';
    let parent: DataNode | undefined;
    let candidates = edit.roots();
    for (const el of chain) {
      parent = candidates.find((n) => n.name === el.local && n.module === moduleByNamespace.get(el.ns) && keysMatch(n, el));
      if (parent === undefined) break;
      candidates = parent.children();
    }
    if (parent === undefined) return { path: `/${module}:${element.local}`, operation };
    const prefix = parent.module === module ? '' : `${module}:`;
    return { path: `${parent.path}/${prefix}${element.local}`, operation };
  });
}

function keysMatch(node: DataNode, el: XmlElement): boolean {
  if (node.keys.length === 0) return true;
  const values = new Map(
    node
      .children()
      .filter((c) => c.isKey)
      .map((c) => [c.name, c.value ?? '']),
  );
  return node.keys.every((k) => el.children.find((c) => c.local === k)?.text.trim() === values.get(k));
}

function operationAttr(el: XmlElement): string | undefined {
  return el.attributes.find((a) => a.local === 'operation' && a.ns === NETCONF_BASE_NS)?.value;
}
