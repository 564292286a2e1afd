import { existsSync, readdirSync } from 'node:fs';
import type { LabNaming } from './addressing';
import { ip, ipQuiet } from './ipCommand';

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

export async function createBridge(naming: LabNaming): Promise<void> {
  await ip('link', 'add', naming.bridge, 'type', 'bridge');
  await ip('addr', 'add', `${naming.bridgeAddress}/${naming.prefixLength}`, 'dev', naming.bridge);
  await ip('link', 'set', naming.bridge, 'up');
}

export async function createDeviceNamespace(
  naming: LabNaming,
  slot: { namespace: string; vethHost: string; address: string },
): Promise<void> {
  const peer = `${slot.vethHost}p`;
  await ip('netns', 'add', slot.namespace);
  await ip('link', 'add', slot.vethHost, 'type', 'veth', 'peer', 'name', peer);
  await ip('link', 'set', slot.vethHost, 'master', naming.bridge, 'up');
  await ip('link', 'set', peer, 'netns', slot.namespace);
  await ip('-n', slot.namespace, 'link', 'set', peer, 'name', 'eth0');
  await ip('-n', slot.namespace, 'addr', 'add', `${slot.address}/${naming.prefixLength}`, 'dev', 'eth0');
  await ip('-n', slot.namespace, 'link', 'set', 'eth0', 'up');
  await ip('-n', slot.namespace, 'link', 'set', 'lo', 'up');
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
  // Deleting a namespace deletes the veth end inside it, and with it the host end.
  await Promise.all(found.namespaces.map((ns) => ipQuiet('netns', 'del', ns)));
  const again = await leftovers(naming);
  await Promise.all(again.links.filter((l) => l !== naming.bridge).map((l) => ipQuiet('link', 'del', l)));
  await ipQuiet('link', 'del', naming.bridge);
}
