import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventory, loadTopology } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeviceThreads, labDown, readLabRecord, labUp } from '@milli/lab';
import { alive, connectEntry, helloAll, metroSmall, tempDir } from '../../lab/test/support/labHarness';
import { milliLab } from './labCli';
import { fibreCutReachesSubscriptions } from './labScenarios';

// One lab for the whole file: metro-small with every device on a 127.0.0.1 port of one host process.
const stateDir = tempDir('lab-process');
const inventoryPath = join(stateDir, 'inventory.json');
let topologyPath = '';

beforeAll(async () => {
  topologyPath = await metroSmall();
  await labUp({ topologyPath, stateDir, isolation: 'process' });
});

afterAll(async () => {
  await labDown(stateDir);
});

const entryOf = (device: string) => loadInventory(inventoryPath).devices.find((d) => d.device === device)!;

describe('lab up --isolation process', () => {
  it('writes an inventory of every device on 127.0.0.1, with the secret kept apart in a 0600 file', async () => {
    const topology = await loadTopology(topologyPath);
    const inventory = loadInventory(inventoryPath);
    expect(inventory.devices.map((d) => d.device).sort()).toEqual(topology.devices.map((d) => d.id).sort());
    const ports = new Set(inventory.devices.map((d) => d.port));
    expect(ports.size).toBe(topology.devices.length);
    for (const entry of inventory.devices) {
      expect(entry.address).toBe('127.0.0.1');
      expect(entry.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(entry.namespace).toBeUndefined();
    }
    const credentials = join(stateDir, 'credentials.json');
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const { password } = JSON.parse(readFileSync(credentials, 'utf8')) as { password: string };
    expect(readFileSync(inventoryPath, 'utf8')).not.toContain(password);
  });

  it('every device answers a NETCONF hello with the inventory credentials and pinned host key', async () => {
    const sessions = await helloAll(inventoryPath);
    expect(sessions.size).toBe(loadInventory(inventoryPath).devices.length);
  });

  it('a client pinning another device’s host key is refused', async () => {
    const [a, b] = loadInventory(inventoryPath).devices;
    await expect(connectEntry(inventoryPath, { ...a!, hostKeyFingerprint: b!.hostKeyFingerprint })).rejects.toThrow(/host key/i);
  });

  it('lab status prints every device up, with its address and open sessions', async () => {
    const inventory = loadInventory(inventoryPath);
    const entry = inventory.devices[0]!;
    const client = await connectEntry(inventoryPath, entry);
    try {
      const { out, exitCode } = await milliLab('status', '--state-dir', stateDir);
      expect(exitCode).toBe(0);
      const lines = out.split('\n');
      expect(lines[0]).toMatch(/^device\s+kind\s+address\s+up\s+sessions\s+thread$/);
      expect(lines).toHaveLength(inventory.devices.length + 1);
      // The default host runs every device on one of its device threads (1 and up) on a machine with cores to spare,
      // else on its own thread (0), and says which.
      const thread = defaultDeviceThreads() > 0 ? '[1-9]\\d*' : '0';
      expect(lines.find((l) => l.startsWith(`${entry.device} `))).toMatch(
        new RegExp(`127\\.0\\.0\\.1:${entry.port}\\s+up\\s+1\\s+${thread}$`),
      );
      for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`\\s${thread}$`));
    } finally {
      await client.close();
    }
  });

  it('a fibre cut reaches both ends’ subscriptions as loss-of-signal alarms, and restore clears them', async () => {
    await fibreCutReachesSubscriptions(stateDir, topologyPath);
  });

  it('fault delay slows every reply of that device until it is set back to 0ms', async () => {
    const entry = entryOf(loadInventory(inventoryPath).devices[1]!.device);
    const client = await connectEntry(inventoryPath, entry);
    try {
      const set = await milliLab('fault', 'delay', entry.device, '300ms', '--state-dir', stateDir);
      expect(set.exitCode, set.err).toBe(0);
      let t0 = performance.now();
      expect((await client.getConfig('running')).failed).toBe(false);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
      expect((await milliLab('fault', 'delay', entry.device, '0ms', '--state-dir', stateDir)).exitCode).toBe(0);
      t0 = performance.now();
      await client.getConfig('running');
      // Not a speed claim: only that the 300 ms fault is gone (a loaded machine may still take a while).
      expect(performance.now() - t0).toBeLessThan(290 + 2000);
    } finally {
      await client.close();
    }
  });

  it('fault reject-next-commit fails exactly one commit, with the given message', async () => {
    const topology = await loadTopology(topologyPath);
    const device = topology.devices.find((d) => d.kind === 'roadm' && !(d.model ?? '').includes('running-only'))!;
    const client = await connectEntry(inventoryPath, entryOf(device.id));
    try {
      const fault = await milliLab(
        'fault',
        'reject-next-commit',
        device.id,
        '--message',
        'commit refused by the lab',
        '--state-dir',
        stateDir,
      );
      expect(fault.exitCode, fault.err).toBe(0);
      const rejected = await client.commit();
      expect(rejected.failed).toBe(true);
      expect(rejected.errors[0]?.message).toContain('commit refused by the lab');
      const next = await client.commit();
      expect(next.ok).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('crash makes a device stop answering; restart brings it back on the same port with the same host key', async () => {
    const entry = loadInventory(inventoryPath).devices[2]!;
    const crash = await milliLab('fault', 'crash', entry.device, '--state-dir', stateDir);
    expect(crash.exitCode, crash.err).toBe(0);
    await expect(connectEntry(inventoryPath, entry, 3000)).rejects.toThrow();
    expect((await milliLab('status', '--state-dir', stateDir)).out).toMatch(new RegExp(`^${entry.device}\\s.*DOWN`, 'm'));
    const faultWhileDown = await milliLab('fault', 'delay', entry.device, '10ms', '--state-dir', stateDir);
    expect(faultWhileDown.exitCode).toBe(3);
    expect(faultWhileDown.err).toContain(`device ${entry.device} is down`);

    const restart = await milliLab('fault', 'restart', entry.device, '--state-dir', stateDir);
    expect(restart.exitCode, restart.err).toBe(0);
    const client = await connectEntry(inventoryPath, entry); // the inventory entry written at start: same port, same key
    await client.close();
    expect(readLabRecord(stateDir)?.devices.find((d) => d.device === entry.device)?.port).toBe(entry.port);
  });

  it('a fault naming an unknown fibre or device is an error that names it', async () => {
    const fibre = await milliLab('fault', 'cut-fibre', 'F-no-such', '--state-dir', stateDir);
    expect(fibre.exitCode).toBe(4);
    expect(fibre.err).toContain("no fibre 'F-no-such' in this lab");
    const device = await milliLab('fault', 'crash', 'no-such-device', '--state-dir', stateDir);
    expect(device.exitCode).toBe(4);
    expect(device.err).toContain("no device 'no-such-device' in this lab");
  });

  it('lab up on a state dir whose lab is running refuses and leaves that lab alone', async () => {
    const up = await milliLab('up', topologyPath, '--state-dir', stateDir, '--isolation', 'process');
    expect(up.exitCode).toBe(3);
    expect(up.err).toContain('a lab is already running in');
    expect(alive(readLabRecord(stateDir)!.hostPid!)).toBe(true);
  });

  it('lab down stops the host process and removes its state', async () => {
    const pid = readLabRecord(stateDir)!.hostPid!;
    const down = await milliLab('down', '--state-dir', stateDir);
    expect(down.out).toBe('lab down: stopped and cleaned up');
    expect(alive(pid)).toBe(false);
    expect(readLabRecord(stateDir)).toBeUndefined();
    const status = await milliLab('status', '--state-dir', stateDir);
    expect(status.exitCode).toBe(3);
    expect(status.err).toContain('no lab is running here');
  });
});
