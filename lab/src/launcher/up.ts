import { spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MilliError } from '@milli/core';
import { labNaming } from './addressing';
import { sendControl } from './controlClient';
import { type Isolation, labPaths, readLabRecord } from './labState';
import { netnsAvailable, removeLabNetwork } from './netns';

const HOST_MAIN = fileURLToPath(new URL('../host/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_YANG_DIR = fileURLToPath(new URL('../../../yang', import.meta.url));

export type UpEvent =
  | { type: 'progress'; started: number; total: number; device: string }
  | { type: 'ready'; devices: number; inventory: string }
  | { type: 'failed'; code: string; error: string };

export async function defaultIsolation(): Promise<Isolation> {
  return (await netnsAvailable()).ok ? 'netns' : 'process';
}

/** Is a lab host alive behind this state dir? */
export async function labRunning(stateDir: string): Promise<boolean> {
  try {
    const reply = await sendControl(labPaths(stateDir).control, { op: 'status' }, 3000);
    return reply.ok;
  } catch {
    return false;
  }
}

/** Removes whatever a previous lab in this state dir left: a stale host process, namespaces, veths, bridge, socket. */
export async function cleanLeftovers(stateDir: string): Promise<void> {
  const record = readLabRecord(stateDir);
  if (record?.hostPid) killQuietly(record.hostPid);
  if (process.getuid?.() === 0) await removeLabNetwork(labNaming(stateDir));
  const paths = labPaths(stateDir);
  for (const file of [paths.control, paths.record, paths.inventory]) rmSync(file, { force: true });
}

/**
 * Starts a lab host for `topologyPath` detached from this process and resolves when every device answers,
 * reporting progress on the way. A lab already running in the state dir is an error, never silently replaced.
 */
export async function labUp(
  options: { topologyPath: string; stateDir: string; isolation: Isolation; yangDir?: string },
  onEvent: (event: UpEvent) => void = () => {},
): Promise<{ devices: number; inventory: string }> {
  const { topologyPath, stateDir, isolation } = options;
  if (isolation === 'netns') {
    const check = await netnsAvailable();
    if (!check.ok) throw new MilliError('LAB_NETNS', `--isolation netns is not possible here (${check.reason}); use --isolation process`);
  }
  if (await labRunning(stateDir)) {
    throw new MilliError(
      'LAB_STATE',
      `a lab is already running in ${labPaths(stateDir).dir}; run 'milli lab down --state-dir ${stateDir}' first`,
    );
  }
  await cleanLeftovers(stateDir);
  const paths = labPaths(stateDir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const log = openSync(paths.log, 'a', 0o600);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', HOST_MAIN, topologyPath, stateDir, isolation, options.yangDir ?? DEFAULT_YANG_DIR],
    {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', log, log, 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.on('message', (event: UpEvent) => {
      onEvent(event);
      if (event.type === 'ready') {
        child.removeAllListeners('exit');
        child.disconnect();
        child.unref();
        resolve({ devices: event.devices, inventory: event.inventory });
      } else if (event.type === 'failed') {
        void cleanLeftovers(stateDir).finally(() =>
          reject(new MilliError('LAB_START', `lab did not start: ${event.error}`, { code: event.code, log: paths.log })),
        );
      }
    });
    child.on('exit', (code) => {
      void cleanLeftovers(stateDir).finally(() =>
        reject(new MilliError('LAB_START', `the lab host exited (${code}) before it was ready; see ${paths.log}`, { log: paths.log })),
      );
    });
  });
}

export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
