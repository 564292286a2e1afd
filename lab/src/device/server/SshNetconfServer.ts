import { timingSafeEqual } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { type Logger, MilliError } from '@milli/core';
import ssh2 from 'ssh2';
import { LabDeviceError } from '../LabDeviceError';
import { Budget } from './guard/Budget';
import type { DeviceLimits } from './guard/DeviceLimits';
import { LoginThrottle } from './guard/LoginThrottle';
import type { MemoryBudget } from './guard/MemoryBudget';
import { RateLimitedLog } from './guard/RateLimitedLog';
import type { SessionChannel } from './ServerSession';

export interface DeviceUser {
  username: string;
  password?: string;
  /** OpenSSH public key lines (`ssh-ed25519 AAAA... comment`). */
  publicKeys?: string[];
}

/** What the device's NETCONF side says about a session it opened: a subscribed session may stay silent. */
export interface OpenedSession {
  readonly subscribed: boolean;
  readonly isClosed: boolean;
}

/** Budgets shared by every device of a lab, so that all devices together stay inside the host's descriptors. */
export interface SharedBudgets {
  connections: Budget;
  sessions: Budget;
  /** Request bytes held across the lab (see MemoryBudget). */
  memory?: MemoryBudget;
}

interface ParsedUser {
  username: Buffer;
  password?: Buffer;
  keys: { type: string; blob: Buffer; key: ssh2.ParsedKey }[];
}

/** One accepted TCP connection, from accept to close. */
interface Connection {
  socket: Socket;
  /** Set once ssh2 has read the client's identification. */
  client?: ssh2.Connection;
  peer: string;
  authenticated: boolean;
  authFailures: number;
  graceTimer: NodeJS.Timeout;
  sessions: OpenedSession[];
  /** Gives back the session slots still held (idempotent per slot). */
  releases: Set<() => void>;
}

const METHODS: ssh2.AuthenticationType[] = ['password', 'publickey'];
const SHOWN_USERNAME_CHARS = 64;

/**
 * The SSH side of a device (RFC 6242), guarded like a careful SSH server: every TCP connection is admitted
 * against the device's connection and unauthenticated caps (and the lab's shared budget) before ssh2 sees it,
 * must authenticate within the grace time, and is closed when silent for the idle timeout; session channels
 * are capped per device and per lab; failed logins are logged (user and peer, never the secret) and slowed per
 * peer and user. Password and public-key users; only the `netconf` subsystem (no shell, exec or forwarding).
 */
export class SshNetconfServer {
  private readonly listener: Server;
  private readonly ssh: ssh2.Server;
  private readonly connections = new Map<Socket, Connection>();
  private readonly users: ParsedUser[];
  private readonly throttle: LoginThrottle;
  private unauthenticated = 0;
  private openSessions = 0;
  private closed = false;
  private readonly refusedConnection: RateLimitedLog;
  private readonly refusedSession: RateLimitedLog;

