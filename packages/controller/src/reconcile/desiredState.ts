import type { IntentState } from '../facade/types';
import type { InstalledLine } from '../installer/InstallerContext';
import type { PlannedItem } from '../installer/plan/PlannedItem';
import type { ControllerStore } from '../store/ControllerStore';

/**
 * States whose line must be on the devices as installed (unless another intent of the line is in flight, below).
 * The others are left alone: a line being provisioned, modified, released or restored is in the hands of a
 * transaction that owns its devices' configuration for now.
 */
export const RECONCILED_STATES: readonly IntentState[] = ['active', 'degraded'];

/**
 * States in which an intent's transaction owns its line's configuration. A line with any intent in one of them is
 * left alone even while its current intent is still `active`: a release intent takes the line off the devices before
 * the line's creator leaves `active`, and putting back what it just removed would undo the release.
 */
export const IN_FLIGHT_STATES: readonly IntentState[] = ['provisioning', 'modifying', 'deleting', 'restoring'];

/** What the store says one device must hold: every planned item of every line in a reconciled state. */
export interface DesiredDevice {
  device: string;
  items: PlannedItem[];
  /** Every item any installed line planned on the device, whatever its state: none of these is foreign. */
  known: Set<string>;
}

export async function desiredOf(store: ControllerStore, device: string): Promise<DesiredDevice> {
  // Only the lines on this device are read whole: a pass per device after a restart must not read every line each.
  const [lines, stateOf] = await Promise.all([store.linesOnDevice(device), store.intentStates()]);
  const items: PlannedItem[] = [];
  const known = new Set<string>();
  const seen = new Set<string>();
  for (const line of lines) {
    const installed = line.installed as InstalledLine | undefined;
    if (!installed || !Array.isArray(installed.items)) continue;
    const state = stateOf.get(line.current);
    const inFlight = line.intents.some((id) => IN_FLIGHT_STATES.includes(stateOf.get(id) as IntentState));
    for (const item of installed.items) {
      if (item.device !== device) continue;
      known.add(keyOf(item));
      if (state === undefined || !RECONCILED_STATES.includes(state) || inFlight) continue;
      // A shared item (an OSU-carrying ODU0, a lightpath) is planned by every line riding it: wanted once.
      if (seen.has(keyOf(item))) continue;
      seen.add(keyOf(item));
      items.push(item);
    }
  }
  return { device, items, known };
}

/** An entry's identity on its device: its list and its name. */
export function keyOf(entry: { layer: string; name: string }): string {
  return `${entry.layer}:${entry.name}`;
}
