import { milliCandidateModule } from '../milli/milliCandidatePlugin';
import { runningOnlyModule } from '../runningOnly/runningOnlyPlugin';
import { DriverRegistry } from './DriverRegistry';

/** The plugin modules shipped with milli. A vendor folder adds its module here (or a caller loads it). */
export const BUILT_IN_DRIVER_MODULES = [milliCandidateModule, runningOnlyModule];

export function defaultDriverRegistry(): DriverRegistry {
  return new DriverRegistry().load(...BUILT_IN_DRIVER_MODULES);
}
