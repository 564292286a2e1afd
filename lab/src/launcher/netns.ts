import { existsSync, readdirSync } from 'node:fs';
import type { LabNaming } from './addressing';
import { ip, ipBatch } from './ipCommand';

/**
 * The lab's containers without a Docker engine: one network namespace per device, joined by a veth pair to a
 * bridge in the root namespace that carries the bridge address, so the controller reaches every device and
 * devices are isolated from everything else (no routes out, no forwarding).
 */

/** True when this process may create namespaces: root, and `ip netns` works. */
export async function netnsAvailable(): Promise<{ ok: boolean; reason?: string }> {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root' };
  try {
    await ip('netns', 'list');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

export interface NamespaceSlot {
  namespace: string;
  vethHost: string;
  address: string;
}

/**
 * Creates the lab bridge and every device's namespace and veth pair in one `ip -batch` (the veth's peer is born
 * inside the namespace as eth0), then addresses each namespace with one `ip -n NS -batch` a few at a time:
 * 1 + N ip processes for N devices instead of ~8 N.
 */
export async function createLabNetwork(
  naming: LabNaming,
  slots: NamespaceSlot[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  await ipBatch([
    `link add ${naming.bridge} type bridge`,
    `addr add ${naming.bridgeAddress}/${naming.prefixLength} dev ${naming.bridge}`,
    `link set ${naming.bridge} up`,
    ...slots.flatMap((slot) => [
      `netns add ${slot.namespace}`,
      `link add ${slot.vethHost} type veth peer name eth0 netns ${slot.namespace}`,
      `link set ${slot.vethHost} master ${naming.bridge} up`,
    ]),
  ]);
  let done = 0;
  const queue = [...slots];
  const worker = async () => {
    for (let slot = queue.shift(); slot !== undefined; slot = queue.shift()) {
      await ipBatch([`addr add ${slot.address}/${naming.prefixLength} dev eth0`, 'link set eth0 up', 'link set lo up'], slot.namespace);
      onProgress(++done, slots.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Everything this lab made, found by name: namespaces, veths, the bridge. */
export async function leftovers(naming: LabNaming): Promise<{ namespaces: string[]; links: string[] }> {
  const namespaces = existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith(naming.namespacePrefix)) : [];
  const linkText = await ip('-o', 'link', 'show').catch(() => '');
  const links = [...linkText.matchAll(/^\d+:\s+([^:@\s]+)/gm)]
    .map((m) => m[1] ?? '')
    .filter((name) => name === naming.bridge || name.startsWith(naming.vethPrefix));
  return { namespaces, links };
}

/** Removes every namespace, veth and the bridge of this lab; safe to call when some or none exist. */
export async function removeLabNetwork(naming: LabNaming): Promise<void> {
  const found = await leftovers(naming);
  // Deleting a namespace deletes the veth end inside it, and with it the host end (the kernel does it a little
  // later, so whatever is still listed afterwards is deleted by name). `-force`: go on past lines that fail.
  await ipBatch(
    found.namespaces.map((ns) => `netns del ${ns}`),
    undefined,
    true,
  ).catch(() => '');
  const again = await leftovers(naming);
  const links = again.links.filter((l) => l !== naming.bridge);
  await ipBatch(
    [...links.map((l) => `link del ${l}`), ...(again.links.includes(naming.bridge) ? [`link del ${naming.bridge}`] : [])],
    undefined,
    true,
  ).catch(() => '');
}

const ipv4ToInt = (address: string) => address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

/**
 * Another interface with an address overlapping this lab's subnet (another lab whose state dir hashed to the
 * same /22, or a real network): the lab's bridge route would shadow it, so `up` refuses instead.
 */
export async function subnetConflict(naming: LabNaming): Promise<{ interface: string; address: string } | undefined> {
  const text = await ip('-o', '-4', 'addr', 'show');
  const ours = { start: ipv4ToInt(naming.network), size: 2 ** (32 - naming.prefixLength) };
  for (const match of text.matchAll(/^\d+:\s+(\S+)\s+inet\s+([\d.]+)\/(\d+)/gm)) {
    const [, name = '', address = '', bits = '32'] = match;
    if (name === naming.bridge) continue;
    const size = 2 ** (32 - Number(bits));
    const start = Math.floor(ipv4ToInt(address) / size) * size;
    if (start < ours.start + ours.size && ours.start < start + size) return { interface: name, address: `${address}/${bits}` };
  }
  return undefined;
}
