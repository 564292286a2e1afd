import { escapeXml } from '@milli/netconf-client';

/** One list of a module read by a filter: its container, its entry element, its key leaf, and which entries. */
export interface ListRead {
  container: string;
  entry: string;
  key: string;
  /** The entries' keys; undefined reads the whole list. */
  names: readonly string[] | undefined;
}

/**
 * A subtree filter (RFC 6241 6.2.5) under the module's top-level `top` that selects the named entries of each list
 * (one content match on the key per entry: the entry is returned whole) and whole lists where no names are given; a
 * list with an empty set of names is not asked for at all. What a device returns then grows with what was asked, not
 * with all it holds. Undefined when nothing is asked for (an empty `<top/>` would select all of it).
 */
export function selectionFilter(namespace: string, top: string, lists: readonly ListRead[]): string | undefined {
  const parts = lists
    .filter((l) => l.names === undefined || l.names.length > 0)
    .map((l) =>
      l.names === undefined
        ? `<${l.container}/>`
        : `<${l.container}>${[...new Set(l.names)].map((n) => `<${l.entry}><${l.key}>${escapeXml(n)}</${l.key}></${l.entry}>`).join('')}</${l.container}>`,
    );
  return parts.length === 0 ? undefined : `<${top} xmlns="${namespace}">${parts.join('')}</${top}>`;
}
