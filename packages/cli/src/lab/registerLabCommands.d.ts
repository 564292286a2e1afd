import type { Command } from 'commander';
/** Mounts `milli lab up|down|status|fault` on the `milli` program. */
export declare function registerLabCommands(program: Command): void;
//# sourceMappingURL=registerLabCommands.d.ts.map
