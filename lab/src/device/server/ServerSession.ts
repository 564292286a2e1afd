import { type Logger, isMilliError } from '@milli/core';
import {
  Capabilities,
  FrameDecoder,
  type Framing,
  NETCONF_BASE_NS,
  type XmlElement,
  encodeFrame,
  escapeXml,
  parseXml,
} from '@milli/netconf-client';
import { DEFAULT_DEVICE_LIMITS } from './guard/DeviceLimits';
import type { MemoryBudget } from './guard/MemoryBudget';
import { RpcError } from './RpcError';
import { echoAttributes, messageIdOf, toRpcErrors } from './rpcEnvelope';

/** The byte stream under a session: an ssh2 channel in the device, any Duplex in tests. */
export interface SessionChannel {
  write(data: Buffer): unknown;
  end(): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  /** Stop and restart reading (an ssh2 channel then stops granting the client window: flow control). */
  pause?(): unknown;
  resume?(): unknown;
}

/** The host's fair share of its one thread, as seen by one device (see FairShare). */
export interface DeviceShare {
  turn(): Promise<void>;
  charge(ms: number): void;
  /** A request was received; `served` once it is answered (or dropped): the lab's fair share counts who waits. */
  want(): void;
  served(): void;
}

/** What a session needs from its device. */
export interface SessionHost {
  readonly capabilities: readonly string[];
  /** Answers one rpc with the body of its rpc-reply (`<ok/>`, `<data>...</data>`); throws RpcError(s) to fail it. */
  handleRpc(session: ServerSession, rpc: XmlElement): Promise<string>;
  /** A message that is not a correct rpc was answered with an rpc-error (RFC 6022 in-bad-rpcs). */
  badRpc?(session: ServerSession): void;
  sessionEnded(session: ServerSession): void;
  /** When set, each request waits its turn and its parsing and printing are charged to the device. */
  share?: DeviceShare;
}

/**
 * Requests read but not yet answered, per session, whatever their size; beyond this the session stops reading.
 * Bytes are the main bound (maxQueuedBytesPerSession); this one bounds the bookkeeping of tiny requests and sits
 * above what a pipelining client keeps in flight (32 in the benches), so a well-behaved one is never throttled.
 */
const MAX_QUEUED_REQUESTS = 64;
/**
 * Pipelined requests answered back to back before the session yields to the event loop, which sends their replies
 * as one packet. Replying to 32 queued requests in one packet makes device and client take turns (each idle while
 * the other works through the whole batch); groups of a few let the client work on the first replies while the
 * device answers the rest, and still share one packet's cost among several replies (bench:netconf at 32 in flight).
 */
const ANSWERS_PER_TURN = 4;
/** Requests longer than this yield to the event loop between parsing and handling. */
const YIELD_ABOVE_CHARS = 64 * 1024;
/** A client that has not said hello by then is dropped (it would hold a session slot and its locks' chance). */
const HELLO_TIMEOUT_MS = 30_000;

/** The bounds one session applies to what it receives (see DeviceLimits for their meaning and defaults). */
export interface SessionBounds {
  helloTimeoutMs?: number;
  frameTimeoutMs?: number;
  maxMessageBytes?: number;
  maxElements?: number;
  maxQueuedBytes?: number;
  /** Budgets the bytes this session holds are counted against (the device's, the lab's). */
  memory?: MemoryBudget[];
}
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * One NETCONF session on the server side (RFC 6241 / 6242): sends its hello at once, reads the client's,
 * switches to chunked framing when both speak base:1.1, then answers rpcs strictly in order (one at a time)
 * and lets notifications through in between. Any framing or hello failure closes the session; a peer that
 * drops the connection (ncclient after close-session) just ends it.
 */
