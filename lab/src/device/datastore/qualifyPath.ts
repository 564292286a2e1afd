import { escapeXml } from '@milli/netconf-client';

/**
 * A JSON-style path (module name on the first node and where the module changes) with every node name and key name
 * prefixed by its module, and the modules it names. Quoted values are copied as they are.
 */
export function qualifyPath(path: string): { path: string; modules: string[] } {
  const modules = new Set<string>();
  let module = '';
  let out = '';
  let i = 0;
  // A name at a step or at the start of a predicate: prefix it when it has none (not '.', not a position). A step's
  // prefix is inherited by the steps below it; a key's own prefix is its alone.
  const name = (step: boolean): void => {
    const match = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)/.exec(path.slice(i));
    if (!match) return;
    const own = match[1] ?? module;
    if (step) module = own;
    if (own) modules.add(own);
    out += own ? `${own}:${match[2]}` : match[2];
    i += match[0].length;
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === "'" || c === '"') {
      const end = path.indexOf(c, i + 1);
      const stop = end < 0 ? path.length : end + 1;
      out += path.slice(i, stop);
      i = stop;
    } else if (c === '/' || c === '[') {
      out += c;
      i++;
      name(c === '/');
    } else {
      out += c;
      i++;
    }
  }
  return { path: out, modules: [...modules] };
}

/** ` xmlns:m="urn:..."` for each module whose namespace is known: what makes a qualified path valid in XML. */
export function xmlnsDeclarations(modules: string[], namespaceOf: (module: string) => string | undefined): string {
  return modules
    .map((m) => [m, namespaceOf(m)] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([m, ns]) => ` xmlns:${m}="${escapeXml(ns)}"`)
    .join('');
}
