import type { Command } from 'commander';

/** `milli discover ...`: not built yet. */
export function registerDiscoverCommand(program: Command): void {
  void program;
}
