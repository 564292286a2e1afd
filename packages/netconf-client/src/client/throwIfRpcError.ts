import { NetconfRpcError } from '../errors/NetconfRpcError';
import type { RpcReply } from '../session/RpcReply';

/**
 * The caller's choice to treat rpc-errors as exceptions: returns the reply when it holds no error of severity
 * error (warnings pass), else throws NetconfRpcError with every error and the reply's context.
 */
export function throwIfRpcError(reply: RpcReply): RpcReply {
  if (!reply.failed) return reply;
  throw new NetconfRpcError(
    reply.errors.filter((e) => e.severity !== 'warning'),
    { ...reply.context, rpc: reply.rpc, messageId: reply.messageId },
  );
}
