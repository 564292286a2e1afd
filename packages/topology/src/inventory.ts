import { isAbsolute, join, dirname } from 'node:path';
import { MilliError, type ReadFileOptions, readTextFile } from '@milli/core';
import type { DeviceKind } from './model';
import { firstProblems, PROBLEMS_SHOWN } from './TopologyError';

/** A credentials file or private key is a few kilobytes; anything larger is not one. */
const SECRET_MAX_BYTES = 1024 * 1024;

/**
 * The inventory: where each device of a network answers NETCONF and how to trust it. The lab writes one
 * (`<state-dir>/inventory.json`) when it brings devices up; discovery and the controller read it. It lives here,
 * beside the model, because both the lab and the drivers must agree on it and neither may import the other.
 * It never holds a secret: `credentialsRef` points at where the secret is kept.
 */
export interface InventoryEntry {
  device: string;
  kind: DeviceKind;
  model?: string;
  site?: string;
  address: string;
  port: number;
  username: string;
  /** `file:PATH` (a 0600 JSON file `{ "password": "..." }` or `{ "privateKeyFile": "..." }`, relative to the inventory) or `env:VAR`. */
  credentialsRef: string;
  /** SHA256 host-key fingerprint as OpenSSH prints it: `SHA256:base64-without-padding`. */
  hostKeyFingerprint: string;
  /** The lab's network namespace for the device, when it runs in one. */
  namespace?: string;
}

export interface Inventory {
  version: 1;
  /** The topology file the devices were brought up from, when known. */
  topology?: string;
  devices: InventoryEntry[];
}

export interface DeviceCredentials {
  password?: string;
  privateKey?: string;
}

export function parseInventory(text: string, where = 'inventory'): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MilliError('TOPOLOGY_INVALID', `${where}: not JSON (${(error as Error).message})`, { file: where });
  }
  const problems: string[] = [];
  const inventory = data as Partial<Inventory>;
  if (inventory?.version !== 1) problems.push(`${where}.version: expected 1`);
  if (!Array.isArray(inventory?.devices)) problems.push(`${where}.devices: expected a list`);
  (inventory?.devices ?? []).forEach((entry, i) => {
    for (const key of ['device', 'kind', 'address', 'username', 'credentialsRef', 'hostKeyFingerprint'] as const) {
      if (typeof entry?.[key] !== 'string' || entry[key] === '')
        problems.push(`${where}.devices[${i}].${key}: expected a non-empty string`);
    }
    if (!Number.isInteger(entry?.port) || entry.port < 1 || entry.port > 65535)
      problems.push(`${where}.devices[${i}].port: expected 1..65535`);
  });
  if (problems.length > 0) {
    throw new MilliError('TOPOLOGY_INVALID', `${where} has ${problems.length} problem(s):\n${firstProblems(problems, '')}`, {
      file: where,
      problemCount: problems.length,
      problems: problems.slice(0, PROBLEMS_SHOWN),
    });
  }
  return inventory as Inventory;
}

export function loadInventory(path: string, options: Pick<ReadFileOptions, 'maxBytes' | 'limitFlag'> = {}): Inventory {
  return parseInventory(readTextFile(path, { ...options, what: 'inventory' }), path);
}

/** Reads the secret an entry points at. `inventoryPath` anchors relative `file:` references. */
export function resolveCredentials(entry: InventoryEntry, inventoryPath?: string): DeviceCredentials {
  const ref = entry.credentialsRef;
  if (ref.startsWith('env:')) {
    const value = process.env[ref.slice(4)];
    if (value === undefined)
      throw new MilliError('TOPOLOGY_INVALID', `credentials for ${entry.device}: environment variable ${ref.slice(4)} is not set`);
    return { password: value };
  }
  if (ref.startsWith('file:')) {
    const raw = ref.slice(5);
    const path = isAbsolute(raw) || !inventoryPath ? raw : join(dirname(inventoryPath), raw);
    let secret: { password?: string; privateKeyFile?: string };
    try {
      secret = JSON.parse(readTextFile(path, { what: 'credentials file', maxBytes: SECRET_MAX_BYTES }));
    } catch (error) {
      if (error instanceof MilliError) throw error;
      // Never quote the parser's message: it may hold part of the secret.
      throw new MilliError('TOPOLOGY_INVALID', `credentials for ${entry.device}: ${path} is not JSON`, {
        device: entry.device,
        file: path,
      });
    }
    return {
      ...(secret.password !== undefined ? { password: secret.password } : {}),
      ...(secret.privateKeyFile !== undefined
        ? { privateKey: readTextFile(secret.privateKeyFile, { what: 'private key', maxBytes: SECRET_MAX_BYTES }) }
        : {}),
    };
  }
  throw new MilliError('TOPOLOGY_INVALID', `credentials for ${entry.device}: '${ref}' is neither file:PATH nor env:VAR`, {
    device: entry.device,
  });
}
