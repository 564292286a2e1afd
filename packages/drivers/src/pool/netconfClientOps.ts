import type { NetconfClient, RpcReply } from '@milli/netconf-client';
import type { CommitOptions, Datastore, NetconfOps, RpcResult } from '../contract/netconf';

/** The one place netconf-client's replies become driver RpcResults (errors as data, `<data>` as XML text). */
export function toRpcResult(reply: RpcReply): RpcResult {
  const data = reply.data === undefined ? undefined : reply.dataXml;
  return {
    rpc: reply.rpc,
    messageId: reply.messageId,
    ok: !reply.failed,
    ...(data !== undefined ? { data } : {}),
    errors: reply.errors.map((e) => ({
      errorTag: e.tag,
      ...(e.type ? { errorType: e.type } : {}),
      ...(e.severity ? { errorSeverity: e.severity } : {}),
      ...(e.path ? { errorPath: e.path } : {}),
      ...(e.message ? { errorMessage: e.message } : {}),
      ...(e.appTag ? { errorAppTag: e.appTag } : {}),
    })),
  };
}

/** NetconfOps on a NetconfClient: each method is build (by the client), send, and turn the reply into data. */
export function netconfClientOps(client: NetconfClient): NetconfOps {
  const filterOf = (filter?: string) => (filter ? { filter: { type: 'subtree' as const, content: filter } } : {});
  return {
    get: async (filter) => toRpcResult(await client.get(filterOf(filter))),
    getConfig: async (source: Datastore, filter?: string) => toRpcResult(await client.getConfig(source, filterOf(filter))),
    editConfig: async (target, config, defaultOperation) =>
      toRpcResult(await client.editConfig({ target, config, ...(defaultOperation ? { defaultOperation } : {}) })),
    lock: async (target) => toRpcResult(await client.lock(target)),
    unlock: async (target) => toRpcResult(await client.unlock(target)),
    validate: async (source) => toRpcResult(await client.validate(source)),
    commit: async (options: CommitOptions = {}) =>
      toRpcResult(
        await client.commit({
          ...(options.confirmed ? { confirmed: true } : {}),
          ...(options.confirmTimeoutS !== undefined ? { confirmTimeout: options.confirmTimeoutS } : {}),
          ...(options.persist !== undefined ? { persist: options.persist } : {}),
          ...(options.persistId !== undefined ? { persistId: options.persistId } : {}),
        }),
      ),
    cancelCommit: async (persistId) => toRpcResult(await client.cancelCommit(persistId !== undefined ? { persistId } : {})),
    discardChanges: async () => toRpcResult(await client.discardChanges()),
  };
}
