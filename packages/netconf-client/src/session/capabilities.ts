/** Capability URIs of RFC 6241, 5277, 6243 and 8526/8525, by the short names callers use. */
export const Capabilities = {
  base10: 'urn:ietf:params:netconf:base:1.0',
  base11: 'urn:ietf:params:netconf:base:1.1',
  writableRunning: 'urn:ietf:params:netconf:capability:writable-running:1.0',
  candidate: 'urn:ietf:params:netconf:capability:candidate:1.0',
  confirmedCommit: 'urn:ietf:params:netconf:capability:confirmed-commit:1.0',
  confirmedCommit11: 'urn:ietf:params:netconf:capability:confirmed-commit:1.1',
  rollbackOnError: 'urn:ietf:params:netconf:capability:rollback-on-error:1.0',
  validate: 'urn:ietf:params:netconf:capability:validate:1.0',
  validate11: 'urn:ietf:params:netconf:capability:validate:1.1',
  startup: 'urn:ietf:params:netconf:capability:startup:1.0',
  url: 'urn:ietf:params:netconf:capability:url:1.0',
  xpath: 'urn:ietf:params:netconf:capability:xpath:1.0',
  notification: 'urn:ietf:params:netconf:capability:notification:1.0',
  interleave: 'urn:ietf:params:netconf:capability:interleave:1.0',
  withDefaults: 'urn:ietf:params:netconf:capability:with-defaults:1.0',
  yangLibrary: 'urn:ietf:params:netconf:capability:yang-library:1.0',
  yangLibrary11: 'urn:ietf:params:netconf:capability:yang-library:1.1',
} as const;

/** A YANG module announced in a capability URI (`NS?module=NAME&revision=DATE&features=...&deviations=...`). */
export interface ModuleCapability {
  name: string;
  namespace: string;
  revision?: string;
  features: string[];
  deviations: string[];
}

/** What a peer said in its hello: the raw URIs, the modules among them, and its session-id (servers only). */
export interface CapabilitySet {
  uris: string[];
  modules: ModuleCapability[];
}

/** The part of a capability URI before any query: what `hasCapability` compares. */
export function capabilityBase(uri: string): string {
  const q = uri.indexOf('?');
  return (q < 0 ? uri : uri.slice(0, q)).trim();
}

/** Parse the module parameters out of one capability URI, or undefined when it names no module. */
export function parseModuleCapability(uri: string): ModuleCapability | undefined {
  const q = uri.indexOf('?');
  if (q < 0) return undefined;
  const params = new Map<string, string>();
  // Parameters are separated by '&' (or its escaped form when a server double-escapes).
  for (const pair of uri
    .slice(q + 1)
    .replace(/&amp;/g, '&')
    .split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) params.set(pair.slice(0, eq), safeDecode(pair.slice(eq + 1)));
  }
  const name = params.get('module');
  if (!name) return undefined;
  const list = (key: string) => (params.get(key) ?? '').split(',').filter((s) => s !== '');
  const cap: ModuleCapability = { name, namespace: uri.slice(0, q).trim(), features: list('features'), deviations: list('deviations') };
  const revision = params.get('revision');
  if (revision) cap.revision = revision;
  return cap;
}

export function parseCapabilities(uris: string[]): CapabilitySet {
  const clean = uris.map((u) => u.trim()).filter((u) => u !== '');
  const modules = clean.map(parseModuleCapability).filter((m): m is ModuleCapability => m !== undefined);
  return { uris: clean, modules };
}

/** Whether a set holds a capability, ignoring query parameters (`:with-defaults:1.0?basic-mode=explicit` matches). */
export function hasCapability(set: CapabilitySet, uri: string): boolean {
  const want = capabilityBase(uri);
  return set.uris.some((u) => capabilityBase(u) === want);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
