import { isMilliError } from '@milli/core';
import { ConnectionPool, type DeviceHello, type NetconfOps, type PoolSession } from '@milli/drivers';
import { NetconfError } from '@milli/netconf-client';
import type { InventoryEntry } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { FakeNetconf } from '../fakeNetconf';

const entry = (device: string): InventoryEntry => ({
  device,
  kind: 'roadm',
  address: '127.0.0.1',
  port: 1,
  username: 'u',
  credentialsRef: 'env:X',
  hostKeyFingerprint: 'SHA256:x',
});

/** The fake's methods as a plain object (spreading a class instance drops its prototype methods). */
function opsOf(fake: FakeNetconf): NetconfOps {
  const names = ['get', 'getConfig', 'editConfig', 'lock', 'unlock', 'validate', 'commit', 'cancelCommit', 'discardChanges'] as const;
  return Object.fromEntries(names.map((m) => [m, (fake[m] as (...a: unknown[]) => unknown).bind(fake)])) as unknown as NetconfOps;
}

/** A session whose connect fails `failures` times first, and whose get resolves only when released. */
class FakeSession implements PoolSession {
  closed = true;
  netconf = new FakeNetconf();
  constructor(
    readonly device: string,
    private readonly behaviour: { failWith?: () => Error; gate?: Promise<void>; counter: { inFlight: number; max: number } },
  ) {}
  async connect(): Promise<DeviceHello> {
    const failure = this.behaviour.failWith?.();
    if (failure) throw failure;
    this.closed = false;
    return { capabilities: [], modules: [] };
  }
  ops(): NetconfOps {
    const counter = this.behaviour.counter;
    const gate = this.behaviour.gate;
    return {
      ...opsOf(this.netconf),
      get: async () => {
        counter.inFlight++;
        counter.max = Math.max(counter.max, counter.inFlight);
        await gate;
        counter.inFlight--;
        return { rpc: 'get', messageId: '1', ok: true, errors: [], data: '' };
      },
    } as NetconfOps;
  }
  async close() {
    this.closed = true;
  }
}