export class ServerSession {
  private framing: Framing = 'eom';
  private readonly decoder: FrameDecoder;
  private readonly frameTimeoutMs: number;
  private readonly maxElements: number;
  private readonly maxQueuedBytes: number;
  private frameTimer: NodeJS.Timeout | undefined;
  private helloReceived = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private queuedBytes = 0;
  private answeredThisTurn = 0;
  private heldBytes = 0;
  private paused = false;
  private readonly memory: MemoryBudget[];
  private readonly unwatch: (() => void)[];
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
    bounds: SessionBounds = {},
  ) {
    this.decoder = new FrameDecoder('eom', { maxMessageBytes: bounds.maxMessageBytes ?? DEFAULT_DEVICE_LIMITS.maxMessageBytes });
    this.frameTimeoutMs = bounds.frameTimeoutMs ?? DEFAULT_DEVICE_LIMITS.frameTimeoutMs;
    this.maxElements = bounds.maxElements ?? DEFAULT_DEVICE_LIMITS.maxElements;
    this.maxQueuedBytes = bounds.maxQueuedBytes ?? DEFAULT_DEVICE_LIMITS.maxQueuedBytesPerSession;
    this.memory = bounds.memory ?? [];
    this.unwatch = this.memory.map((budget) => budget.watch(() => this.updateReading()));
    this.helloTimer = setTimeout(() => {
      this.logger.warn({ session: id }, 'no hello from the client in time; closing session');
      this.close();
    }, bounds.helloTimeoutMs ?? HELLO_TIMEOUT_MS);
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
    const started = performance.now();
    try {
      messages = this.decoder.push(chunk);
      // Decoding is work too (1-byte chunks cost the most of it per payload byte): charged to the device.
      this.host.share?.charge(performance.now() - started);
    } catch (err) {
      this.logger.warn({ session: this.id, err: (err as Error).message }, 'framing error; closing session');
      this.close();
      return;
    }
    this.watchPartialFrame();
    for (const message of messages) {
      this.queuedBytes += message.length; // counted until answered: enqueue gives it back
      if (!this.helloReceived) {
        this.queuedBytes -= message.length;
        this.receiveHello(message);
        if (this.closed) return;
        // Bytes after the hello belong to the new framing.
        if (this.framing === 'chunked') {
          this.decoder.setFraming('chunked');
          // setFraming re-reads leftovers; what they complete arrives on the next push.
          for (const m of this.safePush()) {
            this.queuedBytes += m.length;
            this.enqueue(m);
          }
        }
        continue;
      }
      this.enqueue(message);
    }
    this.holdBytes();
  }

  /** What this session holds (the message being received, those read and not yet answered), told to the budgets. */
  private holdBytes(): void {
    const held = this.closed ? 0 : this.decoder.bufferedBytes + this.queuedBytes;
    const delta = held - this.heldBytes;
    this.heldBytes = held;
    if (delta !== 0) for (const budget of this.memory) budget.adjust(delta);
    this.updateReading();
  }

  /**
   * Reads while the requests waiting hold fewer than maxQueuedBytes (and number fewer than MAX_QUEUED_REQUESTS)
   * and no memory budget is used up; else lets SSH push back on the client.
   */
  private updateReading(): void {
    if (this.closed) return;
    const aheadOfReplies = this.queued >= MAX_QUEUED_REQUESTS || this.queuedBytes >= this.maxQueuedBytes;
    const stop = aheadOfReplies || this.memory.some((budget) => budget.exhausted);
    if (stop && !this.paused) this.channel.pause?.();
    if (!stop && this.paused) this.channel.resume?.();
    this.paused = stop;
  }

  /**
   * A message that has begun must complete within frameTimeoutMs, counted from its first byte (a trickle of
   * bytes does not extend it): a chunk header announcing more than ever arrives must not hold the session.
   */
  private watchPartialFrame(): void {
    if (!this.decoder.partial) {
      clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
      return;
    }
    if (this.frameTimer !== undefined) return;
    this.frameTimer = setTimeout(() => {
      this.logger.warn(
        { session: this.id, frameTimeoutMs: this.frameTimeoutMs, bufferedBytes: this.decoder.bufferedBytes },
        'message incomplete after the frame timeout; closing session',
      );
      this.close();
    }, this.frameTimeoutMs);
    this.frameTimer.unref();
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
      hello = parseXml(text, { maxElements: this.maxElements });
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
    this.queued++;
    this.host.share?.want();
    this.queue = this.queue.then(async () => {
      try {
        await this.answer(message);
      } catch (err) {
        // Operations' failures are rpc-errors already (answer catches them): this is a fault of the session's own
        // (its share of the thread, a reply it could not build). The client cannot be told which request it hit, so
        // the session closes rather than leave it waiting; the chain goes on, so the queue never stays rejected.
        this.logger.error({ session: this.id, err: (err as Error).message }, 'answering a request failed; closing session');
        this.close();
      } finally {
        this.host.share?.served();
      }
      this.queued--;
      this.queuedBytes -= message.length;
      this.holdBytes();
      // Let the replies so far leave (the channel sends a turn's writes as one packet) before answering more.
      if (this.queued === 0) this.answeredThisTurn = 0;
      else if (++this.answeredThisTurn >= ANSWERS_PER_TURN) {
        this.answeredThisTurn = 0;
        await yieldToOthers();
      }
    });
  }

  private async answer(message: string): Promise<void> {
    if (this.closed) return;
    await this.host.share?.turn();
    if (this.closed) return;
    const started = performance.now();
    let rpc: XmlElement;
    try {
      rpc = parseXml(message, { maxElements: this.maxElements });
    } catch (err) {
      this.host.badRpc?.(this);
      this.host.share?.charge(performance.now() - started);
      if (isMilliError(err) && err.code === 'NETCONF_MESSAGE_TOO_LARGE') {
        this.reply(messageIdOf(message), [new RpcError('rpc', 'too-big', `the request is too big: ${err.message}`)]);
      } else {
        this.reply('', [new RpcError('rpc', 'malformed-message', `the message is not well-formed XML: ${(err as Error).message}`)]);
      }
      return;
    }
    this.host.share?.charge(performance.now() - started);
    // Parsing a large request took a slice of the one thread every device shares: let the others run first. A
    // small one goes straight on, so that it is not held behind every stage of someone else's large one.
    if (message.length > YIELD_ABOVE_CHARS) {
      await yieldToOthers();
      if (this.closed) return;
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
    const started = performance.now();
    const inner = typeof body === 'string' ? body : body.map((e) => e.toXml()).join('');
    this.write(`${XML_DECL}<rpc-reply xmlns="${NETCONF_BASE_NS}"${attributes}>${inner}</rpc-reply>`);
    this.host.share?.charge(performance.now() - started);
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
    clearTimeout(this.frameTimer);
    for (const stop of this.unwatch) stop();
    this.holdBytes(); // closed: gives back everything
    this.host.sessionEnded(this);
  }
}

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
