import { isMilliError, type Logger, silentLogger } from '@milli/core';
import type { InventoryEntry } from '@milli/topology';
import { DriverError } from '../contract/DriverError';
import type { NetconfOps, RpcResult } from '../contract/netconf';
import type { DeviceHello } from '../contract/session';
import type { NetconfNotification } from '@milli/netconf-client';
import { type Observable, Subject, merge, share, takeUntil } from 'rxjs';
import type { DeviceEvent } from '../watch/DeviceEvent';
import { watchDevice } from '../watch/watchDevice';
import { Semaphore } from './Semaphore';

/** What the pool needs of a session: NetconfDeviceSession, or a fake in tests. */
export interface PoolSession {
  readonly device: string;
  readonly closed: boolean;
  /** RPCs the session itself sent while connecting, counted into the pool's stats. */
  readonly connectRpcs?: number;
  connect(): Promise<DeviceHello>;
  ops(): NetconfOps;
  /** RFC 5277 create-subscription (sessions that can watch a device). */
  subscribe?(): Promise<Observable<NetconfNotification>>;
  close(): Promise<void>;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Connect attempts before giving up (the first one included). */
  attempts: number;
}

export interface ConnectionPoolOptions {
  open: (entry: InventoryEntry) => PoolSession;
  /** RPCs in flight to one device at a time (default 4). */
  maxOutstandingPerDevice?: number;
  /** RPCs and connects in flight across all devices (default 64). */
  maxConcurrency?: number;
  /** Probe an idle session this often, reconnecting when it fails; 0 turns it off (default 30 s). */
  keepaliveMs?: number;
  backoff?: Partial<BackoffOptions>;
  logger?: Logger;
  /** Told of every RPC the pool's sessions answer (or fail): how metrics see NETCONF latency, without a dependency here. */
  onRpc?: (sample: RpcSample) => void;
}

/** One RPC as the pool saw it: from leaving (past the pool's limits) to its reply. */
export interface RpcSample {
  device: string;
  /** The inventory's device kind (roadm, otn, osu, …). */
  kind: string;
  /** The RFC 6241 operation name: get, get-config, edit-config, lock, unlock, validate, commit, cancel-commit, discard-changes. */
  operation: string;
  seconds: number;
  /** The device answered without rpc-error (false also when the session failed). */
  ok: boolean;
}

/** A connected device as the pool hands it out: its hello and RFC operations that respect the pool's limits. */
export interface PooledDevice {
  readonly device: string;
  readonly entry: InventoryEntry;
  readonly hello: DeviceHello;
  readonly netconf: NetconfOps;
}

export interface PoolStats {
  rpcs: number;
  connects: number;
  failedConnects: number;
  keepalives: number;
}

interface Slot {
  entry: InventoryEntry;
  limit: Semaphore;
  session?: PoolSession;
  pooled?: PooledDevice;
  connecting?: Promise<PooledDevice>;
  lastUsed: number;
  keepalive?: NodeJS.Timeout;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5000, factor: 2, attempts: 3 };
const KEEPALIVE_FILTER = '<device xmlns="urn:milli:yang:milli-device"><identity><id/></identity></device>';

/**
 * One session per device, opened on first use. Connects retry with exponential backoff (retryable failures only:
 * a wrong host key or refused credentials fail at once); every RPC passes a per-device limit and a pool-wide
 * one; an idle session is probed and, if dead, reopened in the background.
 */
export class ConnectionPool {
  private readonly slots = new Map<string, Slot>();
  private readonly global: Semaphore;
  private readonly backoff: BackoffOptions;
  private readonly counters: PoolStats = { rpcs: 0, connects: 0, failedConnects: 0, keepalives: 0 };
  private readonly log: Logger;
  private closed = false;
  private readonly watches = new Map<string, Observable<DeviceEvent>>();
  private readonly closing = new Subject<void>();

  constructor(
    entries: readonly InventoryEntry[],
    private readonly options: ConnectionPoolOptions,
  ) {
    this.global = new Semaphore(options.maxConcurrency ?? 64);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.log = options.logger ?? silentLogger();
    for (const entry of entries) {
      this.slots.set(entry.device, { entry, limit: new Semaphore(options.maxOutstandingPerDevice ?? 4), lastUsed: 0 });
    }
  }

  get devices(): string[] {
    return [...this.slots.keys()];
  }

  stats(): PoolStats {
    return { ...this.counters };
  }

  /** The device's pooled session, connecting (with backoff) when there is none or it died. */
  acquire(device: string): Promise<PooledDevice> {
    const slot = this.slots.get(device);
    if (!slot) return Promise.reject(new DriverError('DRIVER_NOT_FOUND', `device ${device} is not in the inventory`, { device }));
    if (this.closed) return Promise.reject(new DriverError('DRIVER_UNREACHABLE', `pool is closed (device ${device})`, { device }));
    if (slot.pooled && slot.session && !slot.session.closed) return Promise.resolve(slot.pooled);
    if (!slot.connecting) {
      slot.connecting = this.connect(slot).finally(() => {
        slot.connecting = undefined;
      });
    }
    return slot.connecting;
  }

