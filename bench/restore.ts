// pnpm bench:restore — 100G DC interconnects over metro-medium in the lab through `milli serve` (a mix: every third 1+1,
// the rest unprotected), then the busiest fibre cut. Prints, per affected unprotected line, the time from the cut to
// the line active again on a new path (p50/p99), and how many were not restored and why. The baseline, in the same
// run, is one line alone: a fibre that carries a single line cut first, timed the same way. Figures only.
// BENCH_LINES sets the count (default 12; the DCs' transponders hold only a few 100G lines, the rest fail with their reason).
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@milli/api';
import { spawnServeProcess } from '@milli/cli';
import type { IntentRecord, Transition } from '@milli/controller';
import { defaultIsolation, labDown, labPaths, labUp, sendControl } from '@milli/lab';
import { loadTopology } from '@milli/topology';

const ROOT = join(import.meta.dirname, '..');
const TOPOLOGY = join(ROOT, 'lab/topologies/metro-medium.yaml');
const STATE = join(ROOT, '.milli/bench-restore');
const COUNT = Number(process.env.BENCH_LINES ?? 12);
const TOKEN = `bench-${process.pid}-${Date.now()}-operator`;
const WAIT_MS = 60_000;

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const summary = (values: number[]) =>
  values.length === 0
    ? 'none'
    : `p50 ${ms(pct(values, 50))}, p99 ${ms(pct(values, 99))}, max ${ms(Math.max(...values))} (n=${values.length})`;

/** Cuts `fibre` and waits for every line in `lines` to be restored (restoring → active) or to give up (→ degraded). */
async function cutAndTime(
  client: ApiClient,
  control: string,
  fibre: string,
  lines: IntentRecord[],
): Promise<{ times: number[]; failed: Map<string, string> }> {
  const times: number[] = [];
  const failed = new Map<string, string>();
  const pending = new Set(lines.map((l) => l.id));
  const after = Math.max(...(await Promise.all(lines.map(async (l) => (await client.get(l.id)).history.at(-1)!.seq))));
  const stream = new AbortController();
  const timer = setTimeout(() => stream.abort(), WAIT_MS);
  const t0 = performance.now();
  const heard = (async () => {
    try {
      for await (const t of client.events({ after, signal: stream.signal }) as AsyncGenerator<Transition>) {
        if (!pending.has(t.intent) || t.from !== 'restoring') continue;
        if (t.to === 'active') times.push(performance.now() - t0);
        else failed.set(t.intent, t.reason);
        pending.delete(t.intent);
        if (pending.size === 0) stream.abort();
      }
    } catch {
      // aborted: all heard, or the wait ran out
    }
  })();
  await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: fibre });
  await heard;
  clearTimeout(timer);
  for (const id of pending) failed.set(id, `not settled within ${WAIT_MS / 1000} s`);
  await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: fibre });
  return { times, failed };
}

async function main(): Promise<void> {
  console.log(`bench:restore — ${COUNT} DC interconnects on metro-medium; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`);
  const topology = await loadTopology(TOPOLOGY);
  const dcs = topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id);
  const pairs = dcs.flatMap((a, k) => dcs.slice(k + 1).map((b) => [a, b] as const));
  // 100G DC interconnects between every pair of DCs in turn, every third 1+1.
  const text = (i: number) => {
    const [a, b] = pairs[i % pairs.length]!;
    return `connect ${a} to ${b} at 100G${i % 3 === 2 ? ' protected' : ''}`;
  };
  await labDown(STATE);
  rmSync(STATE, { recursive: true, force: true });
  const { inventory } = await labUp({ topologyPath: TOPOLOGY, stateDir: STATE, isolation: await defaultIsolation() });
  const serving = await spawnServeProcess({
    args: ['--inventory', inventory, '--topology', TOPOLOGY, '--db', join(STATE, 'milli.db')],
    env: { MILLI_TOKENS: `${TOKEN}:operator` },
    log: join(STATE, 'serve.log'),
  });
  const client = new ApiClient(serving.url, TOKEN);
  const control = labPaths(STATE).control;
  try {
    const lines: IntentRecord[] = [];
    for (let i = 0; i < COUNT; i++) {
      const { id } = await client.submit(text(i));
      lines.push(await client.follow(id, { until: ['active', 'failed'] }));
    }
    const active = lines.filter((l) => l.state === 'active');
    const unprotected = active.filter((l) => !l.path?.protection);
    console.log(`provisioned: ${active.length} active (${unprotected.length} unprotected), ${lines.length - active.length} failed`);
    for (const l of lines.filter((x) => x.state !== 'active').slice(0, 3)) console.log(`  failed: ${l.error?.message}`);
    const load = new Map<string, IntentRecord[]>();
    for (const l of unprotected) for (const f of l.path!.working.fibres) load.set(f, [...(load.get(f) ?? []), l]);
    const ranked = [...load.entries()].sort((x, y) => y[1].length - x[1].length);
    const [busiest, onBusiest] = ranked[0]!;
    const single = ranked.find(([, on]) => on.length === 1 && !on[0]!.path!.working.fibres.includes(busiest));

    if (single) {
      const base = await cutAndTime(client, control, single[0], single[1]);
      console.log(`baseline, one line on ${single[0]}: ${summary(base.times)}; not restored ${base.failed.size}`);
      await new Promise((r) => setTimeout(r, 2000));
    } else console.log('baseline: no fibre carries exactly one unprotected line');
    const cut = await cutAndTime(client, control, busiest, onBusiest);
    console.log(`busiest fibre ${busiest}, ${onBusiest.length} unprotected lines on it: ${summary(cut.times)}`);
    console.log(`not restored: ${cut.failed.size}`);
    const why = new Map<string, number>();
    for (const reason of cut.failed.values()) why.set(reason.slice(0, 120), (why.get(reason.slice(0, 120)) ?? 0) + 1);
    for (const [reason, n] of why) console.log(`  ${n} × ${reason}`);
  } finally {
    await serving.stop();
    await labDown(STATE);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
