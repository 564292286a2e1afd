import type { Logger } from '@milli/core';
import {
  Capabilities,
  FrameDecoder,
  type Framing,
  NETCONF_BASE_NS,
  type XmlElement,
  XMLNS_NS,
  encodeFrame,
  escapeXml,
  parseXml,
} from '@milli/netconf-client';
import { RpcError } from './RpcError';

/** The byte stream under a session: an ssh2 channel in the device, any Duplex in tests. */
export interface SessionChannel {
  write(data: Buffer): unknown;
  end(): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** What a session needs from its device. */
export interface SessionHost {
  readonly capabilities: readonly string[];
  /** Answers one rpc with the body of its rpc-reply (`<ok/>`, `<data>...</data>`); throws RpcError(s) to fail it. */
  handleRpc(session: ServerSession, rpc: XmlElement): Promise<string>;
  /** A message that is not a correct rpc was answered with an rpc-error (RFC 6022 in-bad-rpcs). */
  badRpc?(session: ServerSession): void;
  sessionEnded(session: ServerSession): void;
}

const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/** A client that has not said hello by then is dropped (it would hold a session slot and its locks' chance). */
const HELLO_TIMEOUT_MS = 30_000;
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * One NETCONF session on the server side (RFC 6241 / 6242): sends its hello at once, reads the client's,
 * switches to chunked framing when both speak base:1.1, then answers rpcs strictly in order (one at a time)
 * and lets notifications through in between. Any framing or hello failure closes the session; a peer that
 * drops the connection (ncclient after close-session) just ends it.
 */
export class ServerSession {
  private framing: Framing = 'eom';
  private readonly decoder = new FrameDecoder('eom', { maxMessageBytes: MAX_MESSAGE_BYTES });
  private helloReceived = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  /** Set by create-subscription; notifications are only sent when true. */
  subscribed = false;
  /** Set by close-session: the channel closes once the reply is out. */
  closing = false;
  private helloTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly username: string,
    private readonly channel: SessionChannel,
    private readonly host: SessionHost,
    private readonly logger: Logger,
    helloTimeoutMs = HELLO_TIMEOUT_MS,
  ) {
    this.helloTimer = setTimeout(() => {
      this.logger.warn({ session: id }, 'no hello from the client in time; closing session');
      this.close();
    }, helloTimeoutMs);
    this.helloTimer.unref();
    channel.on('data', (chunk) => this.receive(chunk));
    channel.on('close', () => this.ended());
    channel.on('end', () => this.ended());
    channel.on('error', (err) => {
      this.logger.debug({ session: id, err: err.message }, 'session channel error');
      this.ended();
    });
    const caps = host.capabilities.map((c) => `<capability>${escapeXml(c)}</capability>`).join('');
    this.write(`${XML_DECL}<hello xmlns="${NETCONF_BASE_NS}"><capabilities>${caps}</capabilities><session-id>${id}</session-id></hello>`);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get currentFraming(): Framing {
    return this.framing;
  }

  /** Whether both hellos were exchanged (a session that ends before did not say a valid hello). */
  get helloExchanged(): boolean {
    return this.helloReceived;
  }

  /** Sends an RFC 5277 notification (its whole `<notification>` element) if the session subscribed; true if sent. */
  notify(notificationXml: string): boolean {
    if (!this.subscribed || this.closed || !this.helloReceived) return false;
    this.write(notificationXml);
    return true;
  }

  /** Ends the session from the server side (kill-session, device shutdown). */
  close(): void {
    if (this.closed) return;
    try {
      this.channel.end();
    } catch {
      // already gone
    }
    this.ended();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let messages: string[];
    try {
      messages = this.decoder.push(chunk);
    } catch (err) {
      this.logger.warn({ session: this.id, err: (err as Error).message }, 'framing error; closing session');
      this.close();
      return;
    }
    for (const message of messages) {
      if (!this.helloReceived) {
        this.receiveHello(message);
        if (this.closed) return;
        // Bytes after the hello belong to the new framing.
        if (this.framing === 'chunked') {
          this.decoder.setFraming('chunked');
          // setFraming re-reads leftovers; what they complete arrives on the next push.
          for (const m of this.safePush()) this.enqueue(m);
        }
        continue;
      }
      this.enqueue(message);
    }
  }

  private safePush(): string[] {
    try {
      return this.decoder.push(Buffer.alloc(0));
    } catch {
      this.close();
      return [];
    }
  }

  private receiveHello(text: string): void {
    let hello: XmlElement;
    try {
      hello = parseXml(text);
    } catch (err) {
      this.logger.warn({ session: this.id, err: (err as Error).message }, 'unreadable hello; closing session');
      this.close();
      return;
    }
    if (hello.local !== 'hello' || hello.ns !== NETCONF_BASE_NS) {
      this.logger.warn({ session: this.id, got: hello.local }, 'first message is not a hello; closing session');
      this.close();
      return;
    }
    const capabilities = hello.children
      .filter((c) => c.local === 'capabilities')
      .flatMap((c) => c.children.filter((x) => x.local === 'capability').map((x) => x.text.trim()));
    const hasSessionId = hello.children.some((c) => c.local === 'session-id');
    const base11 = capabilities.includes(Capabilities.base11) && this.host.capabilities.includes(Capabilities.base11);
    if (hasSessionId || (!base11 && !capabilities.includes(Capabilities.base10))) {
      this.logger.warn({ session: this.id, capabilities }, 'client hello without a common base capability, or with a session-id');
      this.close();
      return;
    }
    this.helloReceived = true;
    clearTimeout(this.helloTimer);
    if (base11) this.framing = 'chunked';
    this.logger.debug({ session: this.id, framing: this.framing }, 'hello exchanged');
  }

  private enqueue(message: string): void {
    this.queue = this.queue.then(() => this.answer(message));
  }

  private async answer(message: string): Promise<void> {
    if (this.closed) return;
    let rpc: XmlElement;
    try {
      rpc = parseXml(message);
    } catch (err) {
      this.host.badRpc?.(this);
      this.reply('', [new RpcError('rpc', 'malformed-message', `the message is not well-formed XML: ${(err as Error).message}`)]);
      return;
    }
    const echoed = echoAttributes(rpc);
    if (rpc.local !== 'rpc' || rpc.ns !== NETCONF_BASE_NS) {
      this.host.badRpc?.(this);
      this.reply(echoed, [new RpcError('rpc', 'malformed-message', `expected an <rpc> in ${NETCONF_BASE_NS}, got <${rpc.local}>`)]);
      return;
    }
    if (!rpc.attributes.some((a) => a.local === 'message-id' && a.ns === '')) {
      this.host.badRpc?.(this);
      this.reply(echoed, [
        new RpcError('rpc', 'missing-attribute', 'the <rpc> has no message-id attribute', {
          info: { badAttribute: 'message-id', badElement: 'rpc' },
        }),
      ]);
      return;
    }
    let body: string;
    try {
      body = await this.host.handleRpc(this, rpc);
    } catch (err) {
      this.reply(echoed, toRpcErrors(err));
      return;
    }
    this.reply(echoed, body);
    if (this.closing) this.close();
  }

  private reply(attributes: string, body: string | RpcError[]): void {
    const inner = typeof body === 'string' ? body : body.map((e) => e.toXml()).join('');
    this.write(`${XML_DECL}<rpc-reply xmlns="${NETCONF_BASE_NS}"${attributes}>${inner}</rpc-reply>`);
  }

  private write(xml: string): void {
    if (this.closed) return;
    try {
      this.channel.write(encodeFrame(this.framing, xml));
    } catch (err) {
      this.logger.debug({ session: this.id, err: (err as Error).message }, 'write failed');
      this.ended();
    }
  }

  private ended(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.helloTimer);
    this.host.sessionEnded(this);
  }
}

/** RFC 6241 section 4.2: the rpc-reply carries every attribute of the rpc, message-id first among them. */
function echoAttributes(rpc: XmlElement): string {
  const out: string[] = [];
  for (const a of rpc.attributes) {
    if (a.ns === XMLNS_NS) {
      // Keep prefix declarations (other attributes and the body may use them) but not a default namespace.
      if (a.name !== 'xmlns') out.push(` ${a.name}="${escapeXml(a.value)}"`);
      continue;
    }
    out.push(` ${a.name}="${escapeXml(a.value)}"`);
  }
  return out.join('');
}

export function toRpcErrors(err: unknown): RpcError[] {
  if (err instanceof RpcError) return [err];
  if (Array.isArray(err) && err.every((e) => e instanceof RpcError)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return [new RpcError('application', 'operation-failed', message)];
}
