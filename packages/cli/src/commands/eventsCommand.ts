import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
import { integerOption } from '../options/numericOptions';
import { type ApiClientOptions, apiClientFrom, say, withApiOptions } from './apiClientOptions';
import { transitionLine } from './intentsCommand';

interface EventsOptions extends ApiClientOptions {
  after?: string;
  count?: string;
}

/** `milli events`: follows the stream of transitions until Ctrl-C (or --count events). */
export function registerEventsCommand(program: Command): void {
  withApiOptions(
    program
      .command('events')
      .description('follow the lifecycle transitions through the milli HTTP API')
      .option('--after <seq>', 'first replay every stored transition after this sequence number')
      .option('--count <n>', 'stop after this many events'),
  ).action(runAction((options: EventsOptions) => followEvents(options)));
}

export async function followEvents(options: EventsOptions, signal?: AbortSignal): Promise<void> {
  const after = options.after === undefined ? undefined : integerOption(options.after, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER });
  const count = options.count === undefined ? undefined : integerOption(options.count, 'count', { min: 1, max: Number.MAX_SAFE_INTEGER });
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort());
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  let seen = 0;
  try {
    for await (const t of apiClientFrom(options).events({ ...(after !== undefined ? { after } : {}), signal: stop.signal })) {
      say(options.json ? JSON.stringify(t) : transitionLine(t));
      if (count !== undefined && ++seen >= count) break;
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    stop.abort();
  }
}
