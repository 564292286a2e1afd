// pnpm bench:restore — many lines over metro-medium in the lab through `milli serve`: OSU access lines from every park
// to the DCs by turns (every third 1+1 protected, the rest unprotected) and a few 100G DC interconnects, then the
// busiest fibre cut and returned. Prints, per affected line, the time from the cut to the line active again (p50/p99),
// how many were not restored and why (grouped), the same for the fibre's return, and where the restorations' time
// went (from the serve log's transaction phases). The baseline, in the same run, is one unprotected line alone on an
// empty network, cut and timed the same way. Figures only.
// BENCH_LINES (default 500) lines in all; BENCH_DCIS (default 6) of them DC interconnects; BENCH_WAVE (default 25)
// intents submitted at once; BENCH_WAIT_S (default 60) the longest wait for lines to settle; BENCH_RECONCILE=off runs
// `milli serve --no-reconcile` (the reconciler reads every device its own transactions change);
// BENCH_LINES_PER_TX and BENCH_MOVES_PER_TX pass `--lines-per-transaction` and `--moves-per-transaction`; BENCH_CPU_PROF=DIR
// profiles `milli serve` (node --cpu-prof) and prints where its CPU went from the cut until the cut's lines settled;
// BENCH_LAB_CPU_PROF=DIR does the same for the lab host (every mock device shares its one thread); BENCH_LAB_CPU_SHARE
// sets the lab's deviceCpuShare (default 0.1: a device that used more of the host's thread lately waits while others
// are active; 1 turns that off), to see how much of a round the lab's fairness holds the DC devices back;
// BENCH_LAB_THREADS the lab's deviceThreads (0: every device on the host's one thread, the one-thread baseline).
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@milli/api';
import { spawnServeProcess } from '@milli/cli';
import type { IntentRecord, Transition } from '@milli/controller';
import { defaultIsolation, labDown, labPaths, labUp, readLabRecord, sendControl } from '@milli/lab';
import { loadTopology } from '@milli/topology';
import { monotonicUs, type ProfileWindow, summariseCpuProfile, topFunctions } from './support/cpuProfileSummary';
import { hostMemoryLine, labThreadsFromEnv, processCpuSeconds } from './support/processMemory';
import { firstAlarmOf } from './support/firstAlarm';
import { printMoveRounds, printRestorationTimeline } from './support/restoreTimeline';
import { groupReasons, lastSeq, ms, summary, settleLines } from './support/settle';

const ROOT = join(import.meta.dirname, '..');
const TOPOLOGY = join(ROOT, 'lab/topologies/metro-medium.yaml');
const STATE = join(ROOT, '.milli/bench-restore');
const COUNT = Number(process.env.BENCH_LINES ?? 500);
const DCIS = Math.min(COUNT, Number(process.env.BENCH_DCIS ?? 6));
const WAVE = Number(process.env.BENCH_WAVE ?? 25);
const WAIT_MS = Number(process.env.BENCH_WAIT_S ?? 60) * 1000;
const RECONCILE = process.env.BENCH_RECONCILE !== 'off';
const PROFILE = process.env.BENCH_CPU_PROF;
const LAB_PROFILE = process.env.BENCH_LAB_CPU_PROF;
const LAB_CPU_SHARE = process.env.BENCH_LAB_CPU_SHARE;
const LINES_PER_TX = process.env.BENCH_LINES_PER_TX;
const MOVES_PER_TX = process.env.BENCH_MOVES_PER_TX;
const TOKEN = `bench-${process.pid}-${Date.now()}-operator`;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const isProtected = (l: IntentRecord) => l.path?.protection !== undefined;

interface Plan {
  text: string;
}

/** What to provision: DC interconnects first (few: the DCs' transponders are few), then park lines by turns. */
function plan(parks: string[], dcs: string[]): Plan[] {
  const pairs = dcs.flatMap((a, k) => dcs.slice(k + 1).map((b) => [a, b] as const));
  const dcis = Array.from({ length: DCIS }, (_, i) => {
    const [a, b] = pairs[i % pairs.length]!;
    return { text: `connect ${a} to ${b} at 100G${i % 3 === 2 ? ' protected' : ''}` };
  });
  const access = Array.from({ length: COUNT - DCIS }, (_, i) => ({
    text: `connect park ${parks[i % parks.length]} to DC ${dcs[i % dcs.length]} with 10Mbps ${i % 3 === 2 ? 'protected' : 'unprotected'}`,
  }));
  return [...dcis, ...access];
}

