// pnpm bench:provision — access-line intents through the HTTP API of `milli serve` against the metro-medium lab
// (real NETCONF transactions on mock devices), then their releases. Prints throughput and p50/p99 from submit to
// active and from release to deleted, lines per network transaction, each NETCONF operation's mean latency, the
// phases of the transactions, and (for the large run) where milli serve's CPU went, from a V8 profile.
// The baseline, in the same run and on the same lines, is group commit off (`--lines-per-transaction 1`: every line
// its own transaction, one after the other on shared devices); rounds alternate off and on, so the machine's noise
// shows as a range. Then BENCH_INTENTS lines with group commit, closed loop, and the same paced at BENCH_RATE/s.
// BENCH_BASELINE (lines per alternating session, default 100), BENCH_ROUNDS (default 2), BENCH_CONCURRENCY (32),
// BENCH_LINES (lines per transaction when on), BENCH_RATE (default 50; 0 skips the paced run; the paced run meets the
// goal when it keeps up: every line active, p99 under 1 s, at a pace of 50/s or more), BENCH_PROFILE_LAB (a
// directory: the lab host's CPU profile is written there at the end), BENCH_PROFILE_PACED (1: the paced run is
// profiled and its stages printed, like the closed-loop one). Each session also prints the CPU seconds milli
// serve and the lab host used per line (/proc), which the shared machine's load moves far less than wall time.
// BENCH_LAB_THREADS: the lab's deviceThreads (0: every device on the host's one thread, the baseline);
// BENCH_RECONCILE_PERIOD: milli serve's --reconcile-period in seconds (0: the reconciler runs on device events only, to
// see whether its periodic pass over every device lands in a run); BENCH_CLOSED=0 skips the closed-loop run. The
// paced run also prints its slowest 1% of lines (submit time, stages, the rounds around them) and the idle time
// between rounds (support/slowestLines.ts). Figures only.
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LINES_PER_TRANSACTION } from '@milli/controller';
import { readIntent } from '@milli/intent';
import { defaultIsolation, labDown, labUp, readLabRecord } from '@milli/lab';
import { computePath, ledgerForGraph, PceGraph } from '@milli/pce';
import { loadTopology, TopologyIndex } from '@milli/topology';
import { hostMemoryLine, labThreadsFromEnv } from './support/processMemory';
import { ms, runSession, type SessionOptions, type SessionResult, summary } from './support/provisionSession';

