import { parseIntent } from '@milli/intent';
import type { LiveIntent, LiveLine, LiveRecords } from '../inputs';

/** Lines that carry traffic: active, or active with a problem being handled. */
export const IN_SERVICE = new Set(['active', 'degraded', 'restoring', 'modifying']);

/** What the report reads of an intent: its kind, SLA tier and industry, from the checked form, else the input. */
export interface IntentTerms {
  kind: string;
  tier?: string;
  industry?: string;
  protection?: string;
}

export function termsOf(intent: LiveIntent): IntentTerms {
  const doc = documentOf(intent);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { kind: intent.kind, tier: str(doc.tier), industry: str(doc.industry), protection: str(doc.protection) };
}

function documentOf(intent: LiveIntent): Record<string, unknown> {
  if (intent.checked !== undefined && intent.checked !== null) return intent.checked as Record<string, unknown>;
  if (typeof intent.input === 'object' && intent.input !== null) return intent.input as Record<string, unknown>;
  try {
    return parseIntent(intent.input).document as unknown as Record<string, unknown>;
  } catch {
    // Text that no longer parses tells the report nothing about tier or industry: count it without them.
    return {};
  }
}

/** A line with the terms of the intents that shaped it. */
export interface LineView {
  line: LiveLine;
  /** The kind of the intent that created it. */
  kind: string;
  tier?: string;
  industry?: string;
  intents: LiveIntent[];
}

export function linesWithTerms(live: LiveRecords): LineView[] {
  const byId = new Map(live.intents.map((i) => [i.id, i]));
  return live.lines.map((line) => {
    const intents = line.intents.flatMap((id) => byId.get(id) ?? []);
    const terms = intents.map(termsOf);
    // Later intents (a re-tiering modify) override earlier ones; elastic and release carry no tier or industry.
    const last = (k: 'tier' | 'industry') => terms.reduce<string | undefined>((acc, t) => t[k] ?? acc, undefined);
    return { line, kind: terms[0]?.kind ?? 'unknown', tier: last('tier'), industry: last('industry'), intents };
  });
}

/** Whether the intent went through `scheduled` and then became active: a task that ran at its time. */
export function ranAsScheduled(intent: LiveIntent): { scheduledAt: number; startedAt: number } | undefined {
  const scheduled = intent.history.find((t) => t.to === 'scheduled');
  if (scheduled === undefined) return undefined;
  const started = intent.history.find((t) => t.to === 'active' && t.at >= scheduled.at);
  return started === undefined ? undefined : { scheduledAt: scheduled.at, startedAt: started.at };
}

export function countBy<T>(items: T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item) ?? 'unspecified';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
