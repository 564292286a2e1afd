import { isMilliError } from '@milli/core';
import type { InventoryEntry, Topology } from '@milli/topology';
import type { DeviceSchema } from '../changeset/DeviceSchema';
import type { DeviceFacts } from '../contract/inventory';
import type { ConnectionPool } from '../pool/ConnectionPool';
import { Semaphore } from '../pool/Semaphore';
import { defaultDriverRegistry } from '../registry/defaultDriverRegistry';
import type { DriverRegistry } from '../registry/DriverRegistry';
import { compareWithTopology } from './compareWithTopology';
import { matchFibres } from './matchFibres';
import type { DiscoveredDevice, DiscoveredNetwork, Disagreement } from './types';

export interface DiscoverOptions {
  inventory: readonly InventoryEntry[];
  pool: ConnectionPool;
  schema: DeviceSchema;
  registry?: DriverRegistry;
  /** When given, every difference from it is a disagreement too. */
  topology?: Topology;
  /** Devices read at once (the pool bounds RPCs on its own); default 64. */
  concurrency?: number;
  onProgress?: (done: number, total: number, device: string) => void;
}

/**
 * Connects to every device of an inventory concurrently, reads each one's facts through its driver (one `<get>`),
 * and builds the network: devices, ports, fibres matched from both ends, cross-connects. Nothing a device does
 * stops the others: a device that does not answer, has no driver or names itself differently is a disagreement.
 */
export async function discoverNetwork(options: DiscoverOptions): Promise<DiscoveredNetwork> {
  const started = Date.now();
  const rpcsBefore = options.pool.stats().rpcs;
  const registry = options.registry ?? defaultDriverRegistry();
  const limit = new Semaphore(options.concurrency ?? 64);
  const disagreements: Disagreement[] = [];
  const devices: DiscoveredDevice[] = [];
  const facts: DeviceFacts[] = [];
  const unreachable = new Set<string>();
  let done = 0;

  await Promise.all(
    options.inventory.map((entry) =>
      limit.run(async () => {
        try {
          const pooled = await options.pool.acquire(entry.device);
          const driver = registry.create({
            device: entry.device,
            kind: entry.kind,
            hello: pooled.hello,
            netconf: pooled.netconf,
            schema: options.schema,
          });
          const f = await driver.inventory.facts();
          checkIdentity(entry, f, disagreements);
          facts.push({ ...f, device: entry.device });
          // The plugin the device's full self-description selects (vendor/model come with the facts).
          const plugin = registry.resolve(entry.device, entry.kind, { ...pooled.hello, ...vendorModel(f) }).name;
          devices.push(toDevice(entry, f, plugin));
        } catch (error) {
          unreachable.add(entry.device);
          const message = (error as Error).message;
          if (isMilliError(error, 'DRIVER_NOT_FOUND')) disagreements.push({ kind: 'driver-not-found', device: entry.device, message });
          else
            disagreements.push({
              kind: 'device-unreachable',
              device: entry.device,
              code: isMilliError(error) ? error.code : 'UNKNOWN',
              message,
            });
        } finally {
          options.onProgress?.(++done, options.inventory.length, entry.device);
        }
      }),
    ),
  );

  devices.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const answered = new Set(devices.map((d) => d.id));
  const matched = matchFibres(facts, answered);
  disagreements.push(...matched.disagreements);
  if (options.topology) disagreements.push(...compareWithTopology(devices, matched.fibres, options.topology, unreachable));
  return {
    devices,
    fibres: matched.fibres,
    disagreements,
    stats: {
      devices: options.inventory.length,
      answered: devices.length,
      rpcs: options.pool.stats().rpcs - rpcsBefore,
      wallMs: Date.now() - started,
    },
  };
}

function vendorModel(f: DeviceFacts): { vendor?: string; model?: string } {
  return { ...(f.vendor ? { vendor: f.vendor } : {}), ...(f.model ? { model: f.model } : {}) };
}

function checkIdentity(entry: InventoryEntry, f: DeviceFacts, out: Disagreement[]): void {
  if (f.device !== entry.device) {
    out.push({
      kind: 'identity-mismatch',
      device: entry.device,
      reported: f.device,
      message: `${entry.address}:${entry.port} was listed as ${entry.device} but says it is ${f.device}`,
    });
  }
  if (f.kind !== entry.kind) {
    out.push({
      kind: 'kind-mismatch',
      device: entry.device,
      expected: entry.kind,
      reported: f.kind,
      message: `${entry.device} was listed as ${entry.kind} but says it is ${f.kind}`,
    });
  }
}

function toDevice(entry: InventoryEntry, f: DeviceFacts, plugin: string): DiscoveredDevice {
  return {
    id: entry.device,
    site: entry.site ?? '',
    kind: f.kind,
    ...(f.model ? { model: f.model } : {}),
    ...(f.vendor ? { vendor: f.vendor } : {}),
    ports: f.ports.map(({ operStatus: _oper, ...port }) => port),
    management: { address: entry.address, port: entry.port },
    plugin,
    crossConnects: f.crossConnects,
  };
}
