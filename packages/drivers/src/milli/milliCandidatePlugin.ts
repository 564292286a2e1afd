import type { DeviceKind } from '@milli/topology';
import { CANDIDATE, type DeviceHello, helloHas } from '../contract/session';
import type { DriverPlugin } from '../registry/DriverPlugin';
import { driverPluginModule } from '../registry/DriverRegistry';
import { MilliDriver } from '../registry/MilliDriver';

/** The module each kind must announce for the milli drivers to speak to it. */
export const LAYER_MODULE: Record<DeviceKind, string> = { roadm: 'milli-roadm', oxc: 'milli-roadm', otn: 'milli-otn', osu: 'milli-osu' };

/** Scores a hello for the milli modules: undefined without milli-device and the kind's layer module. */
export function milliModuleScore(hello: DeviceHello, kind: DeviceKind): number | undefined {
  const names = new Set(hello.modules.map((m) => m.name));
  if (!names.has('milli-device') || !names.has(LAYER_MODULE[kind])) return undefined;
  return 10;
}

/** The default driver: milli modules over a candidate datastore with confirmed commit. */
export const milliCandidatePlugin: DriverPlugin = {
  name: 'milli-candidate',
  kinds: ['roadm', 'oxc', 'otn', 'osu'],
  match(hello, kind) {
    const score = milliModuleScore(hello, kind);
    return score !== undefined && helloHas(hello, CANDIDATE) ? score : undefined;
  },
  create: (context) => new MilliDriver(context, 'milli-candidate', 'candidate'),
};

export const milliCandidateModule = driverPluginModule(milliCandidatePlugin);
