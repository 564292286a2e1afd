// pnpm bench:netconf — milli's NETCONF client against one mock device on loopback: get-config round trips per
// second with 1 and with 32 RPCs in flight on one session, and the throughput of a ~10 MB get-config reply.
// Baselines, measured in the same run against the same device (which runs in a process of its own):
//   1. CESNET's libnetconf2 (Debian's libnetconf2-dev), through the test suite's C client, at 1 and 32 in flight;
//      milli's client runs in a process of its own too, driven by the same commands; the two alternate (ABBA),
//      BENCH_ROUNDS rounds; printed are the median and range of each figure and of the ratio within each round;
//   2. Debian's python3-ncclient doing the same, once.
// The device and the client being measured are pinned to CPUs of their own with taskset (BENCH_PIN=0 to not pin), and
// the CPU time each spends per get-config is read from /proc around every run: it varies less with what else runs
// than round trips per second do, though still some (caches and cores shared with other work).
// Goals: milli at least 1.0x libnetconf2 at 1 in flight and 2x at 32, at least 5x ncclient; figures, not assertions:
// the machine is shared. BENCH_DEVICE_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the device,
// BENCH_CLIENT_NODE_OPTIONS milli's client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, FrameDecoder, NetconfClient, parseXml, throwIfRpcError } from '@milli/netconf-client';
import { buildNc2client, Nc2Client, nc2clientUnavailable } from '../test/support/nc2client';
import { ncclient } from './support/netconfNcclient';
import { cpuMicros, cpuPlan, type DeviceProcess, pin, startDevice } from './support/netconfProcesses';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BIG_PORTS = Number(process.env.BENCH_BIG_PORTS ?? 40_000);
const USER = { username: 'bench', password: 'bench-secret' };
/**
 * Depths and clients measured; narrowing them (BENCH_IN_FLIGHT=32 BENCH_CLIENTS=milli BENCH_BIG_PORTS=0) makes a
 * profile of one case. BENCH_BIG_PORTS=0 leaves out the big reply.
 */
const IN_FLIGHT = (process.env.BENCH_IN_FLIGHT ?? '1,32').split(',').map(Number);
const CLIENTS = (process.env.BENCH_CLIENTS ?? 'milli,libnetconf2,ncclient').split(',');

/** One run of one client: round trips per second and the CPU µs per round trip of the device and of the client. */
interface Figure {
  rps: number;
  deviceUs: number;
  clientUs: number;
}

/** A client process driven by nc2client's commands: libnetconf2's, or milli's (bench/support/netconfMilliClient.ts). */
interface BenchClient {
  name: string;
  process: Nc2Client;
}

async function connectClient(name: string, command: string | string[], device: DeviceProcess, searchDir: string, cpu?: number) {
  const child = new Nc2Client(command, '127.0.0.1', device.port);
  if (cpu !== undefined && child.pid !== undefined) pin(child.pid, cpu);
  const [type, key] = device.publicKey.split(' ');
  // libnetconf2 keeps the schemas it fetches in its search path: a dir of this run's own.
  for (const line of [`searchpath ${searchDir}`, `hostkey ${type} ${key}`, `connect s password ${USER.username} ${USER.password}`]) {
    const answer = await child.send(line);
    if (answer.kind === 'fail') {
      await child.close();
      return `${name} cannot connect (${answer.text}; ${child.stderr.slice(-2).join(' | ')})`;
    }
  }
  return { name, process: child };
}

/** Runs one client at one depth and reads the device's and the client's CPU time around it. */
async function measure(client: BenchClient, device: DeviceProcess, seconds: number, inFlight: number): Promise<Figure> {
  const pid = client.process.pid!;
  const deviceBefore = cpuMicros(device.pid);
  const clientBefore = cpuMicros(pid);
  const answer = await client.process.send(`bench s ${seconds} ${inFlight}`);
  const deviceAfter = cpuMicros(device.pid);
  const clientAfter = cpuMicros(pid);
  if (answer.kind !== 'bench')
    throw new Error(`${client.name} bench failed: ${answer.text}; ${client.process.stderr.slice(-3).join(' | ')}`);
  const [count, took] = answer.text.split(' ').map(Number) as [number, number];
  return { rps: count / took, deviceUs: (deviceAfter - deviceBefore) / count, clientUs: (clientAfter - clientBefore) / count };
}

async function milliClient(device: DeviceProcess, maxMessageBytes?: number): Promise<NetconfClient> {
  return NetconfClient.connect({
    host: '127.0.0.1',
    port: device.port,
    ...USER,
    hostKeyFingerprint: device.fingerprint,
    keepaliveIntervalMs: 0,
    rpcTimeoutMs: 600_000,
    ...(maxMessageBytes ? { maxMessageBytes } : {}),
  });
}

