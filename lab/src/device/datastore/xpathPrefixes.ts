import { RpcError } from '../server/RpcError';

/**
 * NETCONF XPath filters (RFC 6241 section 8.9) use the prefixes declared in the XML around them; libyang
 * wants module names as prefixes. Rewrites every `prefix:` of a name test (outside string literals, not an
 * axis `::`) through prefix → namespace → module. An unknown prefix or namespace is a bad filter.
 */
export function rewriteXpathPrefixes(
  xpath: string,
  prefixes: ReadonlyMap<string, string>,
  moduleByNamespace: ReadonlyMap<string, string>,
): string {
  const moduleNames = new Set(moduleByNamespace.values());
  let out = '';
  let i = 0;
  while (i < xpath.length) {
    const c = xpath[i]!;
    if (c === '"' || c === "'") {
      const end = xpath.indexOf(c, i + 1);
      const stop = end < 0 ? xpath.length : end + 1;
      out += xpath.slice(i, stop);
      i = stop;
      continue;
    }
    const match = /^([A-Za-z_][\w.-]*):(?=[A-Za-z_*])/.exec(xpath.slice(i));
    const before = i > 0 ? xpath[i - 1]! : '';
    // A name test starts after an operator, '/', '[', '(' or an axis '::', never inside another name.
    const startsName = !/[\w.:$-]/.test(before) || xpath.slice(i - 2, i) === '::';
    if (match && startsName) {
      const prefix = match[1]!;
      const namespace = prefixes.get(prefix);
      // An undeclared prefix that is itself a module name is taken as one (libyang's own XPath style).
      const module = namespace === undefined ? (moduleNames.has(prefix) ? prefix : undefined) : moduleByNamespace.get(namespace);
      if (module === undefined) {
        const why = namespace === undefined ? `prefix '${prefix}' is not declared` : `no loaded module has namespace ${namespace}`;
        throw new RpcError('protocol', 'invalid-value', `XPath filter ${xpath}: ${why}`, { info: { badAttribute: 'select' } });
      }
      out += `${module}:`;
      i += match[0].length;
      continue;
    }
    // Copy a whole name so that a later part of it (after '-' or '.') is not mistaken for a prefix start.
    const word = /^[\w.-]+/.exec(xpath.slice(i));
    const take = word ? word[0].length : 1;
    out += xpath.slice(i, i + take);
    i += take;
  }
  return out;
}
