import { describeExitStatuses } from '@milli/core';
import { Command } from 'commander';
import { registerAlarmsCommand } from './commands/alarmsCommand';
import { registerDiscoverCommand } from './commands/discoverCommand';
import { registerEventsCommand } from './commands/eventsCommand';
import { registerIntentCommand } from './commands/intentCommand';
import { registerIntentsCommand } from './commands/intentsCommand';
import { registerLinesCommand } from './commands/linesCommand';
import { registerNetconfCommand } from './commands/netconfCommand';
import { registerPathCommand } from './commands/pathCommand';
import { registerReportCommand } from './commands/reportCommand';
import { registerServeCommand } from './commands/serveCommand';
import { registerTopoCommand } from './commands/topoCommand';
import { registerYangCommand } from './commands/yangCommand';
import { registerLabCommands } from './lab/registerLabCommands';

/** The whole `milli` program: every package's commands, each in its own file under commands/ (the lab's under lab/). */
export function buildProgram(): Command {
  const program = new Command('milli')
    .description('intent-based orchestration for metro optical networks')
    .addHelpText('after', `\nExit status (the same in every command):\n${describeExitStatuses().join('\n')}\n`);
  registerYangCommand(program);
  registerNetconfCommand(program);
  registerTopoCommand(program);
  registerPathCommand(program);
  registerIntentCommand(program);
  registerDiscoverCommand(program);
  registerReportCommand(program);
  registerServeCommand(program);
  registerIntentsCommand(program);
  registerLinesCommand(program);
  registerEventsCommand(program);
  registerAlarmsCommand(program);
  registerLabCommands(program);
  return program;
}
