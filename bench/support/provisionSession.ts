// One session of bench:provision: `milli serve` started on a fresh store over the lab, a set of access lines
// submitted through the API and followed to active, then released and followed to deleted; what the controller's
// store, its /metrics and (optionally) a CPU profile say about where the time went.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from '@milli/api';
import { isMilliError } from '@milli/core';
import { spawnServeProcess } from '@milli/cli';
import { SqliteStore, type Transition } from '@milli/controller';
import { readLabRecord } from '@milli/lab';
import { summariseCpuProfile } from './cpuProfileSummary';
import { processCpuSeconds } from './processMemory';
import { printSlowestLines } from './slowestLines';

export const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

export function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const summary = (values: number[]) =>
  values.length === 0 ? 'none' : `p50 ${ms(pct(values, 50))}, p99 ${ms(pct(values, 99))} (n=${values.length})`;

export interface SessionOptions {
  label: string;
  /** `--lines-per-transaction` (1: group commit off). */
  linesPerTransaction: number;
  texts: string[];
  /** Closed loop: this many intents in flight at once. */
  concurrency: number;
  /** Open loop instead: one intent submitted every 1000/rate ms, however many are in flight. */
  rate?: number;
  stateDir: string;
  inventory: string;
  topology: string;
  token: string;
  /** Profile milli serve's CPU and say where it went. */
  profile?: boolean;
  /** Print the store's stages and phases. */
  detail?: boolean;
  /** Print the slowest 1% of lines, their stages and the rounds around them (slowestLines.ts). */
  tail?: boolean;
}

