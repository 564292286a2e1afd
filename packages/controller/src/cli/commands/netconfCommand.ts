import type { Command } from 'commander';

/** `milli netconf ...`: not built yet. */
export function registerNetconfCommand(program: Command): void {
  void program;
}
