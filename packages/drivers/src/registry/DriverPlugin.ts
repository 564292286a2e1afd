import type { DeviceKind } from '@milli/topology';
import type { DeviceSchema } from '../changeset/DeviceSchema';
import type { DeviceDriver } from '../contract/DeviceDriver';
import type { NetconfOps } from '../contract/netconf';
import type { DeviceHello } from '../contract/session';

/** What a plugin gets to build a driver for one connected device. */
export interface DriverContext {
  device: string;
  kind: DeviceKind;
  hello: DeviceHello;
  netconf: NetconfOps;
  schema: DeviceSchema;
}

/**
 * A driver plugin: which devices it fits, by kind and by what the device said in its hello (modules, revisions,
 * capabilities, vendor/model), and how to build the driver. `match` returns undefined when the plugin does not fit,
 * else a score: the registry picks the highest, so a vendor-specific plugin outranks a generic one.
 */
export interface DriverPlugin {
  readonly name: string;
  readonly kinds: readonly DeviceKind[];
  match(hello: DeviceHello, kind: DeviceKind): number | undefined;
  create(context: DriverContext): DeviceDriver;
}

/** The inversify service identifier plugins bind under, named by device kind. */
export const DRIVER_PLUGIN = Symbol.for('milli.drivers.DriverPlugin');
