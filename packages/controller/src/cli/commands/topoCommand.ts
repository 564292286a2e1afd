import type { Command } from 'commander';

/** `milli topo ...`: not built yet. */
export function registerTopoCommand(program: Command): void {
  void program;
}
