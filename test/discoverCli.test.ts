import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoveredNetwork } from '@milli/drivers';
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
  run(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'milli.ts'), ...args], { cwd: ROOT, timeout: 60_000 });

describe('milli discover', () => {
  it('--json prints the whole network and no disagreements when it matches the topology', async () => {
    const { stdout } = await milli('discover', '--inventory', lab.inventoryPath, '--topology', METRO_SMALL, '--json');
    const network = JSON.parse(stdout) as DiscoveredNetwork;
    expect(network.stats.answered).toBe(lab.topology.devices.length);
    expect(network.fibres).toHaveLength(lab.topology.fibres.length);
    expect(network.disagreements).toEqual([]);
    expect(stdout).not.toContain('password');
  });

  it('prints a table and lists a device that does not answer as a disagreement', async () => {
    const name = lab.devices.keys().next().value as string;
    await lab.devices.get(name)!.close();
    const { stdout } = await milli('discover', '--inventory', lab.inventoryPath);
    expect(stdout).toMatch(new RegExp(`^${lab.topology.devices.length - 1}/${lab.topology.devices.length} devices answered`));
    expect(stdout).toContain(`device-unreachable: ${name}`);
  });

  it('a malformed inventory is a clear error naming the file and field, exit code 1', async () => {
    const error = (await milli('discover', '--inventory', join(ROOT, 'package.json')).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('package.json.version');
  });
});
