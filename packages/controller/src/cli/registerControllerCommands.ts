import type { Command } from 'commander';
import { registerDiscoverCommand } from './commands/discoverCommand';
import { registerIntentCommand } from './commands/intentCommand';
import { registerNetconfCommand } from './commands/netconfCommand';
import { registerPathCommand } from './commands/pathCommand';
import { registerTopoCommand } from './commands/topoCommand';
import { registerYangCommand } from './commands/yangCommand';

/** Mounts the controller's commands on the `milli` program; each command lives in its own file under commands/. */
export function registerControllerCommands(program: Command): void {
  registerYangCommand(program);
  registerNetconfCommand(program);
  registerTopoCommand(program);
  registerPathCommand(program);
  registerIntentCommand(program);
  registerDiscoverCommand(program);
}