/** Submits in waves of WAVE and follows each to active or failed. */
async function provision(client: ApiClient, plans: Plan[]): Promise<IntentRecord[]> {
  const lines: IntentRecord[] = [];
  for (let i = 0; i < plans.length; i += WAVE) {
    const wave = await Promise.all(plans.slice(i, i + WAVE).map((p) => client.submit(p.text)));
    lines.push(...(await Promise.all(wave.map(({ id }) => client.follow(id, { until: ['active', 'failed'] })))));
  }
  return lines;
}

/** Waits (bounded) until no alarm stands on `fibre`, so the next step starts from a quiet network. */
async function quiet(client: ApiClient, fibre: string): Promise<void> {
  for (let i = 0; i < 300 && (await client.alarms({ active: true })).some((a) => a.root.id === fibre); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The baseline: one unprotected line alone on the network, a fibre in the middle of its path cut and returned. */
async function baseline(client: ApiClient, control: string, park: string, dc: string): Promise<void> {
  const { id } = await client.submit(`connect park ${park} to DC ${dc} with 10Mbps unprotected`);
  const line = await client.follow(id, { until: ['active', 'failed'] });
  const fibres = line.path?.working.fibres ?? [];
  // The park's own drop (first) and the DC's last span may have no way round; a middle span has.
  const fibre = fibres[Math.floor(fibres.length / 2)];
  if (line.state !== 'active' || fibre === undefined) {
    console.log(`baseline: the line did not go active (${line.error?.message ?? line.state})`);
    return;
  }
  const after = await lastSeq(client, [id]);
  const startedAt = Date.now();
  await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: fibre });
  const settled = await settleLines(client, {
    intents: [id],
    after,
    startedAt,
    waitMs: WAIT_MS,
    settles: (t) => t.to === 'active' || (t.from === 'restoring' && t.to === 'degraded'),
  });
  const s = settled.get(id)!;
  const outcome = s.last?.to === 'active' ? `active again in ${ms(s.ms!)}` : `not restored: ${s.last?.reason ?? 'nothing heard'}`;
  console.log(`baseline, one unprotected line alone, ${fibre} cut: ${outcome} (load ${load()})`);
  await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: fibre });
  await quiet(client, fibre);
  const { id: releasing } = await client.release(id);
  await client.follow(releasing, { until: ['deleted', 'failed'] });
}

/** The fibre most lines (working or protection leg) cross, and those lines. */
function busiestFibre(lines: IntentRecord[]): { fibre: string; on: IntentRecord[] } {
  const on = new Map<string, IntentRecord[]>();
  for (const l of lines) {
    for (const f of new Set([...(l.path?.working.fibres ?? []), ...(l.path?.protection?.fibres ?? [])]))
      on.set(f, [...(on.get(f) ?? []), l]);
  }
  const [fibre, carried] = [...on.entries()].sort((x, y) => y[1].length - x[1].length)[0]!;
  return { fibre, on: carried };
}

function report(title: string, settled: { ms?: number; last?: { to: string; reason: string } }[]): void {
  const back = settled.filter((s) => s.ms !== undefined);
  console.log(`${title}: ${summary(back.map((s) => s.ms!))}`);
  const not = settled.filter((s) => s.ms === undefined);
  if (not.length === 0) return;
  console.log(`  not active again: ${not.length}, by reason:`);
  for (const [reason, n] of groupReasons(not.map((s) => (s.last ? `${s.last.to}: ${s.last.reason}` : 'no transition heard')))) {
    console.log(`    ${n} × ${reason}`);
  }
}

