import type { ApiClient } from '@milli/api';
import type { Transition } from '@milli/controller';

/** What became of one line after an event: when it settled (ms after the event, by the controller's clock) and how. */
export interface Settled {
  intent: string;
  /** ms from the event to the transition that settled it; undefined when it did not settle in time. */
  ms?: number;
  /** The settling transition (or the last one heard), for the reason. */
  last?: Transition;
}

/**
 * Follows the event stream from `after` and settles each intent of `intents` by `settles` (given the transition and
 * whether the intent is protected); stops when all settled or `waitMs` ran out. Times are the transitions' own `at`
 * minus `startedAt`, both epoch ms on this machine, so the bench's event-stream delay does not count.
 */
export async function settleLines(
  client: ApiClient,
  options: {
    intents: string[];
    after: number;
    startedAt: number;
    waitMs: number;
    settles: (t: Transition) => boolean;
    /** Called for every transition of a followed intent (settled or not). */
    onTransition?: (t: Transition) => void;
  },
): Promise<Map<string, Settled>> {
  const result = new Map<string, Settled>(options.intents.map((id) => [id, { intent: id }]));
  const pending = new Set(options.intents);
  if (pending.size === 0) return result;
  const deadline = Date.now() + options.waitMs;
  let after = options.after;
  // The server ends a stream whose reader falls behind (and a stream may drop): it is opened again after the last
  // transition heard, so nothing is missed and nothing counted twice.
  while (pending.size > 0 && Date.now() < deadline) {
    const stream = new AbortController();
    const timer = setTimeout(() => stream.abort(), deadline - Date.now());
    try {
      for await (const t of client.events({ after, signal: stream.signal })) {
        after = Math.max(after, t.seq);
        const entry = result.get(t.intent);
        if (!entry) continue;
        options.onTransition?.(t);
        entry.last = t;
        if (!pending.has(t.intent) || !options.settles(t)) continue;
        entry.ms = t.at - options.startedAt;
        pending.delete(t.intent);
        if (pending.size === 0) break;
      }
    } catch {
      // aborted (the wait ran out) or dropped: the loop decides
    } finally {
      clearTimeout(timer);
      stream.abort();
    }
  }
  return result;
}

/** The newest seq among the intents' transitions: events after it are what the next step causes. */
export async function lastSeq(client: ApiClient, intents: string[]): Promise<number> {
  let newest = 0;
  for (let i = 0; i < intents.length; i += 50) {
    const records = await Promise.all(intents.slice(i, i + 50).map((id) => client.get(id)));
    for (const r of records) newest = Math.max(newest, r.history.at(-1)?.seq ?? 0);
  }
  return newest;
}

export const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const summary = (values: number[]) =>
  values.length === 0
    ? 'none'
    : `p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))} (n=${values.length})`;

/** Reasons grouped: line, intent and transaction ids and numbers folded so that one cause counts once. */
export function groupReasons(reasons: string[]): [string, number][] {
  const groups = new Map<string, number>();
  for (const r of reasons) {
    const key = r
      .replace(/\b[ILT]-\d+\b/g, '…')
      .replace(/\d+(\.\d+)?/g, 'n')
      .slice(0, 160);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()].sort((a, b) => b[1] - a[1]);
}
