import { type Observable, ReplaySubject } from 'rxjs';
import { type RpcOptions, type SessionOptions, NetconfSession } from '../session/NetconfSession';
import type { NetconfNotification } from '../session/NetconfNotification';
import type { RpcReply } from '../session/RpcReply';
import { Capabilities, type CapabilitySet, hasCapability, type ModuleCapability } from '../session/capabilities';
import { parseYangLibrary } from '../session/parseYangLibrary';
import { YANG_LIBRARY_NS } from '../xml/namespaces';
import { throwIfRpcError } from './throwIfRpcError';
import type { Framing } from '../session/Framing';
import { connectSsh, type SshTransportOptions } from '../transport/SshTransport';
import {
  buildCancelCommit,
  buildCommit,
  buildCopyConfig,
  buildCreateSubscription,
  buildDeleteConfig,
  buildDiscardChanges,
  buildEditConfig,
  buildGet,
  buildGetConfig,
  buildGetSchema,
  buildKillSession,
  buildLock,
  buildValidate,
} from './buildOperations';
import type { CommitOptions, ConfigSource, ConfigTarget, EditConfigOptions, Filter, SubscriptionOptions } from './operationTypes';

export type NetconfClientOptions = SshTransportOptions & SessionOptions;

export interface Subscription {
  reply: RpcReply;
  /** Notifications after the subscription; completes when the session closes. Empty when the reply failed. */
  notifications: Observable<NetconfNotification>;
}

/** How many notifications a subscription keeps for a consumer that subscribes late. */
const NOTIFICATION_REPLAY = 1000;

/**
 * A NETCONF client: the RFC 6241 operations by their RFC names, each a build-send-return of the reply as data.
 * rpc-errors come back in the reply (use throwIfRpcError to throw); transport, framing and timeout failures reject.
 */
export class NetconfClient {
  constructor(readonly session: NetconfSession) {}

  /** Connect over SSH, pin the host key, authenticate, open the netconf subsystem and exchange hellos. */
  static async connect(options: NetconfClientOptions): Promise<NetconfClient> {
    const transport = await connectSsh(options);
    const client = new NetconfClient(await NetconfSession.open(transport, options));
    if (options.pauseAfterHelloMs) await new Promise((resolve) => setTimeout(resolve, options.pauseAfterHelloMs));
    return client;
  }

  get sessionId(): number {
    return this.session.sessionId;
  }

  get capabilities(): CapabilitySet {
    return this.session.serverCapabilities;
  }

  get framing(): Framing {
    return this.session.framing;
  }

  /** Any RPC: `operation` is the XML inside `<rpc>`; `name` labels errors and logs. */
  rpc(operation: string, name = 'rpc', options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(operation, name, options);
  }

  get(options: { filter?: Filter } & RpcOptions = {}): Promise<RpcReply> {
    return this.session.rpc(buildGet(options.filter), 'get', options);
  }

  getConfig(source: ConfigTarget, options: { filter?: Filter } & RpcOptions = {}): Promise<RpcReply> {
    return this.session.rpc(buildGetConfig(source, options.filter), 'get-config', options);
  }

  editConfig(options: EditConfigOptions & RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildEditConfig(options), 'edit-config', options);
  }

  copyConfig(target: ConfigTarget, source: ConfigSource, options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildCopyConfig(target, source), 'copy-config', options);
  }

  deleteConfig(target: ConfigTarget, options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildDeleteConfig(target), 'delete-config', options);
  }

  lock(target: ConfigTarget, options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildLock(target), 'lock', options);
  }

  unlock(target: ConfigTarget, options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildLock(target, true), 'unlock', options);
  }

  validate(source: ConfigSource, options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildValidate(source), 'validate', options);
  }

  commit(options: CommitOptions & RpcOptions = {}): Promise<RpcReply> {
    return this.session.rpc(buildCommit(options), 'commit', options);
  }

  cancelCommit(options: { persistId?: string } & RpcOptions = {}): Promise<RpcReply> {
    return this.session.rpc(buildCancelCommit(options.persistId), 'cancel-commit', options);
  }

  discardChanges(options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildDiscardChanges(), 'discard-changes', options);
  }

  /** RFC 6022: the schema text is `reply.dataXml` (the text content of `<data>`). */
  getSchema(identifier: string, options: { version?: string; format?: string } & RpcOptions = {}): Promise<RpcReply> {
    return this.session.rpc(buildGetSchema(identifier, options.version, options.format), 'get-schema', options);
  }

  killSession(sessionId: number, options?: RpcOptions): Promise<RpcReply> {
    return this.session.rpc(buildKillSession(sessionId), 'kill-session', options);
  }

  /** RFC 5277 create-subscription; notifications are collected from before the request, so none is lost. */
  async createSubscription(options: SubscriptionOptions & RpcOptions = {}): Promise<Subscription> {
    const buffered = new ReplaySubject<NetconfNotification>(NOTIFICATION_REPLAY);
    const link = this.session.notifications.subscribe(buffered);
    try {
      const reply = await this.session.rpc(buildCreateSubscription(options), 'create-subscription', options);
      if (reply.failed) {
        link.unsubscribe();
        buffered.complete();
      }
      return { reply, notifications: buffered.asObservable() };
    } catch (err) {
      link.unsubscribe();
      throw err;
    }
  }

  /**
   * The modules the device implements: from its yang-library (RFC 8525, or RFC 7895 modules-state) when it
   * advertises one, else from the module capabilities of its hello. Throws NetconfRpcError if the read fails.
   */
  async modules(options?: RpcOptions): Promise<ModuleCapability[]> {
    const caps = this.capabilities;
    const content = hasCapability(caps, Capabilities.yangLibrary11)
      ? `<yang-library xmlns="${YANG_LIBRARY_NS}"/>`
      : hasCapability(caps, Capabilities.yangLibrary)
        ? `<modules-state xmlns="${YANG_LIBRARY_NS}"/>`
        : undefined;
    if (content === undefined) return caps.modules;
    const reply = throwIfRpcError(await this.get({ filter: { type: 'subtree', content }, ...options }));
    return reply.data ? parseYangLibrary(reply.data) : caps.modules;
  }

  /** close-session, then close the SSH connection. */
  close(): Promise<void> {
    return this.session.close();
  }
}
