import type { Compilation } from '@milli/intent';
import type { ResourceView } from '@milli/pce';
import type { Topology } from '@milli/topology';

export type LiveState = 'up' | 'down';

/**
 * What the API reads of the network beside the controller facade: the topology it serves, the reservations a
 * what-if path is computed against, the compilation a line holds (to check elastic and release intents) and the live
 * state of devices and fibres where it is known. `milli serve` builds it from the running controller.
 */
export interface NetworkContext {
  readonly topology: Topology;
  /** The reservations as they are now; path computation reads them and reserves nothing. */
  resources(): ResourceView | Promise<ResourceView>;
  compilationOf?(line: string): Compilation | undefined | Promise<Compilation | undefined>;
  deviceState?(device: string): LiveState | undefined;
  fibreState?(fibre: string): LiveState | undefined;
}
