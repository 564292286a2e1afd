import type { Command } from 'commander';

/** Mounts `milli lab ...` on the `milli` program. */
export function registerLabCommands(program: Command): void {
  void program;
}
