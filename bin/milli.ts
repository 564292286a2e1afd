#!/usr/bin/env tsx
// The `milli` command: one program, with the controller's commands and the lab's commands mounted side by side.
// It lives outside the packages because it is the only place allowed to see both the controller and the lab.
import { Command } from 'commander';
import { registerControllerCommands } from '@milli/controller';
import { registerLabCommands } from '@milli/lab';

const program = new Command('milli').description('intent-based orchestration for metro optical networks').showHelpAfterError();
registerControllerCommands(program);
registerLabCommands(program);
await program.parseAsync(process.argv);