describe('ConnectionPool', () => {
  it('tells its observer of every RPC: device, kind, operation by its RFC name, time and whether it was answered without error', async () => {
    const counter = { inFlight: 0, max: 0 };
    const seen: { device: string; kind: string; operation: string; ok: boolean; seconds: number }[] = [];
    const pool = new ConnectionPool([entry('a')], {
      keepaliveMs: 0,
      open: (e) => new FakeSession(e.device, { counter }),
      onRpc: (sample) => {
        seen.push(sample);
        throw new Error('an observer that fails');
      },
    });
    const { netconf } = await pool.acquire('a');
    await netconf.get();
    await netconf.editConfig('candidate', '<x/>');
    await netconf.commit({ confirmed: true, confirmTimeoutS: 60, persist: 'T-1' });
    expect(seen.map((s) => `${s.device} ${s.kind} ${s.operation} ${s.ok}`)).toEqual([
      'a roadm get true',
      'a roadm edit-config true',
      'a roadm commit true',
    ]);
    expect(seen.every((s) => s.seconds >= 0)).toBe(true);
    await pool.close();
  });

  it('keeps one session per device and reuses it', async () => {
    let opened = 0;
    const counter = { inFlight: 0, max: 0 };
    const pool = new ConnectionPool([entry('a')], {
      keepaliveMs: 0,
      open: (e) => {
        opened++;
        return new FakeSession(e.device, { counter });
      },
    });
    const [x, y] = await Promise.all([pool.acquire('a'), pool.acquire('a')]);
    expect(x).toBe(y);
    expect(opened).toBe(1);
    await pool.close();
  });

  it('retries a retryable connect failure with backoff, then succeeds', async () => {
    let attempts = 0;
    const counter = { inFlight: 0, max: 0 };
    const failWith = () => (++attempts < 3 ? new NetconfError('NETCONF_CONNECT', 'refused') : undefined) as Error;
    const pool = new ConnectionPool([entry('a')], {
      keepaliveMs: 0,
      backoff: { initialMs: 5, attempts: 4 },
      open: (e) => new FakeSession(e.device, { failWith, counter }),
    });
    await pool.acquire('a');
    expect(attempts).toBe(3);
    expect(pool.stats()).toMatchObject({ connects: 1, failedConnects: 2 });
    await pool.close();
  });

  it('gives up after the last attempt with DRIVER_UNREACHABLE, and fails at once on a host-key mismatch', async () => {
    const counter = { inFlight: 0, max: 0 };
    let attempts = 0;
    const refuse = () => {
      attempts++;
      return new NetconfError('NETCONF_CONNECT', 'refused');
    };
    const pool = new ConnectionPool([entry('a'), entry('b')], {
      keepaliveMs: 0,
      backoff: { initialMs: 1, attempts: 3 },
      open: (e) =>
        new FakeSession(e.device, {
          failWith: e.device === 'a' ? refuse : () => new NetconfError('NETCONF_HOST_KEY', 'mismatch'),
          counter,
        }),
    });
    const a = await pool.acquire('a').catch((error: unknown) => error);
    expect(isMilliError(a, 'DRIVER_UNREACHABLE')).toBe(true);
    expect(attempts).toBe(3);
    const b = await pool.acquire('b').catch((error: unknown) => error);
    expect(isMilliError(b, 'NETCONF_HOST_KEY')).toBe(true);
    expect(pool.stats().failedConnects).toBe(4);
    expect(isMilliError(await pool.acquire('zz').catch((error: unknown) => error), 'DRIVER_NOT_FOUND')).toBe(true);
    await pool.close();
  });

  it('bounds outstanding RPCs per device and across devices', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const counters = new Map<string, { inFlight: number; max: number }>();
    const all = { inFlight: 0, max: 0 };
    const pool = new ConnectionPool(['a', 'b', 'c'].map(entry), {
      keepaliveMs: 0,
      maxOutstandingPerDevice: 2,
      maxConcurrency: 3,
      open: (e) => {
        const counter = counters.get(e.device) ?? { inFlight: 0, max: 0 };
        counters.set(e.device, counter);
        const s = new FakeSession(e.device, { gate, counter });
        const ops = s.ops.bind(s);
        s.ops = () => {
          const o = ops();
          const get = o.get;
          return {
            ...o,
            get: async (f?: string) => {
              all.inFlight++;
              all.max = Math.max(all.max, all.inFlight);
              try {
                return await get(f);
              } finally {
                all.inFlight--;
              }
            },
          };
        };
        return s;
      },
    });
    const devices = await Promise.all(['a', 'b', 'c'].map((d) => pool.acquire(d)));
    const calls = devices.flatMap((d) => Array.from({ length: 5 }, () => d.netconf.get()));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all(calls);
    expect(Math.max(...[...counters.values()].map((c) => c.max))).toBeLessThanOrEqual(2);
    expect(all.max).toBe(3);
    expect(pool.stats().rpcs).toBe(15);
    await pool.close();
  });

  it('reconnects on the next acquire when the session died', async () => {
    let opened = 0;
    const counter = { inFlight: 0, max: 0 };
    const sessions: FakeSession[] = [];
    const pool = new ConnectionPool([entry('a')], {
      keepaliveMs: 0,
      open: (e) => {
        opened++;
        const s = new FakeSession(e.device, { counter });
        sessions.push(s);
        return s;
      },
    });
    await pool.acquire('a');
    sessions[0]!.closed = true;
    await pool.acquire('a');
    expect(opened).toBe(2);
    await pool.close();
    expect(isMilliError(await pool.acquire('a').catch((error: unknown) => error), 'DRIVER_UNREACHABLE')).toBe(true);
  });

  it('probes an idle session and reopens it when the probe fails', async () => {
    let opened = 0;
    const counter = { inFlight: 0, max: 0 };
    const pool = new ConnectionPool([entry('a')], {
      keepaliveMs: 20,
      open: (e) => {
        opened++;
        const s = new FakeSession(e.device, { counter });
        // The first session dies silently: its probe fails.
        if (opened === 1)
          s.ops = () =>
            ({ ...opsOf(new FakeNetconf()), get: () => Promise.reject(new NetconfError('NETCONF_CLOSED', 'gone')) }) as NetconfOps;
        return s;
      },
    });
    await pool.acquire('a');
    await new Promise((r) => setTimeout(r, 120));
    expect(opened).toBe(2);
    expect(pool.stats().keepalives).toBeGreaterThanOrEqual(1);
    await pool.close();
  });
});
