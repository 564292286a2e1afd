import type { DeviceKind } from '@milli/topology';
import type { ChangeSet } from '../changeset/ChangeSet';
import type { ChangeSetApplier, StepRecorder } from './applier';
import type { DeviceInventory } from './inventory';
import type { OsuVerbs } from './osu';
import type { OtnVerbs } from './otn';
import type { RoadmVerbs } from './roadm';

/** Begins change sets on the device's current running config, and applies them. */
export interface ChangeSetFactory {
  /** Reads running config and returns an empty change set based on it. */
  beginChangeSet(): Promise<ChangeSet>;
  /** A fresh applier for one transaction on this device. */
  applier(record?: StepRecorder): ChangeSetApplier;
}

/**
 * A driver bound to one device session: its inventory, the verbs of the layers it speaks (by the modules the
 * device announced), and change sets. The controller reaches devices only through this.
 */
export interface DeviceDriver extends ChangeSetFactory {
  readonly device: string;
  readonly kind: DeviceKind;
  /** The plugin that made this driver (e.g. `milli-candidate`, `milli-running-only`). */
  readonly plugin: string;
  readonly inventory: DeviceInventory;
  readonly roadm?: RoadmVerbs;
  readonly otn?: OtnVerbs;
  readonly osu?: OsuVerbs;
}
