// Debian's python3-ncclient as a baseline of bench:netconf: round trips at 1 and 32 in flight (threads), or a big
// get-config end to end plus its own parsing share. Runs as /usr/bin/python3, optionally pinned to a CPU.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const SCRIPT = `
import json, sys, threading, time
from ncclient import manager
port, phase, seconds, ssh_config, user, password = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
# The host key is pinned through ssh_config's UserKnownHostsFile, as our client pins it by fingerprint.
m = manager.connect(host='127.0.0.1', port=port, username=user, password=password, hostkey_verify=True,
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

export interface NcclientRun {
  dir: string;
  port: number;
  /** The device's `TYPE BASE64` public key, pinned through a known_hosts file. */
  publicKey: string;
  user: { username: string; password: string };
  seconds: number;
  cpu?: number;
}

export async function ncclient(setup: NcclientRun, phase: 'small' | 'big'): Promise<Record<string, number>> {
  const script = join(setup.dir, 'ncclient_bench.py');
  const knownHosts = join(setup.dir, 'known_hosts');
  const sshConfig = join(setup.dir, 'ssh_config');
  writeFileSync(script, SCRIPT);
  writeFileSync(knownHosts, `[127.0.0.1]:${setup.port} ${setup.publicKey}\n`);
  writeFileSync(sshConfig, `Host *\n  UserKnownHostsFile ${knownHosts}\n`);
  const args = [script, String(setup.port), phase, String(setup.seconds), sshConfig, setup.user.username, setup.user.password];
  const [program, ...rest] =
    setup.cpu === undefined ? ['/usr/bin/python3', ...args] : ['/usr/bin/taskset', '-c', String(setup.cpu), '/usr/bin/python3', ...args];
  const { stdout } = await run(program!, rest, { timeout: 600_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}
