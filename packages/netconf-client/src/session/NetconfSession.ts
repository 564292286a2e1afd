import type { Logger } from '@milli/core';
import { type Observable, Subject } from 'rxjs';
import { NetconfError, type NetconfErrorContext } from '../errors/NetconfError';
import type { Transport } from '../transport/Transport';
import { NETCONF_BASE_NS, NETCONF_NOTIFICATION_NS } from '../xml/namespaces';
import { parseXml } from '../xml/parseXml';
import type { XmlElement } from '../xml/XmlElement';
import { Capabilities, type CapabilitySet, parseCapabilities } from './capabilities';
import { encodeFrame } from './encodeFrame';
import { FrameDecoder } from './FrameDecoder';
import type { Framing } from './Framing';
import { buildHello, negotiateFraming, parseHello } from './hello';
import { type NetconfNotification, toNotification } from './NetconfNotification';
import { RpcReply } from './RpcReply';

export interface SessionOptions {
  /** Capabilities for our hello; default base:1.0 and base:1.1. Offer only base:1.0 to force end-of-message framing. */
  capabilities?: string[];
  /** Wait for the server's hello, default 10 s. */
  helloTimeoutMs?: number;
  /** Default per-RPC timeout, 60 s. */
  rpcTimeoutMs?: number;
  /** Largest message accepted from the peer, default 64 MiB. */
  maxMessageBytes?: number;
  /**
   * NetconfClient.connect waits this long after the hello exchange before it resolves (default 0). RFC 6241 asks for
   * no wait, but yuma123 netconfd can leave a request that reaches it right after the hello unanswered until the
   * session closes (6 first requests in 900 under load; none with 50 ms).
   */
  pauseAfterHelloMs?: number;
  logger?: Logger;
}

export interface RpcOptions {
  timeoutMs?: number;
}

interface Pending {
  rpc: string;
  resolve: (reply: RpcReply) => void;
  reject: (err: NetconfError) => void;
  timer: NodeJS.Timeout;
}

/**
 * One NETCONF session over a transport: hello exchange, framing, and message-id correlation of any number of
 * RPCs in flight. Replies may arrive in any order. A framing or XML error poisons the stream, so it fails every
 * outstanding RPC with that error and closes the session; a per-RPC timeout fails only that RPC.
 */
