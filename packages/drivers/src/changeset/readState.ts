import type { NetconfReader } from '../contract/netconf';
import { rpcError } from './rpcStep';

/** Build, send, record for reads: `<get>` with a subtree filter; an rpc-error becomes a DriverError. */
export async function readState(device: string, netconf: NetconfReader, filter?: string): Promise<string> {
  const result = await netconf.get(filter);
  if (!result.ok) throw rpcError(device, result);
  return result.data ?? '';
}
