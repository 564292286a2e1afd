import { ApiClient } from '@milli/api';
import type { IntentRecord, Transition } from '@milli/controller';
import { formatLatency } from '@milli/core';
import { elapsed, fact, heading } from './say';

export interface DemoIntent {
  label: string;
  text: string;
}

/** The intents of the demo, each as a carrier's orchestrator would send it; the data-express window opens in seconds. */
export function demoIntents(now: number): DemoIntent[] {
  const start = new Date(Math.ceil((now + 8_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return [
    { label: 'protected park line', text: 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected for manufacturing' },
    { label: 'unprotected park line', text: 'connect park P-8 to DC dc-south with 500Mbps unprotected for education' },
    { label: 'DC interconnect', text: 'connect dc-north to dc-south under 1 ms at 400G' },
    { label: 'infeasible', text: 'connect dc-north to dc-south under 100us at 400G' },
    { label: 'data express', text: `move 12TB from dc-north to dc-south starting ${start} within 15min` },
  ];
}

/**
 * Every intent through the HTTP API: a dry-run check first, then each submitted (202 at once) and followed over the
 * event stream until it settles; a table of outcomes with their path latencies and states.
 */
export async function apiStep(url: string, token: string, intents: DemoIntent[]): Promise<IntentRecord[]> {
  const client = new ApiClient(url, token);
  heading('Check (POST /v1/intents/check, a dry run that reserves nothing)');
  const check = await client.check(intents[0]!.text);
  fact(`${intents[0]!.label}: ${check.compilation.explain.join('; ')}`);

  heading('Submit through the API (POST /v1/intents), follow the events (GET /v1/events)');
  const started = Date.now();
  const submitted = await Promise.all(intents.map(async (i) => ({ ...i, ...(await client.submit(i.text)) })));
  for (const s of submitted) fact(`202 ${s.id} line ${s.line ?? '-'}: ${s.label}`);
  const records = await Promise.all(
    submitted.map((s) => client.follow(s.id, { until: ['active', 'failed'], onTransition: (t) => fact(transition(t, s.label), 2) })),
  );
  fact(`settled in ${elapsed(started)}`);

  heading('Outcomes');
  const rows = records.map((r, i) => [
    intents[i]!.label,
    r.id,
    r.line ?? '-',
    r.state,
    r.path ? formatLatency(r.path.working.latencyUs) : '-',
    r.path?.protection ? formatLatency(r.path.protection.latencyUs) : '-',
    r.error ? `${r.error.code}: ${r.error.message}` : (r.path?.working.layer ?? ''),
  ]);
  table(['intent', 'id', 'line', 'state', 'working', 'protection', 'layer / why'], rows);
  return records;
}

function transition(t: Transition, label: string): string {
  return `#${t.seq} ${t.intent} ${t.from ?? '-'} → ${t.to}: ${t.reason} (${label})`;
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) fact(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '));
}
