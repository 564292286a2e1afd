import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetconfClient } from '@milli/netconf-client';
import { type Inventory, type InventoryEntry, generateMetro, loadInventory, resolveCredentials, writeTopology } from '@milli/topology';
import { labNaming } from '../../src/launcher/addressing';
import { ip } from '../../src/launcher/ipCommand';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const METRO_SMALL = join(REPO_ROOT, 'lab', 'topologies', 'metro-small.yaml');
export const IS_ROOT = process.getuid?.() === 0;
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `milli-${prefix}-`));
}

/** metro-small when it is committed; else a generated metro of the same shape (same command line as its header). */
export async function metroSmall(): Promise<string> {
  if (existsSync(METRO_SMALL)) return METRO_SMALL;
  const path = join(tempDir('topo'), 'metro-small.yaml');
  await writeTopology(path, generateMetro({ dcs: 2, important: 6, access: 10, parks: 10, radiusKm: 25, seed: 7, name: 'metro-small' }));
  return path;
}

/** metro-medium (150+ devices) when committed; else a generated metro of the same shape. */
export async function metroMedium(): Promise<string> {
  const committed = join(REPO_ROOT, 'lab', 'topologies', 'metro-medium.yaml');
  if (existsSync(committed)) return committed;
  const path = join(tempDir('topo'), 'metro-medium.yaml');
  await writeTopology(path, generateMetro({ dcs: 4, important: 12, access: 48, parks: 72, radiusKm: 60, seed: 11, name: 'metro-medium' }));
  return path;
}

/** A tiny metro (a handful of devices) for tests that need a second lab. */
export async function tinyMetro(): Promise<string> {
  const path = join(tempDir('topo'), 'metro-tiny.yaml');
  await writeTopology(path, generateMetro({ dcs: 1, important: 2, access: 0, parks: 0, radiusKm: 10, seed: 3, name: 'metro-tiny' }));
  return path;
}

/** Opens a NETCONF session to an inventory entry the way the controller does: its credentials, its pinned host key. */
export function connectEntry(inventoryPath: string, entry: InventoryEntry, timeoutMs = 10_000): Promise<NetconfClient> {
  const credentials = resolveCredentials(entry, inventoryPath);
  return NetconfClient.connect({
    host: entry.address,
    port: entry.port,
    username: entry.username,
    ...(credentials.password ? { password: credentials.password } : {}),
    hostKeyFingerprint: entry.hostKeyFingerprint,
    connectTimeoutMs: timeoutMs,
    keepaliveIntervalMs: 0,
  });
}

/** Every device of the inventory: hello, then close. Returns the session ids (one per device). */
export async function helloAll(inventoryPath: string, concurrency = 8): Promise<Map<string, number>> {
  const inventory: Inventory = loadInventory(inventoryPath);
  const sessions = new Map<string, number>();
  const queue = [...inventory.devices];
  const worker = async () => {
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
      const client = await connectEntry(inventoryPath, entry);
      sessions.set(entry.device, client.sessionId);
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sessions;
}

/** This lab's namespaces and links (veths, bridge) as the kernel lists them: what `lab down` must leave empty. */
export async function labNetworkObjects(stateDir: string): Promise<{ namespaces: string[]; links: string[] }> {
  const naming = labNaming(stateDir);
  const namespaces = (await ip('netns', 'list'))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(naming.namespacePrefix));
  const links = [...(await ip('-o', 'link')).matchAll(/^\d+:\s+([^:@\s]+)/gm)]
    .map((m) => m[1] ?? '')
    .filter((name) => name === naming.bridge || name.startsWith(naming.vethPrefix));
  return { namespaces, links };
}

/** Is the process running? A zombie (exited, not yet reaped by its parent, which may be this test) is not. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^ Z /.test(stat.slice(stat.lastIndexOf(')') + 1));
  } catch {
    return false;
  }
}

export function runDir(stateDir: string): string[] {
  return existsSync(stateDir) ? readdirSync(stateDir) : [];
}
