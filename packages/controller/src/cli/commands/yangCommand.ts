import type { Command } from 'commander';

/** `milli yang ...`: not built yet. */
export function registerYangCommand(program: Command): void {
  void program;
}
