import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MilliError } from '@milli/core';
import { loadTopology } from '@milli/topology';
import type { HostProgress } from '../host/LabHost';
import type { LabLimits } from '../host/labLimits';
import { labNaming, MAX_LAB_DEVICES } from './addressing';
import { sendControl } from './controlClient';
import { type Isolation, labPaths, readLabRecord, writeJsonAtomic } from './labState';
import { netnsAvailable, removeLabNetwork, subnetConflict } from './netns';
import { firstTakenPort } from './portCheck';

const HOST_MAIN = fileURLToPath(new URL('../host/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_YANG_DIR = fileURLToPath(new URL('../../../yang', import.meta.url));

export type UpEvent =
  /** The host process runs (its modules loaded, the topology read, the control socket open). */
  | { type: 'host'; pid: number; devices: number }
  | ({ type: 'progress' } & HostProgress)
  | { type: 'ready'; devices: number; inventory: string }
  | { type: 'failed'; code: string; error: string };

export interface LabUpOptions {
  topologyPath: string;
  stateDir: string;
  isolation: Isolation;
  yangDir?: string;
  /** `process` isolation only: device i listens on 127.0.0.1:basePort+i instead of a free port. */
  basePort?: number;
  /** Aborts the start: the host is killed and everything it made so far removed (what Ctrl-C does). */
  signal?: AbortSignal;
  /** Device limits and lab budgets (documented defaults where unset). */
  limits?: LabLimits;
  /** Extra Node options for the host process (a benchmark's `--cpu-prof`). */
  nodeArgs?: string[];
}

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
  const pid = record?.hostPid;
  if (pid && pid !== process.pid && isLabHost(pid, stateDir)) {
    killHost(pid);
    for (let i = 0; i < 50 && isLabHost(pid, stateDir); i++) await sleep(40);
  }
  if (process.getuid?.() === 0) await removeLabNetwork(labNaming(stateDir));
  const paths = labPaths(stateDir);
  for (const file of [paths.control, paths.record, paths.inventory, paths.topology, paths.knownHosts, paths.sshConfig])
    rmSync(file, { force: true });
}

/**
 * Starts a lab host for `topologyPath` detached from this process and resolves when every device answers,
 * reporting progress on the way. Everything that can be checked before starting is checked first (the topology,
 * the isolation, the ports), so a bad request starts nothing. A lab already running in the state dir is an
 * error, never silently replaced; whatever a crashed or interrupted one left is cleaned first.
 */
export async function labUp(
  options: LabUpOptions,
  onEvent: (event: UpEvent) => void = () => {},
): Promise<{ devices: number; inventory: string }> {
  const { topologyPath, stateDir, isolation, basePort } = options;
  const topology = await loadTopology(topologyPath); // a TopologyError lists every problem with its location
  if (topology.devices.length > MAX_LAB_DEVICES) {
    throw new MilliError('LAB_START', `a lab holds at most ${MAX_LAB_DEVICES} devices; ${topologyPath} has ${topology.devices.length}`);
  }
  if (isolation === 'netns') {
    const check = await netnsAvailable();
    if (!check.ok) throw new MilliError('LAB_NETNS', `--isolation netns is not possible here: ${check.reason}; use --isolation process`);
    if (basePort !== undefined)
      throw new MilliError('LAB_START', '--base-port applies to --isolation process only (in netns every device listens on port 830)');
  }
  if (await labRunning(stateDir)) {
    throw new MilliError(
      'LAB_STATE',
      `a lab is already running in ${labPaths(stateDir).dir}; run 'milli lab down --state-dir ${stateDir}' first`,
      {
        stateDir,
      },
    );
  }
  await cleanLeftovers(stateDir);
  if (isolation === 'netns') {
    const naming = labNaming(stateDir);
    const conflict = await subnetConflict(naming);
    if (conflict) {
      throw new MilliError(
        'LAB_NETNS',
        `this lab's subnet ${naming.network}/${naming.prefixLength} (derived from the state dir) overlaps ${conflict.address} on ${conflict.interface}; use another --state-dir`,
        { ...conflict, network: naming.network },
      );
    }
  }
  if (basePort !== undefined) {
    const taken = await firstTakenPort('127.0.0.1', basePort, topology.devices.length);
    if (taken !== undefined) {
      const device = topology.devices[taken - basePort]?.id;
      throw new MilliError(
        'LAB_START',
        `port ${taken} on 127.0.0.1 is already in use (device ${device} would listen there); choose another --base-port`,
        {
          port: taken,
          device,
        },
      );
    }
  }
  const paths = labPaths(stateDir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(paths.topology, topology);
  return startHost(options, onEvent);
}

function startHost(options: LabUpOptions, onEvent: (event: UpEvent) => void): Promise<{ devices: number; inventory: string }> {
  const { topologyPath, stateDir, isolation } = options;
  const paths = labPaths(stateDir);
  const log = openSync(paths.log, 'a', 0o600);
  // Absolute paths: the host runs in the repository root, and `down` recognises it by its state dir.
  const args = [
    resolve(topologyPath),
    resolve(stateDir),
    isolation,
    options.yangDir ?? DEFAULT_YANG_DIR,
    String(options.basePort ?? 0),
    ...(options.limits ? [JSON.stringify(options.limits)] : []),
  ];
  // Detached: the lab outlives this command. Until it is ready, the IPC channel ties the two together.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', HOST_MAIN, ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: MilliError) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      if (child.exitCode === null && child.pid) killHost(child.pid);
      void cleanLeftovers(stateDir).finally(() => reject(error));
    };
    const abort = () => fail(new MilliError('LAB_START', 'lab up was interrupted; everything it had started was removed', { stateDir }));
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    child.on('message', (event: UpEvent) => {
      if (settled) return;
      onEvent(event);
      if (event.type === 'ready') {
        settled = true;
        options.signal?.removeEventListener('abort', abort);
        child.removeAllListeners('exit');
        child.disconnect();
        child.unref();
        resolve({ devices: event.devices, inventory: event.inventory });
      } else if (event.type === 'failed') {
        fail(new MilliError('LAB_START', `lab did not start: ${event.error}`, { code: event.code, log: paths.log }));
      }
    });
    child.on('exit', (code) =>
      fail(new MilliError('LAB_START', `the lab host exited (${code}) before it was ready; see ${paths.log}`, { log: paths.log })),
    );
  });
}

/** Is `pid` the lab host of this state dir (and not some process that reused a stale pid)? */
export function isLabHost(pid: number, stateDir: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const zombie = / Z /.test(stat.slice(stat.lastIndexOf(')')));
    return !zombie && argv.includes(HOST_MAIN) && argv.includes(resolve(stateDir));
  } catch {
    return false;
  }
}

/**
 * Kills a lab host and everything it runs (it leads its own process group, being detached): an `ip -batch`
 * still creating namespaces must not outlive it and add namespaces after the cleanup removed them.
 */
export function killHost(pid: number): void {
  killQuietly(-pid);
  killQuietly(pid);
}

export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
