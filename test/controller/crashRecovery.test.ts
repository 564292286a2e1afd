import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllerLab, startControllerLab } from '../support/controllerLab';
import { METRO_SMALL } from '../support/driverLab';

// The controller as a child process, killed with SIGKILL at random points while it runs 50 transactions (27 lines
// set up, DC interconnects and park access lines by turns, 23 of them released), restarted each time on the same SQLite store, until its plan is through.
const ROOT = join(import.meta.dirname, '..', '..');
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;
const CHILD = join(import.meta.dirname, '..', 'support', 'controllerChild.ts');
const CREATES = 27;
const RELEASES = 23;
const KILLS = 10;
const NEEDS_RESOURCES = new Set(['reserved', 'scheduled', 'provisioning', 'active', 'degraded', 'restoring', 'modifying']);

let env: ControllerLab;
beforeAll(async () => {
  env = await startControllerLab({ everyDevice: true });
});
afterAll(async () => {
  await env?.stop();
});

/** Runs the child; kills it `killAfterMs` after it is ready (if given). Resolves with how it ended and what it printed. */
function runChild(killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, CHILD, env.storeFile, env.lab.inventoryPath, METRO_SMALL, String(CREATES), String(RELEASES)],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MILLI_LOG_LEVEL: 'warn' } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== undefined && out.startsWith('ready\n') && !child.killed) {
        setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
        killAfterMs = undefined;
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

function query<T>(sql: string): T[] {
  const db = new Database(env.storeFile, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Transactions left open or undone, with their journals, and every run's warnings: what a failure needs explained. */
function crashEvidence(warnings: readonly string[]): string {
  const settledOdd = query<{ id: string; intent: string; line: string; purpose: string; state: string; persist_id: string }>(
    "SELECT id, intent, line, purpose, state, persist_id FROM transactions WHERE state != 'done' ORDER BY started_at",
  );
  const journals = settledOdd.map((t) => {
    const steps = query<{ phase: string; state: string; devices: string }>(
      `SELECT phase, state, devices FROM journal WHERE tx = '${t.id}' ORDER BY seq`,
    );
    return `${JSON.stringify(t)}\n  ${steps.map((e) => `${e.phase} ${e.state} ${e.devices}`).join('\n  ')}`;
  });
  return [...journals, ...warnings].join('\n');
}

describe('a controller killed mid-transaction', () => {
  it('leaves no partial configuration, intents that match the devices, and no reservation held without need', async () => {
    const before = await env.runningConfigs();
    const kills: number[] = [];
    // Each run's warnings (recoveries that failed, read-backs that differed), printed only if the checks below fail.
    const warnings: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const killAfter = Math.floor(Math.random() * 1500);
      const run = await runChild(killAfter);
      warnings.push(`run ${k + 1} (killed after ${killAfter} ms):\n${run.err.slice(-3000)}`);
      if (run.code === 0) break;
      expect(run.signal, `child ended by itself (code ${run.code}):\n${run.err.slice(-2000)}`).toBe('SIGKILL');
      kills.push(killAfter);
    }
    const last = await runChild();
    warnings.push(`last run:\n${last.err.slice(-3000)}`);
    expect(last.code, last.err.slice(-2000)).toBe(0);
    const settled = query<{ state: string; n: number }>('SELECT state, count(*) AS n FROM transactions GROUP BY state');
    console.log(`killed ${kills.length} times, at ${kills.join(', ')} ms after ready; transactions by outcome: ${JSON.stringify(settled)}`);

    const intents = query<{ id: string; kind: string; state: string; line: string }>(
      'SELECT id, kind, state, line FROM intents ORDER BY n',
    );
    const failed = query<{ id: string; error: string }>('SELECT id, error FROM intents WHERE error IS NOT NULL');
    if (failed.length > 0) console.log(`intents failed after crashes: what the store and the runs say\n${crashEvidence(warnings)}`);
    expect(failed, 'no intent fails for a crash').toEqual([]);
    const transactions = query<{ n: number }>('SELECT count(*) AS n FROM transactions')[0]!.n;
    expect(query("SELECT id FROM transactions WHERE state = 'open'")).toEqual([]);
    const isCreate = (kind: string) => kind !== 'release' && kind !== 'elastic';
    expect(intents.filter((i) => isCreate(i.kind)).length).toBe(CREATES);
    // Every line set up and every release went through a transaction of its own that completed.
    const withoutDone = query<{ id: string; kind: string; state: string }>(
      "SELECT id, kind, state FROM intents WHERE state != 'failed' AND id NOT IN (SELECT intent FROM transactions WHERE state = 'done' AND purpose IN ('install', 'release'))",
    );
    expect(withoutDone.filter((i) => !isCreate(i.kind) || i.state === 'active')).toEqual([]);
    expect(transactions).toBeGreaterThanOrEqual(CREATES + RELEASES);

    // Every device holds exactly the media channels of the active lines whose path runs through it.
    const lines = new Map(
      query<{ id: string; installed: string | null }>('SELECT id, installed FROM lines').map((l) => [l.id, l.installed]),
    );
    const activeLines = intents.filter((i) => isCreate(i.kind) && i.state === 'active').map((i) => i.line);
    const expected = new Map<string, Set<string>>();
    for (const line of activeLines) {
      const items = (JSON.parse(lines.get(line) ?? 'null') as { items: { device: string; name: string }[] } | null)?.items ?? [];
      expect(items.length, `active line ${line} records what it installed`).toBeGreaterThan(0);
      for (const s of items.filter((x) => x.name.startsWith(`${line}-`)))
        expected.set(s.device, (expected.get(s.device) ?? new Set()).add(line));
    }
    const after = await env.runningConfigs();
    for (const [device, config] of after) {
      // Entries a line owns are named after it (`L-7-w-...`); shared ODU0s and lightpaths are not.
      const held = new Set([...config.matchAll(/<name>(L-\d+)-[wp][^<]*<\/name>/g)].map((m) => m[1]!));
      expect([...held].sort(), device).toEqual([...(expected.get(device) ?? [])].sort());
    }
    for (const i of intents) expect(['active', 'deleted', 'failed'], `${i.id} (${i.kind})`).toContain(i.state);
    if (activeLines.length === 0) expect(after).toEqual(before);

    // Reservations: held by lines (and the lightpaths they groomed); only lines whose intent needs them hold any,
    // and every active line holds its own.
    const owners = query<{ owner: string }>('SELECT DISTINCT owner FROM reservations').map((r) => r.owner);
    const stateOf = new Map(intents.filter((i) => isCreate(i.kind)).map((i) => [i.line, i.state]));
    for (const owner of owners.filter((o) => !o.startsWith('lightpath:'))) {
      expect(NEEDS_RESOURCES.has(stateOf.get(owner) ?? ''), `${owner} is ${stateOf.get(owner)}`).toBe(true);
    }
    for (const i of intents.filter((x) => isCreate(x.kind) && x.state === 'active')) expect(owners).toContain(i.line);
    const channels = query<{ fibre: string; channel: number; n: number }>(
      "SELECT fibre, channel, count(*) AS n FROM reservation_items WHERE kind = 'channel' GROUP BY fibre, channel HAVING n > 1",
    );
    expect(channels).toEqual([]);
  }, 600_000);
});
