import type { AlarmChange, AlarmRecord } from '@milli/controller';
import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
import { type ApiClientOptions, apiClientFrom, say, withApiOptions } from './apiClientOptions';

interface AlarmsOptions extends ApiClientOptions {
  active?: boolean;
  device?: string;
  line?: string;
  follow?: boolean;
}

/** `milli alarms`: the network's alarms through the API; `--follow` then prints each raise and clear as it happens. */
export function registerAlarmsCommand(program: Command): void {
  withApiOptions(
    program
      .command('alarms')
      .description('list the alarms the controller keeps (raise and clear times, root cause, lines) through the milli HTTP API')
      .option('--active', 'only alarms standing now')
      .option('--device <id>', 'only alarms of this device')
      .option('--line <id>', 'only alarms touching this line')
      .option('--follow', 'then follow alarms raised and cleared until Ctrl-C'),
  ).action(runAction((options: AlarmsOptions) => listAlarms(options)));
}

export async function listAlarms(options: AlarmsOptions, signal?: AbortSignal): Promise<void> {
  const client = apiClientFrom(options);
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort());
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  try {
    // The stream opens first, so nothing raised between the listing and the stream is missed.
    const live = options.follow ? client.alarmEvents({ signal: stop.signal }) : undefined;
    const first = live?.next();
    const alarms = await client.alarms({
      ...(options.active ? { active: true } : {}),
      ...(options.device ? { device: options.device } : {}),
      ...(options.line ? { line: options.line } : {}),
    });
    for (const a of alarms) say(options.json ? JSON.stringify(a) : alarmLine(a));
    if (!live || !first) return;
    for (let next = await first; !next.done; next = await live.next()) {
      if (!wanted(next.value, options)) continue;
      say(options.json ? JSON.stringify(next.value) : `${next.value.kind} ${alarmLine(next.value.alarm)}`);
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    stop.abort();
  }
}

function wanted(change: AlarmChange, options: AlarmsOptions): boolean {
  const a = change.alarm;
  return (!options.device || a.device === options.device) && (!options.line || a.lines.includes(options.line));
}

export function alarmLine(a: AlarmRecord): string {
  const when = new Date(a.raisedAt).toISOString();
  const cleared = a.clearedAt !== undefined ? ` cleared ${new Date(a.clearedAt).toISOString()}` : ' ACTIVE';
  const lines = a.lines.length > 0 ? ` lines ${a.lines.join(',')}` : '';
  return `${when}${cleared}  ${a.device} ${a.type} on ${a.resource} (${a.severity}) root ${a.root.kind} ${a.root.id}${lines}`;
}
