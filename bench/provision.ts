// pnpm bench:provision — 1,000 access-line intents through the HTTP API of `milli serve` against the metro-medium lab
// (real NETCONF transactions on mock devices), then their releases. Prints throughput and p50/p99 from submit to
// active and from release to deleted, and where the time went (queueing, compile + PCE + reserve, planning, and each
// NETCONF phase of the network transactions, from the controller's own store). The baseline, in the same run, is the
// same kind of intent submitted one at a time; PCE alone is timed in process on the same requests. Figures only.
// BENCH_KIND=dci runs 100G DC interconnects instead (wavelength lines), BENCH_INTENTS sets the count.
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@milli/api';
import { spawnServeProcess } from '@milli/cli';
import { SqliteStore, type Transition } from '@milli/controller';
import { readIntent } from '@milli/intent';
import { defaultIsolation, labDown, labUp } from '@milli/lab';
import { computePath, ledgerForGraph, PceGraph } from '@milli/pce';
import { loadTopology, TopologyIndex } from '@milli/topology';

const ROOT = join(import.meta.dirname, '..');
const TOPOLOGY = join(ROOT, 'lab/topologies/metro-medium.yaml');
const STATE = join(ROOT, '.milli/bench-provision');
const COUNT = Number(process.env.BENCH_INTENTS ?? 1000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TOKEN = `bench-${process.pid}-${Date.now()}-operator`;
const KIND = process.env.BENCH_KIND === 'dci' ? 'dci' : 'access';

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const summary = (values: number[]) =>
  values.length === 0 ? 'none' : `p50 ${ms(pct(values, 50))}, p99 ${ms(pct(values, 99))} (n=${values.length})`;

/** Settles promises with at most `limit` running. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

/** Waits on the event stream: each intent's settling state and when this client heard it. */
class Settled {
  private readonly waiters = new Map<string, { states: string[]; resolve: (t: Transition & { heard: number }) => void }>();
  private readonly seen = new Map<string, Transition & { heard: number }>();
  hear(t: Transition): void {
    const heard = { ...t, heard: performance.now() };
    this.seen.set(`${t.intent}:${t.to}`, heard);
    const w = this.waiters.get(t.intent);
    if (w?.states.includes(t.to)) {
      this.waiters.delete(t.intent);
      w.resolve(heard);
    }
  }
  until(intent: string, states: string[]): Promise<Transition & { heard: number }> {
    for (const s of states) {
      const t = this.seen.get(`${intent}:${s}`);
      if (t) return Promise.resolve(t);
    }
    return new Promise((resolve) => this.waiters.set(intent, { states, resolve }));
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:provision — ${COUNT} ${KIND === 'dci' ? 'DC interconnects' : 'access lines'} through the API on metro-medium; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const topology = await loadTopology(TOPOLOGY);
  const parks = topology.sites.filter((s) => s.kind === 'park').map((s) => s.id);
  const dcs = topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id);
  const pairs = dcs.flatMap((a, i) => dcs.slice(i + 1).map((b) => [a, b] as const));
  const text = (i: number) => {
    if (KIND === 'dci') {
      const [a, b] = pairs[i % pairs.length] as readonly [string, string];
      return `connect ${a} to ${b} at wavelength`;
    }
    return `connect park ${parks[i % parks.length]} to DC ${dcs[Math.floor(i / parks.length) % dcs.length]} with 10Mbps`;
  };

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
  const { inventory, devices } = await labUp({ topologyPath: TOPOLOGY, stateDir: STATE, isolation: await defaultIsolation() });
  console.log(`lab: ${devices} devices in ${ms(performance.now() - labStarted)}`);
  const db = join(STATE, 'milli.db');
  const serving = await spawnServeProcess({
    args: ['--inventory', inventory, '--topology', TOPOLOGY, '--db', db],
    env: { MILLI_TOKENS: `${TOKEN}:operator` },
    log: join(STATE, 'serve.log'),
    ...(process.env.BENCH_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] } : {}),
  });
  const client = new ApiClient(serving.url, TOKEN);
  const settled = new Settled();
  const stream = new AbortController();
  const listening = (async () => {
    for await (const t of client.events({ after: 0, signal: stream.signal })) settled.hear(t);
  })();
  try {
    const run = async (label: string, indices: number[], concurrency: number) => {
      const latencies: number[] = [];
      const failures = new Map<string, number>();
      const ids: string[] = [];
      const started = performance.now();
      let last = started;
      await pool(indices, concurrency, async (i) => {
        const t0 = performance.now();
        const { id } = await client.submit(text(i));
        ids.push(id);
        const end = await settled.until(id, ['active', 'failed']);
        last = Math.max(last, end.heard);
        if (end.to === 'active') latencies.push(end.heard - t0);
        else {
          const code = (await client.get(id)).error?.code ?? 'unknown';
          failures.set(code, (failures.get(code) ?? 0) + 1);
        }
      });
      const seconds = Math.max(last - started, 1) / 1000;
      console.log(
        `${label}: ${latencies.length}/${indices.length} active in ${seconds.toFixed(2)} s = ${(latencies.length / seconds).toFixed(1)} intents/s; submit → active ${summary(latencies)}` +
          (failures.size > 0 ? `; failed: ${[...failures].map(([c, n]) => `${c} ×${n}`).join(', ')}` : ''),
      );
      return { ids, rate: latencies.length / seconds };
    };
    const baseline = await run(
      'baseline, one at a time',
      Array.from({ length: BASELINE }, (_, i) => COUNT + i),
      1,
    );
    const main = await run(
      `${COUNT} with ${CONCURRENCY} in flight`,
      Array.from({ length: COUNT }, (_, i) => i),
      CONCURRENCY,
    );
    const ratio = baseline.rate > 0 ? `${(main.rate / baseline.rate).toFixed(2)}×` : 'no ratio (nothing went active one at a time)';
    console.log(`ratio: ${ratio} the one-at-a-time rate; goal >= 50 intents/s with p99 < 1 s`);

    const releases: number[] = [];
    const releaseStarted = performance.now();
    let releaseLast = releaseStarted;
    const active = [...main.ids, ...baseline.ids];
    await pool(active, CONCURRENCY, async (id) => {
      const record = await client.get(id);
      if (record.state !== 'active') return;
      const t0 = performance.now();
      await client.release(id);
      const end = await settled.until(id, ['deleted', 'failed']);
      releaseLast = Math.max(releaseLast, end.heard);
      releases.push(end.heard - t0);
    });
    const releaseSeconds = Math.max(releaseLast - releaseStarted, 1) / 1000;
    console.log(
      `releases: ${releases.length} in ${releaseSeconds.toFixed(2)} s = ${(releases.length / releaseSeconds).toFixed(1)}/s; release → deleted ${summary(releases)}`,
    );
  } finally {
    stream.abort();
    await listening.catch(() => undefined);
    await serving.stop();
  }
  await whereTheTimeWent(db);
  await labDown(STATE);
}

