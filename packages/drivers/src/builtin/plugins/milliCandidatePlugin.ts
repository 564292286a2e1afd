import type { DeviceKind } from '@milli/topology';
import { CANDIDATE, type DeviceHello, helloHas } from '../../contract/session';
import type { DriverPlugin } from '../../registry/DriverPlugin';
import { driverPluginModule } from '../../registry/DriverRegistry';
import { MilliDriver } from '../../registry/MilliDriver';

/** The module each kind must announce for the milli drivers to speak to it. */
export const LAYER_MODULE: Record<DeviceKind, string> = { roadm: 'milli-roadm', oxc: 'milli-roadm', otn: 'milli-otn', osu: 'milli-osu' };

/** The module revisions these drivers were written against (each module's newest; test/yang-modules.test.ts checks). */
export const MILLI_REVISIONS: Record<string, string> = {
  'milli-device': '2026-11-26',
  'milli-roadm': '2026-12-07',
  'milli-otn': '2026-12-07',
  'milli-osu': '2026-12-07',
};

/**
 * Scores a hello for the milli modules: undefined without milli-device and the kind's layer module; 10 when the
 * revisions are the ones these drivers know, 5 for other revisions (still tried, but a plugin written for the
 * device's revision outranks it).
 */
export function milliModuleScore(hello: DeviceHello, kind: DeviceKind): number | undefined {
  const needed = ['milli-device', LAYER_MODULE[kind]];
  const announced = needed.map((name) => hello.modules.find((m) => m.name === name));
  if (announced.some((m) => m === undefined)) return undefined;
  const known = announced.every((m) => m?.revision === undefined || m.revision === MILLI_REVISIONS[m.name]);
  return known ? 10 : 5;
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
