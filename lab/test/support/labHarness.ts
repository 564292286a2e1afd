import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectEntry } from '@milli/test-support';
import { type Inventory, loadInventory } from '@milli/topology';
import { labNaming } from '../../src/launcher/addressing';
import { ip } from '../../src/launcher/ipCommand';

export { REPO_ROOT, METRO_SMALL, metroSmall, metroMedium, tinyMetro, connectEntry } from '@milli/test-support';
export const IS_ROOT = process.getuid?.() === 0;
/** A fresh temporary directory that the caller removes (lab state dirs outlive a single test). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `milli-${prefix}-`));
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
