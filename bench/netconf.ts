// pnpm bench:netconf — milli's NETCONF client against one mock device on loopback: get-config round trips per
// second with 1 and with 32 RPCs in flight on one session, and the throughput of a ~10 MB get-config reply.
// Baselines, measured in the same run against the same device (which runs in a process of its own):
//   1. CESNET's libnetconf2 (Debian's libnetconf2-dev), through the test suite's C client, at 1 and 32 in flight;
//      milli and libnetconf2 alternate, BENCH_ROUNDS rounds, and the median and range of each figure are printed;
//   2. Debian's python3-ncclient doing the same, once.
// Also the device's CPU time per get-config (process.cpuUsage of the device process around each run).
// Goals: milli at least 1.0x libnetconf2 at 1 in flight and 2x at 32, at least 5x ncclient; figures, not assertions:
// the machine is shared. BENCH_DEVICE_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the device.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { encodeFrame, FrameDecoder, NetconfClient, parseXml, throwIfRpcError } from '@milli/netconf-client';
import { buildNc2client, Nc2Client, nc2clientUnavailable } from '../test/support/nc2client';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG_PORTS = Number(process.env.BENCH_BIG_PORTS ?? 40_000);
const USER = { username: 'bench', password: 'bench-secret' };
const run = promisify(execFile);

/** Round trips done in a run and how long it took. */
interface Run {
  count: number;
  seconds: number;
}
const rps = (r: Run) => r.count / r.seconds;

/** The device in its own process; `cpuMicros` reads its user+system CPU time so far. */
interface DeviceProcess {
  port: number;
  publicKey: string;
  fingerprint: string;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

async function startDevice(stateDir: string): Promise<DeviceProcess> {
  const nodeOptions = (process.env.BENCH_DEVICE_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '--import',
      'tsx',
      join(ROOT, 'bench', 'support', 'netconfDevice.ts'),
      join(ROOT, 'yang'),
      stateDir,
      USER.username,
      USER.password,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], cwd: ROOT },
  );
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const hello = JSON.parse(await next()) as { port: number; publicKey: string; fingerprint: string };
  return {
    ...hello,
    cpuMicros: async () => {
      const reply = next();
      child.stdin.write('cpu\n');
      const { user, system } = JSON.parse(await reply) as { user: number; system: number };
      return user + system;
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await exited;
    },
  };
}

/** Runs `work` and returns its round trips with the device's CPU µs per round trip over the same span. */
async function withDeviceCpu(device: DeviceProcess, work: () => Promise<Run>): Promise<Run & { deviceUs: number }> {
  const before = await device.cpuMicros();
  const done = await work();
  const after = await device.cpuMicros();
  return { ...done, deviceUs: (after - before) / done.count };
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

async function milliRoundTrips(client: NetconfClient, inFlight: number): Promise<Run> {
  let count = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        throwIfRpcError(await client.getConfig('running'));
        count++;
      }
    }),
  );
  return { count, seconds: (performance.now() - started) / 1000 };
}

