import { readFileSync } from 'node:fs';
import type { Logger } from '@milli/core';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { NetconfError } from '../errors/NetconfError';
import { type HostKeyVerdict, parseKnownHosts, sha256Fingerprint, verifyAgainstFingerprint, verifyAgainstKnownHosts } from './knownHosts';
import type { Transport } from './Transport';

export interface SshTransportOptions {
  host: string;
  /** Default 830 (RFC 6242). */
  port?: number;
  username: string;
  password?: string;
  privateKey?: string | Buffer;
  passphrase?: string;
  /** Path of an OpenSSH known_hosts file holding the device's key. */
  knownHosts?: string;
  /** The device key's fingerprint, `SHA256:...` as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint?: string;
  /** Accept whatever key the device presents. For labs only; logs a warning on every connection. */
  insecureAcceptHostKey?: boolean;
  /** SSH connect plus authentication, default 10 s. */
  connectTimeoutMs?: number;
  /** Close the connection after this long without a byte either way; 0 (default) never. */
  idleTimeoutMs?: number;
  /** SSH keepalive interval, default 15 s; 0 turns keepalives off. */
  keepaliveIntervalMs?: number;
  logger?: Logger;
}

type HostPolicy = (key: Buffer) => HostKeyVerdict;

function hostPolicy(options: SshTransportOptions, port: number): HostPolicy {
  const given = [options.knownHosts, options.hostKeyFingerprint, options.insecureAcceptHostKey || undefined].filter((v) => v !== undefined);
  const context = { host: options.host, port };
  if (given.length === 0) {
    throw new NetconfError(
      'NETCONF_HOST_KEY',
      'no host key policy: give knownHosts, hostKeyFingerprint, or insecureAcceptHostKey to accept an unknown key',
      context,
    );
  }
  if (given.length > 1) {
    throw new NetconfError('NETCONF_HOST_KEY', 'give exactly one of knownHosts, hostKeyFingerprint and insecureAcceptHostKey', context);
  }
  if (options.knownHosts !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.knownHosts, 'utf8');
    } catch (err) {
      throw new NetconfError('NETCONF_HOST_KEY', `cannot read known_hosts file ${options.knownHosts}: ${(err as Error).message}`, context);
    }
    const entries = parseKnownHosts(text);
    return (key) => verifyAgainstKnownHosts(entries, options.host, port, key);
  }
  if (options.hostKeyFingerprint !== undefined) {
    const fingerprint = options.hostKeyFingerprint;
    return (key) => verifyAgainstFingerprint(fingerprint, key);
  }
  return (key) => {
    options.logger?.warn(
      { host: options.host, port, fingerprint: sha256Fingerprint(key) },
      'accepting an unverified SSH host key (insecure)',
    );
    return { ok: true };
  };
}

/** Open an SSH connection, authenticate, pin the host key and start the `netconf` subsystem. */
export function connectSsh(options: SshTransportOptions): Promise<SshTransport> {
  const port = options.port ?? 830;
  const context = { host: options.host, port };
  const policy = hostPolicy(options, port);
  if (options.password === undefined && options.privateKey === undefined) {
    return Promise.reject(new NetconfError('NETCONF_AUTH', 'give a password or a private key', context));
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const client = new Client();
  let hostKeyFailure: NetconfError | undefined;
  const config: ConnectConfig = {
    host: options.host,
    port,
    username: options.username,
    readyTimeout: connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
    keepaliveCountMax: 3,
    tryKeyboard: options.password !== undefined,
    hostVerifier: (key: Buffer) => {
      const verdict = policy(key);
      if (!verdict.ok) {
        hostKeyFailure = new NetconfError('NETCONF_HOST_KEY', `host key refused (${verdict.reason}): ${verdict.detail}`, {
          ...context,
          reason: verdict.reason,
          fingerprint: sha256Fingerprint(key),
        });
      }
      return verdict.ok;
    },
  };
  if (options.password !== undefined) config.password = options.password;
  if (options.privateKey !== undefined) config.privateKey = options.privateKey;
  if (options.passphrase !== undefined) config.passphrase = options.passphrase;

  return new Promise<SshTransport>((resolve, reject) => {
    let settled = false;
    const fail = (err: NetconfError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      client.end();
      client.destroy();
      reject(err);
    };
    // ssh2's readyTimeout covers TCP and authentication; this also covers opening the netconf subsystem.
    const deadline = setTimeout(
      () =>
        fail(
          new NetconfError('NETCONF_TIMEOUT', `SSH connect and netconf subsystem not ready within ${connectTimeoutMs} ms`, {
            ...context,
            phase: 'connect',
          }),
        ),
      connectTimeoutMs + 1000,
    );
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
      finish(prompts.map(() => options.password ?? ''));
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (hostKeyFailure) return fail(hostKeyFailure);
      if (err.level === 'client-authentication') {
        return fail(new NetconfError('NETCONF_AUTH', `authentication failed for user ${options.username}`, context, { cause: err }));
      }
      if (err.level === 'client-timeout') {
        return fail(new NetconfError('NETCONF_TIMEOUT', `SSH connect timed out: ${err.message}`, { ...context, phase: 'connect' }));
      }
      fail(new NetconfError('NETCONF_CONNECT', `SSH connection failed: ${err.message}`, context, { cause: err }));
    });
    client.on('close', () => fail(hostKeyFailure ?? new NetconfError('NETCONF_CONNECT', 'connection closed during SSH setup', context)));
    client.on('ready', () => {
      client.subsys('netconf', (err, stream) => {
        if (err) return fail(new NetconfError('NETCONF_CONNECT', `netconf subsystem refused: ${err.message}`, context, { cause: err }));
        if (settled) return void stream.close();
        settled = true;
        clearTimeout(deadline);
        client.removeAllListeners('close');
        client.removeAllListeners('error');
        resolve(new SshTransport(client, stream, options.host, port, options.idleTimeoutMs ?? 0));
      });
    });
    try {
      client.connect(config);
    } catch (err) {
      fail(new NetconfError('NETCONF_CONNECT', `SSH connect failed: ${(err as Error).message}`, context, { cause: err }));
    }
  });
}

