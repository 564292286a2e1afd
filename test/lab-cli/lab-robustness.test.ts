import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadInventory } from '@milli/topology';
import { labNaming, labDown, ip, readLabRecord, labRunning } from '@milli/lab';
import { alive, IS_ROOT, labNetworkObjects, metroMedium, runDir, tempDir, tinyMetro } from '../../lab/test/support/labHarness';
import { milliLab, milliProcess } from './labCli';

// Every way `lab up` can be asked something impossible: one clear message, nothing started, nothing left.
if (!IS_ROOT) console.log('lab-robustness: the missing-ip and namespace cases skipped: network namespaces need root');
const dirs: string[] = [];
const stateDir = (name: string) => {
  const dir = join(tempDir(`lab-robust-${name}`), 'state');
  dirs.push(dir);
  return dir;
};
let tinyPath = '';
let busy: Server | undefined;

beforeAll(async () => {
  tinyPath = await tinyMetro();
});

afterAll(async () => {
  busy?.close();
  await Promise.all(dirs.map((dir) => labDown(dir)));
});

/** Listen on a port whose predecessor is free a moment ago, so the lab's first device (base port) can start and the second is refused. */
async function busyPortAfterFreeOne(): Promise<{ server: Server; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const server = await listenOn(0);
    const port = (server.address() as { port: number }).port;
    // Another process on the machine may hold the port before it: then the lab would name that one instead.
    const before = await listenOn(port - 1).catch(() => undefined);
    if (before) {
      await new Promise((resolve) => before.close(resolve));
      return { server, port };
    }
    server.close();
    if (attempt === 20) throw new Error(`no free port below a busy one in ${attempt} tries`);
  }
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('lab up refuses what it cannot do, clearly and without side effects', () => {
  it('a broken topology file gives the loader’s located problems and starts nothing', async () => {
    const doc = parse(readFileSync(tinyPath, 'utf8')) as { fibres: { b: { port: string } }[]; devices: { site: string }[] };
    doc.fibres[0]!.b.port = 'deg-99';
    doc.devices[1]!.site = 'nowhere';
    const bad = join(tempDir('bad-topo'), 'broken.yaml');
    writeFileSync(bad, stringify(doc));
    const dir = stateDir('bad');
    const up = await milliLab('up', bad, '--state-dir', dir, '--isolation', 'process');
    expect(up.exitCode).toBe(3);
    expect(up.err).toContain('[TOPOLOGY_INVALID]');
    expect(up.err).toMatch(/fibres\[0\]\.b\.port: .*deg-99/);
    expect(up.err).toMatch(/devices\[1\]\.site: .*nowhere/);
    expect(runDir(dir)).toEqual([]);
    expect(await labRunning(dir)).toBe(false);
  });

  it('a missing topology file is one sentence naming it', async () => {
    const up = await milliLab('up', '/nonexistent/metro.yaml', '--state-dir', stateDir('missing'), '--isolation', 'process');
    expect(up.exitCode).toBe(4);
    expect(up.err).toContain('/nonexistent/metro.yaml');
    expect(up.err.trim().split('\n')).toHaveLength(1);
  });

  it('a port already taken (--base-port) is named with the device that wanted it, and nothing starts', async () => {
    const { server, port: taken } = await busyPortAfterFreeOne();
    busy = server;
    const dir = stateDir('port');
    const up = await milliLab('up', tinyPath, '--state-dir', dir, '--isolation', 'process', '--base-port', String(taken - 1));
    expect(up.exitCode).toBe(7);
    expect(up.err).toMatch(
      new RegExp(
        `^error \\[LAB_START\\]: port ${taken} on 127\\.0\\.0\\.1 is already in use \\(device \\S+ would listen there\\); choose another --base-port\\n$`,
      ),
    );
    expect(readLabRecord(dir)).toBeUndefined();
    expect(await labRunning(dir)).toBe(false);
  });

  it('an unknown --isolation is refused by name', async () => {
    const up = await milliLab('up', tinyPath, '--state-dir', stateDir('iso'), '--isolation', 'docker');
    expect(up.exitCode).toBe(2);
    expect(up.err).toContain("--isolation must be netns or process, not 'docker'");
  });

  it('a --device-threads that is not a whole number from 0 to 64 is refused by name, and nothing starts', async () => {
    const dir = stateDir('threads');
    const up = await milliLab('up', tinyPath, '--state-dir', dir, '--isolation', 'process', '--device-threads', 'many');
    expect(up.exitCode).toBe(2);
    expect(up.err).toContain("--device-threads must be a whole number in 0..64, got 'many'");
    expect(readLabRecord(dir)).toBeUndefined();
  });

  it('--device-threads 1 runs every device on the one device thread, as lab status says', async () => {
    const dir = stateDir('one-thread');
    const up = await milliLab('up', tinyPath, '--state-dir', dir, '--isolation', 'process', '--device-threads', '1');
    expect(up.exitCode, up.err).toBe(0);
    const status = await milliLab('status', '--state-dir', dir, '--json');
    const devices = (JSON.parse(status.out) as { devices: { thread: number; up: boolean }[] }).devices;
    expect(devices.length).toBeGreaterThan(0);
    for (const device of devices) expect(device).toMatchObject({ thread: 1, up: true });
    await labDown(dir);
  });

  it('--isolation netns without root says so in one sentence', async () => {
    const args = ['lab', 'up', tinyPath, '--isolation', 'netns', '--state-dir', join(tempDir('nobody'), 'state')];
    // As root the check is exercised as the unprivileged user `nobody` (who must be able to read the topology).
    chmodSync(dirname(tinyPath), 0o755);
    const result = IS_ROOT ? await milliProcess(args, { uid: 65534, gid: 65534 }) : await milliProcess(args);
    expect(result.code).toBe(7);
    expect(result.stderr).toBe(
      'error [LAB_NETNS]: --isolation netns is not possible here: network namespaces need root; use --isolation process\n',
    );
  });

  it.skipIf(!IS_ROOT)('a missing ip command (iproute2) says so in one sentence', async () => {
    const dir = stateDir('noip');
    const result = await milliProcess(['lab', 'up', tinyPath, '--isolation', 'netns', '--state-dir', dir], {
      env: { ...process.env, PATH: '/nonexistent' },
    });
    expect(result.code).toBe(7);
    expect(result.stderr).toBe(
      "error [LAB_NETNS]: --isolation netns is not possible here: the 'ip' command (iproute2) is not installed; use --isolation process\n",
    );
    expect(readLabRecord(dir)).toBeUndefined();
  });
});

