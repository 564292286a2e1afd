import type { IntentRecord, PathView, Transition } from '@milli/controller';
import { formatLatency, MilliError } from '@milli/core';
import type { Command } from 'commander';
import { integerOption } from '../options/numericOptions';
import { printTable } from '../output/printTable';
import { runAction } from '../errors/runAction';
import { type ApiClientOptions, apiClientFrom, say, withApiOptions } from './apiClientOptions';

interface SubmitOptions extends ApiClientOptions {
  wait?: boolean;
  idempotencyKey?: string;
}

interface ListOptions extends ApiClientOptions {
  state?: string;
  kind?: string;
  line?: string;
  site?: string;
  limit?: string;
  all?: boolean;
}

/** `milli intents submit|list|show|release`: intents through the HTTP API. */
export function registerIntentsCommand(program: Command): void {
  const intents = program.command('intents').description('intents through the milli HTTP API (see `milli serve`)');
  withApiOptions(
    intents
      .command('submit')
      .description('submit an intent (text, or the JSON form when it starts with "{")')
      .argument('<intent>', 'e.g. "connect park P-7 to DC dc-north under 1ms with 100Mbps protected"')
      .option('--wait', 'follow the events and show each transition until the intent is active or failed')
      .option('--idempotency-key <key>', 'a retried submit with the same key returns the same intent'),
  ).action(runAction(submitIntent));
  withApiOptions(
    intents
      .command('list')
      .description('list intents')
      .option('--state <state>', 'only intents in this state')
      .option('--kind <kind>', 'only intents of this kind')
      .option('--line <id>', 'only intents of this line')
      .option('--site <id>', 'only intents touching this site')
      .option('--limit <n>', 'intents per page', '100')
      .option('--all', 'follow the cursor through every page'),
  ).action(runAction(listIntents));
  withApiOptions(intents.command('show').description('show an intent: its path, history and error').argument('<id>')).action(
    runAction(showIntent),
  );
  withApiOptions(intents.command('release').description("release an intent's line").argument('<id>')).action(runAction(releaseIntent));
}

export async function submitIntent(input: string, options: SubmitOptions): Promise<void> {
  const client = apiClientFrom(options);
  const body = input.trimStart().startsWith('{') ? parseJsonIntent(input) : input;
  const result = await client.submit(body, options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {});
  if (!options.wait) {
    say(options.json ? JSON.stringify(result) : `submitted ${result.id}${result.line ? ` (line ${result.line})` : ''}: ${result.state}`);
    return;
  }
  if (!options.json) say(`submitted ${result.id}${result.line ? ` (line ${result.line})` : ''}`);
  const record = await client.follow(result.id, {
    onTransition: (t) => {
      if (!options.json) say(transitionLine(t));
    },
  });
  if (options.json) say(JSON.stringify(record));
  else say(summaryLine(record));
  if (record.state === 'failed' && record.error) {
    throw new MilliError(record.error.code, `${record.id} failed: ${record.error.message}`, { intent: record.id });
  }
}

export async function listIntents(options: ListOptions): Promise<void> {
  const client = apiClientFrom(options);
  const limit = integerOption(options.limit ?? '100', 'limit', { min: 1, max: 500 });
  const filter = {
    ...(options.state ? { state: options.state as IntentRecord['state'] } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.line ? { line: options.line } : {}),
    ...(options.site ? { site: options.site } : {}),
    limit,
  };
  const items: IntentRecord[] = [];
  let after: string | undefined;
  do {
    const page = await client.list({ ...filter, ...(after ? { after } : {}) });
    items.push(...page.items);
    after = options.all ? page.next : undefined;
  } while (after);
  if (options.json) return say(JSON.stringify(items));
  if (items.length === 0) return say('no intents');
  printTable(
    ['ID', 'KIND', 'LINE', 'STATE', 'LATENCY', 'UPDATED'],
    items.map((i) => [i.id, i.kind, i.line ?? '-', i.state, latencyOf(i), new Date(i.updatedAt).toISOString()]),
    say,
  );
}

export async function showIntent(id: string, options: ApiClientOptions): Promise<void> {
  const record = await apiClientFrom(options).get(id);
  if (options.json) return say(JSON.stringify(record, null, 2));
  say(`${record.id}  ${record.kind}  line ${record.line ?? '-'}  ${record.state}`);
  say(`  as written: ${typeof record.input === 'string' ? record.input : JSON.stringify(record.input)}`);
  for (const why of record.explain) say(`  - ${why}`);
  if (record.path) {
    say(pathLine('working', record.path.working));
    if (record.path.protection) say(pathLine('protection', record.path.protection));
  }
  if (record.error) say(`  error ${record.error.code}: ${record.error.message}`);
  if (record.occurrences) {
    say('  occurrences:');
    for (const o of record.occurrences) {
      say(
        `    ${new Date(o.start).toISOString()} → ${o.end === null ? 'open' : new Date(o.end).toISOString()}  ${o.outcome}${o.message ? `: ${o.message}` : ''}`,
      );
    }
  }
  say('  history:');
  for (const t of record.history) say(`  ${transitionLine(t)}`);
}

export async function releaseIntent(id: string, options: ApiClientOptions): Promise<void> {
  const result = await apiClientFrom(options).release(id);
  say(options.json ? JSON.stringify(result) : `releasing ${result.id}${result.line ? ` (line ${result.line})` : ''}: ${result.state}`);
}

export function transitionLine(t: Transition): string {
  const time = new Date(t.at).toISOString().slice(11, 23);
  return `  ${time}  #${t.seq}  ${t.intent}  ${t.from ?? '-'} → ${t.to}  ${t.reason}`;
}

function summaryLine(record: IntentRecord): string {
  const latency = latencyOf(record);
  return `${record.id} ${record.state}${record.line ? ` (line ${record.line})` : ''}${latency !== '-' ? `, working path ${latency}` : ''}`;
}

function latencyOf(record: IntentRecord): string {
  return record.path ? formatLatency(record.path.working.latencyUs) : '-';
}

function pathLine(label: string, path: PathView): string {
  return `  ${label}: ${path.layer}, ${formatLatency(path.latencyUs)}, ${path.devices.join(' → ')}`;
}

function parseJsonIntent(text: string): object {
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new MilliError('INTENT_SCHEMA', `the intent starts with '{' but is not JSON: ${(error as Error).message}`, {});
  }
}