const ROOT = join(import.meta.dirname, '..');
const TOPOLOGY = join(ROOT, 'lab/topologies/metro-medium.yaml');
const STATE = join(ROOT, '.milli/bench-provision');
const COUNT = Number(process.env.BENCH_INTENTS ?? 1000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const LINES = Number(process.env.BENCH_LINES ?? DEFAULT_LINES_PER_TRANSACTION);
const RATE = Number(process.env.BENCH_RATE ?? 50);
/** BENCH_CLOSED=0 skips the closed-loop run of BENCH_INTENTS lines (to measure the paced run alone). */
const CLOSED = process.env.BENCH_CLOSED !== '0';
/** BENCH_PROFILE_LAB=DIR: the lab host runs under `--cpu-prof` and writes its profile to DIR at `lab down`. */
const PROFILE_LAB = process.env.BENCH_PROFILE_LAB;
const TOKEN = `bench-${process.pid}-${Date.now()}-operator`;

async function main(): Promise<void> {
  console.log(`bench:provision — access lines through the API on metro-medium; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`);
  const topology = await loadTopology(TOPOLOGY);
  const parks = topology.sites.filter((s) => s.kind === 'park').map((s) => s.id);
  const dcs = topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id);
  // Park by park, DC by DC: consecutive lines share their DC's devices, the case group commit is for.
  const text = (i: number) => `connect park ${parks[i % parks.length]} to DC ${dcs[Math.floor(i / parks.length) % dcs.length]} with 10Mbps`;
  const texts = (count: number) => Array.from({ length: count }, (_, i) => text(i));

  // PCE alone, in process, on an empty ledger: the floor of the compile + PCE + reserve stage.
  const index = new TopologyIndex(topology);
  const graph = PceGraph.build(topology);
  const ledger = ledgerForGraph(graph);
  const pceTimes: number[] = [];
  for (let i = 0; i < Math.min(COUNT, 300); i++) {
    const request = readIntent(text(i), { topology: index, now: Date.now() }).compilation.pathRequests[0];
    if (!request) continue;
    const t0 = performance.now();
    computePath(graph, ledger, request, { now: Date.now() });
    pceTimes.push(performance.now() - t0);
  }
  console.log(`PCE alone (in process, empty ledger): ${summary(pceTimes)}`);

  await labDown(STATE);
  rmSync(STATE, { recursive: true, force: true });
  const labStarted = performance.now();
  const { inventory, devices } = await labUp({
    topologyPath: TOPOLOGY,
    stateDir: STATE,
    isolation: await defaultIsolation(),
    ...(PROFILE_LAB ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_LAB}`] } : {}),
    limits: labThreadsFromEnv(),
  });
  const hostPid = readLabRecord(STATE)!.hostPid!;
  const threads = labThreadsFromEnv().deviceThreads ?? 'default';
  console.log(
    `lab: ${devices} devices in ${ms(performance.now() - labStarted)} on device threads: ${threads}; ${hostMemoryLine(hostPid)}; ${parks.length} parks, ${dcs.length} DCs`,
  );
  const base: Omit<SessionOptions, 'label' | 'linesPerTransaction' | 'texts'> = {
    concurrency: CONCURRENCY,
    stateDir: STATE,
    inventory,
    topology: TOPOLOGY,
    token: TOKEN,
  };
  try {
    const ratios: number[] = [];
    const p99s: { off: number[]; on: number[] } = { off: [], on: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const off = await runSession({
        ...base,
        label: `round ${round}, group commit off, ${BASELINE} lines`,
        linesPerTransaction: 1,
        texts: texts(BASELINE),
      });
      const on = await runSession({
        ...base,
        label: `round ${round}, group commit on (≤${LINES}), ${BASELINE} lines`,
        linesPerTransaction: LINES,
        texts: texts(BASELINE),
      });
      if (off.rate > 0) ratios.push(on.rate / off.rate);
      p99s.off.push(off.p99);
      p99s.on.push(on.p99);
    }
    if (ratios.length > 0) {
      console.log(
        `group commit on / off, same ${BASELINE} lines: throughput ratio ${Math.min(...ratios).toFixed(2)}×–${Math.max(...ratios).toFixed(2)}× over ${ratios.length} rounds; p99 off ${p99s.off.map(ms).join(', ')}, on ${p99s.on.map(ms).join(', ')}`,
      );
    }
    const large: SessionResult | undefined = CLOSED
      ? await runSession({
          ...base,
          label: `${COUNT} lines, group commit on`,
          linesPerTransaction: LINES,
          texts: texts(COUNT),
          profile: true,
          detail: true,
        })
      : undefined;
    const paced: SessionResult | undefined =
      RATE > 0
        ? await runSession({
            ...base,
            label: `${COUNT} lines, group commit on`,
            linesPerTransaction: LINES,
            texts: texts(COUNT),
            rate: RATE,
            tail: true,
            ...(process.env.BENCH_PROFILE_PACED ? { profile: true, detail: true } : {}),
          })
        : undefined;
    // Closed loop: the rate it reached. Paced: the rate measured there can never reach the pace (the last line's own
    // latency is in it: 1,000 lines at 50/s measure at most 1000 / (19.98 s + its latency)); a run sustains the pace
    // when it keeps up with it: every line active, and within 1 s of its submission at p99.
    const closedVerdict = (r: SessionResult) => (r.rate >= 50 && r.p99 < 1000 ? 'meets' : 'misses');
    const pacedVerdict = (r: SessionResult) => (RATE >= 50 && r.active === COUNT && r.p99 < 1000 ? 'meets: kept up' : 'misses');
    console.log(
      'goal >= 50 intents/s sustained with p99 < 1 s:' +
        (large ? ` closed loop ${large.rate.toFixed(1)}/s p99 ${ms(large.p99)} (${closedVerdict(large)});` : '') +
        (paced
          ? ` paced at ${RATE}/s: ${paced.active}/${COUNT} active, measured ${paced.rate.toFixed(1)}/s, p99 ${ms(paced.p99)} (${pacedVerdict(paced)})`
          : '') +
        (large ? `; ${large.active}/${COUNT} lines fit` : ''),
    );
    console.log(`after the runs: ${hostMemoryLine(hostPid)}`);
  } finally {
    await labDown(STATE);
  }
}

await main();