/** Our client's own share of a big reply: chunked un-framing in 64 KiB packets plus XML parsing, in memory. */
function milliParseFigure(xml: string): number {
  const frame = encodeFrame('chunked', xml);
  const runs = 3;
  const started = performance.now();
  for (let r = 0; r < runs; r++) {
    const decoder = new FrameDecoder('chunked', { maxMessageBytes: 256 * 1024 * 1024 });
    for (let i = 0; i < frame.length; i += 65536) {
      for (const message of decoder.push(frame.subarray(i, i + 65536))) parseXml(message, { maxBytes: 256 * 1024 * 1024 });
    }
  }
  return (frame.length * runs) / 1e6 / ((performance.now() - started) / 1000);
}

async function milliBig(device: DeviceProcess): Promise<{ bigBytes: number; bigMBps: number; parseMBps: number }> {
  const client = await milliClient(device, 256 * 1024 * 1024);
  try {
    const runs = 3;
    let bytes = 0;
    let xml = '';
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const reply = throwIfRpcError(await client.getConfig('running'));
      // Touch the parsed tree so the figure includes turning bytes into data.
      if (reply.data === undefined) throw new Error('no data in the big reply');
      bytes = Buffer.byteLength(reply.xml);
      xml = reply.xml;
    }
    const seconds = (performance.now() - started) / 1000;
    return { bigBytes: bytes, bigMBps: (bytes * runs) / 1e6 / seconds, parseMBps: milliParseFigure(xml) };
  } finally {
    await client.close();
  }
}

/** Ports per seeding edit-config: each request stays under the device's element and byte limits (DeviceLimits). */
const SEED_BATCH_PORTS = 4000;

function bigConfig(from: number, to: number): string {
  const description = 'metro span to the aggregation site, patched at ODF rack 12 shelf 3; '.repeat(3);
  const items: string[] = [];
  for (let i = from; i < to; i++) {
    items.push(`<port><name>bulk-${i}</name><kind>degree</kind><description>${description}${i}</description></port>`);
  }
  return `<device xmlns="urn:milli:yang:milli-device"><ports>${items.join('')}</ports></device>`;
}