  constructor(
    hostKey: string,
    users: DeviceUser[],
    private readonly onNetconf: (channel: SessionChannel, username: string, peer: string) => OpenedSession | undefined,
    private readonly logger: Logger,
    private readonly limits: DeviceLimits,
    private readonly shared: SharedBudgets = { connections: new Budget(), sessions: new Budget() },
  ) {
    this.users = users.map(parseUser);
    this.throttle = new LoginThrottle({
      failuresFree: limits.loginFailuresFree,
      backoffMs: limits.loginBackoffMs,
      backoffMaxMs: limits.loginBackoffMaxMs,
    });
    this.refusedConnection = new RateLimitedLog(logger, 'connection refused: over a connection limit');
    this.refusedSession = new RateLimitedLog(logger, 'session refused: over a session limit');
    this.ssh = new ssh2.Server({ hostKeys: [hostKey], ident: 'milli-lab' }, (client, info) => this.onSsh(client, info));
    this.listener = createServer((socket) => this.admit(socket));
    this.listener.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'ssh listener error'));
  }

  /** Open connections and session channels, for status and tests. */
  get counts(): { connections: number; unauthenticated: number; sessions: number } {
    return { connections: this.connections.size, unauthenticated: this.unauthenticated, sessions: this.openSessions };
  }

  /** `handle`: an already listening socket (the lab opens it inside the device's network namespace). */
  listen(host: string, port: number, handle?: Server): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        reject(new LabDeviceError('LAB_START', `cannot listen on ${host}:${port}: ${err.message}`, { host, port }, { cause: err }));
      };
      this.listener.once('error', onError);
      const onListening = () => {
        this.listener.off('error', onError);
        const address = this.listener.address() as AddressInfo;
        resolve({ host: address.address, port: address.port });
      };
      if (handle) this.listener.listen(handle, onListening);
      else this.listener.listen(port, host, onListening);
    });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const { socket, client } of this.connections.values()) {
      // An SSH disconnect first, so clients see an orderly end; the socket goes regardless soon after.
      if (client) client.end();
      else socket.destroy();
      setTimeout(() => socket.destroy(), 1000).unref();
    }
    return new Promise((resolve) => {
      this.listener.close(() => resolve());
    });
  }

  /** Admission at TCP accept, before any SSH work is spent on the connection. */
  private admit(socket: Socket): void {
    const peer = socket.remoteAddress ?? 'unknown';
    const over =
      this.connections.size >= this.limits.maxConnections
        ? 'maxConnections'
        : this.unauthenticated >= this.limits.maxUnauthenticated
          ? 'maxUnauthenticated'
          : undefined;
    if (this.closed || over !== undefined || !this.shared.connections.tryTake()) {
      if (!this.closed) this.refusedConnection.warn({ peer, limit: over ?? 'lab connections' });
      socket.destroy();
      return;
    }
    const connection: Connection = {
      socket,
      peer,
      authenticated: false,
      authFailures: 0,
      graceTimer: setTimeout(() => {
        this.logger.warn({ peer, graceMs: this.limits.loginGraceMs }, 'no authentication within the grace time; closing connection');
        socket.destroy();
      }, this.limits.loginGraceMs),
      sessions: [],
      releases: new Set(),
    };
    connection.graceTimer.unref();
    this.connections.set(socket, connection);
    this.unauthenticated++;
    socket.setTimeout(this.limits.idleTimeoutMs, () => this.idle(connection));
    // NETCONF is request and reply: a reply must not wait for the ACK of the previous one (Nagle's algorithm).
    socket.setNoDelay(true);
    socket.on('error', (err) => this.logger.debug({ peer, err: err.message }, 'connection error'));
    socket.once('close', () => this.forget(connection));
    this.ssh.injectSocket(socket);
  }

  private idle(connection: Connection): void {
    if (connection.sessions.some((s) => s.subscribed && !s.isClosed)) {
      connection.socket.setTimeout(this.limits.idleTimeoutMs); // a subscriber listens; re-arm
      return;
    }
    this.logger.info({ peer: connection.peer, idleMs: this.limits.idleTimeoutMs }, 'connection silent for the idle timeout; closing');
    connection.socket.destroy();
  }

  private forget(connection: Connection): void {
    if (!this.connections.delete(connection.socket)) return;
    clearTimeout(connection.graceTimer);
    if (!connection.authenticated) this.unauthenticated--;
    for (const release of connection.releases) release();
    this.shared.connections.give();
  }

  private onSsh(client: ssh2.Connection, info: ssh2.ClientInfo): void {
    // ssh2 keeps the socket it was given; it is the key to the admission record.
    const socket = (client as unknown as { _sock: Socket })._sock;
    const connection = this.connections.get(socket);
    const peer = info.ip ?? connection?.peer ?? 'unknown';
    client.on('error', (err) => this.logger.debug({ peer, err: err.message }, 'ssh client error'));
    if (connection === undefined) {
      client.end();
      return;
    }
    connection.client = client;
    let username = '';
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'password' && ctx.method !== 'publickey') return ctx.reject(METHODS);
      // A key offered without a signature only asks whether it would do; nothing is tried yet.
      if (ctx.method === 'publickey' && ctx.signature === undefined) {
        return this.knownKey(ctx) ? ctx.accept() : ctx.reject(METHODS);
      }
      const judge = () => {
        if (!this.connections.has(socket)) return;
        if (this.verify(ctx)) {
          this.throttle.succeeded(peer, ctx.username);
          username = ctx.username;
          return ctx.accept();
        }
        const failures = this.throttle.failed(peer, ctx.username);
        connection.authFailures++;
        this.logger.warn(
          {
            user: ctx.username.slice(0, SHOWN_USERNAME_CHARS),
            peer,
            method: ctx.method,
            failures,
            nextWaitMs: this.throttle.backoff(failures),
          },
          'login failed',
        );
        if (connection.authFailures >= this.limits.maxAuthTries) {
          this.logger.warn({ peer, tries: connection.authFailures }, 'too many failed logins on one connection; closing it');
          ctx.reject([]);
          socket.destroy();
          return;
        }
        ctx.reject(METHODS);
      };
      const wait = this.throttle.waitBeforeAttempt(peer, ctx.username);
      if (wait > 0) setTimeout(judge, wait).unref();
      else judge();
    });
    client.on('ready', () => {
      connection.authenticated = true;
      this.unauthenticated--;
      clearTimeout(connection.graceTimer);
      client.on('session', (accept, reject) => {
        const release = this.takeSessionSlot(peer);
        if (release === undefined) return reject();
        connection.releases.add(release);
        const session = accept();
        session.once('close', () => {
          connection.releases.delete(release);
          release();
        });
        session.on('subsystem', (acceptSubsystem, rejectSubsystem, subsystem) => {
          if (subsystem.name !== 'netconf') return rejectSubsystem();
          const channel = acceptSubsystem();
          const opened = this.onNetconf(channel as unknown as SessionChannel, username, peer);
          if (opened) connection.sessions = [...connection.sessions.filter((s) => !s.isClosed), opened];
        });
        session.on('shell', (_accept, rejectShell) => rejectShell());
        session.on('exec', (_accept, rejectExec) => rejectExec());
        session.on('pty', (_accept, rejectPty) => rejectPty?.());
      });
      client.on('tcpip', (_accept, rejectForward) => rejectForward());
    });
  }

  /** A session slot of the device and of the lab, or undefined (logged) when either is used up. */
  private takeSessionSlot(peer: string): (() => void) | undefined {
    if (this.openSessions >= this.limits.maxSessions) {
      this.refusedSession.warn({ peer, limit: 'maxSessions', max: this.limits.maxSessions });
      return undefined;
    }
    if (!this.shared.sessions.tryTake()) {
      this.refusedSession.warn({ peer, limit: 'lab sessions', max: this.shared.sessions.limit });
      return undefined;
    }
    this.openSessions++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.openSessions--;
      this.shared.sessions.give();
    };
  }

  private knownKey(ctx: ssh2.PublicKeyAuthContext): boolean {
    const user = this.users.find((u) => safeEqual(u.username, Buffer.from(ctx.username)));
    return user?.keys.some((k) => k.type === ctx.key.algo && k.blob.equals(ctx.key.data)) ?? false;
  }

  private verify(ctx: ssh2.PasswordAuthContext | ssh2.PublicKeyAuthContext): boolean {
    const user = this.users.find((u) => safeEqual(u.username, Buffer.from(ctx.username)));
    if (user === undefined) return false;
    if (ctx.method === 'password') return user.password !== undefined && safeEqual(user.password, Buffer.from(ctx.password));
    const match = user.keys.find((k) => k.type === ctx.key.algo && k.blob.equals(ctx.key.data));
    return (
      match !== undefined &&
      ctx.blob !== undefined &&
      ctx.signature !== undefined &&
      match.key.verify(ctx.blob, ctx.signature, ctx.hashAlgo)
    );
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
