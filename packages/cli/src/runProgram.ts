import { exitStatusOf } from '@milli/core';
import type { Command, CommanderError } from 'commander';
import { reportError } from './errors/reportError';

/**
 * Runs a `milli` program (or part of one, as the lab's tests mount it) under the one error policy and returns
 * its exit status. Commander's own failures (an unknown flag, a missing argument) become one usage line that
 * points to `--help`, never a usage dump; an action's failure was already reported by runAction.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  applyErrorPolicy(program);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderExit)) return reportError(error);
    return error.status;
  }
  return Number(process.exitCode ?? 0);
}

/** Thrown from commander's exit hook so that parsing stops without process.exit. */
class CommanderExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

function applyErrorPolicy(command: Command): void {
  command.showHelpAfterError(false);
  command.configureOutput({ outputError: () => {} });
  command.exitOverride((error: CommanderError) => {
    throw new CommanderExit(statusOf(error, command));
  });
  for (const sub of command.commands) applyErrorPolicy(sub);
}

function statusOf(error: CommanderError, command: Command): number {
  if (error.exitCode === 0) return 0;
  // `milli lab` without a subcommand: commander has just printed that command's help.
  if (error.code === 'commander.help') return exitStatusOf('INVALID_ARGUMENT');
  const help = `${commandPath(command)} --help`;
  const message = error.message.replace(/^error: /, '').replace(/\n/g, ' ');
  process.stderr.write(`error [INVALID_ARGUMENT]: ${message} (see '${help}')\n`);
  return exitStatusOf('INVALID_ARGUMENT');
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
