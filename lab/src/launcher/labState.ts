import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MilliError } from '@milli/core';

export type Isolation = 'netns' | 'process';

/** Where one device of a running lab lives. */
export interface LabDeviceRecord {
  device: string;
  kind: string;
  address: string;
  port: number;
  namespace?: string;
  vethHost?: string;
}

/** `<state-dir>/lab.json`: what `lab up` made, so `status`, `fault` and `down` (or the next `up`) can find it. */
export interface LabRecord {
  version: 1;
  topology: string;
  isolation: Isolation;
  hostPid?: number;
  startedAt: string;
  devices: LabDeviceRecord[];
}

export const DEFAULT_STATE_DIR = '.milli/lab';

export function labPaths(stateDir: string) {
  const dir = resolve(stateDir);
  return {
    dir,
    record: join(dir, 'lab.json'),
    knownHosts: join(dir, 'known_hosts'),
    sshConfig: join(dir, 'ssh_config'),
    inventory: join(dir, 'inventory.json'),
    /** The validated topology the lab runs, as JSON: the host reads it without parsing YAML or validating again. */
    topology: join(dir, 'topology.json'),
    credentials: join(dir, 'credentials.json'),
    control: join(dir, 'control.sock'),
    hostKeys: join(dir, 'host-keys'),
    log: join(dir, 'lab-host.log'),
  };
}

export function readLabRecord(stateDir: string): LabRecord | undefined {
  const path = labPaths(stateDir).record;
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LabRecord;
  } catch (error) {
    throw new MilliError('LAB_STATE', `${path} is not a lab record: ${(error as Error).message}`, { path });
  }
}

/** Written whole through a rename, so a crash never leaves half a record. */
export function writeJsonAtomic(path: string, value: unknown, mode = 0o644): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode });
  renameSync(tmp, path);
}
