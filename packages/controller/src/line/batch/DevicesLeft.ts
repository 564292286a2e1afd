import type { DeviceChange } from '../../installer/NetworkTransaction';
import type { DeviceLocks } from '../DeviceLocks';
import type { RenderedRound } from './runGroupRound';

/**
 * What our last committed round on each device left there (its change set for the device), and the device's
 * DeviceLocks.taken while that round held it. A round that takes the device next (taken once more since) or lines
 * up while nobody holds it (taken as often) knows the device's config without reading it, as a round lined up behind
 * another knows it from that one's change sets. A round that does not commit forgets its devices: the next one
 * reads them.
 */
export class DevicesLeft {
  private readonly left = new Map<string, { change: DeviceChange; taken: number }>();

  constructor(private readonly locks: DeviceLocks) {}

  /** For a round holding these devices, each taken `held` times now: what the round before it on each left there. */
  heldBy(held: ReadonlyMap<string, number>): DeviceChange[] {
    return this.on(held.keys(), (d) => held.get(d)! - 1);
  }

  /** For a round lining up on these devices: what our last round left on those nobody holds now. */
  free(devices: Iterable<string>): DeviceChange[] {
    return this.on(devices, (d) => (this.locks.busy(d) ? undefined : this.locks.taken(d)));
  }

  /**
   * After a round held these devices (each taken `held` times then): what it committed is what they hold now; a
   * device it held without changing keeps what was known of it if nobody came between; after a round that did not
   * commit, nothing is known of them.
   */
  remember(held: ReadonlyMap<string, number>, committed: RenderedRound | undefined): void {
    const changes = new Map(committed?.merged.map((c) => [c.device, c]));
    for (const [d, taken] of held) {
      const before = this.left.get(d);
      const change = changes.get(d) ?? (committed && before?.taken === taken - 1 ? before.change : undefined);
      if (change) this.left.set(d, { change, taken });
      else this.left.delete(d);
    }
  }

  private on(devices: Iterable<string>, takenSince: (device: string) => number | undefined): DeviceChange[] {
    const known: DeviceChange[] = [];
    for (const d of devices) {
      const left = this.left.get(d);
      if (left && left.taken === takenSince(d)) known.push(left.change);
    }
    return known;
  }
}

/** A round standing for what earlier rounds left on some devices: where a round rendered after it begins there. */
export function knownRound(merged: DeviceChange[]): RenderedRound | undefined {
  return merged.length === 0 ? undefined : { settled: new Map(), rendered: [], merged, refused: [], releasedLines: new Set() };
}
