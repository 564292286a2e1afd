import type { Command } from 'commander';

/** `milli path ...`: not built yet. */
export function registerPathCommand(program: Command): void {
  void program;
}