export class NetconfSession {
  readonly sessionId: number;
  readonly serverCapabilities: CapabilitySet;
  readonly framing: Framing;
  private readonly pending = new Map<string, Pending>();
  private readonly notificationSubject = new Subject<NetconfNotification>();
  private nextId = 1;
  private closedReason: NetconfError | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly transport: Transport,
    private readonly decoder: FrameDecoder,
    hello: { sessionId: number; capabilities: CapabilitySet; framing: Framing },
    private readonly options: Required<Pick<SessionOptions, 'rpcTimeoutMs' | 'maxMessageBytes'>> & { logger?: Logger },
  ) {
    this.sessionId = hello.sessionId;
    this.serverCapabilities = hello.capabilities;
    this.framing = hello.framing;
  }

  /** Exchange hellos on an open transport and return the ready session. */
  static open(transport: Transport, options: SessionOptions = {}): Promise<NetconfSession> {
    const ours = parseCapabilities(options.capabilities ?? [Capabilities.base10, Capabilities.base11]);
    const maxMessageBytes = options.maxMessageBytes ?? 64 * 1024 * 1024;
    const decoder = new FrameDecoder('eom', { maxMessageBytes });
    const context = { host: transport.host, port: transport.port };
    return new Promise<NetconfSession>((resolve, reject) => {
      let session: NetconfSession | undefined;
      let backlog: string[] = [];
      const fail = (err: NetconfError) => {
        clearTimeout(timer);
        if (session) return;
        session = undefined;
        reject(err);
        void transport.close();
      };
      const timer = setTimeout(
        () =>
          fail(
            new NetconfError('NETCONF_TIMEOUT', `no hello from the server within ${options.helloTimeoutMs ?? 10_000} ms`, {
              ...context,
              phase: 'hello',
            }),
          ),
        options.helloTimeoutMs ?? 10_000,
      );
      const onData = (chunk: Buffer) => {
        if (session) return session.receive(chunk);
        let messages: string[];
        try {
          messages = decoder.push(chunk);
        } catch (err) {
          return fail(withContext(err, context));
        }
        backlog = backlog.concat(messages);
        const first = backlog.shift();
        if (first === undefined) return;
        try {
          const hello = parseHello(parseXml(first, { maxBytes: maxMessageBytes }));
          if (hello.sessionId === undefined) throw new NetconfError('NETCONF_HELLO', 'the server hello has no session-id', {});
          const framing = negotiateFraming(ours, hello.capabilities);
          clearTimeout(timer);
          session = new NetconfSession(
            transport,
            decoder,
            { sessionId: hello.sessionId, capabilities: hello.capabilities, framing },
            { rpcTimeoutMs: options.rpcTimeoutMs ?? 60_000, maxMessageBytes, logger: options.logger },
          );
          decoder.setFraming(framing);
          options.logger?.debug({ ...context, sessionId: hello.sessionId, framing }, 'NETCONF session open');
          resolve(session);
          for (const message of backlog) session.handleMessage(message);
          session.receive(Buffer.alloc(0));
        } catch (err) {
          fail(withContext(err, context));
        }
      };
      const onClose = (reason?: NetconfError) => {
        if (session) return session.onTransportClosed(reason);
        fail(
          reason ?? new NetconfError('NETCONF_CLOSED', 'the server closed the connection before its hello', { ...context, phase: 'hello' }),
        );
      };
      // Our hello leaves first and alone, before the server's is read (it may be waiting already, and the caller's
      // first rpc follows at once): yuma123 netconfd never answers an rpc that reaches it with the client's hello.
      try {
        transport.write(encodeFrame('eom', buildHello(ours.uris)));
        transport.flush();
      } catch (err) {
        return fail(withContext(err, context));
      }
      transport.attach(onData, onClose);
    });
  }

  get host(): string {
    return this.transport.host;
  }

  get port(): number {
    return this.transport.port;
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  /** Every notification the session receives; completes when the session closes. */
  get notifications(): Observable<NetconfNotification> {
    return this.notificationSubject.asObservable();
  }

  /** Number of RPCs sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Send one RPC. `operation` is the XML of the operation element(s) inside `<rpc>`; unprefixed elements are in
   * the base namespace and the prefix `nc` is bound to it (for `nc:operation` attributes). Resolves with the
   * reply as data, rpc-errors included; rejects only on transport, framing, XML or timeout failure.
   */
  rpc(operation: string, name: string, options: RpcOptions = {}): Promise<RpcReply> {
    const messageId = String(this.nextId++);
    const context = this.context({ messageId: messageId, rpc: name });
    if (this.closedReason) {
      const { code, message, context: why } = this.closedReason;
      return Promise.reject(new NetconfError(code, message, { ...why, ...context }));
    }
    const timeoutMs = options.timeoutMs ?? this.options.rpcTimeoutMs;
    return new Promise<RpcReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new NetconfError('NETCONF_TIMEOUT', `${name} got no reply within ${timeoutMs} ms`, { ...context, phase: 'rpc' }));
      }, timeoutMs);
      this.pending.set(messageId, { rpc: name, resolve, reject, timer });
      const text = `<rpc xmlns="${NETCONF_BASE_NS}" xmlns:nc="${NETCONF_BASE_NS}" message-id="${messageId}">${operation}</rpc>`;
      try {
        this.transport.write(encodeFrame(this.framing, text));
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(messageId);
        reject(withContext(err, context));
      }
    });
  }

  /** Send close-session (RFC 6241 section 7.8), then close the transport. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.closedReason) {
        try {
          await this.rpc('<close-session/>', 'close-session', { timeoutMs: Math.min(this.options.rpcTimeoutMs, 5000) });
        } catch {
          // The server may drop the connection before or instead of answering; we are closing either way.
        }
      }
      await this.transport.close();
      this.onTransportClosed();
    })();
    return this.closing;
  }

  private receive(chunk: Buffer): void {
    let messages: string[];
    try {
      messages = this.decoder.push(chunk);
    } catch (err) {
      this.abort(withContext(err, this.context({})));
      return;
    }
    for (const message of messages) {
      if (this.closedReason) return;
      this.handleMessage(message);
    }
  }

  private handleMessage(text: string): void {
    let root: XmlElement;
    try {
      root = parseXml(text, { maxBytes: this.options.maxMessageBytes });
    } catch (err) {
      this.abort(withContext(err, this.context({})));
      return;
    }
    if (root.local === 'rpc-reply' && root.ns === NETCONF_BASE_NS) this.handleReply(text, root);
    else if (root.local === 'notification' && root.ns === NETCONF_NOTIFICATION_NS)
      this.notificationSubject.next(toNotification(text, root));
    else this.options.logger?.warn(this.context({ element: root.name }), 'ignoring an unexpected NETCONF message');
  }

  private handleReply(text: string, root: XmlElement): void {
    let id = root.attributes.find((a) => a.local === 'message-id' && a.ns === '')?.value;
    // A server that could not parse our rpc may answer without message-id; with one RPC outstanding it is that one.
    if (id === undefined && this.pending.size === 1) id = [...this.pending.keys()][0];
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!pending || id === undefined) {
      this.options.logger?.warn(this.context({ messageId: id }), 'ignoring an rpc-reply for no outstanding request');
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(new RpcReply(pending.rpc, text, root, this.context({ messageId: id, rpc: pending.rpc })));
  }

  /** The stream can no longer be trusted: fail everything outstanding with this error and close. */
  private abort(err: NetconfError): void {
    if (this.closedReason) return;
    this.options.logger?.warn({ ...err.context, code: err.code }, err.message);
    this.failAll(err);
    void this.transport.close();
  }

  private onTransportClosed(reason?: NetconfError): void {
    this.failAll(reason ?? new NetconfError('NETCONF_CLOSED', 'the NETCONF session closed', this.context({})));
  }

  private failAll(err: NetconfError): void {
    if (!this.closedReason) this.closedReason = err;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new NetconfError(err.code, err.message, { ...err.context, ...this.context({ messageId: id, rpc: p.rpc }) }, { cause: err }));
    }
    this.pending.clear();
    this.notificationSubject.complete();
  }

  private context(extra: NetconfErrorContext): NetconfErrorContext {
    return { host: this.transport.host, port: this.transport.port, sessionId: this.sessionId, ...extra };
  }
}

function withContext(err: unknown, context: NetconfErrorContext): NetconfError {
  if (err instanceof NetconfError) return new NetconfError(err.code, err.message, { ...context, ...err.context }, { cause: err });
  return new NetconfError('NETCONF_CLOSED', `unexpected failure: ${(err as Error).message}`, context, { cause: err });
}
