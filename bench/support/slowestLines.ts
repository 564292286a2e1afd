// Where a session's slowest lines spent their time, from the controller's store: each one's submit time from the
// run's start, its stages (compiling → reserved → provisioning → active), the round (network transaction) that
// carried it, and the rounds on the network around its wait — their size, start, prepare time and whole length —
// so that a tail at the end (the DC datastores grown), in bursts (one big round after many tiny ones, a pause of the
// process) or at the start shows as such.
import type { SqliteStore, StoredJournalEntry, Transition } from '@milli/controller';
import { ms, pct } from './provisionSession';

interface Round {
  persistId: string;
  lines: number;
  /** First prepare started, last phase ended (epoch ms, controller clock). */
  start: number;
  end: number;
  prepare: number;
  failed: boolean;
  /** When the last of its lines' transaction rows was begun (written, then synced, before prepare starts). */
  begun: number;
}

interface Line {
  intent: string;
  submitted: number;
  stages: { to: string; at: number }[];
  active?: number;
  persistId?: string;
}

/** Prints the slowest `share` of the lines that became active, and the rounds each waited behind. */
export async function printSlowestLines(store: SqliteStore, transitions: Transition[], share = 0.01): Promise<void> {
  const lines = new Map<string, Line>();
  for (const t of transitions) {
    const line = lines.get(t.intent) ?? { intent: t.intent, submitted: t.at, stages: [] };
    line.stages.push({ to: t.to, at: t.at });
    if (t.to === 'active' && line.active === undefined) line.active = t.at;
    lines.set(t.intent, line);
  }
  const rounds = new Map<string, Round>();
  const byIntent = new Map<string, string>();
  for (let n = 1, misses = 0; misses < 3; n++) {
    const id = `T-${n}`;
    const journal = await store.journal(id);
    if (journal.length === 0) {
      misses++;
      continue;
    }
    misses = 0;
    const tx = await store.transaction(id);
    if (tx?.purpose !== 'install') continue;
    byIntent.set(tx.intent, tx.persistId);
    addToRound(rounds, journal, tx.startedAt);
  }
  for (const [intent, persistId] of byIntent) {
    const line = lines.get(intent);
    if (line) line.persistId = persistId;
  }
  const done = [...lines.values()].filter((l) => l.active !== undefined);
  if (done.length === 0) return;
  const runStart = Math.min(...done.map((l) => l.submitted));
  const took = (l: Line) => (l.active as number) - l.submitted;
  const slowest = [...done].sort((a, b) => took(b) - took(a)).slice(0, Math.max(1, Math.ceil(done.length * share)));
  const sorted = [...rounds.values()].sort((a, b) => a.start - b.start);
  const at = (t: number) => `${((t - runStart) / 1000).toFixed(2)}s`;
  const sizes = sorted.map((r) => r.lines);
  const prepares = sorted.map((r) => r.prepare);
  // Idle time between one round's end and the next one's start (the bench's lines come DC by DC: rounds follow
  // each other on the same devices).
  const gaps = sorted.slice(1).map((r, i) => Math.max(0, r.start - (sorted[i] as Round).end));
  // Of which: from its rows begun to its prepare (the rows' write and sync, before any device is touched).
  const writing = sorted.slice(1).map((r) => Math.max(0, r.start - r.begun));
  console.log(
    `  rounds: ${sorted.length}, lines p50 ${pct(sizes, 50)} max ${Math.max(...sizes)}; failed ${sorted.filter((r) => r.failed).length}; ` +
      `prepare p50 ${ms(pct(prepares, 50))} p99 ${ms(pct(prepares, 99))}; idle between rounds p50 ${ms(pct(gaps, 50))}, total ${ms(gaps.reduce((a, b) => a + b, 0))} ` +
      `(of which rows written before prepare: p50 ${ms(pct(writing, 50))}, total ${ms(writing.reduce((a, b) => a + b, 0))})`,
  );
  console.log(`  slowest ${slowest.length} of ${done.length} lines (times from the run's first submission; store clock):`);
  for (const line of slowest.sort((a, b) => a.submitted - b.submitted)) {
    const steps = line.stages.map((s, i) => (i === 0 ? s.to : `${s.to} +${ms(s.at - (line.stages[i - 1] as { at: number }).at)}`));
    const own = line.persistId ? rounds.get(line.persistId) : undefined;
    console.log(`    ${line.intent} submitted ${at(line.submitted)} took ${ms(took(line))}: ${steps.join(' → ')}`);
    // The rounds on the network between its submission and its activation (every line here shares the DC devices).
    const around = sorted.filter((r) => r.end >= line.submitted && r.start <= (line.active as number));
    for (const r of around)
      console.log(
        `      ${r === own ? '*' : ' '} round ${r.persistId} ${at(r.start)}–${at(r.end)} (${ms(r.end - r.start)}): ${r.lines} lines, prepare ${ms(r.prepare)}${r.failed ? ', FAILED' : ''}`,
      );
  }
}

function addToRound(rounds: Map<string, Round>, journal: StoredJournalEntry[], begun: number): void {
  const first = journal[0] as StoredJournalEntry;
  const round = rounds.get(first.persistId);
  if (round) {
    round.lines++;
    round.begun = Math.max(round.begun, begun);
    return;
  }
  let prepareStarted: number | undefined;
  let prepare = 0;
  for (const e of journal) {
    if (e.phase === 'prepare' && e.state === 'started') prepareStarted = e.at;
    if (e.phase === 'prepare' && e.state !== 'started' && prepareStarted !== undefined) prepare = e.at - prepareStarted;
  }
  rounds.set(first.persistId, {
    persistId: first.persistId,
    lines: 1,
    start: Math.min(...journal.map((e) => e.at)),
    end: Math.max(...journal.map((e) => e.at)),
    prepare,
    failed: journal.some((e) => e.state === 'failed'),
    begun,
  });
}
