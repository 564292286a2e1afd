import { Capabilities, FrameDecoder, type Framing, NETCONF_BASE_NS, type XmlElement, encodeFrame, parseXml } from '@milli/netconf-client';
import ssh2 from 'ssh2';

/**
 * A bare NETCONF session for tests that need to send what a polite client never would (no message-id, broken
 * XML, a base:1.0-only hello), built from netconf-client's framing and XML parts over an ssh2 client.
 */
export class RawSession {
  framing: Framing = 'eom';
  serverHello!: XmlElement;
  readonly notifications: XmlElement[] = [];
  private readonly decoder = new FrameDecoder('eom');
  private waiters: ((msg: XmlElement) => void)[] = [];
  private notificationWaiters: (() => void)[] = [];
  private nextId = 1;
  closed = false;

  private constructor(
    private readonly client: ssh2.Client,
    private readonly channel: ssh2.ClientChannel,
  ) {}

  static async open(
    port: number,
    options: { capabilities?: string[]; username?: string; password?: string; privateKey?: string } = {},
  ): Promise<RawSession> {
    const client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', reject);
      client.connect({
        host: '127.0.0.1',
        port,
        username: options.username ?? 'lab',
        ...(options.privateKey ? { privateKey: options.privateKey } : { password: options.password ?? 'lab-secret' }),
        readyTimeout: 5000,
      });
    });
    client.on('error', () => {});
    const channel = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
      client.subsys('netconf', (err, ch) => (err ? reject(err) : resolve(ch))),
    );
    const session = new RawSession(client, channel);
    channel.on('data', (chunk: Buffer) => session.receive(chunk));
    channel.on('close', () => {
      session.closed = true;
    });
    const hello = await session.next();
    session.serverHello = hello;
    const caps = options.capabilities ?? [Capabilities.base10, Capabilities.base11];
    session.sendRaw(
      `<hello xmlns="${NETCONF_BASE_NS}"><capabilities>${caps.map((c) => `<capability>${c}</capability>`).join('')}</capabilities></hello>`,
    );
    const serverCaps = hello.children.find((c) => c.local === 'capabilities')!.children.map((c) => c.text.trim());
    if (caps.includes(Capabilities.base11) && serverCaps.includes(Capabilities.base11)) {
      session.framing = 'chunked';
      session.decoder.setFraming('chunked');
    }
    return session;
  }

  get capabilities(): string[] {
    return this.serverHello.children.find((c) => c.local === 'capabilities')!.children.map((c) => c.text.trim());
  }

  get sessionId(): number {
    return Number(this.serverHello.children.find((c) => c.local === 'session-id')!.text);
  }

  /** Bytes exactly as given, framing and all: for tests of broken or hostile framing. */
  writeBytes(bytes: Buffer | string): void {
    this.channel.write(bytes);
  }

  sendRaw(xml: string): void {
    this.channel.write(encodeFrame(this.framing, xml));
  }

  /** Sends `<rpc message-id=N>body</rpc>` and resolves with the rpc-reply. */
  async rpc(body: string): Promise<XmlElement> {
    const id = String(this.nextId++);
    this.sendRaw(`<rpc xmlns="${NETCONF_BASE_NS}" message-id="${id}">${body}</rpc>`);
    const reply = await this.next();
    const echoed = reply.attributes.find((a) => a.local === 'message-id')?.value;
    if (echoed !== id) throw new Error(`reply message-id ${echoed} does not match ${id}`);
    return reply;
  }

  next(timeoutMs = 5000): Promise<XmlElement> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within timeout')), timeoutMs);
      this.waiters.push((msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
    });
  }

  /** Resolves once `count` notifications have arrived in total. */
  async waitNotifications(count: number, timeoutMs = 5000): Promise<XmlElement[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.notifications.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.notifications.length} of ${count} notifications arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.notificationWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.notifications;
  }

  close(): void {
    this.client.end();
  }

  private receive(chunk: Buffer): void {
    for (const text of this.decoder.push(chunk)) {
      const msg = parseXml(text);
      if (msg.local === 'notification') {
        this.notifications.push(msg);
        for (const w of this.notificationWaiters.splice(0)) w();
        continue;
      }
      this.waiters.shift()?.(msg);
    }
  }
}

/** The rpc-error children of a reply as plain objects. */
export function errorsOf(reply: XmlElement): Record<string, string>[] {
  return reply.children
    .filter((c) => c.local === 'rpc-error')
    .map((e) => {
      const out: Record<string, string> = {};
      for (const c of e.children) {
        if (c.local === 'error-info') {
          for (const i of c.children) out[`info.${i.local}`] = i.text.trim();
        } else out[c.local] = c.text.trim();
      }
      return out;
    });
}

export function isOk(reply: XmlElement): boolean {
  return reply.children.some((c) => c.local === 'ok');
}

export const CANDIDATE = '<target><candidate/></target>';
