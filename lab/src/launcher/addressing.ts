import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { MilliError } from '@milli/core';

/**
 * Names and addresses for one lab, derived from its state dir so that several labs coexist and a later
 * `lab down` (or a crashed run's cleanup) can find everything a lab made even without its state file.
 * Linux caps interface names at 15 characters, hence the short hashed prefixes.
 */
export interface LabNaming {
  /** 6 hex digits naming this lab everywhere. */
  labId: string;
  bridge: string;
  namespacePrefix: string;
  vethPrefix: string;
  /** The lab subnet: a /22 inside 10.100.0.0–10.199.255.255, picked by the lab id. */
  network: string;
  prefixLength: number;
  bridgeAddress: string;
}

export const MAX_LAB_DEVICES = 1020;

export function labNaming(stateDir: string): LabNaming {
  const labId = createHash('sha256').update(resolve(stateDir)).digest('hex').slice(0, 6);
  const n = Number.parseInt(labId, 16);
  const second = 100 + (n % 100);
  const third = ((n >> 8) % 64) * 4;
  return {
    labId,
    bridge: `mlb${labId}`,
    namespacePrefix: `milli-${labId}-`,
    vethPrefix: `mv${labId}`, // + the device index in base 36: at most 10 characters
    network: `10.${second}.${third}.0`,
    prefixLength: 22,
    bridgeAddress: `10.${second}.${third}.1`,
  };
}

/** The i-th device (0-based) of the lab: its namespace, veth names and address. */
export function deviceSlot(naming: LabNaming, index: number, deviceId: string): { namespace: string; vethHost: string; address: string } {
  if (index < 0 || index >= MAX_LAB_DEVICES) {
    throw new MilliError('LAB_STATE', `a lab holds at most ${MAX_LAB_DEVICES} devices; device ${deviceId} is number ${index + 1}`);
  }
  const [a, b, c] = naming.network.split('.').map(Number) as [number, number, number];
  const host = index + 2; // .0 is the network, .1 the bridge
  return {
    namespace: `${naming.namespacePrefix}${deviceId}`,
    vethHost: `${naming.vethPrefix}${index.toString(36)}`,
    address: `${a}.${b}.${c + Math.floor(host / 256)}.${host % 256}`,
  };
}
