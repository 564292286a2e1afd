import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerChannel, Server, utils } from 'ssh2';
import { buildHello, Capabilities, encodeFrame, FrameDecoder, type Framing, sha256Fingerprint } from '../../src/index';

// A tiny ssh2 NETCONF server for tests that need a misbehaving or scripted peer. Binds 127.0.0.1 only.

export interface FakeConnection {
  channel: ServerChannel;
  /** Messages the client sent after its hello, decoded in the negotiated framing. */
  onMessage(listener: (message: string, messageId: string | undefined) => void): void;
  framing: Framing;
  /** Send a message framed in the negotiated framing. */
  send(message: string): void;
  /** Write raw bytes. */
  raw(bytes: Buffer | string): void;
}

export interface FakeServerOptions {
  /** Capabilities of the server hello; default base 1.0 and 1.1. */
  capabilities?: string[];
  /** Never answer the subsystem request (for connect timeout tests). */
  ignoreSubsystem?: boolean;
  /** Skip the hello (for hello failure tests); the behaviour gets the channel. */
  noHello?: boolean;
  password?: string;
  /** A public key (OpenSSH format) accepted for publickey auth. */
  authorizedKey?: string;
  /** Called once the client's hello has been read (or at once with noHello). */
  behaviour: (conn: FakeConnection) => void;
}

export interface FakeServer {
  port: number;
  hostKeyFingerprint: string;
  /** `[127.0.0.1]:port type base64` for a known_hosts file. */
  knownHostsLine: string;
  clientHellos: string[];
  close(): Promise<void>;
}

/** An ed25519 pair ssh2 can read back: its generator now and then emits a key its own parser refuses. */
export function generateKeys(): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
  throw new Error('could not generate a readable ed25519 key pair');
}

export function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const hostKey = generateKeys();
  const parsed = utils.parseKey(hostKey.public);
  if (parsed instanceof Error) throw parsed;
  const hostBlob = parsed.getPublicSSH();
  const password = options.password ?? 'secret';
  const authorized = options.authorizedKey ? utils.parseKey(options.authorizedKey) : undefined;
  const clientHellos: string[] = [];
  const channels = new Set<ServerChannel>();
  const clients = new Set<{ end(): unknown }>();

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.password === password) return ctx.accept();
      if (ctx.method === 'publickey' && authorized && !(authorized instanceof Error)) {
        const same = ctx.key.algo === authorized.type && timingSafeEqual(ctx.key.data, authorized.getPublicSSH());
        if (same && (!ctx.signature || (ctx.blob && authorized.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true)))
          return ctx.accept();
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('subsystem', (acceptSub, _reject, info) => {
          if (options.ignoreSubsystem) return;
          const channel = acceptSub();
          channels.add(channel);
          channel.on('close', () => channels.delete(channel));
          channel.on('error', () => {});
          if (info.name !== 'netconf') return channel.close();
          serve(channel);
        });
      });
    });
  });

  function serve(channel: ServerChannel): void {
    const decoder = new FrameDecoder('eom');
    const listeners: ((m: string, id: string | undefined) => void)[] = [];
    const caps = options.capabilities ?? [Capabilities.base10, Capabilities.base11];
    let helloSeen = false;
    const conn: FakeConnection = {
      channel,
      framing: 'eom',
      onMessage: (l) => listeners.push(l),
      send: (message) => {
        if (channel.writable) channel.write(encodeFrame(conn.framing, message));
      },
      raw: (bytes) => {
        if (channel.writable) channel.write(bytes);
      },
    };
    channel.on('data', (chunk: Buffer) => {
      let messages: string[];
      try {
        messages = decoder.push(chunk);
      } catch {
        return channel.close();
      }
      for (const m of messages) {
        if (!helloSeen) {
          helloSeen = true;
          clientHellos.push(m);
          conn.framing = m.includes(Capabilities.base11) && caps.includes(Capabilities.base11) ? 'chunked' : 'eom';
          decoder.setFraming(conn.framing);
          for (const later of decoder.push(Buffer.alloc(0))) deliver(later);
          if (!options.noHello) options.behaviour(conn);
          continue;
        }
        deliver(m);
      }
    });
    const deliver = (m: string) => {
      const id = /message-id="([^"]*)"/.exec(m)?.[1];
      for (const l of listeners) l(m, id);
    };
    if (options.noHello) options.behaviour(conn);
    else channel.write(encodeFrame('eom', buildHello(caps, 7)));
  }

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        hostKeyFingerprint: sha256Fingerprint(hostBlob),
        knownHostsLine: `[127.0.0.1]:${port} ${parsed.type} ${hostBlob.toString('base64')}`,
        clientHellos,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // close() waits for open connections: end them.
            for (const c of channels) c.destroy();
            for (const c of clients) c.end();
          }),
      });
    });
  });
}

/** A reply to a message-id with the given body (default <ok/>). */
export function reply(messageId: string | undefined, body = '<ok/>'): string {
  return `<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="${messageId ?? ''}">${body}</rpc-reply>`;
}
