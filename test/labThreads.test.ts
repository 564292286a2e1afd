import { join } from 'node:path';
import { type DeviceStatus, LabHost } from '@milli/lab';
import type { NetconfClient } from '@milli/netconf-client';
import { connectEntry } from '@milli/test-support';
import type { Inventory, Topology } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRO_SMALL, type SmallLabHost, YANG_DIR, startSmallLabHost } from './support/driverLab';

// metro-small's lab host in this process (loopback ports) on two device threads, with one SSH session for the
// whole lab: the host places the data-centre switches on different threads, reports each device's thread, and
// what crosses threads (the lab's session budget, faults, crash and restart) behaves as on one thread.
let dir: string;
let host: LabHost;
let topology: Topology;
let inventory: Inventory;

let lab: SmallLabHost;

beforeAll(async () => {
  lab = await startSmallLabHost('milli-lab-threads-', { deviceThreads: 2, maxLabSessions: 1 });
  ({ host, dir, topology, inventory } = lab);
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

const inventoryPath = () => join(dir, 'inventory.json');
const entryOf = (device: string) => inventory.devices.find((d) => d.device === device)!;
/** A device on `thread`; `committing`: a ROADM with a candidate datastore (not a running-only model). */
function onThread(status: DeviceStatus[], thread: number, committing = false): string {
  const candidate = (id: string) => {
    const device = topology.devices.find((d) => d.id === id)!;
    return device.kind === 'roadm' && !(device.model ?? '').includes('running-only');
  };
  return status.find((d) => d.thread === thread && (!committing || candidate(d.device)))!.device;
}

/** Connects once the lab's one session is free again (a closed session is given back on its device's thread). */
async function connectWhenFree(device: string): Promise<NetconfClient> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectEntry(inventoryPath(), entryOf(device), 3000);
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('a lab host on two device threads', () => {
  it('places the data-centre switches on different threads and reports every device with its thread', async () => {
    const status = await host.status();
    expect(status.map((d) => d.device).sort()).toEqual(topology.devices.map((d) => d.id).sort());
    expect(new Set(status.map((d) => d.thread))).toEqual(new Set([1, 2]));
    const dcSites = new Set(topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id));
    const dcSwitches = topology.devices.filter((d) => dcSites.has(d.site) && (d.kind === 'otn' || d.kind === 'osu'));
    expect(dcSwitches.length).toBeGreaterThanOrEqual(2);
    const threadOf = new Map(status.map((d) => [d.device, d.thread]));
    expect(new Set(dcSwitches.map((d) => threadOf.get(d.id)))).toEqual(new Set([1, 2]));
    for (const d of status) expect(d.up, d.device).toBe(true);
  });

  it('shares the lab session budget across threads: a session on thread 1 holds back one on thread 2 until it ends', async () => {
    const status = await host.status();
    const [a, b] = [onThread(status, 1), onThread(status, 2)];
    const first = await connectWhenFree(a);
    try {
      await expect(connectEntry(inventoryPath(), entryOf(b), 3000)).rejects.toThrow();
      expect((await host.status()).find((d) => d.device === a)?.sessions).toBe(1);
    } finally {
      await first.close();
    }
    const second = await connectWhenFree(b);
    expect((await host.status()).find((d) => d.device === b)?.sessions).toBe(1);
    await second.close();
  });

  it('reaches a device on either thread with faults; a crashed device restarts on its thread, same port and key', async () => {
    const status = await host.status();
    for (const thread of [1, 2]) {
      const device = onThread(status, thread, true);
      const client = await connectWhenFree(device);
      try {
        const reply = await host.handle({ op: 'fault', fault: 'reject-next-commit', target: device, message: `refused on ${thread}` });
        expect(reply).toEqual({ ok: true, affected: [device] });
        const rejected = await client.commit();
        expect(rejected.errors[0]?.message).toContain(`refused on ${thread}`);
        expect((await client.commit()).ok).toBe(true);
      } finally {
        await client.close();
      }
      await host.handle({ op: 'fault', fault: 'crash', target: device });
      const down = (await host.status()).find((d) => d.device === device)!;
      expect(down).toMatchObject({ up: false, thread });
      await expect(connectEntry(inventoryPath(), entryOf(device), 2000)).rejects.toThrow();
      expect(await host.handle({ op: 'fault', fault: 'restart', target: device })).toEqual({ ok: true, affected: [device] });
      expect((await host.status()).find((d) => d.device === device)).toMatchObject({ up: true, thread, port: entryOf(device).port });
      const back = await connectWhenFree(device); // pins the inventory's host key
      await back.close();
    }
  }, 60_000);
});

describe('a lab host with no device threads', () => {
  it('runs every device on its own thread (thread 0), as the one-thread host did', async () => {
    const inline = await startSmallLabHost('milli-lab-one-thread-', { deviceThreads: 0 });
    try {
      expect(new Set((await inline.host.status()).map((d) => d.thread))).toEqual(new Set([0]));
      const entry = inline.inventory.devices[0]!;
      const client = await connectEntry(inline.inventoryPath, entry);
      expect((await inline.host.status()).find((d) => d.device === entry.device)?.sessions).toBe(1);
      await client.close();
    } finally {
      await inline.stop();
    }
  }, 60_000);

  it('refuses a thread count that is not a whole number from 0 to 64, before any device starts', () => {
    const options = { topology, topologyPath: METRO_SMALL, stateDir: dir, isolation: 'process' as const, yangDir: YANG_DIR };
    expect(() => new LabHost({ ...options, limits: { deviceThreads: 1.5 } })).toThrow(/deviceThreads must be a whole number/);
    expect(() => new LabHost({ ...options, limits: { deviceThreads: -1 } })).toThrow(/deviceThreads/);
  });
});
