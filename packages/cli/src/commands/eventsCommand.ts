import { MilliError } from '@milli/core';
import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
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
  ).action((options: EventsOptions) => runAction(() => followEvents(options))());
}

export async function followEvents(options: EventsOptions, signal?: AbortSignal): Promise<void> {
  const after = wholeNumber(options.after, '--after', 0);
  const count = wholeNumber(options.count, '--count', 1);
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

function wholeNumber(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new MilliError('INVALID_ARGUMENT', `${option} must be a whole number >= ${min}, got '${value}'`, { option });
  }
  return n;
}
