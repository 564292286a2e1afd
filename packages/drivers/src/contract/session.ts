import { capabilityBase, parseModuleCapability } from '@milli/netconf-client';

/** A YANG module a device announces in its hello (RFC 6020 capability URI `?module=NAME&revision=DATE`). */
export interface ModuleRef {
  name: string;
  revision?: string;
  namespace?: string;
}

/** What the device said about itself: the hello capabilities, the modules they name, and vendor/model when known. */
export interface DeviceHello {
  sessionId?: number;
  capabilities: string[];
  modules: ModuleRef[];
  vendor?: string;
  model?: string;
}

/** A session to one device: connected with the device's host key pinned, its hello, and close. */
export interface DeviceSession {
  readonly device: string;
  /** Opens the session; rejects with NETCONF_HOST_KEY when the key does not match the pinned fingerprint. */
  connect(): Promise<DeviceHello>;
  /** The hello of the open session (throws DRIVER_STATE before connect). */
  hello(): DeviceHello;
  close(): Promise<void>;
}

export const CANDIDATE = 'urn:ietf:params:netconf:capability:candidate:1.0';
export const WRITABLE_RUNNING = 'urn:ietf:params:netconf:capability:writable-running:1.0';

/** True when the hello lists a capability (compared without its query part). */
export function helloHas(hello: Pick<DeviceHello, 'capabilities'>, uri: string): boolean {
  return hello.capabilities.some((c) => capabilityBase(c) === uri);
}

/** Module names, revisions and namespaces out of hello capability URIs (RFC 6020 section 5.6.4). */
export function modulesFromCapabilities(capabilities: readonly string[]): ModuleRef[] {
  return capabilities.flatMap((uri) => {
    const module = parseModuleCapability(uri);
    if (!module) return [];
    return [{ name: module.name, namespace: module.namespace, ...(module.revision ? { revision: module.revision } : {}) }];
  });
}
