import { NetconfClient } from '@milli/netconf-client';
import { type InventoryEntry, resolveCredentials } from '@milli/topology';

/** Opens a NETCONF session to an inventory entry the way the controller does: its credentials, its pinned host key. */
export function connectEntry(inventoryPath: string, entry: InventoryEntry, timeoutMs = 10_000): Promise<NetconfClient> {
  const credentials = resolveCredentials(entry, inventoryPath);
  return NetconfClient.connect({
    host: entry.address,
    port: entry.port,
    username: entry.username,
    ...(credentials.password ? { password: credentials.password } : {}),
    hostKeyFingerprint: entry.hostKeyFingerprint,
    connectTimeoutMs: timeoutMs,
    keepaliveIntervalMs: 0,
  });
}
