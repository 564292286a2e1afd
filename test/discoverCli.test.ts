import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoveredNetwork } from '@milli/drivers';
import type { Inventory } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriverLab, METRO_SMALL, smallTopology, startDriverLab } from './support/driverLab';

// `milli discover` as a user runs it, against metro-small's devices (in this process, so the CLI must be spawned
// asynchronously: a blocking spawn would stop these devices from answering).
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
let lab: DriverLab;

beforeAll(async () => {
  lab = await startDriverLab((await smallTopology()).topology);
});
afterAll(async () => {
  await lab?.stop();
});

const milli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(ROOT, 'packages', 'cli', 'bin', 'milli.ts'), ...args], { cwd: ROOT, timeout: 60_000 });

describe('milli discover', () => {
  it('--json prints the network and every disagreement; a device that does not answer is one of them', async () => {
    const silent = lab.inventory.devices[0]!.device;
    await lab.devices.get(silent)!.close();
    const { stdout } = await milli('discover', '--inventory', lab.inventoryPath, '--topology', METRO_SMALL, '--json');
    const network = JSON.parse(stdout) as DiscoveredNetwork;
    expect(network.stats.answered).toBe(lab.topology.devices.length - 1);
    // The silent device's fibres are still known from their other ends.
    expect(network.fibres).toHaveLength(lab.topology.fibres.length);
    expect(network.disagreements.map((d) => `${d.kind}:${'device' in d ? d.device : ''}`)).toEqual([`device-unreachable:${silent}`]);
    expect(stdout).not.toContain('password');
  });

  it('prints a table of devices, fibres and disagreements', async () => {
    const few: Inventory = { version: 1, devices: lab.inventory.devices.slice(1, 4) };
    const path = join(lab.dir, 'few.json');
    writeFileSync(path, JSON.stringify(few));
    const { stdout } = await milli('discover', '--inventory', path);
    expect(stdout).toMatch(/^3\/3 devices answered, \d+ fibres, \d+ disagreement\(s\)/);
    for (const entry of few.devices) expect(stdout).toContain(entry.device);
    // Fibres towards devices outside this inventory are kept (seen from one end) and are no disagreement.
    expect(stdout).toMatch(/\nF-\d+ +\S+\/\S+ +\S+\/\S+ +\d+\.\d{3} {2}a\n/);
    expect(stdout).toContain('no disagreements');
  });

  it('fails with exit code 7 (unavailable) when no device of the inventory answers, after printing what it saw', async () => {
    // Port 9 on loopback: nothing listens there, so every connection is refused at once.
    const nowhere: Inventory = { version: 1, devices: lab.inventory.devices.slice(0, 2).map((d) => ({ ...d, port: 9 })) };
    const path = join(lab.dir, 'nowhere.json');
    writeFileSync(path, JSON.stringify(nowhere));
    const error = (await milli('discover', '--inventory', path).catch((e: unknown) => e)) as {
      code: number;
      stdout: string;
      stderr: string;
    };
    expect(error.code).toBe(7);
    expect(error.stdout).toMatch(/^0\/2 devices answered/);
    expect(error.stderr).toContain(`error [DRIVER_UNREACHABLE]: none of the 2 devices of ${path} answered; `);
    expect(error.stderr).toContain('127.0.0.1:9 did not answer');
  });

  it('a malformed inventory is a clear error naming the file and field, exit code 3 (invalid input)', async () => {
    const error = (await milli('discover', '--inventory', join(ROOT, 'package.json')).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(3);
    expect(error.stderr).toMatch(/^error \[TOPOLOGY_INVALID\]: .*package\.json has 2 problem/);
    expect(error.stderr).toContain('package.json.version');
  });
});
