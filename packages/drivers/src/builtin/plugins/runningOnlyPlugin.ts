import { milliModuleScore } from './milliCandidatePlugin';
import { CANDIDATE, helloHas, WRITABLE_RUNNING } from '../../contract/session';
import type { DriverPlugin } from '../../registry/DriverPlugin';
import { driverPluginModule } from '../../registry/DriverRegistry';
import { MilliDriver } from '../../registry/MilliDriver';

/**
 * The driver for the running-only device model (writable-running, no candidate): change sets are validated
 * locally, applied to running, and rolled back with their computed inverse. It fits only when the device lacks
 * a candidate, so a device that has one keeps the candidate driver.
 */
export const runningOnlyPlugin: DriverPlugin = {
  name: 'milli-running-only',
  kinds: ['roadm', 'oxc', 'otn', 'osu'],
  match(hello, kind) {
    const score = milliModuleScore(hello, kind);
    if (score === undefined || helloHas(hello, CANDIDATE) || !helloHas(hello, WRITABLE_RUNNING)) return undefined;
    return score + 1;
  },
  create: (context) => new MilliDriver(context, 'milli-running-only', 'running'),
};

export const runningOnlyModule = driverPluginModule(runningOnlyPlugin);
