/**
 * One transaction at a time per device: a NETCONF lock belongs to a session, and every transaction of this process
 * shares the pool's one session per device, so the device's own lock cannot keep two of ours apart. Devices are
 * taken in sorted order, so two transactions over overlapping devices never wait on each other in a cycle.
 */
export class DeviceLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly takes = new Map<string, number>();

  async run<T>(devices: string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(devices)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const device of sorted) releases.push(await this.take(device));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Whether a transaction holds the device or waits for it now. */
  busy(device: string): boolean {
    return this.tails.has(device);
  }

  /**
   * How many times the device was taken so far: a caller that saw N while nothing else could come between and finds
   * N + 1 once it holds the device knows nobody held it in between.
   */
  taken(device: string): number {
    return this.takes.get(device) ?? 0;
  }

  private async take(device: string): Promise<() => void> {
    const previous = this.tails.get(device) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(device, tail);
    await previous;
    this.takes.set(device, this.taken(device) + 1);
    return () => {
      release();
      if (this.tails.get(device) === tail) this.tails.delete(device);
    };
  }
}