  /**
   * The device's events (see DeviceEvent): one subscription per device however many listen, on a session of its own
   * that is re-established after every drop, with the standing alarms read on every (re)connect. Ends with the pool.
   */
  watch(device: string): Observable<DeviceEvent> {
    const slot = this.slots.get(device);
    if (!slot) throw new DriverError('DRIVER_NOT_FOUND', `device ${device} is not in the inventory`, { device });
    let watch = this.watches.get(device);
    if (!watch) {
      const backoff = { initialMs: this.backoff.initialMs, maxMs: this.backoff.maxMs };
      watch = watchDevice(slot.entry, { open: this.options.open, ...backoff, logger: this.log }).pipe(takeUntil(this.closing), share());
      this.watches.set(device, watch);
    }
    return watch;
  }

  /** Every device's events, merged (the assurance loop's one input). */
  watchAll(): Observable<DeviceEvent> {
    return merge(...this.devices.map((d) => this.watch(d)));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.next();
    await Promise.all(
      [...this.slots.values()].map(async (slot) => {
        if (slot.keepalive) clearInterval(slot.keepalive);
        await slot.connecting?.catch(() => undefined);
        const session = slot.session;
        slot.session = undefined;
        slot.pooled = undefined;
        await session?.close().catch(() => undefined);
      }),
    );
  }

  private async connect(slot: Slot): Promise<PooledDevice> {
    const { entry } = slot;
    await slot.session?.close().catch(() => undefined);
    let delay = this.backoff.initialMs;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.backoff.attempts; attempt++) {
      const session = this.options.open(entry);
      let hello: DeviceHello;
      try {
        hello = await this.global.run(() => session.connect());
      } catch (error) {
        this.counters.failedConnects++;
        lastError = error;
        await session.close().catch(() => undefined);
        // Only failures the error type calls transient are retried (architecture rule 7); a bug is not.
        const retryable = isMilliError(error) && error.retryable;
        this.log.debug({ device: entry.device, attempt, error: (error as Error).message }, 'connect failed');
        if (!retryable || this.closed) throw error;
        if (attempt < this.backoff.attempts) {
          await sleep(delay * (0.5 + Math.random() / 2));
          delay = Math.min(delay * this.backoff.factor, this.backoff.maxMs);
        }
        continue;
      }
      this.counters.connects++;
      this.counters.rpcs += session.connectRpcs ?? 0;
      slot.session = session;
      slot.lastUsed = Date.now();
      slot.pooled = { device: entry.device, entry, hello, netconf: this.limited(slot, session) };
      this.startKeepalive(slot);
      return slot.pooled;
    }
    throw new DriverError(
      'DRIVER_UNREACHABLE',
      `${entry.device} at ${entry.address}:${entry.port} did not answer after ${this.backoff.attempts} attempt(s): ${(lastError as Error)?.message}`,
      { device: entry.device, address: entry.address, port: entry.port, attempts: this.backoff.attempts },
      { cause: lastError },
    );
  }

  /** The session's operations behind the per-device and pool-wide limits, counted. */
  private limited(slot: Slot, session: PoolSession): NetconfOps {
    const ops = session.ops();
    const observe = this.options.onRpc;
    const wrap =
      <A extends unknown[]>(operation: string, fn: (...args: A) => Promise<RpcResult>) =>
      (...args: A): Promise<RpcResult> =>
        slot.limit.run(() =>
          this.global.run(async () => {
            this.counters.rpcs++;
            slot.lastUsed = Date.now();
            if (!observe) return fn(...args);
            const started = performance.now();
            const sample = (ok: boolean) => {
              // An observer's failure must never fail the RPC it observed.
              try {
                observe({ device: slot.entry.device, kind: slot.entry.kind, operation, seconds: (performance.now() - started) / 1000, ok });
              } catch {}
            };
            try {
              const result = await fn(...args);
              sample(result.ok);
              return result;
            } catch (error) {
              sample(false);
              throw error;
            }
          }),
        );
    return {
      get: wrap('get', ops.get.bind(ops)),
      getConfig: wrap('get-config', ops.getConfig.bind(ops)),
      editConfig: wrap('edit-config', ops.editConfig.bind(ops)),
      lock: wrap('lock', ops.lock.bind(ops)),
      unlock: wrap('unlock', ops.unlock.bind(ops)),
      validate: wrap('validate', ops.validate.bind(ops)),
      commit: wrap('commit', ops.commit.bind(ops)),
      cancelCommit: wrap('cancel-commit', ops.cancelCommit.bind(ops)),
      discardChanges: wrap('discard-changes', ops.discardChanges.bind(ops)),
    };
  }

  private startKeepalive(slot: Slot): void {
    const every = this.options.keepaliveMs ?? 30_000;
    if (slot.keepalive) clearInterval(slot.keepalive);
    if (every <= 0) return;
    slot.keepalive = setInterval(() => void this.probe(slot, every), every);
    slot.keepalive.unref();
  }

  private async probe(slot: Slot, every: number): Promise<void> {
    if (this.closed || slot.connecting || Date.now() - slot.lastUsed < every) return;
    const pooled = slot.pooled;
    let alive = false;
    if (pooled && slot.session && !slot.session.closed) {
      this.counters.keepalives++;
      alive = await pooled.netconf.get(KEEPALIVE_FILTER).then(
        () => true,
        () => false,
      );
    }
    if (alive || this.closed) return;
    this.log.info({ device: slot.entry.device }, 'session lost; reconnecting');
    slot.pooled = undefined;
    this.acquire(slot.entry.device).catch((error: Error) =>
      this.log.warn({ device: slot.entry.device, error: error.message }, 'reconnect failed; next use retries'),
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
