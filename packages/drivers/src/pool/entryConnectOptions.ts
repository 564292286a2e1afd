import type { NetconfClientOptions } from '@milli/netconf-client';
import type { DeviceCredentials, InventoryEntry } from '@milli/topology';

/**
 * How to reach an inventory entry: its address, its user, its secret (from `resolveCredentials`) and its host key
 * pinned by fingerprint. The one place that turns an inventory entry into connection options, so every session to a
 * device (the pool, tools, tests) authenticates and pins the key the same way. Timeouts are the caller's to add.
 */
export function entryConnectOptions(entry: InventoryEntry, credentials: DeviceCredentials): NetconfClientOptions {
  return {
    host: entry.address,
    port: entry.port,
    username: entry.username,
    ...(credentials.password !== undefined ? { password: credentials.password } : {}),
    ...(credentials.privateKey !== undefined ? { privateKey: credentials.privateKey } : {}),
    hostKeyFingerprint: entry.hostKeyFingerprint,
  };
}
