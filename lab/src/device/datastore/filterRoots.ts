import type { XmlElement } from '@milli/netconf-client';
import type { DataTree } from '@milli/yang-ts';

/**
 * Removes from `tree` every top-level node that a subtree filter cannot select, so that printing the tree and
 * filtering the print handle only what may be answered. A top-level data node is selected only by a filter element
 * of its name and namespace (RFC 6241 6.2.1): when every top-level filter element names a namespace, the others can
 * go without changing the reply. Nothing is removed for an XPath filter or a filter element without a namespace.
 * `namespaceOf` maps a module name to its namespace.
 */
export function keepFilteredRoots(tree: DataTree, filter: XmlElement, namespaceOf: (module: string) => string | undefined): void {
  const type = filter.attributes.find((a) => a.local === 'type' && a.ns === '')?.value ?? 'subtree';
  if (type !== 'subtree' || filter.children.some((f) => f.ns === '')) return;
  const wanted = new Set(filter.children.map((f) => `${f.ns} ${f.local}`));
  // Named first: a removal makes the tree's other node views stale.
  const unwanted = tree
    .roots()
    .filter((root) => !wanted.has(`${namespaceOf(root.module)} ${root.name}`))
    .map((root) => `/${root.module}:${root.name}`);
  for (const path of new Set(unwanted)) tree.remove(path);
}
