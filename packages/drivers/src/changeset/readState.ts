import type { NetconfReader } from '../contract/netconf';
import { rpcError, transportError } from './rpcStep';

/** Build, send, record for reads: `<get>` with a subtree filter; an rpc-error becomes a DriverError. */
export async function readState(device: string, netconf: NetconfReader, filter?: string): Promise<string> {
  const result = await netconf.get(filter).catch((error: unknown) => {
    throw transportError(device, 'get', error);
  });
  if (!result.ok) throw rpcError(device, result);
  return result.data ?? '';
}
