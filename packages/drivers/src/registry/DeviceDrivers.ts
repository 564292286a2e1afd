import type { DeviceSchema } from '../changeset/DeviceSchema';
import type { DeviceDriver } from '../contract/DeviceDriver';
import type { ConnectionPool, PooledDevice } from '../pool/ConnectionPool';
import type { DriverRegistry } from './DriverRegistry';

/**
 * Drivers by device id, for the installer and the reconciler: each is built once per pooled session (a reconnect
 * yields a fresh driver on the new session) by the plugin the device's hello selects.
 */
export class DeviceDrivers {
  private readonly cache = new Map<string, { pooled: PooledDevice; driver: DeviceDriver }>();

  constructor(
    private readonly pool: ConnectionPool,
    private readonly registry: DriverRegistry,
    private readonly schema: DeviceSchema,
  ) {}

  async driver(device: string): Promise<DeviceDriver> {
    const pooled = await this.pool.acquire(device);
    const cached = this.cache.get(device);
    if (cached && cached.pooled === pooled) return cached.driver;
    const driver = this.registry.create({
      device,
      kind: pooled.entry.kind,
      hello: pooled.hello,
      netconf: pooled.netconf,
      schema: this.schema,
    });
    this.cache.set(device, { pooled, driver });
    return driver;
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.pool.close();
  }
}