describe.skipIf(!IS_ROOT)('lab up in namespaces', () => {
  it('refuses a subnet that another interface already uses, naming both, and makes nothing', async () => {
    const dir = stateDir('subnet');
    const naming = labNaming(dir);
    const [a, b, c] = naming.network.split('.');
    const dummy = `mlt${naming.labId}`;
    await ip('link', 'add', dummy, 'type', 'bridge'); // (no dummy driver in every kernel)
    try {
      await ip('addr', 'add', `${a}.${b}.${c}.77/24`, 'dev', dummy);
      const up = await milliLab('up', tinyPath, '--state-dir', dir, '--isolation', 'netns');
      expect(up.exitCode).toBe(7);
      expect(up.err).toContain(
        `this lab's subnet ${naming.network}/22 (derived from the state dir) overlaps ${a}.${b}.${c}.77/24 on ${dummy}; use another --state-dir`,
      );
      expect(await labNetworkObjects(dir)).toEqual({ namespaces: [], links: [] });
    } finally {
      await ip('link', 'del', dummy);
    }
  });
});

describe('relative paths', () => {
  it('up and down from another directory, with a relative state dir and topology, find the same lab', async () => {
    const cwd = tempDir('cwd');
    copyFileSync(tinyPath, join(cwd, 'tiny.yaml'));
    const up = await milliProcess(['lab', 'up', 'tiny.yaml', '--state-dir', 'state', '--isolation', 'process'], { cwd });
    expect(up.code, up.stderr).toBe(0);
    dirs.push(join(cwd, 'state'));
    const pid = readLabRecord(join(cwd, 'state'))!.hostPid!;
    expect(alive(pid)).toBe(true);
    expect(loadInventory(join(cwd, 'state', 'inventory.json')).topology).toBe(join(cwd, 'tiny.yaml'));
    const down = await milliProcess(['lab', 'down', '--state-dir', 'state'], { cwd });
    expect(down.stdout).toBe('lab down: stopped and cleaned up\n');
    expect(alive(pid)).toBe(false);
  });
});

describe('Ctrl-C during lab up', () => {
  it('removes the host, the namespaces and the state; the next down finds nothing to stop', async () => {
    const isolation = IS_ROOT ? 'netns' : 'process';
    const dir = stateDir('ctrlc');
    let interrupted = false;
    // metro-medium, interrupted at its first progress line: seconds of start-up still ahead, the host running
    // and (netns) namespaces being made, the moment most likely to leave something behind.
    const result = await milliProcess(['lab', 'up', await metroMedium(), '--isolation', isolation, '--state-dir', dir], {
      onStderr: (text, child) => {
        if (!interrupted && /(creating namespaces|starting devices): \d+\/\d+/.test(text)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(result.code).toBe(7);
    expect(result.stderr).toContain('lab up was interrupted; everything it had started was removed');
    expect(readLabRecord(dir)).toBeUndefined();
    expect(await labRunning(dir)).toBe(false);
    if (IS_ROOT) expect(await labNetworkObjects(dir)).toEqual({ namespaces: [], links: [] });
    const down = await milliLab('down', '--state-dir', dir);
    expect(down.out).toBe('lab down: nothing was running; cleaned what was left');
  });
});