export interface SessionResult {
  active: number;
  rate: number;
  p50: number;
  p99: number;
  releaseRate: number;
  releaseP99: number;
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

/**
 * A request the server refused as overloaded (429: as many requests in flight as it answers at once) is sent again
 * after a pause, as a client following Retry-After would: on a loaded machine a paced run outruns the server, and
 * the line's time still counts from its first attempt.
 */
async function whenAnswered<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isMilliError(error, 'API_OVERLOADED') || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Settles `work` for every item, with at most `limit` running, or (with `rate`) starting one every 1000/rate ms. */
async function drive<T>(items: T[], limit: number, rate: number | undefined, work: (item: T) => Promise<void>): Promise<void> {
  if (rate) {
    const started = performance.now();
    await Promise.all(
      items.map(async (item, i) => {
        const due = started + (i * 1000) / rate - performance.now();
        if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
        await work(item);
      }),
    );
    return;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

let sessions = 0;

export async function runSession(o: SessionOptions): Promise<SessionResult> {
  const n = ++sessions;
  const db = join(o.stateDir, `milli-${n}.db`);
  const profileDir = join(o.stateDir, `profile-${n}`);
  if (o.profile) mkdirSync(profileDir, { recursive: true });
  const serving = await spawnServeProcess({
    args: [
      '--inventory',
      o.inventory,
      '--topology',
      o.topology,
      '--db',
      db,
      '--lines-per-transaction',
      String(o.linesPerTransaction),
      ...(process.env.BENCH_RECONCILE_PERIOD ? ['--reconcile-period', process.env.BENCH_RECONCILE_PERIOD] : []),
    ],
    env: { MILLI_TOKENS: `${o.token}:operator` },
    log: join(o.stateDir, `serve-${n}.log`),
    ...(o.profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
  });
  const client = new ApiClient(serving.url, o.token);
  const settled = new Settled();
  const stream = new AbortController();
  const listening = (async () => {
    for await (const t of client.events({ after: 0, signal: stream.signal })) settled.hear(t);
  })();
  let result: SessionResult;
  let metrics = '';
  const hostPid = readLabRecord(o.stateDir)?.hostPid;
  const cpu = () => ({ serve: processCpuSeconds(serving.pid), host: hostPid ? processCpuSeconds(hostPid) : Number.NaN });
  const cpuAtStart = cpu();
  try {
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const ids: string[] = [];
    const started = performance.now();
    let last = started;
    await drive(o.texts, o.concurrency, o.rate, async (text) => {
      const t0 = performance.now();
      const { id } = await whenAnswered(() => client.submit(text));
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
    const how = o.rate ? `submitted at ${o.rate}/s` : `${o.concurrency} in flight`;
    console.log(
      `${o.label} (${how}): ${latencies.length}/${o.texts.length} active in ${seconds.toFixed(2)} s = ${(latencies.length / seconds).toFixed(1)} intents/s; submit → active ${summary(latencies)}` +
        (failures.size > 0 ? `; failed: ${[...failures].map(([c, k]) => `${c} ×${k}`).join(', ')}` : ''),
    );

    const cpuAtActive = cpu();
    const releases: number[] = [];
    const releaseStarted = performance.now();
    let releaseLast = releaseStarted;
    await drive(ids, o.concurrency, o.rate, async (id) => {
      if ((await client.get(id)).state !== 'active') return;
      const t0 = performance.now();
      const release = await whenAnswered(() => client.release(id));
      const end = await settled.until(release.id, ['deleted', 'failed']);
      releaseLast = Math.max(releaseLast, end.heard);
      if (end.to === 'deleted') releases.push(end.heard - t0);
    });
    const releaseSeconds = Math.max(releaseLast - releaseStarted, 1) / 1000;
    console.log(
      `  releases: ${releases.length} in ${releaseSeconds.toFixed(2)} s = ${(releases.length / releaseSeconds).toFixed(1)}/s; release → deleted ${summary(releases)}`,
    );
    result = {
      active: latencies.length,
      rate: latencies.length / seconds,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      releaseRate: releases.length / releaseSeconds,
      releaseP99: pct(releases, 99),
    };
    const cpuAtEnd = cpu();
    const per = (a: { serve: number; host: number }, b: { serve: number; host: number }, n: number) =>
      `milli serve ${(b.serve - a.serve).toFixed(1)} s, lab host ${(b.host - a.host).toFixed(1)} s = ${((1000 * (b.serve - a.serve + b.host - a.host)) / Math.max(1, n)).toFixed(1)} ms per line`;
    console.log(
      `  CPU used (/proc): installs ${per(cpuAtStart, cpuAtActive, latencies.length)}; releases ${per(cpuAtActive, cpuAtEnd, releases.length)}`,
    );
    metrics = await (await fetch(`${serving.url}/metrics`, { headers: { authorization: `Bearer ${o.token}` } })).text();
  } finally {
    stream.abort();
    await listening.catch(() => undefined);
    await serving.stop();
  }
  await whereTheTimeWent(db, metrics, o.detail ?? false, o.tail ?? false);
  if (o.profile) {
    const parts = summariseCpuProfile(profileDir);
    const total = parts.reduce((s, p) => s + p.seconds, 0);
    console.log(`  milli serve's CPU profile (${total.toFixed(1)} s of wall time sampled):`);
    for (const p of parts.filter((x) => x.seconds >= 0.05))
      console.log(`    ${p.part.padEnd(40)} ${p.seconds.toFixed(2).padStart(7)} s ${((100 * p.seconds) / total).toFixed(1).padStart(5)}%`);
  }
  return result;
}

/** From the controller's store: lines per network transaction, each lifecycle stage and phase; from /metrics: NETCONF by operation. */
async function whereTheTimeWent(db: string, metrics: string, detail: boolean, tail: boolean): Promise<void> {
  const store = SqliteStore.open(db);
  try {
    const phases = new Map<string, number[]>();
    const linesPer = new Map<string, Set<string>>();
    for (let n = 1, misses = 0; misses < 3; n++) {
      const journal = await store.journal(`T-${n}`);
      if (journal.length === 0) {
        misses++;
        continue;
      }
      misses = 0;
      const opened = new Map<string, number>();
      for (const e of journal) {
        if (e.phase === 'prepare' && e.state === 'started')
          linesPer.set(e.persistId, (linesPer.get(e.persistId) ?? new Set()).add(e.transaction));
        if (e.state === 'started') opened.set(e.phase, e.at);
        else if (opened.has(e.phase)) phases.set(e.phase, [...(phases.get(e.phase) ?? []), e.at - (opened.get(e.phase) as number)]);
      }
    }
    const sizes = [...linesPer.values()].map((s) => s.size);
    console.log(
      `  network transactions: ${sizes.length} for ${sizes.reduce((a, b) => a + b, 0)} line transactions; lines per network transaction p50 ${pct(sizes, 50)}, max ${Math.max(0, ...sizes)}`,
    );
    console.log(`  phases (journal, ms): ${[...phases].map(([p, v]) => `${p} p50 ${ms(pct(v, 50))} p99 ${ms(pct(v, 99))}`).join('; ')}`);
    if (detail) {
      const transitions = await store.transitionsSince(0, 1_000_000);
      const byIntent = new Map<string, Transition[]>();
      for (const t of transitions) byIntent.set(t.intent, [...(byIntent.get(t.intent) ?? []), t]);
      const stages = new Map<string, number[]>();
      for (const history of byIntent.values()) {
        for (let i = 1; i < history.length; i++) {
          const [a, b] = [history[i - 1] as Transition, history[i] as Transition];
          stages.set(`${a.to} → ${b.to}`, [...(stages.get(`${a.to} → ${b.to}`) ?? []), b.at - a.at]);
        }
      }
      console.log('  lifecycle stages (store, ms between transitions; compiling → reserved is parse, compile, PCE and reserve):');
      for (const [stage, values] of [...stages].sort((a, b) => b[1].length - a[1].length))
        console.log(`    ${stage.padEnd(28)} ${summary(values)}`);
    }
    if (tail) await printSlowestLines(store, await store.transitionsSince(0, 1_000_000));
  } finally {
    await store.close();
  }
  const rpcs = [...metrics.matchAll(/milli_netconf_rpc_seconds_(sum|count)\{device_kind="([^"]+)",operation="([^"]+)"\} ([\d.e+-]+)/g)];
  const byOperation = new Map<string, { sum: number; count: number }>();
  for (const [, what, , operation, value] of rpcs) {
    const o = byOperation.get(operation as string) ?? { sum: 0, count: 0 };
    if (what === 'sum') o.sum += Number(value);
    else o.count += Number(value);
    byOperation.set(operation as string, o);
  }
  const shown = [...byOperation].sort((a, b) => b[1].sum - a[1].sum);
  console.log(
    `  NETCONF (milli_netconf_rpc_seconds, every device): ${shown.map(([op, o]) => `${op} ×${o.count} mean ${ms((1000 * o.sum) / Math.max(1, o.count))}`).join('; ')}`,
  );
}
