// milli's NETCONF client in a process of its own for bench:netconf, driven by the same one-line commands as the test
// suite's libnetconf2 client (test/interop/nc2client): both clients then run alike, outside the bench's own event
// loop, and can be pinned to a CPU and have their CPU time read from /proc the same way.
//   hostkey TYPE BASE64                 the device's host key, pinned by its fingerprint
//   connect NAME password USER PASS     open the session (one session; NAME is accepted for symmetry)
//   bench NAME SECONDS IN-FLIGHT        get-config of running with IN-FLIGHT rpcs outstanding; "bench COUNT SECONDS"
// Other commands of the libnetconf2 client (searchpath) are answered "ok" and ignored. Ends when stdin ends.
import { createInterface } from 'node:readline';
import { NetconfClient, sha256Fingerprint, throwIfRpcError } from '@milli/netconf-client';

const [host, port] = process.argv.slice(2);
if (!host || !port) {
  console.error('usage: netconfMilliClient HOST PORT');
  process.exit(2);
}

let fingerprint: string | undefined;
let client: NetconfClient | undefined;

async function roundTrips(seconds: number, inFlight: number): Promise<string> {
  if (!client) throw new Error('not connected');
  const session = client;
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        throwIfRpcError(await session.getConfig('running'));
        count++;
      }
    }),
  );
  return `${count} ${((performance.now() - started) / 1000).toFixed(6)}`;
}

async function handle(line: string): Promise<string> {
  const [command, ...args] = line.trim().split(' ');
  if (command === 'searchpath') return 'ok ignored';
  if (command === 'hostkey') {
    fingerprint = sha256Fingerprint(Buffer.from(args[1] ?? '', 'base64'));
    return 'ok pinned';
  }
  if (command === 'connect' && args[1] === 'password') {
    if (!fingerprint) return 'fail no host key pinned';
    client = await NetconfClient.connect({
      host: host!,
      port: Number(port),
      username: args[2]!,
      password: args[3]!,
      hostKeyFingerprint: fingerprint,
      keepaliveIntervalMs: 0,
      rpcTimeoutMs: 600_000,
    });
    return `session ${client.sessionId}`;
  }
  if (command === 'bench') return `bench ${await roundTrips(Number(args[1]), Number(args[2]))}`;
  return `fail unknown command ${command}`;
}

// One command at a time, in order, as the libnetconf2 client answers them.
let chain = Promise.resolve();
createInterface({ input: process.stdin })
  .on('line', (line) => {
    chain = chain.then(async () => {
      const answer = await handle(line).catch((err: Error) => `fail ${err.message.replace(/\n/g, ' ')}`);
      process.stdout.write(`${answer}\n`);
    });
  })
  .on('close', () => {
    void chain.then(async () => {
      await client?.close();
      process.exit(0);
    });
  });
