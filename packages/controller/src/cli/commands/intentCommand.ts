import type { Command } from 'commander';

/** `milli intent ...`: not built yet. */
export function registerIntentCommand(program: Command): void {
  void program;
}
