import {
  type ConnectionPool,
  DeviceDrivers,
  YangDeviceSchema,
  defaultDriverRegistry,
  entryConnectOptions,
  poolFromInventory,
} from '@milli/drivers';
import { type DeviceChange, type JournalEntry, runNetworkTransaction } from '@milli/controller';
import { NetconfClient } from '@milli/netconf-client';
import { resolveCredentials } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriverLab, smallTopology, startDriverLab } from './support/driverLab';

// A network-wide transaction over three ROADMs of metro-small (in-process mock devices on 127.0.0.1).
const ROADMS = ['AGG-1-roadm', 'AGG-2-roadm', 'AGG-3-roadm'];
let lab: DriverLab;
let pool: ConnectionPool;
let drivers: DeviceDrivers;
const schema = YangDeviceSchema.forModules();
let tx = 0;

beforeAll(async () => {
  const { topology } = await smallTopology();
  lab = await startDriverLab(topology, { only: (id) => ROADMS.includes(id) });
  pool = poolFromInventory(lab.inventory, lab.inventoryPath, { keepaliveMs: 0 });
  drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
});

afterAll(async () => {
  await drivers?.close();
  await lab?.stop();
  schema.dispose();
});

/** One media channel per ROADM, channel `channel`, add/drop port 1 to degree 1. */
async function mediaChannelChanges(name: string, channel: number): Promise<DeviceChange[]> {
  return Promise.all(
    ROADMS.map(async (device) => {
      const driver = await drivers.driver(device);
      const changeSet = await driver.beginChangeSet();
      driver.roadm!.connectMediaChannel(changeSet, { name, channel, from: 'ad-1', to: 'deg-1', targetPowerDbm: -2 });
      return { device, changeSet, applier: driver.applier() };
    }),
  );
}

async function channelsOn(device: string): Promise<string[]> {
  return (await (await drivers.driver(device)).roadm!.listMediaChannels()).map((m) => m.name);
}

describe('runNetworkTransaction', () => {
  it('commits on every device, in the documented phases', async () => {
    const journal: JournalEntry[] = [];
    const id = `tx-${++tx}`;
    const outcome = await runNetworkTransaction(await mediaChannelChanges('mc-ok', 10), {
      id,
      confirmTimeoutS: 60,
      journal: (e) => journal.push(e),
    });
    expect(outcome).toEqual({ ok: true, id, devices: ROADMS });
    for (const device of ROADMS) expect(await channelsOn(device)).toContain('mc-ok');
    expect(journal.map((e) => (e.type === 'phase' ? `${e.phase}:${e.state}` : e.type))).toEqual([
      'prepare:started',
      'prepare:done',
      'commit:started',
      'commit:done',
      'confirm:started',
      'confirm:done',
    ]);
  });

  it('rolls every device back when one rejects its commit', async () => {
    lab.devices.get('AGG-2-roadm')!.applyFault({ kind: 'reject-next-commit', message: 'line card busy' });
    const outcome = await runNetworkTransaction(await mediaChannelChanges('mc-rejected', 11), { id: `tx-${++tx}`, confirmTimeoutS: 60 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failedAt).toBe('commit');
    expect(outcome.failures.map((f) => f.device)).toEqual(['AGG-2-roadm']);
    expect(outcome.failures[0]?.error.message).toContain('line card busy');
    expect(outcome.rolledBack).toEqual(ROADMS);
    expect(outcome.rollbackFailures).toEqual([]);
    for (const device of ROADMS) expect(await channelsOn(device)).not.toContain('mc-rejected');
  });

  it('rolls back committed devices when verification fails, and leaves every candidate unlocked', async () => {
    const liveDuringVerify: string[] = [];
    const outcome = await runNetworkTransaction(await mediaChannelChanges('mc-unverified', 12), {
      id: `tx-${++tx}`,
      confirmTimeoutS: 60,
      verify: async () => {
        // Between commit and confirm the change is live on every device: that is what verification looks at.
        // Recorded here and asserted below: an expect() failing in here would only look like a verify failure.
        for (const device of ROADMS) if ((await channelsOn(device)).includes('mc-unverified')) liveDuringVerify.push(device);
        throw new Error('oper-status stayed down');
      },
    });
    expect(liveDuringVerify).toEqual(ROADMS);
    expect(outcome).toMatchObject({ ok: false, failedAt: 'verify', rolledBack: ROADMS });
    for (const device of ROADMS) {
      expect(await channelsOn(device)).not.toContain('mc-unverified');
      const pooled = await pool.acquire(device);
      expect((await pooled.netconf.lock('candidate')).ok).toBe(true);
      expect((await pooled.netconf.unlock('candidate')).ok).toBe(true);
    }
  });

  it('rolls back the prepared devices when another session holds one candidate lock', async () => {
    const entry = lab.inventory.devices.find((d) => d.device === 'AGG-3-roadm')!;
    const other = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, lab.inventoryPath)));
    try {
      expect((await other.lock('candidate')).ok).toBe(true);
      const outcome = await runNetworkTransaction(await mediaChannelChanges('mc-locked-out', 13), {
        id: `tx-${++tx}`,
        confirmTimeoutS: 60,
      });
      expect(outcome).toMatchObject({ ok: false, failedAt: 'prepare' });
      if (outcome.ok) return;
      expect(outcome.failures.map((f) => f.device)).toEqual(['AGG-3-roadm']);
      for (const device of ROADMS) expect(await channelsOn(device)).not.toContain('mc-locked-out');
    } finally {
      await other.close();
    }
  });
});
