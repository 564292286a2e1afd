import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRO_SMALL, metroSmall, REPO_ROOT } from '@milli/test-support';
import { type Inventory, type InventoryEntry, type Topology, loadTopology } from '@milli/topology';
import { LabHost, type LabLimits, MockDevice, RUNNING_ONLY_MARK } from '@milli/lab';

export { METRO_SMALL, METRO_MEDIUM } from '@milli/test-support';
export const YANG_DIR = join(REPO_ROOT, 'yang');

/** metro-small: the lab's committed file, or (until it exists) one generated the same way. */
export async function smallTopology(): Promise<{ topology: Topology; source: string }> {
  const source = await metroSmall();
  return { topology: await loadTopology(source), source };
}

/** metro-small's lab host in this process (loopback ports), its state in a fresh temporary dir. */
export interface SmallLabHost {
  host: LabHost;
  /** The lab's state dir (its inventory and known hosts), free for the test's own files too. */
  dir: string;
  topology: Topology;
  inventory: Inventory;
  inventoryPath: string;
  /** Stops the host and removes the dir. */
  stop(): Promise<void>;
}

export async function startSmallLabHost(dirPrefix: string, limits?: LabLimits): Promise<SmallLabHost> {
  const { topology } = await smallTopology();
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const host = new LabHost({
    topology,
    topologyPath: METRO_SMALL,
    stateDir: dir,
    isolation: 'process',
    yangDir: YANG_DIR,
    ...(limits ? { limits } : {}),
  });
  const stop = async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const inventory = await host.start();
    return { host, dir, topology, inventory, inventoryPath: join(dir, 'inventory.json'), stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

export interface DriverLab {
  dir: string;
  topology: Topology;
  inventory: Inventory;
  inventoryPath: string;
  devices: Map<string, MockDevice>;
  /** Stops every device and removes the state dir; safe to call twice. */
  stop(): Promise<void>;
}

const USER = 'milli';

/** The model name that makes a mock device running-only (no candidate), per the lab's convention. */
export const runningOnlyModel = (model = 'generic-roadm') => `${model}-${RUNNING_ONLY_MARK}`;

/**
 * Starts one in-process MockDevice per device of a topology on 127.0.0.1 (random free ports) and writes the
 * inventory the lab launcher would: address, port, user, a credentials file reference, the host-key fingerprint.
 * `only` limits which devices start; `modelOf` overrides a device's model (e.g. a running-only variant).
 */
export async function startDriverLab(
  topology: Topology,
  options: { only?: (id: string) => boolean; modelOf?: (id: string) => string | undefined; skipInventory?: string[] } = {},
): Promise<DriverLab> {
  const dir = mkdtempSync(join(tmpdir(), 'milli-drivers-lab-'));
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const secretFile = join(dir, 'credentials.json');
  writeFileSync(secretFile, JSON.stringify({ password }), { mode: 0o600 });
  const devices = new Map<string, MockDevice>();
  const entries: InventoryEntry[] = [];
  const stop = async () => {
    await Promise.all([...devices.values()].map((d) => d.close().catch(() => undefined)));
    devices.clear();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const chosen = topology.devices.filter((d) => options.only?.(d.id) ?? true);
    for (const plan of chosen) {
      const model = options.modelOf?.(plan.id);
      const device = model ? { ...plan, model } : plan;
      const mock = new MockDevice({
        device,
        fibres: topology.fibres,
        topology,
        yangDir: YANG_DIR,
        stateDir: join(dir, 'state'),
        users: [{ username: USER, password }],
        onCrash: () => undefined,
      });
      devices.set(plan.id, mock);
      const address = await mock.listen('127.0.0.1', 0);
      if (options.skipInventory?.includes(plan.id)) continue;
      entries.push({
        device: plan.id,
        kind: plan.kind,
        ...(device.model ? { model: device.model } : {}),
        site: plan.site,
        address: address.host,
        port: address.port,
        username: USER,
        credentialsRef: 'file:credentials.json',
        hostKeyFingerprint: address.hostKeyFingerprint,
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const inventory: Inventory = { version: 1, devices: entries };
  const inventoryPath = join(dir, 'inventory.json');
  writeFileSync(inventoryPath, `${JSON.stringify(inventory, null, 2)}\n`);
  return { dir, topology, inventory, inventoryPath, devices, stop };
}
