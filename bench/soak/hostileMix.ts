// The hostile half of `pnpm bench:soak`, run as its own process (so its own CPU use is not charged to the normal
// traffic's client): every probe of the hardening issue at once, each in a loop, against a few victim devices,
// until the deadline. Prints one JSON line of counts at the end.
import { type Socket, connect } from 'node:net';
import { Capabilities, NETCONF_BASE_NS, NetconfClient, connectSsh } from '@milli/netconf-client';
import { DEFAULT_DEVICE_LIMITS } from '@milli/lab';
import type { InventoryEntry } from '@milli/topology';

interface Victim {
  entry: InventoryEntry;
  password: string;
  /** A port of the device, for edits that validate. */
  port: string;
}

const [victimsJson, secondsText] = process.argv.slice(2) as [string, string];
const victims = JSON.parse(victimsJson) as Victim[];
const deadline = Date.now() + Number(secondsText) * 1000;
const counts: Record<string, number> = {};
const count = (what: string) => {
  counts[what] = (counts[what] ?? 0) + 1;
};
const running = () => Date.now() < deadline;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const victim = (i: number) => victims[i % victims.length]!;

/** The largest request a device allows: as many elements as DEFAULT_DEVICE_LIMITS allow (six wrap the filter). */
const BIG_FILTER = `<get-config><source><running/></source><filter type="subtree"><device xmlns="urn:milli:yang:milli-device">${'<ports/>'.repeat(DEFAULT_DEVICE_LIMITS.maxElements - 6)}</device></filter></get-config>`;
/** An invalid value of half the largest message allowed: the error reply must quote only a prefix of it. */
const BIG_VALUE = `<edit-config><target><candidate/></target><config><device xmlns="urn:milli:yang:milli-device"><ports><port><name>p</name><admin-status>${'x'.repeat(DEFAULT_DEVICE_LIMITS.maxMessageBytes / 2)}</admin-status></port></ports></device></config></edit-config>`;

function rawConnect({ entry, password }: Victim, username = entry.username) {
  return connectSsh({
    host: entry.address,
    port: entry.port,
    username,
    password,
    hostKeyFingerprint: entry.hostKeyFingerprint,
    connectTimeoutMs: 30_000,
    keepaliveIntervalMs: 0,
  });
}

function client({ entry, password }: Victim): Promise<NetconfClient> {
  return NetconfClient.connect({
    host: entry.address,
    port: entry.port,
    username: entry.username,
    password,
    hostKeyFingerprint: entry.hostKeyFingerprint,
    connectTimeoutMs: 30_000,
    rpcTimeoutMs: 120_000,
    keepaliveIntervalMs: 0,
  });
}

const HELLO = `<hello xmlns="${NETCONF_BASE_NS}"><capabilities><capability>${Capabilities.base11}</capability></capabilities></hello>`;

/** 1. Idle TCP connections: keeps up to 1000 open against one device, reopening what the device closes. */
async function tcpFlood(target: Victim): Promise<void> {
  const open = new Set<Socket>();
  while (running()) {
    while (open.size < 1000 && running()) {
      const socket = connect({ host: target.entry.address, port: target.entry.port });
      socket.resume();
      socket.on('error', () => {});
      socket.on('close', () => {
        open.delete(socket);
        count('tcpClosedByDevice');
      });
      open.add(socket);
      count('tcpOpened');
    }
    await sleep(50);
  }
  for (const socket of open) socket.destroy();
}

/** 2. Password guessing, four at a time: the device logs and slows it. */
async function guessPasswords(target: Victim): Promise<void> {
  const guess = async () => {
    for (let i = 0; running(); i++) {
      try {
        const transport = await rawConnect({ ...target, password: `guess-${i}` });
        await transport.close();
        count('guessAccepted'); // must stay 0
      } catch {
        count('guessRefused');
      }
    }
  };
  await Promise.all([guess(), guess(), guess(), guess()]);
}

/** 3. The largest allowed requests back to back: a filter of the most elements allowed, or a 4 MiB invalid value. */
async function biggestRequests(target: Victim, kind: 'filter' | 'value'): Promise<void> {
  const session = await client(target);
  while (running()) {
    if (kind === 'filter') {
      const filter = await session.rpc(BIG_FILTER, 'get-config');
      count(filter.failed ? 'bigFilterFailed' : 'bigFilterServed');
    } else {
      const value = await session.rpc(BIG_VALUE, 'edit-config');
      count(value.failed && value.xml.length < 8192 ? 'bigValueRefusedShortly' : 'bigValueOther');
    }
  }
  await session.close();
}

