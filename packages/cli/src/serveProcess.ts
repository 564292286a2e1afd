import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { MilliError } from '@milli/core';

const MILLI = fileURLToPath(new URL('../bin/milli.ts', import.meta.url));

export interface ServeProcess {
  url: string;
  pid: number;
  /** Everything it printed so far (stdout and stderr, in the log file). */
  output(): string;
  /** SIGTERM, then its exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/**
 * Runs `milli serve` as its own process on a free port, its output in `log`, and resolves once it has recovered and
 * serves. Tokens travel in `env` (MILLI_TOKENS), never on the command line where `ps` would show them. `detached`
 * lets it outlive the caller (the demo's --keep).
 */
export async function spawnServeProcess(options: {
  args: string[];
  env: Record<string, string>;
  log: string;
  detached?: boolean;
  readyMs?: number;
  /** Flags for node itself (a benchmark's `--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<ServeProcess> {
  const out = openSync(options.log, 'w');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', MILLI, 'serve', '--port', '0', ...options.args], {
    env: { ...process.env, MILLI_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', out, out],
    detached: options.detached ?? false,
  });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => readFileSync(options.log, 'utf8');
  const deadline = Date.now() + (options.readyMs ?? 60_000);
  let url: string | undefined;
  while (!url) {
    const text = output();
    if (text.includes('ready:')) url = /milli API on (http:\/\/\S+) /.exec(text)?.[1];
    else if (child.exitCode !== null) throw new MilliError('API_UNREACHABLE', `milli serve exited with ${child.exitCode}: ${text.trim()}`);
    else if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new MilliError('API_UNREACHABLE', `milli serve was not ready in time: ${text.trim()}`);
    } else await sleep(50);
  }
  if (options.detached) child.unref();
  return {
    url,
    pid: child.pid as number,
    output,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