async function main(): Promise<void> {
  const topology = await loadTopology(TOPOLOGY);
  const dcs = topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id);
  const parks = topology.sites.filter((s) => s.kind === 'park').map((s) => s.id);
  console.log(
    `bench:restore — ${COUNT} lines on metro-medium (${DCIS} DC interconnects, the rest park access lines, every third protected)`,
  );
  console.log(`${cpus().length} cores, load ${load()}; reconciler ${RECONCILE ? 'on (every 60 s and on device events)' : 'off'}`);
  await labDown(STATE);
  rmSync(STATE, { recursive: true, force: true });
  const { inventory } = await labUp({
    topologyPath: TOPOLOGY,
    stateDir: STATE,
    isolation: await defaultIsolation(),
    ...(LAB_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${LAB_PROFILE}`] } : {}),
    limits: { ...labThreadsFromEnv(), ...(LAB_CPU_SHARE ? { deviceCpuShare: Number(LAB_CPU_SHARE) } : {}) },
  });
  console.log(`lab device threads: ${labThreadsFromEnv().deviceThreads ?? 'default'}; ${hostMemoryLine(readLabRecord(STATE)!.hostPid!)}`);
  const log = join(STATE, 'serve.log');
  const serving = await spawnServeProcess({
    args: [
      '--inventory',
      inventory,
      '--topology',
      TOPOLOGY,
      '--db',
      join(STATE, 'milli.db'),
      ...(RECONCILE ? [] : ['--no-reconcile']),
      ...(LINES_PER_TX ? ['--lines-per-transaction', LINES_PER_TX] : []),
      ...(MOVES_PER_TX ? ['--moves-per-transaction', MOVES_PER_TX] : []),
    ],
    // info: the transaction phase lines the timeline reads.
    env: { MILLI_TOKENS: `${TOKEN}:operator`, MILLI_LOG_LEVEL: 'info' },
    log,
    ...(PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] } : {}),
  });
  let cutWindow: ProfileWindow | undefined;
  const client = new ApiClient(serving.url, TOKEN);
  const control = labPaths(STATE).control;
  try {
    await baseline(client, control, parks[0]!, dcs[0]!);

    const t0 = performance.now();
    const lines = await provision(client, plan(parks, dcs));
    const active = lines.filter((l) => l.state === 'active');
    console.log(
      `provisioned ${active.length} of ${lines.length} in ${ms(performance.now() - t0)}: ` +
        `${active.filter((l) => !isProtected(l)).length} unprotected, ${active.filter(isProtected).length} protected active (load ${load()})`,
    );
    for (const [reason, n] of groupReasons(lines.filter((l) => l.state !== 'active').map((l) => l.error?.message ?? l.state))) {
      console.log(`  ${n} × failed: ${reason}`);
    }

    const { fibre, on } = busiestFibre(active);
    const unprotected = on.filter((l) => !isProtected(l));
    const protectedOn = on.filter(isProtected);
    console.log(`busiest fibre ${fibre}: ${on.length} lines (${unprotected.length} unprotected, ${protectedOn.length} protected)`);
    const ids = on.map((l) => l.id);
    const after = await lastSeq(client, ids);
    const heard: Transition[] = [];
    const cpu = cpuFollower([
      ['milli serve', serving.pid],
      ['the lab host', readLabRecord(STATE)?.hostPid],
    ]);
    const cutAt = Date.now();
    const cutUs = monotonicUs();
    await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: fibre });
    const [cutU, cutP] = await Promise.all([
      settleLines(client, {
        intents: unprotected.map((l) => l.id),
        after,
        startedAt: cutAt,
        waitMs: WAIT_MS,
        settles: (t) => t.to === 'active' || (t.from === 'restoring' && t.to === 'degraded'),
        onTransition: (t) => {
          heard.push(t);
          if (t.to === 'active') cpu.mark();
        },
      }),
      // A protected line's devices switch on their own; it is active again once it has two healthy legs.
      settleLines(client, {
        intents: protectedOn.map((l) => l.id),
        after,
        startedAt: cutAt,
        waitMs: WAIT_MS / 4,
        settles: (t) => t.to === 'active',
        onTransition: (t) => {
          if (t.to === 'active') cpu.mark();
        },
      }),
    ]);
    cutWindow = { fromUs: cutUs, toUs: monotonicUs() };
    console.log(`  CPU from the cut until the last line active again (${cpu.report()}; load ${load()})`);
    const restoredU = [...cutU.values()].map((s) => (s.last?.to === 'active' ? s : { ...s, ms: undefined }));
    report(`cut, unprotected lines active again (load ${load()})`, restoredU);
    report('cut, protected lines active again', [...cutP.values()]);
    const alarmAt = await firstAlarmOf(client, fibre, on.find((l) => l.line !== null)?.line ?? '', cutAt);
    if (alarmAt === undefined) console.log('  no alarm of the cut fibre found in the controller: nothing to count from');
    else {
      const fromAlarm = (s: { ms?: number }[]) => s.filter((x) => x.ms !== undefined).map((x) => x.ms! - (alarmAt - cutAt));
      console.log(`from the first alarm (raised ${ms(alarmAt - cutAt)} after the cut; the goal counts from it):`);
      console.log(`  unprotected lines active again: ${summary(fromAlarm(restoredU))}`);
      console.log(`  protected lines active again: ${summary(fromAlarm([...cutP.values()]))}`);
    }
    printRestorationTimeline(log, cutAt, heard);
    printMoveRounds(log, cutAt);

    const waiting = [...cutU.values(), ...cutP.values()].filter((s) => s.last?.to !== 'active').map((s) => s.intent);
    const restored = [...cutU.values()].filter((s) => s.last?.to === 'active').map((s) => s.intent);
    const afterCut = await lastSeq(client, ids);
    const returnAt = Date.now();
    await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: fibre });
    const back = await settleLines(client, {
      intents: waiting,
      after: afterCut,
      startedAt: returnAt,
      waitMs: WAIT_MS,
      settles: (t) => t.to === 'active',
    });
    report(`fibre returned, lines not active at the time active again (${waiting.length}; load ${load()})`, [...back.values()]);
    await quiet(client, fibre);
    const moved = (await Promise.all(restored.map((id) => client.get(id)))).filter((r) => (r.history.at(-1)?.seq ?? 0) > afterCut);
    console.log(`restored lines moved again by the fibre's return: ${moved.length} of ${restored.length}`);
    console.log(`after the runs: ${hostMemoryLine(readLabRecord(STATE)!.hostPid!)}`);
  } finally {
    await serving.stop();
    await labDown(STATE);
  }
  if (PROFILE && cutWindow) printProfile('milli serve', PROFILE, cutWindow);
  if (LAB_PROFILE && cutWindow) printProfile('the lab host', LAB_PROFILE, cutWindow);
}

/**
 * CPU seconds each process used from now until the last `mark()` (the last line active again): on a machine shared
 * with other work, the figure that moves with this code's changes, where wall time moves with the neighbours too.
 */
function cpuFollower(processes: [string, number | undefined][]): { mark(): void; report(): string } {
  const known = processes.filter((p): p is [string, number] => p[1] !== undefined);
  const read = () => known.map(([, pid]) => processCpuSeconds(pid));
  const start = read();
  const startedAt = performance.now();
  let last: { cpu: number[]; at: number } | undefined;
  return {
    mark: () => {
      last = { cpu: read(), at: performance.now() };
    },
    report: () => {
      if (!last) return 'no line active again';
      const { cpu, at } = last;
      const used = known.map(([name], i) => `${name} ${(cpu[i]! - start[i]!).toFixed(2)} s`);
      return `${ms(at - startedAt)}: ${used.join(', ')}`;
    },
  };
}

/** Where a process spent its CPU from the cut until the cut's lines settled: by part, then the busiest functions. */
function printProfile(who: string, dir: string, window: ProfileWindow): void {
  const span = `${ms((window.toUs - window.fromUs) / 1000)}; monotonic µs ${window.fromUs}–${window.toUs}`;
  console.log(`${who}'s CPU from the cut until its lines settled (${span}), profile in ${dir}:`);
  for (const { part, seconds } of summariseCpuProfile(dir, window)) console.log(`  ${part.padEnd(44)} ${seconds.toFixed(2)} s`);
  console.log('  busiest functions (self time):');
  for (const { fn, seconds } of topFunctions(dir, window, 30)) console.log(`    ${seconds.toFixed(2).padStart(6)} s  ${fn}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
