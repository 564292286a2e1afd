// `milli` with only the lab's commands mounted (as packages/cli/bin/milli.ts mounts them), so that tests which need a real
// process (signals, another user, another PATH) depend on the lab alone.
import { Command } from 'commander';
import { registerLabCommands, runProgram } from '@milli/cli';

const program = new Command('milli');
registerLabCommands(program);
process.exit(await runProgram(program, process.argv));
