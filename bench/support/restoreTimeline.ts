import { readFileSync } from 'node:fs';
import { ms, percentile } from './settle';

/** One restoration's moments, ms after the cut: from the transitions and from the serve log's transaction lines. */
interface Moments {
  degraded?: number;
  restoring?: number;
  /** The new path computed and reserved (the restoration's turn). */
  booked?: number;
  releaseBegun?: number;
  releaseDone?: number;
  installBegun?: number;
  installDone?: number;
  active?: number;
  /** ms per phase of both transactions (prepare, commit, verify, confirm), summed per phase name. */
  phases: Map<string, number>;
}

interface LogLine {
  time?: number;
  line?: string;
  transaction?: string;
  phase?: string;
  state?: string;
  msg?: string;
}

/**
 * Where the restorations' time went: for every restored line, the stretch from the cut to its `degraded` and
 * `restoring` transitions (alarm to fault), to its first transaction's change sets journaled (the restoration turn,
 * computing and reserving, then a transaction slot and the device locks), then either one transaction that moves the
 * line (`restore`) or a release and an install with the wait between them, and the transition to `active`. Read from the serve log's
 * transaction lines (pino JSON) and the transitions the bench heard.
 */
export function printRestorationTimeline(
  logFile: string,
  cutAt: number,
  transitions: { line: string | null; to: string; at: number }[],
): void {
  const moments = new Map<string, Moments>();
  const of = (line: string) => moments.get(line) ?? moments.set(line, { phases: new Map() }).get(line)!;
  for (const t of transitions) {
    if (!t.line) continue;
    const m = of(t.line);
    const at = t.at - cutAt;
    if (t.to === 'degraded') m.degraded ??= at;
    if (t.to === 'restoring') m.restoring ??= at;
    if (t.to === 'active') m.active = at;
  }
  const phaseStart = new Map<string, number>();
  for (const text of readFileSync(logFile, 'utf8').split('\n')) {
    if (text.startsWith('{') && text.includes('"restoration booked"')) {
      const entry = JSON.parse(text) as LogLine;
      if (entry.line && entry.time !== undefined && entry.time >= cutAt && moments.has(entry.line))
        of(entry.line).booked ??= entry.time - cutAt;
      continue;
    }
    if (!text.startsWith('{') || !text.includes('transaction restore')) continue;
    const entry = JSON.parse(text) as LogLine;
    if (!entry.line || !entry.transaction || entry.time === undefined || entry.time < cutAt || !moments.has(entry.line)) continue;
    const m = of(entry.line);
    const at = entry.time - cutAt;
    // Two transactions (restore-release, restore-install) or one that moves the line (restore): the last is the install.
    const release = entry.msg?.startsWith('transaction restore-release') ?? false;
    if (entry.msg?.endsWith('change sets journaled')) {
      if (release) m.releaseBegun ??= at;
      else m.installBegun ??= at;
      phaseStart.set(entry.transaction, at);
    } else if (entry.phase && entry.state) {
      const from = phaseStart.get(entry.transaction) ?? at;
      m.phases.set(entry.phase, (m.phases.get(entry.phase) ?? 0) + (at - from));
      phaseStart.set(entry.transaction, at);
      if (entry.phase === 'confirm') {
        if (release) m.releaseDone = at;
        else m.installDone = at;
      }
    }
  }
  const done = [...moments.values()].filter((m) => m.active !== undefined && m.installDone !== undefined);
  if (done.length === 0) {
    console.log('  where the time went: no restoration finished its transactions in the serve log');
    return;
  }
  const row = (what: string, values: (number | undefined)[]) => {
    const v = values.filter((x): x is number => x !== undefined && Number.isFinite(x));
    if (v.length > 0)
      console.log(`    ${what.padEnd(64)} p50 ${ms(percentile(v, 50)).padStart(8)}  p99 ${ms(percentile(v, 99)).padStart(8)}`);
  };
  console.log(`  where the time went (${done.length} restored lines; each stretch's p50 and p99):`);
  row(
    'cut → degraded (alarm heard, fault marked)',
    done.map((m) => m.degraded),
  );
  row(
    'degraded → restoring',
    done.map((m) => sub(m.restoring, m.degraded)),
  );
  row(
    'restoring → first transaction journaled (turn, path, slot, locks)',
    done.map((m) => sub(m.releaseBegun ?? m.installBegun, m.restoring)),
  );
  row(
    '  of which restoring → path booked (reads, turn, compute, reserve)',
    done.map((m) => sub(m.booked, m.restoring)),
  );
  row(
    '  of which path booked → journaled (waiting for a round, rendering)',
    done.map((m) => sub(m.releaseBegun ?? m.installBegun, m.booked)),
  );
  row(
    'release transaction (journaled → confirmed)',
    done.map((m) => sub(m.releaseDone, m.releaseBegun)),
  );
  row(
    'release confirmed → install journaled (slot, device locks)',
    done.map((m) => sub(m.installBegun, m.releaseDone)),
  );
  row(
    'install or move transaction (journaled → confirmed)',
    done.map((m) => sub(m.installDone, m.installBegun)),
  );
  row(
    'confirmed → active (transition stored)',
    done.map((m) => sub(m.active, m.installDone)),
  );
  for (const phase of ['prepare', 'commit', 'verify', 'confirm']) {
    row(
      `  of which ${phase} (all its transactions)`,
      done.map((m) => m.phases.get(phase)),
    );
  }
}

const sub = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);

/**
 * The group rounds that moved the cut's lines (restorations and re-protections), in order: how many lines each
 * carried, when its change sets were journaled (its jobs rendered) and when it was confirmed, in seconds after the
 * cut. The gaps between one round's confirm and the next one's journal are the next round's rendering.
 */
export function printMoveRounds(logFile: string, cutAt: number): void {
  const rounds = new Map<string, { lines: number; journaled: number; confirmed?: number }>();
  const roundOf = new Map<string, string>();
  for (const text of readFileSync(logFile, 'utf8').split('\n')) {
    if (!text.startsWith('{') || !/transaction (restore|reprotect)/.test(text)) continue;
    const entry = JSON.parse(text) as LogLine & { persistId?: string };
    if (!entry.transaction || entry.time === undefined || entry.time < cutAt) continue;
    if (entry.msg?.endsWith('change sets journaled') && entry.persistId) {
      roundOf.set(entry.transaction, entry.persistId);
      const round = rounds.get(entry.persistId) ?? { lines: 0, journaled: entry.time - cutAt };
      round.lines++;
      rounds.set(entry.persistId, round);
    } else if (entry.phase === 'confirm' && entry.state === 'done') {
      const round = rounds.get(roundOf.get(entry.transaction) ?? '');
      if (round) round.confirmed = Math.max(round.confirmed ?? 0, entry.time - cutAt);
    }
  }
  if (rounds.size === 0) return;
  const s = (n: number | undefined) => (n === undefined ? '?' : (n / 1000).toFixed(2));
  const listed = [...rounds.values()].map((r) => `${r.lines} (${s(r.journaled)}→${s(r.confirmed)} s)`);
  console.log(`  move rounds (lines, journaled → confirmed after the cut): ${listed.join(', ')}`);
}