/** 4. A chunk header announcing a megabyte that never comes; the device closes it after its frame timeout. */
async function stalledFrames(target: Victim): Promise<void> {
  const stall = async () => {
    while (running()) {
      try {
        const transport = await rawConnect(target);
        const closed = new Promise<void>((resolve) =>
          transport.attach(
            () => {},
            () => resolve(),
          ),
        );
        transport.write(Buffer.from(`${HELLO}]]>]]>`));
        transport.write(Buffer.from('\n#1000000\n<rpc message-id="1"'));
        count('stallsStarted');
        await Promise.race([closed, sleep(Math.max(0, deadline - Date.now()))]);
        if (running()) count('stallsClosedByDevice');
        await transport.close();
      } catch {
        count('stallConnectFailed');
        await sleep(200);
      }
    }
  };
  await Promise.all([stall(), stall(), stall(), stall()]);
}

/** 5. A 64 KiB request in 1-byte chunks, over and over. */
async function oneByteChunks(target: Victim): Promise<void> {
  const rpc = Buffer.from(
    `<rpc xmlns="${NETCONF_BASE_NS}" message-id="1"><get-config><source><running/></source></get-config>${' '.repeat(65_536)}</rpc>`,
  );
  const framed = Buffer.concat([...rpc].map((byte) => Buffer.from([0x0a, 0x23, 0x31, 0x0a, byte])).concat([Buffer.from('\n##\n')]));
  while (running()) {
    try {
      const transport = await rawConnect(target);
      let replies = 0;
      let wake = () => {};
      transport.attach(
        (chunk) => {
          if (chunk.includes('rpc-reply')) replies++;
          wake();
        },
        () => wake(),
      );
      transport.write(Buffer.from(`${HELLO}]]>]]>`));
      for (let i = 0; i < 3 && running(); i++) {
        transport.write(framed);
        const before = replies;
        while (replies === before && running())
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 1000);
          });
        count('oneByteChunkRequests');
      }
      await transport.close();
    } catch {
      count('oneByteConnectFailed');
      await sleep(200);
    }
  }
}

/** 6. Lock, edit, and leave without committing: the next session must find a clean candidate. */
async function diesMidEdit(target: Victim): Promise<void> {
  while (running()) {
    try {
      const session = await client(target);
      await session.lock('candidate');
      await session.editConfig({
        target: 'candidate',
        config: `<device xmlns="urn:milli:yang:milli-device"><ports><port><name>${target.port}</name><description>half-finished</description></port></ports></device>`,
      });
      await session.close();
      count('diedMidEdit');
    } catch {
      count('diesMidEditFailed');
      await sleep(200);
    }
  }
}

/** 7. Requests of half the largest message, sixteen at a time, never reading a reply: the device stops reading. */
async function pipelineWithoutReading(target: Victim): Promise<void> {
  const padding = ' '.repeat(DEFAULT_DEVICE_LIMITS.maxMessageBytes / 2);
  while (running()) {
    try {
      const transport = await rawConnect(target);
      transport.attach(
        () => {},
        () => {},
      );
      transport.write(Buffer.from(`${HELLO}]]>]]>`));
      for (let i = 0; i < 16; i++) {
        const rpc = Buffer.from(
          `<rpc xmlns="${NETCONF_BASE_NS}" message-id="${i}"><get-config><source><running/></source></get-config>${padding}</rpc>`,
        );
        transport.write(Buffer.concat([Buffer.from(`\n#${rpc.length}\n`), rpc, Buffer.from('\n##\n')]));
        count('pipelinedRequests');
      }
      await sleep(Math.min(5000, Math.max(0, deadline - Date.now())));
      await transport.close();
    } catch {
      count('pipelineConnectFailed');
      await sleep(200);
    }
  }
}

const ACTORS: Record<string, () => Promise<void>> = {
  flood: () => tcpFlood(victim(0)),
  guess: () => guessPasswords(victim(1)),
  filter: () => biggestRequests(victim(2), 'filter'),
  value: () => biggestRequests(victim(3), 'value'),
  stall: () => stalledFrames(victim(1)),
  bytes: () => oneByteChunks(victim(2)),
  dies: () => diesMidEdit(victim(3)),
  pipeline: () => pipelineWithoutReading(victim(3)),
};
// SOAK_HOSTILE=flood,guess picks some of the mix (to see which part costs what); default all of it.
const chosen = (process.env.SOAK_HOSTILE ?? Object.keys(ACTORS).join(',')).split(',');
await Promise.all(chosen.map((name) => ACTORS[name]?.() ?? Promise.reject(new Error(`unknown hostile actor '${name}'`))));
// Its own CPU, which the shared machine's cores also had to find while the lab served the normal traffic.
const cpu = process.cpuUsage();
counts.hostileClientCpuMs = Math.round((cpu.user + cpu.system) / 1000);
console.log(JSON.stringify(counts));
process.exit(0);
