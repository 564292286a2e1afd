import type { IntentRecord, LineRecord, OccurrenceRecord, Transition } from './types';
import type { StoredIntent, StoredLine } from '../store/ControllerStore';
import { planOf } from '../usecases/IntentPlan';
import { occurrencesOf } from '../usecases/reserveOccurrences';

/** A stored intent as the API shows it (the machine's snapshot and the compiler's output stay inside). */
export function intentRecord(stored: StoredIntent, history: Transition[], now: number): IntentRecord {
  const occurrences = occurrenceRecords(stored, history, now);
  return {
    id: stored.id,
    kind: stored.kind,
    line: stored.line,
    state: stored.state,
    input: stored.input,
    ...(stored.checked ? { checked: stored.checked } : {}),
    explain: stored.explain,
    ...(stored.path ? { path: stored.path } : {}),
    history,
    ...(stored.error ? { error: stored.error } : {}),
    ...(occurrences ? { occurrences } : {}),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

/** A line's state is the state of the intent that created it. */
export function lineRecord(line: StoredLine, baseState: LineRecord['state']): LineRecord {
  return {
    id: line.id,
    state: baseState,
    bandwidthKbps: line.bandwidthKbps,
    from: line.from,
    to: line.to,
    intents: line.intents,
    ...(line.path ? { path: line.path } : {}),
  };
}

/** What became of each occurrence, read from the intent's history: in service during it, or not. */
function occurrenceRecords(stored: StoredIntent, history: Transition[], now: number): OccurrenceRecord[] | undefined {
  const plan = planOf(stored);
  const compilation = plan?.compilation;
  if (!compilation?.schedule) return undefined;
  const ended = stored.state === 'deleted' || stored.state === 'failed';
  const endedAt = ended ? (history[history.length - 1]?.at ?? now) : Number.POSITIVE_INFINITY;
  const served = (start: number, end: number) => history.some((t) => t.to === 'active' && t.at >= start && t.at < end);
  const unreserved: OccurrenceRecord[] = (plan?.unreserved ?? []).map((u) => ({ ...u, outcome: 'unreserved' }));
  const reserved = occurrencesOf(compilation).map(({ start, end }): OccurrenceRecord => {
    const until = end ?? Number.POSITIVE_INFINITY;
    let outcome: OccurrenceRecord['outcome'];
    if (start >= endedAt) outcome = 'cancelled';
    else if (until <= now) outcome = served(start, until) ? 'served' : 'missed';
    else if (start <= now) outcome = served(start, until) ? 'running' : ended ? 'cancelled' : 'coming';
    else outcome = 'coming';
    return { start, end, outcome };
  });
  return [...reserved, ...unreserved].sort((a, b) => a.start - b.start);
}