async function libnetconf2RoundTrips(client: Nc2Client, inFlight: number): Promise<Run> {
  const answer = await client.send(`bench s ${SECONDS} ${inFlight}`);
  if (answer.kind !== 'bench') throw new Error(`libnetconf2 bench failed: ${answer.text}; ${client.stderr.slice(-3).join(' | ')}`);
  const [count, seconds] = answer.text.split(' ').map(Number);
  return { count: count!, seconds: seconds! };
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

const NCCLIENT = `
import json, sys, threading, time
from ncclient import manager
port, phase, seconds, ssh_config = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
# The host key is pinned through ssh_config's UserKnownHostsFile, as our client pins it by fingerprint.
m = manager.connect(host='127.0.0.1', port=port, username='${USER.username}', password='${USER.password}', hostkey_verify=True,
                    ssh_config=ssh_config, allow_agent=False, look_for_keys=False, device_params={'name': 'default'}, timeout=120)
m.timeout = 120
out = {}
if phase == 'big':
    from ncclient.xml_ import to_ele
    runs = 3
    start = time.perf_counter()
    for _ in range(runs):
        xml = m.get_config('running').xml
        size = len(xml.encode())
    out = {'bigBytes': size, 'bigMBps': size * runs / 1e6 / (time.perf_counter() - start)}
    # Its own share, like ours: parsing the reply already in memory (lxml; its framing is done while reading).
    start = time.perf_counter()
    for _ in range(runs):
        to_ele(xml)
    out['parseMBps'] = size * runs / 1e6 / (time.perf_counter() - start)
else:
    for _ in range(20):
        m.get_config('running')
    def round_trips(in_flight):
        done = [0] * in_flight
        deadline = time.perf_counter() + seconds
        def worker(i):
            while time.perf_counter() < deadline:
                m.get_config('running')
                done[i] += 1
        start = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(in_flight)]
        for t in threads: t.start()
        for t in threads: t.join()
        return sum(done) / (time.perf_counter() - start)
    out = {'rps1': round_trips(1), 'rps32': round_trips(32)}
m.close_session()
print(json.dumps(out))
`;

async function ncclient(script: string, sshConfig: string, port: number, phase: 'small' | 'big'): Promise<Record<string, number>> {
  const { stdout } = await run('/usr/bin/python3', [script, String(port), phase, String(SECONDS), sshConfig], {
    timeout: 600_000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}..${Math.max(...xs).toFixed(0)}`;

const stateDir = mkdtempSync(join(tmpdir(), 'milli-bench-netconf-'));
const script = join(stateDir, 'ncclient_bench.py');
writeFileSync(script, NCCLIENT);
const sshConfig = join(stateDir, 'ssh_config');
const nc2unavailable = nc2clientUnavailable();
const nc2build = nc2unavailable ? undefined : buildNc2client();
const device = await startDevice(join(stateDir, 'device'));
try {
  console.log(`mock device (own process) on 127.0.0.1:${device.port}; ${SECONDS} s per figure, ${ROUNDS} alternating rounds`);
  const knownHosts = join(stateDir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${device.port} ${device.publicKey}\n`);
  writeFileSync(sshConfig, `Host *\n  UserKnownHostsFile ${knownHosts}\n`);
  if (nc2unavailable) console.log(`libnetconf2 baseline skipped: ${nc2unavailable}`);

  const milli = await milliClient(device);
  let nc2: Nc2Client | undefined;
  if (nc2build) {
    nc2 = new Nc2Client(nc2build.binary, '127.0.0.1', device.port);
    const [type, key] = device.publicKey.split(' ');
    // libnetconf2 keeps the schemas it fetches in its search path: a dir of this run's own.
    for (const command of [`searchpath ${stateDir}`, `hostkey ${type} ${key}`, `connect s password ${USER.username} ${USER.password}`]) {
      const answer = await nc2.send(command);
      if (answer.kind === 'fail') {
        console.log(`libnetconf2 baseline skipped: it cannot connect (${answer.text}; ${nc2.stderr.slice(-2).join(' | ')})`);
        await nc2.close();
        nc2 = undefined;
        break;
      }
    }
  }
  // Warm up both (JIT, libyang caches).
  let replyBytes = 0;
  for (let i = 0; i < 50; i++) replyBytes = Buffer.byteLength(throwIfRpcError(await milli.getConfig('running')).xml);
  console.log(`get-config of running: a ${replyBytes}-byte rpc-reply`);
  if (nc2) await nc2.send('bench s 0.3 1');

  type Figure = { rps: number; deviceUs: number };
  const figures: Record<string, Figure[]> = {};
  const record = (key: string, r: Run & { deviceUs: number }) => {
    figures[key] ??= [];
    figures[key].push({ rps: rps(r), deviceUs: r.deviceUs });
  };
  for (let round = 0; round < ROUNDS; round++) {
    // ABBA order so that neither client always runs on a warmer or quieter machine.
    const order = round % 2 === 0 ? ['milli', 'libnetconf2'] : ['libnetconf2', 'milli'];
    for (const who of order) {
      for (const inFlight of [1, 32]) {
        if (who === 'milli') record(`milli ${inFlight}`, await withDeviceCpu(device, () => milliRoundTrips(milli, inFlight)));
        else if (nc2) record(`libnetconf2 ${inFlight}`, await withDeviceCpu(device, () => libnetconf2RoundTrips(nc2!, inFlight)));
      }
    }
  }
  await milli.close();
  await nc2?.close();
  const theirs = await ncclient(script, sshConfig, device.port, 'small');

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
  const ours = await milliBig(device);
  const theirsBig = await ncclient(script, sshConfig, device.port, 'big');

  console.log('');
  console.log('get-config round trips per second (median of the rounds, range in brackets; device CPU µs per get-config)');
  for (const inFlight of [1, 32]) {
    const m = figures[`milli ${inFlight}`] ?? [];
    const l = figures[`libnetconf2 ${inFlight}`] ?? [];
    const ratio = l.length > 0 ? `${(median(m.map((f) => f.rps)) / median(l.map((f) => f.rps))).toFixed(2)}x libnetconf2` : 'n/a';
    const ncc = theirs[`rps${inFlight}`];
    console.log(
      `  ${String(inFlight).padStart(2)} in flight: milli ${median(m.map((f) => f.rps))
        .toFixed(0)
        .padStart(5)} [${spread(m.map((f) => f.rps))}]` +
        ` (device ${median(m.map((f) => f.deviceUs)).toFixed(0)} µs)` +
        (l.length > 0
          ? `  libnetconf2 ${median(l.map((f) => f.rps))
              .toFixed(0)
              .padStart(5)} [${spread(l.map((f) => f.rps))}] (device ${median(l.map((f) => f.deviceUs)).toFixed(0)} µs)`
          : '') +
        `  ncclient ${ncc?.toFixed(0) ?? 'n/a'}  ratio ${ratio}${ncc ? `, ${(median(m.map((f) => f.rps)) / ncc).toFixed(2)}x ncclient` : ''}`,
    );
  }
  const row = (label: string, a: number | undefined, b: number | undefined, unit: string) => {
    const ratio = a !== undefined && b ? `${(a / b).toFixed(2)}x` : 'n/a';
    console.log(
      `  ${label.padEnd(34)} milli ${a?.toFixed(1).padStart(9)} ${unit}  ncclient ${b?.toFixed(1).padStart(9)} ${unit}  ratio ${ratio}`,
    );
  };
  row(`get-config of ${(ours.bigBytes / 1e6).toFixed(1)} MB, end to end`, ours.bigMBps, theirsBig.bigMBps, 'MB/s');
  row('  of which client-side parsing', ours.parseMBps, theirsBig.parseMBps, 'MB/s');
  console.log('\ngoals: milli >= 1.0x libnetconf2 at 1 in flight, >= 2x at 32; >= 5x ncclient; less device CPU per get-config');
} finally {
  await device.stop();
  if (nc2build) rmSync(nc2build.dir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}