/** From the controller's store: each lifecycle stage, and each phase of every network transaction, as recorded. */
async function whereTheTimeWent(db: string): Promise<void> {
  const store = SqliteStore.open(db);
  try {
    const transitions = await store.transitionsSince(0, 1_000_000);
    const byIntent = new Map<string, Transition[]>();
    for (const t of transitions) byIntent.set(t.intent, [...(byIntent.get(t.intent) ?? []), t]);
    const stages = new Map<string, number[]>();
    for (const history of byIntent.values()) {
      for (let i = 1; i < history.length; i++) {
        const [a, b] = [history[i - 1] as Transition, history[i] as Transition];
        const key = `${a.to} → ${b.to}`;
        stages.set(key, [...(stages.get(key) ?? []), b.at - a.at]);
      }
    }
    console.log('where the time went (controller store, ms between transitions):');
    for (const [stage, values] of [...stages].sort((a, b) => b[1].length - a[1].length))
      console.log(`  ${stage.padEnd(28)} ${summary(values)}`);
    const phases = new Map<string, number[]>();
    for (let n = 1, misses = 0; misses < 3; n++) {
      const journal = await store.journal(`T-${n}`);
      if (journal.length === 0) {
        misses++;
        continue;
      }
      misses = 0;
      const opened = new Map<string, number>();
      for (const e of journal) {
        if (e.state === 'started') opened.set(e.phase, e.at);
        else if (opened.has(e.phase)) phases.set(e.phase, [...(phases.get(e.phase) ?? []), e.at - (opened.get(e.phase) as number)]);
      }
    }
    console.log('network transaction phases (journal, ms per phase):');
    for (const [phase, values] of phases) console.log(`  ${phase.padEnd(28)} ${summary(values)}`);
  } finally {
    await store.close();
  }
}

await main();
