import { milliCandidateModule } from '../builtin/plugins/milliCandidatePlugin';
import { runningOnlyModule } from '../builtin/plugins/runningOnlyPlugin';
import { DriverRegistry } from './DriverRegistry';

/** The plugin modules shipped with milli. A vendor folder adds its module here (or a caller loads it). */
export const BUILT_IN_DRIVER_MODULES = [milliCandidateModule, runningOnlyModule];

export function defaultDriverRegistry(): DriverRegistry {
  return new DriverRegistry().load(...BUILT_IN_DRIVER_MODULES);
}
