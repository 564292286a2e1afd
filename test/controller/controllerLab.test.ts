import type { Controller } from '@milli/controller';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllerLab, reach, startControllerLab } from '../support/controllerLab';

// The controller against metro-small's ROADMs and OXCs (real mock devices over NETCONF on loopback), on its SQLite file.
const DCI = 'connect dc-north to dc-south under 1 ms at 400G';
let env: ControllerLab;
let controller: Controller;

beforeAll(async () => {
  env = await startControllerLab({ everyDevice: true });
  controller = (await env.open()).controller;
});

afterAll(async () => {
  await env?.stop();
});

function transactionCount(): number {
  const db = new Database(env.storeFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the controller on the lab', () => {
  it('takes a DC interconnect to active through the documented transitions, and its release leaves every device as before', async () => {
    const before = await env.runningConfigs();
    const { id, line } = await controller.submit(DCI);
    expect(await reach(controller, id, ['active', 'failed'])).toBe('active');
    const record = await controller.get(id);
    expect(record?.history.map((t) => t.to)).toEqual(['accepted', 'compiling', 'reserved', 'provisioning', 'active']);
    const after = await env.runningConfigs();
    const changed = [...after.keys()].filter((d) => after.get(d) !== before.get(d)).sort();
    // The path's ROADMs hold its media channels (named after the line); the transponders behind the add/drop ports
    // are tuned to its channel.
    const roadms = [...(record?.path?.working.devices ?? [])].sort();
    expect(changed).toEqual(expect.arrayContaining(roadms));
    for (const device of roadms) expect(after.get(device)).toContain(`<name>${line}-w`);
    for (const device of changed.filter((d) => !roadms.includes(d))) expect(device).toMatch(/otn/);

    const release = await controller.release(id);
    expect(await reach(controller, release.id, ['deleted', 'failed'])).toBe('deleted');
    expect(await reach(controller, id, ['deleted', 'failed'])).toBe('deleted');
    expect(await env.runningConfigs()).toEqual(before);
  });

  it('fails an infeasible intent with its typed reason and touches no device', async () => {
    const before = await env.runningConfigs();
    const transactions = transactionCount();
    const { id } = await controller.submit('connect dc-north to dc-south under 20us at 400G');
    expect(await reach(controller, id, ['failed', 'active'])).toBe('failed');
    expect((await controller.get(id))?.error).toMatchObject({ kind: 'no-path', code: 'PCE_LATENCY_BOUND' });
    expect(transactionCount()).toBe(transactions);
    expect(await env.runningConfigs()).toEqual(before);
  });

  it('with every device armed to reject its next commit, fails naming the phase and devices and leaves every running config byte for byte', async () => {
    const before = await env.runningConfigs();
    for (const device of env.lab.devices.values()) device.applyFault({ kind: 'reject-next-commit', message: 'armed by the test' });
    try {
      const { id } = await controller.submit(DCI);
      expect(await reach(controller, id, ['failed', 'active'])).toBe('failed');
      const record = await controller.get(id);
      expect(record?.error).toMatchObject({ kind: 'transaction', code: 'CONTROLLER_TRANSACTION_FAILED', phase: 'commit' });
      const error = record?.error as { devices: string[] };
      expect(error.devices).toEqual(expect.arrayContaining(record?.path?.working.devices ?? []));
      expect(await env.runningConfigs()).toEqual(before);
    } finally {
      for (const device of env.lab.devices.values()) device.applyFault({ kind: 'clear-faults' });
    }
    // The failed intent freed its channel: the next one takes channel 1 again.
    const next = await controller.submit(DCI);
    expect(await reach(controller, next.id, ['active', 'failed'])).toBe('active');
    expect((await controller.get(next.id))?.path?.working.resources[0]).toMatchObject({ kind: 'channel', value: 1 });
  });
});
