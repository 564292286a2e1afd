import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadInventory, loadTopology } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labNaming, labDown, ip, readLabRecord, labUp } from '@milli/lab';
import {
  alive,
  connectEntry,
  helloAll,
  IS_ROOT,
  labNetworkObjects,
  metroSmall,
  tempDir,
  tinyMetro,
} from '../../lab/test/support/labHarness';
import { milliLab } from './labCli';
import { fibreCutReachesSubscriptions } from './labScenarios';

const run = promisify(execFile);
if (!IS_ROOT) console.log('lab-netns tests skipped: network namespaces need root (run the suite as root to include them)');

// One metro-small lab in namespaces for the whole file, plus a tiny second lab for coexistence and crash recovery.
const stateDir = tempDir('lab-netns');
const otherDir = tempDir('lab-netns-other');
const inventoryPath = join(stateDir, 'inventory.json');
let topologyPath = '';
let tinyPath = '';

beforeAll(async () => {
  if (!IS_ROOT) return;
  topologyPath = await metroSmall();
  tinyPath = await tinyMetro();
  await labUp({ topologyPath, stateDir, isolation: 'netns' });
});

afterAll(async () => {
  if (!IS_ROOT) return;
  await Promise.all([labDown(stateDir), labDown(otherDir)]);
});

describe.skipIf(!IS_ROOT)('lab up --isolation netns', () => {
  it('puts every device in its own namespace with its own address on the lab subnet, port 830', async () => {
    const topology = await loadTopology(topologyPath);
    const inventory = loadInventory(inventoryPath);
    const naming = labNaming(stateDir);
    expect(inventory.devices).toHaveLength(topology.devices.length);
    expect(new Set(inventory.devices.map((d) => d.address)).size).toBe(topology.devices.length);
    const subnet = naming.network.split('.').slice(0, 2).join('.');
    for (const entry of inventory.devices) {
      expect(entry.port).toBe(830);
      expect(entry.address.startsWith(`${subnet}.`)).toBe(true);
      expect(entry.namespace).toBe(`${naming.namespacePrefix}${entry.device}`);
    }
    const { namespaces, links } = await labNetworkObjects(stateDir);
    expect(namespaces.sort()).toEqual(inventory.devices.map((d) => d.namespace).sort());
    expect(links).toContain(naming.bridge);
    expect(links.filter((l) => l !== naming.bridge)).toHaveLength(topology.devices.length);
  });

  it('the listening socket is inside the device’s namespace, not in the root namespace', async () => {
    const entry = loadInventory(inventoryPath).devices[3]!;
    const inside = (await run('ip', ['netns', 'exec', entry.namespace!, 'ss', '-Hltn'])).stdout;
    expect(inside).toContain(`${entry.address}:830`);
    const outside = (await run('ss', ['-Hltn'])).stdout;
    expect(outside).not.toContain(`${entry.address}:830`);
    expect(await ip('-n', entry.namespace!, '-o', 'addr', 'show', 'dev', 'eth0')).toContain(`inet ${entry.address}/22`);
  });

  it('every device answers a NETCONF hello over the lab bridge with the inventory credentials and pinned host key', async () => {
    const sessions = await helloAll(inventoryPath);
    expect(sessions.size).toBe(loadInventory(inventoryPath).devices.length);
  });

  it('python3-ncclient connects to a device inside its namespace and reads its config', async () => {
    const topology = await loadTopology(topologyPath);
    const device = topology.devices.find((d) => d.kind === 'roadm')!;
    const { stdout } = await run('/usr/bin/python3', [
      join(import.meta.dirname, '..', '..', 'lab', 'test', 'support', 'labNcclient.py'),
      inventoryPath,
      join(stateDir, 'credentials.json'),
      device.id,
    ]);
    expect(stdout).toContain('urn:milli:yang:milli-device');
    for (const port of device.ports.slice(0, 3)) expect(stdout).toContain(`<name>${port.id}</name>`);
  });

  it('a fibre cut reaches both ends’ subscriptions as loss-of-signal alarms, and restore clears them', async () => {
    await fibreCutReachesSubscriptions(stateDir, topologyPath);
  });

  it('crash closes the socket inside the namespace; restart opens it again there, with the same host key', async () => {
    const entry = loadInventory(inventoryPath).devices[5]!;
    expect((await milliLab('fault', 'crash', entry.device, '--state-dir', stateDir)).exitCode).toBe(0);
    const listening = async () =>
      (await run('ip', ['netns', 'exec', entry.namespace!, 'ss', '-Hltn'])).stdout.includes(`${entry.address}:830`);
    expect(await listening()).toBe(false);
    await expect(connectEntry(inventoryPath, entry, 3000)).rejects.toThrow();
    expect((await milliLab('fault', 'restart', entry.device, '--state-dir', stateDir)).exitCode).toBe(0);
    expect(await listening()).toBe(true);
    await (await connectEntry(inventoryPath, entry)).close(); // the fingerprint pinned from the inventory written at start
  });

  it('a second lab in another state dir coexists: its own bridge, subnet and namespaces', async () => {
    await labUp({ topologyPath: tinyPath, stateDir: otherDir, isolation: 'netns' });
    const [a, b] = [labNaming(stateDir), labNaming(otherDir)];
    expect(b.bridge).not.toBe(a.bridge);
    expect(b.network).not.toBe(a.network);
    const other = join(otherDir, 'inventory.json');
    expect((await helloAll(other)).size).toBe(loadInventory(other).devices.length);
    expect((await helloAll(inventoryPath, 4)).size).toBe(loadInventory(inventoryPath).devices.length);
  });

  it('up after the host was killed (kill -9) cleans what it left and starts afresh', async () => {
    const pid = readLabRecord(otherDir)!.hostPid!;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    const left = await labNetworkObjects(otherDir);
    expect(left.namespaces.length).toBeGreaterThan(0); // the crash left its namespaces behind
    const status = await milliLab('status', '--state-dir', otherDir);
    expect(status.exitCode).toBe(3);

    await labUp({ topologyPath: tinyPath, stateDir: otherDir, isolation: 'netns' });
    const devices = loadInventory(join(otherDir, 'inventory.json')).devices;
    expect((await labNetworkObjects(otherDir)).namespaces).toHaveLength(devices.length);
    expect((await helloAll(join(otherDir, 'inventory.json'))).size).toBe(devices.length);
  });

  it('lab down leaves no namespace, veth or bridge of either lab behind', async () => {
    const pids = [readLabRecord(stateDir)!.hostPid!, readLabRecord(otherDir)!.hostPid!];
    for (const dir of [otherDir, stateDir]) {
      const down = await milliLab('down', '--state-dir', dir);
      expect(down.out).toBe('lab down: stopped and cleaned up');
      expect(await labNetworkObjects(dir)).toEqual({ namespaces: [], links: [] });
    }
    expect(pids.map(alive)).toEqual([false, false]);
  });
});
