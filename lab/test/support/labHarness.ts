import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { NetconfClient } from '@milli/netconf-client';
import { type Inventory, type InventoryEntry, generateMetro, loadInventory, resolveCredentials, writeTopology } from '@milli/topology';
import { registerLabCommands } from '../../src/cli/registerLabCommands';
import { labNaming } from '../../src/launcher/addressing';
import { ip } from '../../src/launcher/ipCommand';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const METRO_SMALL = join(REPO_ROOT, 'lab', 'topologies', 'metro-small.yaml');
export const IS_ROOT = process.getuid?.() === 0;
/** tsx's loader by absolute URL, so a child started in another directory still finds it. */
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;

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

/** Runs `milli lab ARGS...` in this process (as bin/milli.ts mounts it), capturing what it prints. */
export async function milliLab(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const program = new Command('milli').exitOverride();
  registerLabCommands(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const write = process.stderr.write.bind(process.stderr);
  const previousExit = process.exitCode;
  process.exitCode = 0;
  console.log = (...parts: unknown[]) => void out.push(parts.map(String).join(' '));
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'milli', 'lab', ...args]);
  } finally {
    console.log = log;
    process.stderr.write = write;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = previousExit;
  return { out: out.join('\n'), err: err.join(''), exitCode };
}

/** Runs `milli` (its lab commands) in a child process (for signals, other users, another PATH). */
export function milliProcess(
  args: string[],
  options: {
    uid?: number;
    gid?: number;
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(import.meta.dirname, 'labMilli.ts'), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr?.on('data', (d) => {
      stderr += String(d);
      options.onStderr?.(stderr, child);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
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
