import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { fact, heading } from './say';

export interface ServingController {
  url: string;
  token: string;
  pid: number;
  log: string;
  /** SIGTERM: the API stops taking requests, the controller finishes what is in flight, the store closes. */
  stop(): Promise<void>;
}

const MILLI = fileURLToPath(new URL('../packages/cli/bin/milli.ts', import.meta.url));

/**
 * Starts `milli serve` on the lab as its own process, with a fresh operator token handed over in MILLI_TOKENS (never on
 * the command line, where `ps` would show it), and waits until it has recovered and serves. With `keep`, it is
 * detached so it outlives the demo.
 */
export async function serveStep(options: {
  inventory: string;
  topology: string;
  db: string;
  log: string;
  keep: boolean;
}): Promise<ServingController> {
  heading('Controller: `milli serve` recovers from its store, then serves the HTTP API');
  const token = randomBytes(24).toString('hex');
  const out = openSync(options.log, 'w');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      MILLI,
      'serve',
      '--inventory',
      options.inventory,
      '--topology',
      options.topology,
      '--db',
      options.db,
      '--port',
      '0',
    ],
    {
      env: { ...process.env, MILLI_TOKENS: `${token}:operator`, MILLI_LOG_LEVEL: 'warn' },
      stdio: ['ignore', out, out],
      detached: options.keep,
    },
  );
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let url: string | undefined;
  for (let i = 0; i < 600 && !url; i++) {
    const text = readFileSync(options.log, 'utf8');
    if (text.includes('ready:')) url = /milli API on (http:\/\/\S+) /.exec(text)?.[1];
    else if (child.exitCode !== null) throw new Error(`milli serve stopped: ${text.trim()}`);
    else await sleep(50);
  }
  if (!url) throw new Error(`milli serve did not get ready in 30 s: ${readFileSync(options.log, 'utf8').trim()}`);
  if (options.keep) child.unref();
  fact(`serving ${url} (pid ${child.pid}); store ${options.db}; log ${options.log}`);
  return {
    url,
    token,
    pid: child.pid as number,
    log: options.log,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
