import { formatBandwidth, formatLatency } from '@milli/core';
import type { Command } from 'commander';
import { printTable } from '../output/printTable';
import { runAction } from '../errors/runAction';
import { type ApiClientOptions, apiClientFrom, say, withApiOptions } from './apiClientOptions';

/** `milli lines`: the lines as they are now, through the HTTP API. */
export function registerLinesCommand(program: Command): void {
  withApiOptions(program.command('lines').description('list lines through the milli HTTP API')).action(runAction(listLines));
}

export async function listLines(options: ApiClientOptions): Promise<void> {
  const lines = await apiClientFrom(options).lines();
  if (options.json) return say(JSON.stringify(lines));
  if (lines.length === 0) return say('no lines');
  printTable(
    ['LINE', 'FROM', 'TO', 'BANDWIDTH', 'STATE', 'LATENCY', 'PROTECTED', 'INTENTS'],
    lines.map((l) => [
      l.id,
      l.from,
      l.to,
      formatBandwidth(l.bandwidthKbps),
      l.state,
      l.path ? formatLatency(l.path.working.latencyUs) : '-',
      l.path?.protection ? 'yes' : 'no',
      l.intents.join(','),
    ]),
    say,
  );
}
