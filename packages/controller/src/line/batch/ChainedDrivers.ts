import type { ChangeSet, DeviceDriver } from '@milli/drivers';
import type { DeviceChange } from '../../installer/NetworkTransaction';
import type { DriverSource } from '../../installer/plan/renderChanges';

/**
 * The drivers a round's jobs render through, one after the other: each device's running config is read once per
 * round, and a job's change set for a device starts where the last accepted job's change set for it ends, so the
 * job is checked (duplicates, missing entries) against everything the round's earlier lines will have written,
 * and a shared entry one of them creates (an OSU-carrying ODU0) is seen as there. With `deferValidation` the change
 * sets skip YANG validation: the round validates each device's joined change set once instead of once per line.
 * With `after` (the change set per device of the round before, still on its way to the devices), those devices are
 * not read: their change sets begin where that round's end (a round rendered while the one before it is on the
 * network; it is rendered again from fresh reads if that one does not commit). `know` adds such change sets later: a
 * device an earlier round of ours left as its change set says, nobody having held it since (GroupCommit's record).
 */
export class ChainedDrivers {
  private readonly starts = new Map<string, Promise<ChangeSet>>();
  private readonly tips = new Map<string, ChangeSet>();
  /** Devices not read: their change sets begin where these end. */
  private readonly known: Map<string, ChangeSet>;

  constructor(
    private readonly drivers: DriverSource,
    private readonly options: { deferValidation?: boolean; after?: ReadonlyMap<string, ChangeSet> } = {},
  ) {
    this.known = new Map(options.after);
  }

  /** These devices hold what these change sets leave (unless a job already began on one): they are not read. */
  know(changes: readonly DeviceChange[]): void {
    for (const c of changes) if (!this.starts.has(c.device) && !this.known.has(c.device)) this.known.set(c.device, c.changeSet);
  }

  /** What a job renders through: the real drivers, except that change sets begin at the round's tip. */
  view(): DriverSource {
    return {
      driver: async (device) => {
        const driver = await this.drivers.driver(device);
        return continuing(driver, () => this.tip(device));
      },
    };
  }

  /**
   * Starts reading every device's running config now, all at once: the jobs render one after the other, and reading
   * each device when a job first touched it put forty reads of a round of moves end to end (the DC devices' whole
   * configurations among them) before the round reached the network. A read that fails fails the job that uses it.
   */
  prefetch(devices: Iterable<string>): void {
    for (const device of devices) this.start(device).catch(() => undefined);
  }

  /** A job's rendered change sets become where the next job's begin. */
  accept(changes: readonly DeviceChange[]): void {
    for (const c of changes) this.tips.set(c.device, c.changeSet);
  }

  private async tip(device: string): Promise<ChangeSet> {
    const tip = this.tips.get(device);
    const deferValidation = this.options.deferValidation ?? false;
    if (tip) return tip.continued({ deferValidation });
    return (await this.start(device)).continued({ deferValidation });
  }

  /** The device's running config as the round found it, read once. */
  private start(device: string): Promise<ChangeSet> {
    let start = this.starts.get(device);
    if (!start) {
      const after = this.known.get(device);
      start = after ? Promise.resolve(after.rebased()) : this.drivers.driver(device).then((d) => d.beginChangeSet());
      this.starts.set(device, start);
    }
    return start;
  }
}

function continuing(driver: DeviceDriver, begin: () => Promise<ChangeSet>): DeviceDriver {
  return {
    device: driver.device,
    kind: driver.kind,
    plugin: driver.plugin,
    inventory: driver.inventory,
    ...(driver.roadm ? { roadm: driver.roadm } : {}),
    ...(driver.otn ? { otn: driver.otn } : {}),
    ...(driver.osu ? { osu: driver.osu } : {}),
    beginChangeSet: begin,
    applier: (record) => driver.applier(record),
  };
}
