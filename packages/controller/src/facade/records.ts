import type { IntentRecord, LineRecord, Transition } from './types';
import type { StoredIntent, StoredLine } from '../store/ControllerStore';

/** A stored intent as the API shows it (the machine's snapshot and the compiler's output stay inside). */
export function intentRecord(stored: StoredIntent, history: Transition[]): IntentRecord {
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
