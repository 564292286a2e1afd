// pnpm bench:lab — brings up metro-medium (150+ devices) in each isolation and prints the time until every device
// answered a NETCONF hello and the lab's resident memory per device (the host process's RSS from /proc: the lab
// is that one process). Baselines, measured in the same run:
//   1. one device per process (the obvious design): a few single-device labs, each its own host process; their
//      RSS and start time per device, against the shared host's;
//   2. before/after for namespaces: the previous way (8 `ip` runs and one `ip netns exec node` listener child per
//      device) against the current one (one `ip -batch` for the lab, one `ip -n NS -batch` per device, and the
//      socket opened in-process with setns), on the same sample of devices.
// Goals: 150 devices ready in under 30 s, under 64 MiB per device. Figures, not assertions: the machine is shared.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { entryConnectOptions } from '@milli/drivers';
import { type Isolation, labDown, labNaming, labUp, readLabRecord } from '@milli/lab';
import { NetconfClient } from '@milli/netconf-client';
import { type Topology, generateMetro, loadInventory, loadTopology, resolveCredentials, writeTopology } from '@milli/topology';
// biome-ignore lint/style/noRestrictedImports: the before/after baseline times the launcher's internals directly.
import { deviceSlot } from '../lab/src/launcher/addressing';
// biome-ignore lint/style/noRestrictedImports: as above.
import { createLabNetwork, removeLabNetwork } from '../lab/src/launcher/netns';
// biome-ignore lint/style/noRestrictedImports: as above.
import { listenInNamespace } from '../lab/src/host/namespaceSocket';
import { processMemory } from './support/processMemory';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const MEDIUM = join(ROOT, 'lab', 'topologies', 'metro-medium.yaml');
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 24);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 4);
const MiB = 1024 * 1024;
const dirs: string[] = [];
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `milli-bench-lab-${name}-`));
  dirs.push(dir);
  return dir;
};

/** metro-medium when committed, else a generated metro of the same shape (the command line in its header). */
async function mediumPath(): Promise<string> {
  if (existsSync(MEDIUM)) return MEDIUM;
  const path = join(temp('topo'), 'metro-medium.yaml');
  await writeTopology(path, generateMetro({ dcs: 4, important: 12, access: 48, parks: 72, radiusKm: 60, seed: 11, name: 'metro-medium' }));
  return path;
}

