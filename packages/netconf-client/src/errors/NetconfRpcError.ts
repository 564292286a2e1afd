import type { RpcError } from '../client/RpcError';
import { NetconfError, type NetconfErrorContext } from './NetconfError';

/** A reply that carried one or more rpc-error elements, turned into a throwable by the caller's choice. */
export class NetconfRpcError extends NetconfError {
  readonly errors: RpcError[];

  constructor(errors: RpcError[], context: NetconfErrorContext = {}) {
    const first = errors[0];
    const summary = first
      ? `${first.type}/${first.tag}${first.path ? ` at ${first.path}` : ''}${first.message ? `: ${first.message}` : ''}`
      : 'no rpc-error detail';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super('NETCONF_RPC_ERROR', `${context.rpc ?? 'rpc'} failed: ${summary}${more}`, {
      ...context,
      ...(first ? { errorTag: first.tag } : {}),
      ...(first?.path ? { path: first.path } : {}),
    });
    this.errors = errors;
  }
}