/** Seeds the device with BIG_PORTS described ports, then fetches all of it with milli's client and with ncclient. */
async function bigReply(device: DeviceProcess, theirs?: () => Promise<Record<string, number>>) {
  process.stdout.write(`seeding ~${BIG_PORTS} ports with descriptions for the big reply... `);
  const seeder = await milliClient(device);
  const seedStart = performance.now();
  for (let from = 0; from < BIG_PORTS; from += SEED_BATCH_PORTS) {
    const config = bigConfig(from, Math.min(BIG_PORTS, from + SEED_BATCH_PORTS));
    throwIfRpcError(await seeder.editConfig({ target: 'candidate', config }));
  }
  throwIfRpcError(await seeder.commit());
  await seeder.close();
  console.log(`${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  return { ours: await milliBig(device), theirs: theirs ? await theirs() : {} };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
/** The median of a figure with its range across rounds, e.g. `9000 [8100..9500]`. */
function summary(xs: number[], digits = 0): string {
  if (xs.length === 0) return 'n/a';
  const f = (x: number) => x.toFixed(digits);
  return `${f(median(xs))} [${f(Math.min(...xs))}..${f(Math.max(...xs))}]`;
}

const stateDir = mkdtempSync(join(tmpdir(), 'milli-bench-netconf-'));
const nc2unavailable = nc2clientUnavailable();
const nc2build = nc2unavailable ? undefined : buildNc2client();
const plan = cpuPlan();
const cpus = 'reason' in plan ? undefined : plan;
const nodeOptions = (process.env.BENCH_DEVICE_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');
const device = await startDevice(ROOT, join(stateDir, 'device'), USER, nodeOptions);
if (cpus) pin(device.pid, cpus.device);
const clients: BenchClient[] = [];
try {
  console.log(`mock device (own process) on 127.0.0.1:${device.port}; ${SECONDS} s per figure, ${ROUNDS} alternating rounds`);
  console.log(
    cpus
      ? `pinned: the device to CPU ${cpus.device}, each client to CPU ${cpus.client} (taskset)`
      : `not pinned to CPUs: ${'reason' in plan ? plan.reason : ''}`,
  );
  const clientNodeOptions = (process.env.BENCH_CLIENT_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');
  const milliCommand = [process.execPath, ...clientNodeOptions, '--import', 'tsx', join(ROOT, 'bench', 'support', 'netconfMilliClient.ts')];
  const candidates: [string, string | string[] | undefined][] = [
    ['milli', milliCommand],
    ['libnetconf2', nc2build?.binary],
  ];
  for (const [name, command] of candidates.filter(([name]) => CLIENTS.includes(name))) {
    if (command === undefined) {
      console.log(`${name} baseline skipped: ${nc2unavailable}`);
      continue;
    }
    const connected = await connectClient(name, command, device, stateDir, cpus?.client);
    if (typeof connected === 'string') console.log(`${name} skipped: ${connected}`);
    else clients.push(connected);
  }
  // Warm up every client (JIT, libyang caches) and the device.
  for (const client of clients) await measure(client, device, 0.5, 1);
  const probe = await milliClient(device);
  console.log(`get-config of running: a ${Buffer.byteLength(throwIfRpcError(await probe.getConfig('running')).xml)}-byte rpc-reply`);
  await probe.close();

  const figures = new Map<string, Figure[]>();
  const ratios = new Map<number, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    // ABBA order so that neither client always runs on a warmer or quieter machine.
    const order = round % 2 === 0 ? clients : [...clients].reverse();
    const thisRound = new Map<string, Figure>();
    // Per depth, the clients' runs are adjacent: the ratio compares runs seconds apart, under much the same load.
    for (const inFlight of IN_FLIGHT) {
      for (const client of order) {
        const figure = await measure(client, device, SECONDS, inFlight);
        const key = `${client.name} ${inFlight}`;
        figures.set(key, [...(figures.get(key) ?? []), figure]);
        thisRound.set(key, figure);
      }
    }
    for (const inFlight of IN_FLIGHT) {
      const ours = thisRound.get(`milli ${inFlight}`);
      const theirs = thisRound.get(`libnetconf2 ${inFlight}`);
      if (ours && theirs) ratios.set(inFlight, [...(ratios.get(inFlight) ?? []), ours.rps / theirs.rps]);
    }
  }
  for (const client of clients.splice(0)) await client.process.close();
  const ncclientSetup = { dir: stateDir, port: device.port, publicKey: device.publicKey, user: USER, seconds: SECONDS, cpu: cpus?.client };
  const withNcclient = CLIENTS.includes('ncclient');
  const theirs = withNcclient ? await ncclient(ncclientSetup, 'small') : {};
  const big = BIG_PORTS > 0 ? await bigReply(device, withNcclient ? () => ncclient(ncclientSetup, 'big') : undefined) : undefined;

  console.log('');
  console.log('get-config of running: median of the rounds [range]; CPU µs per get-config of the device and of the client');
  for (const inFlight of IN_FLIGHT) {
    console.log(`  ${inFlight} in flight:`);
    for (const name of ['milli', 'libnetconf2']) {
      const f = figures.get(`${name} ${inFlight}`) ?? [];
      if (f.length === 0) continue;
      console.log(
        `    ${name.padEnd(11)} ${summary(f.map((x) => x.rps)).padEnd(22)} round trips/s` +
          `   device ${summary(f.map((x) => x.deviceUs)).padEnd(14)} µs   client ${summary(f.map((x) => x.clientUs)).padEnd(14)} µs`,
      );
    }
    const ncc = theirs[`rps${inFlight}`];
    if (ncc !== undefined) console.log(`    ${'ncclient'.padEnd(11)} ${ncc.toFixed(0).padEnd(22)} round trips/s   (one run)`);
    const r = ratios.get(inFlight) ?? [];
    const milliMedian = median((figures.get(`milli ${inFlight}`) ?? []).map((x) => x.rps));
    console.log(
      `    ratio milli / libnetconf2 within a round: ${summary(r, 2)}` +
        (ncc ? `;  milli / ncclient ${(milliMedian / ncc).toFixed(1)}x` : ''),
    );
  }
  const row = (label: string, a: number | undefined, b: number | undefined, unit: string) => {
    const ratio = a !== undefined && b ? `${(a / b).toFixed(2)}x` : 'n/a';
    console.log(
      `  ${label.padEnd(34)} milli ${a?.toFixed(1).padStart(9)} ${unit}  ncclient ${b?.toFixed(1).padStart(9)} ${unit}  ratio ${ratio}`,
    );
  };
  if (big) {
    row(`get-config of ${(big.ours.bigBytes / 1e6).toFixed(1)} MB, end to end`, big.ours.bigMBps, big.theirs.bigMBps, 'MB/s');
    row('  of which client-side parsing', big.ours.parseMBps, big.theirs.parseMBps, 'MB/s');
  }
  console.log(
    '\ngoals: milli >= 1.0x libnetconf2 at 1 in flight, >= 2x at 32 (median ratio); >= 5x ncclient; less device CPU per get-config',
  );
} finally {
  for (const client of clients) await client.process.close();
  await device.stop();
  if (nc2build) rmSync(nc2build.dir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}
