import { randomBytes } from 'node:crypto';
import { spawnServeProcess } from '@milli/cli';
import { fact, heading } from './say';

export interface ServingController {
  url: string;
  token: string;
  pid: number;
  /** SIGTERM: the API stops taking requests, the controller finishes what is in flight, the store closes. */
  stop(): Promise<void>;
}

/**
 * Starts `milli serve` on the lab as its own process with a fresh operator token and waits until it has recovered and
 * serves. With `keep`, it is detached so it outlives the demo.
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
  const serving = await spawnServeProcess({
    args: ['--inventory', options.inventory, '--topology', options.topology, '--db', options.db],
    env: { MILLI_TOKENS: `${token}:operator` },
    log: options.log,
    detached: options.keep,
  });
  fact(`serving ${serving.url} (pid ${serving.pid}); store ${options.db}; log ${options.log}`);
  return {
    url: serving.url,
    token,
    pid: serving.pid,
    stop: async () => {
      await serving.stop();
    },
  };
}
