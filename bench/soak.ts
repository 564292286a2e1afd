// pnpm bench:soak — the hardening probes as a load, not a test. Brings metro-medium up (process isolation), runs
// normal controller-like traffic on 16 devices for a fixed time alone (the baseline), then the same traffic for
// the same time while a separate process runs the hostile mix (bench/soak/hostileMix.ts) against 4 other devices,
// alternating SOAK_ROUNDS times (default 2, SOAK_SECONDS each, default 20), pooled per phase:
// idle-connection flood, password guessing, the largest allowed requests, stalled frames, 1-byte chunks,
// sessions that leave mid-edit, and requests pipelined without reading a reply. Prints the normal traffic's
// latency (p50, p99, max) in both phases, their p99 ratio, and the lab host's peak RSS in each phase. Goals: p99 within 2x of the baseline, peak under 1 GiB.
// Figures, not assertions: the machine is shared. SOAK_SECONDS sets each phase's length (default 30).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labUp, readLabRecord } from '@milli/lab';
import { Capabilities, NetconfClient, type RpcReply, hasCapability } from '@milli/netconf-client';
import { type InventoryEntry, generateMetro, loadInventory, loadTopology, resolveCredentials, writeTopology } from '@milli/topology';

const ROOT = join(import.meta.dirname, '..');
const MEDIUM = join(ROOT, 'lab', 'topologies', 'metro-medium.yaml');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
/** Alone and hostile phases alternate this many times, so that the machine's drifting load hits both alike. */
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 2);
const NORMAL_DEVICES = 16;
const VICTIMS = 4;
const MiB = 1024 * 1024;
const temp = mkdtempSync(join(tmpdir(), 'milli-bench-soak-'));
const stateDir = join(temp, 'state');

async function mediumPath(): Promise<string> {
  if (existsSync(MEDIUM)) return MEDIUM;
  const path = join(temp, 'metro-medium.yaml');
  await writeTopology(path, generateMetro({ dcs: 4, important: 12, access: 48, parks: 72, radiusKm: 60, seed: 11, name: 'metro-medium' }));
  return path;
}

/** CPU milliseconds the lab host has used so far (utime + stime from /proc, in clock ticks of 10 ms). */
function hostCpuMs(): number {
  const pid = readLabRecord(stateDir)!.hostPid;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function hostRss(): number {
  const pid = readLabRecord(stateDir)!.hostPid;
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

function connect(entry: InventoryEntry, inventoryPath: string): Promise<NetconfClient> {
  const { password } = resolveCredentials(entry, inventoryPath);
  return NetconfClient.connect({
    host: entry.address,
    port: entry.port,
    username: entry.username,
    ...(password ? { password } : {}),
    hostKeyFingerprint: entry.hostKeyFingerprint,
    connectTimeoutMs: 30_000,
    rpcTimeoutMs: 120_000,
  });
}

/**
 * What a controller does to a device, in a loop until `until`: read running, read one port's state, and every
 * tenth round lock, edit a port description, commit and unlock. Every RPC's latency is kept.
 */
async function normalTraffic(client: NetconfClient, port: string, until: number, latencies: number[], errors: string[]): Promise<void> {
  const timed = async (send: () => Promise<RpcReply>) => {
    const start = performance.now();
    const reply = await send();
    latencies.push(performance.now() - start);
    if (reply.failed) errors.push(reply.errors[0]?.message ?? 'failed');
  };
  const portFilter = `<device xmlns="urn:milli:yang:milli-device"><ports><port><name>${port}</name></port></ports></device>`;
  for (let round = 0; Date.now() < until; round++) {
    await timed(() => client.getConfig('running'));
    await timed(() => client.get({ filter: { type: 'subtree', content: portFilter } }));
    if (round % 10 === 0 && hasCapability(client.capabilities, Capabilities.candidate)) {
      await timed(() => client.lock('candidate'));
      await timed(() =>
        client.editConfig({
          target: 'candidate',
          config: `<device xmlns="urn:milli:yang:milli-device"><ports><port><name>${port}</name><description>soak ${round}</description></port></ports></device>`,
        }),
      );
      await timed(() => client.commit());
      await timed(() => client.unlock('candidate'));
    }
  }
}

interface Phase {
  latencies: number[];
  errors: string[];
  peakRss: number;
  /** Share of one core the lab host used during the phase. */
  hostCpu: number;
  seconds: number;
  hostile?: Record<string, number>;
}

async function phase(clients: { client: NetconfClient; port: string }[], hostile?: () => Promise<Record<string, number>>): Promise<Phase> {
  const until = Date.now() + SECONDS * 1000;
  const cpuBefore = hostCpuMs();
  const latencies: number[] = [];
  const errors: string[] = [];
  let peakRss = hostRss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, hostRss());
  }, 100);
  const [, counts] = await Promise.all([
    Promise.all(clients.map(({ client, port }) => normalTraffic(client, port, until, latencies, errors))),
    hostile?.(),
  ]);
  clearInterval(sampler);
  return {
    latencies,
    errors,
    peakRss,
    hostCpu: (hostCpuMs() - cpuBefore) / (SECONDS * 1000),
    seconds: SECONDS,
    ...(counts ? { hostile: counts } : {}),
  };
}