/** Every device of the inventory answers a hello (pinned host key, inventory credentials); 16 at a time. */
async function helloAll(inventoryPath: string): Promise<number> {
  const devices = [...loadInventory(inventoryPath).devices];
  let answered = 0;
  const worker = async () => {
    for (let entry = devices.shift(); entry; entry = devices.shift()) {
      const client = await NetconfClient.connect({
        ...entryConnectOptions(entry, resolveCredentials(entry, inventoryPath)),
        keepaliveIntervalMs: 0,
        connectTimeoutMs: 30_000,
      });
      answered++;
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return answered;
}

interface LabFigures {
  devices: number;
  /** Until the host process ran (node started, modules loaded, topology read). */
  hostS: number;
  networkS?: number;
  upS: number;
  readyS: number;
  rss: number;
  peak: number;
}

async function measureLab(topologyPath: string, isolation: Isolation): Promise<LabFigures> {
  const stateDir = join(temp(isolation), 'state');
  const t0 = performance.now();
  let networkS: number | undefined;
  let hostS = 0;
  try {
    const { devices, inventory } = await labUp({ topologyPath, stateDir, isolation }, (event) => {
      if (event.type === 'host') hostS = (performance.now() - t0) / 1000;
      if (event.type === 'progress' && event.phase === 'network' && event.done === event.total) networkS = (performance.now() - t0) / 1000;
    });
    const upS = (performance.now() - t0) / 1000;
    const answered = await helloAll(inventory);
    const readyS = (performance.now() - t0) / 1000;
    if (answered !== devices) throw new Error(`${answered} of ${devices} devices answered`);
    const { rss, peak } = processMemory(readLabRecord(stateDir)!.hostPid!);
    return { devices, hostS, upS, readyS, rss, peak, ...(networkS !== undefined ? { networkS } : {}) };
  } finally {
    await labDown(stateDir);
  }
}

/** Baseline 1: a lab of one device, in its own host process, for a few devices of the topology. */
async function measureOneDevicePerProcess(topology: Topology): Promise<{ rss: number; readyS: number; count: number }> {
  const sample = topology.devices.filter((_, i) => i % Math.ceil(topology.devices.length / SINGLE) === 0).slice(0, SINGLE);
  let rss = 0;
  let readyS = 0;
  for (const device of sample) {
    const single: Topology = { ...topology, devices: [device], fibres: [] };
    const path = join(temp('single'), 'one.yaml');
    await writeTopology(path, single);
    const stateDir = join(temp('single'), 'state');
    const t0 = performance.now();
    try {
      const { inventory } = await labUp({ topologyPath: path, stateDir, isolation: 'process' });
      await helloAll(inventory);
      readyS += (performance.now() - t0) / 1000;
      rss += processMemory(readLabRecord(stateDir)!.hostPid!).rss;
    } finally {
      await labDown(stateDir);
    }
  }
  return { rss: rss / sample.length, readyS: readyS / sample.length, count: sample.length };
}

/** Baseline 2, the previous way: 8 ip runs per device, then a node child in the namespace hands the socket over. */
async function oldNamespaceWay(stateDir: string, topology: Topology): Promise<number> {
  const naming = labNaming(stateDir);
  const t0 = performance.now();
  await run('ip', ['link', 'add', naming.bridge, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${naming.bridgeAddress}/${naming.prefixLength}`, 'dev', naming.bridge]);
  await run('ip', ['link', 'set', naming.bridge, 'up']);
  const queue = topology.devices.slice(0, SAMPLE).map((d, i) => deviceSlot(naming, i, d.id));
  const servers: Server[] = [];
  const worker = async () => {
    for (let slot = queue.shift(); slot; slot = queue.shift()) {
      const peer = `${slot.vethHost}p`;
      const ns = slot.namespace;
      for (const args of [
        ['netns', 'add', ns],
        ['link', 'add', slot.vethHost, 'type', 'veth', 'peer', 'name', peer],
        ['link', 'set', slot.vethHost, 'master', naming.bridge, 'up'],
        ['link', 'set', peer, 'netns', ns],
        ['-n', ns, 'link', 'set', peer, 'name', 'eth0'],
        ['-n', ns, 'addr', 'add', `${slot.address}/${naming.prefixLength}`, 'dev', 'eth0'],
        ['-n', ns, 'link', 'set', 'eth0', 'up'],
        ['-n', ns, 'link', 'set', 'lo', 'up'],
      ])
        await run('ip', args);
      servers.push(await listenViaChild(ns, slot.address));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const ms = performance.now() - t0;
  for (const server of servers) server.close();
  return ms;
}

const CHILD_LISTENER = `const s=require('node:net').createServer();s.listen(830,process.argv[1],()=>process.send({ok:true},s,()=>s.close(()=>process.exit(0))));`;

function listenViaChild(namespace: string, address: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, '-e', CHILD_LISTENER, address], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('message', (_m, handle) => resolve(handle as Server));
    child.on('error', reject);
  });
}

/** Baseline 2, the current way, for the same devices. */
async function newNamespaceWay(stateDir: string, topology: Topology): Promise<number> {
  const naming = labNaming(stateDir);
  const t0 = performance.now();
  const slots = topology.devices.slice(0, SAMPLE).map((d, i) => deviceSlot(naming, i, d.id));
  await createLabNetwork(naming, slots);
  const servers = await Promise.all(
    slots.map(
      (slot) =>
        new Promise<Server>((resolve) => {
          const server = createServer();
          server.listen({ fd: listenInNamespace(slot.namespace, slot.address, 830) }, () => resolve(server));
        }),
    ),
  );
  const ms = performance.now() - t0;
  for (const server of servers) server.close();
  return ms;
}

async function namespaceBeforeAfter(topology: Topology): Promise<{ oldMs: number; newMs: number }> {
  const oldDir = temp('old-netns');
  const newDir = temp('new-netns');
  try {
    const oldMs = await oldNamespaceWay(oldDir, topology);
    const newMs = await newNamespaceWay(newDir, topology);
    return { oldMs, newMs };
  } finally {
    await removeLabNetwork(labNaming(oldDir));
    await removeLabNetwork(labNaming(newDir));
  }
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

try {
  const topologyPath = await mediumPath();
  const topology = await loadTopology(topologyPath);
  const root = process.getuid?.() === 0;
  console.log(
    `lab bench: ${topologyPath.replace(`${ROOT}/`, '')}, ${topology.devices.length} devices; ${root ? '' : 'not root: netns skipped; '}goals < 30 s, < 64 MiB/device`,
  );
  const isolations: Isolation[] = root ? ['netns', 'process'] : ['process'];
  const figures = new Map<Isolation, LabFigures>();
  for (const isolation of isolations) {
    const f = await measureLab(topologyPath, isolation);
    figures.set(isolation, f);
    console.log(
      `${isolation.padEnd(8)} ${f.devices} devices: host running at ${f.hostS.toFixed(1)} s, ` +
        `${f.networkS ? `namespaces made at ${f.networkS.toFixed(1)} s, ` : ''}up at ${f.upS.toFixed(1)} s, ` +
        `all answered a hello at ${f.readyS.toFixed(1)} s; host RSS ${mib(f.rss)} (peak ${mib(f.peak)}) = ${mib(f.rss / f.devices)} per device`,
    );
  }
  const single = await measureOneDevicePerProcess(topology);
  const shared = figures.get('process')!;
  console.log(
    `baseline one device per process (${single.count} sampled): ${mib(single.rss)} and ${single.readyS.toFixed(1)} s to hello per device; ` +
      `${topology.devices.length} such processes ≈ ${((single.rss * topology.devices.length) / 1024 / MiB).toFixed(1)} GiB. ` +
      `Shared host: ${(single.rss / (shared.rss / shared.devices)).toFixed(1)}× less memory per device`,
  );
  if (root) {
    const { oldMs, newMs } = await namespaceBeforeAfter(topology);
    console.log(
      `namespace + listening socket, ${SAMPLE} devices: before (8 ip runs + a node child each) ${(oldMs / SAMPLE).toFixed(0)} ms/device, ` +
        `now (ip batches + setns) ${(newMs / SAMPLE).toFixed(1)} ms/device: ${(oldMs / newMs).toFixed(1)}× faster`,
    );
  }
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
