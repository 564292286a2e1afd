import type { DeviceKind } from '@milli/topology';
import { Container, ContainerModule } from 'inversify';
import type { DeviceDriver } from '../contract/DeviceDriver';
import { DriverError } from '../contract/DriverError';
import type { DeviceHello } from '../contract/session';
import { DRIVER_PLUGIN, type DriverContext, type DriverPlugin } from './DriverPlugin';

/** A container module binding one plugin under every device kind it serves: what a plugin folder exports. */
export function driverPluginModule(plugin: DriverPlugin): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const kind of plugin.kinds) bind<DriverPlugin>(DRIVER_PLUGIN).toConstantValue(plugin).whenNamed(kind);
  });
}

/**
 * Drivers keyed by device kind (inversify named bindings) and chosen by the device's hello. Adding a vendor is
 * loading its plugin module; nothing here or in the controller changes.
 */
export class DriverRegistry {
  constructor(readonly container: Container = new Container()) {}

  load(...modules: ContainerModule[]): this {
    this.container.loadSync(...modules);
    return this;
  }

  register(plugin: DriverPlugin): this {
    return this.load(driverPluginModule(plugin));
  }

  plugins(kind: DeviceKind): DriverPlugin[] {
    if (!this.container.isBound(DRIVER_PLUGIN, { name: kind })) return [];
    return this.container.getAll<DriverPlugin>(DRIVER_PLUGIN, { name: kind });
  }

  /** The best-fitting plugin for a device, or DRIVER_NOT_FOUND naming what the device announced. */
  resolve(device: string, kind: DeviceKind, hello: DeviceHello): DriverPlugin {
    let best: { plugin: DriverPlugin; score: number } | undefined;
    for (const plugin of this.plugins(kind)) {
      const score = plugin.match(hello, kind);
      if (score !== undefined && (best === undefined || score > best.score)) best = { plugin, score };
    }
    if (!best) {
      throw new DriverError('DRIVER_NOT_FOUND', `no driver fits ${device} (kind ${kind}, ${describe(hello)})`, {
        device,
        kind,
        modules: hello.modules.map((m) => `${m.name}@${m.revision ?? '-'}`),
        vendor: hello.vendor,
        model: hello.model,
        tried: this.plugins(kind).map((p) => p.name),
      });
    }
    return best.plugin;
  }

  create(context: DriverContext): DeviceDriver {
    return this.resolve(context.device, context.kind, context.hello).create(context);
  }
}

function describe(hello: DeviceHello): string {
  const modules = hello.modules.map((m) => m.name).join(', ') || 'no modules';
  const who = [hello.vendor, hello.model].filter(Boolean).join(' ');
  return who ? `${who}; ${modules}` : modules;
}
