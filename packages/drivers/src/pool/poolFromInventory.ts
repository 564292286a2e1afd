import { type Inventory, resolveCredentials } from '@milli/topology';
import { ConnectionPool, type ConnectionPoolOptions } from './ConnectionPool';
import { NetconfDeviceSession, type SessionTimeouts } from './NetconfDeviceSession';

/**
 * A pool over NETCONF sessions for every device of an inventory. Credentials are resolved when a session opens
 * (never held longer than the connect), and each host key is pinned to the inventory's fingerprint.
 */
export function poolFromInventory(
  inventory: Inventory,
  inventoryPath?: string,
  options: Omit<ConnectionPoolOptions, 'open'> & { timeouts?: SessionTimeouts } = {},
): ConnectionPool {
  const { timeouts, ...poolOptions } = options;
  return new ConnectionPool(inventory.devices, {
    ...poolOptions,
    open: (entry) => new NetconfDeviceSession(entry, resolveCredentials(entry, inventoryPath), timeouts),
  });
}