/** The `netconf` subsystem channel of one SSH connection, as a Transport. */
export class SshTransport implements Transport {
  private onData: ((chunk: Buffer) => void) | undefined;
  private onClose: ((reason?: NetconfError) => void) | undefined;
  private early: Buffer[] = [];
  /** Writes of this turn of the event loop, sent as one SSH packet by flush. */
  private unsent: Buffer[] = [];
  private closed = false;
  private closeReason: NetconfError | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly client: Client,
    private readonly stream: ClientChannel,
    readonly host: string,
    readonly port: number,
    private readonly idleTimeoutMs: number,
  ) {
    this.finished = new Promise((resolve) => client.once('close', () => resolve()));
    stream.on('data', (chunk: Buffer) => {
      this.touch();
      if (this.onData) this.onData(chunk);
      else this.early.push(chunk);
    });
    stream.stderr.on('data', () => {});
    stream.on('close', () => this.finish());
    client.on('error', (err: Error) => {
      this.closeReason ??= new NetconfError('NETCONF_CLOSED', `SSH connection failed: ${err.message}`, { host, port }, { cause: err });
      this.finish();
    });
    client.on('close', () => this.finish());
    this.touch();
  }

  attach(onData: (chunk: Buffer) => void, onClose: (reason?: NetconfError) => void): void {
    this.onData = onData;
    this.onClose = onClose;
    for (const chunk of this.early.splice(0)) onData(chunk);
    if (this.closed) onClose(this.closeReason);
  }

  /**
   * Queues the bytes and sends everything written in this turn of the event loop as one channel write: rpcs
   * issued together (a pipelining caller answering a batch of replies with new requests) become one SSH packet
   * instead of one each, so one encryption and one TCP segment where there were many. The flush runs on
   * process.nextTick, after the turn's promise chain has drained, so a lone rpc leaves without waiting for I/O.
   */
  write(data: Buffer): void {
    if (this.closed) throw new NetconfError('NETCONF_CLOSED', 'the SSH channel is closed', { host: this.host, port: this.port });
    this.touch();
    this.unsent.push(data);
    if (this.unsent.length === 1) process.nextTick(() => this.flush());
  }

  flush(): void {
    if (this.unsent.length === 0) return;
    const data = this.unsent.length === 1 ? this.unsent[0]! : Buffer.concat(this.unsent);
    this.unsent = [];
    if (!this.closed) this.stream.write(data);
  }

  async close(): Promise<void> {
    this.flush();
    if (!this.closed) {
      this.stream.end();
      this.client.end();
    }
    const timer = setTimeout(() => this.client.destroy(), 2000);
    await this.finished;
    clearTimeout(timer);
    this.finish();
  }

  private touch(): void {
    if (this.idleTimeoutMs <= 0 || this.closed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.closeReason = new NetconfError('NETCONF_TIMEOUT', `no traffic for ${this.idleTimeoutMs} ms: closing idle session`, {
        host: this.host,
        port: this.port,
        phase: 'idle',
      });
      this.client.end();
      this.finish();
    }, this.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.client.end();
    this.onClose?.(this.closeReason);
  }
}