function runHostileMix(victims: object[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'soak', 'hostileMix.ts'), JSON.stringify(victims), String(SECONDS)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Record<string, number>);
      else reject(new Error(`the hostile mix exited ${code}: ${out.slice(-500)}`));
    });
  });
}

function pooled(phases: Phase[]): Phase {
  const hostile: Record<string, number> = {};
  for (const p of phases) for (const [k, v] of Object.entries(p.hostile ?? {})) hostile[k] = (hostile[k] ?? 0) + v;
  return {
    latencies: phases.flatMap((p) => p.latencies),
    errors: phases.flatMap((p) => p.errors),
    peakRss: Math.max(...phases.map((p) => p.peakRss)),
    hostCpu: phases.reduce((sum, p) => sum + p.hostCpu, 0) / phases.length,
    seconds: phases.reduce((sum, p) => sum + p.seconds, 0),
    ...(phases.some((p) => p.hostile) ? { hostile } : {}),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function describe(name: string, result: Phase): { p99: number } {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  console.log(
    `${name.padEnd(22)} ${String(sorted.length).padStart(6)} rpcs  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(7)} ms  max ${(sorted.at(-1) ?? 0).toFixed(0).padStart(6)} ms  errors ${result.errors.length}  host CPU ${(result.hostCpu * 100).toFixed(0)}% of a core  peak RSS ${(result.peakRss / MiB).toFixed(0)} MiB`,
  );
  return { p99 };
}

const topologyPath = await mediumPath();
const topology = await loadTopology(topologyPath);
console.log(
  `bench:soak: metro-medium (${topology.devices.length} devices), ${ROUNDS} rounds of ${SECONDS} s alone and ${SECONDS} s with the hostile mix, load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
try {
  // SOAK_CPU_SHARE: the lab's deviceCpuShare (default: the lab's own default), to compare settings.
  const share = process.env.SOAK_CPU_SHARE ? { limits: { deviceCpuShare: Number(process.env.SOAK_CPU_SHARE) } } : {};
  await labUp({ topologyPath, stateDir, isolation: 'process', ...share });
  const inventoryPath = join(stateDir, 'inventory.json');
  const entries = loadInventory(inventoryPath).devices;
  const portOf = (device: string) => topology.devices.find((d) => d.id === device)!.ports[0]!.id;
  const victims = entries
    .slice(0, VICTIMS)
    .map((entry) => ({ entry, password: resolveCredentials(entry, inventoryPath).password, port: portOf(entry.device) }));
  const normal = await Promise.all(
    entries
      .slice(VICTIMS, VICTIMS + NORMAL_DEVICES)
      .map(async (entry) => ({ client: await connect(entry, inventoryPath), port: portOf(entry.device) })),
  );
  console.log(`normal traffic on ${normal.length} devices; hostile mix on ${victims.map((v) => v.entry.device).join(', ')}`);
  await phase(normal); // warm-up (JIT, libyang caches), not reported
  const alone: Phase[] = [];
  const mixed: Phase[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    alone.push(await phase(normal));
    describe(`round ${round}: alone`, alone.at(-1)!);
    mixed.push(await phase(normal, () => runHostileMix(victims)));
    describe(`round ${round}: + hostile`, mixed.at(-1)!);
  }
  const baseline = pooled(alone);
  const hostile = pooled(mixed);
  console.log('pooled:');
  const base = describe('normal alone', baseline);
  const under = describe('normal + hostile mix', hostile);
  console.log(
    `p99 ratio (hostile / alone): ${(under.p99 / base.p99).toFixed(2)}x (goal <= 2x); host peak RSS under the mix ${(hostile.peakRss / MiB).toFixed(0)} MiB (goal < 1024 MiB)`,
  );
  console.log(`hostile mix did: ${JSON.stringify(hostile.hostile)}`);
  const clientCpu = (hostile.hostile?.hostileClientCpuMs ?? 0) / (hostile.seconds * 1000);
  console.log(
    `lab host CPU: ${(baseline.hostCpu * 100).toFixed(0)}% of a core alone, ${(hostile.hostCpu * 100).toFixed(0)}% under the mix; the hostile client itself used ${(clientCpu * 100).toFixed(0)}% of a core (2 shared cores)`,
  );
  if (hostile.errors.length > 0)
    console.log(`normal traffic errors under the mix: ${[...new Set(hostile.errors)].slice(0, 5).join(' | ')}`);
  await Promise.all(normal.map(({ client }) => client.close()));
} finally {
  await labDown(stateDir);
  rmSync(temp, { recursive: true, force: true });
}
