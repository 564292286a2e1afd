// pnpm bench:netconf — milli's NETCONF client against one mock device on loopback: get-config round trips per
// second with 1 and with 32 RPCs in flight on one session, and the throughput of a ~10 MB get-config reply.
// The baseline, measured in the same run against the same device: Debian's python3-ncclient doing the same.
// Goal: at least 5x ncclient's round trips per second. Figures, not assertions: the machine is shared.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MockDevice } from '@milli/lab';
import { encodeFrame, FrameDecoder, NetconfClient, parseXml, throwIfRpcError } from '@milli/netconf-client';
import type { Device } from '@milli/topology';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const BIG_PORTS = Number(process.env.BENCH_BIG_PORTS ?? 40_000);
const USER = { username: 'bench', password: 'bench-secret' };
const run = promisify(execFile);

const device: Device = {
  id: 'BENCH-roadm',
  site: 'BENCH',
  kind: 'roadm',
  ports: [
    { id: 'deg-1', kind: 'degree' },
    { id: 'deg-2', kind: 'degree' },
    { id: 'ad-1', kind: 'add-drop', group: 'ad-a' },
  ],
  management: { address: '127.0.0.1' },
};

interface Figures {
  rps1: number;
  rps32: number;
  bigBytes: number;
  bigMBps: number;
  /** Client-side only: un-framing and parsing the big reply already in memory. */
  parseMBps: number;
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

async function milliFigures(port: number, fingerprint: string, phase: 'small' | 'big'): Promise<Partial<Figures>> {
  const client = await NetconfClient.connect({
    host: '127.0.0.1',
    port,
    ...USER,
    hostKeyFingerprint: fingerprint,
    keepaliveIntervalMs: 0,
    rpcTimeoutMs: 120_000,
    maxMessageBytes: 256 * 1024 * 1024,
  });
  try {
    if (phase === 'big') {
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
    }
    const roundTrips = async (inFlight: number) => {
      let done = 0;
      const deadline = performance.now() + SECONDS * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (performance.now() < deadline) {
            throwIfRpcError(await client.getConfig('running'));
            done++;
          }
        }),
      );
      return done / ((performance.now() - started) / 1000);
    };
    for (let i = 0; i < 50; i++) await client.getConfig('running'); // warm up
    return { rps1: await roundTrips(1), rps32: await roundTrips(32) };
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

async function ncclientFigures(script: string, port: number, phase: 'small' | 'big'): Promise<Partial<Figures>> {
  const { stdout } = await run('/usr/bin/python3', [script, String(port), phase, String(SECONDS), sshConfig], {
    timeout: 600_000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

function bigConfig(ports: number): string {
  const description = 'metro span to the aggregation site, patched at ODF rack 12 shelf 3; '.repeat(3);
  const items: string[] = [];
  for (let i = 0; i < ports; i++) {
    items.push(`<port><name>bulk-${i}</name><kind>degree</kind><description>${description}${i}</description></port>`);
  }
  return `<device xmlns="urn:milli:yang:milli-device"><ports>${items.join('')}</ports></device>`;
}

const stateDir = mkdtempSync(join(tmpdir(), 'milli-bench-netconf-'));
const script = join(stateDir, 'ncclient_bench.py');
writeFileSync(script, NCCLIENT);
const sshConfig = join(stateDir, 'ssh_config');
const mock = new MockDevice({ device, fibres: [], yangDir: join(ROOT, 'yang'), stateDir, users: [USER], onCrash: () => {} });
try {
  const { port, hostKeyFingerprint } = await mock.listen('127.0.0.1', 0);
  console.log(`mock device ${device.id} on 127.0.0.1:${port}; ${SECONDS} s per round-trip figure`);
  const knownHosts = join(stateDir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${mock.hostKey.publicKey}\n`);
  writeFileSync(sshConfig, `Host *\n  UserKnownHostsFile ${knownHosts}\n`);

  const ours: Partial<Figures> = await milliFigures(port, hostKeyFingerprint, 'small');
  const theirs: Partial<Figures> = await ncclientFigures(script, port, 'small');

  process.stdout.write(`seeding ~${BIG_PORTS} ports with descriptions for the big reply... `);
  const seeder = await NetconfClient.connect({
    host: '127.0.0.1',
    port,
    ...USER,
    hostKeyFingerprint,
    keepaliveIntervalMs: 0,
    rpcTimeoutMs: 600_000,
  });
  const seedStart = performance.now();
  throwIfRpcError(await seeder.editConfig({ target: 'candidate', config: bigConfig(BIG_PORTS) }));
  throwIfRpcError(await seeder.commit());
  await seeder.close();
  console.log(`${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  Object.assign(ours, await milliFigures(port, hostKeyFingerprint, 'big'));
  Object.assign(theirs, await ncclientFigures(script, port, 'big'));

  const row = (label: string, a: number | undefined, b: number | undefined, unit: string) => {
    const ratio = a !== undefined && b ? `${(a / b).toFixed(2)}x` : 'n/a';
    console.log(
      `${label.padEnd(34)} milli ${a?.toFixed(1).padStart(9)} ${unit.padEnd(6)} ncclient ${b?.toFixed(1).padStart(9)} ${unit.padEnd(6)} ratio ${ratio}`,
    );
  };
  console.log('');
  row('get-config round trips, 1 in flight', ours.rps1, theirs.rps1, 'rps');
  row('get-config round trips, 32 in flight', ours.rps32, theirs.rps32, 'rps');
  row(`get-config of ${((ours.bigBytes ?? 0) / 1e6).toFixed(1)} MB, end to end`, ours.bigMBps, theirs.bigMBps, 'MB/s');
  row('  of which client-side parsing', ours.parseMBps, theirs.parseMBps, 'MB/s');
  const goal = ours.rps1 !== undefined && theirs.rps1 ? ours.rps1 / theirs.rps1 : 0;
  console.log(`\ngoal: at least 5x ncclient's round trips per second (1 in flight: ${goal.toFixed(2)}x)`);
} finally {
  await mock.close();
  rmSync(stateDir, { recursive: true, force: true });
}
