import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type Logger, MilliError } from '@milli/core';
import ssh2 from 'ssh2';
import { LabDeviceError } from '../LabDeviceError';
import type { SessionChannel } from './ServerSession';

export interface DeviceUser {
  username: string;
  password?: string;
  /** OpenSSH public key lines (`ssh-ed25519 AAAA... comment`). */
  publicKeys?: string[];
}

interface ParsedUser {
  username: Buffer;
  password?: Buffer;
  keys: { type: string; blob: Buffer; key: ssh2.ParsedKey }[];
}

/**
 * The SSH side of a device (RFC 6242): password and public-key authentication for the configured users, and
 * the `netconf` subsystem, each of which becomes a NETCONF session through `onNetconf`. Shells, exec and port
 * forwarding are refused. Client errors (a peer resetting after close-session) are logged, never thrown.
 */
export class SshNetconfServer {
  private readonly server: ssh2.Server;
  private readonly clients = new Set<ssh2.Connection>();
  private readonly users: ParsedUser[];

  constructor(
    hostKey: string,
    users: DeviceUser[],
    private readonly onNetconf: (channel: SessionChannel, username: string) => void,
    private readonly logger: Logger,
  ) {
    this.users = users.map(parseUser);
    this.server = new ssh2.Server({ hostKeys: [hostKey], ident: 'milli-lab' }, (client) => this.accept(client));
    this.server.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'ssh server error'));
  }

  /** `handle`: an already listening socket (the lab opens it inside the device's network namespace). */
  listen(host: string, port: number, handle?: import('node:net').Server): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        reject(new LabDeviceError('LAB_START', `cannot listen on ${host}:${port}: ${err.message}`, { host, port }, { cause: err }));
      };
      this.server.once('error', onError);
      const onListening = () => {
        this.server.off('error', onError);
        const address = this.server.address() as AddressInfo;
        resolve({ host: address.address, port: address.port });
      };
      if (handle) this.server.listen(handle, onListening);
      else this.server.listen(port, host, onListening);
    });
  }

  close(): Promise<void> {
    for (const client of this.clients) client.end();
    this.clients.clear();
    // ssh2's Server wraps a net.Server; close() calls back with an error when it was never listening.
    return new Promise((resolve) => {
      this.server.close(() => resolve());
    });
  }

  private accept(client: ssh2.Connection): void {
    this.clients.add(client);
    let username = '';
    client.on('error', (err) => this.logger.debug({ err: err.message }, 'ssh client error'));
    client.on('close', () => this.clients.delete(client));
    client.on('authentication', (ctx) => {
      const user = this.users.find((u) => safeEqual(u.username, Buffer.from(ctx.username)));
      if (user === undefined) return ctx.reject(['password', 'publickey']);
      if (ctx.method === 'password') {
        if (user.password !== undefined && safeEqual(user.password, Buffer.from(ctx.password))) {
          username = ctx.username;
          return ctx.accept();
        }
        return ctx.reject(['password', 'publickey']);
      }
      if (ctx.method === 'publickey') {
        const match = user.keys.find((k) => k.type === ctx.key.algo && k.blob.equals(ctx.key.data));
        if (match === undefined) return ctx.reject(['password', 'publickey']);
        if (ctx.signature === undefined) return ctx.accept(); // the client asks whether this key would do
        if (ctx.blob !== undefined && match.key.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) {
          username = ctx.username;
          return ctx.accept();
        }
        return ctx.reject(['password', 'publickey']);
      }
      return ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('subsystem', (acceptSubsystem, rejectSubsystem, info) => {
          if (info.name !== 'netconf') return rejectSubsystem();
          const channel = acceptSubsystem();
          this.onNetconf(channel as unknown as SessionChannel, username);
        });
        session.on('shell', (_accept, reject) => reject());
        session.on('exec', (_accept, reject) => reject());
        session.on('pty', (_accept, reject) => reject?.());
      });
      client.on('tcpip', (_accept, reject) => reject());
    });
  }
}

function parseUser(user: DeviceUser): ParsedUser {
  const keys = (user.publicKeys ?? []).map((line) => {
    const key = ssh2.utils.parseKey(line);
    if (key instanceof Error) {
      throw new MilliError('INVALID_ARGUMENT', `public key of user ${user.username} cannot be read: ${key.message}`, {
        username: user.username,
      });
    }
    const parsed = Array.isArray(key) ? key[0]! : key;
    return { type: parsed.type, blob: parsed.getPublicSSH(), key: parsed };
  });
  const parsed: ParsedUser = { username: Buffer.from(user.username), keys };
  if (user.password !== undefined) parsed.password = Buffer.from(user.password);
  return parsed;
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
